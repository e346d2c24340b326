import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/**
 * One step of the demo agent's day: a tool on one of the gateway's servers.
 * @public
 */
export interface DemoAgentStep {
  api: string;
  tool: string;
  arguments: Record<string, unknown>;
}

/**
 * What Refund Assistant does, round after round: looks orders up (allowed), comments on
 * tickets (refused: the demo's last review revoked tickets.comment, which its YAML still
 * declares, and the gateway obeys the approved scope), issues refunds (each needs a
 * person's approval), now and then a refund above its 200 USD limit (refused) and a
 * payments lookup outside its scope (refused).
 * @public
 */
export function refundAssistantRound(round: number): DemoAgentStep[] {
  const order = `A-${1000 + (round % 90)}`;
  const steps: DemoAgentStep[] = [
    { api: 'orders-mcp', tool: 'orders.lookup', arguments: { orderId: order } },
    {
      api: 'tickets-mcp',
      tool: 'tickets.comment',
      arguments: { ticketId: `T-${round}`, text: `Looked up ${order}` },
    },
  ];
  if (round % 4 === 1) {
    steps.push({
      api: 'payments-mcp',
      tool: 'refunds.issue',
      arguments: { orderId: order, amountUsd: 40 + ((round * 37) % 150) },
    });
  }
  if (round % 6 === 3) {
    steps.push({
      api: 'payments-mcp',
      tool: 'refunds.issue',
      arguments: { orderId: order, amountUsd: 350 },
    });
  }
  if (round % 8 === 5) {
    steps.push({
      api: 'payments-mcp',
      tool: 'payments.lookup',
      arguments: { orderId: order },
    });
  }
  return steps;
}

/**
 * The demo agent: an MCP SDK client holding Refund Assistant's behaviour certificate (asked
 * of Mandate with the gateway's service token, and asked again when Mandate's answer says it
 * no longer holds), calling tools through the gateway every few seconds. Refunds wait for
 * their approval without holding up the rest.
 * @public
 */
export function startDemoAgent(options: {
  baseUrl: string;
  token: string;
  gatewayUrl: string;
  agentRef?: string;
  everyMs?: number;
  log?: (line: string) => void;
}) {
  const agentRef = options.agentRef ?? 'agent:default/refund-assistant';
  const log = options.log ?? (() => {});
  let certificate: string | undefined;
  let stopped = false;
  let round = 0;
  let timer: NodeJS.Timeout | undefined;
  const waiting = new Set<string>();

  async function freshCertificate(): Promise<string> {
    const [, path] = agentRef.split(':');
    const res = await fetch(
      `${options.baseUrl}/api/agents/v1/agents/${path}/certificate`,
      { method: 'POST', headers: { Authorization: `Bearer ${options.token}` } },
    );
    const body = await res.json();
    if (!res.ok) throw new Error(body.error?.message ?? res.statusText);
    return body.certificate;
  }

  async function call(step: DemoAgentStep) {
    certificate ??= await freshCertificate();
    const client = new Client({ name: 'refund-assistant', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${options.gatewayUrl}/mcp/${step.api}`),
        {
          requestInit: { headers: { Authorization: `Bearer ${certificate}` } },
        },
      ),
    );
    try {
      await client.callTool(
        { name: step.tool, arguments: step.arguments },
        undefined,
        // A refund may wait up to the approval's expiry; progress keeps the call open.
        { timeout: 11 * 60_000, resetTimeoutOnProgress: true },
      );
      log(`${step.tool}: done`);
    } catch (error) {
      const message = (error as Error).message;
      log(`${step.tool}: ${message}`);
      if (/new certificate|expired|certificate/i.test(message)) {
        certificate = undefined;
      }
    } finally {
      await client.close();
    }
  }

  /** A call that could not even be made: the next one starts with a new certificate. */
  const failed = (step: DemoAgentStep) => (error: unknown) => {
    certificate = undefined;
    log(`${step.tool}: ${(error as Error).message}`);
  };

  async function tick() {
    round += 1;
    for (const step of refundAssistantRound(round)) {
      if (stopped) return;
      const key = `${step.tool}:${JSON.stringify(step.arguments)}`;
      if (step.tool === 'refunds.issue') {
        // One refund waits for a person at a time; the agent goes on meanwhile.
        if (waiting.size > 0) continue;
        waiting.add(key);
        call(step)
          .catch(failed(step))
          .finally(() => waiting.delete(key));
        continue;
      }
      await call(step).catch(failed(step));
    }
  }

  const loop = () => {
    tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, options.everyMs ?? 5000);
    });
  };
  loop();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

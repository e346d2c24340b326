/*
 * The MCP gateway benchmark, against a real Mandate backend (in-memory SQLite) and the
 * example MCP servers, all on loopback:
 *  1. decision overhead: tools/call latency through the gateway (certificate check, Cedar
 *     decision on the cached policy, span) against the same call straight to the upstream;
 *  2. containment latency: security suspends the agent → the gateway refuses its next call;
 *     and the owner revokes a tool → the gateway refuses the next call of it. The gateway
 *     polls Mandate's policies every second, as it does by default.
 * Run: yarn bench:gateway   Sizes: BENCH_CALLS (default 1000), BENCH_TRIALS (default 20).
 */
import {
  MandateUnderTest,
  agentEntity,
  startMandate,
} from '@internal/mandate-test-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { performance } from 'node:perf_hooks';
import { startDemoUpstreams } from '../packages/mcp-gateway/src/demo/upstreamServers';
import { startGateway } from '../packages/mcp-gateway/src/gateway/startGateway';

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 20);

async function connect(url: string, token?: string) {
  const client = new Client({ name: 'bench-agent', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: token
        ? { headers: { Authorization: `Bearer ${token}` } }
        : undefined,
    }),
  );
  return client;
}

const quantile = (samples: number[], q: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function latencies(client: Client): Promise<number[]> {
  const call = () =>
    client.callTool({ name: 'orders.lookup', arguments: { orderId: 'A-1' } });
  for (let i = 0; i < 50; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Milliseconds from `change` until a call of `tool` is refused. */
async function timeToRefusal(
  client: () => Promise<Client>,
  tool: string,
  change: () => Promise<unknown>,
): Promise<number> {
  const agent = await client();
  const start = performance.now();
  await change();
  for (;;) {
    const refused = await agent.callTool({ name: tool, arguments: {} }).then(
      () => false,
      () => true,
    );
    if (refused) return performance.now() - start;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

async function containment(
  mandate: MandateUnderTest,
  gatewayUrl: string,
  agentRef: string,
) {
  const suspension: number[] = [];
  const revocation: number[] = [];
  const waitUntilAllowed = async (tool: string) => {
    for (;;) {
      const agent = await connect(
        `${gatewayUrl}/mcp/tickets-mcp`,
        await mandate.certificate(agentRef),
      );
      const ok = await agent.callTool({ name: tool, arguments: {} }).then(
        () => true,
        () => false,
      );
      if (ok) return;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  };
  for (let trial = 0; trial < TRIALS; trial++) {
    await waitUntilAllowed('tickets.comment');
    suspension.push(
      await timeToRefusal(
        async () =>
          connect(
            `${gatewayUrl}/mcp/tickets-mcp`,
            await mandate.certificate(agentRef),
          ),
        'tickets.comment',
        () => mandate.suspend(agentRef),
      ),
    );
    await mandate.resume(agentRef);
  }
  for (let trial = 0; trial < TRIALS; trial++) {
    const name = `revocable-${trial}`;
    const ref = await mandate.commission(agentEntity(name));
    const certificate = await mandate.certificate(ref);
    // Wait until the gateway knows the new agent.
    for (;;) {
      const agent = await connect(`${gatewayUrl}/mcp/tickets-mcp`, certificate);
      const ok = await agent
        .callTool({ name: 'tickets.comment', arguments: {} })
        .then(
          () => true,
          () => false,
        );
      if (ok) break;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    revocation.push(
      await timeToRefusal(
        () => connect(`${gatewayUrl}/mcp/tickets-mcp`, certificate),
        'tickets.comment',
        () => mandate.revokeTool(ref, 'tickets.comment'),
      ),
    );
  }
  return { suspension, revocation };
}

async function main() {
  const mandate = await startMandate();
  const agentRef = await mandate.commission(agentEntity('bench-agent'));
  const upstreams = await startDemoUpstreams();
  const gateway = await startGateway({
    baseUrl: mandate.baseUrl,
    token: mandate.serviceToken,
    port: 0,
    upstreams: upstreams.urls,
    clock: mandate.clock.now,
  });
  try {
    const certificate = await mandate.certificate(agentRef);
    const direct = await latencies(await connect(upstreams.urls['orders-mcp']));
    const through = await latencies(
      await connect(`${gateway.url}/mcp/orders-mcp`, certificate),
    );
    console.log(
      `tools/call (orders.lookup, ${CALLS} calls, one client, stateless Streamable HTTP):`,
    );
    console.log(
      `  straight to the upstream: p50 ${ms(quantile(direct, 0.5))}, p99 ${ms(
        quantile(direct, 0.99),
      )}`,
    );
    console.log(
      `  through the gateway:      p50 ${ms(quantile(through, 0.5))}, p99 ${ms(
        quantile(through, 0.99),
      )}`,
    );
    console.log(
      `  the gateway adds:         p50 ${ms(
        quantile(through, 0.5) - quantile(direct, 0.5),
      )}, p99 ${ms(quantile(through, 0.99) - quantile(direct, 0.99))}`,
    );
    const { suspension, revocation } = await containment(
      mandate,
      gateway.url,
      agentRef,
    );
    for (const [what, samples] of [
      ['security suspends the agent', suspension],
      ['the owner revokes a tool', revocation],
    ] as const) {
      console.log(
        `containment, ${what} → next call refused (${
          samples.length
        } trials, policy poll 1 s): median ${ms(
          quantile(samples, 0.5),
        )}, p95 ${ms(quantile(samples, 0.95))}, max ${ms(
          Math.max(...samples),
        )}`,
      );
    }
  } finally {
    await gateway.stop();
    await upstreams.stop();
    await mandate.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);

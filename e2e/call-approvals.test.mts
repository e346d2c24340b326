// Per-call human approval end to end: the reference MCP gateway (yarn gateway
// --demo-upstreams) holds Refund Assistant's refunds for a person; Dana, its sponsor,
// approves one in Chromium and the MCP call completes; a refund above maxAmountUsd is
// refused at once; security suspends the agent in the browser and the gateway refuses its
// next call within 5 s.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, BACKEND_URL, launchBrowser, signInAs } from './browser.mts';

const GATEWAY_PORT = Number(process.env.MANDATE_E2E_GATEWAY_PORT ?? 7390);
const GATEWAY_URL = `http://127.0.0.1:${GATEWAY_PORT}`;
const GATEWAY_TOKEN = 'mandate-demo-gateway-token';
const AGENT = 'agent:default/refund-assistant';
const LIFECYCLE = `${APP_URL}/catalog/default/agent/refund-assistant/lifecycle`;

let browser: Browser;
let gateway: ChildProcess | undefined;
let gatewayLog = '';
let certificate: string;
const startedAt = Date.now();

function stopGateway() {
  if (!gateway?.pid || gateway.exitCode !== null) return;
  try {
    // The gateway runs in its own process group: yarn, node and the example servers.
    process.kill(-gateway.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
process.on('exit', stopGateway);

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`${what} within ${timeoutMs / 1000}s\n${gatewayLog}`);
    }
    await new Promise(resolve => setTimeout(resolve, everyMs));
  }
}

/** A demo user's Backstage token, as the demo sign-in gives it. */
async function tokenOf(user: string): Promise<string> {
  const auth = await fetch(`${BACKEND_URL}/api/auth/demo/refresh`, {
    headers: { 'x-mandate-demo-user': user },
  }).then(r => r.json());
  return auth.backstageIdentity.token;
}

/** An MCP SDK client holding Refund Assistant's certificate, at one of the gateway's servers. */
async function agentClient(api: string): Promise<Client> {
  const client = new Client({ name: 'refund-assistant-e2e', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${GATEWAY_URL}/mcp/${api}`), {
      requestInit: { headers: { Authorization: `Bearer ${certificate}` } },
    }),
  );
  return client;
}

/** One tool call through the gateway, as the agent makes it; the client is closed after. */
async function callTool(
  api: string,
  tool: string,
  args: Record<string, unknown>,
  meta?: Record<string, unknown>,
) {
  const client = await agentClient(api);
  try {
    return await client.callTool(
      { name: tool, arguments: args, ...(meta ? { _meta: meta } : {}) },
      undefined,
      // A held call waits for a person; the gateway's progress keeps it open.
      {
        timeout: 3 * 60_000,
        resetTimeoutOnProgress: true,
        onprogress: () => {},
      },
    );
  } finally {
    await client.close();
  }
}

const refusal = (call: Promise<unknown>) =>
  call.then(
    result => {
      throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
    },
    (error: Error) => error.message,
  );

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

before(async () => {
  gateway = spawn('yarn', ['gateway', '--demo-upstreams'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      MANDATE_BASE_URL: BACKEND_URL,
      MANDATE_TOKEN: GATEWAY_TOKEN,
      MANDATE_GATEWAY_PORT: String(GATEWAY_PORT),
    },
  });
  for (const stream of [gateway.stdout!, gateway.stderr!]) {
    stream.on('data', chunk => {
      gatewayLog = (gatewayLog + chunk).slice(-10_000);
    });
  }
  const [launched] = await Promise.all([
    launchBrowser(),
    waitFor(
      'the gateway did not answer /healthz',
      async () =>
        (await fetch(`${GATEWAY_URL}/healthz`)).ok ? true : undefined,
      90_000,
    ),
  ]);
  browser = launched;
  const issued = await fetch(
    `${BACKEND_URL}/api/agents/v1/agents/default/refund-assistant/certificate`,
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${GATEWAY_TOKEN}` },
    },
  );
  const body = await issued.json();
  assert.equal(issued.status, 201, JSON.stringify(body));
  certificate = body.certificate;
  console.log(`# set-up: ${Date.now() - startedAt} ms`);
});

after(async () => {
  try {
    // Leave Refund Assistant active for the other tests, whatever happened here.
    const token = await tokenOf('nina.kowalski');
    const agent = await fetch(
      `${BACKEND_URL}/api/agents/v1/agents/default/refund-assistant`,
      { headers: { Authorization: `Bearer ${token}` } },
    ).then(r => r.json());
    if (agent.state === 'suspended') {
      await fetch(`${BACKEND_URL}/api/agents/v1/requests`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          agentRef: AGENT,
          type: 'resume',
          reason: 'End-to-end test cleanup: the suspension was a drill.',
        }),
      });
    }
  } finally {
    await browser?.close();
    stopGateway();
    console.log(`# call-approvals.test.mts: ${Date.now() - startedAt} ms`);
  }
});

test('a refund waits for a person; its sponsor approves it in the browser and the MCP call completes', async () => {
  const call = callTool(
    'payments-mcp',
    'refunds.issue',
    { orderId: 'A-1042', amountUsd: 120 },
    { 'mandate/onBehalfOf': 'user:default/sam.ortiz' },
  );
  // Whatever the browser does, the call's outcome is awaited (no unhandled rejection).
  const outcome = call.then(
    result => ({ result }),
    (error: Error) => ({ error }),
  );

  const page = await signInAs(browser, 'dana.lee');
  try {
    // Waiting for you lists it for Dana (Customer Care's lead and the agent's sponsor).
    await page.goto(`${APP_URL}/agents`);
    const waiting = page
      .getByRole('list', { name: 'Waiting for you' })
      .getByRole('link', {
        name: 'Approve or deny: refunds.issue of refund-assistant',
      });
    await waiting.waitFor({ timeout: 60_000 });
    await waiting.click();

    const held = page
      .getByRole('table', { name: 'Calls waiting for approval' })
      .getByRole('row')
      .filter({ hasText: '"orderId":"A-1042","amountUsd":120' });
    await held.waitFor({ timeout: 30_000 });
    const heldText = await held.innerText();
    assert.match(heldText, /refunds\.issue/);
    assert.match(heldText, /approval: human/);
    assert.match(heldText, /user:default\/sam\.ortiz/);
    assert.match(heldText, /service:agent-gateway/);
    assert.match(heldText, /expires in (9|10) minutes/);
    await held.scrollIntoViewIfNeeded();
    // The card: the innermost element that holds its title and its table.
    await page
      .locator('div')
      .filter({
        has: page.getByRole('table', { name: 'Calls waiting for approval' }),
      })
      .filter({ hasText: /^\s*Calls waiting for approval/ })
      .last()
      .screenshot({ path: 'docs/screenshots/call-approval-card.png' });

    await held.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve refunds.issue' });
    await dialog
      .getByRole('textbox', { name: 'Reason' })
      .fill('Order A-1042 arrived damaged; the customer sent photos.');
    await page.screenshot({
      path: 'docs/screenshots/call-approval-dialog.png',
    });
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await page
      .getByText('Approved refunds.issue: the gateway forwards the call.')
      .waitFor();

    const answered = await outcome;
    assert.ok(
      'result' in answered,
      `the call failed: ${(answered as { error?: Error }).error?.message}`,
    );
    const { result } = answered as { result: Awaited<typeof call> };
    assert.notEqual(result.isError, true, JSON.stringify(result));
    const [content] = result.content as { type: string; text: string }[];
    assert.deepEqual(JSON.parse(content.text), {
      refundId: 'R-A-1042',
      orderId: 'A-1042',
      amountUsd: 120,
      status: 'issued',
    });

    // The decision is listed with who made it and why.
    const decided = page
      .getByRole('table', { name: 'Decided calls' })
      .getByRole('row')
      .filter({ hasText: 'Order A-1042 arrived damaged' });
    await decided.waitFor({ timeout: 15_000 });
    assert.match(
      await decided.innerText(),
      /approved[\s\S]*user:default\/dana\.lee/,
    );
  } catch (error) {
    await shoot(page, 'call-approval-failed');
    throw error;
  } finally {
    await page.close();
  }
});

test('a refund above maxAmountUsd is refused at once, without asking anyone', async () => {
  const asked = Date.now();
  const message = await refusal(
    callTool('payments-mcp', 'refunds.issue', {
      orderId: 'A-1043',
      amountUsd: 350,
    }),
  );
  const tookMs = Date.now() - asked;
  assert.match(message, /350 USD is above maxAmountUsd 200/);
  assert.ok(tookMs < 3_000, `refused after ${tookMs} ms`);
  console.log(`# refund above the limit refused after ${tookMs} ms`);
});

test('security suspends Refund Assistant in the browser and the gateway refuses its next call within 5 s', async () => {
  // Allowed while the agent is active.
  const before = await callTool('orders-mcp', 'orders.lookup', {
    orderId: 'A-1042',
  });
  assert.notEqual(before.isError, true, JSON.stringify(before));

  const page = await signInAs(browser, 'nina.kowalski');
  try {
    await page.goto(LIFECYCLE);
    const reason = page.getByRole('textbox', {
      name: 'Reason for your decision or request',
    });
    await reason.waitFor({ timeout: 30_000 });
    await reason.fill('Incident 5120: refunds issued twice; contain it.');
    await page.getByRole('button', { name: 'Suspend', exact: true }).click();
    await page.getByText('suspend filed').waitFor();
    const suspendedAt = Date.now();

    const message = await waitFor(
      'the gateway did not refuse Refund Assistant after its suspension',
      async () =>
        (await refusal(
          callTool('orders-mcp', 'orders.lookup', { orderId: 'A-1042' }),
        ).catch(() => undefined)) ?? undefined,
      5_000,
      200,
    );
    const tookMs = Date.now() - suspendedAt;
    assert.match(message, /suspended/);
    assert.ok(tookMs <= 5_000, `refused ${tookMs} ms after the suspension`);
    console.log(`# refused ${tookMs} ms after the suspension: ${message}`);

    // Resume it, as security does once the incident is over.
    await reason.fill('Incident 5120 resolved: duplicate refunds reversed.');
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await page.getByText('resume filed').waitFor();
  } catch (error) {
    await shoot(page, 'call-approval-suspend-failed');
    throw error;
  } finally {
    await page.close();
  }
});

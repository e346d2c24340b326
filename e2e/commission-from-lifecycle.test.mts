// An agent registered in the catalog without a commission, as a repository's
// catalog-info.yaml would be, stays proposed. Its owner commissions it from the Lifecycle
// tab with a reason; security approves it there, and the agent becomes active with its
// declared scope as approved scope v1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { APP_URL, BACKEND_URL, launchBrowser, signInAs } from './browser.mts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A demo user's Backstage token, as the demo sign-in gives it. */
async function tokenOf(user: string): Promise<string> {
  const auth = await fetch(`${BACKEND_URL}/api/auth/demo/refresh`, {
    headers: { 'x-mandate-demo-user': user },
  }).then(r => r.json());
  return auth.backstageIdentity.token;
}

async function call(
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  const res = await fetch(`${BACKEND_URL}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

test('an owner commissions a catalog-registered agent from its Lifecycle tab, and security approves it', async () => {
  const name = `invoice-matcher-${Date.now().toString(36)}`;
  const agentPath = `/api/agents/v1/agents/default/${name}`;
  const dana = await tokenOf('dana.lee');

  // Registered like any repository file: the catalog reads the YAML from a URL. The demo
  // has no SCM, so the YAML is stored in the agents backend (agents.portalPublishing).
  const { catalogInfoUrl } = await call(
    dana,
    'POST',
    '/api/agents/v1/portal/agents',
    {
      entity: {
        apiVersion: 'mandate.dev/v1alpha1',
        kind: 'Agent',
        metadata: { name, title: 'Invoice Matcher' },
        spec: {
          type: 'service-agent',
          lifecycle: 'experimental',
          owner: 'group:customer-care',
          sponsor: 'user:dana.lee',
          identity: { id: `spiffe://acme.example/agent/${name}` },
          model: {
            provider: 'anthropic',
            name: 'claude-haiku-4-5',
            tier: 'small',
          },
          purpose: 'Match refund requests with their invoices.',
          dataClasses: ['customer-pii'],
          tools: [
            {
              name: 'orders.lookup',
              api: 'api:orders-mcp',
              access: 'read',
              dataClasses: ['customer-pii'],
            },
          ],
        },
      },
    },
  );
  await call(dana, 'POST', '/api/catalog/locations', {
    type: 'url',
    target: catalogInfoUrl,
  });

  // The catalog processes the location, then Mandate's catalog sync finds the agent.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const agent = await call(dana, 'GET', agentPath).catch(() => undefined);
    if (agent) {
      assert.equal(agent.state, 'proposed');
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`${name} did not reach Mandate within 90 s`);
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }

  const owner = await signInAs(browser, 'dana.lee');
  await owner.goto(`${APP_URL}/catalog/default/agent/${name}/lifecycle`);
  await owner.getByRole('button', { name: 'Commission', exact: true }).click();
  const dialog = owner.getByRole('dialog', { name: 'Commission agent' });
  assert.match(
    await dialog.getByRole('list', { name: 'Declared scope' }).innerText(),
    /orders\.lookup: read, data customer-pii/,
  );
  // The reason is required.
  await dialog.getByRole('button', { name: 'File commission' }).click();
  await dialog.getByText(/Give a reason of at least 3 characters/).waitFor();
  await dialog
    .getByLabel('Reason')
    .fill('Pilot with Customer Care before the refund season.');
  await dialog.getByRole('button', { name: 'File commission' }).click();
  await owner
    .getByText('Commission filed; it waits for security’s approval.')
    .waitFor();
  const filed = owner
    .getByRole('table', { name: 'Requests' })
    .getByRole('row')
    .filter({ hasText: 'Pilot with Customer Care before the refund season.' });
  assert.match(
    await filed.innerText(),
    /commission[\s\S]*user:default\/dana\.lee[\s\S]*pending/,
  );
  assert.equal(
    await owner
      .getByRole('button', { name: 'Commission', exact: true })
      .count(),
    0,
  );
  // The owner may not approve their own commission.
  assert.equal(await owner.getByRole('button', { name: 'Approve' }).count(), 0);
  await owner.close();

  const security = await signInAs(browser, 'nina.kowalski');
  await security.goto(`${APP_URL}/catalog/default/agent/${name}/lifecycle`);
  const pending = security
    .getByRole('table', { name: 'Requests' })
    .getByRole('row')
    .filter({ hasText: 'Pilot with Customer Care before the refund season.' });
  await pending.waitFor({ timeout: 30_000 });
  await security
    .getByLabel('Reason for your decision or request')
    .fill('Read-only pilot scope; approved.');
  await pending.getByRole('button', { name: 'Approve' }).click();
  await security.getByText('commission approved').waitFor();
  await pending.getByText('approve by user:default/nina.kowalski').waitFor();
  await security.getByText('active', { exact: true }).first().waitFor();
  await security.close();

  const agent = await call(dana, 'GET', agentPath);
  assert.equal(agent.state, 'active');
  assert.equal(agent.approvedScope.version, 1);
  assert.deepEqual(
    agent.approvedScope.tools.map((t: { name: string }) => t.name),
    ['orders.lookup'],
  );
});

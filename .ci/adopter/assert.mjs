// The adopter test's checks through HTTP, signed in with the app's guest provider (whose
// auth.providers.guest.userEntityRef the test sets per backend run).
//   node assert.mjs <backend url> file    as the owner: the catalog holds the Agent with its
//                                         relations; Mandate sees it proposed; the owner files
//                                         its commission (prints the request id)
//   node assert.mjs <backend url> approve <request id>
//                                         as security, after a restart: the request is still
//                                         pending; security approves; the agent is active;
//                                         the audit chain verifies; a tool call exported
//                                         over OTLP (token OTLP_TOKEN) shows as its activity
import assert from 'node:assert/strict';

const [baseUrl, mode, requestId] = process.argv.slice(2);
const agentRef = 'agent:default/invoice-matcher';
const deadline = Date.now() + 120_000;

async function call(token, method, path, body) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      'X-Requested-With': 'XMLHttpRequest',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function eventually(what, fn) {
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${error.message}`);
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
}

// The guest provider signs in as the catalog's user once the catalog has read the org data;
// until then its token carries no groups.
const group =
  mode === 'file' ? 'group:default/payments-team' : 'group:default/security';
const auth = await eventually(`a sign-in as a member of ${group}`, async () => {
  const a = await call(undefined, 'GET', '/api/auth/guest/refresh');
  assert.ok(a.backstageIdentity.identity.ownershipEntityRefs.includes(group));
  return a;
});
const token = auth.backstageIdentity.token;
const identity = auth.backstageIdentity.identity;
console.log(
  `signed in as ${identity.userEntityRef} (${identity.ownershipEntityRefs.join(
    ', ',
  )})`,
);

if (mode === 'file') {
  const entity = await eventually(
    'the Agent in the catalog with its relations',
    async () => {
      const e = await call(
        token,
        'GET',
        '/api/catalog/entities/by-name/agent/default/invoice-matcher',
      );
      const relations = (e.relations ?? []).map(
        r => `${r.type} ${r.targetRef}`,
      );
      for (const want of [
        'ownedBy group:default/payments-team',
        'sponsoredBy user:default/ada.owner',
        'partOf system:default/billing',
        'consumesApi api:default/invoices-mcp',
      ]) {
        assert.ok(
          relations.includes(want),
          `no relation "${want}" in ${relations.join('; ')}`,
        );
      }
      return e;
    },
  );
  console.log(
    `catalog: ${entity.kind} ${entity.metadata.name}, ${entity.relations.length} relations`,
  );
  const owners = await call(
    token,
    'GET',
    '/api/catalog/entities/by-name/group/default/payments-team',
  );
  assert.ok(
    owners.relations.some(
      r => r.type === 'ownerOf' && r.targetRef === agentRef,
    ),
    'the owning group has no ownerOf relation to the agent',
  );
  const agent = await eventually('the agent in Mandate', () =>
    call(token, 'GET', '/api/agents/v1/agents/default/invoice-matcher'),
  );
  assert.equal(agent.state, 'proposed');
  const request = await call(token, 'POST', '/api/agents/v1/requests', {
    agentRef,
    type: 'commission',
    reason: 'Adopter test: commission the catalog-registered agent.',
  });
  assert.equal(request.status, 'pending');
  console.log(`commission ${request.id} filed by the owner: ${request.status}`);
  console.log(`REQUEST_ID=${request.id}`);
} else if (mode === 'approve') {
  const before = await eventually('the request after the restart', () =>
    call(token, 'GET', `/api/agents/v1/requests/${requestId}`),
  );
  assert.equal(
    before.status,
    'pending',
    'the request did not survive the restart',
  );
  const decided = await call(
    token,
    'POST',
    `/api/agents/v1/requests/${requestId}/decision`,
    {
      decision: 'approve',
      reason: 'Adopter test: approved by security.',
    },
  );
  console.log(`commission ${requestId} decided by security: ${decided.status}`);
  const agent = await eventually('the agent active', async () => {
    const a = await call(
      token,
      'GET',
      '/api/agents/v1/agents/default/invoice-matcher',
    );
    assert.equal(a.state, 'active');
    return a;
  });
  assert.equal(agent.approvedScope.version, 1);
  console.log(
    `agent ${agentRef}: ${agent.state}, approved scope v${agent.approvedScope.version}`,
  );
  const audit = await call(token, 'GET', '/api/agents/v1/audit/verify');
  assert.equal(
    audit.ok,
    true,
    `the audit chain does not verify: ${JSON.stringify(audit)}`,
  );
  console.log(`audit chain verified: ${audit.checked} records`);

  // A gateway's span, read on the receiver's reader threads and counted for the agent.
  const startNanos = BigInt(Date.now() - 60_000) * 1_000_000n;
  const exported = await fetch(`${baseUrl}/api/agents/otlp/v1/traces`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${process.env.OTLP_TOKEN}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
                  spanId: '00f067aa0ba902b7',
                  name: 'execute_tool invoices.match',
                  startTimeUnixNano: String(startNanos),
                  endTimeUnixNano: String(startNanos + 40_000_000n),
                  attributes: [
                    ['gen_ai.operation.name', 'execute_tool'],
                    ['gen_ai.tool.name', 'invoices.match'],
                    ['gen_ai.agent.id', agent.identityId],
                  ].map(([key, value]) => ({
                    key,
                    value: { stringValue: value },
                  })),
                },
              ],
            },
          ],
        },
      ],
    }),
  });
  const answer = await exported.text();
  assert.equal(exported.status, 200, `OTLP export: ${answer}`);
  assert.equal(answer, '{}', `OTLP export answered ${answer}`);
  const activity = await call(
    token,
    'GET',
    '/api/agents/v1/agents/default/invoice-matcher/activity',
  );
  assert.deepEqual(
    activity.tools.map(t => [t.tool, t.calls]),
    [['invoices.match', 1]],
    `activity after one exported call: ${JSON.stringify(activity.tools)}`,
  );
  console.log('OTLP: one exported tool call counted for the agent');
} else {
  throw new Error(`unknown mode ${mode}`);
}

#!/usr/bin/env node
// An MCP client asks Mandate about an agent, as the person whose Backstage token it holds:
// the agent's mandate, whether a tool call would be allowed, and (as the agent's owner) a
// scope reduction, which applies at once. With the demo running (./mandate start):
//
//   node examples/mcp/ask-mandate.mjs                        # as dana.lee, Customer Care
//   DEMO_USER=priya.nair node examples/mcp/ask-mandate.mjs   # not an owner: refused
//
// MANDATE_URL (http://localhost:7007), MANDATE_TOKEN (a Backstage user token; otherwise one
// is fetched from the demo sign-in for DEMO_USER), AGENT (agent:default/refund-assistant)
// and TOOL (refunds.issue, the tool to check and then take out of the scope) change what
// it does.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const baseUrl = process.env.MANDATE_URL ?? 'http://localhost:7007';
const user = process.env.DEMO_USER ?? 'dana.lee';
const agentRef = process.env.AGENT ?? 'agent:default/refund-assistant';
const tool = process.env.TOOL ?? 'refunds.issue';

/** A Backstage token for `user` from the demo sign-in (demo only: it trusts a header). */
async function demoToken() {
  const res = await fetch(`${baseUrl}/api/auth/demo/refresh`, {
    headers: { 'x-mandate-demo-user': user },
  });
  if (!res.ok) {
    throw new Error(`Demo sign-in as ${user} failed: HTTP ${res.status}`);
  }
  return (await res.json()).backstageIdentity.token;
}

const token = process.env.MANDATE_TOKEN ?? (await demoToken());
const client = new Client({ name: 'ask-mandate', version: '1.0.0' });
await client.connect(
  new StreamableHTTPClientTransport(new URL(`${baseUrl}/api/mcp-actions/v1`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  }),
);

/** Calls a tool; prints and returns its output, or prints its error and returns undefined. */
async function call(name, args) {
  const result = await client.callTool({ name, arguments: args });
  const text = result.content.map(c => c.text).join('\n');
  if (result.isError) {
    console.log(`  refused: ${text}`);
    return undefined;
  }
  return JSON.parse(text);
}

const { tools } = await client.listTools();
console.log(`Signed in as ${user}; Mandate offers ${tools.length} tools:`);
for (const t of tools) {
  const kind = t.annotations?.readOnlyHint ? 'reads' : 'changes';
  console.log(`  ${t.name} (${kind})`);
}

console.log(`\n1. agents.get-agent-mandate ${agentRef}`);
const mandate = await call('agents.get-agent-mandate', { agentRef });
if (mandate) {
  console.log(
    `  ${mandate.title ?? mandate.agentRef}: ${mandate.state}, owned by ${
      mandate.ownerRef
    }, sponsor ${mandate.sponsorRef ?? 'none'}`,
  );
  console.log(
    `  approved scope v${
      mandate.approval?.version
    }, policy ${mandate.policy.hash.slice(0, 19)}…`,
  );
  for (const t of mandate.approvedScope?.tools ?? []) {
    const extras = [
      t.approval === 'human' ? 'approval: human' : undefined,
      t.constraints
        ? `constraints ${JSON.stringify(t.constraints)}`
        : undefined,
      t.dataClasses?.length ? `data ${t.dataClasses.join(', ')}` : undefined,
    ].filter(Boolean);
    console.log(
      `    - ${t.name}: ${t.access}${
        extras.length ? ` (${extras.join('; ')})` : ''
      }`,
    );
  }
  console.log(
    `  review ${mandate.review.status}${
      mandate.review.dueAt ? `, due ${mandate.review.dueAt.slice(0, 10)}` : ''
    }; ${mandate.openFindings.length} open findings, ${
      mandate.openRequests.length
    } open requests`,
  );
}

console.log(`\n2. agents.check-agent-tool-call ${tool}`);
const before = await call('agents.check-agent-tool-call', { agentRef, tool });
if (before) console.log(`  ${before.decision}: ${before.reason}`);

console.log(`\n3. agents.request-agent-scope-change without ${tool}`);
// The whole new scope: the approved one without the tool. A caller who may not read the
// mandate asks for an empty scope, to show that filing is refused to them too.
const scope = mandate?.approvedScope
  ? {
      ...mandate.approvedScope,
      tools: mandate.approvedScope.tools.filter(t => t.name !== tool),
    }
  : { dataClasses: [], tools: [] };
const filed = await call('agents.request-agent-scope-change', {
  agentRef,
  reason: `${tool} is paused while refunds are audited`,
  scope,
});
if (filed) {
  const changes = (filed.request.changes ?? []).map(
    c => `${c.kind} ${c.tool ?? c.dataClass}`,
  );
  console.log(
    `  request ${filed.request.id}: ${filed.request.status} (${changes.join(
      ', ',
    )})`,
  );
  console.log(`  ${filed.outcome}`);
  console.log(`  shows on ${filed.agentPage}`);
  const after = await call('agents.check-agent-tool-call', { agentRef, tool });
  if (after) console.log(`  ${tool} now: ${after.decision}: ${after.reason}`);
}

await client.close();

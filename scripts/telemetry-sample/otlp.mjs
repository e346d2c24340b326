// Maps sample events and grants to OTLP/JSON spans: OpenTelemetry GenAI attributes plus the
// mandate.* attributes of MANDATE_ATTRIBUTES (plugins/agents-common/src/api/telemetry.ts; this
// plain-node script keeps a copy, and replaySample.test.ts reads its output through the receiver).

import { createHash } from 'node:crypto';

const M = {
  policyDecision: 'mandate.policy.decision',
  policyRuleId: 'mandate.policy.rule_id',
  grantId: 'mandate.grant.id',
  grantTool: 'mandate.grant.tool',
  grantScope: 'mandate.grant.scope',
  grantIssuedAt: 'mandate.grant.issued_at',
  grantExpiresAt: 'mandate.grant.expires_at',
  grantRevokedAt: 'mandate.grant.revoked_at',
  grantOnBehalfOf: 'mandate.grant.on_behalf_of',
  modelTier: 'mandate.model.tier',
  costUsd: 'mandate.cost.usd',
};

const SPAN_KIND_INTERNAL = 1;
const SPAN_KIND_CLIENT = 3;
const STATUS_ERROR = 2;

/**
 * Span ids derive from the event id and `salt` (the day the sample was shifted to), so a
 * replay on the same day sends the same spans and the receiver counts them once. Sample ids
 * are `<task>.<step>`: the steps of one task share a trace, and step 0 (invoke_agent) is the
 * parent of the tool calls.
 */
function ids(eventId, salt) {
  const [task, step] = eventId.split('.');
  const hex = text =>
    createHash('sha256').update(`${salt}:${text}`).digest('hex');
  return {
    traceId: hex(`trace:${task}`).slice(0, 32),
    spanId: hex(`span:${eventId}`).slice(0, 16),
    parentSpanId:
      step && step !== '0' ? hex(`span:${task}.0`).slice(0, 16) : undefined,
  };
}

const nanos = ms => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

function attribute(key, value) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { key, value: { stringValue: value } };
  if (Number.isInteger(value) && key !== M.costUsd) {
    return { key, value: { intValue: String(value) } };
  }
  return { key, value: { doubleValue: value } };
}

/** OTLP attributes, leaving out unset values; the first value of a key wins. */
function attributes(entries) {
  const seen = new Set();
  return entries
    .map(([key, value]) => attribute(key, value))
    .filter(a => a && !seen.has(a.key) && seen.add(a.key));
}

function grantAttributes(grant) {
  if (!grant) return [];
  return [
    [M.grantId, grant.id],
    [M.grantTool, grant.tool],
    [M.grantScope, grant.scope],
    [M.grantIssuedAt, grant.issuedAt],
    [M.grantExpiresAt, grant.expiresAt],
    [M.grantRevokedAt, grant.revokedAt],
    [M.grantOnBehalfOf, grant.onBehalfOf],
  ];
}

/**
 * One execute_tool or invoke_agent span; `grant` is the grant the call used, if any. A
 * revocation is left to a span of its own at the time it happened.
 */
export function eventSpan(event, grant, salt) {
  const start = Date.parse(event.startedAt);
  const tool = event.operation === 'execute_tool';
  return {
    ...ids(event.id, salt),
    name: tool
      ? `execute_tool ${event.tool}`
      : `invoke_agent ${event.agentName ?? ''}`.trim(),
    kind: tool ? SPAN_KIND_INTERNAL : SPAN_KIND_CLIENT,
    startTimeUnixNano: nanos(start),
    endTimeUnixNano: nanos(start + event.durationMs),
    attributes: attributes([
      ['gen_ai.operation.name', event.operation],
      ['gen_ai.agent.id', event.agentIdentityId],
      ['gen_ai.agent.name', event.agentName],
      ['gen_ai.tool.name', event.tool],
      ['gen_ai.request.model', event.requestModel],
      ['gen_ai.response.model', event.responseModel],
      ['gen_ai.usage.input_tokens', event.inputTokens],
      ['gen_ai.usage.output_tokens', event.outputTokens],
      ['error.type', event.errorType],
      ['mcp.method.name', event.mcpMethod],
      [M.policyDecision, event.decision],
      [M.policyRuleId, event.ruleId],
      [M.modelTier, event.modelTier],
      [M.costUsd, event.costUsd],
      // The grant's state rides on every call that used it; a grant id seen again replaces
      // the earlier state, so repeating it is harmless.
      ...grantAttributes(grant && { ...grant, revokedAt: undefined }),
      [M.grantId, event.grantId],
      [M.grantOnBehalfOf, event.onBehalfOf],
    ]),
    status: event.errorType
      ? { code: STATUS_ERROR, message: event.errorType }
      : {},
  };
}

/** A grant announced on a span of its own at `at`: issued and unused, or revoked. */
export function grantSpan(grant, at, salt) {
  const start = Date.parse(at);
  return {
    ...ids(`grant:${grant.id}@${at}`, salt),
    name: 'mandate.grant',
    kind: SPAN_KIND_INTERNAL,
    startTimeUnixNano: nanos(start),
    endTimeUnixNano: nanos(start),
    attributes: attributes([
      ['gen_ai.agent.id', grant.agentIdentityId],
      ...grantAttributes(grant),
    ]),
    status: {},
  };
}

/** Spans for a whole sample, oldest first. */
export function sampleSpans({ events, grants }, salt) {
  const byId = new Map(grants.map(g => [g.id, g]));
  const used = new Set(events.map(e => e.grantId).filter(Boolean));
  return [
    ...events.map(e => [e.startedAt, eventSpan(e, byId.get(e.grantId), salt)]),
    ...grants
      .filter(g => !used.has(g.id))
      .map(g => [g.issuedAt, grantSpan(g, g.issuedAt, salt)]),
    ...grants
      .filter(g => used.has(g.id) && g.revokedAt)
      .map(g => [g.revokedAt, grantSpan(g, g.revokedAt, salt)]),
  ]
    .sort(([a], [b]) => Date.parse(a) - Date.parse(b))
    .map(([, span]) => span);
}

/** The body of one OTLP/HTTP JSON export request. */
export function exportRequest(spans) {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: attributes([
            ['service.name', 'mandate-telemetry-replay'],
          ]),
        },
        scopeSpans: [
          { scope: { name: 'mandate.telemetry-sample', version: '1' }, spans },
        ],
      },
    ],
  };
}

import { AgentGrant, TelemetryEvent } from '@mandate/plugin-agents-node';
import { NamedAgent, SpanFacts } from '../otlp/classifySpan';

/** A span of a trace as the resolver sees it. */
export interface TraceSpan extends SpanFacts {
  /** Not yet counted. Counted spans stay known for a while, so later children find them. */
  pending: boolean;
  /** Waited its hold time: resolved with what is known. */
  expired?: boolean;
}

/** What resolving a trace gives: calls to count, grants, and what could not be attributed. */
export interface ResolvedTrace {
  events: TelemetryEvent[];
  grants: AgentGrant[];
  /** Pending spans settled now: counted, merged into another span's call, or unattributed. */
  settled: string[];
  /** Spans that report a call but name no agent by any rule. */
  unattributed: SpanFacts[];
}

const hasTokens = (s: SpanFacts) =>
  s.inputTokens !== undefined || s.outputTokens !== undefined;

const keyOf = (agent?: NamedAgent) =>
  agent?.id ?? (agent?.name ? `name:${agent.name}` : undefined);

/**
 * Attributes the calls of one trace and counts each once. Who acted, in order: the span's
 * own `gen_ai.agent.id`/`name`; the nearest ancestor that names an agent (the innermost
 * invoke_agent, so nested agents attribute correctly); the span's resource; baggage copied
 * onto the span under `baggage.`; a configured mapping rule (the span's, else an
 * ancestor's). A pending span is settled when it names its agent itself (unless it is an
 * MCP `tools/call`, which may sit under the framework's own tool span), when its chain of
 * ancestors reaches the trace's root, or when its hold time has passed.
 */
export function resolveTrace(spans: TraceSpan[]): ResolvedTrace {
  const byId = new Map(spans.map(s => [s.spanId, s]));
  const parentOf = (s: TraceSpan) =>
    s.parentSpanId ? byId.get(s.parentSpanId) : undefined;
  function* ancestors(s: TraceSpan) {
    for (let a = parentOf(s); a; a = parentOf(a)) yield a;
  }
  const children = new Map<string, TraceSpan[]>();
  for (const s of spans) {
    if (!s.parentSpanId) continue;
    children.set(s.parentSpanId, [...(children.get(s.parentSpanId) ?? []), s]);
  }

  const chainComplete = (s: TraceSpan) => {
    let at: TraceSpan | undefined = s;
    while (at?.parentSpanId) at = byId.get(at.parentSpanId);
    return at !== undefined;
  };
  const ready = (s: TraceSpan) =>
    s.pending &&
    (s.expired || chainComplete(s) || (Boolean(keyOf(s.agent)) && !s.mcpLevel));

  const identityOf = (s: TraceSpan): string | undefined => {
    const own = keyOf(s.agent);
    if (own) return own;
    for (const a of ancestors(s)) {
      const named = keyOf(a.agent);
      if (named) return named;
    }
    const fallback =
      keyOf(s.resourceAgent) ?? keyOf(s.baggageAgent) ?? s.mappedIdentity;
    if (fallback) return fallback;
    for (const a of ancestors(s)) if (a.mappedIdentity) return a.mappedIdentity;
    return undefined;
  };

  /** The name the agent gave itself, on the span or its nearest naming ancestor. */
  const agentNameOf = (s: TraceSpan): string | undefined => {
    if (s.agent?.name) return s.agent.name;
    for (const a of ancestors(s)) if (a.agent?.name) return a.agent.name;
    return undefined;
  };

  /** The tool span this one is part of: a same-named tool span above it within its agent. */
  const enclosingCall = (s: TraceSpan) => {
    for (const a of ancestors(s)) {
      if (a.role === 'agent') return undefined;
      if (a.role === 'tool' && a.tool === s.tool) return a;
    }
    return undefined;
  };
  /** Spans below `s` that belong to its agent (not to an agent nested under it). */
  function* ownDescendants(s: TraceSpan): Generator<TraceSpan> {
    for (const child of children.get(s.spanId) ?? []) {
      yield child;
      if (child.role !== 'agent') yield* ownDescendants(child);
    }
  }

  const result: ResolvedTrace = {
    events: [],
    grants: [],
    settled: [],
    unattributed: [],
  };
  const settled = new Set<string>();
  const settle = (s: TraceSpan) => {
    settled.add(s.spanId);
    result.settled.push(s.spanId);
  };

  for (const s of spans) {
    if (!ready(s) || settled.has(s.spanId)) continue;
    if (s.role === 'tool' && enclosingCall(s)) {
      settle(s); // counted with the call it is part of
      continue;
    }
    const identity = identityOf(s);
    settle(s);
    if (!identity) {
      if (s.role) result.unattributed.push(s);
      continue;
    }
    if (s.grant) {
      result.grants.push({ ...s.grant, agentIdentityId: identity });
    }
    if (!s.role) continue;

    let facts: SpanFacts = s;
    if (s.role === 'tool') {
      // The same call seen again below (an MCP client or server span) adds what it knows.
      for (const d of ownDescendants(s)) {
        if (d.role !== 'tool' || d.tool !== s.tool || settled.has(d.spanId))
          continue;
        if (d.pending) settle(d);
        facts = mergeFacts(facts, d);
      }
    }
    if (s.role === 'agent') {
      // Tokens and the model are counted on the model calls when the agent's own spans report them.
      const own = [...ownDescendants(s)];
      if (own.some(d => d.role === 'model' && hasTokens(d))) {
        facts = { ...facts, inputTokens: undefined, outputTokens: undefined };
      }
      if (own.some(d => d.role === 'model')) {
        facts = { ...facts, requestModel: undefined, responseModel: undefined };
      }
    }
    result.events.push(eventOf(facts, identity, agentNameOf(s)));
  }
  return result;
}

/** The outer span's facts, with what it lacks taken from a span of the same call. */
function mergeFacts(outer: SpanFacts, inner: SpanFacts): SpanFacts {
  return {
    ...outer,
    errorType: outer.errorType ?? inner.errorType,
    decision: outer.decision ?? inner.decision,
    ruleId: outer.ruleId ?? inner.ruleId,
    grantId: outer.grantId ?? inner.grantId,
    onBehalfOf: outer.onBehalfOf ?? inner.onBehalfOf,
    toolCallId: outer.toolCallId ?? inner.toolCallId,
    mcpMethod: outer.mcpMethod ?? inner.mcpMethod,
  };
}

const OPERATIONS: Record<
  NonNullable<SpanFacts['role']>,
  TelemetryEvent['operation']
> = {
  tool: 'execute_tool',
  model: 'model_call',
  agent: 'invoke_agent',
};

function eventOf(
  s: SpanFacts,
  identity: string,
  agentName?: string,
): TelemetryEvent {
  const named = identity.startsWith('name:');
  return {
    // One call, one key: a call id shared by several spans counts once across traces.
    id: s.toolCallId
      ? `call:${identity}:${s.toolCallId}`
      : `${s.traceId}:${s.spanId}`,
    operation: OPERATIONS[s.role!],
    ...(named
      ? { agentName: identity.slice('name:'.length) }
      : { agentIdentityId: identity, agentName }),
    tool: s.role === 'tool' ? s.tool : undefined,
    mcpMethod: s.mcpMethod,
    requestModel: s.requestModel,
    responseModel: s.responseModel,
    modelTier: s.modelTier,
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    costUsd: s.costUsd,
    startedAt: s.startedAt,
    durationMs: s.durationMs,
    errorType: s.errorType,
    decision: s.decision,
    ruleId: s.ruleId,
    grantId: s.grantId,
    onBehalfOf: s.onBehalfOf,
  };
}

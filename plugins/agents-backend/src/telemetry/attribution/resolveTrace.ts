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

const NO_SPANS: readonly TraceSpan[] = [];
/** How far up a trace attribution looks: deeper than any agent run, and a bound. */
const MAX_ANCESTORS = 128;

const hasTokens = (s: SpanFacts) =>
  s.inputTokens !== undefined || s.outputTokens !== undefined;

const nameKey = (agent?: NamedAgent) =>
  agent?.name ? `name:${agent.name}` : undefined;

/**
 * Attributes the calls of one trace and counts each once. Who acted, in order: the span's
 * own `gen_ai.agent.id`/`name`; the nearest ancestor that names an agent (the innermost
 * invoke_agent, so nested agents attribute correctly); the span's resource; baggage copied
 * onto the span under `baggage.`; a configured mapping rule (the span's, else an
 * ancestor's). Within an agent's run its agent span wins over a different name stamped on
 * the run's spans, and an id that agent spans of different names share is not used.
 * A pending span is settled when its chain of ancestors reaches the trace's root, when it
 * is an enforcement point's (a policy decision) and names its agent, or when its hold time
 * has passed.
 */
export function resolveTrace(spans: TraceSpan[]): ResolvedTrace {
  const byId = new Map<string, TraceSpan>();
  for (const s of spans) byId.set(s.spanId, s);
  const parentOf = (s: TraceSpan) =>
    s.parentSpanId ? byId.get(s.parentSpanId) : undefined;
  const ancestorLists = new Map<TraceSpan, TraceSpan[]>();
  /**
   * The span's ancestors in this trace, nearest first, MAX_ANCESTORS at most: a sender may
   * nest spans as deep as it likes, or make them each other's parents.
   */
  const ancestors = (s: TraceSpan): readonly TraceSpan[] => {
    // Most traces a gateway reports are one span: no list is made for a span without one.
    if (!parentOf(s)) return NO_SPANS;
    let list = ancestorLists.get(s);
    if (list) return list;
    list = [];
    const seen = new Set<TraceSpan>([s]);
    for (
      let a = parentOf(s);
      a && !seen.has(a) && list.length < MAX_ANCESTORS;
      a = parentOf(a)
    ) {
      seen.add(a);
      list.push(a);
    }
    ancestorLists.set(s, list);
    return list;
  };
  const children = new Map<string, TraceSpan[]>();
  for (const s of spans) {
    if (!s.parentSpanId) continue;
    const siblings = children.get(s.parentSpanId);
    if (siblings) siblings.push(s);
    else children.set(s.parentSpanId, [s]);
  }

  // An id that agent spans of different names share is an instrumentation's default, not an
  // identity: those agents are told apart by their names.
  const namesById = new Map<string, Set<string>>();
  for (const s of spans) {
    if (s.role === 'agent' && s.agent?.id && s.agent.name) {
      namesById.set(
        s.agent.id,
        (namesById.get(s.agent.id) ?? new Set()).add(s.agent.name),
      );
    }
  }
  const keyOf = (agent?: NamedAgent) =>
    agent?.id && (namesById.get(agent.id)?.size ?? 0) < 2
      ? agent.id
      : nameKey(agent);

  /** Whether the span's ancestors reach a root (a span without a parent) within reach. */
  const chainComplete = (s: TraceSpan) => {
    const above = ancestors(s);
    const top = above.length > 0 ? above[above.length - 1] : s;
    return !top.parentSpanId;
  };
  // An enforcement point's span (it carries the policy decision) that names its agent is
  // authoritative and counts at once; any other span waits for its chain to the root.
  const ready = (s: TraceSpan) =>
    s.pending &&
    (s.expired ||
      chainComplete(s) ||
      (Boolean(keyOf(s.agent)) && s.decision !== undefined));

  /** The innermost agent span above `s` that names its agent. */
  const enclosingAgent = (s: TraceSpan) => {
    for (const a of ancestors(s)) {
      if (a.role === 'agent' && keyOf(a.agent)) return keyOf(a.agent);
    }
    return undefined;
  };
  const identityOf = (s: TraceSpan): string | undefined => {
    const own = keyOf(s.agent);
    const enclosing = enclosingAgent(s);
    // Within an agent's run its agent span is authoritative: a default stamped on every
    // span (an instrumentation's "OpenAI Agent") does not make its calls another agent's.
    if (own && enclosing && own !== enclosing && s.role !== 'agent') {
      return enclosing;
    }
    if (own) return own;
    if (enclosing) return enclosing;
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
    if (s.role === 'agent' && s.agent?.name) return s.agent.name;
    for (const a of ancestors(s)) {
      if (a.role === 'agent' && a.agent?.name) return a.agent.name;
    }
    return s.agent?.name;
  };

  /**
   * The call this span is part of, within its agent: a same-named tool span above a tool
   * span (an MCP client or server span under the framework's), or a model span above a
   * model span (a framework's model span around the inference span, or a request delegated
   * through MCP sampling).
   */
  const sameCall = (outer: TraceSpan, inner: TraceSpan) =>
    outer.role === inner.role &&
    (inner.role === 'model' ||
      (inner.role === 'tool' && outer.tool === inner.tool));
  const enclosingCall = (s: TraceSpan) => {
    if (s.role !== 'tool' && s.role !== 'model') return undefined;
    for (const a of ancestors(s)) {
      if (a.role === 'agent') return undefined;
      if (sameCall(a, s)) return a;
    }
    return undefined;
  };
  /**
   * Spans below `s` that belong to its agent (not to an agent nested under it), depth
   * first, each once however the sender linked them.
   */
  const ownDescendants = (s: TraceSpan): TraceSpan[] => {
    const found: TraceSpan[] = [];
    const seen = new Set<TraceSpan>([s]);
    const stack = [...(children.get(s.spanId) ?? [])].reverse();
    for (let span = stack.pop(); span; span = stack.pop()) {
      if (seen.has(span)) continue;
      seen.add(span);
      found.push(span);
      if (span.role === 'agent') continue;
      const below = children.get(span.spanId) ?? [];
      for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]);
    }
    return found;
  };

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

  // Outer spans first, so that a call's inner spans add to it before they are settled.
  const outerFirst = spans.filter(ready);
  if (outerFirst.length > 1) {
    outerFirst.sort((a, b) => ancestors(a).length - ancestors(b).length);
  }
  for (const s of outerFirst) {
    if (settled.has(s.spanId)) continue;
    if (enclosingCall(s)) {
      settle(s); // counted with the call it is part of
      continue;
    }
    const identity = identityOf(s);
    settle(s);
    if (!identity) {
      // An agent span that names no agent is a framework's wrapper, not a call.
      if (s.role === 'tool' || s.role === 'model') result.unattributed.push(s);
      continue;
    }
    if (s.grant) {
      result.grants.push({ ...s.grant, agentIdentityId: identity });
    }
    if (!s.role) continue;

    let facts: SpanFacts = s;
    // The same call seen again below adds what it knows (the answering model, an error).
    for (const d of ownDescendants(s)) {
      if (!sameCall(s, d) || settled.has(d.spanId)) continue;
      if (d.pending) settle(d);
      facts = mergeFacts(facts, d);
    }
    if (s.role === 'agent') {
      // Tokens and the model are counted on the model calls when the agent's own spans report them.
      const own = ownDescendants(s);
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

/**
 * The outer span's facts, with what it lacks taken from a span of the same call; the model
 * that answered is the inner span's, which saw the answer.
 */
function mergeFacts(outer: SpanFacts, inner: SpanFacts): SpanFacts {
  const tokens = hasTokens(outer) ? outer : inner;
  return {
    ...outer,
    responseModel: inner.responseModel ?? outer.responseModel,
    requestModel: outer.requestModel ?? inner.requestModel,
    modelTier: inner.modelTier ?? outer.modelTier,
    inputTokens: tokens.inputTokens,
    outputTokens: tokens.outputTokens,
    costUsd: outer.costUsd ?? inner.costUsd,
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

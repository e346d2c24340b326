import { AgentGrant, TelemetryEvent } from '@mandate/plugin-agents-node';
import { SpanFacts } from '../otlp/classifySpan';
import { resolveTrace } from './resolveTrace';

/**
 * Attributes spans as if every trace were complete and nothing more were to come: what
 * the receiver ends up counting once the holds are over. For tools and tests that read
 * recorded traces offline.
 */
export function attributeSpans(spans: SpanFacts[]): {
  events: TelemetryEvent[];
  grants: AgentGrant[];
  unattributed: SpanFacts[];
} {
  const byTrace = new Map<string, SpanFacts[]>();
  for (const span of spans) {
    byTrace.set(span.traceId, [...(byTrace.get(span.traceId) ?? []), span]);
  }
  const out = {
    events: [] as TelemetryEvent[],
    grants: [] as AgentGrant[],
    unattributed: [] as SpanFacts[],
  };
  for (const trace of byTrace.values()) {
    const resolved = resolveTrace(
      trace.map(s => ({
        ...s,
        pending: Boolean(s.role || s.grant),
        expired: true,
      })),
    );
    out.events.push(...resolved.events);
    out.grants.push(...resolved.grants);
    out.unattributed.push(...resolved.unattributed);
  }
  return out;
}

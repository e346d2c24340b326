import { AgentGrant, TelemetryEvent } from '@mandate/plugin-agents-node';
import { BufferedSpan, WrittenTrace } from '../../database/TraceBufferStore';
import { TelemetryTransaction } from '../../database/TelemetryWriter';
import { IngestResult, TelemetryOrigin } from '../../database/telemetryRows';
import { SpanFacts } from '../otlp/classifySpan';
import { TraceSpan, resolveTrace } from './resolveTrace';

/** What attributing spans (or the expired holds) came to. */
export interface AttributionResult extends IngestResult {
  /** The spans that arrived now and wait for an ancestor naming their agent. */
  waiting: SpanFacts[];
  /** Calls settled now that name no agent by any rule. */
  unattributed: SpanFacts[];
  /** Held spans settled now. */
  settledHeld: Array<Pick<SpanFacts, 'traceId' | 'spanId'>>;
  /**
   * The traces this ingestion held spans of, with every span it knew in them, where other
   * ingestions may have held spans beside it unseen (see TraceBufferStore.writtenBeside).
   */
  written: WrittenTrace[];
}

type Held = BufferedSpan<SpanFacts>;

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

/** Spans worth holding: they report something, or link a trace that does. */
const reportsSomething = (s: SpanFacts) => Boolean(s.role || s.grant);

/**
 * Attributes spans within one ingestion transaction. The spans of each trace that arrived
 * now are joined with the spans held for it; every span that can be settled is counted (or
 * recorded as unattributed), the rest is held until `holdUntil`. Spans of traces that
 * report nothing and are not held are dropped: plain HTTP or database traces.
 */
export async function assembleTraces(
  tx: TelemetryTransaction,
  options: {
    spans: SpanFacts[];
    origin: TelemetryOrigin;
    now: Date;
    rawSince: Date;
    holdUntil: string;
    /** Settle every pending span of these traces whatever it waits for (holds that ended). */
    expiredTraces?: string[];
    /** Held traces to attribute again: spans were held in them beside an earlier ingestion. */
    heldTraces?: string[];
  },
): Promise<AttributionResult> {
  const { spans, origin, now } = options;
  const byTrace = groupBy(spans, s => s.traceId);
  const expired = new Set(options.expiredTraces ?? []);
  const touched = [
    ...byTrace.keys(),
    ...expired,
    ...(options.heldTraces ?? []),
  ];
  const held = await tx.traces.spansOf<SpanFacts>(touched);
  const heldByTrace = groupBy(held, h => h.traceId);
  // Traces that report nothing and hold nothing are someone else's (plain HTTP, database).
  const traces = new Set([...heldByTrace.keys(), ...expired]);
  for (const [traceId, arrived] of byTrace) {
    if (arrived.some(reportsSomething)) traces.add(traceId);
  }

  const events: TelemetryEvent[] = [];
  const grants: AgentGrant[] = [];
  const toHold: Held[] = [];
  const unattributed: SpanFacts[] = [];
  const waiting: SpanFacts[] = [];
  const nowSettled: Held[] = [];
  const written: WrittenTrace[] = [];
  for (const traceId of traces) {
    const known = heldByTrace.get(traceId) ?? [];
    const knownIds = new Set(known.map(h => h.spanId));
    const arrived = (byTrace.get(traceId) ?? []).filter(
      s => !knownIds.has(s.spanId),
    );
    const trace: TraceSpan[] = [
      ...known.map(h => ({
        ...h.facts,
        pending: h.pending,
        expired:
          h.pending &&
          (expired.has(traceId) || h.holdUntil <= now.toISOString()),
      })),
      ...arrived.map(s => ({ ...s, pending: reportsSomething(s) })),
    ];
    const resolved = resolveTrace(trace);
    events.push(...resolved.events);
    grants.push(...resolved.grants);
    unattributed.push(...resolved.unattributed);
    const settled = new Set(resolved.settled);
    for (const h of known) if (settled.has(h.spanId)) nowSettled.push(h);
    const heldBefore = toHold.length;
    for (const s of arrived) {
      const pending = reportsSomething(s) && !settled.has(s.spanId);
      if (pending) waiting.push(s);
      // Settled root spans need no record: nothing waits to find them as an ancestor.
      if (!pending && !s.parentSpanId && s.role !== 'agent') continue;
      toHold.push({
        traceId,
        spanId: s.spanId,
        source: origin.sourceId,
        pending,
        holdUntil: options.holdUntil,
        facts: s,
      });
    }
    if (toHold.length > heldBefore) {
      written.push({ traceId, spanIds: trace.map(s => s.spanId) });
    }
  }
  await tx.traces.settle(nowSettled);
  await tx.traces.hold(toHold);
  await tx.traces.recordUnattributed(
    unattributed.map(s => ({
      traceId: s.traceId,
      spanId: s.spanId,
      source: origin.sourceId,
      role: s.role!,
      tool: s.tool,
      startedAt: s.startedAt,
    })),
  );
  const result = await tx.ingest({ events, grants }, origin, {
    now,
    rawSince: options.rawSince,
  });
  return {
    ...result,
    waiting,
    unattributed,
    settledHeld: nowSettled,
    written,
  };
}

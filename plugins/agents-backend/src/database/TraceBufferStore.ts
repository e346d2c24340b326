import { Knex } from 'knex';
import { chunks } from './telemetryRows';

/** A span held while its trace is attributed. */
export interface BufferedSpan<Facts> {
  traceId: string;
  spanId: string;
  source: string;
  /** Not yet counted. */
  pending: boolean;
  /** Until when it is held (pending) or kept known (settled). */
  holdUntil: string;
  facts: Facts;
}

/** A call that no rule attributed to an agent. */
export interface UnattributedSpan {
  traceId: string;
  spanId: string;
  source: string;
  role: string;
  tool?: string;
  startedAt: string;
}

/** Unattributed calls of one source in a window. */
export interface UnattributedBySource {
  source: string;
  spans: number;
  /** Up to five traces to look at. */
  sampleTraceIds: string[];
  /** Up to ten tools they called. */
  tools: string[];
}

/**
 * Spans of traces being attributed, shared by every replica: children that arrive before
 * the ancestor naming their agent wait here, and settled spans stay known for a while.
 */
export class TraceBufferStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /**
   * Locks these traces until the transaction ends, so that two replicas never settle one
   * trace at once (PostgreSQL advisory locks, taken in order; SQLite has one writer anyway).
   */
  async lock(traceIds: string[]): Promise<void> {
    if (traceIds.length === 0) return;
    if (this.db.client.config.client !== 'pg') return;
    await this.db.raw(
      'select pg_advisory_xact_lock(hashtextextended(id, 727001)) from unnest(?::text[]) as id order by id',
      [[...new Set(traceIds)].sort()] as any,
    );
  }

  /** Every held span of these traces. */
  async spansOf<Facts>(traceIds: string[]): Promise<BufferedSpan<Facts>[]> {
    const rows: any[] = [];
    for (const ids of chunks([...new Set(traceIds)], 2000)) {
      rows.push(
        ...(await this.db('telemetry_trace_spans').whereIn('trace_id', ids)),
      );
    }
    return rows.map(row => ({
      traceId: row.trace_id,
      spanId: row.span_id,
      source: row.source,
      pending: Boolean(row.pending),
      holdUntil: row.hold_until,
      facts: JSON.parse(row.facts),
    }));
  }

  /** Traces with a pending span whose hold ended before `now`. */
  async expiredTraces(now: Date, limit: number): Promise<string[]> {
    return this.db('telemetry_trace_spans')
      .where({ pending: true })
      .where('hold_until', '<=', now.toISOString())
      .distinct('trace_id')
      .limit(limit)
      .pluck('trace_id');
  }

  /** Holds spans; a span held already (a retried delivery) keeps its first record. */
  async hold<Facts>(spans: BufferedSpan<Facts>[]): Promise<void> {
    for (const group of chunks(spans, 200)) {
      await this.db('telemetry_trace_spans')
        .insert(
          group.map(s => ({
            trace_id: s.traceId,
            span_id: s.spanId,
            source: s.source,
            pending: s.pending,
            hold_until: s.holdUntil,
            facts: JSON.stringify(s.facts),
          })),
        )
        .onConflict(['trace_id', 'span_id'])
        .ignore();
    }
  }

  /** Marks held spans counted; they stay known until their hold ends. */
  async settle(traceId: string, spanIds: string[]): Promise<void> {
    for (const ids of chunks(spanIds, 500)) {
      await this.db('telemetry_trace_spans')
        .where({ trace_id: traceId })
        .whereIn('span_id', ids)
        .update({ pending: false });
    }
  }

  /** Forgets settled spans whose time to stay known has passed. */
  async forgetSettled(now: Date): Promise<number> {
    return this.db('telemetry_trace_spans')
      .where({ pending: false })
      .where('hold_until', '<=', now.toISOString())
      .delete();
  }

  /** Keeps calls that no rule attributed, for the unattributed-telemetry finding. */
  async recordUnattributed(spans: UnattributedSpan[]): Promise<void> {
    for (const group of chunks(spans, 200)) {
      await this.db('telemetry_unattributed')
        .insert(
          group.map(s => ({
            trace_id: s.traceId,
            span_id: s.spanId,
            source: s.source,
            role: s.role,
            tool: s.tool ?? null,
            started_at: s.startedAt,
          })),
        )
        .onConflict(['trace_id', 'span_id'])
        .ignore();
    }
  }

  /** Unattributed calls since `since`, per source, with a few trace ids to look at. */
  async unattributedSince(since: Date): Promise<UnattributedBySource[]> {
    const rows: any[] = await this.db('telemetry_unattributed')
      .where('started_at', '>=', since.toISOString())
      .orderBy('started_at', 'desc')
      .select('source', 'trace_id', 'tool');
    const bySource = new Map<string, UnattributedBySource>();
    for (const row of rows) {
      const entry: UnattributedBySource = bySource.get(row.source) ?? {
        source: row.source,
        spans: 0,
        sampleTraceIds: [],
        tools: [],
      };
      entry.spans += 1;
      if (
        entry.sampleTraceIds.length < 5 &&
        !entry.sampleTraceIds.includes(row.trace_id)
      ) {
        entry.sampleTraceIds.push(row.trace_id);
      }
      if (
        row.tool &&
        entry.tools.length < 10 &&
        !entry.tools.includes(row.tool)
      ) {
        entry.tools.push(row.tool);
      }
      bySource.set(row.source, entry);
    }
    return [...bySource.values()];
  }
}

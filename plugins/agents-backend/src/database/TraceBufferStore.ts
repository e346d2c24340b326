import { Knex } from 'knex';
import { bulkInsert, byColumns, textColumn } from './bulkInsert';
import { jsonText } from './json';

/** Rows in (trace, span) order: concurrent writers take their row locks in one order. */
const byTraceAndSpan = byColumns(2);

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

/** The spans of a trace that an ingestion saw or held. */
export interface WrittenTrace {
  traceId: string;
  spanIds: string[];
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
 * Nothing is locked here per trace (PostgreSQL's lock table is shared by the whole server
 * and holds about 64 locks per connection; a busy collector's deliveries name thousands of
 * traces): replicas that worked on one trace at once find out when they look again after
 * committing ({@link TraceBufferStore.writtenBeside}), and a span is counted once, by its
 * event's key, whoever settles it.
 */
export class TraceBufferStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /** Writes go with the rest of an ingestion, in its transaction. */
  private get trx(): Knex.Transaction {
    if (!this.db.isTransaction) {
      throw new Error('TraceBufferStore writes run in a transaction');
    }
    return this.db as Knex.Transaction;
  }

  private get postgres(): boolean {
    return this.db.client.config.client === 'pg';
  }

  /**
   * Every held span of these traces. The ids go as one JSON parameter (a list of
   * placeholders would have the database parse thousands), compared so that PostgreSQL
   * looks each one up in the primary key.
   */
  async spansOf<Facts>(traceIds: string[]): Promise<BufferedSpan<Facts>[]> {
    if (traceIds.length === 0) return [];
    const rows: any[] = await this.db('telemetry_trace_spans').whereRaw(
      this.postgres
        ? 'trace_id = any(array(select jsonb_array_elements_text(?::jsonb)))'
        : 'trace_id in (select value from json_each(?))',
      [jsonText([...new Set(traceIds)])],
    );
    return rows.map(row => ({
      traceId: row.trace_id,
      spanId: row.span_id,
      source: row.source,
      pending: Boolean(row.pending),
      holdUntil: row.hold_until,
      facts: JSON.parse(row.facts),
    }));
  }

  /**
   * The traces in which spans other than `known` ones are held now: another ingestion held
   * them while this one worked on the trace without seeing them. None on SQLite, which has
   * one writer: ingestions there never overlap.
   */
  async writtenBeside(known: WrittenTrace[]): Promise<string[]> {
    if (known.length === 0 || !this.postgres) return [];
    const spans = known.flatMap(t =>
      t.spanIds.map(spanId => `${t.traceId} ${spanId}`),
    );
    // Compared in the database: only the traces that gained spans come back.
    return this.db('telemetry_trace_spans')
      .whereRaw(
        'trace_id = any(array(select jsonb_array_elements_text(?::jsonb)))',
        [jsonText(known.map(t => t.traceId))],
      )
      .whereRaw(
        "trace_id || ' ' || span_id not in (select jsonb_array_elements_text(?::jsonb))",
        [jsonText(spans)],
      )
      .distinct('trace_id')
      .pluck('trace_id');
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
    await bulkInsert(
      this.trx,
      'telemetry_trace_spans',
      [
        textColumn('trace_id'),
        textColumn('span_id'),
        textColumn('source'),
        { name: 'pending', type: 'boolean' },
        textColumn('hold_until'),
        textColumn('facts'),
      ],
      spans
        .map(s => [
          s.traceId,
          s.spanId,
          s.source,
          s.pending,
          s.holdUntil,
          JSON.stringify(s.facts),
        ])
        .sort(byTraceAndSpan),
      { conflict: ['trace_id', 'span_id'] },
    );
  }

  /**
   * Marks held spans counted; they stay known until their hold ends. On PostgreSQL the rows
   * are locked in (trace, span) order first, like every other write of an ingestion, so two
   * ingestions settling the same spans wait for each other instead of deadlocking.
   */
  async settle(spans: Array<{ traceId: string; spanId: string }>) {
    if (spans.length === 0) return;
    await this.trx.raw(
      this.postgres
        ? `update telemetry_trace_spans as t set pending = false from (
             select s.trace_id, s.span_id from telemetry_trace_spans as s
             join jsonb_array_elements(?::jsonb) as e on s.trace_id = e->>0 and s.span_id = e->>1
             where s.pending order by s.trace_id, s.span_id for update of s
           ) as locked where t.trace_id = locked.trace_id and t.span_id = locked.span_id`
        : 'update telemetry_trace_spans set pending = 0 where (trace_id, span_id) in (select value->>0, value->>1 from json_each(?))',
      [jsonText(spans.map(s => [s.traceId, s.spanId]))],
    );
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
    await bulkInsert(
      this.trx,
      'telemetry_unattributed',
      ['trace_id', 'span_id', 'source', 'role', 'tool', 'started_at'].map(
        textColumn,
      ),
      spans
        .map(s => [
          s.traceId,
          s.spanId,
          s.source,
          s.role,
          s.tool ?? null,
          s.startedAt,
        ])
        .sort(byTraceAndSpan),
      { conflict: ['trace_id', 'span_id'] },
    );
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

import { Knex } from 'knex';
import {
  AgentGrant,
  TelemetryBatch,
  TelemetryEvent,
} from '@mandate/plugin-agents-node';
import { identityKeyOf } from '../domain/identity';
import { AgentsStore } from './AgentsStore';
import { TelemetrySourcesStore } from './TelemetrySourcesStore';
import { TraceBufferStore } from './TraceBufferStore';
import { BulkColumn, bulkInsert, byColumns, textColumn } from './bulkInsert';
import { claimFreshSpans, retireRawEvents } from './spanClaims';
import {
  RollupDelta,
  lastActivityOf,
  modelDeltas,
  rollupDeltas,
} from './telemetryDeltas';
import {
  IngestResult,
  LATENCY_COLUMNS,
  TelemetryOrigin,
  dayOf,
} from './telemetryRows';

/** The rollup columns that deliveries add to. */
const ROLLUP_SUMS = [
  'calls',
  'decisions',
  'denials',
  'approvals_required',
  'errors',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  ...LATENCY_COLUMNS,
];

const ROLLUP_COLUMNS: BulkColumn[] = [
  textColumn('identity_key'),
  textColumn('tool'),
  textColumn('day'),
  textColumn('operation'),
  ...ROLLUP_SUMS.map(
    (name): BulkColumn => ({
      name,
      type: name === 'cost_usd' ? 'double precision' : 'bigint',
    }),
  ),
  textColumn('last_seen_at'),
];

const NAME_COLUMNS = ['identity_key', 'agent_name', 'last_seen_day'].map(
  textColumn,
);

/** What a transaction stored that this replica remembers once it commits. */
interface Remembered {
  /** Reported names, as `<day> <identity key>\n<name>`. */
  names: string[];
  /** Sources recorded as having sent data, and when. */
  sourcesTouched: Map<string, number>;
}

/** How stale a source's last data may be recorded (staleness is counted in hours). */
const SOURCE_TOUCHED_EVERY_MS = 1000;

/** Reported names this replica remembers having stored, before it starts afresh. */
const NAMES_REMEMBERED = 50_000;

const GRANT_COLUMNS: BulkColumn[] = [
  'id',
  'identity_key',
  'tool',
  'scope',
  'issued_at',
  'expires_at',
  'revoked_at',
  'on_behalf_of',
  'source',
  'updated_at',
].map(textColumn);

/** What one ingestion transaction may do. */
export interface TelemetryTransaction {
  /** Spans of traces being attributed. */
  traces: TraceBufferStore;
  /** Stores events and grants; see {@link TelemetryWriter.ingest}. */
  ingest(
    batch: TelemetryBatch,
    origin: TelemetryOrigin,
    options: { now: Date; rawSince: Date },
  ): Promise<IngestResult>;
}

/**
 * Writes what the enforcement layer saw: raw recent events (for retention), the keys of
 * counted spans, daily rollups per identity and tool, the models that answered, and grants.
 */
export class TelemetryWriter {
  private readonly namesStored = new Set<string>();
  /** When this replica last recorded data from each source, in epoch milliseconds. */
  private readonly sourcesTouched = new Map<string, number>();

  constructor(private readonly knex: Knex) {}

  /** The trace buffer, for reads outside an ingestion. */
  get traces(): TraceBufferStore {
    return new TraceBufferStore(this.knex);
  }

  /**
   * Stores a batch in one transaction. Each event's key is claimed first, in one statement
   * per chunk: an event whose key is already held was counted before (a retried delivery)
   * and is skipped. Keys outlive raw events, so the check does not depend on raw retention.
   * Events older than `rawSince` reach the rollups only. The caller refuses events older
   * than the duplicate window before they get here.
   */
  async ingest(
    batch: TelemetryBatch,
    origin: TelemetryOrigin,
    options: { now: Date; rawSince: Date },
  ): Promise<IngestResult> {
    return this.transaction(tx => tx.ingest(batch, origin, options));
  }

  /**
   * One unit of ingestion: the trace buffer and the stores, in one transaction. Deliveries
   * run side by side: every upsert adds atomically and takes its rows in key order (no
   * deadlock between two deliveries), and the spans of a trace are worked on under that
   * trace's lock (see TraceBufferStore.lock).
   */
  async transaction<T>(
    work: (tx: TelemetryTransaction) => Promise<T>,
  ): Promise<T> {
    const stored: Remembered = { names: [], sourcesTouched: new Map() };
    const result = await this.knex.transaction(async trx => {
      return work({
        traces: new TraceBufferStore(trx),
        ingest: (batch, origin, options) =>
          this.ingestIn(trx, batch, origin, options, stored),
      });
    });
    if (this.namesStored.size + stored.names.length > NAMES_REMEMBERED) {
      this.namesStored.clear();
    }
    for (const key of stored.names) this.namesStored.add(key);
    for (const [id, at] of stored.sourcesTouched)
      this.sourcesTouched.set(id, at);
    return result;
  }

  private async ingestIn(
    trx: Knex.Transaction,
    batch: TelemetryBatch,
    origin: TelemetryOrigin,
    options: { now: Date; rawSince: Date },
    stored: Remembered,
  ): Promise<IngestResult> {
    const fresh = await claimFreshSpans(trx, batch.events, {
      rawSince: options.rawSince,
      sourceId: origin.sourceId,
    });
    await this.addReportedNames(trx, fresh, stored.names);
    await this.upsertGrants(trx, batch.grants, origin, options.now);
    await new AgentsStore(trx).markActivity(lastActivityOf(fresh));
    if (batch.events.length > 0 || batch.grants.length > 0) {
      await this.touchSource(trx, origin, options.now, stored);
    }
    // The counters last: concurrent deliveries add to the same rows, and each waits from
    // its first upsert on until the other commits.
    await this.addModels(trx, modelDeltas(fresh));
    await this.addRollups(trx, rollupDeltas(fresh));

    const identityKeys = new Set<string>();
    for (const e of fresh) identityKeys.add(identityKeyOf(e)!);
    for (const g of batch.grants) identityKeys.add(g.agentIdentityId);
    return {
      accepted: fresh.length,
      duplicates: batch.events.length - fresh.length,
      grants: batch.grants.length,
      identityKeys: [...identityKeys],
    };
  }

  /**
   * Records that data arrived from a source, unless this replica recorded it less than
   * SOURCE_TOUCHED_EVERY ago: every delivery would update the source's one row, and
   * concurrent deliveries would wait there for each other's commit.
   */
  private async touchSource(
    trx: Knex.Transaction,
    origin: TelemetryOrigin,
    now: Date,
    stored: Remembered,
  ) {
    const last = this.sourcesTouched.get(origin.sourceId);
    const since = now.getTime() - (last ?? -Infinity);
    if (since >= 0 && since < SOURCE_TOUCHED_EVERY_MS) return;
    await new TelemetrySourcesStore(trx).touch(origin, now);
    stored.sourcesTouched.set(origin.sourceId, now.getTime());
  }

  /**
   * Remembers the agent names each identity reported, per UTC day. A name this replica
   * stored for the day already is not written again; `stored` collects what this
   * transaction writes, remembered once it commits.
   */
  private async addReportedNames(
    trx: Knex.Transaction,
    events: TelemetryEvent[],
    stored: string[],
  ) {
    const rows = new Map<string, [string, string, string]>();
    for (const e of events) {
      if (!e.agentName) continue;
      const identityKey = identityKeyOf(e)!;
      const day = dayOf(e.startedAt);
      if (this.namesStored.has(`${day} ${identityKey}\n${e.agentName}`)) {
        continue;
      }
      const name = `${identityKey}\n${e.agentName}`;
      const latest = rows.get(name);
      if (!latest || latest[2] < day) {
        rows.set(name, [identityKey, e.agentName, day]);
      }
    }
    await bulkInsert(
      trx,
      'telemetry_identity_names',
      NAME_COLUMNS,
      [...rows.values()].sort(byColumns(2)),
      {
        conflict: ['identity_key', 'agent_name'],
        merge: {
          last_seen_day:
            'CASE WHEN excluded.last_seen_day > telemetry_identity_names.last_seen_day THEN excluded.last_seen_day ELSE telemetry_identity_names.last_seen_day END',
        },
      },
    );
    for (const [identityKey, name, day] of rows.values()) {
      stored.push(`${day} ${identityKey}\n${name}`);
    }
  }

  /** Adds each delta to its day's row in one upsert: safe under concurrency. */
  private async addRollups(trx: Knex.Transaction, deltas: RollupDelta[]) {
    const merge = Object.fromEntries(
      ROLLUP_SUMS.map(c => [c, `telemetry_rollups.${c} + excluded.${c}`]),
    );
    merge.last_seen_at =
      'CASE WHEN excluded.last_seen_at > telemetry_rollups.last_seen_at THEN excluded.last_seen_at ELSE telemetry_rollups.last_seen_at END';
    await bulkInsert(
      trx,
      'telemetry_rollups',
      ROLLUP_COLUMNS,
      deltas
        .map(d => [
          d.identityKey,
          d.tool,
          d.day,
          d.operation,
          d.calls,
          d.decisions,
          d.denials,
          d.approvalsRequired,
          d.errors,
          d.inputTokens,
          d.outputTokens,
          d.costUsd,
          ...d.buckets,
          d.lastSeenAt,
        ])
        .sort(byColumns(3)),
      { conflict: ['identity_key', 'tool', 'day'], merge },
    );
  }

  private async addModels(
    trx: Knex.Transaction,
    deltas: ReturnType<typeof modelDeltas>,
  ) {
    const sums = ['calls', 'input_tokens', 'output_tokens', 'cost_usd'];
    await bulkInsert(
      trx,
      'telemetry_models',
      [
        { name: 'identity_key', type: 'text' },
        { name: 'day', type: 'text' },
        { name: 'model', type: 'text' },
        { name: 'tier', type: 'text' },
        { name: 'calls', type: 'integer' },
        { name: 'input_tokens', type: 'bigint' },
        { name: 'output_tokens', type: 'bigint' },
        { name: 'cost_usd', type: 'double precision' },
      ],
      deltas
        .map(d => [
          d.identity_key,
          d.day,
          d.model,
          d.tier,
          d.calls,
          d.input_tokens,
          d.output_tokens,
          d.cost_usd,
        ])
        .sort(byColumns(4)),
      {
        conflict: ['identity_key', 'day', 'model', 'tier'],
        merge: Object.fromEntries(
          sums.map(c => [c, `telemetry_models.${c} + excluded.${c}`]),
        ),
      },
    );
  }

  private async upsertGrants(
    trx: Knex.Transaction,
    grants: AgentGrant[],
    origin: TelemetryOrigin,
    now: Date,
  ) {
    const latest = new Map(grants.map(g => [g.id, g]));
    const columns = GRANT_COLUMNS.map(c => c.name);
    await bulkInsert(
      trx,
      'telemetry_grants',
      GRANT_COLUMNS,
      [...latest.values()]
        .map(g => [
          g.id,
          g.agentIdentityId,
          g.tool,
          g.scope ?? null,
          g.issuedAt,
          g.expiresAt ?? null,
          g.revokedAt ?? null,
          g.onBehalfOf ?? null,
          origin.sourceId,
          now.toISOString(),
        ])
        .sort(byColumns(1)),
      {
        conflict: ['id'],
        merge: Object.fromEntries(
          columns.filter(c => c !== 'id').map(c => [c, `excluded.${c}`]),
        ),
      },
    );
  }

  /**
   * Deletes raw events (keeping their spans' keys), unattributed calls and reported names
   * older than `before`; rollups stay.
   */
  async prune(before: Date): Promise<number> {
    await this.knex('telemetry_unattributed')
      .where('started_at', '<', before.toISOString())
      .delete();
    await this.knex('telemetry_identity_names')
      .where('last_seen_day', '<', dayOf(before.toISOString()))
      .delete();
    return this.knex.transaction(trx => retireRawEvents(trx, before));
  }

  /**
   * Forgets the keys of spans from UTC days before `before`'s day: spans that old are
   * refused at ingestion, so their keys can no longer match.
   */
  async pruneSpanKeys(before: Date): Promise<number> {
    // Keys start with their day: every key of an earlier day sorts before this day.
    return this.knex('telemetry_span_keys')
      .where('key', '<', dayOf(before.toISOString()))
      .delete();
  }
}

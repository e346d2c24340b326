import { Knex } from 'knex';
import {
  AgentGrant,
  TelemetryBatch,
  TelemetryEvent,
} from '@mandate/plugin-agents-node';
import { identityKeyOf } from '../domain/identity';
import { bucketOf, emptyBuckets } from '../domain/latency';
import { AgentsStore } from './AgentsStore';
import { TelemetrySourcesStore } from './TelemetrySourcesStore';
import { TraceBufferStore } from './TraceBufferStore';
import {
  IngestResult,
  LATENCY_COLUMNS,
  TelemetryOrigin,
  chunks,
  dayOf,
} from './telemetryRows';

type RollupDelta = {
  identityKey: string;
  tool: string;
  day: string;
  operation: string;
  calls: number;
  decisions: number;
  denials: number;
  approvalsRequired: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  buckets: number[];
  lastSeenAt: string;
};

/** Serialises ingestion across backend instances on PostgreSQL (rollups are read-modify-write). */
const INGEST_LOCK_ID = 727_001;

function rollupDeltas(events: TelemetryEvent[]): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const event of events) {
    const identityKey = identityKeyOf(event)!;
    const tool = event.operation === 'execute_tool' ? event.tool! : '';
    const day = dayOf(event.startedAt);
    const key = `${identityKey}\u0000${tool}\u0000${day}`;
    let delta = deltas.get(key);
    if (!delta) {
      delta = {
        identityKey,
        tool,
        day,
        operation: event.operation,
        calls: 0,
        decisions: 0,
        denials: 0,
        approvalsRequired: 0,
        errors: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        buckets: emptyBuckets(),
        lastSeenAt: event.startedAt,
      };
      deltas.set(key, delta);
    }
    // Model calls bring tokens, cost and errors; calls and latency are tool calls and runs.
    if (event.operation !== 'model_call') {
      delta.calls += 1;
      delta.buckets[bucketOf(event.durationMs)] += 1;
    }
    if (event.decision) delta.decisions += 1;
    if (event.decision === 'deny') delta.denials += 1;
    if (event.decision === 'require-approval') delta.approvalsRequired += 1;
    if (event.errorType) delta.errors += 1;
    delta.inputTokens += event.inputTokens ?? 0;
    delta.outputTokens += event.outputTokens ?? 0;
    delta.costUsd += event.costUsd ?? 0;
    if (event.startedAt > delta.lastSeenAt) delta.lastSeenAt = event.startedAt;
  }
  return [...deltas.values()];
}

function modelDeltas(events: TelemetryEvent[]) {
  const deltas = new Map<
    string,
    {
      identity_key: string;
      day: string;
      model: string;
      tier: string;
      calls: number;
      input_tokens: number;
      output_tokens: number;
      cost_usd: number;
    }
  >();
  for (const event of events) {
    // A tool call may carry its caller's model as context; it is not a model call.
    const model =
      event.operation === 'execute_tool'
        ? undefined
        : event.responseModel ?? event.requestModel;
    if (!model) continue;
    const identityKey = identityKeyOf(event)!;
    const tier = event.modelTier ?? '';
    const day = dayOf(event.startedAt);
    const key = [identityKey, day, model, tier].join('\u0000');
    const delta = deltas.get(key) ?? {
      identity_key: identityKey,
      day,
      model,
      tier,
      calls: 0,
      input_tokens: 0,
      output_tokens: 0,
      cost_usd: 0,
    };
    delta.calls += 1;
    delta.input_tokens += event.inputTokens ?? 0;
    delta.output_tokens += event.outputTokens ?? 0;
    delta.cost_usd += event.costUsd ?? 0;
    deltas.set(key, delta);
  }
  return [...deltas.values()];
}

function eventRow(event: TelemetryEvent, sourceId: string) {
  return {
    id: event.id,
    identity_key: identityKeyOf(event)!,
    agent_name: event.agentName ?? null,
    operation: event.operation,
    tool: event.tool ?? '',
    mcp_method: event.mcpMethod ?? null,
    request_model: event.requestModel ?? null,
    response_model: event.responseModel ?? null,
    model_tier: event.modelTier ?? null,
    input_tokens: event.inputTokens ?? null,
    output_tokens: event.outputTokens ?? null,
    cost_usd: event.costUsd ?? null,
    started_at: event.startedAt,
    duration_ms: Math.round(event.durationMs),
    error_type: event.errorType ?? null,
    decision: event.decision ?? null,
    rule_id: event.ruleId ?? null,
    grant_id: event.grantId ?? null,
    on_behalf_of: event.onBehalfOf ?? null,
    source: sourceId,
  };
}

/** The latest call per identity key, for the agents' last-activity column. */
function lastActivityOf(events: TelemetryEvent[]): Map<string, string> {
  const lastByKey = new Map<string, string>();
  for (const e of events) {
    const key = identityKeyOf(e)!;
    const last = lastByKey.get(key);
    if (!last || e.startedAt > last) lastByKey.set(key, e.startedAt);
  }
  return lastByKey;
}

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
  constructor(private readonly knex: Knex) {}

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
   * One unit of ingestion: the trace buffer and the stores, in one transaction that holds
   * the ingest lock (on PostgreSQL, across replicas).
   */
  async transaction<T>(
    work: (tx: TelemetryTransaction) => Promise<T>,
  ): Promise<T> {
    return this.knex.transaction(async trx => {
      if (trx.client.config.client === 'pg') {
        await trx.raw('select pg_advisory_xact_lock(?)', [INGEST_LOCK_ID]);
      }
      return work({
        traces: new TraceBufferStore(trx),
        ingest: (batch, origin, options) =>
          this.ingestIn(trx, batch, origin, options),
      });
    });
  }

  private async ingestIn(
    trx: Knex.Transaction,
    batch: TelemetryBatch,
    origin: TelemetryOrigin,
    options: { now: Date; rawSince: Date },
  ): Promise<IngestResult> {
    const fresh = await this.claimFresh(trx, batch.events);
    const rawSince = options.rawSince.toISOString();
    for (const rows of chunks(
      fresh
        .filter(e => e.startedAt >= rawSince)
        .map(e => eventRow(e, origin.sourceId)),
    )) {
      await trx('telemetry_events').insert(rows).onConflict('id').ignore();
    }
    await this.addRollups(trx, rollupDeltas(fresh));
    await this.addModels(trx, modelDeltas(fresh));
    await this.upsertGrants(trx, batch.grants, origin, options.now);

    const identityKeys = new Set<string>();
    for (const e of fresh) identityKeys.add(identityKeyOf(e)!);
    for (const g of batch.grants) identityKeys.add(g.agentIdentityId);
    await new AgentsStore(trx).markActivity(lastActivityOf(fresh));
    if (batch.events.length > 0 || batch.grants.length > 0) {
      await new TelemetrySourcesStore(trx).touch(origin, options.now);
    }
    return {
      accepted: fresh.length,
      duplicates: batch.events.length - fresh.length,
      grants: batch.grants.length,
      identityKeys: [...identityKeys],
    };
  }

  /** Claims the key of each event; returns the events whose key was not held yet. */
  private async claimFresh(
    trx: Knex.Transaction,
    events: TelemetryEvent[],
  ): Promise<TelemetryEvent[]> {
    const unique = new Map(events.map(e => [e.id, e]));
    const fresh: TelemetryEvent[] = [];
    for (const ids of chunks([...unique.keys()], 500)) {
      const claimed: { id: string }[] = await trx('telemetry_span_keys')
        .insert(ids.map(id => ({ id, day: dayOf(unique.get(id)!.startedAt) })))
        .onConflict('id')
        .ignore()
        .returning('id');
      for (const { id } of claimed) fresh.push(unique.get(id)!);
    }
    return fresh;
  }

  /** Adds each delta to its day's row in one upsert per chunk: safe under concurrency. */
  private async addRollups(trx: Knex.Transaction, deltas: RollupDelta[]) {
    const add = (column: string) =>
      trx.raw('?? + excluded.??', [`telemetry_rollups.${column}`, column]);
    const additive = [
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
    const merge: Record<string, Knex.Raw> = Object.fromEntries(
      additive.map(c => [c, add(c)]),
    );
    merge.last_seen_at = trx.raw(
      'CASE WHEN excluded.last_seen_at > ?? THEN excluded.last_seen_at ELSE ?? END',
      ['telemetry_rollups.last_seen_at', 'telemetry_rollups.last_seen_at'],
    );
    for (const group of chunks(deltas, 250)) {
      await trx('telemetry_rollups')
        .insert(
          group.map(d => ({
            identity_key: d.identityKey,
            tool: d.tool,
            day: d.day,
            operation: d.operation,
            calls: d.calls,
            decisions: d.decisions,
            denials: d.denials,
            approvals_required: d.approvalsRequired,
            errors: d.errors,
            input_tokens: d.inputTokens,
            output_tokens: d.outputTokens,
            cost_usd: d.costUsd,
            ...Object.fromEntries(
              LATENCY_COLUMNS.map((c, i) => [c, d.buckets[i]]),
            ),
            last_seen_at: d.lastSeenAt,
          })),
        )
        .onConflict(['identity_key', 'tool', 'day'])
        .merge(merge);
    }
  }

  private async addModels(
    trx: Knex.Transaction,
    deltas: ReturnType<typeof modelDeltas>,
  ) {
    for (const group of chunks(deltas, 500)) {
      await trx('telemetry_models')
        .insert(group)
        .onConflict(['identity_key', 'day', 'model', 'tier'])
        .merge(
          Object.fromEntries(
            ['calls', 'input_tokens', 'output_tokens', 'cost_usd'].map(c => [
              c,
              trx.raw('?? + excluded.??', [`telemetry_models.${c}`, c]),
            ]),
          ),
        );
    }
  }

  private async upsertGrants(
    trx: Knex.Transaction,
    grants: AgentGrant[],
    origin: TelemetryOrigin,
    now: Date,
  ) {
    const latest = new Map(grants.map(g => [g.id, g]));
    for (const rows of chunks([...latest.values()], 100)) {
      await trx('telemetry_grants')
        .insert(
          rows.map(g => ({
            id: g.id,
            identity_key: g.agentIdentityId,
            tool: g.tool,
            scope: g.scope ?? null,
            issued_at: g.issuedAt,
            expires_at: g.expiresAt ?? null,
            revoked_at: g.revokedAt ?? null,
            on_behalf_of: g.onBehalfOf ?? null,
            source: origin.sourceId,
            updated_at: now.toISOString(),
          })),
        )
        .onConflict('id')
        .merge();
    }
  }

  /** Deletes raw events and unattributed calls that started before `before`; rollups stay. */
  async prune(before: Date): Promise<number> {
    await this.knex('telemetry_unattributed')
      .where('started_at', '<', before.toISOString())
      .delete();
    return this.knex('telemetry_events')
      .where('started_at', '<', before.toISOString())
      .delete();
  }

  /**
   * Forgets the keys of spans from UTC days before `before`'s day: spans that old are
   * refused at ingestion, so their keys can no longer match.
   */
  async pruneSpanKeys(before: Date): Promise<number> {
    return this.knex('telemetry_span_keys')
      .where('day', '<', dayOf(before.toISOString()))
      .delete();
  }
}

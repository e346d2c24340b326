import { Knex } from 'knex';
import {
  DailyActivity,
  ModelActivity,
  ToolActivity as ToolActivityView,
} from '@mandate/plugin-agents-common';
import {
  AgentGrant,
  TelemetryBatch,
  TelemetryEvent,
  ToolUsage,
} from '@mandate/plugin-agents-node';
import { compact } from '../database/json';
import { identityKeyOf } from '../domain/identity';
import {
  LATENCY_BUCKETS,
  addBuckets,
  bucketOf,
  emptyBuckets,
  percentileMs,
} from '../domain/latency';

/** Where a batch came from: the OTLP receiver or a pull source. */
export interface TelemetryOrigin {
  sourceId: string;
  kind: 'otlp' | 'pull' | 'sample';
}

export interface IngestResult {
  /** Events stored for the first time. */
  accepted: number;
  /** Events already seen (a retried delivery). */
  duplicates: number;
  grants: number;
  /** Identities that sent events or grants in this batch. */
  identityKeys: string[];
}

/** Totals of one tool in a window, before it is held against the approved scope. */
export type ToolActivity = Omit<ToolActivityView, 'inApprovedScope'>;
export type { DailyActivity, ModelActivity };

/** One identity the enforcement layer reported, with its totals in a window. */
export interface SeenIdentity {
  identityKey: string;
  calls: number;
  tools: string[];
  firstDay: string;
  lastSeenAt: string;
}

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

const CHUNK = 200;
const LATENCY_COLUMNS = Array.from(
  { length: LATENCY_BUCKETS },
  (_, i) => `latency_${i}`,
);
/** Serialises ingestion across backend instances on PostgreSQL (rollups are read-modify-write). */
const INGEST_LOCK_ID = 727_001;

const dayOf = (iso: string) => iso.slice(0, 10);

/** The first and last UTC day that [from, to) touches. */
function daysOf(from: Date, to: Date): [string, string] {
  return [
    dayOf(from.toISOString()),
    dayOf(new Date(Math.max(from.getTime(), to.getTime() - 1)).toISOString()),
  ];
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

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
    delta.calls += 1;
    if (event.decision) delta.decisions += 1;
    if (event.decision === 'deny') delta.denials += 1;
    if (event.decision === 'require-approval') delta.approvalsRequired += 1;
    if (event.errorType) delta.errors += 1;
    delta.inputTokens += event.inputTokens ?? 0;
    delta.outputTokens += event.outputTokens ?? 0;
    delta.costUsd += event.costUsd ?? 0;
    delta.buckets[bucketOf(event.durationMs)] += 1;
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
    }
  >();
  for (const event of events) {
    const model = event.responseModel ?? event.requestModel;
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
    };
    delta.calls += 1;
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

function grantFromRow(row: any): AgentGrant {
  return compact({
    id: row.id,
    agentIdentityId: row.identity_key,
    tool: row.tool,
    scope: row.scope ?? undefined,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
    onBehalfOf: row.on_behalf_of ?? undefined,
  });
}

/**
 * What the enforcement layer saw, as Mandate keeps it: raw recent events (for retention),
 * daily rollups per identity and tool, the models that answered, and grants.
 */
export class TelemetryStore {
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
    return this.knex.transaction(async trx => {
      if (trx.client.config.client === 'pg') {
        await trx.raw('select pg_advisory_xact_lock(?)', [INGEST_LOCK_ID]);
      }
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
      await this.markActivity(trx, fresh);
      if (batch.events.length > 0 || batch.grants.length > 0) {
        await this.touchSource(trx, origin, options.now);
      }
      return {
        accepted: fresh.length,
        duplicates: batch.events.length - fresh.length,
        grants: batch.grants.length,
        identityKeys: [...identityKeys],
      };
    });
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
        .merge({
          calls: trx.raw('?? + excluded.calls', ['telemetry_models.calls']),
        });
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

  /** Keeps `agents.last_activity_at` for the estate view's column and sort. */
  private async markActivity(trx: Knex.Transaction, events: TelemetryEvent[]) {
    const lastByKey = new Map<string, string>();
    for (const e of events) {
      const key = identityKeyOf(e)!;
      const last = lastByKey.get(key);
      if (!last || e.startedAt > last) lastByKey.set(key, e.startedAt);
    }
    for (const [key, last] of lastByKey) {
      const match = key.startsWith('name:')
        ? { name: key.slice('name:'.length) }
        : { identity_id: key };
      await trx('agents')
        .where(match)
        .andWhere(q =>
          q
            .whereNull('last_activity_at')
            .orWhere('last_activity_at', '<', last),
        )
        .update({ last_activity_at: last });
    }
  }

  private async touchSource(
    trx: Knex.Transaction,
    origin: TelemetryOrigin,
    now: Date,
  ) {
    await trx('telemetry_sources')
      .insert({
        id: origin.sourceId,
        kind: origin.kind,
        last_data_at: now.toISOString(),
      })
      .onConflict('id')
      .merge(['kind', 'last_data_at']);
  }

  /** Deletes raw events that started before `before`; rollups stay. */
  async prune(before: Date): Promise<number> {
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

  /** Per-tool usage in [from, to), with grants issued, for reviews and checks. */
  async usage(
    identityKeys: string[],
    from: Date,
    to: Date,
  ): Promise<ToolUsage[]> {
    const tools = await this.toolActivity(identityKeys, from, to);
    const issued: any[] = await this.knex('telemetry_grants')
      .whereIn('identity_key', identityKeys)
      .where('issued_at', '>=', from.toISOString())
      .where('issued_at', '<', to.toISOString())
      .groupBy('tool')
      .select('tool')
      .count({ n: '*' });
    const issuedByTool = new Map(issued.map(r => [r.tool, Number(r.n)]));
    const usage: ToolUsage[] = tools.map(t => ({
      tool: t.tool,
      calls: t.calls,
      denials: t.denials,
      errors: t.errors,
      lastUsedAt: t.lastSeenAt,
      grantsIssued: issuedByTool.get(t.tool) ?? 0,
    }));
    for (const [tool, n] of issuedByTool) {
      if (!tools.some(t => t.tool === tool)) {
        usage.push({ tool, calls: 0, denials: 0, errors: 0, grantsIssued: n });
      }
    }
    return usage;
  }

  /** Rollup rows of the UTC days that [from, to) touches. */
  private rollups(identityKeys: string[], from: Date, to: Date) {
    const [firstDay, lastDay] = daysOf(from, to);
    return this.knex('telemetry_rollups')
      .whereIn('identity_key', identityKeys)
      .whereBetween('day', [firstDay, lastDay]);
  }

  async daily(
    identityKeys: string[],
    from: Date,
    to: Date,
  ): Promise<DailyActivity[]> {
    const rows: any[] = await this.rollups(identityKeys, from, to)
      .groupBy('day')
      .orderBy('day')
      .select('day')
      .sum({
        calls: 'calls',
        denials: 'denials',
        errors: 'errors',
        inputTokens: 'input_tokens',
        outputTokens: 'output_tokens',
        costUsd: 'cost_usd',
      });
    return rows.map(r => ({
      day: r.day,
      calls: Number(r.calls),
      denials: Number(r.denials),
      errors: Number(r.errors),
      inputTokens: Number(r.inputTokens),
      outputTokens: Number(r.outputTokens),
      costUsd: Math.round(Number(r.costUsd) * 100) / 100,
    }));
  }

  /** Calls, and calls that carried a gateway policy decision, in a window. */
  async decisionTotals(
    identityKeys: string[],
    from: Date,
    to: Date,
  ): Promise<{ calls: number; decisions: number }> {
    const [row]: any[] = await this.rollups(identityKeys, from, to).sum({
      calls: 'calls',
      decisions: 'decisions',
    });
    return {
      calls: Number(row?.calls ?? 0),
      decisions: Number(row?.decisions ?? 0),
    };
  }

  /** Tool calls (not agent invocations) per day, for daily budgets. */
  async toolCallsPerDay(
    identityKeys: string[],
    from: Date,
    to: Date,
  ): Promise<{ day: string; calls: number }[]> {
    const rows: any[] = await this.rollups(identityKeys, from, to)
      .andWhere('tool', '<>', '')
      .groupBy('day')
      .orderBy('day')
      .select('day')
      .sum({ calls: 'calls' });
    return rows.map(r => ({ day: r.day, calls: Number(r.calls) }));
  }

  /** The agent names an identity reported in recent raw events. */
  async reportedNames(identityKey: string): Promise<string[]> {
    return this.knex('telemetry_events')
      .where({ identity_key: identityKey })
      .whereNotNull('agent_name')
      .distinct('agent_name')
      .pluck('agent_name');
  }

  async toolActivity(
    identityKeys: string[],
    from: Date,
    to: Date,
  ): Promise<ToolActivity[]> {
    const rows = await this.rollups(identityKeys, from, to).andWhere(
      'tool',
      '<>',
      '',
    );
    const byTool = new Map<string, ToolActivity & { buckets: number[] }>();
    for (const row of rows) {
      const t = byTool.get(row.tool) ?? {
        tool: row.tool,
        calls: 0,
        denials: 0,
        approvalsRequired: 0,
        errors: 0,
        lastSeenAt: row.last_seen_at,
        buckets: emptyBuckets(),
      };
      t.calls += Number(row.calls);
      t.denials += Number(row.denials);
      t.approvalsRequired += Number(row.approvals_required);
      t.errors += Number(row.errors);
      if (row.last_seen_at > t.lastSeenAt) t.lastSeenAt = row.last_seen_at;
      addBuckets(
        t.buckets,
        LATENCY_COLUMNS.map(c => Number(row[c])),
      );
      byTool.set(row.tool, t);
    }
    return [...byTool.values()]
      .map(({ buckets, ...t }) =>
        compact({
          ...t,
          p50Ms: percentileMs(buckets, 0.5),
          p95Ms: percentileMs(buckets, 0.95),
        }),
      )
      .sort((a, b) => b.calls - a.calls || a.tool.localeCompare(b.tool));
  }

  async models(
    identityKeys: string[],
    from: Date,
    to: Date,
  ): Promise<ModelActivity[]> {
    const rows: any[] = await this.knex('telemetry_models')
      .whereIn('identity_key', identityKeys)
      .whereBetween('day', daysOf(from, to))
      .groupBy('model', 'tier')
      .select('model', 'tier')
      .sum({ calls: 'calls' })
      .max({ lastDay: 'day' });
    return rows.map(r =>
      compact({
        model: r.model,
        tier: r.tier || undefined,
        calls: Number(r.calls),
        lastDay: r.lastDay,
      }),
    );
  }

  /** Every grant the enforcement layer reported for these identities, newest first. */
  async grants(identityKeys: string[]): Promise<AgentGrant[]> {
    const rows = await this.knex('telemetry_grants')
      .whereIn('identity_key', identityKeys)
      .orderBy('issued_at', 'desc');
    return rows.map(grantFromRow);
  }

  /** Identities with events since `since`, with totals: the input of shadow-agent checks. */
  async identitiesSince(since: Date): Promise<SeenIdentity[]> {
    const rows: any[] = await this.knex('telemetry_rollups')
      .where('day', '>=', dayOf(since.toISOString()))
      .groupBy('identity_key', 'tool')
      .select('identity_key', 'tool')
      .sum({ calls: 'calls' })
      .min({ firstDay: 'day' })
      .max({ lastSeenAt: 'last_seen_at' });
    const byKey = new Map<string, SeenIdentity>();
    for (const r of rows) {
      const seen: SeenIdentity = byKey.get(r.identity_key) ?? {
        identityKey: r.identity_key,
        calls: 0,
        tools: [],
        firstDay: r.firstDay,
        lastSeenAt: r.lastSeenAt,
      };
      seen.calls += Number(r.calls);
      if (r.tool) seen.tools.push(r.tool);
      if (r.firstDay < seen.firstDay) seen.firstDay = r.firstDay;
      if (r.lastSeenAt > seen.lastSeenAt) seen.lastSeenAt = r.lastSeenAt;
      byKey.set(r.identity_key, seen);
    }
    return [...byKey.values()];
  }
}

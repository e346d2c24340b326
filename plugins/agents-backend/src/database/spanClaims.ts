import { Knex } from 'knex';
import { TelemetryEvent } from '@mandate/plugin-agents-node';
import { identityKeyOf } from '../domain/identity';
import { BulkColumn, bulkInsert, textColumn } from './bulkInsert';
import { dayOf } from './telemetryRows';

// Which spans are new. A span is counted once, however often it is delivered within the
// duplicate window. While its raw event is kept, the raw event's primary key is the span's
// claim: one write per span. When raw events are pruned their keys move to
// telemetry_span_keys ("<UTC day> <id>"), which also takes the claims of spans that arrive
// already older than raw retention (a backfill, a collector draining after an outage).
// telemetry_span_key_horizon says that every key there is of a span that started at or
// before it: a recent span after the horizon needs no look in telemetry_span_keys (before
// it only when raw retention was lengthened, or a backfill reached into the raw window).

/** A raw event: what one span reported, kept for agents.telemetry.rawRetention. */
const EVENT_COLUMNS: BulkColumn[] = [
  textColumn('id'),
  textColumn('identity_key'),
  textColumn('agent_name'),
  textColumn('operation'),
  textColumn('tool'),
  textColumn('mcp_method'),
  textColumn('request_model'),
  textColumn('response_model'),
  textColumn('model_tier'),
  { name: 'input_tokens', type: 'integer' },
  { name: 'output_tokens', type: 'integer' },
  { name: 'cost_usd', type: 'double precision' },
  textColumn('started_at'),
  { name: 'duration_ms', type: 'integer' },
  textColumn('error_type'),
  textColumn('decision'),
  textColumn('rule_id'),
  textColumn('grant_id'),
  textColumn('on_behalf_of'),
  textColumn('source'),
];

function eventRow(event: TelemetryEvent, sourceId: string) {
  return [
    event.id,
    identityKeyOf(event)!,
    event.agentName ?? null,
    event.operation,
    event.tool ?? '',
    event.mcpMethod ?? null,
    event.requestModel ?? null,
    event.responseModel ?? null,
    event.modelTier ?? null,
    event.inputTokens ?? null,
    event.outputTokens ?? null,
    event.costUsd ?? null,
    event.startedAt,
    Math.round(event.durationMs),
    event.errorType ?? null,
    event.decision ?? null,
    event.ruleId ?? null,
    event.grantId ?? null,
    event.onBehalfOf ?? null,
    sourceId,
  ];
}

/** The key a span is remembered by once its raw event is gone: its UTC day, then its id. */
const spanKeyOf = (event: Pick<TelemetryEvent, 'id' | 'startedAt'>) =>
  `${dayOf(event.startedAt)} ${event.id}`;

async function horizon(trx: Knex.Transaction): Promise<string> {
  const row = await trx('telemetry_span_key_horizon')
    .where({ id: 1 })
    .first('started_at');
  return row?.started_at ?? '';
}

async function raiseHorizon(trx: Knex.Transaction, startedAt: string) {
  await trx('telemetry_span_key_horizon')
    .where({ id: 1 })
    .andWhere('started_at', '<', startedAt)
    .update({ started_at: startedAt });
}

/** The ids among `ids` that the rows of `table` hold under `column`. */
async function heldAmong(
  trx: Knex.Transaction,
  table: string,
  column: string,
  ids: string[],
): Promise<Set<string>> {
  const held = new Set<string>();
  for (let i = 0; i < ids.length; i += 2000) {
    const found = await trx(table)
      .whereIn(column, ids.slice(i, i + 2000))
      .pluck(column);
    for (const id of found) held.add(String(id));
  }
  return held;
}

/**
 * Claims the spans of `events` and returns those claimed now (not delivered before). Spans
 * that started since `rawSince` are claimed by storing their raw event; older ones by their
 * key. Keys go in sorted order, so concurrent deliveries cannot deadlock on them.
 */
export async function claimFreshSpans(
  trx: Knex.Transaction,
  events: TelemetryEvent[],
  options: { rawSince: Date; sourceId: string },
): Promise<TelemetryEvent[]> {
  const rawSince = options.rawSince.toISOString();
  const byId = new Map<string, TelemetryEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  const recent: TelemetryEvent[] = [];
  const old: TelemetryEvent[] = [];
  for (const id of [...byId.keys()].sort()) {
    const e = byId.get(id)!;
    (e.startedAt >= rawSince ? recent : old).push(e);
  }
  return [
    ...(await claimRecent(trx, recent, options.sourceId)),
    ...(await claimOld(trx, old)),
  ];
}

async function claimRecent(
  trx: Knex.Transaction,
  events: TelemetryEvent[],
  sourceId: string,
): Promise<TelemetryEvent[]> {
  if (events.length === 0) return [];
  const keysBefore = await horizon(trx);
  const maybeKept = events.filter(e => e.startedAt <= keysBefore);
  const kept = await heldAmong(
    trx,
    'telemetry_span_keys',
    'key',
    maybeKept.map(spanKeyOf),
  );
  const candidates = events.filter(e => !kept.has(spanKeyOf(e)));
  const inserted = new Set(
    await bulkInsert(
      trx,
      'telemetry_events',
      EVENT_COLUMNS,
      candidates.map(e => eventRow(e, sourceId)),
      { conflict: ['id'], returning: 'id' },
    ),
  );
  return candidates.filter(e => inserted.has(e.id));
}

async function claimOld(
  trx: Knex.Transaction,
  events: TelemetryEvent[],
): Promise<TelemetryEvent[]> {
  if (events.length === 0) return [];
  const byKey = new Map(events.map(e => [spanKeyOf(e), e]));
  const claimed = (
    await bulkInsert(
      trx,
      'telemetry_span_keys',
      [textColumn('key')],
      [...byKey.keys()].sort().map(key => [key]),
      { conflict: ['key'], returning: 'key' },
    )
  ).map(key => byKey.get(String(key))!);
  await raiseHorizon(
    trx,
    events.reduce(
      (latest, e) => (e.startedAt > latest ? e.startedAt : latest),
      '',
    ),
  );
  // Raw events not yet pruned still hold their spans' claims.
  const stillRaw = await heldAmong(
    trx,
    'telemetry_events',
    'id',
    claimed.map(e => e.id),
  );
  return claimed.filter(e => !stillRaw.has(e.id));
}

/**
 * Deletes the raw events of spans that started before `before`, keeping their keys in
 * telemetry_span_keys for the rest of the duplicate window.
 */
export async function retireRawEvents(
  trx: Knex.Transaction,
  before: Date,
): Promise<number> {
  const cutoff = before.toISOString();
  const keys = "substr(started_at, 1, 10) || ' ' || id";
  if (trx.client.config.client === 'pg') {
    await trx.raw(
      `insert into telemetry_span_keys (key) select ${keys} from telemetry_events where started_at < ? on conflict do nothing`,
      [cutoff],
    );
  } else {
    await trx.raw(
      `insert or ignore into telemetry_span_keys (key) select ${keys} from telemetry_events where started_at < ?`,
      [cutoff],
    );
  }
  await raiseHorizon(trx, cutoff);
  return trx('telemetry_events').where('started_at', '<', cutoff).delete();
}

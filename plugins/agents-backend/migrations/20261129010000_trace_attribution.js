// @ts-check
// Attribution of spans that arrive before the ancestor that names their agent: the spans of
// a trace are held for agents.telemetry.attribution.holdFor, shared by every replica; what
// still names no agent is kept apart for the unattributed-telemetry finding. Model calls
// now bring their tokens and cost to the models table. The names an identity reported are
// kept in their own small table, so that raw events need no index by identity (the index
// cost more at ingestion than anything else). On PostgreSQL the counter tables leave room
// on each page, so that adding to a counter rewrites the row in place (a HOT update)
// instead of also rewriting its index entries.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('telemetry_trace_spans', t => {
    t.comment(
      'Spans of traces being attributed: pending ones wait for their ancestors, settled ones stay known until hold_until so that later children find them',
    );
    t.string('trace_id', 32).notNullable();
    t.string('span_id', 16).notNullable();
    t.string('source', 128).notNullable();
    t.boolean('pending').notNullable();
    t.string('hold_until', 30).notNullable();
    t.text('facts').notNullable().comment('What the span reports, as JSON');
    t.primary(['trace_id', 'span_id']);
    t.index(['pending', 'hold_until'], 'telemetry_trace_spans_pending_idx');
    t.index(['hold_until'], 'telemetry_trace_spans_hold_idx');
  });
  await knex.schema.createTable('telemetry_unattributed', t => {
    t.comment(
      'Calls that no rule attributed to an agent; pruned with raw events',
    );
    t.string('trace_id', 32).notNullable();
    t.string('span_id', 16).notNullable();
    t.string('source', 128).notNullable();
    t.string('role', 8).notNullable();
    t.string('tool', 255);
    t.string('started_at', 30).notNullable();
    t.primary(['trace_id', 'span_id']);
    t.index(['started_at'], 'telemetry_unattributed_started_idx');
  });
  await knex.schema.createTable('telemetry_identity_names', t => {
    t.comment(
      'Agent names each identity reported in spans; pruned with raw events',
    );
    t.string('identity_key', 512).notNullable();
    t.string('agent_name', 255).notNullable();
    t.string('last_seen_day', 10).notNullable().comment('UTC day');
    t.primary(['identity_key', 'agent_name']);
    t.index(['last_seen_day'], 'telemetry_identity_names_seen_idx');
  });
  await knex
    .insert(
      knex('telemetry_events')
        .whereNotNull('agent_name')
        .groupBy('identity_key', 'agent_name')
        .select(
          'identity_key',
          'agent_name',
          knex.raw('max(substr(started_at, 1, 10)) as last_seen_day'),
        ),
    )
    .into('telemetry_identity_names');
  await knex.schema.alterTable('telemetry_events', t => {
    t.dropIndex([], 'telemetry_events_identity_idx');
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw('alter table telemetry_rollups set (fillfactor = 70)');
    await knex.raw('alter table telemetry_models set (fillfactor = 70)');
  }
  await knex.schema.alterTable('telemetry_models', t => {
    t.bigInteger('input_tokens').notNullable().defaultTo(0);
    t.bigInteger('output_tokens').notNullable().defaultTo(0);
    t.double('cost_usd').notNullable().defaultTo(0);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw('alter table telemetry_rollups reset (fillfactor)');
    await knex.raw('alter table telemetry_models reset (fillfactor)');
  }
  await knex.schema.alterTable('telemetry_models', t => {
    t.dropColumn('input_tokens');
    t.dropColumn('output_tokens');
    t.dropColumn('cost_usd');
  });
  await knex.schema.alterTable('telemetry_events', t => {
    t.index(['identity_key', 'started_at'], 'telemetry_events_identity_idx');
  });
  await knex.schema.dropTable('telemetry_identity_names');
  await knex.schema.dropTable('telemetry_unattributed');
  await knex.schema.dropTable('telemetry_trace_spans');
};

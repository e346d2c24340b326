// @ts-check
// One compact key per counted span, kept for the duplicate window (agents.telemetry.
// duplicateWindow), independent of raw-event retention: a delivery retried after its raw
// events were pruned must still count once.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('telemetry_span_keys', t => {
    t.comment(
      'Spans already counted in the rollups; pruned after agents.telemetry.duplicateWindow',
    );
    t.string('id', 128).primary();
    t.string('day', 10).notNullable().comment('UTC day the span started');
    t.index(['day'], 'telemetry_span_keys_day_idx');
  });
  await knex
    .insert(
      knex('telemetry_events').select(
        'id',
        knex.raw('substr(started_at, 1, 10) as day'),
      ),
    )
    .into('telemetry_span_keys');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('telemetry_span_keys');
};

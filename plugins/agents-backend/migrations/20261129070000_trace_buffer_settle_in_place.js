// @ts-check
// Settling a held span (pending -> false) rewrote its entry in an index on (pending,
// hold_until) as well as the row. The index on hold_until alone finds what both of its
// readers look for (pending spans whose hold ended, settled spans to forget: the rows whose
// hold_until has passed, few at any time), so the pair index goes: settling now changes no
// indexed column, and on PostgreSQL the row is rewritten in place (a HOT update, with room
// left on each page for it).

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('telemetry_trace_spans', t => {
    t.dropIndex([], 'telemetry_trace_spans_pending_idx');
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw('alter table telemetry_trace_spans set (fillfactor = 70)');
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw('alter table telemetry_trace_spans reset (fillfactor)');
  }
  await knex.schema.alterTable('telemetry_trace_spans', t => {
    t.index(['pending', 'hold_until'], 'telemetry_trace_spans_pending_idx');
  });
};

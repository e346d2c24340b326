// @ts-check
// A retried delivery must count once for the whole duplicate window (agents.telemetry.
// duplicateWindow), also after its raw events were pruned. While a raw event is kept its
// primary key claims its span; when raw events are pruned their keys move here, one compact
// key per span ("<UTC day> <traceId>:<spanId>", so that pruning is a range of the primary
// key), and so do the claims of spans that arrive already older than raw retention. On
// SQLite the table is WITHOUT ROWID (one b-tree). The horizon row says that every key here
// is of a span that started at or before it.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (knex.client.config.client === 'better-sqlite3') {
    await knex.raw(
      'create table telemetry_span_keys (key varchar(160) not null primary key) without rowid',
    );
  } else {
    await knex.schema.createTable('telemetry_span_keys', t => {
      t.comment(
        'Spans counted whose raw events are gone, keyed "<UTC day> <traceId>:<spanId>"; pruned after agents.telemetry.duplicateWindow',
      );
      t.string('key', 160).primary();
    });
  }
  await knex.schema.createTable('telemetry_span_key_horizon', t => {
    t.comment(
      'One row: every key in telemetry_span_keys is of a span that started at or before started_at',
    );
    t.integer('id').primary();
    t.string('started_at', 30).notNullable();
  });
  await knex('telemetry_span_key_horizon').insert({ id: 1, started_at: '' });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('telemetry_span_key_horizon');
  await knex.schema.dropTable('telemetry_span_keys');
};

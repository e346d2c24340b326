// @ts-check
// A trail that proves its own tail. Each audit record names the algorithm of its hash:
// the rows written so far keep version 1 (fields joined by newlines) and still verify;
// new rows are version 2 (SHA-256 over the record's RFC 8785 JSON). Signed checkpoints of
// the chain head are kept, so that a verifier notices records cut from the end of the
// trail or rewritten with their hashes recomputed (docs/audit.md).

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_events', t => {
    t.integer('hash_version')
      .notNullable()
      .defaultTo(1)
      .comment(
        'The algorithm of hash: 1 fields joined by newlines, 2 RFC 8785',
      );
  });
  await knex.schema.createTable('audit_checkpoints', t => {
    t.comment(
      'Signed checkpoints of the audit chain head: the trail had seq records, the last hashing to hash',
    );
    t.bigInteger('seq')
      .primary()
      .comment('Records the trail had; 0 when empty');
    t.string('hash', 64).notNullable().comment('The hash of record seq');
    t.string('signed_at', 30).notNullable();
    t.string('kid', 64).notNullable().comment('The key that signed it');
    t.text('jws')
      .notNullable()
      .comment('Compact JWS (ES256) over {seq, hash, time}');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_checkpoints');
  await knex.schema.alterTable('audit_events', t => {
    t.dropColumn('hash_version');
  });
};

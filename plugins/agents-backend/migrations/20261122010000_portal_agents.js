// @ts-check
// Agents published from the portal (the scaffolder's demo publishing, without an SCM):
// the catalog reads them back as catalog-info.yaml over a url location.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('portal_agents', t => {
    t.comment('catalog-info.yaml of agents published from the portal');
    t.string('entity_ref', 255).primary();
    t.text('yaml').notNullable();
    t.string('published_by', 255).notNullable();
    t.string('published_at', 30).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('portal_agents');
};

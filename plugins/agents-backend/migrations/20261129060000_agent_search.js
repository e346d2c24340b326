// @ts-check
// The estate's search box matches a part of an agent's name, title or identity. A match
// anywhere in the text cannot use a B-tree, so the search reads a narrow table of the
// searched text (lowercased, kept by the agents store) instead of every agent's wide row.

/** @param {{ name: string, title: string | null, identity_id: string }} agent */
const searchText = agent =>
  [agent.name, agent.title ?? '', agent.identity_id]
    .join('\n')
    .toLocaleLowerCase('en-US');

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('agent_search', t => {
    t.comment(
      'What the estate search matches for each agent: name, title and identity, lowercased',
    );
    t.string('agent_ref', 255).primary();
    t.text('text').notNullable();
  });
  let after = '';
  for (;;) {
    const agents = await knex('agents')
      .where('entity_ref', '>', after)
      .orderBy('entity_ref')
      .limit(500)
      .select('entity_ref', 'name', 'title', 'identity_id');
    if (agents.length === 0) break;
    await knex('agent_search').insert(
      agents.map(a => ({ agent_ref: a.entity_ref, text: searchText(a) })),
    );
    after = agents[agents.length - 1].entity_ref;
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('agent_search');
};

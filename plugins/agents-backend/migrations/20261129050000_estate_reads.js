// @ts-check
// The estate view at 10,000 agents reads only what it shows:
// - agent_data_classes holds each agent's data classes a row each, with the owner and state
//   the estate counts and filters by, so that the data class filter and the tiles' counts
//   read a narrow index instead of every agent's JSON;
// - the list's default order (name) and the overdue count walk an index;
// - the requests waiting for someone's decision are read newest first from an index.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('agent_data_classes', t => {
    t.comment(
      'The data classes each agent declares, a row each, with its owner and state (kept by the agents store)',
    );
    t.string('agent_ref', 255).notNullable();
    t.string('data_class', 255).notNullable();
    t.string('owner_ref', 255).notNullable();
    t.string('state', 20).notNullable();
    t.primary(['agent_ref', 'data_class']);
    t.index(['data_class', 'agent_ref'], 'agent_data_classes_class_idx');
  });
  let after = '';
  for (;;) {
    const agents = await knex('agents')
      .where('entity_ref', '>', after)
      .orderBy('entity_ref')
      .limit(500)
      .select('entity_ref', 'owner_ref', 'state', 'data_classes');
    if (agents.length === 0) break;
    const rows = agents.flatMap(a =>
      [...new Set(JSON.parse(a.data_classes || '[]'))].map(dataClass => ({
        agent_ref: a.entity_ref,
        data_class: dataClass,
        owner_ref: a.owner_ref,
        state: a.state,
      })),
    );
    for (let i = 0; i < rows.length; i += 200) {
      await knex('agent_data_classes').insert(rows.slice(i, i + 200));
    }
    after = agents[agents.length - 1].entity_ref;
  }

  await knex.schema.alterTable('agents', t => {
    t.index(['name', 'entity_ref'], 'agents_name_idx');
    t.index(['state', 'next_review_due_at'], 'agents_state_review_due_idx');
  });
  await knex.schema.alterTable('requests', t => {
    t.dropIndex([], 'requests_assignee_status_idx');
    t.index(
      ['assignee_ref', 'status', 'created_at'],
      'requests_assignee_status_created_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('requests', t => {
    t.dropIndex([], 'requests_assignee_status_created_idx');
    t.index(['assignee_ref', 'status'], 'requests_assignee_status_idx');
  });
  await knex.schema.alterTable('agents', t => {
    t.dropIndex([], 'agents_state_review_due_idx');
    t.dropIndex([], 'agents_name_idx');
  });
  await knex.schema.dropTable('agent_data_classes');
};

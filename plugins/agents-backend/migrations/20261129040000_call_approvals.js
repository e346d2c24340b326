// @ts-check
// Per-call human approvals: an enforcement point (a gateway) holds a tool call that needs a
// person's yes, files it here, and waits; the agent's owner, sponsor or security decide it
// before it expires.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('call_approvals', t => {
    t.comment('Tool calls held by an enforcement point until a person decides');
    t.string('id', 36).primary();
    t.string('agent_ref', 255).notNullable();
    t.string('identity_id', 512).notNullable();
    t.string('tool', 255).notNullable();
    t.text('arguments_summary')
      .notNullable()
      .comment('Redacted by the gateway');
    t.string('why', 500).notNullable().comment('Why the call needs a person');
    t.string('on_behalf_of', 255);
    t.text('grant').comment('The grant the call would open, as JSON');
    t.string('requested_by', 255).notNullable();
    t.string('requested_at', 30).notNullable();
    t.string('expires_at', 30).notNullable();
    t.string('status', 16).notNullable();
    t.string('decided_by', 255);
    t.string('decided_at', 30);
    t.string('decision_reason', 1000);
    t.index(['status', 'expires_at'], 'call_approvals_status_idx');
    t.index(['agent_ref', 'requested_at'], 'call_approvals_agent_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('call_approvals');
};

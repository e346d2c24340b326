// @ts-check
// Mandate governance schema. Timestamps are ISO-8601 UTC strings
// (YYYY-MM-DDTHH:mm:ss.sssZ): they sort and compare the same way on SQLite and PostgreSQL.
// JSON values are stored as text.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  /**
   * @param {import('knex').Knex.CreateTableBuilder} t
   * @param {string} name
   */
  const ts = (t, name) => t.string(name, 30);

  await knex.schema.createTable('agents', t => {
    t.comment(
      'One governed agent: its lifecycle state and the facts the list filters on',
    );
    t.string('entity_ref', 255).primary();
    t.string('namespace', 63).notNullable();
    t.string('name', 63).notNullable();
    t.string('title', 255);
    t.string('owner_ref', 255)
      .notNullable()
      .comment('Governance owner; changes by transfer');
    t.string('declared_owner_ref', 255)
      .notNullable()
      .comment('Owner in the YAML');
    t.string('sponsor_ref', 255);
    t.string('identity_id', 512).notNullable();
    t.string('model_tier', 16);
    t.string('highest_access', 16);
    t.text('data_classes').notNullable();
    t.string('review_cadence', 32).notNullable();
    t.text('declared_scope').notNullable();
    t.string('state', 20).notNullable();
    t.boolean('in_catalog').notNullable();
    ts(t, 'commissioned_at');
    ts(t, 'state_changed_at').notNullable();
    ts(t, 'last_review_completed_at');
    ts(t, 'next_review_due_at');
    t.integer('approved_version').notNullable().defaultTo(0);
    ts(t, 'created_at').notNullable();
    ts(t, 'updated_at').notNullable();
    t.index(['owner_ref'], 'agents_owner_idx');
    t.index(['state'], 'agents_state_idx');
    t.index(['next_review_due_at'], 'agents_review_due_idx');
    t.index(['identity_id'], 'agents_identity_idx');
  });

  await knex.schema.createTable('approved_scopes', t => {
    t.comment('Every approved version of an agent scope; append-only');
    t.string('agent_ref', 255).notNullable();
    t.integer('version').notNullable();
    t.text('scope').notNullable();
    ts(t, 'approved_at').notNullable();
    t.string('approved_by', 255).notNullable();
    t.string('request_id', 36);
    t.text('reason');
    t.primary(['agent_ref', 'version']);
  });

  await knex.schema.createTable('requests', t => {
    t.comment('Joiner-mover-leaver requests and their decisions');
    t.string('id', 36).primary();
    t.string('agent_ref', 255).notNullable();
    t.string('type', 20).notNullable();
    t.string('status', 20).notNullable();
    t.string('requester_ref', 255).notNullable();
    t.string('assignee_ref', 255);
    t.text('reason').notNullable();
    t.text('payload').notNullable();
    t.text('changes');
    t.string('decision', 10);
    t.string('decider_ref', 255);
    t.text('decision_reason');
    t.text('evidence');
    t.string('idempotency_key', 255).unique();
    ts(t, 'created_at').notNullable();
    ts(t, 'decided_at');
    ts(t, 'applied_at');
    t.index(['agent_ref', 'status'], 'requests_agent_status_idx');
    t.index(['assignee_ref', 'status'], 'requests_assignee_status_idx');
  });

  await knex.schema.createTable('reviews', t => {
    t.comment('Scope reviews; a completed review is never changed');
    t.string('id', 36).primary();
    t.string('agent_ref', 255).notNullable();
    t.string('status', 12).notNullable();
    ts(t, 'due_at').notNullable();
    ts(t, 'opened_at').notNullable();
    ts(t, 'period_start').notNullable();
    ts(t, 'period_end').notNullable();
    t.integer('escalation_level').notNullable().defaultTo(0);
    ts(t, 'escalated_at');
    ts(t, 'completed_at');
    t.string('completed_by', 255);
    t.text('attestation');
    t.text('decisions');
    t.text('tools');
    t.index(['agent_ref', 'status'], 'reviews_agent_status_idx');
    t.index(['status', 'due_at'], 'reviews_status_due_idx');
  });

  await knex.schema.createTable('findings', t => {
    t.comment(
      'Findings about agents or unknown identities; one row per fingerprint',
    );
    t.string('id', 36).primary();
    t.string('fingerprint', 512).notNullable().unique();
    t.string('agent_ref', 255);
    t.string('subject', 512).notNullable();
    t.string('type', 40).notNullable();
    t.string('severity', 10).notNullable();
    t.string('status', 10).notNullable();
    t.text('message').notNullable();
    ts(t, 'first_seen_at').notNullable();
    ts(t, 'last_seen_at').notNullable();
    ts(t, 'resolved_at');
    t.text('evidence').notNullable();
    t.index(['agent_ref', 'status'], 'findings_agent_status_idx');
    t.index(['status', 'type'], 'findings_status_type_idx');
  });

  await knex.schema.createTable('audit_events', t => {
    t.comment('Tamper-evident trail: each row hashes the previous one');
    t.bigInteger('seq').primary();
    t.string('id', 36).notNullable();
    t.string('agent_ref', 255);
    t.string('actor_ref', 255).notNullable();
    t.string('action', 64).notNullable();
    ts(t, 'occurred_at').notNullable();
    t.text('data').notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.index(['agent_ref', 'seq'], 'audit_agent_seq_idx');
  });

  await knex.schema.createTable('audit_head', t => {
    t.comment('The last link of the audit chain; locked while appending');
    t.integer('id').primary();
    t.bigInteger('seq').notNullable();
    t.string('hash', 64).notNullable();
  });
  await knex('audit_head').insert({ id: 1, seq: 0, hash: '0'.repeat(64) });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'audit_head',
    'audit_events',
    'findings',
    'reviews',
    'requests',
    'approved_scopes',
    'agents',
  ]) {
    await knex.schema.dropTable(table);
  }
};

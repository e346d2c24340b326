// @ts-check
// What the enforcement layer saw: raw recent events, daily rollups per identity and tool,
// models per day, grants with their state, and the pull sources' health. Telemetry is keyed
// by the identity the gateway reported (`spec.identity.id`, or `name:<agent name>`), not by
// agent ref, so that an identity registered later picks up its history.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  /**
   * @param {import('knex').Knex.CreateTableBuilder} t
   * @param {string} name
   */
  const ts = (t, name) => t.string(name, 30);

  await knex.schema.alterTable('agents', t => {
    t.text('profile').comment('Declared model, budgets, purpose, decommission');
    t.integer('maturity_score');
    t.text('maturity').comment('The production checklist with evidence');
    ts(t, 'last_activity_at');
    t.index(['maturity_score'], 'agents_maturity_idx');
    t.index(['last_activity_at'], 'agents_last_activity_idx');
  });

  await knex.schema.createTable('telemetry_events', t => {
    t.comment('Recent raw events; pruned after agents.telemetry.rawRetention');
    t.string('id', 128).primary();
    t.string('identity_key', 512).notNullable();
    t.string('agent_name', 255);
    t.string('operation', 16).notNullable();
    t.string('tool', 255).notNullable().defaultTo('');
    t.string('mcp_method', 64);
    t.string('request_model', 128);
    t.string('response_model', 128);
    t.string('model_tier', 16);
    t.integer('input_tokens');
    t.integer('output_tokens');
    t.double('cost_usd');
    ts(t, 'started_at').notNullable();
    t.integer('duration_ms').notNullable();
    t.string('error_type', 128);
    t.string('decision', 20);
    t.string('rule_id', 255);
    t.string('grant_id', 255);
    t.string('on_behalf_of', 255);
    t.string('source', 128).notNullable();
    t.index(['identity_key', 'started_at'], 'telemetry_events_identity_idx');
    t.index(['started_at'], 'telemetry_events_started_idx');
  });

  await knex.schema.createTable('telemetry_rollups', t => {
    t.comment(
      'Per identity, tool and UTC day; latency as power-of-two millisecond buckets',
    );
    t.string('identity_key', 512).notNullable();
    t.string('tool', 255).notNullable();
    t.string('day', 10).notNullable();
    t.string('operation', 16).notNullable();
    t.integer('calls').notNullable();
    t.integer('decisions')
      .notNullable()
      .comment('Calls carrying a gateway policy decision');
    t.integer('denials').notNullable();
    t.integer('approvals_required').notNullable();
    t.integer('errors').notNullable();
    t.bigInteger('input_tokens').notNullable();
    t.bigInteger('output_tokens').notNullable();
    t.double('cost_usd').notNullable();
    // latency_0 … latency_15: calls faster than 2^i ms (the last holds the rest); columns
    // rather than JSON so that concurrent deliveries add to them in one upsert
    for (let i = 0; i < 16; i++) {
      t.integer(`latency_${i}`).notNullable().defaultTo(0);
    }
    ts(t, 'last_seen_at').notNullable();
    t.primary(['identity_key', 'tool', 'day']);
    t.index(['day'], 'telemetry_rollups_day_idx');
  });

  await knex.schema.createTable('telemetry_models', t => {
    t.comment('Which models answered for each identity, per UTC day');
    t.string('identity_key', 512).notNullable();
    t.string('day', 10).notNullable();
    t.string('model', 128).notNullable();
    t.string('tier', 16).notNullable().defaultTo('');
    t.integer('calls').notNullable();
    t.primary(['identity_key', 'day', 'model', 'tier']);
  });

  await knex.schema.createTable('telemetry_grants', t => {
    t.comment('Credential grants as the enforcement layer last reported them');
    t.string('id', 255).primary();
    t.string('identity_key', 512).notNullable();
    t.string('tool', 255).notNullable();
    t.string('scope', 512);
    ts(t, 'issued_at').notNullable();
    ts(t, 'expires_at');
    ts(t, 'revoked_at');
    t.string('on_behalf_of', 255);
    t.string('source', 128).notNullable();
    ts(t, 'updated_at').notNullable();
    t.index(['identity_key'], 'telemetry_grants_identity_idx');
  });

  await knex.schema.createTable('telemetry_sources', t => {
    t.comment(
      'Where telemetry comes from, when it last arrived and why it stopped',
    );
    t.string('id', 128).primary();
    t.string('kind', 16).notNullable();
    ts(t, 'last_data_at');
    ts(t, 'last_attempt_at');
    ts(t, 'last_success_at');
    t.text('last_error');
    t.integer('consecutive_failures').notNullable().defaultTo(0);
    ts(t, 'next_attempt_at');
    t.text('cursor');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'telemetry_sources',
    'telemetry_grants',
    'telemetry_models',
    'telemetry_rollups',
    'telemetry_events',
  ]) {
    await knex.schema.dropTable(table);
  }
  await knex.schema.alterTable('agents', t => {
    t.dropIndex(['maturity_score'], 'agents_maturity_idx');
    t.dropIndex(['last_activity_at'], 'agents_last_activity_idx');
    t.dropColumn('profile');
    t.dropColumn('maturity_score');
    t.dropColumn('maturity');
    t.dropColumn('last_activity_at');
  });
};

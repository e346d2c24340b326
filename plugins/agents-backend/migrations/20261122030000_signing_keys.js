// @ts-check
// Keys that sign behaviour certificates, when agents.certificates.privateKey is not set:
// generated once and kept here so that every replica and every restart signs with the same
// key, and certificates issued before a restart still verify against the JWKS.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('signing_keys', t => {
    t.comment('Behaviour-certificate signing keys (JWK); the oldest one signs');
    t.string('kid', 64).primary().comment('RFC 7638 JWK thumbprint');
    t.string('alg', 16).notNullable();
    t.text('private_jwk').notNullable();
    t.text('public_jwk').notNullable();
    t.string('created_at', 30).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('signing_keys');
};

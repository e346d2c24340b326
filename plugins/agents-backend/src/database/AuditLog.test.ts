import { auditRecordHash } from '@mandate/plugin-agents-common';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { Knex } from 'knex';
import { versionOneRow } from '../__testUtils__/auditTrail';
import { AuditLog } from './AuditLog';
import { migrateUp } from './migrate';

const databases = mandateTestDatabases();

async function logWithEvents(databaseId: any, count: number) {
  const knex = await databases.init(databaseId);
  await migrateUp(knex);
  const log = new AuditLog(knex);
  for (let i = 1; i <= count; i++) {
    await knex.transaction(trx =>
      new AuditLog(trx).append(
        {
          agentRef: 'agent:default/a',
          actorRef: 'user:default/dana.lee',
          action: 'test.event',
          data: { i, nested: { b: 2, a: 1 } },
        },
        `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
      ),
    );
  }
  return { knex, log };
}

async function events(log: AuditLog) {
  const all = [];
  for await (const event of log.stream()) all.push(event);
  return all;
}

/** What a forger with write access does: changes a record and recomputes its hash. */
async function rewrite(knex: Knex, seq: number, data: object) {
  const row = await knex('audit_events').where({ seq }).first();
  const hash = await auditRecordHash({
    seq,
    id: row.id,
    agentRef: row.agent_ref,
    actorRef: row.actor_ref,
    action: row.action,
    occurredAt: row.occurred_at,
    data: data as Record<string, unknown>,
    prevHash: row.prev_hash,
    hashVersion: row.hash_version,
  });
  await knex('audit_events')
    .where({ seq })
    .update({ data: JSON.stringify(data), hash });
  return hash;
}

describe.each(databases.eachSupportedId())('AuditLog on %s', databaseId => {
  it('links each record to the previous one and verifies an intact chain', async () => {
    const { log } = await logWithEvents(databaseId, 5);
    const all = await events(log);
    expect(all.map(e => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all.map(e => e.hashVersion)).toEqual([2, 2, 2, 2, 2]);
    expect(all[0].prevHash).toBe('0'.repeat(64));
    expect(all[3].prevHash).toBe(all[2].hash);
    expect(await log.verify()).toEqual({ ok: true, checked: 5 });
  });

  it('stores data as RFC 8785 JSON and keeps any input it is given', async () => {
    const { knex, log } = await logWithEvents(databaseId, 0);
    const event = await knex.transaction(trx =>
      new AuditLog(trx).append(
        {
          actorRef: 'user:default/x',
          action: 'odd.input',
          data: {
            b: 1,
            10: 'ten',
            9: 'nine',
            lone: 'a\ud800b',
            gone: undefined,
          },
        },
        '2026-01-01T00:00:00.000Z',
      ),
    );
    const row = await knex('audit_events').where({ seq: 1 }).first();
    expect(row.data).toBe('{"10":"ten","9":"nine","b":1,"lone":"a\ufffdb"}');
    expect(event.data).toEqual({
      10: 'ten',
      9: 'nine',
      b: 1,
      lone: 'a\ufffdb',
    });
    expect(await log.verify()).toEqual({ ok: true, checked: 1 });
  });

  it('reports the first changed record when a row is edited in the database', async () => {
    const { knex, log } = await logWithEvents(databaseId, 5);
    await knex('audit_events')
      .where({ seq: 3 })
      .update({ actor_ref: 'user:default/mallory' });
    expect(await log.verify()).toEqual({
      ok: false,
      checked: 2,
      firstBrokenSeq: 3,
      reason: 'record 3 was changed after it was written',
    });
  });

  it('catches a forger who also recomputes the edited row hash', async () => {
    const { knex, log } = await logWithEvents(databaseId, 5);
    await rewrite(knex, 2, { i: 99 });
    expect(await log.verify()).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'record 3 does not link to record 2',
    });
  });

  it('notices a deleted record and a truncated tail', async () => {
    const { knex, log } = await logWithEvents(databaseId, 5);
    await knex('audit_events').where({ seq: 4 }).delete();
    expect(await log.verify()).toMatchObject({
      ok: false,
      firstBrokenSeq: 4,
      reason: 'record 4 is missing',
    });

    const other = await logWithEvents(databaseId, 3);
    await other.knex('audit_events').where({ seq: 3 }).delete();
    expect(await other.log.verify()).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'the chain ends at record 2 but its head says 3',
    });
  });

  it('holds the chain against checkpoints: a tail cut with the head moved back, or rewritten with every hash after it', async () => {
    const { knex, log } = await logWithEvents(databaseId, 5);
    const [, , three, , five] = await events(log);
    const checkpoints = [
      { seq: 3, hash: three.hash, time: '2026-01-01T00:01:00.000Z' },
      { seq: 5, hash: five.hash, time: '2026-01-01T00:02:00.000Z' },
    ];
    expect(await log.verify(checkpoints)).toEqual({ ok: true, checked: 5 });

    // Rewrite record 4 and recompute 4 and 5, as someone who knows the algorithm would.
    const forged4 = await rewrite(knex, 4, { i: 40 });
    await knex('audit_events').where({ seq: 5 }).update({ prev_hash: forged4 });
    const row5 = await knex('audit_events').where({ seq: 5 }).first();
    const forged5 = await rewrite(knex, 5, JSON.parse(row5.data));
    await knex('audit_head').update({ hash: forged5 });
    expect(await log.verify()).toEqual({ ok: true, checked: 5 });
    expect(await log.verify(checkpoints)).toEqual({
      ok: false,
      checked: 5,
      firstBrokenSeq: 4,
      reason:
        'record 5 is not the one the checkpoint signed at 2026-01-01T00:02:00.000Z vouches for: a record among 4–5 was changed and the hashes after it recomputed',
    });

    // Cut the last two records and move the head back: only the checkpoint shows it.
    await knex('audit_events').where('seq', '>', 3).delete();
    await knex('audit_head').update({ seq: 3, hash: three.hash });
    expect(await log.verify()).toEqual({ ok: true, checked: 3 });
    expect(await log.verify(checkpoints)).toEqual({
      ok: false,
      checked: 3,
      firstBrokenSeq: 4,
      reason:
        'records 4–5 are missing after record 3: the checkpoint signed at 2026-01-01T00:02:00.000Z says the trail had 5',
    });
  });

  it('verifies a trail written with hash version 1 and continued with version 2', async () => {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    // Rows the trail held before the migration that added hash_version.
    // The old canonical form: sorted keys, laid out as a JavaScript object orders them
    // (integer-like keys first, by value), which RFC 8785 does not.
    const first = versionOneRow(1, '0'.repeat(64), '{"a":1,"b":2}');
    const second = versionOneRow(2, first.hash, '{"1":"x","9":"z","10":"y"}');
    await knex('audit_events').insert([first, second]);
    await knex('audit_head').update({ seq: 2, hash: second.hash });

    const log = new AuditLog(knex);
    await knex.transaction(trx =>
      new AuditLog(trx).append(
        { actorRef: 'user:default/x', action: 'new.event', data: { 10: 'y' } },
        '2026-01-01T00:00:00.000Z',
      ),
    );
    const all = await events(log);
    expect(all.map(e => [e.seq, e.hashVersion])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
    ]);
    expect(all[2].prevHash).toBe(second.hash);
    expect(await log.verify()).toEqual({ ok: true, checked: 3 });

    await knex('audit_events')
      .where({ seq: 2 })
      .update({ data: '{"1":"x","9":"changed","10":"y"}' });
    expect(await log.verify()).toMatchObject({
      ok: false,
      reason: 'record 2 was changed after it was written',
    });
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    const { knex, log } = await logWithEvents(databaseId, 0);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        knex.transaction(trx =>
          new AuditLog(trx).append(
            { actorRef: 'user:default/x', action: 'race', data: { i } },
            '2026-01-01T00:00:00.000Z',
          ),
        ),
      ),
    );
    expect(await log.verify()).toEqual({ ok: true, checked: 20 });
  });
});

import { AuditLog, hashAuditRow } from './AuditLog';
import { migrateUp } from './migrate';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';

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

describe.each(databases.eachSupportedId())('AuditLog on %s', databaseId => {
  it('links each record to the previous one and verifies an intact chain', async () => {
    const { log } = await logWithEvents(databaseId, 5);
    const events = [];
    for await (const event of log.stream()) events.push(event);
    expect(events.map(e => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0].prevHash).toBe('0'.repeat(64));
    expect(events[3].prevHash).toBe(events[2].hash);
    expect(await log.verify()).toEqual({ ok: true, checked: 5 });
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
    const row = await knex('audit_events').where({ seq: 2 }).first();
    const forged = { ...row, data: '{"i":99}' };
    forged.hash = hashAuditRow(forged);
    await knex('audit_events')
      .where({ seq: 2 })
      .update({ data: forged.data, hash: forged.hash });
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

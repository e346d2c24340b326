import { mockServices } from '@backstage/backend-test-utils';
import {
  AUDIT_CHECKPOINT_TYPE,
  auditCheckpointPayload,
  verifyAuditExport,
} from '@mandate/plugin-agents-common';
import {
  TestClock,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { CompactSign, generateKeyPair } from 'jose';
import { versionOneRow } from '../__testUtils__/auditTrail';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { migrateUp } from '../database/migrate';
import { DatabaseSigningKeys } from '../policy/SigningKeys';
import { AuditCheckpoints } from './AuditCheckpoints';

const databases = mandateTestDatabases();

async function setup(databaseId: any) {
  const knex = await databases.init(databaseId);
  await migrateUp(knex);
  const db = new AgentsDatabase(knex);
  const clock = new TestClock();
  const auditor = mockServices.auditor.mock();
  const keys = new DatabaseSigningKeys(db.signingKeys, () => clock.now());
  const checkpoints = new AuditCheckpoints({
    db,
    keys,
    auditor,
    logger: mockServices.logger.mock(),
    clock: () => clock.now(),
  });
  const append = (count: number) =>
    db.transaction(async stores => {
      for (let i = 0; i < count; i++) {
        await stores.audit.append(
          {
            actorRef: 'user:default/dana.lee',
            action: 'test.event',
            data: { i },
          },
          clock.now().toISOString(),
        );
      }
    });
  return { knex, db, keys, clock, auditor, checkpoints, append };
}

describe.each(databases.eachSupportedId())(
  'AuditCheckpoints on %s',
  databaseId => {
    it('signs the head when it moved, and records each checkpoint through the auditor', async () => {
      const { db, clock, auditor, checkpoints, append } = await setup(
        databaseId,
      );
      expect(await checkpoints.checkpointIfMoved()).toBeUndefined();
      await append(3);
      const first = await checkpoints.checkpointIfMoved();
      expect(first).toMatchObject({
        seq: 3,
        hash: (await db.stores.audit.head()).hash,
        signedAt: clock.now().toISOString(),
      });
      clock.advance({ minutes: 15 });
      expect(await checkpoints.checkpointIfMoved()).toBeUndefined();
      // An export at the same head is cut at the same checkpoint.
      expect(await checkpoints.checkpointHead('export')).toEqual(first);

      expect(auditor.createEvent).toHaveBeenCalledTimes(1);
      expect(auditor.createEvent).toHaveBeenCalledWith({
        eventId: 'audit-checkpoint',
        severityLevel: 'low',
        meta: {
          trigger: 'schedule',
          seq: 3,
          hash: first!.hash,
          time: first!.signedAt,
          kid: first!.kid,
          checkpoint: first!.jws,
        },
      });

      await append(2);
      expect(await checkpoints.checkpointIfMoved()).toMatchObject({ seq: 5 });
      expect(await checkpoints.verify()).toEqual({
        ok: true,
        checked: 5,
        checkpoints: {
          checked: 2,
          latest: {
            seq: 5,
            hash: (await db.stores.audit.head()).hash,
            time: clock.now().toISOString(),
            kid: first!.kid,
          },
        },
      });
    });

    it('reports a checkpoint row that the signing key did not sign', async () => {
      const { knex, checkpoints, append } = await setup(databaseId);
      await append(2);
      await checkpoints.checkpointIfMoved();
      const head = await knex('audit_head').first();
      const { privateKey } = await generateKeyPair('ES256');
      const claims = {
        seq: 3,
        hash: head.hash,
        time: '2026-01-01T00:00:00.000Z',
      };
      await knex('audit_checkpoints').insert({
        seq: 3,
        hash: head.hash,
        signed_at: claims.time,
        kid: 'forger',
        jws: await new CompactSign(auditCheckpointPayload(claims))
          .setProtectedHeader({
            alg: 'ES256',
            kid: 'forger',
            typ: AUDIT_CHECKPOINT_TYPE,
          })
          .sign(privateKey),
      });
      expect(await checkpoints.verify()).toMatchObject({
        ok: false,
        checked: 2,
        reason:
          'the checkpoint of record 3 is not valid: it is signed with key forger, which the JWKS does not hold',
        checkpoints: { checked: 1, latest: { seq: 2 } },
      });
    });

    it('exports a trail written with hash version 1 and continued with version 2 that the offline verifier accepts', async () => {
      const { knex, db, keys, checkpoints, append } = await setup(databaseId);
      const one = versionOneRow(1, '0'.repeat(64), '{"a":1,"b":2}');
      const two = versionOneRow(2, one.hash, '{"1":"x","9":"z","10":"y"}');
      await knex('audit_events').insert([one, two]);
      await knex('audit_head').update({ seq: 2, hash: two.hash });
      await append(2);

      const cut = await checkpoints.checkpointHead('export');
      const lines = [];
      for await (const event of db.stores.audit.stream({ upTo: cut.seq })) {
        lines.push(JSON.stringify(event));
      }
      lines.push(JSON.stringify({ checkpoint: cut.jws }));
      const result = await verifyAuditExport(lines.join('\n'), {
        keys: await keys.publicKeys(),
      });
      expect(result).toMatchObject({ ok: true, records: 4, problems: [] });
      expect(lines.slice(0, 4).map(l => JSON.parse(l).hashVersion)).toEqual([
        1, 1, 2, 2,
      ]);
      expect(await checkpoints.verify()).toMatchObject({
        ok: true,
        checked: 4,
      });
    });
  },
);

/**
 * @jest-environment node
 */
import {
  CompactSign,
  JSONWebKeySet,
  SignJWT,
  exportJWK,
  generateKeyPair,
} from 'jose';
import { AuditEvent } from '../api';
import {
  AUDIT_CHECKPOINT_TYPE,
  AuditCheckpointClaims,
  auditCheckpointPayload,
} from './checkpoints';
import { AUDIT_GENESIS_HASH, auditRecordHash } from './recordHash';
import { verifyAuditExport } from './verifyExport';

async function signer(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256' };
  const sign = (claims: AuditCheckpointClaims, typ = AUDIT_CHECKPOINT_TYPE) =>
    new CompactSign(auditCheckpointPayload(claims))
      .setProtectedHeader({ alg: 'ES256', kid, typ })
      .sign(privateKey);
  return { jwk, sign, privateKey };
}

/** A trail of `agents.length` records, the i-th for agents[i]. */
async function trail(agents: string[]): Promise<AuditEvent[]> {
  const records: AuditEvent[] = [];
  let prevHash = AUDIT_GENESIS_HASH;
  for (const [i, agentRef] of agents.entries()) {
    const fields = {
      seq: i + 1,
      id: `id-${i + 1}`,
      agentRef,
      actorRef: 'user:default/dana.lee',
      action: 'test.event',
      occurredAt: `2026-01-01T00:00:0${i}.000Z`,
      data: { i },
      prevHash,
      hashVersion: 2,
    };
    prevHash = await auditRecordHash(fields);
    records.push({ ...fields, hash: prevHash });
  }
  return records;
}

const lines = (...items: object[]) =>
  items.map(item => JSON.stringify(item)).join('\n');

describe('verifyAuditExport', () => {
  let key: Awaited<ReturnType<typeof signer>>;
  let jwks: JSONWebKeySet;
  beforeAll(async () => {
    key = await signer('mandate-key');
    jwks = { keys: [key.jwk] };
  });

  it('says what a per-agent export proves, and what it cannot', async () => {
    const records = await trail([
      'agent:default/a',
      'agent:default/b',
      'agent:default/a',
      'agent:default/a',
    ]);
    const cut = await key.sign({
      seq: 4,
      hash: records[3].hash,
      time: '2026-01-01T01:00:00.000Z',
    });
    const own = records.filter(r => r.agentRef === 'agent:default/a');
    const result = await verifyAuditExport(
      lines(...own, { checkpoint: cut, agentRef: 'agent:default/a' }),
      jwks,
    );
    expect(result).toMatchObject({
      ok: true,
      records: 3,
      agentRef: 'agent:default/a',
      checkpoints: [{ seq: 4, kid: 'mandate-key' }],
      problems: [],
    });
    expect(result.limits[0]).toContain('cannot show that none of the agent');

    // Another agent's record slipped in, or one of the agent's records edited.
    expect(
      (
        await verifyAuditExport(
          lines(...records, { checkpoint: cut, agentRef: 'agent:default/a' }),
          jwks,
        )
      ).problems,
    ).toEqual([
      'record 2 belongs to agent:default/b, not to agent:default/a whose export this is',
    ]);
    const edited = { ...own[1], actorRef: 'user:default/mallory' };
    expect(
      (
        await verifyAuditExport(
          lines(own[0], edited, own[2], {
            checkpoint: cut,
            agentRef: 'agent:default/a',
          }),
          jwks,
        )
      ).problems,
    ).toEqual(['record 3 was changed after it was written']);
  });

  it('refuses records with members no hash covers and checkpoints of another type', async () => {
    const records = await trail(['agent:default/a']);
    const claims = {
      seq: 1,
      hash: records[0].hash,
      time: '2026-01-01T01:00:00.000Z',
    };
    const good = await key.sign(claims);
    expect(
      (
        await verifyAuditExport(
          lines(
            { ...records[0], approvedBy: 'user:default/ceo' },
            { checkpoint: good },
          ),
          jwks,
        )
      ).problems[0],
    ).toBe(
      'line 1 is not an audit record: it has members no hash covers (approvedBy)',
    );

    // A behaviour certificate is signed by the same key, but is no checkpoint.
    const certificate = await new SignJWT({ ...claims })
      .setProtectedHeader({
        alg: 'ES256',
        kid: 'mandate-key',
        typ: 'mandate-behaviour-certificate+jwt',
      })
      .sign(key.privateKey);
    expect(
      (
        await verifyAuditExport(
          lines(records[0], { checkpoint: certificate }),
          jwks,
        )
      ).problems,
    ).toEqual([
      'the checkpoint on line 2 is not valid: its type is mandate-behaviour-certificate+jwt, not mandate-audit-checkpoint+jws',
      'no signed checkpoint: nothing shows where the trail ended, so records cut from the end of the export (after record 1) would go unnoticed',
    ]);
  });

  it('verifies an empty trail against a checkpoint of no records', async () => {
    const cut = await key.sign({
      seq: 0,
      hash: AUDIT_GENESIS_HASH,
      time: '2026-01-01T01:00:00.000Z',
    });
    expect(
      await verifyAuditExport(lines({ checkpoint: cut }), jwks),
    ).toMatchObject({ ok: true, records: 0 });
    const later = await key.sign({
      seq: 2,
      hash: 'a'.repeat(64),
      time: '2026-01-01T02:00:00.000Z',
    });
    expect(
      (await verifyAuditExport(lines({ checkpoint: later }), jwks)).problems,
    ).toEqual([
      'records 1–2 are missing: the checkpoint signed at 2026-01-01T02:00:00.000Z says the trail had 2',
    ]);
  });
});

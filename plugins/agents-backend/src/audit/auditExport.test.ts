import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  AUDIT_CHECKPOINT_TYPE,
  AuditEvent,
  AuditExportVerification,
  VerifiedAuditCheckpoint,
  auditCheckpointPayload,
  auditRecordHash,
  verifyAuditExport,
} from '@mandate/plugin-agents-common';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { CompactSign, JSONWebKeySet, generateKeyPair } from 'jose';
import { AgentsApi, startAgentsApi } from '../__testUtils__/agentsApi';
import { SECURITY_GROUP } from '../__testUtils__/entities';

jest.setTimeout(120_000);
const databases = mandateTestDatabases();

type Line = AuditEvent | { checkpoint: string; agentRef?: string };
const parse = (text: string): Line[] =>
  text
    .trim()
    .split('\n')
    .map(line => JSON.parse(line));
const join_ = (lines: Line[]) =>
  `${lines.map(line => JSON.stringify(line)).join('\n')}\n`;
const isRecord = (line: Line): line is AuditEvent => 'seq' in line;

/** The attacker's tool: edits a record and recomputes its hash and every later one. */
async function rewriteFrom(lines: Line[], seq: number, data: object) {
  let prevHash: string | undefined;
  const out: Line[] = [];
  for (const line of lines) {
    if (!isRecord(line) || line.seq < seq) {
      out.push(line);
      continue;
    }
    const { hash: _old, ...fields } = line;
    const changed = {
      ...fields,
      ...(line.seq === seq ? { data: data as Record<string, unknown> } : {}),
      prevHash: prevHash ?? fields.prevHash,
    };
    prevHash = await auditRecordHash(changed);
    out.push({ ...changed, hash: prevHash });
  }
  return out;
}

async function checkpointSignedWith(kid: string, claims: object) {
  const { privateKey } = await generateKeyPair('ES256');
  return new CompactSign(auditCheckpointPayload(claims as any))
    .setProtectedHeader({ alg: 'ES256', kid, typ: AUDIT_CHECKPOINT_TYPE })
    .sign(privateKey);
}

describe.each(databases.eachSupportedId())(
  'the audit export an offline verifier checks, on %s',
  databaseId => {
    let api: AgentsApi;
    let jwks: JSONWebKeySet;
    /** The first export's cut, and the whole export taken after more records. */
    let first: VerifiedAuditCheckpoint;
    let whole: Line[];
    let last: VerifiedAuditCheckpoint;
    let intact: AuditExportVerification;

    const exportOf = async (query = '') => {
      const res = await api.as('security').get(`/v1/audit/export${query}`);
      expect(res.status).toBe(200);
      return res.text;
    };
    const problemsOf = async (lines: Line[]) =>
      (await verifyAuditExport(join_(lines), jwks)).problems;

    beforeAll(async () => {
      api = await startAgentsApi(databases, databaseId, {
        securityGroup: SECURITY_GROUP,
      });
      jwks = (await api.as('anonymous').get('/v1/certificates/jwks.json')).body;
      await api.commissionedAgent('trail-a');
      const early = await verifyAuditExport(await exportOf(), jwks);
      first = early.checkpoints[0];
      api.clock.advance({ hours: 1 });
      await api.commissionedAgent('trail-b');
      const text = await exportOf();
      whole = parse(text);
      intact = await verifyAuditExport(text, jwks);
      last = intact.checkpoints[intact.checkpoints.length - 1];
    });

    it('ends an intact export with every checkpoint, the last at the head it was cut at', async () => {
      expect(intact).toMatchObject({ ok: true, problems: [], limits: [] });
      const records = whole.filter(isRecord);
      expect(records.map(r => r.seq)).toEqual(records.map((_r, i) => i + 1));
      expect(records.every(r => r.hashVersion === 2)).toBe(true);
      expect(whole.slice(records.length)).toEqual([
        { checkpoint: expect.any(String) },
        { checkpoint: expect.any(String) },
      ]);
      expect(last).toMatchObject({
        seq: records.length,
        hash: records[records.length - 1].hash,
        time: api.clock.now().toISOString(),
        kid: jwks.keys[0].kid,
      });
      expect(first.seq).toBeLessThan(last.seq);
    });

    it('fails an export with its last records removed, naming what is missing', async () => {
      const records = whole.filter(isRecord);
      const n = records.length;
      const withoutLast = whole.filter(l => !isRecord(l) || l.seq !== n);
      expect(await problemsOf(withoutLast)).toEqual([
        `record ${n} is missing after record ${
          n - 1
        }: the checkpoint signed at ${last.time} says the trail had ${n}`,
      ]);
      const withoutThree = whole.filter(l => !isRecord(l) || l.seq <= n - 3);
      expect(await problemsOf(withoutThree)).toEqual([
        `records ${n - 2}–${n} are missing after record ${
          n - 3
        }: the checkpoint signed at ${last.time} says the trail had ${n}`,
      ]);
    });

    it('fails an edited record', async () => {
      const edited = whole.map(l =>
        isRecord(l) && l.seq === 3
          ? { ...l, actorRef: 'user:default/mallory' }
          : l,
      );
      expect(await problemsOf(edited)).toEqual([
        'record 3 was changed after it was written',
      ]);
    });

    it('fails an edited record whose hash and every later one were recomputed, on the checkpoints', async () => {
      const late = await rewriteFrom(whole, first.seq + 2, {
        reason: 'forged',
      });
      expect(await problemsOf(late)).toEqual([
        `record ${last.seq} is not the one the checkpoint signed at ${
          last.time
        } vouches for: a record among ${first.seq + 1}–${
          last.seq
        } was changed and the hashes after it recomputed`,
      ]);
      const early = await rewriteFrom(whole, 2, { reason: 'forged' });
      expect((await problemsOf(early))[0]).toBe(
        `record ${first.seq} is not the one the checkpoint signed at ${first.time} vouches for: a record among 1–${first.seq} was changed and the hashes after it recomputed`,
      );
    });

    it('fails checkpoints forged with another key, and an export without its checkpoints', async () => {
      const records = whole.filter(isRecord);
      const cut = records.slice(0, -2);
      const head = cut[cut.length - 1];
      const claims = { seq: head.seq, hash: head.hash, time: last.time };
      // The tail cut, and a checkpoint of the shorter trail signed by the attacker.
      const unknownKey = await checkpointSignedWith('attacker', claims);
      expect(await problemsOf([...cut, { checkpoint: unknownKey }])).toEqual([
        'the checkpoint on line ' +
          `${
            cut.length + 1
          } is not valid: it is signed with key attacker, which the JWKS does not hold`,
        `no signed checkpoint: nothing shows where the trail ended, so records cut from the end of the export (after record ${head.seq}) would go unnoticed`,
      ]);
      const sameKid = await checkpointSignedWith(last.kid, claims);
      expect((await problemsOf([...cut, { checkpoint: sameKid }]))[0]).toBe(
        `the checkpoint on line ${
          cut.length + 1
        } is not valid: its signature does not verify with key ${last.kid}`,
      );
      expect(await problemsOf(records)).toEqual([
        `no signed checkpoint: nothing shows where the trail ended, so records cut from the end of the export (after record ${last.seq}) would go unnoticed`,
      ]);
    });

    it("verifies one agent's export as part of the trail, and says what it cannot prove", async () => {
      const text = await exportOf('?agentRef=agent:default/trail-b');
      const lines = parse(text);
      expect(lines[lines.length - 1]).toEqual({
        checkpoint: expect.any(String),
        agentRef: 'agent:default/trail-b',
      });
      const result = await verifyAuditExport(text, jwks);
      expect(result).toMatchObject({
        ok: true,
        agentRef: 'agent:default/trail-b',
        records: lines.length - 1,
        problems: [],
      });
      expect(result.limits).toHaveLength(1);
    });

    it('runs as `yarn audit:verify`: exit 0 on a good export, 1 naming what is wrong', async () => {
      const root = resolve(__dirname, '../../../..');
      const [node, ...args] = JSON.parse(
        readFileSync(join(root, 'package.json'), 'utf8'),
      ).scripts['audit:verify'].split(' ');
      expect(node).toBe('node');
      const dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
      const files = {
        good: join(dir, 'good.jsonl'),
        bad: join(dir, 'bad.jsonl'),
        jwks: join(dir, 'jwks.json'),
      };
      writeFileSync(files.good, join_(whole));
      writeFileSync(
        files.bad,
        join_(whole.filter(l => !isRecord(l) || l.seq !== last.seq)),
      );
      writeFileSync(files.jwks, JSON.stringify(jwks));
      const run = async (file: string) => {
        try {
          const { stdout } = await promisify(execFile)(
            process.execPath,
            [...args, file, '--jwks', files.jwks],
            { cwd: root },
          );
          return { code: 0, stdout };
        } catch (error: any) {
          return { code: error.code as number, stdout: error.stdout as string };
        }
      };
      expect(await run(files.good)).toEqual({
        code: 0,
        stdout: `OK: ${last.seq} records; 2 signed checkpoint(s), the last signed at ${last.time} by key ${last.kid}: the trail had ${last.seq} records\n`,
      });
      expect(await run(files.bad)).toEqual({
        code: 1,
        stdout: `FAILED: ${last.seq - 1} records read\n  - record ${
          last.seq
        } is missing after record ${last.seq - 1}: the checkpoint signed at ${
          last.time
        } says the trail had ${last.seq}\n`,
      });
    });

    it('GET /v1/audit/verify reports a trail cut in the database against its checkpoints', async () => {
      expect((await api.as('security').get('/v1/audit/verify')).body).toEqual({
        ok: true,
        checked: last.seq,
        checkpoints: {
          checked: 2,
          latest: {
            seq: last.seq,
            hash: last.hash,
            time: last.time,
            kid: last.kid,
          },
        },
      });
      // Someone with write access deletes the last two records and moves the head back.
      const keep = await api
        .knex('audit_events')
        .where({ seq: last.seq - 2 })
        .first();
      await api
        .knex('audit_events')
        .where('seq', '>', last.seq - 2)
        .delete();
      await api.knex('audit_head').update({ seq: keep.seq, hash: keep.hash });
      expect(
        (await api.as('security').get('/v1/audit/verify')).body,
      ).toMatchObject({
        ok: false,
        checked: last.seq - 2,
        firstBrokenSeq: last.seq - 1,
        reason: `records ${last.seq - 1}–${last.seq} are missing after record ${
          last.seq - 2
        }: the checkpoint signed at ${last.time} says the trail had ${
          last.seq
        }`,
      });
    });
  },
);

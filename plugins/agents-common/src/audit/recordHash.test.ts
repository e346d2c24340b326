/**
 * @jest-environment node
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';
import { AUDIT_GENESIS_HASH, auditRecordHash } from './recordHash';

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

const record = {
  seq: 7,
  id: '3f1c3c1e-5a43-4c1b-9d4f-6a2f0f5e8b11',
  agentRef: 'agent:default/refund-assistant',
  actorRef: 'user:default/dana.lee',
  action: 'request.approved',
  occurredAt: '2026-03-01T09:30:00.000Z',
  data: { reason: 'ok', 10: 'ten', 9: 'nine', amount: 1.5e21 },
  prevHash: AUDIT_GENESIS_HASH,
};

describe('canonicalJson', () => {
  it('gives RFC 8785 text: the example of its section 3.2.2, and keys by UTF-16 code units', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
    // Integer-like keys sort as text, not first by value as a JavaScript object lays them out.
    expect(canonicalJson({ b: 1, 10: 2, 9: 3, a: 4 })).toBe(
      '{"10":2,"9":3,"a":4,"b":1}',
    );
    // U+1F600 sorts before U+FB33: its first UTF-16 code unit is 0xD83D.
    expect(canonicalJson({ '\ufb33': 1, '\ud83d\ude00': 2, z: 3 })).toBe(
      '{"z":3,"\ud83d\ude00":2,"\ufb33":1}',
    );
  });

  it('refuses what JSON cannot hold instead of writing something else', () => {
    expect(() => canonicalJson({ n: NaN })).toThrow();
    expect(() => canonicalJson({ n: Infinity })).toThrow();
    expect(() => canonicalJson({ s: 'a\ud800' })).toThrow();
    expect(() => canonicalJson(undefined)).toThrow();
  });
});

describe('auditRecordHash', () => {
  it('hashes version 2 as SHA-256 of the RFC 8785 JSON of the record without its hash', async () => {
    // The exact text docs/audit.md describes, written out by hand.
    const text =
      '{"action":"request.approved","actorRef":"user:default/dana.lee","agentRef":"agent:default/refund-assistant",' +
      '"data":{"10":"ten","9":"nine","amount":1.5e+21,"reason":"ok"},"hashVersion":2,' +
      '"id":"3f1c3c1e-5a43-4c1b-9d4f-6a2f0f5e8b11","occurredAt":"2026-03-01T09:30:00.000Z",' +
      `"prevHash":"${AUDIT_GENESIS_HASH}","seq":7}`;
    expect(await auditRecordHash({ ...record, hashVersion: 2 })).toBe(
      sha256(text),
    );
    // A record without an agent has no agentRef member at all.
    const { agentRef: _none, ...unowned } = record;
    expect(await auditRecordHash({ ...unowned, hashVersion: 2 })).toBe(
      sha256(text.replace('"agentRef":"agent:default/refund-assistant",', '')),
    );
  });

  it('hashes version 1 (and records without a version) as the fields joined by newlines', async () => {
    const text = [
      '7',
      record.id,
      record.agentRef,
      record.actorRef,
      record.action,
      record.occurredAt,
      // Sorted keys as a JavaScript object lays them out: integer-like keys first.
      '{"9":"nine","10":"ten","amount":1.5e+21,"reason":"ok"}',
      AUDIT_GENESIS_HASH,
    ].join('\n');
    expect(await auditRecordHash({ ...record, hashVersion: 1 })).toBe(
      sha256(text),
    );
    expect(await auditRecordHash(record)).toBe(sha256(text));
  });

  it('gives the hashes of the worked example in docs/audit.md', async () => {
    const example = {
      seq: 41,
      id: '0b6f3f3e-2d7c-4c55-9a1e-3c1f6c2b9e07',
      agentRef: 'agent:default/refund-assistant',
      actorRef: 'user:default/dana.lee',
      action: 'request.approved',
      occurredAt: '2026-03-02T09:15:00.000Z',
      data: {
        10: 'ten',
        9: 'nine',
        reason: 'within policy',
        requestId: 'r-17',
      },
      prevHash:
        '5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592',
    };
    expect(await auditRecordHash({ ...example, hashVersion: 2 })).toBe(
      '1809786ab8e1a4b05753b7c213ef474169bc70418ae8772b12eb5e239f105d05',
    );
    expect(await auditRecordHash({ ...example, hashVersion: 1 })).toBe(
      'e2754a106c5f8e1ddca69653b826d1717a7de43e5e69d570fa6065776affdeed',
    );
  });

  it('hashes the same with Web Crypto, where there is no Node (browsers)', async () => {
    const getBuiltinModule = process.getBuiltinModule;
    let browserHash: typeof auditRecordHash | undefined;
    try {
      (process as any).getBuiltinModule = undefined;
      jest.isolateModules(() => {
        browserHash = require('./recordHash').auditRecordHash;
      });
    } finally {
      process.getBuiltinModule = getBuiltinModule;
    }
    for (const hashVersion of [1, 2]) {
      expect(await browserHash!({ ...record, hashVersion })).toBe(
        await auditRecordHash({ ...record, hashVersion }),
      );
    }
  });

  it('names a hash version it does not know', async () => {
    await expect(
      auditRecordHash({ ...record, hashVersion: 3 }),
    ).rejects.toThrow('hash version 3 is not one this verifier knows (1, 2)');
  });
});

import { AuditEvent } from '../api';
import { canonicalJson, legacyCanonicalJson } from './canonicalJson';

/** The `prevHash` of the first record. @public */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * The hash algorithm new records are written with. Version 1: SHA-256 over the fields
 * joined by newlines. Version 2: SHA-256 over the RFC 8785 JSON of the record without its
 * hash. docs/audit.md gives both in full.
 * @public
 */
export const AUDIT_HASH_VERSION = 2;

/** Every hash version a verifier of this package can check. @public */
export const AUDIT_HASH_VERSIONS: readonly number[] = [1, 2];

/** What a record's hash covers: the record without its hash. @public */
export type AuditRecordFields = Omit<AuditEvent, 'hash'>;

type NodeCrypto = {
  createHash(algorithm: 'sha256'): {
    update(text: string): { digest(encoding: 'hex'): string };
  };
};

/** Node's crypto where there is one (an order of magnitude faster), else Web Crypto. */
const nodeCrypto: NodeCrypto | undefined = (
  globalThis as { process?: { getBuiltinModule?(id: string): unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

async function sha256Hex(text: string): Promise<string> {
  if (nodeCrypto) {
    return nodeCrypto.createHash('sha256').update(text).digest('hex');
  }
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(text),
  );
  return Array.from(new Uint8Array(digest), byte =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/** The members a version-2 hash covers, and nothing else. */
function hashedMembers(record: AuditRecordFields) {
  return {
    seq: record.seq,
    id: record.id,
    ...(record.agentRef !== undefined ? { agentRef: record.agentRef } : {}),
    actorRef: record.actorRef,
    action: record.action,
    occurredAt: record.occurredAt,
    data: record.data,
    prevHash: record.prevHash,
    hashVersion: record.hashVersion,
  };
}

/**
 * The hash of an audit record by its `hashVersion` (1 when absent): the one implementation
 * the backend writes and verifies with and the offline verifier checks exports with.
 * Lowercase hex SHA-256; throws on a version it does not know.
 * @public
 */
export async function auditRecordHash(
  record: AuditRecordFields,
): Promise<string> {
  const version = record.hashVersion ?? 1;
  if (version === 1) {
    return sha256Hex(
      [
        String(record.seq),
        record.id,
        record.agentRef ?? '',
        record.actorRef,
        record.action,
        record.occurredAt,
        legacyCanonicalJson(record.data),
        record.prevHash,
      ].join('\n'),
    );
  }
  if (version === 2) {
    return sha256Hex(canonicalJson(hashedMembers(record)));
  }
  throw new Error(
    `hash version ${version} is not one this verifier knows (${AUDIT_HASH_VERSIONS.join(
      ', ',
    )})`,
  );
}

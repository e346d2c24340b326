import {
  JSONWebKeySet,
  compactVerify,
  decodeProtectedHeader,
  importJWK,
} from 'jose';
import { canonicalJson } from './canonicalJson';

/** The JOSE `typ` of a signed checkpoint of the audit trail. @public */
export const AUDIT_CHECKPOINT_TYPE = 'mandate-audit-checkpoint+jws';

/** Checkpoints are signed with ECDSA over P-256, as behaviour certificates are. @public */
export const AUDIT_CHECKPOINT_ALG = 'ES256';

/**
 * What a checkpoint signs: the trail had `seq` records, the last of which hashed to `hash`,
 * at `time` (ISO 8601). An empty trail is `seq` 0 with the genesis hash.
 * @public
 */
export type AuditCheckpointClaims = {
  seq: number;
  hash: string;
  time: string;
};

/** A checkpoint whose signature verified, with the key that signed it. @public */
export type VerifiedAuditCheckpoint = AuditCheckpointClaims & { kid: string };

/** The bytes a checkpoint's JWS signs: the RFC 8785 JSON of its claims. @public */
export function auditCheckpointPayload(claims: AuditCheckpointClaims) {
  return new TextEncoder().encode(
    canonicalJson({ seq: claims.seq, hash: claims.hash, time: claims.time }),
  );
}

function claimsOf(payload: Uint8Array): AuditCheckpointClaims {
  let claims: any;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new Error('its payload is not JSON');
  }
  if (
    !Number.isSafeInteger(claims?.seq) ||
    claims.seq < 0 ||
    typeof claims.hash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(claims.hash) ||
    typeof claims.time !== 'string' ||
    Number.isNaN(Date.parse(claims.time))
  ) {
    throw new Error(
      'its payload is not {seq, hash, time} (a record count, a lowercase hex SHA-256 and an ISO 8601 time)',
    );
  }
  return { seq: claims.seq, hash: claims.hash, time: claims.time };
}

/**
 * Checks a checkpoint's JWS against a JWKS (the backend's `/v1/certificates/jwks.json`)
 * and returns what it signs. Throws an Error that says what is wrong: not a checkpoint,
 * signed with a key the JWKS does not hold, or a signature that does not verify.
 * @public
 */
export async function verifyAuditCheckpoint(
  jws: string,
  jwks: JSONWebKeySet,
): Promise<VerifiedAuditCheckpoint> {
  let header;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw new Error('it is not a JWS in compact form');
  }
  if (header.typ !== AUDIT_CHECKPOINT_TYPE) {
    throw new Error(
      `its type is ${header.typ ?? 'not set'}, not ${AUDIT_CHECKPOINT_TYPE}`,
    );
  }
  if (header.alg !== AUDIT_CHECKPOINT_ALG || typeof header.kid !== 'string') {
    throw new Error(
      `it must be signed with ${AUDIT_CHECKPOINT_ALG} and name its key (kid)`,
    );
  }
  const kid = header.kid;
  const jwk = jwks.keys.find(key => key.kid === kid);
  if (!jwk) {
    throw new Error(
      `it is signed with key ${kid}, which the JWKS does not hold`,
    );
  }
  let payload: Uint8Array;
  try {
    const key = await importJWK(jwk, AUDIT_CHECKPOINT_ALG);
    ({ payload } = await compactVerify(jws, key, {
      algorithms: [AUDIT_CHECKPOINT_ALG],
    }));
  } catch {
    throw new Error(`its signature does not verify with key ${kid}`);
  }
  return { ...claimsOf(payload), kid };
}

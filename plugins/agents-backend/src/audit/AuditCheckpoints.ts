import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import {
  AUDIT_CHECKPOINT_ALG,
  AUDIT_CHECKPOINT_TYPE,
  ChainVerification,
  VerifiedAuditCheckpoint,
  auditCheckpointPayload,
  verifyAuditCheckpoint,
} from '@mandate/plugin-agents-common';
import { CompactSign } from 'jose';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { StoredAuditCheckpoint } from '../database/AuditCheckpointsStore';
import { SigningKeys } from '../policy/SigningKeys';

/** What made a checkpoint: the scheduled task, or an export cut at the head. */
export type CheckpointTrigger = 'schedule' | 'export';

export interface AuditCheckpointsOptions {
  db: AgentsDatabase;
  /** The backend's signing key, the one its JWKS serves. */
  keys: SigningKeys;
  /** Every checkpoint goes to Backstage's auditor too: an anchor outside the database. */
  auditor: AuditorService;
  logger: LoggerService;
  clock: () => Date;
}

/**
 * Signed checkpoints of the audit chain head: a JWS (ES256, the backend's key) stating
 * that the trail had `seq` records, the last hashing to `hash`, at `time`. They are what
 * lets a verifier notice records cut from the end of the trail, or rewritten with their
 * hashes recomputed (docs/audit.md).
 */
export class AuditCheckpoints {
  constructor(private readonly options: AuditCheckpointsOptions) {}

  /** Signs the head if it moved since the latest checkpoint (the scheduled task). */
  async checkpointIfMoved(): Promise<StoredAuditCheckpoint | undefined> {
    const { db } = this.options;
    const head = await db.stores.audit.head();
    const latest = await db.auditCheckpoints.latest();
    if (head.seq === 0 || (latest && latest.seq >= head.seq)) return undefined;
    return this.checkpointHead('schedule');
  }

  /**
   * The checkpoint of the head as it is now, signed unless one of that length exists: an
   * export is cut at it, so that a verifier can tell whether records are missing.
   */
  async checkpointHead(
    trigger: CheckpointTrigger,
  ): Promise<StoredAuditCheckpoint> {
    const { db, keys, clock, logger } = this.options;
    const head = await db.stores.audit.head();
    const existing = await db.auditCheckpoints.at(head.seq);
    if (existing) {
      if (existing.hash !== head.hash) {
        logger.warn(
          `The audit trail's head (record ${head.seq}) differs from the checkpoint signed at ${existing.signedAt}: the trail was changed after it was written; GET /v1/audit/verify says where`,
        );
      }
      return existing;
    }
    const key = await keys.current();
    const claims = {
      seq: head.seq,
      hash: head.hash,
      time: clock().toISOString(),
    };
    const jws = await new CompactSign(auditCheckpointPayload(claims))
      .setProtectedHeader({
        alg: AUDIT_CHECKPOINT_ALG,
        typ: AUDIT_CHECKPOINT_TYPE,
        kid: key.kid,
      })
      .sign(key.privateKey);
    const stored = await db.auditCheckpoints.insert({
      seq: claims.seq,
      hash: claims.hash,
      signedAt: claims.time,
      kid: key.kid,
      jws,
    });
    if (stored.jws === jws) await this.anchor(stored, trigger);
    return stored;
  }

  /** Every checkpoint up to `upTo` records, oldest first, for an export. */
  list(upTo: number): Promise<StoredAuditCheckpoint[]> {
    return this.options.db.auditCheckpoints.list(upTo);
  }

  /**
   * Walks the whole chain and holds it against every stored checkpoint: each must be
   * signed by a key of the JWKS, its record must have the hash it signed, and no record
   * may be missing up to the latest.
   */
  async verify(): Promise<ChainVerification> {
    const { db, keys } = this.options;
    const jwks = { keys: await keys.publicKeys() };
    const valid: VerifiedAuditCheckpoint[] = [];
    let invalid: string | undefined;
    for (const stored of await db.auditCheckpoints.list()) {
      try {
        const signed = await verifyAuditCheckpoint(stored.jws, jwks);
        if (signed.seq !== stored.seq || signed.hash !== stored.hash) {
          throw new Error(
            `it signs record ${signed.seq} with another hash than its row says`,
          );
        }
        valid.push(signed);
      } catch (error) {
        invalid ??= `the checkpoint of record ${stored.seq} is not valid: ${
          (error as Error).message
        }`;
      }
    }
    const chain = await db.stores.audit.verify(valid);
    const latest = valid[valid.length - 1];
    const checkpoints = {
      checked: valid.length,
      ...(latest
        ? {
            latest: {
              seq: latest.seq,
              hash: latest.hash,
              time: latest.time,
              kid: latest.kid,
            },
          }
        : {}),
    };
    if (chain.ok && invalid) {
      return {
        ok: false,
        checked: chain.checked,
        reason: invalid,
        checkpoints,
      };
    }
    return { ...chain, checkpoints };
  }

  /** Records a checkpoint through Backstage's auditor: it reaches the logs, outside the database. */
  private async anchor(
    checkpoint: StoredAuditCheckpoint,
    trigger: CheckpointTrigger,
  ) {
    const event = await this.options.auditor.createEvent({
      eventId: 'audit-checkpoint',
      severityLevel: 'low',
      meta: {
        trigger,
        seq: checkpoint.seq,
        hash: checkpoint.hash,
        time: checkpoint.signedAt,
        kid: checkpoint.kid,
        checkpoint: checkpoint.jws,
      },
    });
    await event.success();
  }
}

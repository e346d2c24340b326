import { Knex } from 'knex';

/** A signed checkpoint of the audit chain head, as stored. */
export interface StoredAuditCheckpoint {
  /** Records the trail had; 0 when it was empty. */
  seq: number;
  /** The hash of record `seq`. */
  hash: string;
  signedAt: string;
  kid: string;
  /** The compact JWS over `{seq, hash, time}`. */
  jws: string;
}

type CheckpointRow = {
  seq: number | string;
  hash: string;
  signed_at: string;
  kid: string;
  jws: string;
};

const fromRow = (row: CheckpointRow): StoredAuditCheckpoint => ({
  seq: Number(row.seq),
  hash: row.hash,
  signedAt: row.signed_at,
  kid: row.kid,
  jws: row.jws,
});

/** The signed checkpoints of the audit trail: at most one per chain length. */
export class AuditCheckpointsStore {
  constructor(private readonly knex: Knex) {}

  /** The checkpoint of the longest chain signed so far. */
  async latest(): Promise<StoredAuditCheckpoint | undefined> {
    const row = await this.knex<CheckpointRow>('audit_checkpoints')
      .orderBy('seq', 'desc')
      .first();
    return row ? fromRow(row) : undefined;
  }

  async at(seq: number): Promise<StoredAuditCheckpoint | undefined> {
    const row = await this.knex<CheckpointRow>('audit_checkpoints')
      .where({ seq })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** Every checkpoint up to `upTo` records (all when unset), oldest first. */
  async list(upTo?: number): Promise<StoredAuditCheckpoint[]> {
    const query = this.knex<CheckpointRow>('audit_checkpoints').orderBy('seq');
    if (upTo !== undefined) query.where('seq', '<=', upTo);
    return (await query).map(fromRow);
  }

  /**
   * Keeps a checkpoint unless one of that length is stored already (another replica, or
   * an export at the same head), and returns the one stored.
   */
  async insert(
    checkpoint: StoredAuditCheckpoint,
  ): Promise<StoredAuditCheckpoint> {
    await this.knex<CheckpointRow>('audit_checkpoints')
      .insert({
        seq: checkpoint.seq,
        hash: checkpoint.hash,
        signed_at: checkpoint.signedAt,
        kid: checkpoint.kid,
        jws: checkpoint.jws,
      })
      .onConflict('seq')
      .ignore();
    return (await this.at(checkpoint.seq))!;
  }
}

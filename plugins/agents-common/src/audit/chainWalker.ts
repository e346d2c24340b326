import { AuditEvent } from '../api';
import { AuditCheckpointClaims } from './checkpoints';
import { AUDIT_GENESIS_HASH, auditRecordHash } from './recordHash';

/** Where and how a walk over audit records found the trail broken. @public */
export type AuditChainBreak = {
  /** The first record that is missing, out of place or changed. */
  seq: number;
  reason: string;
};

/** What a walk over audit records found. @public */
export type AuditChainWalk = {
  /** Records that checked out before the first break (all of them when unbroken). */
  checked: number;
  /** The sequence number of the last record that checked out; 0 when none did. */
  lastSeq: number;
  /** That record's hash; the genesis hash when none did. */
  lastHash: string;
  /** The first break, when there is one. */
  broken?: AuditChainBreak;
};

/** How an {@link AuditChainWalker} reads records. @public */
export type AuditChainWalkerOptions = {
  /**
   * Set for a per-agent export: only this agent's records, with the other agents' records
   * left out between them, so links are checked only between neighbours.
   */
  agentRef?: string;
  /** The sequence numbers whose hashes to keep for checkpoints; every one when unset. */
  keepHashesAt?: ReadonlySet<number>;
};

const range = (from: number, to: number) =>
  from === to ? `record ${from}` : `records ${from}–${to}`;

const are = (from: number, to: number) => (from === to ? 'is' : 'are');

/**
 * Reads audit records oldest first and checks each one's hash (by its hash version), its
 * link to the record before it and its place in the sequence; then holds what it read
 * against signed checkpoints. The backend's verification and the offline verifier both
 * walk with it.
 * @public
 */
export class AuditChainWalker {
  private lastSeq = 0;
  private lastHash = AUDIT_GENESIS_HASH;
  private checked = 0;
  private broken?: AuditChainBreak;
  private readonly hashes = new Map<number, string>();

  constructor(private readonly options: AuditChainWalkerOptions = {}) {}

  /** Reads the next record; false once the trail is broken (what follows proves nothing). */
  async add(record: AuditEvent): Promise<boolean> {
    if (this.broken) return false;
    const problem = await this.problemWith(record);
    if (problem) {
      this.broken = problem;
      return false;
    }
    this.lastSeq = record.seq;
    this.lastHash = record.hash;
    this.checked += 1;
    if (
      !this.options.keepHashesAt ||
      this.options.keepHashesAt.has(record.seq)
    ) {
      this.hashes.set(record.seq, record.hash);
    }
    return true;
  }

  /** Marks the trail broken for a reason found outside the records themselves. */
  breakAt(seq: number, reason: string) {
    this.broken ??= { seq, reason };
  }

  /** What the walk found so far. */
  result(): AuditChainWalk {
    return {
      checked: this.checked,
      lastSeq: this.lastSeq,
      lastHash: this.lastHash,
      ...(this.broken ? { broken: this.broken } : {}),
    };
  }

  /**
   * Holds the records read against signed checkpoints: each checkpoint's record must be
   * there with the hash it signed, and none may be missing up to the latest. With
   * `coversTail` (an export, cut at its last checkpoint), no record may come after the
   * latest checkpoint either. Returns what is wrong, the most telling first.
   */
  checkpoints(
    checkpoints: AuditCheckpointClaims[],
    options: { coversTail?: boolean } = {},
  ): AuditChainBreak[] {
    const sorted = [...checkpoints].sort((a, b) => a.seq - b.seq);
    const problems: AuditChainBreak[] = [];
    const subset = this.options.agentRef !== undefined;
    let vouched = 0;
    for (const checkpoint of sorted) {
      const signed = `the checkpoint signed at ${checkpoint.time}`;
      if (checkpoint.seq > this.lastSeq) {
        if (!subset && !this.broken) {
          const from = this.lastSeq + 1;
          const after = this.lastSeq ? ` after record ${this.lastSeq}` : '';
          problems.push({
            seq: from,
            reason: `${range(from, checkpoint.seq)} ${are(
              from,
              checkpoint.seq,
            )} missing${after}: ${signed} says the trail had ${checkpoint.seq}`,
          });
        }
        break;
      }
      const hash =
        checkpoint.seq === 0
          ? AUDIT_GENESIS_HASH
          : this.hashes.get(checkpoint.seq);
      if (hash === undefined) continue; // a per-agent export without that record
      if (hash !== checkpoint.hash) {
        problems.push({
          seq: subset ? checkpoint.seq : vouched + 1,
          reason: subset
            ? `record ${checkpoint.seq} is not the one ${signed} vouches for: it was changed and its hash recomputed`
            : `record ${checkpoint.seq} is not the one ${signed} vouches for: ${
                vouched + 1 === checkpoint.seq
                  ? 'it was changed and its hash recomputed'
                  : `a record among ${vouched + 1}–${
                      checkpoint.seq
                    } was changed and the hashes after it recomputed`
              }`,
        });
        break;
      }
      vouched = checkpoint.seq;
    }
    const latest = sorted[sorted.length - 1];
    if (options.coversTail && latest && latest.seq < this.lastSeq) {
      const from = latest.seq + 1;
      problems.push({
        seq: from,
        reason: `${range(from, this.lastSeq)} ${
          from === this.lastSeq ? 'comes' : 'come'
        } after the last signed checkpoint (record ${latest.seq}, signed at ${
          latest.time
        }): nothing shows that Mandate wrote ${
          from === this.lastSeq ? 'it' : 'them'
        }`,
      });
    }
    return problems;
  }

  private async problemWith(
    record: AuditEvent,
  ): Promise<AuditChainBreak | undefined> {
    const { seq } = record;
    const { agentRef } = this.options;
    const expected = this.lastSeq + 1;
    if (agentRef !== undefined) {
      if (record.agentRef !== agentRef) {
        return {
          seq,
          reason: `record ${seq} belongs to ${
            record.agentRef ?? 'no agent'
          }, not to ${agentRef} whose export this is`,
        };
      }
      if (seq < expected) {
        return {
          seq,
          reason: `record ${seq} comes after record ${this.lastSeq}, out of order`,
        };
      }
    } else if (seq > expected) {
      return {
        seq: expected,
        reason: `${range(expected, seq - 1)} ${are(expected, seq - 1)} missing`,
      };
    } else if (seq < expected) {
      return {
        seq,
        reason: `record ${seq} comes after record ${this.lastSeq}, out of order`,
      };
    }
    if (seq === expected && record.prevHash !== this.lastHash) {
      return {
        seq,
        reason:
          seq === 1
            ? 'record 1 does not start the trail (its prevHash is not the genesis hash)'
            : `record ${seq} does not link to record ${seq - 1}`,
      };
    }
    let hash: string;
    try {
      hash = await auditRecordHash(record);
    } catch (error) {
      return { seq, reason: `record ${seq}: ${(error as Error).message}` };
    }
    if (hash !== record.hash) {
      return { seq, reason: `record ${seq} was changed after it was written` };
    }
    return undefined;
  }
}

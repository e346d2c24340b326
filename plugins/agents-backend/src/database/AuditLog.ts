import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  AUDIT_HASH_VERSION,
  AuditChainWalker,
  AuditCheckpointClaims,
  AuditEvent,
  ChainVerification,
  auditRecordHash,
  canonicalJson,
} from '@mandate/plugin-agents-common';
import { compact, jsonText } from './json';

/** What a caller appends; sequence, time and hashes are filled in by the log. */
export interface AuditEntry {
  agentRef?: string;
  actorRef: string;
  action: string;
  data?: Record<string, unknown>;
}

/** The last link of the chain: how many records it has, and the last one's hash. */
export type AuditHead = { seq: number; hash: string };

type AuditRow = {
  seq: number | string;
  id: string;
  agent_ref: string | null;
  actor_ref: string;
  action: string;
  occurred_at: string;
  data: string;
  prev_hash: string;
  hash: string;
  hash_version: number;
};

/**
 * A record's data as JSON can hold it: what JSON.stringify drops or turns to null goes,
 * dates become strings, and lone surrogates (which RFC 8785 refuses) become U+FFFD, so
 * that no input can make an audited change fail.
 */
function jsonData(data: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(jsonText(data));
}

function eventFromRow(row: AuditRow): AuditEvent {
  return compact({
    seq: Number(row.seq),
    id: row.id,
    agentRef: row.agent_ref ?? undefined,
    actorRef: row.actor_ref,
    action: row.action,
    occurredAt: row.occurred_at,
    data: JSON.parse(row.data),
    prevHash: row.prev_hash,
    hash: row.hash,
    hashVersion: Number(row.hash_version),
  });
}

/**
 * The tamper-evident audit trail. Appends take the chain head under a row lock, so
 * concurrent writers (several backend replicas) still form one unbroken chain.
 */
export class AuditLog {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /** Appends one record; must run inside the transaction of the change it records. */
  async append(entry: AuditEntry, occurredAt: string): Promise<AuditEvent> {
    const [event] = await this.appendMany([entry], occurredAt);
    return event;
  }

  /**
   * Appends records in this order, linked as one appended after the other, under one lock
   * of the chain head and in multi-row inserts; must run inside the transaction of the
   * changes they record.
   */
  async appendMany(
    entries: AuditEntry[],
    occurredAt: string,
  ): Promise<AuditEvent[]> {
    if (entries.length === 0) return [];
    const head = await this.db('audit_head')
      .where({ id: 1 })
      .forUpdate()
      .first();
    let seq = Number(head.seq);
    let prevHash: string = head.hash;
    const events: AuditEvent[] = [];
    for (const entry of entries) {
      const fields = compact({
        seq: ++seq,
        id: randomUUID(),
        agentRef: entry.agentRef,
        actorRef: entry.actorRef,
        action: entry.action,
        occurredAt,
        data: jsonData(entry.data ?? {}),
        prevHash,
        hashVersion: AUDIT_HASH_VERSION,
      });
      const event: AuditEvent = {
        ...fields,
        hash: await auditRecordHash(fields),
      };
      prevHash = event.hash;
      events.push(event);
    }
    const rows: AuditRow[] = events.map(e => ({
      seq: e.seq,
      id: e.id,
      agent_ref: e.agentRef ?? null,
      actor_ref: e.actorRef,
      action: e.action,
      occurred_at: e.occurredAt,
      data: canonicalJson(e.data),
      prev_hash: e.prevHash,
      hash: e.hash,
      hash_version: AUDIT_HASH_VERSION,
    }));
    // 10 columns: 500 rows stay far below SQLite's and PostgreSQL's bound on parameters.
    for (let i = 0; i < rows.length; i += 500) {
      await this.db('audit_events').insert(rows.slice(i, i + 500));
    }
    await this.db('audit_head')
      .where({ id: 1 })
      .update({ seq, hash: prevHash });
    return events;
  }

  /** The chain's last link: how many records it has, and the last one's hash. */
  async head(): Promise<AuditHead> {
    const row = await this.db('audit_head').where({ id: 1 }).first();
    return { seq: Number(row.seq), hash: row.hash };
  }

  async forAgent(
    agentRef: string,
    limit: number,
    offset: number,
  ): Promise<{ items: AuditEvent[]; totalCount: number }> {
    const base = this.db<AuditRow>('audit_events').where({
      agent_ref: agentRef,
    });
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .orderBy('seq', 'desc')
      .limit(limit)
      .offset(offset);
    return { items: rows.map(eventFromRow), totalCount: Number(count) };
  }

  /** How many records the trail holds for one agent. */
  async countFor(agentRef: string): Promise<number> {
    const [{ count }] = await this.db('audit_events')
      .where({ agent_ref: agentRef })
      .count({ count: '*' });
    return Number(count);
  }

  /** Every record oldest first, in batches, for export; up to `upTo` when given. */
  async *stream(
    options: { agentRef?: string; upTo?: number; batchSize?: number } = {},
  ) {
    const batchSize = options.batchSize ?? 2000;
    let after = 0;
    for (;;) {
      const query = this.db<AuditRow>('audit_events').where('seq', '>', after);
      if (options.agentRef) query.where({ agent_ref: options.agentRef });
      if (options.upTo !== undefined) query.where('seq', '<=', options.upTo);
      const rows = await query.orderBy('seq', 'asc').limit(batchSize);
      if (rows.length === 0) return;
      for (const row of rows) yield eventFromRow(row);
      after = Number(rows[rows.length - 1].seq);
    }
  }

  /**
   * Walks the chain from the first record: each must follow the previous by one, carry its
   * hash, and hash to its own stored hash (by its hash version); the last must match the
   * head. Then each checkpoint's record must have the hash it signed, and none may be
   * missing up to the latest checkpoint (a truncated tail is a break too).
   */
  async verify(
    checkpoints: AuditCheckpointClaims[] = [],
    batchSize = 5000,
  ): Promise<Omit<ChainVerification, 'checkpoints'>> {
    const walker = new AuditChainWalker({
      keepHashesAt: new Set(checkpoints.map(c => c.seq)),
    });
    for await (const event of this.stream({ batchSize })) {
      if (!(await walker.add(event))) break;
    }
    const walk = walker.result();
    if (!walk.broken) {
      const head = await this.head();
      if (head.seq !== walk.lastSeq || head.hash !== walk.lastHash) {
        walker.breakAt(
          walk.lastSeq + 1,
          `the chain ends at record ${walk.lastSeq} but its head says ${head.seq}`,
        );
      }
    }
    const { checked, broken } = walker.result();
    const problem = broken ?? walker.checkpoints(checkpoints)[0];
    return problem
      ? {
          ok: false,
          checked,
          firstBrokenSeq: problem.seq,
          reason: problem.reason,
        }
      : { ok: true, checked };
  }
}

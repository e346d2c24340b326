import { Knex } from 'knex';
import { createHash, randomUUID } from 'node:crypto';
import { AuditEvent, ChainVerification } from '@mandate/plugin-agents-common';
import { compact } from './json';

export const GENESIS_HASH = '0'.repeat(64);

/** What a caller appends; sequence, time and hashes are filled in by the log. */
export interface AuditEntry {
  agentRef?: string;
  actorRef: string;
  action: string;
  data?: Record<string, unknown>;
}

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
};

/** JSON with object keys sorted, so a record always serialises to the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, v[k]]),
        )
      : v,
  );
}

/** The hash that links a record: every stored field plus the previous record's hash. */
export function hashAuditRow(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256')
    .update(
      [
        String(row.seq),
        row.id,
        row.agent_ref ?? '',
        row.actor_ref,
        row.action,
        row.occurred_at,
        row.data,
        row.prev_hash,
      ].join('\n'),
    )
    .digest('hex');
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
    const rows = entries.map(entry => {
      const base = {
        seq: ++seq,
        id: randomUUID(),
        agent_ref: entry.agentRef ?? null,
        actor_ref: entry.actorRef,
        action: entry.action,
        occurred_at: occurredAt,
        data: canonicalJson(entry.data ?? {}),
        prev_hash: prevHash,
      };
      const row: AuditRow = { ...base, hash: hashAuditRow(base) };
      prevHash = row.hash;
      return row;
    });
    // 9 columns: 500 rows stay far below SQLite's and PostgreSQL's bound on parameters.
    for (let i = 0; i < rows.length; i += 500) {
      await this.db('audit_events').insert(rows.slice(i, i + 500));
    }
    await this.db('audit_head')
      .where({ id: 1 })
      .update({ seq, hash: prevHash });
    return rows.map(eventFromRow);
  }

  /** The chain's last link: how many records it has, and the last one's hash. */
  async head(): Promise<{ seq: number; hash: string }> {
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

  /** Every record oldest first, in batches, for export. */
  async *stream(options: { agentRef?: string; batchSize?: number } = {}) {
    const batchSize = options.batchSize ?? 2000;
    let after = 0;
    for (;;) {
      const query = this.db<AuditRow>('audit_events').where('seq', '>', after);
      if (options.agentRef) query.where({ agent_ref: options.agentRef });
      const rows = await query.orderBy('seq', 'asc').limit(batchSize);
      if (rows.length === 0) return;
      for (const row of rows) yield eventFromRow(row);
      after = Number(rows[rows.length - 1].seq);
    }
  }

  /**
   * Walks the chain from the first record: each must follow the previous by one, carry its
   * hash, and hash to its own stored hash; the last must match the head (a truncated tail
   * is a break too).
   */
  async verify(batchSize = 5000): Promise<ChainVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const rows = await this.db<AuditRow>('audit_events')
        .where('seq', '>=', expectedSeq)
        .orderBy('seq', 'asc')
        .limit(batchSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq) {
          return {
            ok: false,
            checked,
            firstBrokenSeq: expectedSeq,
            reason: `record ${expectedSeq} is missing`,
          };
        }
        if (row.prev_hash !== prevHash) {
          return {
            ok: false,
            checked,
            firstBrokenSeq: seq,
            reason: `record ${seq} does not link to record ${seq - 1}`,
          };
        }
        const { hash, ...rest } = row;
        if (hashAuditRow(rest) !== hash) {
          return {
            ok: false,
            checked,
            firstBrokenSeq: seq,
            reason: `record ${seq} was changed after it was written`,
          };
        }
        prevHash = hash;
        expectedSeq = seq + 1;
        checked += 1;
      }
    }
    const head = await this.db('audit_head').where({ id: 1 }).first();
    if (Number(head.seq) !== checked || head.hash !== prevHash) {
      return {
        ok: false,
        checked,
        firstBrokenSeq: checked + 1,
        reason: `the chain ends at record ${checked} but its head says ${Number(
          head.seq,
        )}`,
      };
    }
    return { ok: true, checked };
  }
}

import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { Finding } from '@mandate/plugin-agents-common';
import { compact, fromJson, toJson } from './json';
import { ownedAgents } from './RequestsStore';
import { chunks } from './telemetryRows';

function findingFromRow(row: any): Finding {
  return compact({
    id: row.id,
    agentRef: row.agent_ref ?? undefined,
    subject: row.subject,
    type: row.type,
    severity: row.severity,
    status: row.status,
    message: row.message,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    evidence: fromJson(row.evidence, {}),
  });
}

/** The key a report is kept under: its own fingerprint, or one finding of a type per subject. */
export const fingerprintOf = (
  report: Pick<FindingReport, 'type' | 'subject' | 'fingerprint'>,
) => report.fingerprint ?? `${report.type}:${report.subject}`;

/** What a detector reports; the store keeps one row per fingerprint. */
export interface FindingReport {
  agentRef?: string;
  subject: string;
  type: string;
  severity: Finding['severity'];
  message: string;
  evidence: Record<string, unknown>;
  /** Defaults to `${type}:${subject}`: one open finding of a type per subject. */
  fingerprint?: string;
}

export interface FindingQuery {
  agentRef?: string;
  /** Only findings on agents owned by these refs; undefined means all. */
  visibleOwners?: string[];
  type?: string;
  severity?: string;
  status: 'open' | 'resolved';
  limit: number;
  offset: number;
}

/** The row of a finding reported for the first time. */
const newFindingRow = (
  report: FindingReport,
  fingerprint: string,
  at: string,
) => ({
  id: randomUUID(),
  fingerprint,
  agent_ref: report.agentRef ?? null,
  subject: report.subject,
  type: report.type,
  severity: report.severity,
  status: 'open',
  message: report.message,
  first_seen_at: at,
  last_seen_at: at,
  evidence: toJson(report.evidence),
});

/** What reporting a known finding again writes: it is open, as reported now. */
const refreshedFinding = (report: FindingReport, at: string) => ({
  status: 'open',
  severity: report.severity,
  message: report.message,
  evidence: toJson(report.evidence),
  last_seen_at: at,
  resolved_at: null,
});

const SEVERITY_ORDER = `CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`;

/** Findings; reported again they are refreshed, and resolved when their cause is gone. */
export class FindingsStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /** Records a finding, or refreshes (and reopens) the one with the same fingerprint. */
  async report(
    report: FindingReport,
    at: string,
  ): Promise<{ created: boolean }> {
    const fingerprint = fingerprintOf(report);
    const existing = await this.db('findings').where({ fingerprint }).first();
    if (existing) {
      await this.db('findings')
        .where({ fingerprint })
        .update(refreshedFinding(report, at));
      return { created: existing.status !== 'open' };
    }
    await this.db('findings').insert(newFindingRow(report, fingerprint, at));
    return { created: true };
  }

  /**
   * Records or refreshes many findings as {@link FindingsStore.report} does one, reading
   * and writing a few hundred per statement: a finding reported again as it stands only
   * has its last-seen time moved. Returns how many were created or reopened.
   */
  async reportMany(reports: FindingReport[], at: string): Promise<number> {
    const byFingerprint = new Map(reports.map(r => [fingerprintOf(r), r]));
    const stored = new Map<string, any>();
    for (const batch of chunks([...byFingerprint.keys()], 500)) {
      const rows = await this.db('findings')
        .whereIn('fingerprint', batch)
        .select('fingerprint', 'status', 'severity', 'message', 'evidence');
      for (const row of rows) stored.set(row.fingerprint, row);
    }
    const inserts: object[] = [];
    const unchanged: string[] = [];
    let created = 0;
    for (const [fingerprint, report] of byFingerprint) {
      const row = stored.get(fingerprint);
      if (!row) {
        inserts.push(newFindingRow(report, fingerprint, at));
        created += 1;
      } else if (
        row.status === 'open' &&
        row.severity === report.severity &&
        row.message === report.message &&
        row.evidence === toJson(report.evidence)
      ) {
        unchanged.push(fingerprint);
      } else {
        await this.db('findings')
          .where({ fingerprint })
          .update(refreshedFinding(report, at));
        if (row.status !== 'open') created += 1;
      }
    }
    for (const batch of chunks(inserts, 500)) {
      await this.db('findings').insert(batch);
    }
    for (const batch of chunks(unchanged, 500)) {
      await this.db('findings')
        .whereIn('fingerprint', batch)
        .update({ last_seen_at: at });
    }
    return created;
  }

  async get(id: string): Promise<Finding | undefined> {
    const row = await this.db('findings').where({ id }).first();
    return row ? findingFromRow(row) : undefined;
  }

  /** Resolves one open finding; false when it was not open. */
  async resolveById(id: string, at: string): Promise<boolean> {
    const changed = await this.db('findings')
      .where({ id, status: 'open' })
      .update({ status: 'resolved', resolved_at: at });
    return changed === 1;
  }

  async resolve(type: string, subject: string, at: string): Promise<void> {
    await this.db('findings')
      .where({ type, subject, status: 'open' })
      .update({ status: 'resolved', resolved_at: at });
  }

  /** Whether a finding of this type is open for the agent. */
  async isOpen(type: string, agentRef: string): Promise<boolean> {
    const row = await this.db('findings')
      .where({ agent_ref: agentRef, type, status: 'open' })
      .first('id');
    return Boolean(row);
  }

  /** Open findings of one agent, counted per severity. */
  async openBySeverity(
    agentRef: string,
  ): Promise<Record<Finding['severity'], number>> {
    const rows: any[] = await this.db('findings')
      .where({ agent_ref: agentRef, status: 'open' })
      .groupBy('severity')
      .select('severity')
      .count({ n: '*' });
    const counts = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const row of rows) {
      counts[row.severity as Finding['severity']] = Number(row.n);
    }
    return counts;
  }

  /**
   * Resolves open findings of a type that were not reported again: those whose fingerprint
   * is not in `present`, limited to `agentRefs` when the detection looked at only those.
   */
  async resolveUnreported(
    type: string,
    present: string[],
    at: string,
    agentRefs?: string[],
  ): Promise<number> {
    let query = this.db('findings').where({ type, status: 'open' });
    if (agentRefs) query = query.whereIn('agent_ref', agentRefs);
    const open: string[] = await query.clone().pluck('fingerprint');
    const keep = new Set(present);
    const gone = open.filter(f => !keep.has(f));
    for (let i = 0; i < gone.length; i += 500) {
      await this.db('findings')
        .whereIn('fingerprint', gone.slice(i, i + 500))
        .update({ status: 'resolved', resolved_at: at });
    }
    return gone.length;
  }

  async list(
    query: FindingQuery,
  ): Promise<{ items: Finding[]; totalCount: number }> {
    const base = this.db('findings').where(builder => {
      builder.where('status', query.status);
      if (query.agentRef) builder.where('agent_ref', query.agentRef);
      if (query.visibleOwners) {
        builder.whereIn('agent_ref', ownedAgents(this.db, query.visibleOwners));
      }
      if (query.type) builder.where('type', query.type);
      if (query.severity) builder.where('severity', query.severity);
    });
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .orderByRaw(`${SEVERITY_ORDER} asc, last_seen_at desc, id asc`)
      .limit(query.limit)
      .offset(query.offset);
    return { items: rows.map(findingFromRow), totalCount: Number(count) };
  }
}

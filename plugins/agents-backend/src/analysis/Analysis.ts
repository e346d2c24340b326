import { LoggerService } from '@backstage/backend-plugin-api';
import { AgentMaturity } from '@mandate/plugin-agents-common';
import { AgentRecord } from '../domain/agentRecord';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { fingerprintOf } from '../database/FindingsStore';
import { identityKeysOfAgent } from '../domain/identity';
import { identityHeldByAnother } from '../domain/identityClaims';
import { telemetryKeysOf } from '../views/telemetryKeys';
import {
  AgentEvidence,
  DetectorSettings,
  TELEMETRY_FINDING_TYPES,
  detectAgentFindings,
  shadowAgents,
  unattributedTelemetry,
} from './detectors';
import { MaturityEvidence, evaluateMaturity } from './maturity';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AnalysisOptions {
  db: AgentsDatabase;
  logger: LoggerService;
  clock: () => Date;
  idleDays: number;
  standingGrantAfterMs: number;
  /** Providers that can contain an agent, named in the checklist's evidence. */
  containmentProviders: () => string[];
}

/**
 * Turns telemetry and governance records into findings and the maturity checklist: for
 * every agent on a schedule, and for the identities a batch touched right after ingest.
 */
export class Analysis {
  private pending = new Set<string>();
  private running?: Promise<void>;

  constructor(private readonly options: AnalysisOptions) {}

  /** Queues the identities of an ingested batch; analyses run one at a time. */
  afterIngest(identityKeys: string[]): void {
    for (const key of identityKeys) this.pending.add(key);
    this.startDrain();
  }

  private startDrain() {
    if (this.running || this.pending.size === 0) return;
    // Cleared once the drain has settled, not from inside it (a drain with nothing to do
    // would finish before its promise is stored); keys queued meanwhile start another.
    this.running = this.drain().finally(() => {
      this.running = undefined;
      this.startDrain();
    });
  }

  /** Resolves once every queued analysis has run (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain() {
    try {
      while (this.pending.size > 0) {
        const keys = [...this.pending];
        this.pending.clear();
        await this.run({ identityKeys: keys });
      }
    } catch (error) {
      this.options.logger.warn(`Analysis after ingest failed: ${error}`);
    }
  }

  /** Analyses every agent (or those with the given identity keys) and the shadow agents. */
  async run(
    scope: { identityKeys?: string[] } = {},
  ): Promise<{ agents: number; findings: number }> {
    const { db } = this.options;
    const now = this.options.clock();
    const all = await db.stores.agents.all();
    const agents = scope.identityKeys
      ? all.filter(a =>
          identityKeysOfAgent(a).some(k => scope.identityKeys!.includes(k)),
        )
      : all;
    const settings: DetectorSettings = {
      now,
      idleDays: this.options.idleDays,
      standingGrantAfterMs: this.options.standingGrantAfterMs,
    };
    let findings = 0;
    const present = new Map<string, string[]>(
      TELEMETRY_FINDING_TYPES.map(t => [t, []]),
    );
    for (const agent of agents) {
      const evidence = await this.evidenceFor(agent, now);
      const reports = detectAgentFindings(evidence, settings);
      for (const report of reports) {
        await db.stores.findings.report(report, now.toISOString());
        present.get(report.type)!.push(fingerprintOf(report));
      }
      findings += reports.length;
      await this.storeMaturity(
        agent,
        evaluateMaturity(evidence, now, this.options.standingGrantAfterMs),
      );
    }
    const agentRefs = scope.identityKeys
      ? agents.map(a => a.entityRef)
      : undefined;
    for (const [type, fingerprints] of present) {
      await db.stores.findings.resolveUnreported(
        type,
        fingerprints,
        now.toISOString(),
        agentRefs,
      );
    }
    findings += await this.detectShadowAgents(all, now, scope.identityKeys);
    if (!scope.identityKeys) findings += await this.detectUnattributed(now);
    return { agents: agents.length, findings };
  }

  /** Calls of the last week that named no agent, per source. */
  private async detectUnattributed(now: Date): Promise<number> {
    const { db } = this.options;
    const since = new Date(now.getTime() - 7 * DAY_MS);
    const reports = unattributedTelemetry(
      await db.telemetry.traces.unattributedSince(since),
      since.toISOString().slice(0, 10),
    );
    for (const report of reports) {
      await db.stores.findings.report(report, now.toISOString());
    }
    await db.stores.findings.resolveUnreported(
      'unattributed-telemetry',
      reports.map(fingerprintOf),
      now.toISOString(),
    );
    return reports.length;
  }

  /** Evaluates and stores one agent's checklist (the maturity route's fresh answer). */
  async maturityOf(agent: AgentRecord): Promise<AgentMaturity> {
    const now = this.options.clock();
    const maturity = evaluateMaturity(
      await this.evidenceFor(agent, now),
      now,
      this.options.standingGrantAfterMs,
    );
    await this.storeMaturity(agent, maturity);
    return maturity;
  }

  private async storeMaturity(agent: AgentRecord, maturity: AgentMaturity) {
    await this.options.db.stores.agents.recordMaturity(
      agent.entityRef,
      maturity,
    );
  }

  private async detectShadowAgents(
    all: AgentRecord[],
    now: Date,
    identityKeys?: string[],
  ): Promise<number> {
    const { db } = this.options;
    const store = db.telemetry.reader;
    const seen = (
      await store.identitiesSince(new Date(now.getTime() - 30 * DAY_MS))
    ).filter(i => !identityKeys || identityKeys.includes(i.identityKey));
    const names = new Map<string, string[]>();
    for (const identity of seen) {
      names.set(
        identity.identityKey,
        await store.reportedNames(identity.identityKey),
      );
    }
    const reports = shadowAgents(
      seen,
      {
        identityIds: new Set(all.map(a => a.identityId)),
        names: new Set(all.map(a => a.name)),
      },
      names,
    );
    for (const report of reports) {
      await db.stores.findings.report(report, now.toISOString());
    }
    if (!identityKeys) {
      await db.stores.findings.resolveUnreported(
        'shadow-agent',
        reports.map(fingerprintOf),
        now.toISOString(),
      );
    }
    return reports.length;
  }

  private async evidenceFor(
    agent: AgentRecord,
    now: Date,
  ): Promise<MaturityEvidence> {
    const { db } = this.options;
    const store = db.telemetry.reader;
    const [keys, claimants] = await Promise.all([
      telemetryKeysOf(db, agent),
      db.stores.agents.claimantsOf(agent),
    ]);
    const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
    // Month to date lies within the 45 days of daily totals read below.
    const thisMonth = now.toISOString().slice(0, 8); // "2026-11-"
    const [
      approved,
      tools,
      grants,
      models,
      daily,
      toolCalls,
      decisions,
      sharingIdentity,
    ] = await Promise.all([
      db.stores.agents.approvedScope(agent.entityRef, agent.approvedVersion),
      store.toolActivity(keys, ago(30), now),
      store.grants(keys),
      store.models(keys, ago(7), now),
      store.daily(keys, ago(45), now),
      store.toolCallsPerDay(keys, ago(7), now),
      store.decisionTotals(keys, ago(30), now),
      db.stores.agents.sharingIdentity(agent),
    ]);
    const auditEvents = await db.stores.audit.countFor(agent.entityRef);
    const orphaned = await db.stores.findings.isOpen(
      'orphaned',
      agent.entityRef,
    );
    const evidence: AgentEvidence = {
      agent,
      approvedTools: new Map((approved?.tools ?? []).map(t => [t.name, t])),
      tools,
      grants,
      models,
      daily,
      toolCallsPerDay: toolCalls,
      monthToDateUsd: daily
        .filter(d => d.day.startsWith(thisMonth))
        .reduce((sum, d) => sum + d.costUsd, 0),
      lastActivityAt: agent.lastActivityAt,
      identityHeldBy: identityHeldByAnother(agent, claimants)?.entityRef,
    };
    return {
      ...evidence,
      sharingIdentity,
      reportedNames: keys.includes(agent.identityId)
        ? await store.reportedNames(agent.identityId)
        : [],
      decisions,
      auditEvents,
      orphaned,
      containment: this.options.containmentProviders(),
    };
  }
}

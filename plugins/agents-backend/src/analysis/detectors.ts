import {
  AgentScope,
  DailyActivity,
  ModelActivity,
  ModelTier,
} from '@mandate/plugin-agents-common';
import { AgentGrant, isGrantActive } from '@mandate/plugin-agents-node';
import { AgentRecord } from '../domain/agentRecord';
import { FindingReport } from '../database/FindingsStore';
import { SeenIdentity, ToolActivity } from '../database/telemetryRows';
import { UnattributedBySource } from '../database/TraceBufferStore';
import { isStandingGrant } from '../domain/grants';

/** The finding types computed from enforcement-layer data. */
export const TELEMETRY_FINDING_TYPES = [
  'tool-outside-scope',
  'idle-standing-grant',
  'model-mismatch',
  'budget-exceeded',
  'denial-spike',
  'identity-conflict',
] as const;

/** Everything the detectors look at for one agent. */
export interface AgentEvidence {
  agent: AgentRecord;
  approvedTools: Map<string, AgentScope['tools'][number]>;
  /** Per-tool activity over the detection window (30 days). */
  tools: ToolActivity[];
  grants: AgentGrant[];
  /** Models that answered in the last 7 days. */
  models: ModelActivity[];
  /** Daily totals over the last 45 days, oldest first. */
  daily: DailyActivity[];
  /** Tool calls per day over the last 7 days. */
  toolCallsPerDay: { day: string; calls: number }[];
  /** Cost since the start of the current UTC month. */
  monthToDateUsd: number;
  lastActivityAt?: string;
  /** The agent that holds this agent's identity by an approved commission, if another. */
  identityHeldBy?: string;
}

export interface DetectorSettings {
  now: Date;
  /** An agent with no calls for this many days holds its standing grants idly. */
  idleDays: number;
  standingGrantAfterMs: number;
}

const TIER_RANK: Record<ModelTier, number> = {
  small: 1,
  standard: 2,
  frontier: 3,
};
const DAY_MS = 24 * 60 * 60 * 1000;

/** Tools used, or granted, that the approved scope does not hold. */
export function toolsOutsideScope(
  e: AgentEvidence,
  s: DetectorSettings,
): FindingReport[] {
  const ref = e.agent.entityRef;
  const activeGrants = e.grants.filter(g => isGrantActive(g, s.now));
  const outside = new Set<string>();
  for (const t of e.tools)
    if (!e.approvedTools.has(t.tool)) outside.add(t.tool);
  for (const g of activeGrants)
    if (!e.approvedTools.has(g.tool)) outside.add(g.tool);
  return [...outside].map(tool => {
    const usage = e.tools.find(t => t.tool === tool);
    const grantIds = activeGrants.filter(g => g.tool === tool).map(g => g.id);
    const allowed = usage ? usage.calls - usage.denials : 0;
    const what = usage
      ? `called ${tool} ${usage.calls} time(s) in 30 days (${allowed} allowed)`
      : `holds an active grant for ${tool}`;
    return {
      agentRef: ref,
      subject: ref,
      type: 'tool-outside-scope',
      severity: allowed > 0 || grantIds.length > 0 ? 'high' : 'medium',
      message: `${e.agent.name} ${what}, which is not in its approved scope`,
      evidence: {
        tool,
        calls: usage?.calls ?? 0,
        allowed,
        denials: usage?.denials ?? 0,
        ...(usage ? { lastSeenAt: usage.lastSeenAt } : {}),
        grantIds,
      },
      fingerprint: `tool-outside-scope:${ref}:${tool}`,
    };
  });
}

/** Standing (long-lived) grants held by an agent that has not acted for `idleDays`. */
export function idleStandingGrants(
  e: AgentEvidence,
  s: DetectorSettings,
): FindingReport[] {
  const idleSince = s.now.getTime() - s.idleDays * DAY_MS;
  const lastActive = e.lastActivityAt ? Date.parse(e.lastActivityAt) : 0;
  if (lastActive > idleSince) return [];
  const ref = e.agent.entityRef;
  return e.grants
    .filter(
      g =>
        isGrantActive(g, s.now) && isStandingGrant(g, s.standingGrantAfterMs),
    )
    .map(g => {
      const access = e.approvedTools.get(g.tool)?.access;
      const idle = e.lastActivityAt
        ? `no calls since ${e.lastActivityAt.slice(0, 10)}`
        : 'no calls on record';
      return {
        agentRef: ref,
        subject: ref,
        type: 'idle-standing-grant',
        severity:
          access === 'write' || access === 'destructive' ? 'high' : 'medium',
        message: `Grant ${g.id} (${g.tool}) ${
          g.expiresAt
            ? `lasts until ${g.expiresAt.slice(0, 10)}`
            : 'never expires'
        } while ${e.agent.name} is idle (${idle}); revoke it`,
        evidence: {
          grantId: g.id,
          tool: g.tool,
          issuedAt: g.issuedAt,
          ...(g.expiresAt ? { expiresAt: g.expiresAt } : {}),
          idleDays: s.idleDays,
          ...(e.lastActivityAt ? { lastActivityAt: e.lastActivityAt } : {}),
        },
        fingerprint: `idle-standing-grant:${ref}:${g.id}`,
      };
    });
}

/** Models that answered although the agent declares another (a tier downgrade is worse). */
export function modelMismatches(e: AgentEvidence): FindingReport[] {
  const declared = e.agent.profile?.model;
  if (!declared) return [];
  const ref = e.agent.entityRef;
  return e.models
    .filter(m => m.model !== declared.name)
    .map(m => {
      const reportedTier = m.tier as ModelTier | undefined;
      const downgrade =
        reportedTier !== undefined &&
        TIER_RANK[reportedTier] < TIER_RANK[declared.tier];
      return {
        agentRef: ref,
        subject: ref,
        type: 'model-mismatch',
        severity: downgrade ? 'high' : 'medium',
        message: `${e.agent.name} was answered by ${m.model}${
          reportedTier ? ` (${reportedTier})` : ''
        } although it declares ${declared.name} (${declared.tier})${
          downgrade ? ': a tier downgrade' : ''
        }`,
        evidence: {
          model: m.model,
          ...(reportedTier ? { tier: reportedTier } : {}),
          declaredModel: declared.name,
          declaredTier: declared.tier,
          calls: m.calls,
          lastDay: m.lastDay,
          downgrade,
        },
        fingerprint: `model-mismatch:${ref}:${m.model}`,
      };
    });
}

/** Daily tool calls over `budgets.dailyToolCalls`, or month-to-date cost over `monthlyUsd`. */
export function budgetsExceeded(e: AgentEvidence): FindingReport[] {
  const budgets = e.agent.profile?.budgets;
  if (!budgets) return [];
  const ref = e.agent.entityRef;
  const reports: FindingReport[] = [];
  if (budgets.dailyToolCalls !== undefined) {
    const worst = [...e.toolCallsPerDay].sort((a, b) => b.calls - a.calls)[0];
    if (worst && worst.calls > budgets.dailyToolCalls) {
      reports.push({
        agentRef: ref,
        subject: ref,
        type: 'budget-exceeded',
        severity: worst.calls >= 2 * budgets.dailyToolCalls ? 'high' : 'medium',
        message: `${e.agent.name} made ${worst.calls} tool calls on ${worst.day}, over its budget of ${budgets.dailyToolCalls} a day`,
        evidence: {
          budget: 'dailyToolCalls',
          day: worst.day,
          calls: worst.calls,
          limit: budgets.dailyToolCalls,
        },
        fingerprint: `budget-exceeded:${ref}:dailyToolCalls`,
      });
    }
  }
  if (
    budgets.monthlyUsd !== undefined &&
    e.monthToDateUsd > budgets.monthlyUsd
  ) {
    const cost = Math.round(e.monthToDateUsd * 100) / 100;
    reports.push({
      agentRef: ref,
      subject: ref,
      type: 'budget-exceeded',
      severity: cost >= 2 * budgets.monthlyUsd ? 'high' : 'medium',
      message: `${e.agent.name} has cost ${cost} USD this month, over its budget of ${budgets.monthlyUsd} USD`,
      evidence: {
        budget: 'monthlyUsd',
        costUsd: cost,
        limit: budgets.monthlyUsd,
      },
      fingerprint: `budget-exceeded:${ref}:monthlyUsd`,
    });
  }
  return reports;
}

/** Minimums before a denial rate counts as a spike: enough calls, denials and baseline. */
const SPIKE = {
  minCalls: 10,
  minDenials: 5,
  minBaselineCalls: 50,
  factor: 3,
  margin: 0.1,
};

/** A recent day whose denial rate jumps against the agent's own 14-day baseline. */
export function denialSpikes(
  e: AgentEvidence,
  s: DetectorSettings,
): FindingReport[] {
  const ref = e.agent.entityRef;
  const recentFrom = new Date(s.now.getTime() - 2 * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const recent = e.daily.filter(
    d => d.day > recentFrom && d.calls >= SPIKE.minCalls,
  );
  for (const day of recent.reverse()) {
    const baselineFrom = new Date(Date.parse(day.day) - 14 * DAY_MS)
      .toISOString()
      .slice(0, 10);
    const baseline = e.daily.filter(
      d => d.day >= baselineFrom && d.day < recentFrom,
    );
    const baseCalls = baseline.reduce((n, d) => n + d.calls, 0);
    if (baseCalls < SPIKE.minBaselineCalls) continue;
    const baseRate = baseline.reduce((n, d) => n + d.denials, 0) / baseCalls;
    const rate = day.denials / day.calls;
    if (
      day.denials >= SPIKE.minDenials &&
      rate >= Math.max(SPIKE.factor * baseRate, baseRate + SPIKE.margin)
    ) {
      const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
      return [
        {
          agentRef: ref,
          subject: ref,
          type: 'denial-spike',
          severity: rate >= 0.5 ? 'high' : 'medium',
          message: `${e.agent.name} was denied ${day.denials} of ${
            day.calls
          } calls on ${day.day} (${pct(rate)}) against a baseline of ${pct(
            baseRate,
          )}`,
          evidence: {
            day: day.day,
            calls: day.calls,
            denials: day.denials,
            rate,
            baselineRate: baseRate,
            baselineDays: baseline.length,
          },
          fingerprint: `denial-spike:${ref}`,
        },
      ];
    }
  }
  return [];
}

/** Every detector that looks at one agent. */
export function detectAgentFindings(
  e: AgentEvidence,
  s: DetectorSettings,
): FindingReport[] {
  return [
    ...toolsOutsideScope(e, s),
    ...idleStandingGrants(e, s),
    ...modelMismatches(e),
    ...budgetsExceeded(e),
    ...denialSpikes(e, s),
    ...identityConflict(e),
  ];
}

/** An agent that claims an identity another agent holds: squatting, or a re-platforming. */
function identityConflict(e: AgentEvidence): FindingReport[] {
  const { agent, identityHeldBy } = e;
  if (!identityHeldBy || agent.state === 'retired') return [];
  return [identityConflictReport(agent, identityHeldBy)];
}

/** The finding of an agent whose identity `heldBy` holds. */
export function identityConflictReport(
  agent: Pick<AgentRecord, 'entityRef' | 'identityId'>,
  heldBy: string,
): FindingReport {
  return {
    agentRef: agent.entityRef,
    subject: agent.entityRef,
    type: 'identity-conflict',
    severity: 'high',
    message: `${agent.entityRef} claims the identity ${agent.identityId}, which ${heldBy} holds by an approved commission; it sees none of that identity's telemetry and cannot be commissioned until this is resolved (give it its own spec.identity.id, or retire ${heldBy} if it replaces it)`,
    evidence: { identity: agent.identityId, heldBy },
    fingerprint: `identity-conflict:${agent.entityRef}`,
  };
}

/** Telemetry from identities that match no agent. */
/** Calls that no rule could attribute, per source: security cannot hold them against anyone. */
export function unattributedTelemetry(
  sources: UnattributedBySource[],
  sinceDay: string,
): FindingReport[] {
  return sources.map(s => ({
    subject: `source:${s.source}`,
    type: 'unattributed-telemetry',
    severity: s.spans >= 100 ? 'high' : 'medium',
    message: `${s.spans} call(s) from ${s.source} since ${sinceDay} name no agent and match no mapping rule; add gen_ai.agent.id to the spans, or a rule under agents.telemetry.attribution.rules`,
    evidence: {
      source: s.source,
      spans: s.spans,
      sampleTraceIds: s.sampleTraceIds,
      tools: s.tools,
      since: sinceDay,
    },
  }));
}

export function shadowAgents(
  seen: SeenIdentity[],
  known: { identityIds: Set<string>; names: Set<string> },
  reportedNames: Map<string, string[]>,
): FindingReport[] {
  return seen
    .filter(i =>
      i.identityKey.startsWith('name:')
        ? !known.names.has(i.identityKey.slice('name:'.length))
        : !known.identityIds.has(i.identityKey),
    )
    .map(i => {
      const names = reportedNames.get(i.identityKey) ?? [];
      return {
        subject: i.identityKey,
        type: 'shadow-agent',
        severity: 'high',
        message: `${i.identityKey}${
          names.length ? ` (calling itself ${names.join(', ')})` : ''
        } made ${i.calls} call(s) since ${
          i.firstDay
        } but matches no registered Agent`,
        evidence: {
          identity: i.identityKey,
          reportedNames: names,
          tools: i.tools,
          calls: i.calls,
          firstDay: i.firstDay,
          lastSeenAt: i.lastSeenAt,
        },
        fingerprint: `shadow-agent:${i.identityKey}`,
      };
    });
}

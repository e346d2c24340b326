import {
  AgentMaturity,
  MaturityCheck,
  MaturityControlId,
} from '@mandate/plugin-agents-common';
import { isGrantActive } from '@mandate/plugin-agents-node';
import { isStandingGrant } from '../domain/grants';
import { AgentEvidence } from './detectors';

/** What the checklist reads beyond the detectors' evidence. */
export interface MaturityEvidence extends AgentEvidence {
  /** Other agents registered with the same identity id. */
  sharingIdentity: string[];
  /** Agent names the enforcement layer reported for this identity. */
  reportedNames: string[];
  /** Calls and calls carrying a policy decision in the last 30 days. */
  decisions: { calls: number; decisions: number };
  auditEvents: number;
  orphaned: boolean;
  /** Enforcement-layer providers that can contain the agent. */
  containment: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const URI = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;

const TITLES: Record<MaturityControlId, string> = {
  'unique-identity': 'Unique, verifiable identity',
  'no-shared-identity': 'No shared identity',
  'registered-owner-purpose': 'Registered with an owner and a purpose',
  'tool-manifest': 'Tool manifest (deny by default)',
  'gateway-enforcement': 'Enforcement observed at a gateway',
  'short-lived-grants': 'Short-lived grants',
  baseline: 'Behaviour baseline documented',
  'audit-trail': 'Audit trail flowing',
  'anomaly-response': 'Anomaly response configured',
  'approved-scope': 'Approved scope recorded',
  'review-cadence': 'Review cadence defined and met',
  'decommission-criteria': 'Decommission criteria',
};

type Rule = (
  e: MaturityEvidence,
  now: Date,
  standingAfterMs: number,
) => [boolean, string];

const hours = (ms: number) => `${Math.round(ms / 3_600_000)} h`;

const RULES: Record<MaturityControlId, Rule> = {
  'unique-identity': e =>
    URI.test(e.agent.identityId)
      ? [true, `${e.agent.identityId} is a URI the gateway can verify`]
      : [
          false,
          `${e.agent.identityId} is not a URI; use a SPIFFE ID or URL the gateway authenticates`,
        ],
  'no-shared-identity': e => {
    const others = e.reportedNames.filter(n => n !== e.agent.name);
    if (e.sharingIdentity.length > 0) {
      return [false, `also registered for ${e.sharingIdentity.join(', ')}`];
    }
    if (others.length > 0) {
      return [
        false,
        `the gateway saw this identity act as ${others.join(', ')} too`,
      ];
    }
    return [true, 'no other agent registers or reports this identity'];
  },
  'registered-owner-purpose': e => {
    if (e.orphaned)
      return [false, `owner ${e.agent.ownerRef} no longer resolves`];
    const purpose = e.agent.profile?.purpose?.trim();
    return purpose
      ? [true, `owned by ${e.agent.ownerRef}; purpose: ${purpose}`]
      : [false, 'no purpose is declared'];
  },
  'tool-manifest': e => {
    const n = e.agent.declaredScope.tools.length;
    return n > 0
      ? [
          true,
          `${n} tool(s) declared with access levels; anything else is denied`,
        ]
      : [false, 'no tools declared'];
  },
  'gateway-enforcement': e =>
    e.decisions.decisions > 0
      ? [
          true,
          `${e.decisions.decisions} of ${e.decisions.calls} calls in 30 days carried a gateway policy decision`,
        ]
      : [
          false,
          e.decisions.calls > 0
            ? `${e.decisions.calls} calls in 30 days, none with a policy decision (mandate.policy.decision)`
            : 'no calls seen at a gateway in 30 days',
        ],
  'short-lived-grants': (e, now, standingAfterMs) => {
    const recent = e.grants.filter(
      g =>
        Date.parse(g.issuedAt) >= now.getTime() - 30 * DAY_MS ||
        isGrantActive(g, now),
    );
    if (recent.length === 0) return [false, 'no grants reported in 30 days'];
    const standing = recent.filter(g => isStandingGrant(g, standingAfterMs));
    if (standing.length > 0) {
      const g = standing[0];
      return [
        false,
        `${standing.length} standing grant(s), e.g. ${g.id} on ${g.tool} ${
          g.expiresAt ? `until ${g.expiresAt.slice(0, 10)}` : 'without expiry'
        }`,
      ];
    }
    const longest = Math.max(
      ...recent.map(g => Date.parse(g.expiresAt!) - Date.parse(g.issuedAt)),
    );
    return [
      true,
      `${recent.length} grant(s), the longest lived ${hours(longest)}`,
    ];
  },
  baseline: e => {
    const active = e.daily.filter(d => d.calls > 0);
    if (active.length < 14) {
      return [
        false,
        `${active.length} day(s) of activity; a baseline needs 14`,
      ];
    }
    const calls = active.reduce((n, d) => n + d.calls, 0);
    const denials = active.reduce((n, d) => n + d.denials, 0);
    return [
      true,
      `${active.length} days: ${Math.round(
        calls / active.length,
      )} calls a day, ${Math.round((denials / calls) * 1000) / 10}% denied`,
    ];
  },
  'audit-trail': (e, now) => {
    const recent =
      e.lastActivityAt &&
      Date.parse(e.lastActivityAt) >= now.getTime() - 7 * DAY_MS;
    if (!recent) {
      return [
        false,
        e.lastActivityAt
          ? `no telemetry since ${e.lastActivityAt.slice(0, 10)}`
          : 'no telemetry received',
      ];
    }
    return [
      true,
      `telemetry until ${e.lastActivityAt!.slice(0, 16)}Z; ${
        e.auditEvents
      } governance event(s) in the chain`,
    ];
  },
  'anomaly-response': e => {
    const budgets = e.agent.profile?.budgets;
    const limits = [
      budgets?.dailyToolCalls !== undefined
        ? `${budgets.dailyToolCalls} calls/day`
        : undefined,
      budgets?.monthlyUsd !== undefined
        ? `${budgets.monthlyUsd} USD/month`
        : undefined,
    ].filter(Boolean);
    if (limits.length === 0)
      return [false, 'no budgets to detect anomalies against'];
    if (!e.agent.sponsorRef) return [false, 'no sponsor to escalate to'];
    return [
      true,
      `budgets ${limits.join(', ')}; escalates to ${
        e.agent.sponsorRef
      }; contained through ${
        e.containment.join(', ') || 'the effective policy'
      }`,
    ];
  },
  'approved-scope': e =>
    e.agent.approvedVersion > 0
      ? [
          true,
          `approved scope v${e.agent.approvedVersion} with ${e.approvedTools.size} tool(s)`,
        ]
      : [false, 'no scope has been approved (not commissioned)'],
  'review-cadence': (e, now) => {
    const due = e.agent.nextReviewDueAt;
    if (e.agent.state !== 'active' || !due) {
      return [
        false,
        `reviews run for active agents; this one is ${e.agent.state}`,
      ];
    }
    return due >= now.toISOString()
      ? [true, `every ${e.agent.reviewCadence}; next due ${due.slice(0, 10)}`]
      : [false, `review overdue since ${due.slice(0, 10)}`];
  },
  'decommission-criteria': e => {
    const criteria = e.agent.profile?.decommission?.criteria?.trim();
    return criteria
      ? [true, criteria]
      : [false, 'no decommission criteria declared'];
  },
};

/** Evaluates the twelve production controls from the agent's data; score = share passed. */
export function evaluateMaturity(
  e: MaturityEvidence,
  now: Date,
  standingAfterMs: number,
): AgentMaturity {
  const checks: MaturityCheck[] = (
    Object.keys(RULES) as MaturityControlId[]
  ).map(id => {
    const [passed, evidence] = RULES[id](e, now, standingAfterMs);
    return { id, title: TITLES[id], passed, evidence };
  });
  const passed = checks.filter(c => c.passed).length;
  return {
    score: Math.round((passed / checks.length) * 100),
    evaluatedAt: now.toISOString(),
    checks,
  };
}

// What each example agent does in the telemetry sample: how many tasks a day, when, and which
// tool calls each task makes; plus the deliberate anomalies (examples/telemetry/README.md).
// `ago` is the number of days before the anchor (0 = the last day of the sample).

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Relative weight of each UTC hour for agents that people drive. */
const OFFICE = [
  1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 11, 13, 14, 13, 11, 8, 5, 3, 2, 2, 1,
  1,
];
/** Service agents fed by queues: busy in the day, never idle at night. */
const AROUND_THE_CLOCK = [
  4, 3, 3, 3, 3, 4, 6, 8, 10, 11, 11, 11, 10, 11, 11, 10, 9, 8, 7, 6, 6, 5, 5,
  4,
];

/** A start time drawn from hourly weights. */
export function byHour(weights) {
  return s => s.hourOf(weights) * HOUR + s.int(0, HOUR - 1);
}

/** A scheduled job: task `i` starts `spacing` minutes after task `i - 1`. */
export function batch(hour, minute, spacingMinutes) {
  return (s, _day, i) =>
    hour * HOUR +
    minute * MINUTE +
    i * spacingMinutes * MINUTE +
    s.int(0, 40_000);
}

/** About `weekday` tasks on weekdays and `weekend` on weekends, give or take 15%. */
function perDay(weekday, weekend) {
  return (s, day) => s.around(day.weekend ? weekend : weekday);
}

/**
 * Stories keyed by metadata.name. Agents that are not here send nothing: test-writer and
 * expense-auditor are never commissioned in the demo, legacy-log-summarizer is retired.
 * test-writer shares the identity devex-bot with dependency-updater, so devex-bot traffic is
 * the dependency updater's.
 */
export const STORIES = {
  'refund-assistant': {
    tasks: perDay(30, 14),
    at: byHour(AROUND_THE_CLOCK),
    tokens: { input: [3000, 9000], output: [300, 1200] },
    run(s, day) {
      s.call('orders.lookup', { times: s.int(1, 2) });
      if (s.chance(0.55)) {
        // Refunds over the 200 USD constraint are refused before any approval is asked.
        s.call(
          'refunds.issue',
          s.chance(0.06) ? DENY('constraint.maxAmountUsd') : {},
        );
      }
      // tickets.comment was revoked in the review 30 days before the anchor (DemoHistory).
      if (day.ago > 30 && s.chance(0.8)) s.call('tickets.comment');
    },
  },

  // Never calls tickets.assign: the end-to-end test revokes it in a review as unused.
  'ticket-triage': {
    tasks: perDay(85, 45),
    at: byHour(AROUND_THE_CLOCK),
    tokens: { input: [1200, 3000], output: [60, 200] },
    run(s) {
      s.call('tickets.read');
      if (s.chance(0.95)) s.call('tickets.label');
    },
  },

  'customer-reply-drafter': {
    tasks: perDay(32, 6),
    at: byHour(OFFICE),
    onBehalfOf: 'customer-care',
    tokens: { input: [4000, 12000], output: [400, 1100] },
    run(s) {
      s.call('tickets.read', { times: s.int(1, 2) });
      if (s.chance(0.7)) s.call('crm.contact.read');
      s.call('tickets.reply.draft');
    },
  },

  // Suspended by security at 10:00 five days before the anchor (DemoHistory): its morning
  // batch ran that day until 09:30, and the grant still open at 10:00 was revoked.
  'churn-outreach': {
    tasks: (s, day) => (day.ago < 5 || day.weekend ? 0 : s.around(14)),
    at: batch(8, 0, 6),
    suspendedAt: { ago: 5, hour: 10 },
    tokens: { input: [2500, 6000], output: [500, 1500] },
    run(s) {
      s.call('crm.contact.read', { times: s.int(2, 3) });
      if (s.chance(0.6)) s.call('crm.campaign.send');
    },
  },

  // Anomaly 3, model downgrade: in the last 7 days the gateway answers with Haiku (small)
  // although Opus (frontier) is asked for and declared.
  'analytics-copilot': {
    tasks: perDay(28, 2),
    at: byHour(OFFICE),
    onBehalfOf: 'data-science',
    tokens: { input: [6000, 16000], output: [600, 2000] },
    answeredBy: day =>
      day.ago <= 6 ? { model: 'claude-haiku-4-5', tier: 'small' } : undefined,
    run(s) {
      if (s.chance(0.4)) s.call('docs.search');
      const queries = s.int(1, 4);
      for (let q = 0; q < queries; q++) {
        s.call(
          'warehouse.query',
          s.chance(0.02) ? DENY('constraint.maxRowsReturned') : {},
        );
      }
    },
  },

  'feature-store-curator': {
    tasks: s => s.around(12),
    at: batch(2, 0, 4),
    tokens: { input: [3000, 8000], output: [400, 1200] },
    run(s) {
      s.call('warehouse.query', { times: 2 });
      if (s.chance(0.7)) s.call('warehouse.table.write');
      if (s.chance(0.04)) s.call('warehouse.table.drop');
    },
  },

  // Anomaly 5, budget exceeded: two days before the anchor Slack answered 429 and the
  // reporter retried without backing off, 640 slack.post calls against dailyToolCalls: 500.
  'experiment-reporter': {
    tasks: (s, day) => (day.ago === 2 ? 81 : 1),
    at: batch(7, 0, 2),
    tokens: { input: [2000, 5000], output: [300, 800] },
    run(s, day, i) {
      if (i > 0) {
        for (let retry = 0; retry < 8; retry++) {
          s.call('slack.post', s.chance(0.85) ? { errorType: 'http.429' } : {});
        }
        return;
      }
      const experiments = s.int(6, 9);
      for (let e = 0; e < experiments; e++) {
        s.call('warehouse.query');
        s.call('slack.post');
      }
    },
  },

  // Anomaly 2, unmanifested tool: a leftover gateway route let the agent merge with
  // github.pr.merge (not in its manifest) four days before the anchor; after the route was
  // fixed, its tries the next day were denied.
  'code-review-agent': {
    tasks: perDay(40, 4),
    at: byHour(OFFICE),
    tokens: { input: [8000, 20000], output: [500, 1800] },
    run(s, day, i) {
      s.call('github.pr.read', { times: s.int(2, 4) });
      s.call('github.pr.comment', { times: s.int(0, 3) });
      if (day.ago === 4 && i < 3) {
        s.call('github.pr.merge', {
          decision: 'allow',
          ruleId: 'route.github-mcp.legacy-allow',
        });
      }
      if (day.ago === 3 && i < 2)
        s.call('github.pr.merge', DENY('manifest.unlisted-tool'));
    },
  },

  'dependency-updater': {
    agentName: 'devex-bot',
    tasks: perDay(10, 2),
    at: batch(3, 0, 9),
    tokens: { input: [3000, 7000], output: [300, 900] },
    run(s) {
      s.call('github.repo.read', { times: s.int(2, 4) });
      if (s.chance(0.5)) s.call('github.pr.create');
      if (s.chance(0.15)) s.call('github.branch.delete');
    },
  },

  // Anomaly 6, denial spike: on the last two days a broken link in the onboarding docs sends
  // people's questions to the security team's restricted repositories; github.repo.read is
  // denied about 30 times a day against a baseline of about one denial a fortnight.
  'dev-portal-assistant': {
    tasks(s, day) {
      day.regular = s.around(day.weekend ? 5 : 48);
      return day.regular + (day.ago <= 1 ? s.around(32) : 0);
    },
    at: byHour(OFFICE),
    onBehalfOf: 'acme',
    tokens: { input: [1500, 5000], output: [150, 600] },
    run(s, day, i) {
      s.call('docs.search', { times: s.int(1, 2) });
      if (i >= day.regular) {
        s.call('github.repo.read', DENY('github.repo.restricted'));
      } else if (s.chance(0.3)) {
        s.call(
          'github.repo.read',
          s.chance(0.006) ? DENY('github.repo.restricted') : {},
        );
      }
    },
  },

  'invoice-reconciler': {
    tasks: perDay(22, 3),
    at: batch(1, 0, 5),
    tokens: { input: [4000, 10000], output: [300, 900] },
    run(s) {
      s.call('ledger.read', { times: s.int(2, 4) });
      s.call('payments.lookup', { times: s.int(1, 2) });
      if (s.chance(0.1)) s.call('ledger.adjust');
    },
  },

  // k8s.namespace.delete was withheld by security (DemoHistory) and is never called.
  'incident-responder': {
    tasks: (s, day) => s.around(3) + (day.incident ? s.int(15, 30) : 0),
    at: (s, day, i) =>
      i < 3 ? byHour(AROUND_THE_CLOCK)(s) : day.incident + s.int(0, 2 * HOUR),
    incidents: 0.2,
    tokens: { input: [6000, 18000], output: [500, 1500] },
    run(s) {
      s.call('k8s.pods.list', { times: s.int(1, 2) });
      s.call('logs.search', { times: s.int(1, 3) });
      if (s.chance(0.05)) s.call('k8s.deployment.rollback');
    },
  },

  'infra-cost-optimizer': {
    tasks: s => s.around(6),
    at: batch(6, 0, 3),
    tokens: { input: [3000, 9000], output: [300, 900] },
    run(s) {
      s.call('billing.report.read', { times: 2 });
      if (s.chance(0.4)) s.call('k8s.deployment.scale');
    },
  },

  'db-migration-reviewer': {
    tasks: perDay(8, 1),
    at: byHour(OFFICE),
    tokens: { input: [4000, 12000], output: [400, 1200] },
    run(s) {
      s.call('postgres.schema.read', { times: s.int(1, 2) });
      s.call('postgres.explain', { times: s.int(1, 2) });
      if (s.chance(0.8)) s.call('github.pr.comment');
    },
  },

  // Anomaly 4, idle standing grant: the github.org.members.read grant that nina.kowalski
  // delegated for the quarterly access review 60 days before the anchor has no expiry; the
  // agent last worked 32 days before the anchor.
  'access-review-assistant': {
    tasks: (s, day) => (day.ago >= 32 ? s.around(6) : 0),
    at: byHour(OFFICE),
    onBehalfOf: 'user:nina.kowalski',
    standingGrants: [
      {
        id: 'gs-access-review-github',
        tool: 'github.org.members.read',
        scope: 'org:acme members:read',
        issuedAgo: 60,
        onBehalfOf: 'user:default/nina.kowalski',
      },
    ],
    tokens: { input: [5000, 12000], output: [500, 1500] },
    run(s) {
      s.call('github.org.members.read', { times: s.int(1, 3) });
      if (s.chance(0.5)) s.call('slack.post');
    },
  },
};

/**
 * Anomaly 1, shadow agent: an identity that no Agent in examples/agents declares, calling
 * tools for the last 10 days; the gateway lets unregistered identities through in monitor
 * mode.
 */
export const SHADOW_AGENTS = {
  'pricing-scraper': {
    identityId: 'spiffe://acme.example/agent/pricing-scraper',
    model: { name: 'gpt-5-mini', tier: 'standard' },
    tools: ['web.fetch', 'warehouse.query', 'slack.post'],
    ruleId: 'unregistered.monitor-only',
    tasks: (s, day) => (day.ago <= 9 ? s.around(day.weekend ? 8 : 20) : 0),
    at: byHour(AROUND_THE_CLOCK),
    tokens: { input: [2000, 6000], output: [200, 700] },
    run(s) {
      s.call('web.fetch', { times: s.int(3, 8) });
      s.call('warehouse.query');
      if (s.chance(0.1)) s.call('slack.post');
    },
  },
};

/** Agents whose budgets the sample exceeds on purpose (the generator checks the rest). */
export const OVER_BUDGET = { 'experiment-reporter': 'dailyToolCalls' };

/** Tools an agent must never call in the sample, because the demo relies on it. */
export const NEVER_CALLED = {
  'ticket-triage': ['tickets.assign'],
  'incident-responder': ['k8s.namespace.delete'],
};

function DENY(ruleId) {
  return { decision: 'deny', ruleId };
}

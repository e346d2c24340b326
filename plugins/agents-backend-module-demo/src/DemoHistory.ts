import { LoggerService } from '@backstage/backend-plugin-api';
import {
  RequestType,
  parseReviewCadence,
  withoutTools,
} from '@mandate/plugin-agents-common';
import {
  GovernanceHistory,
  GovernanceHistoryImporter,
  HistoryActor,
  HistoryAgent,
} from '@mandate/plugin-agents-node';
import { DateTime } from 'luxon';

/** The person who files requests for each team in the demo estate. */
const TEAM_LEADS: Record<string, string> = {
  'group:default/customer-care': 'user:default/dana.lee',
  'group:default/platform': 'user:default/priya.nair',
  'group:default/developer-experience': 'user:default/alex.kim',
  'group:default/data-science': 'user:default/maria.garcia',
  'group:default/finance-ops': 'user:default/ravi.patel',
  'group:default/security': 'user:default/nina.kowalski',
};
const APPROVER: HistoryActor = {
  ref: 'user:default/nina.kowalski',
  claims: ['group:default/security'],
};

/** What happens to each example agent; agents not listed follow the default story. */
interface Story {
  /** Days before today the agent was commissioned; undefined: never commissioned. */
  commissionedAgo?: number;
  /** Days before today of the last completed review (earlier ones follow the cadence). */
  lastReviewAgo?: number;
  /** Tools revoked in the last review. */
  revokeInLastReview?: string[];
  /** A commission filed this many days ago and still pending. */
  pendingCommissionAgo?: number;
  suspendedAgo?: number;
  decommissionedAgo?: number;
  /** Tool removed right after commissioning, then asked for again (pending). */
  withheldTool?: { tool: string; reducedAgo: number; requestedAgo: number };
  /** An open review seeded this many days ago (for an overdue one). */
  openReviewAgo?: number;
  /** Not seeded at all: shows up as discovered, proposed and uncommissioned. */
  untouched?: boolean;
}

const STORIES: Record<string, Story> = {
  'agent:default/ticket-triage': {
    commissionedAgo: 300,
    lastReviewAgo: 87,
    openReviewAgo: 1,
  },
  'agent:default/code-review-agent': {
    commissionedAgo: 240,
    lastReviewAgo: 84,
    openReviewAgo: 2,
  },
  'agent:default/analytics-copilot': {
    commissionedAgo: 320,
    lastReviewAgo: 112,
    openReviewAgo: 34,
  },
  'agent:default/refund-assistant': {
    commissionedAgo: 280,
    lastReviewAgo: 30,
    revokeInLastReview: ['tickets.comment'],
  },
  'agent:default/test-writer': { pendingCommissionAgo: 2 },
  'agent:default/expense-auditor': { untouched: true },
  'agent:default/churn-outreach': {
    commissionedAgo: 75,
    lastReviewAgo: 40,
    suspendedAgo: 5,
  },
  'agent:default/legacy-log-summarizer': {
    commissionedAgo: 420,
    decommissionedAgo: 150,
  },
  'agent:default/incident-responder': {
    commissionedAgo: 200,
    lastReviewAgo: 10,
    withheldTool: {
      tool: 'k8s.namespace.delete',
      reducedAgo: 199,
      requestedAgo: 3,
    },
  },
};
const DEFAULT_STORY: Story = { commissionedAgo: 250, lastReviewAgo: 45 };

type Step = {
  at: DateTime;
  run: (workflows: ReturnType<GovernanceHistory['at']>) => Promise<unknown>;
};

/**
 * Seeds a plausible governance history for the example estate, through Mandate's real
 * workflows at past times, so that every state shows up on a fresh start. Demo only:
 * enabled by `agents.demo.seedHistory`.
 */
export class DemoHistory implements GovernanceHistoryImporter {
  readonly id = 'demo-history';

  constructor(
    private readonly options: {
      logger: LoggerService;
      clock: () => Date;
    },
  ) {}

  /** Seeds once, on a database where nothing was ever commissioned. */
  async importHistory(history: GovernanceHistory): Promise<void> {
    if (!(await history.isEmpty())) return;
    const agents = await history.agents();
    if (agents.length === 0) return;

    const now = DateTime.fromJSDate(this.options.clock(), { zone: 'utc' });
    const steps = agents.flatMap(agent => this.story(agent, now, history));
    steps.sort((a, b) => a.at.toMillis() - b.at.toMillis());
    for (const step of steps) {
      await step.run(history.at(step.at.toJSDate()));
    }
    this.options.logger.info(
      `Seeded a demo governance history: ${steps.length} events for ${agents.length} agents`,
    );
  }

  private story(
    agent: HistoryAgent,
    now: DateTime,
    history: GovernanceHistory,
  ): Step[] {
    const story = STORIES[agent.entityRef] ?? DEFAULT_STORY;
    if (story.untouched) return [];
    const lead: HistoryActor = {
      ref: TEAM_LEADS[agent.ownerRef] ?? agent.sponsorRef ?? APPROVER.ref,
      claims: [agent.ownerRef],
    };
    const ago = (days: number, hour = 10) =>
      now.minus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 });
    const steps: Step[] = [];
    const file = (
      at: DateTime,
      type: RequestType,
      reason: string,
      payload: Parameters<
        ReturnType<GovernanceHistory['at']>['fileRequest']
      >[0]['payload'] = {},
      actor = lead,
    ) =>
      steps.push({
        at,
        run: workflows =>
          workflows.fileRequest(
            { agentRef: agent.entityRef, type, reason, payload },
            actor,
          ),
      });

    if (story.pendingCommissionAgo !== undefined) {
      file(
        ago(story.pendingCommissionAgo),
        'commission',
        'Pilot on the payments repositories before rolling out.',
      );
      return steps;
    }
    if (story.commissionedAgo === undefined) return steps;

    const commissionedAt = ago(story.commissionedAgo);
    file(
      commissionedAt.minus({ days: 2 }),
      'commission',
      `Commission ${agent.title ?? agent.name}: ${
        agent.declaredScope.tools.length
      } tools.`,
    );
    steps.push({
      at: commissionedAt,
      run: async workflows => {
        const [request] = (await history.openRequests(agent.entityRef)).filter(
          r => r.type === 'commission',
        );
        await workflows.decideRequest(
          request.id,
          {
            decision: 'approve',
            reason: 'Scope matches the purpose; owner and sponsor confirmed.',
          },
          APPROVER,
        );
      },
    });

    if (story.withheldTool) {
      const { tool, reducedAgo, requestedAgo } = story.withheldTool;
      const reduced = withoutTools(agent.declaredScope, [tool]);
      file(
        ago(reducedAgo),
        'scope-change',
        `Security review: hold ${tool} until it has a human approval step.`,
        { scope: reduced },
        APPROVER,
      );
      file(
        ago(requestedAgo),
        'scope-change',
        `Re-request ${tool} for automated cleanup of failed preview namespaces.`,
        { scope: agent.declaredScope },
      );
    }

    const cadence = parseReviewCadence(agent.reviewCadence);
    const reviewDates: DateTime[] = [];
    if (story.lastReviewAgo !== undefined) {
      for (
        let at = ago(story.lastReviewAgo, 15);
        at > commissionedAt.plus({ days: 14 });
        at = at.minus(cadence)
      ) {
        reviewDates.unshift(at);
      }
    }
    reviewDates.forEach((completedAt, index) => {
      const last = index === reviewDates.length - 1;
      steps.push(
        ...this.review(
          agent,
          history,
          lead,
          completedAt,
          last ? story.revokeInLastReview ?? [] : [],
        ),
      );
    });

    if (story.openReviewAgo !== undefined) {
      steps.push({
        at: ago(story.openReviewAgo, 6),
        run: workflows => workflows.openReview(agent.entityRef),
      });
    }
    if (story.suspendedAgo !== undefined) {
      file(
        ago(story.suspendedAgo),
        'suspend',
        'Owning group was dissolved; outreach paused until a new owner accepts it.',
        {},
        APPROVER,
      );
    }
    if (story.decommissionedAgo !== undefined) {
      file(
        ago(story.decommissionedAgo),
        'decommission',
        'Batch jobs now report to the observability stack; sunset reached.',
        {
          attestation:
            'Service account token and Slack webhook revoked in the vault; gateway route removed.',
        },
      );
    }
    return steps;
  }

  /** A review opened ten days before it was completed, deciding keep for all but `revoke`. */
  private review(
    agent: HistoryAgent,
    history: GovernanceHistory,
    lead: HistoryActor,
    completedAt: DateTime,
    revoke: string[],
  ): Step[] {
    let reviewId = '';
    return [
      {
        at: completedAt.minus({ days: 10 }).set({ hour: 6 }),
        run: async workflows => {
          reviewId = (await workflows.openReview(agent.entityRef)).id;
        },
      },
      {
        at: completedAt,
        run: async workflows => {
          const current = await history.agent(agent.entityRef);
          const decisions = (current?.approvedScope?.tools ?? []).map(t => ({
            tool: t.name,
            decision: revoke.includes(t.name)
              ? ('revoke' as const)
              : ('keep' as const),
          }));
          await workflows.submitReview(
            reviewId,
            {
              decisions,
              attestation: revoke.length
                ? `Reviewed usage with the team; ${revoke.join(
                    ', ',
                  )} was not used this quarter and is revoked.`
                : 'Reviewed usage with the team; every tool is still needed for the stated purpose.',
            },
            lead,
          );
        },
      },
    ];
  }
}

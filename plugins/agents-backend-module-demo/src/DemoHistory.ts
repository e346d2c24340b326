import { LoggerService } from '@backstage/backend-plugin-api';
import {
  parseReviewCadence,
  withoutTools,
} from '@mandate/plugin-agents-common';
import { DateTime } from 'luxon';
import { AgentRecord } from '../database/AgentsStore';
import { GovernanceDatabase } from '../database/Stores';
import { Actor, Governance } from '../workflows/Governance';
import { Enforcement } from '../enforcement/Enforcement';
import { Notifier } from '../workflows/Notifier';

/** The person who files requests for each team in the demo estate. */
const TEAM_LEADS: Record<string, string> = {
  'group:default/customer-care': 'user:default/dana.lee',
  'group:default/platform': 'user:default/priya.nair',
  'group:default/developer-experience': 'user:default/alex.kim',
  'group:default/data-science': 'user:default/maria.garcia',
  'group:default/finance-ops': 'user:default/ravi.patel',
  'group:default/security': 'user:default/nina.kowalski',
};
const APPROVER: Actor = {
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

type Step = { at: DateTime; run: () => Promise<unknown> };

/**
 * Seeds a plausible governance history for the example estate, through the real workflows
 * with a simulated clock, so that every state shows up on a fresh start. Demo only:
 * enabled by `agents.demo.seedHistory`.
 */
export class DemoHistory {
  constructor(
    private readonly options: {
      db: GovernanceDatabase;
      enforcement: Enforcement;
      logger: LoggerService;
      securityGroupRef: string;
      reviewZone: string;
      clock: () => Date;
    },
  ) {}

  /** Seeds once, on a database where nothing was ever commissioned. Returns whether it seeded. */
  async seedIfEmpty(): Promise<boolean> {
    const { db } = this.options;
    if (await db.knex('requests').where({ type: 'commission' }).first())
      return false;
    const agents = await db.stores.agents.all();
    if (agents.length === 0) return false;

    const now = DateTime.fromJSDate(this.options.clock(), { zone: 'utc' });
    let simulated: DateTime = now;
    const governance = new Governance({
      db,
      enforcement: this.options.enforcement,
      notifier: new Notifier(undefined, this.options.logger),
      logger: this.options.logger,
      clock: () => simulated.toJSDate(),
      securityGroupRef: this.options.securityGroupRef,
      reviewZone: this.options.reviewZone,
    });
    const steps = agents.flatMap(agent => this.story(agent, now, governance));
    steps.sort((a, b) => a.at.toMillis() - b.at.toMillis());
    for (const step of steps) {
      simulated = step.at;
      await step.run();
    }
    this.options.logger.info(
      `Seeded a demo governance history: ${steps.length} events for ${agents.length} agents`,
    );
    return true;
  }

  private story(
    agent: AgentRecord,
    now: DateTime,
    governance: Governance,
  ): Step[] {
    const story = STORIES[agent.entityRef] ?? DEFAULT_STORY;
    if (story.untouched) return [];
    const lead: Actor = {
      ref: TEAM_LEADS[agent.ownerRef] ?? agent.sponsorRef ?? APPROVER.ref,
      claims: [agent.ownerRef],
    };
    const ago = (days: number, hour = 10) =>
      now.minus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 });
    const steps: Step[] = [];
    const file = (
      at: DateTime,
      type: any,
      reason: string,
      payload: any = {},
      actor = lead,
    ) =>
      steps.push({
        at,
        run: () =>
          governance.fileRequest(
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
      run: async () => {
        const [request] = (
          await this.options.db.stores.requests.openFor(agent.entityRef)
        ).filter(r => r.type === 'commission');
        await governance.decide(
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
          governance,
          lead,
          completedAt,
          last ? story.revokeInLastReview ?? [] : [],
        ),
      );
    });

    if (story.openReviewAgo !== undefined) {
      const openedAt = ago(story.openReviewAgo, 6);
      steps.push({
        at: openedAt,
        run: () => this.openReview(agent, governance),
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
    agent: AgentRecord,
    governance: Governance,
    lead: Actor,
    completedAt: DateTime,
    revoke: string[],
  ): Step[] {
    const openedAt = completedAt.minus({ days: 10 }).set({ hour: 6 });
    let reviewId = '';
    return [
      {
        at: openedAt,
        run: async () => {
          reviewId = await this.openReview(agent, governance);
        },
      },
      {
        at: completedAt,
        run: async () => {
          const current = (await this.options.db.stores.agents.get(
            agent.entityRef,
          ))!;
          const approved = await this.options.db.stores.agents.approvedScope(
            current.entityRef,
            current.approvedVersion,
          );
          const decisions = (approved?.tools ?? []).map(t => ({
            tool: t.name,
            decision: revoke.includes(t.name)
              ? ('revoke' as const)
              : ('keep' as const),
          }));
          await governance.submitReview(
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

  /** Opens the agent's review at the simulated time of the step that calls it. */
  private async openReview(
    agent: AgentRecord,
    governance: Governance,
  ): Promise<string> {
    const current = (await this.options.db.stores.agents.get(agent.entityRef))!;
    return (await governance.openReview(current, current.nextReviewDueAt!)).id;
  }
}

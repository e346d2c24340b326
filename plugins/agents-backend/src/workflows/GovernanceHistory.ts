import { LoggerService } from '@backstage/backend-plugin-api';
import {
  GovernanceHistory,
  GovernanceHistoryImporter,
  HistoryAgent,
} from '@mandate/plugin-agents-node';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { AgentRecord } from '../domain/agentRecord';
import { Enforcement } from '../enforcement/Enforcement';
import { Governance, GovernanceOptions } from './Governance';
import { Notifier } from './Notifier';

/**
 * The workflows for importers of past history: each call runs the real workflow with its
 * clock set to the importer's time, and notifies no one.
 */
export class ImportableHistory implements GovernanceHistory {
  constructor(
    private readonly options: Omit<GovernanceOptions, 'clock' | 'notifier'> & {
      db: AgentsDatabase;
      enforcement: Enforcement;
      logger: LoggerService;
    },
  ) {}

  async isEmpty() {
    return !(await this.options.db.stores.requests.anyOfType('commission'));
  }

  async agents() {
    const records = await this.options.db.stores.agents.all();
    return Promise.all(records.map(record => this.toHistoryAgent(record)));
  }

  async agent(entityRef: string) {
    const record = await this.options.db.stores.agents.get(entityRef);
    return record ? this.toHistoryAgent(record) : undefined;
  }

  openRequests(entityRef: string) {
    return this.options.db.stores.requests.openFor(entityRef);
  }

  at(time: Date) {
    const governance = new Governance({
      ...this.options,
      notifier: new Notifier(undefined, this.options.logger),
      clock: () => time,
    });
    return {
      fileRequest: async (request, actor) =>
        (
          await governance.fileRequest(
            { ...request, payload: request.payload ?? {} },
            actor,
          )
        ).request,
      decideRequest: (id, decision, actor) =>
        governance.decide(id, decision, actor),
      openReview: async agentRef => {
        const agent = await this.options.db.stores.agents.get(agentRef);
        if (!agent?.nextReviewDueAt) {
          throw new Error(`${agentRef} has no review due; commission it first`);
        }
        return governance.openReview(agent, agent.nextReviewDueAt);
      },
      submitReview: (id, submission, actor) =>
        governance.submitReview(id, submission, actor),
    } satisfies ReturnType<GovernanceHistory['at']>;
  }

  private async toHistoryAgent(record: AgentRecord): Promise<HistoryAgent> {
    const approved = await this.options.db.stores.agents.approvedScope(
      record.entityRef,
      record.approvedVersion,
    );
    return {
      entityRef: record.entityRef,
      name: record.name,
      title: record.title,
      ownerRef: record.ownerRef,
      sponsorRef: record.sponsorRef,
      state: record.state,
      reviewCadence: record.reviewCadence,
      declaredScope: record.declaredScope,
      approvedScope: approved,
      nextReviewDueAt: record.nextReviewDueAt,
    };
  }
}

/**
 * Runs the importers waiting in `pending` and removes them from it, so each runs once per
 * process; one that fails is logged and tried again at the next start.
 */
export async function runHistoryImporters(
  pending: GovernanceHistoryImporter[],
  history: GovernanceHistory,
  logger: LoggerService,
) {
  for (const importer of pending.splice(0)) {
    try {
      await importer.importHistory(history);
    } catch (error) {
      logger.error(`History importer ${importer.id} failed: ${error}`);
    }
  }
}

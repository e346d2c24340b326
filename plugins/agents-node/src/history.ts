import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  AgentScope,
  AgentState,
  ApprovedScope,
  GovernanceRequest,
  RequestType,
  ScopeReview,
} from '@mandate/plugin-agents-common';

/** Who acts in an imported history: a user with the groups they belong to. @public */
export interface HistoryActor {
  ref: string;
  /** The actor's ownership refs: their user ref and groups. */
  claims: string[];
}

/** An agent as it stands now, as an importer sees it. @public */
export interface HistoryAgent {
  entityRef: string;
  name: string;
  title?: string;
  ownerRef: string;
  sponsorRef?: string;
  state: AgentState;
  reviewCadence: string;
  declaredScope: AgentScope;
  approvedScope?: ApprovedScope;
  nextReviewDueAt?: string;
}

/**
 * Mandate's workflows with the time of each record set by the importer: what happened
 * before Mandate was installed (a migration from another inventory, or the demo's history)
 * is recorded through the same rules and audit trail as today's work, without notifying
 * anyone.
 * @public
 */
export interface HistoryWorkflows {
  fileRequest(
    request: {
      agentRef: string;
      type: RequestType;
      reason: string;
      payload?: {
        scope?: AgentScope;
        newOwner?: string;
        attestation?: string;
      };
    },
    actor: HistoryActor,
  ): Promise<GovernanceRequest>;
  decideRequest(
    requestId: string,
    decision: {
      decision: 'approve' | 'reject';
      reason: string;
      newOwner?: string;
    },
    actor: HistoryActor,
  ): Promise<GovernanceRequest>;
  /** Opens the agent's next scope review, as the review scheduler would have. */
  openReview(agentRef: string): Promise<ScopeReview>;
  submitReview(
    reviewId: string,
    submission: {
      decisions: Array<{ tool: string; decision: 'keep' | 'revoke' }>;
      attestation: string;
    },
    actor: HistoryActor,
  ): Promise<ScopeReview>;
}

/** What an importer is given. @public */
export interface GovernanceHistory {
  /** True until the first commission is filed: importers only write to a fresh database. */
  isEmpty(): Promise<boolean>;
  /** Every agent Mandate knows, as it stands now. */
  agents(): Promise<HistoryAgent[]>;
  agent(entityRef: string): Promise<HistoryAgent | undefined>;
  /** Requests of the agent that wait for a decision. */
  openRequests(entityRef: string): Promise<GovernanceRequest[]>;
  /** The workflows, recording `time` as the moment of everything they do. */
  at(time: Date): HistoryWorkflows;
}

/**
 * Imports governance history once the catalog has been read and the agents are known.
 * @public
 */
export interface GovernanceHistoryImporter {
  /** A short stable id, for logs. */
  readonly id: string;
  importHistory(history: GovernanceHistory): Promise<void>;
}

/** Extension point of the `agents` backend plugin for history importers. @public */
export interface AgentsHistoryExtensionPoint {
  addImporter(importer: GovernanceHistoryImporter): void;
}

/**
 * Where backend modules register importers of past governance history.
 * @public
 */
export const agentsHistoryExtensionPoint =
  createExtensionPoint<AgentsHistoryExtensionPoint>({
    id: 'agents.history',
  });

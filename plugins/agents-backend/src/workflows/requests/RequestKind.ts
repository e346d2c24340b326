import { GovernanceRequest } from '@mandate/plugin-agents-common';
import { Stores } from '../../database/AgentsDatabase';
import { AgentRecord } from '../../domain/agentRecord';
import { WorkflowKit } from '../WorkflowKit';
import { Actor, Decision, NewRequest, Outbox } from '../types';

/** What a step of a request is given, inside the transaction of the request. */
interface Step {
  s: Stores;
  kit: WorkflowKit;
  request: GovernanceRequest;
  agent: AgentRecord;
  actor: Actor;
  /** Notifications to send once the transaction commits. */
  outbox: Outbox;
}

export interface FilingStep extends Step {
  input: NewRequest;
}

export interface ApplyingStep extends Step {
  now: string;
  /** Saves the agent with these changes. */
  save(changes: Partial<AgentRecord>): Promise<void>;
}

/**
 * One type of request, whole: what filing it checks and records, and what applying it
 * changes. Transitions between states are checked before `file` (domain/lifecycleRules).
 */
export interface RequestKind {
  /**
   * Runs before the agent is looked up: a commission may bring its Agent entity, and
   * registers the agent from it.
   */
  prepare?(
    s: Stores,
    kit: WorkflowKit,
    input: NewRequest,
    agent: AgentRecord | undefined,
  ): Promise<AgentRecord | undefined>;
  /**
   * Checks the input and fills the request: its payload, who decides (`assigneeRef`), or
   * status `applied` when it needs no decision.
   */
  file(step: FilingStep): Promise<void>;
  /** Completes the request from an approval (owner transfers of orphans name the owner here). */
  approve?(request: GovernanceRequest, decision: Decision): void;
  /** Carries out the request once approved, or at once when it needs no decision. */
  apply(step: ApplyingStep): Promise<void>;
}

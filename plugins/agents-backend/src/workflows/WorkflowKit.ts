import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AgentScope,
  ApprovedScope,
  GovernanceRequest,
  diffScopes,
  highestAccess,
  nextReviewDue,
} from '@mandate/plugin-agents-common';
import { AgentsDatabase, Stores } from '../database/AgentsDatabase';
import { AuditEntry } from '../database/AuditLog';
import { AgentRecord } from '../domain/agentRecord';
import { Enforcement, NO_PROVIDER_NOTE } from '../enforcement/Enforcement';
import { Notifier } from './Notifier';
import { Actor, Outbox } from './types';

export interface WorkflowOptions {
  db: AgentsDatabase;
  enforcement: Enforcement;
  notifier: Notifier;
  logger: LoggerService;
  clock: () => Date;
  securityGroupRef: string;
  reviewZone: string;
}

/**
 * The steps every workflow shares: the clock, review due dates, the audit trail (every
 * record is appended here, inside the transaction of the change it records), approving a
 * scope, and delivering notifications once a transaction committed.
 */
export class WorkflowKit {
  constructor(readonly options: WorkflowOptions) {}

  get db() {
    return this.options.db;
  }

  get enforcement() {
    return this.options.enforcement;
  }

  get securityGroupRef() {
    return this.options.securityGroupRef;
  }

  now(): string {
    return this.options.clock().toISOString();
  }

  /** When a review falls due, counted in the configured review time zone. */
  reviewDue(since: string, cadence: string): string {
    return nextReviewDue(since, cadence, { zone: this.options.reviewZone });
  }

  async audit(s: Stores, entry: AuditEntry): Promise<void> {
    await s.audit.append(entry, this.now());
  }

  async auditMany(s: Stores, entries: AuditEntry[]): Promise<void> {
    await s.audit.appendMany(entries, this.now());
  }

  async deliver(outbox: Outbox): Promise<void> {
    for (const { to, notification } of outbox) {
      await this.options.notifier.send(to, notification);
    }
  }

  /** What the enforcement layer answered to a containment, for the audit record. */
  containmentRecord(outcomes: Awaited<ReturnType<Enforcement['suspend']>>) {
    return outcomes.length > 0 ? { outcomes } : { note: NO_PROVIDER_NOTE };
  }

  /** Makes `scope` the agent's next approved version, with its audit record. */
  async approveScope(
    s: Stores,
    agent: AgentRecord,
    scope: AgentScope,
    actor: Actor,
    request: GovernanceRequest | undefined,
    how: string,
  ): Promise<number> {
    const version = agent.approvedVersion + 1;
    const approved: ApprovedScope = {
      ...scope,
      version,
      approvedAt: this.now(),
      approvedBy: actor.ref,
      ...(request ? { requestId: request.id, reason: request.reason } : {}),
    };
    await s.agents.addApprovedScope(agent.entityRef, approved);
    const previous = await s.agents.approvedScope(
      agent.entityRef,
      agent.approvedVersion,
    );
    await this.audit(s, {
      agentRef: agent.entityRef,
      actorRef: actor.ref,
      action: `scope.${how}`,
      data: {
        version,
        changes: diffScopes(previous ?? { dataClasses: [], tools: [] }, scope),
        highestAccess: highestAccess(scope.tools) ?? null,
        ...(request ? { requestId: request.id } : {}),
      },
    });
    return version;
  }
}

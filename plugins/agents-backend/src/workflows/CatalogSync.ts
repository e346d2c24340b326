import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AgentEntityV1alpha1,
  isAgentEntity,
  validateAgentEntity,
} from '@mandate/plugin-agents-common';
import { randomUUID } from 'node:crypto';
import { AgentRecord } from '../domain/agentRecord';
import { fingerprintOf } from '../database/FindingsStore';
import { AgentsDatabase, Stores } from '../database/AgentsDatabase';
import { Governance, SYSTEM_ACTORS } from './Governance';
import { SecurityGroupWatch } from './SecurityGroupWatch';
import { declaredFields, newAgentRecord } from '../domain/agentRecord';

/**
 * Findings about who owns an agent. A stale catalog-info.yaml resolves once it is fixed;
 * a change of owner the catalog made stays open until security resolves it.
 */
type OwnerFinding = 'owner-disagreement' | 'catalog-owner-stale';

const actorRef = SYSTEM_ACTORS.catalogSync;

/**
 * Keeps Mandate's records in step with the catalog: new agents become `proposed` with a
 * finding (never silently active), YAML changes refresh the declared scope, and agents
 * whose owner or sponsor no longer resolves are flagged and handed to security. It also
 * warns when the security group itself is not in the catalog.
 */
export class CatalogSync {
  private readonly securityGroup: SecurityGroupWatch;

  constructor(
    private readonly options: {
      db: AgentsDatabase;
      catalog: CatalogService;
      auth: AuthService;
      governance: Governance;
      logger: LoggerService;
      clock: () => Date;
      securityGroupRef: string;
    },
  ) {
    this.securityGroup = new SecurityGroupWatch(options);
  }

  async run(): Promise<{
    agents: number;
    discovered: number;
    orphaned: number;
  }> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const [{ items: entities }, { items: principals }] = await Promise.all([
      catalog.getEntities({ filter: { kind: 'Agent' } }, { credentials }),
      catalog.getEntities(
        {
          filter: [{ kind: 'User' }, { kind: 'Group' }],
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      ),
    ]);
    const known = new Set(principals.map(p => stringifyEntityRef(p)));
    this.securityGroup.observe(known);
    const agents = entities.filter(
      (e): e is AgentEntityV1alpha1 =>
        isAgentEntity(e) && validateAgentEntity(e).length === 0,
    );
    const now = this.options.clock().toISOString();

    let discovered = 0;
    const inCatalog = new Set<string>();
    const staleOwners: string[] = [];
    for (const entity of agents) {
      const ref = stringifyEntityRef(entity);
      inCatalog.add(ref);
      const { isNew, ownerFinding } = await this.options.db.transaction(s =>
        this.upsert(s, entity, now),
      );
      if (isNew) discovered += 1;
      if (ownerFinding === 'catalog-owner-stale') {
        staleOwners.push(fingerprintOf({ type: ownerFinding, subject: ref }));
      }
    }
    await this.options.db.stores.findings.resolveUnreported(
      'catalog-owner-stale',
      staleOwners,
      now,
    );

    const orphans: string[] = [];
    for (const agent of await this.options.db.stores.agents.all()) {
      if (agent.inCatalog && !inCatalog.has(agent.entityRef)) {
        await this.options.db.transaction(async s => {
          await s.agents.update({ ...agent, inCatalog: false, updatedAt: now });
          await this.options.governance.audit(s, {
            agentRef: agent.entityRef,
            actorRef,
            action: 'agent.left-catalog',
            data: { state: agent.state },
          });
        });
      }
      if (agent.state === 'retired') continue;
      const missing = [agent.ownerRef, agent.sponsorRef].filter(
        (ref): ref is string => !!ref && !known.has(ref),
      );
      if (missing.length > 0) {
        orphans.push(agent.entityRef);
        await this.options.db.transaction(s =>
          this.flagOrphan(s, agent, missing, now),
        );
      }
    }
    await this.options.db.stores.findings.resolveUnreported(
      'orphaned',
      orphans.map(subject => fingerprintOf({ type: 'orphaned', subject })),
      now,
    );
    return { agents: agents.length, discovered, orphaned: orphans.length };
  }

  /** Whether the agent was new to Mandate, and the finding its ownership raised. */
  private async upsert(
    s: Stores,
    entity: AgentEntityV1alpha1,
    now: string,
  ): Promise<{ isNew: boolean; ownerFinding?: OwnerFinding }> {
    const existing = await s.agents.getForUpdate(stringifyEntityRef(entity));
    if (!existing) {
      const agent = newAgentRecord(entity, now, true);
      await s.agents.insert(agent);
      await this.options.governance.audit(s, {
        agentRef: agent.entityRef,
        actorRef,
        action: 'agent.discovered',
        data: { ownerRef: agent.ownerRef },
      });
      await this.reportUncommissioned(s, agent, now);
      return { isNew: true };
    }
    const declared = declaredFields(entity);
    const owner = await this.ownerFollowingCatalog(s, existing, declared, now);
    const updated: AgentRecord = {
      ...existing,
      ...declared,
      ownerRef: owner.ownerRef,
      inCatalog: true,
      updatedAt: now,
    };
    if (
      existing.state === 'active' &&
      declared.reviewCadence !== existing.reviewCadence
    ) {
      const since =
        existing.lastReviewCompletedAt ?? existing.commissionedAt ?? now;
      updated.nextReviewDueAt = this.options.governance.reviewDue(
        since,
        declared.reviewCadence,
      );
    }
    if (
      JSON.stringify(updated) !==
      JSON.stringify({ ...existing, updatedAt: now })
    ) {
      await s.agents.update(updated);
    }
    if (existing.state === 'proposed')
      await this.reportUncommissioned(s, existing, now);
    return { isNew: false, ownerFinding: owner.finding };
  }

  /**
   * Ownership follows the catalog. When the catalog names another owner than Mandate's
   * record and no owner transfer explains it, the record takes the catalog's owner (so
   * whoever registered a name first keeps nothing the catalog gives to someone else) and
   * security gets a finding. A transfer Mandate applied that the catalog does not show yet
   * keeps the record, with a finding that catalog-info.yaml is behind.
   */
  private async ownerFollowingCatalog(
    s: Stores,
    existing: AgentRecord,
    declared: { declaredOwnerRef: string },
    now: string,
  ): Promise<{ ownerRef: string; finding?: OwnerFinding }> {
    const catalogOwner = declared.declaredOwnerRef;
    const ref = existing.entityRef;
    if (catalogOwner === existing.ownerRef) return { ownerRef: catalogOwner };
    const transfer = await s.requests.lastApplied(ref, 'owner-transfer');
    if (
      transfer?.payload.newOwner === existing.ownerRef &&
      transfer.payload.previousOwner === catalogOwner
    ) {
      await s.findings.report(
        {
          agentRef: ref,
          subject: ref,
          type: 'catalog-owner-stale',
          severity: 'medium',
          message: `${ref} was transferred to ${existing.ownerRef} (request ${transfer.id}), but its catalog-info.yaml still names ${catalogOwner}; update spec.owner`,
          evidence: {
            ownerRef: existing.ownerRef,
            catalogOwnerRef: catalogOwner,
            requestId: transfer.id,
          },
        },
        now,
      );
      return { ownerRef: existing.ownerRef, finding: 'catalog-owner-stale' };
    }
    await s.findings.report(
      {
        agentRef: ref,
        subject: ref,
        type: 'owner-disagreement',
        severity: 'high',
        message: `The catalog names ${catalogOwner} as the owner of ${ref}, but Mandate's record named ${existing.ownerRef}, with no owner transfer; ownership now follows the catalog. If ${catalogOwner} should not own it, fix catalog-info.yaml (and suspend the agent meanwhile)`,
        evidence: { from: existing.ownerRef, to: catalogOwner },
      },
      now,
    );
    await this.options.governance.audit(s, {
      agentRef: ref,
      actorRef,
      action: 'owner.followed-catalog',
      data: { from: existing.ownerRef, to: catalogOwner },
    });
    return { ownerRef: catalogOwner, finding: 'owner-disagreement' };
  }

  private async reportUncommissioned(
    s: Stores,
    agent: AgentRecord,
    now: string,
  ) {
    const open = await s.requests.openFor(agent.entityRef);
    if (open.some(r => r.type === 'commission')) return;
    await s.findings.report(
      {
        agentRef: agent.entityRef,
        subject: agent.entityRef,
        type: 'uncommissioned',
        severity: 'medium',
        message: `${agent.entityRef} is in the catalog without a commission record; it stays proposed until a commission is approved`,
        evidence: { ownerRef: agent.ownerRef, identityId: agent.identityId },
      },
      now,
    );
  }

  private async flagOrphan(
    s: Stores,
    agent: AgentRecord,
    missing: string[],
    now: string,
  ) {
    const { created } = await s.findings.report(
      {
        agentRef: agent.entityRef,
        subject: agent.entityRef,
        type: 'orphaned',
        severity: 'high',
        message: `${missing.join(' and ')} no longer ${
          missing.length > 1 ? 'resolve' : 'resolves'
        } in the catalog; nobody answers for ${agent.entityRef}`,
        evidence: {
          missing,
          ownerRef: agent.ownerRef,
          sponsorRef: agent.sponsorRef ?? null,
        },
      },
      now,
    );
    const open = await s.requests.openFor(agent.entityRef);
    if (open.some(r => r.type === 'owner-transfer')) return;
    const id = randomUUID();
    await s.requests.insert({
      id,
      agentRef: agent.entityRef,
      type: 'owner-transfer',
      status: 'pending',
      requesterRef: actorRef,
      assigneeRef: this.options.securityGroupRef,
      reason: `Orphaned: ${missing.join(
        ', ',
      )} no longer resolve in the catalog; security assigns a new owner`,
      payload: { previousOwner: agent.ownerRef, missing },
      createdAt: now,
    });
    await this.options.governance.audit(s, {
      agentRef: agent.entityRef,
      actorRef,
      action: 'request.filed',
      data: {
        requestId: id,
        type: 'owner-transfer',
        reason: 'orphaned',
        missing,
        newFinding: created,
      },
    });
  }
}

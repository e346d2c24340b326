import { Knex } from 'knex';
import { IdentityClaimant } from '../domain/identityClaims';
import {
  AgentMaturity,
  AgentProfile,
  AgentScope,
  AgentState,
  ApprovedScope,
  ModelTier,
  ToolAccess,
} from '@mandate/plugin-agents-common';
import { AgentRecord } from '../domain/agentRecord';
import { compact, fromJson, toJson } from './json';
import { chunks } from './telemetryRows';

type AgentRow = {
  entity_ref: string;
  namespace: string;
  name: string;
  title: string | null;
  owner_ref: string;
  declared_owner_ref: string;
  sponsor_ref: string | null;
  identity_id: string;
  model_tier: string | null;
  highest_access: string | null;
  data_classes: string;
  review_cadence: string;
  declared_scope: string;
  profile?: string | null;
  state: string;
  in_catalog: boolean | number;
  commissioned_at: string | null;
  state_changed_at: string;
  last_review_completed_at: string | null;
  next_review_due_at: string | null;
  approved_version: number;
  created_at: string;
  updated_at: string;
  maturity_score?: number | null;
  maturity?: string | null;
  last_activity_at?: string | null;
};

export function agentFromRow(row: AgentRow): AgentRecord {
  return compact({
    entityRef: row.entity_ref,
    namespace: row.namespace,
    name: row.name,
    title: row.title ?? undefined,
    ownerRef: row.owner_ref,
    declaredOwnerRef: row.declared_owner_ref,
    sponsorRef: row.sponsor_ref ?? undefined,
    identityId: row.identity_id,
    modelTier: (row.model_tier ?? undefined) as ModelTier | undefined,
    highestAccess: (row.highest_access ?? undefined) as ToolAccess | undefined,
    dataClasses: fromJson<string[]>(row.data_classes, []),
    reviewCadence: row.review_cadence,
    declaredScope: fromJson<AgentScope>(row.declared_scope, {
      dataClasses: [],
      tools: [],
    }),
    profile: fromJson<AgentProfile | undefined>(row.profile, undefined),
    state: row.state as AgentState,
    inCatalog: Boolean(row.in_catalog),
    commissionedAt: row.commissioned_at ?? undefined,
    stateChangedAt: row.state_changed_at,
    lastReviewCompletedAt: row.last_review_completed_at ?? undefined,
    nextReviewDueAt: row.next_review_due_at ?? undefined,
    approvedVersion: Number(row.approved_version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    maturityScore: row.maturity_score ?? undefined,
    maturity: fromJson<AgentMaturity | undefined>(row.maturity, undefined),
    lastActivityAt: row.last_activity_at ?? undefined,
  });
}

/**
 * The columns the workflows write. The checklist and last activity are left out: they are
 * written only by {@link AgentsStore.recordMaturity} and {@link AgentsStore.markActivity}, so
 * a workflow saving a record it read earlier never undoes them.
 */
function agentToRow(
  agent: AgentRecord,
): Omit<AgentRow, 'maturity_score' | 'maturity' | 'last_activity_at'> {
  return {
    entity_ref: agent.entityRef,
    namespace: agent.namespace,
    name: agent.name,
    title: agent.title ?? null,
    owner_ref: agent.ownerRef,
    declared_owner_ref: agent.declaredOwnerRef,
    sponsor_ref: agent.sponsorRef ?? null,
    identity_id: agent.identityId,
    model_tier: agent.modelTier ?? null,
    highest_access: agent.highestAccess ?? null,
    data_classes: toJson(agent.dataClasses),
    review_cadence: agent.reviewCadence,
    declared_scope: toJson(agent.declaredScope),
    profile: agent.profile ? toJson(agent.profile) : null,
    state: agent.state,
    in_catalog: agent.inCatalog,
    commissioned_at: agent.commissionedAt ?? null,
    state_changed_at: agent.stateChangedAt,
    last_review_completed_at: agent.lastReviewCompletedAt ?? null,
    next_review_due_at: agent.nextReviewDueAt ?? null,
    approved_version: agent.approvedVersion,
    created_at: agent.createdAt,
    updated_at: agent.updatedAt,
  };
}

/**
 * What the estate search matches: name, title and identity, lowercased, one per line (so
 * that a search does not match across two of them). Kept in agent_search.
 */
export const searchText = (agent: {
  name: string;
  title?: string;
  identityId: string;
}) =>
  [agent.name, agent.title ?? '', agent.identityId]
    .join('\n')
    .toLocaleLowerCase('en-US');

/** Agents and their approved scope versions. */
export class AgentsStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async get(entityRef: string): Promise<AgentRecord | undefined> {
    const row = await this.db<AgentRow>('agents')
      .where({ entity_ref: entityRef })
      .first();
    return row ? agentFromRow(row) : undefined;
  }

  /** Reads and locks the row for the rest of the transaction (PostgreSQL). */
  async getForUpdate(entityRef: string): Promise<AgentRecord | undefined> {
    const row = await this.db<AgentRow>('agents')
      .where({ entity_ref: entityRef })
      .forUpdate()
      .first();
    return row ? agentFromRow(row) : undefined;
  }

  /** The agents that share this agent's identity or name (itself included). */
  async claimantsOf(agent: {
    identityId: string;
    name: string;
  }): Promise<IdentityClaimant[]> {
    const rows = await this.db<AgentRow>('agents')
      .where('identity_id', agent.identityId)
      .orWhere('name', agent.name)
      .select('entity_ref', 'identity_id', 'name', 'state', 'commissioned_at');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      identityId: row.identity_id,
      name: row.name,
      state: row.state as AgentState,
      commissionedAt: row.commissioned_at ?? undefined,
    }));
  }

  async all(): Promise<AgentRecord[]> {
    const rows = await this.db<AgentRow>('agents').select();
    return rows.map(agentFromRow);
  }

  /**
   * Active agents whose next review falls due by `dueBy`, soonest first: what the review
   * scheduler looks at (the agents_review_due_idx index reads only these).
   */
  async activeWithReviewDueBy(dueBy: string): Promise<AgentRecord[]> {
    const rows = await this.db<AgentRow>('agents')
      .where('next_review_due_at', '<=', dueBy)
      .where('state', 'active')
      .orderBy('next_review_due_at', 'asc')
      .orderBy('entity_ref', 'asc');
    return rows.map(agentFromRow);
  }

  async insert(agent: AgentRecord): Promise<void> {
    await this.db('agents').insert(agentToRow(agent));
    await this.writeDataClasses(agent);
    await this.db('agent_search').insert({
      agent_ref: agent.entityRef,
      text: searchText(agent),
    });
  }

  async update(agent: AgentRecord): Promise<void> {
    const { entity_ref, ...rest } = agentToRow(agent);
    await this.db('agents').where({ entity_ref }).update(rest);
    await this.db('agent_data_classes').where({ agent_ref: entity_ref }).del();
    await this.writeDataClasses(agent);
    await this.db('agent_search')
      .where({ agent_ref: entity_ref })
      .update({ text: searchText(agent) });
  }

  /** The agent's rows in agent_data_classes, which the estate counts and filters by. */
  private async writeDataClasses(agent: AgentRecord): Promise<void> {
    const dataClasses = [...new Set(agent.dataClasses)];
    if (dataClasses.length === 0) return;
    await this.db('agent_data_classes').insert(
      dataClasses.map(dataClass => ({
        agent_ref: agent.entityRef,
        data_class: dataClass,
        owner_ref: agent.ownerRef,
        state: agent.state,
      })),
    );
  }

  /** Stores the production checklist the analysis evaluated. */
  async recordMaturity(entityRef: string, maturity: AgentMaturity) {
    await this.db('agents')
      .where({ entity_ref: entityRef })
      .update({ maturity_score: maturity.score, maturity: toJson(maturity) });
  }

  /**
   * Moves `last_activity_at` forward for the agents that hold these identity keys (an
   * identity, or `name:<agent name>`), never back.
   */
  async markActivity(lastByIdentityKey: Map<string, string>) {
    const ids: string[] = [];
    const names: string[] = [];
    for (const key of lastByIdentityKey.keys()) {
      if (key.startsWith('name:')) names.push(key.slice('name:'.length));
      else ids.push(key);
    }
    // One read for the whole batch; only agents whose last activity moves are written.
    const agents: Array<{
      entity_ref: string;
      identity_id: string;
      name: string;
      last_activity_at: string | null;
    }> = [];
    for (const chunk of chunks([...ids, ...names], 500)) {
      agents.push(
        ...(await this.db('agents')
          .whereIn('identity_id', chunk)
          .orWhereIn('name', chunk)
          .select('entity_ref', 'identity_id', 'name', 'last_activity_at')),
      );
    }
    const moved = new Map<string, string>();
    for (const agent of agents) {
      const last = [
        lastByIdentityKey.get(agent.identity_id),
        lastByIdentityKey.get(`name:${agent.name}`),
      ]
        .filter((t): t is string => Boolean(t))
        .sort()
        .pop();
      if (last && (!agent.last_activity_at || agent.last_activity_at < last)) {
        moved.set(agent.entity_ref, last);
      }
    }
    // In order, so that two deliveries moving the same agents cannot deadlock.
    for (const [entityRef, last] of [...moved].sort()) {
      await this.db('agents')
        .where({ entity_ref: entityRef })
        .andWhere(q =>
          q
            .whereNull('last_activity_at')
            .orWhere('last_activity_at', '<', last),
        )
        .update({ last_activity_at: last });
    }
  }

  /** The other agents that claim this identity. */
  async sharingIdentity(agent: AgentRecord): Promise<string[]> {
    return this.db('agents')
      .where({ identity_id: agent.identityId })
      .whereNot({ entity_ref: agent.entityRef })
      .pluck('entity_ref');
  }

  /**
   * Every agent past `proposed` with its approved scope (active ones only), for the policy
   * bundle: two queries however large the estate.
   */
  async withApprovedScopes(
    visibleOwners: string[] | undefined,
  ): Promise<Array<{ agent: AgentRecord; approved?: ApprovedScope }>> {
    const owned = (query: Knex.QueryBuilder) =>
      visibleOwners ? query.whereIn('a.owner_ref', visibleOwners) : query;
    const [agentRows, scopeRows] = await Promise.all([
      owned(this.db('agents as a').whereNot('a.state', 'proposed')).select(
        'a.*',
      ),
      owned(
        this.db('approved_scopes as s')
          .join('agents as a', join =>
            join
              .on('a.entity_ref', 's.agent_ref')
              .andOn('a.approved_version', 's.version'),
          )
          .where('a.state', 'active'),
      ).select('s.*'),
    ]);
    const scopes = new Map<string, ApprovedScope>(
      scopeRows.map((row: any) => [row.agent_ref, scopeFromRow(row)]),
    );
    return agentRows.map((row: AgentRow) => {
      const agent = agentFromRow(row);
      return { agent, approved: scopes.get(agent.entityRef) };
    });
  }

  async addApprovedScope(
    agentRef: string,
    scope: ApprovedScope,
  ): Promise<void> {
    await this.db('approved_scopes').insert({
      agent_ref: agentRef,
      version: scope.version,
      scope: toJson({ dataClasses: scope.dataClasses, tools: scope.tools }),
      approved_at: scope.approvedAt,
      approved_by: scope.approvedBy,
      request_id: scope.requestId ?? null,
      reason: scope.reason ?? null,
    });
  }

  async approvedScopes(agentRef: string): Promise<ApprovedScope[]> {
    const rows = await this.db('approved_scopes')
      .where({ agent_ref: agentRef })
      .orderBy('version', 'desc');
    return rows.map(scopeFromRow);
  }

  async approvedScope(
    agentRef: string,
    version: number,
  ): Promise<ApprovedScope | undefined> {
    const row = await this.db('approved_scopes')
      .where({ agent_ref: agentRef, version })
      .first();
    return row ? scopeFromRow(row) : undefined;
  }
}

function scopeFromRow(row: any): ApprovedScope {
  return compact({
    ...fromJson<AgentScope>(row.scope, { dataClasses: [], tools: [] }),
    version: Number(row.version),
    approvedAt: row.approved_at,
    approvedBy: row.approved_by,
    requestId: row.request_id ?? undefined,
    reason: row.reason ?? undefined,
  });
}

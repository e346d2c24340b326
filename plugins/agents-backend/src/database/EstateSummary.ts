import { Knex } from 'knex';
import { AgentState, EstateSummary } from '@mandate/plugin-agents-common';
import { REVIEWED_STATES } from './AgentList';
import { fromJson } from './json';
import { ownedAgents } from './RequestsStore';

/** Counts for the estate view's tiles, over the agents the caller may see. */
export async function estateSummary(
  db: Knex,
  visibleOwners: string[] | undefined,
  now: Date,
): Promise<EstateSummary> {
  const agents = db('agents').where(builder => {
    if (visibleOwners) builder.whereIn('owner_ref', visibleOwners);
  });
  const byStateRows = await agents
    .clone()
    .select('state')
    .count({ count: '*' })
    .groupBy('state');
  const byState = Object.fromEntries(
    byStateRows.map((r: any) => [r.state, Number(r.count)]),
  ) as Partial<Record<AgentState, number>>;
  const [{ count: overdue }] = await agents
    .clone()
    .whereIn('state', REVIEWED_STATES)
    .where('next_review_due_at', '<', now.toISOString())
    .count({ count: '*' });

  const findings = db('findings').where('status', 'open');
  if (visibleOwners)
    findings.whereIn('agent_ref', ownedAgents(db, visibleOwners));
  const findingRows = await findings
    .select('type')
    .count({ count: '*' })
    .groupBy('type');

  const agentsByDataClass: Record<string, number> = {};
  for (const row of await agents
    .clone()
    .whereNot('state', 'retired')
    .select('data_classes')) {
    for (const dataClass of fromJson<string[]>(row.data_classes, [])) {
      agentsByDataClass[dataClass] = (agentsByDataClass[dataClass] ?? 0) + 1;
    }
  }
  return {
    total: Object.values(byState).reduce((sum, n) => sum + (n ?? 0), 0),
    byState,
    overdueReviews: Number(overdue),
    findingsByType: Object.fromEntries(
      findingRows.map((r: any) => [r.type, Number(r.count)]),
    ),
    agentsByDataClass,
  };
}

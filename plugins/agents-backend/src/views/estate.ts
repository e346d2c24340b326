import { QueryParameters } from '@backstage/backend-openapi-utils';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { spec } from '../schema/openapi.generated';

/** The estate's filters and order, which the list and the CSV export share. */
export type EstateQuery = QueryParameters<
  typeof spec,
  '/v1/agents/export.csv',
  'get'
>;

/** The agents of `visibleOwners` (undefined: every agent) that match the query, one page. */
export async function listVisibleAgents(
  db: AgentsDatabase,
  visibleOwners: string[] | undefined,
  q: EstateQuery,
  page: { limit: number; offset: number },
  now: Date,
) {
  return db.estate.list(
    {
      visibleOwners,
      state: q.state,
      owner: q.owner,
      reviewStatus: q.reviewStatus,
      q: q.q,
      modelTier: q.modelTier,
      highestAccess: q.highestAccess,
      dataClass: q.dataClass,
      findingSeverity: q.findingSeverity,
      maturityBelow: q.maturityBelow,
      orderBy: q.orderBy ?? 'name',
      order: q.order ?? 'asc',
      limit: page.limit,
      offset: page.offset,
    },
    now,
  );
}

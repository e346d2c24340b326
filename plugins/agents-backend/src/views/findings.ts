import { QueryParameters } from '@backstage/backend-openapi-utils';
import { Finding, Page } from '@mandate/plugin-agents-common';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { spec } from '../schema/openapi.generated';

/** The findings list's filters and page, as `GET /v1/findings` takes them. */
export type FindingsQuery = QueryParameters<typeof spec, '/v1/findings', 'get'>;

/**
 * A page of findings about the agents of `visibleOwners` (undefined: every agent, and
 * identities that match none), most severe and most recent first; open ones unless the
 * query asks for resolved ones.
 */
export async function findingsPage(
  db: AgentsDatabase,
  visibleOwners: string[] | undefined,
  q: FindingsQuery,
): Promise<Page<Finding>> {
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  const page = await db.stores.findings.list({
    agentRef: q.agentRef,
    visibleOwners,
    type: q.type,
    severity: q.severity,
    status: q.status ?? 'open',
    limit,
    offset,
  });
  return { ...page, limit, offset };
}

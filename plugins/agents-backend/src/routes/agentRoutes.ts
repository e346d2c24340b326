import { QueryParameters } from '@backstage/backend-openapi-utils';
import { AgentsContext } from '../context';
import { spec } from '../schema/openapi.generated';
import { agentDetail, withLiveUsage } from '../views/agentDetail';
import { agentsCsv } from './csv';
import { RequestContext } from './requestContext';
import { AgentsApiRouter } from './validatedRouter';

/** The estate's filters and order, which the list and the CSV export share. */
type EstateQuery = QueryParameters<typeof spec, '/v1/agents/export.csv', 'get'>;

/** The CSV export holds at most this many agents (the estate view is built for 10,000). */
const CSV_EXPORT_LIMIT = 20_000;

/** The estate and each agent's governance record: list, export, summary, detail, history. */
export function agentRoutes(
  router: AgentsApiRouter,
  ctx: AgentsContext,
  http: RequestContext,
) {
  const { db, enforcement, clock } = ctx;

  /** The estate list as the list route and the CSV export both read it. */
  async function listVisibleAgents(
    visibleOwners: string[] | undefined,
    q: EstateQuery,
    limit: number,
    offset: number,
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
        limit,
        offset,
      },
      clock(),
    );
  }

  router.get('/v1/agents', async (req, res) => {
    const { limit = 50, offset = 0 } = req.query;
    const visibleOwners = await http.visibleOwners(req);
    const page = await listVisibleAgents(
      visibleOwners,
      req.query,
      limit,
      offset,
    );
    res.json({ ...page, limit, offset });
  });

  router.get('/v1/agents/export.csv', async (req, res) => {
    const visibleOwners = await http.visibleOwners(req);
    const page = await listVisibleAgents(
      visibleOwners,
      req.query,
      CSV_EXPORT_LIMIT,
      0,
    );
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="mandate-agents.csv"',
    );
    res.send(agentsCsv(page.items));
  });

  router.get('/v1/estate/summary', async (req, res) => {
    res.json(await db.estate.summary(await http.visibleOwners(req), clock()));
  });

  router.get('/v1/agents/:namespace/:name', async (req, res) => {
    const agent = await http.readableAgent(req);
    res.json(await agentDetail(db, enforcement, agent, clock()));
  });

  router.get('/v1/agents/:namespace/:name/scopes', async (req, res) => {
    const agent = await http.readableAgent(req);
    res.json({
      items: await db.stores.agents.approvedScopes(agent.entityRef),
    });
  });

  router.get('/v1/agents/:namespace/:name/reviews', async (req, res) => {
    const agent = await http.readableAgent(req);
    const reviews = await db.stores.reviews.forAgent(agent.entityRef);
    res.json({
      items: await Promise.all(
        reviews.map(r => withLiveUsage(db, enforcement, agent, r, clock())),
      ),
    });
  });

  router.get('/v1/agents/:namespace/:name/audit', async (req, res) => {
    const agent = await http.readableAgent(req, 'read the audit trail of');
    const { limit = 50, offset = 0 } = req.query;
    const page = await db.stores.audit.forAgent(agent.entityRef, limit, offset);
    res.json({ ...page, limit, offset });
  });
}

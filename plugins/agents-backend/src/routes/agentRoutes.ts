import { AgentsContext } from '../context';
import { agentDetail, withLiveUsage } from '../views/agentDetail';
import { listVisibleAgents } from '../views/estate';
import { agentsCsv } from './csv';
import { RequestContext } from './requestContext';
import { AgentsApiRouter } from './validatedRouter';

/** The CSV export holds at most this many agents (the estate view is built for 10,000). */
const CSV_EXPORT_LIMIT = 20_000;

/** The estate and each agent's governance record: list, export, summary, detail, history. */
export function agentRoutes(
  router: AgentsApiRouter,
  ctx: AgentsContext,
  http: RequestContext,
) {
  const { db, enforcement, clock } = ctx;

  router.get('/v1/agents', async (req, res) => {
    const { limit = 50, offset = 0 } = req.query;
    const visibleOwners = await http.visibleOwners(req);
    const page = await listVisibleAgents(
      db,
      visibleOwners,
      req.query,
      { limit, offset },
      clock(),
    );
    res.json({ ...page, limit, offset });
  });

  router.get('/v1/agents/export.csv', async (req, res) => {
    const visibleOwners = await http.visibleOwners(req);
    const page = await listVisibleAgents(
      db,
      visibleOwners,
      req.query,
      { limit: CSV_EXPORT_LIMIT, offset: 0 },
      clock(),
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

import { Request, Response, Router } from 'express';
import { AgentsContext } from '../context';
import { agentDetail, withLiveUsage } from '../views/agentDetail';
import { AgentListParams, PageParams } from './apiTypes';
import { agentsCsv } from './csv';
import { RequestContext } from './requestContext';

/** The CSV export holds at most this many agents (the estate view is built for 10,000). */
const CSV_EXPORT_LIMIT = 20_000;

/** The estate and each agent's governance record: list, export, summary, detail, history. */
export function agentRoutes(
  router: Router,
  ctx: AgentsContext,
  http: RequestContext,
) {
  const { db, enforcement, clock } = ctx;

  /** The estate list as the list route and the CSV export both read it. */
  async function listVisibleAgents(
    req: Request,
    limit: number,
    offset: number,
  ) {
    const q = req.query as AgentListParams;
    return db.estate.list(
      {
        visibleOwners: await http.visibleOwners(req),
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

  router.get('/v1/agents', async (req: Request, res: Response) => {
    const { limit = 50, offset = 0 } = req.query as PageParams;
    const page = await listVisibleAgents(req, limit, offset);
    res.json({ ...page, limit, offset });
  });

  router.get('/v1/agents/export.csv', async (req: Request, res: Response) => {
    const page = await listVisibleAgents(req, CSV_EXPORT_LIMIT, 0);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="mandate-agents.csv"',
    );
    res.send(agentsCsv(page.items));
  });

  router.get('/v1/estate/summary', async (req: Request, res: Response) => {
    res.json(await db.estate.summary(await http.visibleOwners(req), clock()));
  });

  router.get(
    '/v1/agents/:namespace/:name',
    async (req: Request, res: Response) => {
      const agent = await http.readableAgent(req);
      res.json(await agentDetail(db, enforcement, agent, clock()));
    },
  );

  router.get(
    '/v1/agents/:namespace/:name/scopes',
    async (req: Request, res: Response) => {
      const agent = await http.readableAgent(req);
      res.json({
        items: await db.stores.agents.approvedScopes(agent.entityRef),
      });
    },
  );

  router.get(
    '/v1/agents/:namespace/:name/reviews',
    async (req: Request, res: Response) => {
      const agent = await http.readableAgent(req);
      const reviews = await db.stores.reviews.forAgent(agent.entityRef);
      res.json({
        items: await Promise.all(
          reviews.map(r => withLiveUsage(db, enforcement, agent, r, clock())),
        ),
      });
    },
  );

  router.get(
    '/v1/agents/:namespace/:name/audit',
    async (req: Request, res: Response) => {
      const agent = await http.readableAgent(req, 'read the audit trail of');
      const { limit = 50, offset = 0 } = req.query as PageParams;
      const page = await db.stores.audit.forAgent(
        agent.entityRef,
        limit,
        offset,
      );
      res.json({ ...page, limit, offset });
    },
  );
}

import { InputError, NotFoundError } from '@backstage/errors';
import {
  agentRequestDecidePermission,
  agentsAuditReadAllPermission,
} from '@mandate/plugin-agents-common';
import { AgentsContext } from '../context';
import { agentActivity, agentGrants } from '../views/agentTelemetry';
import { findingsPage } from '../views/findings';
import { RequestContext } from './requestContext';
import { AgentsApiRouter } from './validatedRouter';

const DEFAULT_ACTIVITY_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * What the enforcement layer reported, per agent (activity, grants, maturity) and for the
 * estate (findings, source health). Gateways may read an agent's with a service token.
 */
export function telemetryRoutes(
  router: AgentsApiRouter,
  ctx: AgentsContext,
  http: RequestContext,
) {
  const { db, clock, telemetry } = ctx;
  const gateways = { services: true };

  router.get('/v1/agents/:namespace/:name/activity', async (req, res) => {
    const agent = await http.readableAgent(req, 'read', gateways);
    const q = req.query;
    const to = q.to ? new Date(q.to) : clock();
    const from = q.from
      ? new Date(q.from)
      : new Date(to.getTime() - DEFAULT_ACTIVITY_WINDOW_MS);
    if (from >= to) {
      throw new InputError('query.from: must be earlier than query.to');
    }
    res.json(
      await agentActivity(db, await telemetry.statuses(), agent, {
        from,
        to,
      }),
    );
  });

  router.get('/v1/agents/:namespace/:name/grants', async (req, res) => {
    const agent = await http.readableAgent(req, 'read', gateways);
    const items = await agentGrants(db, agent, {
      now: clock(),
      standingAfterMs: telemetry.standingGrantAfterMs,
    });
    res.json({ items });
  });

  router.get('/v1/agents/:namespace/:name/maturity', async (req, res) => {
    const agent = await http.readableAgent(req, 'read', gateways);
    res.json(await ctx.analysis.maturityOf(agent));
  });

  router.get('/v1/findings', async (req, res) => {
    res.json(await findingsPage(db, await http.visibleOwners(req), req.query));
  });

  router.post('/v1/findings/:id/resolution', async (req, res) => {
    const { credentials, actor } = await http.caller(req);
    const resolved = await http.audited(
      req,
      'finding-resolve',
      { findingId: req.params.id },
      async () => {
        const finding = await db.stores.findings.get(req.params.id);
        if (!finding) throw new NotFoundError(`No finding ${req.params.id}`);
        if (finding.agentRef) {
          await ctx.authorizer.assert(
            agentRequestDecidePermission,
            await http.loadAgent(finding.agentRef),
            credentials,
            'resolve findings of',
          );
        } else {
          await ctx.authorizer.assertBasic(
            agentsAuditReadAllPermission,
            credentials,
            'resolve estate-wide findings',
          );
        }
        return ctx.governance.resolveFinding(
          finding.id,
          req.body.reason,
          actor,
        );
      },
    );
    res.json(resolved);
  });

  router.get('/v1/enforcement/status', async (req, res) => {
    await http.caller(req);
    res.json({
      providers: await ctx.enforcement.health(),
      sources: await telemetry.statuses(),
    });
  });
}

import {
  agentReadPermission,
  agentsAuditReadAllPermission,
} from '@mandate/plugin-agents-common';
import { AgentsContext } from '../context';
import { RequestContext } from './requestContext';
import { AgentsApiRouter } from './validatedRouter';

/** The tamper-evident trail: verification and export for offline checks. */
export function auditRoutes(
  router: AgentsApiRouter,
  ctx: AgentsContext,
  http: RequestContext,
) {
  const { db, authorizer } = ctx;

  router.get('/v1/audit/verify', async (req, res) => {
    const { credentials } = await http.caller(req);
    await authorizer.assertBasic(
      agentsAuditReadAllPermission,
      credentials,
      'verify the audit trail',
    );
    res.json(await db.stores.audit.verify());
  });

  router.get('/v1/audit/export', async (req, res) => {
    const { credentials } = await http.caller(req);
    const { agentRef } = req.query;
    if (agentRef) {
      await authorizer.assert(
        agentReadPermission,
        await http.loadAgent(agentRef),
        credentials,
        'export the audit trail of',
      );
    } else {
      await authorizer.assertBasic(
        agentsAuditReadAllPermission,
        credentials,
        'export the whole audit trail',
      );
    }
    await http.audited(
      req,
      'audit-export',
      { agentRef: agentRef ?? 'all' },
      async () => {
        res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
        res.setHeader(
          'Content-Disposition',
          'attachment; filename="mandate-audit.jsonl"',
        );
        for await (const event of db.stores.audit.stream({ agentRef })) {
          res.write(`${JSON.stringify(event)}\n`);
        }
        res.end();
      },
    );
  });
}

import {
  agentReadPermission,
  agentsAuditReadAllPermission,
} from '@mandate/plugin-agents-common';
import { AgentsContext } from '../context';
import { RequestContext } from './requestContext';
import { AgentsApiRouter } from './validatedRouter';

/**
 * The tamper-evident trail: verification against its signed checkpoints, and export for
 * offline checks (`yarn audit:verify`, docs/audit.md).
 */
export function auditRoutes(
  router: AgentsApiRouter,
  ctx: AgentsContext,
  http: RequestContext,
) {
  const { db, authorizer, auditCheckpoints } = ctx;

  router.get('/v1/audit/verify', async (req, res) => {
    const { credentials } = await http.caller(req);
    await authorizer.assertBasic(
      agentsAuditReadAllPermission,
      credentials,
      'verify the audit trail',
    );
    res.json(await auditCheckpoints.verify());
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
        // Cut at the head as it is now, signed, so that a verifier sees what is missing.
        const cut = await auditCheckpoints.checkpointHead('export');
        res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
        res.setHeader(
          'Content-Disposition',
          'attachment; filename="mandate-audit.jsonl"',
        );
        const events = db.stores.audit.stream({ agentRef, upTo: cut.seq });
        for await (const event of events) {
          res.write(`${JSON.stringify(event)}\n`);
        }
        // The whole trail carries every checkpoint; one agent's records, the cut.
        const checkpoints = agentRef
          ? [cut]
          : await auditCheckpoints.list(cut.seq);
        for (const { jws } of checkpoints) {
          const line = agentRef
            ? { checkpoint: jws, agentRef }
            : { checkpoint: jws };
          res.write(`${JSON.stringify(line)}\n`);
        }
        res.end();
      },
    );
  });
}

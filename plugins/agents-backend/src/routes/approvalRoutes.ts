import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  CallApproval,
  agentCallDecidePermission,
  agentCallRequestPermission,
  agentReadPermission,
} from '@mandate/plugin-agents-common';
import { principalRef } from '../access/principalRef';
import { AgentsContext } from '../context';
import { RequestContext } from './requestContext';
import { AgentsApiRouter } from './validatedRouter';

const FILED_BY_SERVICES =
  'Per-call approvals are filed by enforcement points (a gateway) with a service token; people approve or deny them';

/**
 * Per-call human approvals: gateways hold calls here and wait for the answer; the agent's
 * owner, its sponsor and security decide.
 */
export function approvalRoutes(
  router: AgentsApiRouter,
  ctx: AgentsContext,
  http: RequestContext,
) {
  const { approvals, authorizer } = ctx;
  const gateways = { services: true };

  /** Whether these credentials may see an approval: readers of its agent, its sponsor, its filer. */
  async function assertMaySee(
    credentials: BackstageCredentials,
    approval: CallApproval,
  ) {
    const agent = await http.loadAgent(approval.agentRef);
    const who = principalRef(credentials);
    if (who === approval.requestedBy || who === agent.sponsorRef) return;
    await authorizer.assert(
      agentReadPermission,
      agent,
      credentials,
      'see the held calls of',
    );
  }

  router.post('/v1/approvals', async (req, res) => {
    const credentials = await http.credentials(req, gateways);
    if ((credentials.principal as { type: string }).type !== 'service') {
      throw new NotAllowedError(FILED_BY_SERVICES);
    }
    const agent = await http.loadAgent(req.body.agentRef);
    await authorizer.assert(
      agentCallRequestPermission,
      agent,
      credentials,
      'hold calls of',
    );
    const filed = await http.audited(
      req,
      'call-approval-file',
      { agentRef: agent.entityRef, tool: req.body.tool },
      () => approvals.file(req.body, principalRef(credentials)),
    );
    res.status(201).json(filed);
  });

  router.get('/v1/approvals', async (req, res) => {
    const credentials = await http.credentials(req, gateways);
    const visibleOwners = await http.visibleOwners(req, gateways);
    const { status, agentRef, limit = 50, offset = 0 } = req.query;
    res.json(
      await ctx.db.stores.approvals.list({
        status,
        agentRef,
        visibleOwners,
        sponsorRef: principalRef(credentials),
        limit,
        offset,
      }),
    );
  });

  router.get('/v1/approvals/:id', async (req, res) => {
    const credentials = await http.credentials(req, gateways);
    const approval = await approvals.get(req.params.id);
    await assertMaySee(credentials, approval);
    const waitSeconds = req.query.waitSeconds ?? 0;
    res.json(
      waitSeconds > 0
        ? await approvals.wait(approval.id, waitSeconds * 1000)
        : approval,
    );
  });

  router.post('/v1/approvals/:id/decision', async (req, res) => {
    const { credentials, actor } = await http.caller(req);
    const decided = await http.audited(
      req,
      'call-approval-decide',
      { approvalId: req.params.id, decision: req.body.decision },
      async () => {
        const approval = await approvals.get(req.params.id);
        const agent = await http.loadAgent(approval.agentRef);
        // The sponsor answers for the agent as its owner does.
        if (actor.ref !== agent.sponsorRef) {
          await authorizer.assert(
            agentCallDecidePermission,
            agent,
            credentials,
            'decide held calls of',
          );
        }
        return approvals.decide(req.params.id, req.body, actor);
      },
    );
    res.json(decided);
  });
}

import { InputError, NotFoundError } from '@backstage/errors';
import {
  AgentEntityV1alpha1,
  agentContainPermission,
  agentReadPermission,
  agentRequestCreatePermission,
  agentRequestDecidePermission,
  agentReviewSubmitPermission,
  getAgentOwnerRef,
  validateAgentEntity,
} from '@mandate/plugin-agents-common';
import { AgentsContext } from '../context';
import { RequestContext } from './requestContext';
import { AgentsApiRouter } from './validatedRouter';

/** For a commission of an agent Mandate has not seen yet, ownership comes from the entity. */
function commissionResource(agentRef: string, entity: unknown) {
  if (entity === undefined) {
    throw new NotFoundError(
      `No agent ${agentRef} is known to Mandate; register it in the catalog, or file a commission with payload.entity`,
    );
  }
  const issues = validateAgentEntity(entity);
  if (issues.length > 0) {
    throw new InputError(
      issues.map(i => `payload.entity.${i.field}: ${i.message}`).join('; '),
    );
  }
  return {
    entityRef: agentRef,
    ownerRef: getAgentOwnerRef(entity as AgentEntityV1alpha1),
  };
}

/** Joiner–mover–leaver requests and scope reviews: filing, reading and deciding. */
export function requestRoutes(
  router: AgentsApiRouter,
  ctx: AgentsContext,
  http: RequestContext,
) {
  const { db, governance, authorizer } = ctx;

  router.get('/v1/requests', async (req, res) => {
    const { credentials, actor } = await http.caller(req);
    const q = req.query;
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    // What waits for the caller's decision is theirs to see even on agents they do not own.
    const visibleOwners = q.assignedToMe
      ? undefined
      : await authorizer.visibleOwners(agentReadPermission, credentials);
    const page = await db.stores.requests.list({
      agentRef: q.agentRef,
      visibleOwners,
      status: q.status,
      assigneeRefs: q.assignedToMe ? actor.claims : undefined,
      limit,
      offset,
    });
    res.json({ ...page, limit, offset });
  });

  router.post('/v1/requests', async (req, res) => {
    const { credentials, actor } = await http.caller(req);
    const body = req.body;
    const result = await http.audited(
      req,
      'request-file',
      { agentRef: body.agentRef, type: body.type },
      async () => {
        const existing = await db.stores.agents.get(body.agentRef);
        const resource =
          existing ?? commissionResource(body.agentRef, body.payload?.entity);
        const containment = body.type === 'suspend' || body.type === 'resume';
        await authorizer.assert(
          containment ? agentContainPermission : agentRequestCreatePermission,
          resource,
          credentials,
          `file a ${body.type} request for`,
        );
        return governance.fileRequest(
          {
            agentRef: body.agentRef,
            type: body.type,
            reason: body.reason,
            idempotencyKey: body.idempotencyKey,
            payload: body.payload ?? {},
          },
          actor,
        );
      },
    );
    res.status(result.created ? 201 : 200).json(result.request);
  });

  router.get('/v1/requests/:id', async (req, res) => {
    const { credentials, actor } = await http.caller(req);
    const request = await governance.getRequest(req.params.id);
    if (!request) throw new NotFoundError(`No request ${req.params.id}`);
    const agent = await http.loadAgent(request.agentRef);
    const assignee =
      !!request.assigneeRef && actor.claims.includes(request.assigneeRef);
    if (!assignee) {
      await authorizer.assert(
        agentReadPermission,
        agent,
        credentials,
        'read requests of',
      );
    }
    res.json(request);
  });

  router.post('/v1/requests/:id/decision', async (req, res) => {
    const { credentials, actor } = await http.caller(req);
    const body = req.body;
    const decided = await http.audited(
      req,
      'request-decide',
      { requestId: req.params.id, decision: body.decision },
      async () => {
        const request = await governance.getRequest(req.params.id);
        if (!request) throw new NotFoundError(`No request ${req.params.id}`);
        const agent = await http.loadAgent(request.agentRef);
        // The new owner accepts a transfer to them; everything else is security's decision.
        const acceptsTransfer =
          request.type === 'owner-transfer' &&
          !!request.payload.newOwner &&
          actor.claims.includes(request.payload.newOwner as string);
        if (!acceptsTransfer) {
          await authorizer.assert(
            agentRequestDecidePermission,
            agent,
            credentials,
            'decide requests for',
          );
        }
        return governance.decide(req.params.id, body, actor);
      },
    );
    res.json(decided);
  });

  router.get('/v1/reviews/mine', async (req, res) => {
    const { actor } = await http.caller(req);
    // Through the agents' owner index: the caller's own agents, not the whole estate.
    const reviews = await db.stores.reviews.openForOwners(actor.claims);
    const requests = await db.stores.requests.list({
      status: 'pending',
      assigneeRefs: actor.claims,
      limit: 200,
      offset: 0,
    });
    res.json({ reviews, requests: requests.items });
  });

  router.post('/v1/reviews/:id/submission', async (req, res) => {
    const { credentials, actor } = await http.caller(req);
    const review = await http.audited(
      req,
      'review-submit',
      { reviewId: req.params.id },
      async () => {
        const open = await db.stores.reviews.get(req.params.id);
        if (!open) throw new NotFoundError(`No review ${req.params.id}`);
        const agent = await http.loadAgent(open.agentRef);
        await authorizer.assert(
          agentReviewSubmitPermission,
          agent,
          credentials,
          'review',
        );
        return governance.submitReview(req.params.id, req.body, actor);
      },
    );
    res.json(review);
  });
}

import { NotFoundError } from '@backstage/errors';
import {
  agentReadPermission,
  agentRequestDecidePermission,
  agentReviewSubmitPermission,
} from '@mandate/plugin-agents-common';
import { fileRequestAs } from '../access/fileRequest';
import { AgentsContext } from '../context';
import { callerWork } from '../views/callerWork';
import { RequestContext } from './requestContext';
import { AgentsApiRouter } from './validatedRouter';

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
    const caller = await http.caller(req);
    const body = req.body;
    const result = await http.audited(
      req,
      'request-file',
      { agentRef: body.agentRef, type: body.type },
      () =>
        fileRequestAs(ctx, caller, {
          agentRef: body.agentRef,
          type: body.type,
          reason: body.reason,
          idempotencyKey: body.idempotencyKey,
          payload: body.payload ?? {},
        }),
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
    res.json(await callerWork(db, actor));
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

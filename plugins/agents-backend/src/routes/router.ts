import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import {
  AgentEntityV1alpha1,
  GovernanceRequest,
  agentContainPermission,
  agentReadPermission,
  agentRequestCreatePermission,
  agentRequestDecidePermission,
  agentReviewSubmitPermission,
  agentsAuditReadAllPermission,
  getAgentOwnerRef,
  validateAgentEntity,
} from '@mandate/plugin-agents-common';
import { Request, Response } from 'express';
import {
  AgentListParams,
  DecisionBody,
  FileRequestBody,
  FindingParams,
  PageParams,
  RequestListParams,
  ReviewSubmissionBody,
} from './apiTypes';
import { JsonObject } from '@backstage/types';

type AnyRequest = Request<any, any, any, any, any>;
import { listAgents } from '../database/AgentList';
import { estateSummary } from '../database/EstateSummary';
import { agentsCsv } from './csv';

/** The CSV export holds at most this many agents (the estate view is built for 10,000). */
const CSV_EXPORT_LIMIT = 20_000;
import { AgentRecord } from '../database/AgentsStore';
import { GovernanceDatabase } from '../database/Stores';
import { Actor, Governance } from '../workflows/Governance';
import { AgentAuthorizer } from '../permissions/AgentAuthorizer';
import { spec } from '../schema/openapi.generated';
import { Enforcement } from '../enforcement/Enforcement';
import { agentDetail, withLiveUsage } from '../views/agentDetail';
import { PortalPublishing } from '../workflows/PortalPublishing';
import { BehaviourCertificates } from '../policy/BehaviourCertificates';
import { addPolicyRoutes } from './policyRoutes';
import { createValidatedRouter } from './validatedRouter';
import { Telemetry } from '../telemetry/createTelemetry';
import { Analysis } from '../analysis/Analysis';
import { agentActivity, agentGrants } from '../views/agentTelemetry';

const DEFAULT_ACTIVITY_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export interface RouterOptions {
  db: GovernanceDatabase;
  governance: Governance;
  authorizer: AgentAuthorizer;
  enforcement: Enforcement;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  clock: () => Date;
  /** Present when agents.portalPublishing.enabled is set (demo publishing). */
  portal?: PortalPublishing;
  /** Signs behaviour certificates and serves their public keys. */
  certificates: BehaviourCertificates;
  /** What the enforcement layer reported: activity, grants, source staleness. */
  telemetry: Telemetry;
  /** Findings and the maturity checklist computed from telemetry. */
  analysis: Analysis;
}

/** The governance API, validated against src/schema/openapi.yaml. */
export async function createRouter(options: RouterOptions) {
  const {
    db,
    governance,
    authorizer,
    enforcement,
    httpAuth,
    userInfo,
    auditor,
    clock,
  } = options;
  const router = createValidatedRouter(spec);

  async function caller(req: AnyRequest): Promise<{
    credentials: BackstageCredentials<BackstageUserPrincipal>;
    actor: Actor;
  }> {
    const any = await httpAuth.credentials(req, { allow: ['user', 'none'] });
    if (any.principal.type === 'none') {
      throw new AuthenticationError(
        'Sign in to use Mandate: this request carried no Backstage token',
      );
    }
    const credentials = any as BackstageCredentials<BackstageUserPrincipal>;
    const info = await userInfo.getUserInfo(credentials);
    return {
      credentials,
      actor: { ref: info.userEntityRef, claims: info.ownershipEntityRefs },
    };
  }

  async function loadAgent(entityRef: string): Promise<AgentRecord> {
    const agent = await db.stores.agents.get(entityRef);
    if (!agent)
      throw new NotFoundError(`No agent ${entityRef} is known to Mandate`);
    return agent;
  }

  /** Records the call through Backstage's auditor as well as Mandate's own trail. */
  async function audited<T>(
    req: AnyRequest,
    eventId: string,
    meta: JsonObject,
    work: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await work();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /**
   * The caller's credentials; with `services`, a service (a gateway's external-access token)
   * may call too, limited by its access restrictions in the permission framework.
   */
  async function readerCredentials(
    req: AnyRequest,
    { services = false } = {},
  ): Promise<BackstageCredentials> {
    if (!services) return (await caller(req)).credentials;
    const any = await httpAuth.credentials(req, {
      allow: ['user', 'service', 'none'],
    });
    if (any.principal.type === 'none') {
      throw new AuthenticationError(
        'Sign in to use Mandate: this request carried no Backstage token',
      );
    }
    return any;
  }

  /** The owners whose agents the caller may read; undefined means every agent. */
  async function visibleOwnersOf(req: AnyRequest, { services = false } = {}) {
    const credentials = await readerCredentials(req, { services });
    return authorizer.visibleOwners(agentReadPermission, credentials);
  }

  /** The agent named by the path, once the caller may read it. */
  async function readableAgent(
    req: AnyRequest,
    action = 'read',
    { services = false } = {},
  ) {
    const credentials = await readerCredentials(req, { services });
    const agent = await loadAgent(
      `agent:${req.params.namespace}/${req.params.name}`,
    );
    await authorizer.assert(agentReadPermission, agent, credentials, action);
    return agent;
  }

  /** The estate list as the list route and the CSV export both read it. */
  async function listVisibleAgents(
    req: AnyRequest,
    limit: number,
    offset: number,
  ) {
    const q = req.query as AgentListParams;
    return listAgents(
      db.knex,
      {
        visibleOwners: await visibleOwnersOf(req),
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
    const visibleOwners = await visibleOwnersOf(req);
    res.json(await estateSummary(db.knex, visibleOwners, clock()));
  });

  router.get(
    '/v1/agents/:namespace/:name',
    async (req: Request, res: Response) => {
      const agent = await readableAgent(req);
      res.json(await agentDetail(db, enforcement, agent, clock()));
    },
  );

  router.get(
    '/v1/agents/:namespace/:name/scopes',
    async (req: Request, res: Response) => {
      const agent = await readableAgent(req);
      res.json({
        items: await db.stores.agents.approvedScopes(agent.entityRef),
      });
    },
  );

  router.get(
    '/v1/agents/:namespace/:name/reviews',
    async (req: Request, res: Response) => {
      const agent = await readableAgent(req);
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
      const agent = await readableAgent(req, 'read the audit trail of');
      const { limit = 50, offset = 0 } = req.query as PageParams;
      const page = await db.stores.audit.forAgent(
        agent.entityRef,
        limit,
        offset,
      );
      res.json({ ...page, limit, offset });
    },
  );

  router.get('/v1/requests', async (req: Request, res: Response) => {
    const { credentials, actor } = await caller(req);
    const q = req.query as RequestListParams;
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

  router.post('/v1/requests', async (req: Request, res: Response) => {
    const { credentials, actor } = await caller(req);
    const body = req.body as FileRequestBody;
    const result = await audited(
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
            payload: (body.payload ?? {}) as any,
          },
          actor,
        );
      },
    );
    res.status(result.created ? 201 : 200).json(result.request);
  });

  router.get('/v1/requests/:id', async (req: Request, res: Response) => {
    const { credentials } = await caller(req);
    const request = await governance.getRequest(req.params.id);
    if (!request) throw new NotFoundError(`No request ${req.params.id}`);
    const agent = await loadAgent(request.agentRef);
    const assignee = await isAssignee(request, credentials);
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

  async function isAssignee(
    request: GovernanceRequest,
    credentials: BackstageCredentials,
  ) {
    if (!request.assigneeRef) return false;
    const info = await userInfo.getUserInfo(credentials);
    return info.ownershipEntityRefs.includes(request.assigneeRef);
  }

  router.post(
    '/v1/requests/:id/decision',
    async (req: Request, res: Response) => {
      const { credentials, actor } = await caller(req);
      const decided = await audited(
        req,
        'request-decide',
        { requestId: req.params.id, decision: req.body.decision },
        async () => {
          const request = await governance.getRequest(req.params.id);
          if (!request) throw new NotFoundError(`No request ${req.params.id}`);
          const agent = await loadAgent(request.agentRef);
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
          return governance.decide(
            req.params.id,
            req.body as DecisionBody,
            actor,
          );
        },
      );
      res.json(decided);
    },
  );

  router.get('/v1/reviews/mine', async (req: Request, res: Response) => {
    const { actor } = await caller(req);
    const owned = (await db.stores.agents.all()).filter(
      a => a.state === 'active' && actor.claims.includes(a.ownerRef),
    );
    const reviews = await db.stores.reviews.openForAgents(
      owned.map(a => a.entityRef),
    );
    const requests = await db.stores.requests.list({
      status: 'pending',
      assigneeRefs: actor.claims,
      limit: 200,
      offset: 0,
    });
    res.json({ reviews, requests: requests.items });
  });

  router.post(
    '/v1/reviews/:id/submission',
    async (req: Request, res: Response) => {
      const { credentials, actor } = await caller(req);
      const review = await audited(
        req,
        'review-submit',
        { reviewId: req.params.id },
        async () => {
          const open = await db.stores.reviews.get(req.params.id);
          if (!open) throw new NotFoundError(`No review ${req.params.id}`);
          const agent = await loadAgent(open.agentRef);
          await authorizer.assert(
            agentReviewSubmitPermission,
            agent,
            credentials,
            'review',
          );
          return governance.submitReview(
            req.params.id,
            req.body as ReviewSubmissionBody,
            actor,
          );
        },
      );
      res.json(review);
    },
  );

  router.get('/v1/findings', async (req: Request, res: Response) => {
    const q = req.query as FindingParams;
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const visibleOwners = await visibleOwnersOf(req);
    const page = await db.stores.findings.list({
      agentRef: q.agentRef,
      visibleOwners,
      type: q.type,
      severity: q.severity,
      status: q.status ?? 'open',
      limit,
      offset,
    });
    res.json({ ...page, limit, offset });
  });

  router.get(
    '/v1/agents/:namespace/:name/activity',
    async (req: Request, res: Response) => {
      const agent = await readableAgent(req, 'read', { services: true });
      const q = req.query as { from?: string; to?: string };
      const to = q.to ? new Date(q.to) : clock();
      const from = q.from
        ? new Date(q.from)
        : new Date(to.getTime() - DEFAULT_ACTIVITY_WINDOW_MS);
      if (from >= to) {
        throw new InputError('query.from: must be earlier than query.to');
      }
      const { telemetry } = options;
      res.json(
        await agentActivity(
          db,
          telemetry.store,
          await telemetry.statuses(),
          agent,
          {
            from,
            to,
          },
        ),
      );
    },
  );

  router.get(
    '/v1/agents/:namespace/:name/grants',
    async (req: Request, res: Response) => {
      const agent = await readableAgent(req, 'read', { services: true });
      const items = await agentGrants(db, options.telemetry.store, agent, {
        now: clock(),
        standingAfterMs: options.telemetry.standingGrantAfterMs,
      });
      res.json({ items });
    },
  );

  router.get(
    '/v1/agents/:namespace/:name/maturity',
    async (req: Request, res: Response) => {
      const agent = await readableAgent(req, 'read', { services: true });
      res.json(await options.analysis.maturityOf(agent));
    },
  );

  router.get('/v1/enforcement/status', async (req: Request, res: Response) => {
    await caller(req);
    res.json({
      providers: await enforcement.health(),
      sources: await options.telemetry.statuses(),
    });
  });

  router.get('/v1/audit/verify', async (req: Request, res: Response) => {
    const { credentials } = await caller(req);
    await authorizer.assertBasic(
      agentsAuditReadAllPermission,
      credentials,
      'verify the audit trail',
    );
    res.json(await db.stores.audit.verify());
  });

  router.get('/v1/audit/export', async (req: Request, res: Response) => {
    const { credentials } = await caller(req);
    const { agentRef } = req.query as { agentRef?: string };
    if (agentRef) {
      await authorizer.assert(
        agentReadPermission,
        await loadAgent(agentRef),
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
    await audited(
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

  router.post('/v1/portal/agents', async (req: Request, res: Response) => {
    const { credentials } = await caller(req);
    if (!options.portal) {
      throw new NotFoundError(
        'Portal publishing is off; set agents.portalPublishing.enabled',
      );
    }
    const portal = options.portal;
    const published = await audited(req, 'portal-publish', {}, () =>
      portal.publish(req.body.entity, credentials),
    );
    res.status(201).json(published);
  });

  router.get(
    '/v1/portal/agents/:namespace/:name/catalog-info.yaml',
    async (req: Request, res: Response) => {
      if (!options.portal) {
        throw new NotFoundError(
          'Portal publishing is off; set agents.portalPublishing.enabled',
        );
      }
      const yaml = await options.portal.read(
        req.params.namespace,
        req.params.name,
      );
      res.type('application/yaml').send(yaml);
    },
  );

  addPolicyRoutes(router, {
    db,
    certificates: options.certificates,
    httpAuth,
    clock,
    readableAgent: (req, action) =>
      readableAgent(req, action, { services: true }),
    visibleOwners: req => visibleOwnersOf(req, { services: true }),
    audited,
  });

  return router;
}

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

import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request, Response, Router } from 'express';
import { AgentRecord } from '../database/AgentsStore';
import { GovernanceDatabase } from '../database/Stores';
import { BehaviourCertificates } from '../policy/BehaviourCertificates';
import { bundleToCedar, policyToCedar } from '../policy/cedar';
import { agentPolicy, policyBundleOf } from '../views/agentPolicy';

type AnyRequest = Request<any, any, any, any, any>;

/** What the policy routes need from the main router. */
export interface PolicyRouteOptions {
  db: GovernanceDatabase;
  certificates: BehaviourCertificates;
  httpAuth: HttpAuthService;
  clock: () => Date;
  /** The agent named by the path, once the caller (a user or a service) may read it. */
  readableAgent(req: AnyRequest, action: string): Promise<AgentRecord>;
  /** The owners whose agents the caller (a user or a service) may read; undefined for all. */
  visibleOwners(req: AnyRequest): Promise<string[] | undefined>;
  audited<T>(
    req: AnyRequest,
    eventId: string,
    meta: JsonObject,
    work: () => Promise<T>,
  ): Promise<T>;
}

/** Who the audit trail names: the user, or the service (for example `service:external:gateway`). */
function actorRefOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user'
    ? principal.userEntityRef!
    : `service:${principal.subject}`;
}

/**
 * Sends a policy document as JSON or Cedar with its hash as ETag. Express answers 304 when
 * the request's If-None-Match holds the same ETag, so polling gateways transfer nothing.
 */
function sendPolicy(
  req: Request,
  res: Response,
  hash: string,
  json: object,
  cedar: () => string,
) {
  res.setHeader('ETag', `"${hash}"`);
  res.setHeader('Cache-Control', 'no-cache');
  if (req.query.format === 'cedar') {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.send(cedar());
  } else {
    res.json(json);
  }
}

/** Effective policies for gateways, behaviour certificates and their verification keys. */
export function addPolicyRoutes(router: Router, options: PolicyRouteOptions) {
  const { db, certificates, httpAuth, clock, readableAgent, audited } = options;

  router.get(
    '/v1/agents/:namespace/:name/policy',
    async (req: Request, res: Response) => {
      const agent = await readableAgent(req, 'read the policy of');
      const policy = await agentPolicy(db, agent);
      sendPolicy(req, res, policy.hash, policy, () => policyToCedar(policy));
    },
  );

  router.get('/v1/policies', async (req: Request, res: Response) => {
    const bundle = await policyBundleOf(
      db.knex,
      await options.visibleOwners(req),
    );
    sendPolicy(req, res, bundle.hash, bundle, () => bundleToCedar(bundle));
  });

  router.post(
    '/v1/agents/:namespace/:name/certificate',
    async (req: Request, res: Response) => {
      const agent = await readableAgent(req, 'get a behaviour certificate for');
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const issued = await audited(
        req,
        'certificate-issue',
        { agentRef: agent.entityRef },
        async () => {
          const result = await certificates.issue(
            agent,
            await agentPolicy(db, agent),
          );
          await db.transaction(s =>
            s.audit.append(
              {
                agentRef: agent.entityRef,
                actorRef: actorRefOf(credentials),
                action: 'certificate.issued',
                data: {
                  policyHash: result.claims.policyHash,
                  jti: result.claims.jti,
                  expiresAt: result.expiresAt,
                },
              },
              clock().toISOString(),
            ),
          );
          return result;
        },
      );
      res.status(201).json(issued);
    },
  );

  router.get(
    '/v1/certificates/jwks.json',
    async (_req: Request, res: Response) => {
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.json(await certificates.jwks());
    },
  );
}

import { Response } from 'express';
import { principalRef } from '../access/principalRef';
import { AgentsContext } from '../context';
import { bundleToCedar, policyToCedar } from '../policy/cedar';
import { EffectivePolicy, PolicyBundle } from '../policy/effectivePolicy';
import { agentPolicy, policyBundleOf } from '../views/agentPolicy';
import { RequestContext } from './requestContext';
import { AgentsApiRouter } from './validatedRouter';

/**
 * Sends a policy document as JSON or Cedar with its hash as ETag. Express answers 304 when
 * the request's If-None-Match holds the same ETag, so polling gateways transfer nothing.
 */
function sendPolicy(
  res: Response,
  format: 'json' | 'cedar' | undefined,
  json: EffectivePolicy | PolicyBundle,
  cedar: () => string,
) {
  res.setHeader('ETag', `"${json.hash}"`);
  res.setHeader('Cache-Control', 'no-cache');
  if (format === 'cedar') {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.send(cedar());
  } else {
    res.json(json);
  }
}

/**
 * Effective policies for gateways, behaviour certificates and their verification keys.
 * Gateways call these with a service token.
 */
export function policyRoutes(
  router: AgentsApiRouter,
  ctx: AgentsContext,
  http: RequestContext,
) {
  const { db, certificates, governance } = ctx;
  const gateways = { services: true };

  router.get('/v1/agents/:namespace/:name/policy', async (req, res) => {
    const agent = await http.readableAgent(req, 'read the policy of', gateways);
    const policy = await agentPolicy(db, agent);
    sendPolicy(res, req.query.format, policy, () => policyToCedar(policy));
  });

  router.get('/v1/policies', async (req, res) => {
    const bundle = await policyBundleOf(
      db,
      await http.visibleOwners(req, gateways),
    );
    sendPolicy(res, req.query.format, bundle, () => bundleToCedar(bundle));
  });

  router.post('/v1/agents/:namespace/:name/certificate', async (req, res) => {
    const agent = await http.readableAgent(
      req,
      'get a behaviour certificate for',
      gateways,
    );
    const credentials = await http.credentials(req, gateways);
    const issued = await http.audited(
      req,
      'certificate-issue',
      { agentRef: agent.entityRef },
      async () => {
        const result = await certificates.issue(
          agent,
          await agentPolicy(db, agent),
        );
        await governance.record({
          agentRef: agent.entityRef,
          actorRef: principalRef(credentials),
          action: 'certificate.issued',
          data: {
            policyHash: result.claims.policyHash,
            jti: result.claims.jti,
            expiresAt: result.expiresAt,
          },
        });
        return result;
      },
    );
    res.status(201).json(issued);
  });

  router.get('/v1/certificates/jwks.json', async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    const { keys } = await certificates.jwks();
    // jose's JWK is an interface; plain copies are the document's free-form key objects.
    res.json({ keys: keys.map(key => ({ ...key })) });
  });
}

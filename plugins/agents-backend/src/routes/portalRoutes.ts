import { NotFoundError } from '@backstage/errors';
import { AgentsContext } from '../context';
import { RequestContext } from './requestContext';
import { AgentsApiRouter } from './validatedRouter';

/** Publishing agents without an SCM (the demo): the scaffolder posts, the catalog reads. */
export function portalRoutes(
  router: AgentsApiRouter,
  ctx: AgentsContext,
  http: RequestContext,
) {
  const portal = () => {
    if (!ctx.portal) {
      throw new NotFoundError(
        'Portal publishing is off; set agents.portalPublishing.enabled',
      );
    }
    return ctx.portal;
  };

  router.post('/v1/portal/agents', async (req, res) => {
    const { credentials } = await http.caller(req);
    const publishing = portal();
    const published = await http.audited(req, 'portal-publish', {}, () =>
      publishing.publish(req.body.entity, credentials),
    );
    res.status(201).json(published);
  });

  router.get(
    '/v1/portal/agents/:namespace/:name/catalog-info.yaml',
    async (req, res) => {
      const yaml = await portal().read(req.params.namespace, req.params.name);
      res.type('application/yaml').send(yaml);
    },
  );
}

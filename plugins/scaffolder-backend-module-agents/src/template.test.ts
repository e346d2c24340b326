import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import agentsPlugin from '@mandate/plugin-agents-backend';
import catalogModuleAgents from '@mandate/plugin-catalog-backend-module-agents';
import path from 'node:path';
import request from 'supertest';
import { scaffolderModuleAgents } from './module';

jest.setTimeout(120_000);

const examples = path.resolve(__dirname, '../../../examples');
const dana = mockCredentials.user.header('user:default/dana.lee');

/**
 * The catalog's URL reader, allowed to read this test backend (its port is only known once
 * it listens); the demo app allows localhost:7007 through backend.reading.allow instead.
 */
const urlReaderForTestServer = createServiceFactory({
  service: coreServices.urlReader,
  deps: { discovery: coreServices.discovery, logger: coreServices.logger },
  async factory({ discovery, logger }) {
    const { host } = new URL(await discovery.getExternalBaseUrl('agents'));
    return UrlReaders.default({
      logger,
      config: new ConfigReader({ backend: { reading: { allow: [{ host }] } } }),
    });
  },
});

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 300));
  }
}

describe('the "Commission an AI agent" template', () => {
  it('registers the agent in the catalog and files its commission as the user who ran it', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        catalogModuleAgents,
        scaffolderPlugin,
        scaffolderModuleAgents,
        agentsPlugin,
        urlReaderForTestServer,
        mockServices.permissions.factory({ result: 'ALLOW' as any }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [
                {
                  allow: [
                    'Agent',
                    'API',
                    'Group',
                    'User',
                    'System',
                    'Location',
                    'Template',
                  ],
                },
              ],
              locations: [
                {
                  type: 'file',
                  target: path.join(
                    examples,
                    'templates/commission-agent/template.yaml',
                  ),
                },
                { type: 'file', target: path.join(examples, 'org.yaml') },
                { type: 'file', target: path.join(examples, 'systems.yaml') },
                {
                  type: 'file',
                  target: path.join(examples, 'mcp-servers.yaml'),
                },
              ],
            },
            agents: {
              portalPublishing: { enabled: true },
              scaffolder: { identityPrefix: 'spiffe://acme.example/agent/' },
            },
          },
        }),
      ],
    });

    await waitFor(async () => {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/template/default/commission-agent')
        .set('Authorization', dana);
      return res.status === 200 ? true : undefined;
    }, 'the template in the catalog');

    const values = {
      name: 'invoice-chaser',
      title: 'Invoice Chaser',
      purpose: 'Remind customers about overdue invoices.',
      type: 'service-agent',
      lifecycle: 'experimental',
      owner: 'group:default/finance-ops',
      sponsor: 'user:default/ravi.patel',
      system: 'system:default/finance',
      modelProvider: 'anthropic',
      modelName: 'claude-haiku-4-5',
      modelTier: 'small',
      dataClasses: ['financial'],
      tools: [
        {
          api: 'api:default/ledger-mcp',
          name: 'ledger.read',
          access: 'read',
          dataClasses: ['financial'],
          approval: 'none',
        },
        {
          api: 'api:default/slack-mcp',
          name: 'slack.post',
          access: 'write',
          approval: 'none',
          constraints: '{"channels": ["#ar"]}',
        },
      ],
      reviewCadence: 'P3M',
      decommissionCriteria: 'Retire when the ERP sends reminders itself.',
    };
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', dana)
      .send({ templateRef: 'template:default/commission-agent', values });
    expect(created.status).toBe(201);

    const task = await waitFor(async () => {
      const res = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', dana);
      return ['completed', 'failed'].includes(res.body.status)
        ? res.body
        : undefined;
    }, 'the scaffolder task');
    if (task.status !== 'completed') {
      const events = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
        .set('Authorization', dana);
      throw new Error(
        `Task failed: ${JSON.stringify(
          events.body.map((e: any) => e.body.message).slice(-5),
        )}`,
      );
    }

    const agent = await waitFor(async () => {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/agent/default/invoice-chaser')
        .set('Authorization', dana);
      return res.status === 200 && res.body.relations?.length
        ? res.body
        : undefined;
    }, 'the agent in the catalog');
    expect(agent.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/finance-ops' },
        { type: 'sponsoredBy', targetRef: 'user:default/ravi.patel' },
        { type: 'partOf', targetRef: 'system:default/finance' },
        { type: 'consumesApi', targetRef: 'api:default/ledger-mcp' },
        { type: 'consumesApi', targetRef: 'api:default/slack-mcp' },
      ]),
    );
    expect(agent.spec.tools[1].constraints).toEqual({ channels: ['#ar'] });

    const requests = await request(server)
      .get('/api/agents/v1/requests?agentRef=agent:default/invoice-chaser')
      .set('Authorization', dana);
    expect(requests.body.items).toEqual([
      expect.objectContaining({
        type: 'commission',
        status: 'pending',
        requesterRef: 'user:default/dana.lee',
      }),
    ]);
    const audit = await request(server)
      .get('/api/agents/v1/agents/default/invoice-chaser/audit')
      .set('Authorization', dana);
    expect(audit.body.items.map((e: any) => e.action)).toContain(
      'request.filed',
    );
    expect(
      audit.body.items.find((e: any) => e.action === 'request.filed').actorRef,
    ).toBe('user:default/dana.lee');
  });
});

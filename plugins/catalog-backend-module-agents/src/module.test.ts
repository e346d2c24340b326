import catalogPlugin from '@backstage/plugin-catalog-backend';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import { catalogModuleAgents } from './module';

const examples = path.resolve(__dirname, '../../../examples');
const agentFiles = fs
  .readdirSync(path.join(examples, 'agents'))
  .map(file => path.join(examples, 'agents', file));
const invalidFiles = fs
  .readdirSync(path.join(examples, 'invalid'))
  .map(file => path.join(examples, 'invalid', file));

function readAgents(): Entity[] {
  return agentFiles.flatMap(file =>
    parseAllDocuments(fs.readFileSync(file, 'utf8')).map(
      doc => doc.toJS() as Entity,
    ),
  );
}

const databases = mandateTestDatabases();

async function startCatalog(databaseId: TestDatabaseId, targets: string[]) {
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      mockServices.database.factory({ knex: await databases.init(databaseId) }),
      catalogModuleAgents,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [
              {
                allow: ['Agent', 'API', 'Group', 'User', 'System', 'Location'],
              },
            ],
            locations: targets.map(target => ({ type: 'file', target })),
          },
        },
      }),
    ],
  });
  return server;
}

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

const auth = mockCredentials.user.header();
jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())(
  'catalogModuleAgents on %s',
  databaseId => {
    it('ingests every example agent with owner, sponsor, system and API relations', async () => {
      const server = await startCatalog(databaseId, [
        ...agentFiles,
        path.join(examples, 'org.yaml'),
        path.join(examples, 'systems.yaml'),
        path.join(examples, 'mcp-servers.yaml'),
      ]);
      const expected = readAgents();

      const agents = await waitFor(async () => {
        const res = await request(server)
          .get('/api/catalog/entities/by-query?filter=kind=agent&limit=100')
          .set('Authorization', auth);
        const items: Entity[] = res.body.items ?? [];
        const stitched = items.filter(e => (e.relations ?? []).length > 0);
        return stitched.length === expected.length ? items : undefined;
      }, `${expected.length} agents with relations`);

      const refund = agents.find(a => a.metadata.name === 'refund-assistant')!;
      expect(refund.relations).toEqual(
        expect.arrayContaining([
          { type: 'ownedBy', targetRef: 'group:default/customer-care' },
          { type: 'sponsoredBy', targetRef: 'user:default/dana.lee' },
          { type: 'partOf', targetRef: 'system:default/payments' },
          { type: 'consumesApi', targetRef: 'api:default/orders-mcp' },
          { type: 'consumesApi', targetRef: 'api:default/payments-mcp' },
          { type: 'consumesApi', targetRef: 'api:default/tickets-mcp' },
        ]),
      );
      // An agent without a sponsor gets no sponsor relation, not a dangling one.
      const noSponsor = agents.find(
        a => a.metadata.name === 'db-migration-reviewer',
      )!;
      expect(noSponsor.relations!.some(r => r.type === 'sponsoredBy')).toBe(
        false,
      );

      // Reverse relations land on the other side, so an MCP server page lists its agents.
      const github = await waitFor(async () => {
        const res = await request(server)
          .get('/api/catalog/entities/by-name/api/default/github-mcp')
          .set('Authorization', auth);
        const consumers = (res.body.relations ?? []).filter(
          (r: { type: string }) => r.type === 'apiConsumedBy',
        );
        return consumers.length >= 6 ? consumers : undefined;
      }, 'github-mcp consumers');
      expect(github).toEqual(
        expect.arrayContaining([
          {
            type: 'apiConsumedBy',
            targetRef: 'agent:default/code-review-agent',
          },
        ]),
      );
      const dana = await request(server)
        .get('/api/catalog/entities/by-name/user/default/dana.lee')
        .set('Authorization', auth);
      expect(dana.body.relations).toEqual(
        expect.arrayContaining([
          { type: 'sponsorOf', targetRef: 'agent:default/refund-assistant' },
        ]),
      );
    });

    it('rejects every entity in examples/invalid with the broken field named', async () => {
      const server = await startCatalog(databaseId, []);
      for (const file of invalidFiles) {
        const text = fs.readFileSync(file, 'utf8');
        const field = /^# rejected: (\S+)$/m.exec(text)![1];
        const res = await request(server)
          .post('/api/catalog/validate-entity')
          .set('Authorization', auth)
          .send({
            entity: parse(text),
            location: `url:https://example.com/${path.basename(file)}`,
          });
        expect({ file: path.basename(file), status: res.status }).toEqual({
          file: path.basename(file),
          status: 400,
        });
        const message = res.body.errors
          .map((e: { message: string }) => e.message)
          .join('\n');
        expect(message).toContain(`${field}:`);
      }
    });

    it('keeps invalid agents out of the catalog while valid ones in the same run land', async () => {
      const server = await startCatalog(databaseId, [
        ...invalidFiles,
        path.join(examples, 'agents', 'security.yaml'),
      ]);
      await waitFor(async () => {
        const res = await request(server)
          .get(
            '/api/catalog/entities/by-name/agent/default/access-review-assistant',
          )
          .set('Authorization', auth);
        return res.status === 200 ? true : undefined;
      }, 'the valid agent');
      const res = await request(server)
        .get('/api/catalog/entities/by-query?filter=kind=agent')
        .set('Authorization', auth);
      expect(res.body.items.map((e: Entity) => e.metadata.name)).toEqual([
        'access-review-assistant',
      ]);
    });
  },
);

import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { PEOPLE, SECURITY_GROUP, agentEntity } from '../__testUtils__/entities';
import { governanceFixture } from '../__testUtils__/governanceFixture';
import { CatalogSync } from './CatalogSync';

const databases = mandateTestDatabases();

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});
const user = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
});

async function setup(databaseId: any, entities: Entity[]) {
  const f = await governanceFixture(databases, databaseId);
  const catalog = { entities };
  const sync = () =>
    new CatalogSync({
      db: f.db,
      catalog: catalogServiceMock({ entities: catalog.entities }),
      auth: mockServices.auth(),
      governance: f.governance,
      logger: mockServices.logger.mock(),
      clock: f.clock.now,
      securityGroupRef: SECURITY_GROUP,
    }).run();
  return { ...f, catalog, sync };
}

describe.each(databases.eachSupportedId())('CatalogSync on %s', databaseId => {
  it('puts an agent that appears without a commission into proposed, with a finding', async () => {
    const f = await setup(databaseId, [
      agentEntity('shadowy'),
      group('customer-care'),
      user('dana.lee'),
    ]);
    expect(await f.sync()).toEqual({ agents: 1, discovered: 1, orphaned: 0 });
    expect(await f.db.stores.agents.get('agent:default/shadowy')).toMatchObject(
      { state: 'proposed', inCatalog: true, approvedVersion: 0 },
    );
    const { items } = await f.db.stores.findings.list({
      status: 'open',
      limit: 10,
      offset: 0,
    });
    expect(items).toEqual([
      expect.objectContaining({
        type: 'uncommissioned',
        agentRef: 'agent:default/shadowy',
      }),
    ]);
    expect(await f.sync()).toEqual({ agents: 1, discovered: 0, orphaned: 0 });

    // Filing the commission resolves it; the agent stays proposed until approved.
    await f.governance.fileRequest(
      {
        agentRef: 'agent:default/shadowy',
        type: 'commission',
        reason: 'legitimise',
        payload: {},
      },
      PEOPLE.owner,
    );
    expect(
      (
        await f.db.stores.findings.list({
          status: 'open',
          limit: 10,
          offset: 0,
        })
      ).totalCount,
    ).toBe(0);
  });

  it('refreshes the declared scope from the YAML without touching the approved one', async () => {
    const f = await setup(databaseId, [
      agentEntity('bot'),
      group('customer-care'),
      user('dana.lee'),
    ]);
    await f.sync();
    const { request } = await f.governance.fileRequest(
      {
        agentRef: 'agent:default/bot',
        type: 'commission',
        reason: 'go',
        payload: {},
      },
      PEOPLE.owner,
    );
    await f.governance.decide(
      request.id,
      { decision: 'approve', reason: 'ok' },
      PEOPLE.security,
    );
    const wider = agentEntity('bot');
    wider.spec.tools.push({ name: 'refunds.cancel', access: 'write' });
    f.catalog.entities = [wider, group('customer-care'), user('dana.lee')];
    await f.sync();
    const agent = (await f.db.stores.agents.get('agent:default/bot'))!;
    expect(agent.declaredScope.tools.map(t => t.name)).toContain(
      'refunds.cancel',
    );
    expect(
      (await f.db.stores.agents.approvedScope(agent.entityRef, 1))!.tools.map(
        t => t.name,
      ),
    ).not.toContain('refunds.cancel');
  });

  it('flags an agent whose owner or sponsor no longer resolves and hands it to security', async () => {
    const f = await setup(databaseId, [
      agentEntity('bot'),
      group('customer-care'),
      user('dana.lee'),
    ]);
    await f.sync();
    f.catalog.entities = [agentEntity('bot'), user('dana.lee')]; // the team was deleted
    expect((await f.sync()).orphaned).toBe(1);
    const { items } = await f.db.stores.findings.list({
      type: 'orphaned',
      status: 'open',
      limit: 10,
      offset: 0,
    });
    expect(items).toEqual([
      expect.objectContaining({
        severity: 'high',
        evidence: expect.objectContaining({
          missing: ['group:default/customer-care'],
        }),
      }),
    ]);
    const open = await f.db.stores.requests.openFor('agent:default/bot');
    expect(open).toEqual([
      expect.objectContaining({
        type: 'owner-transfer',
        assigneeRef: SECURITY_GROUP,
        requesterRef: 'mandate:catalog-sync',
      }),
    ]);
    await f.sync();
    expect(
      await f.db.stores.requests.openFor('agent:default/bot'),
    ).toHaveLength(1);

    // Security assigns a new owner; the finding is resolved.
    await expect(
      f.governance.decide(
        open[0].id,
        { decision: 'approve', reason: 'x' },
        PEOPLE.security,
      ),
    ).rejects.toThrow('newOwner: is required');
    f.catalog.entities = [
      agentEntity('bot'),
      user('dana.lee'),
      group('platform'),
    ];
    await f.governance.decide(
      open[0].id,
      {
        decision: 'approve',
        reason: 'platform takes it',
        newOwner: 'group:platform',
      },
      PEOPLE.security,
    );
    expect((await f.db.stores.agents.get('agent:default/bot'))!.ownerRef).toBe(
      'group:default/platform',
    );
    expect((await f.sync()).orphaned).toBe(0);
    expect(
      (
        await f.db.stores.findings.list({
          type: 'orphaned',
          status: 'open',
          limit: 10,
          offset: 0,
        })
      ).totalCount,
    ).toBe(0);
  });

  it('ignores invalid agents and records agents that left the catalog', async () => {
    const broken = agentEntity('broken', { owner: 'component:x' });
    const f = await setup(databaseId, [
      agentEntity('bot'),
      broken,
      group('customer-care'),
      user('dana.lee'),
    ]);
    expect((await f.sync()).agents).toBe(1);
    f.catalog.entities = [group('customer-care'), user('dana.lee')];
    await f.sync();
    expect((await f.db.stores.agents.get('agent:default/bot'))!.inCatalog).toBe(
      false,
    );
  });
});

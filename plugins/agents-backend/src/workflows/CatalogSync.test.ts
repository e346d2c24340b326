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

  it("gives an agent to the catalog's owner when Mandate's record names another without a transfer, and tells security", async () => {
    // Another team commissioned the name first, from its own manifest.
    const f = await setup(databaseId, [
      group('customer-care'),
      group('platform'),
      user('dana.lee'),
      user('priya.nair'),
    ]);
    const squatted = agentEntity('refund-bot', { owner: 'group:platform' });
    const { request } = await f.governance.fileRequest(
      {
        agentRef: 'agent:default/refund-bot',
        type: 'commission',
        reason: 'mine now',
        payload: { entity: squatted },
      },
      PEOPLE.otherTeam,
    );
    await f.governance.decide(
      request.id,
      { decision: 'approve', reason: 'ok' },
      PEOPLE.security,
    );
    // The catalog holds the real manifest: customer-care owns refund-bot.
    f.catalog.entities.push(agentEntity('refund-bot'));
    await f.sync();
    expect(
      (await f.db.stores.agents.get('agent:default/refund-bot'))!.ownerRef,
    ).toBe('group:default/customer-care');
    const open = async () =>
      (
        await f.db.stores.findings.list({
          status: 'open',
          type: 'owner-disagreement',
          limit: 10,
          offset: 0,
        })
      ).items;
    expect(await open()).toEqual([
      expect.objectContaining({
        severity: 'high',
        evidence: {
          from: 'group:default/platform',
          to: 'group:default/customer-care',
        },
      }),
    ]);
    // The change of owner stays on security's list after the next passes, until resolved.
    await f.sync();
    const [finding] = await open();
    await f.governance.resolveFinding(
      finding.id,
      'Checked with Customer Care: their agent',
      PEOPLE.security,
    );
    expect(await open()).toEqual([]);
    await f.sync();
    expect(await open()).toEqual([]);
  });

  it('keeps an owner transfer Mandate applied while the catalog still names the previous owner', async () => {
    const f = await setup(databaseId, [
      agentEntity('refund-bot'),
      group('customer-care'),
      group('platform'),
      user('dana.lee'),
      user('priya.nair'),
    ]);
    await f.sync();
    const { request: commission } = await f.governance.fileRequest(
      {
        agentRef: 'agent:default/refund-bot',
        type: 'commission',
        reason: 'launch',
        payload: {},
      },
      PEOPLE.owner,
    );
    await f.governance.decide(
      commission.id,
      { decision: 'approve', reason: 'ok' },
      PEOPLE.security,
    );
    const { request: transfer } = await f.governance.fileRequest(
      {
        agentRef: 'agent:default/refund-bot',
        type: 'owner-transfer',
        reason: 'platform runs it now',
        payload: { newOwner: 'group:platform' },
      },
      PEOPLE.owner,
    );
    await f.governance.decide(
      transfer.id,
      { decision: 'approve', reason: 'we take it' },
      PEOPLE.otherTeam,
    );
    await f.sync();
    expect(
      (await f.db.stores.agents.get('agent:default/refund-bot'))!.ownerRef,
    ).toBe('group:default/platform');
    const findings = async (type: string) =>
      (
        await f.db.stores.findings.list({
          status: 'open',
          type,
          limit: 10,
          offset: 0,
        })
      ).items;
    expect(await findings('owner-disagreement')).toEqual([]);
    expect(await findings('catalog-owner-stale')).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          'still names group:default/customer-care',
        ),
      }),
    ]);
    f.catalog.entities[0] = agentEntity('refund-bot', {
      owner: 'group:platform',
    });
    await f.sync();
    expect(await findings('catalog-owner-stale')).toEqual([]);
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

  it('warns at startup when the security group is not in the catalog', async () => {
    const f = await governanceFixture(databases, databaseId);
    const logger = mockServices.logger.mock();
    const entities = [agentEntity('bot'), group('customer-care')];
    const sync = new CatalogSync({
      db: f.db,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      governance: f.governance,
      logger,
      clock: f.clock.now,
      securityGroupRef: SECURITY_GROUP,
    });
    await sync.run();
    await sync.run();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'agents.securityGroup group:default/security is not in the catalog',
      ),
    );

    const quiet = mockServices.logger.mock();
    const withGroup = new CatalogSync({
      db: f.db,
      catalog: catalogServiceMock({
        entities: [...entities, group('security')],
      }),
      auth: mockServices.auth(),
      governance: f.governance,
      logger: quiet,
      clock: f.clock.now,
      securityGroupRef: SECURITY_GROUP,
    });
    await withGroup.run();
    await withGroup.run();
    expect(quiet.warn).not.toHaveBeenCalledWith(
      expect.stringContaining('agents.securityGroup'),
    );
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

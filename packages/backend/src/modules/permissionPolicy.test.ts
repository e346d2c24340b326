import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import { MandateDemoPolicy } from './permissionPolicy';

const policy = new MandateDemoPolicy();
const user = (...ownershipEntityRefs: string[]) => ({
  identity: {
    type: 'user' as const,
    userEntityRef: ownershipEntityRefs[0],
    ownershipEntityRefs,
  },
  token: 'token',
  credentials: {} as any,
  info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
});

const owner = user('user:default/dana.lee', 'group:default/customer-care');
const security = user('user:default/nina.kowalski', 'group:default/security');
const taskCreate = createPermission({
  name: 'scaffolder.task.create',
  attributes: {},
});
const unknownResourceUpdate = createPermission({
  name: 'other.thing.update',
  attributes: { action: 'update' },
  resourceType: 'other-thing',
});

describe('MandateDemoPolicy', () => {
  it('denies everything to callers who are not signed in', async () => {
    const decision = await policy.handle({
      permission: catalogEntityReadPermission,
    });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('lets signed-in users read', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityReadPermission },
      owner,
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('lets members of security do anything', async () => {
    for (const permission of [
      catalogEntityDeletePermission,
      unknownResourceUpdate,
    ]) {
      expect((await policy.handle({ permission }, security)).result).toBe(
        AuthorizeResult.ALLOW,
      );
    }
  });

  it('limits catalog changes by others to entities they own', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      owner,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/dana.lee', 'group:default/customer-care'],
        },
      },
    });
  });

  it('lets signed-in users run template actions, but not anonymous callers', async () => {
    const actionExecute = createPermission({
      name: 'scaffolder.action.execute',
      attributes: {},
      resourceType: 'scaffolder-action',
    });
    expect(
      (await policy.handle({ permission: actionExecute }, owner)).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle({ permission: actionExecute })).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('allows non-resource actions such as starting a template, and denies other resource changes', async () => {
    expect(
      (await policy.handle({ permission: taskCreate }, owner)).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle({ permission: unknownResourceUpdate }, owner))
        .result,
    ).toBe(AuthorizeResult.DENY);
  });
});

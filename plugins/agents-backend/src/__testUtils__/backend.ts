import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TestClock } from '@mandate/plugin-agents-node/testUtils';
import { Knex } from 'knex';
import { agentsPlugin } from '../plugin';
import {
  testPolicyPermissionsFactory,
  testUserInfoFactory,
} from './permissions';

/**
 * The agents backend on a migrated test database, with Mandate's real permission policy,
 * anonymous requests when no token is sent, no scheduled task run at startup, and `clock`
 * as its clock (TEST_NOW unless given); `extra` adds features (other plugins, services in
 * place of the test defaults) and top-level configuration.
 */
export async function startAgentsBackend(
  knex: Knex,
  agents: JsonObject,
  clock = new TestClock(),
  extra: { features?: BackendFeature[]; config?: JsonObject } = {},
) {
  const { server } = await startTestBackend({
    features: [
      agentsPlugin,
      clock.factory(),
      testPolicyPermissionsFactory,
      testUserInfoFactory,
      mockServices.database.factory({ knex, migrations: { skip: true } }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, agents, ...extra.config },
      }),
      ...(extra.features ?? []),
    ],
  });
  return server;
}

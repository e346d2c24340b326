import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import authPlugin from '@backstage/plugin-auth-backend';
import request from 'supertest';
import { authModuleDemoProvider } from './demoAuthProvider';

const danaLee = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'dana.lee', namespace: 'default' },
  spec: { memberOf: ['customer-care'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/customer-care' }],
};

async function startAuth() {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleDemoProvider,
      catalogServiceMock.factory({ entities: [danaLee] }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers: { demo: {} }, session: { secret: 'test' } },
        },
      }),
    ],
  });
  return server;
}

describe('authModuleDemoProvider', () => {
  it('signs a person in as the example user they chose, with their groups', async () => {
    const server = await startAuth();
    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-mandate-demo-user', 'dana.lee');
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/dana.lee',
      ownershipEntityRefs: [
        'user:default/dana.lee',
        'group:default/customer-care',
      ],
    });
  });

  it('refuses users that are not in the catalog and requests without a choice', async () => {
    const server = await startAuth();
    const unknown = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-mandate-demo-user', 'mallory');
    expect(unknown.status).toBe(404);
    const missing = await request(server).get('/api/auth/demo/refresh');
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toContain('x-mandate-demo-user');
  });
});

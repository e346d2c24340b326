import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';

/** The header through which the demo sign-in page says who the person chose to be. */
export const DEMO_USER_HEADER = 'x-mandate-demo-user';
const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

const demoAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { userName: string }) => ({
    profile: { displayName: result.userName },
  }),
  initialize({ config }) {
    const allowed =
      process.env.NODE_ENV !== 'production' ||
      config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true;
    if (!allowed) {
      throw new NotAllowedError(
        'The demo sign-in lets anyone act as any catalog user; it refuses to run with NODE_ENV=production. Remove auth.providers.demo from your production config.',
      );
    }
  },
  async authenticate({ req }) {
    const userName = req.header(DEMO_USER_HEADER);
    if (!userName || !USER_NAME.test(userName)) {
      throw new AuthenticationError(
        `Demo sign-in needs the ${DEMO_USER_HEADER} header naming a catalog user, such as dana.lee`,
      );
    }
    return { result: { userName } };
  },
});

/**
 * Demo-only sign-in: a person picks one of the example users and is signed in as that
 * catalog User, with the user's group memberships as ownership. Local and demo config
 * only (`auth.providers.demo`), never production.
 */
export const authModuleDemoProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({
                entityRef: { name: result.userName },
              });
            },
          }),
        });
      },
    });
  },
});

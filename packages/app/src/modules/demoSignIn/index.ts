import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/** Replaces the sign-in page with the demo user picker. Demo app only. */
export const demoSignInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: {
        loader: () => import('./DemoSignInPage').then(m => m.DemoSignInPage),
      },
    }),
  ],
});

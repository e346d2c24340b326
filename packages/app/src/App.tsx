import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { demoSignInModule } from './modules/demoSignIn';

// Plugins (catalog, scaffolder, API docs, notifications, Mandate's agents, ...) are
// discovered from this package's dependencies through `app.packages: all`.
export default createApp({
  features: [navModule, demoSignInModule],
});

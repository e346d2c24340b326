import { createApiRef } from '@backstage/core-plugin-api';
import type { AgentsApi } from '@mandate/plugin-agents-common';

/** The governance API of the `agents` backend. @public */
export const agentsApiRef = createApiRef<AgentsApi>({
  id: 'plugin.agents.service',
});

import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isAgentEntity } from '@mandate/plugin-agents-common';

/** The overview card on every Agent entity page. @alpha */
export const agentOverviewEntityCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    type: 'content',
    filter: isAgentEntity,
    loader: () =>
      import('./components/AgentOverviewCard').then(m => (
        <m.AgentOverviewCard />
      )),
  },
});

/**
 * Mandate for the new frontend system: agent entity cards and contents.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'agents',
  extensions: [agentOverviewEntityCard],
});

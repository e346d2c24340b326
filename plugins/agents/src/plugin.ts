import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';

/** Mandate for apps on the legacy frontend system. @public */
export const agentsPlugin = createPlugin({ id: 'agents' });

/** The Agent overview card, for the legacy EntityPage. @public */
export const EntityAgentOverviewCard = agentsPlugin.provide(
  createComponentExtension({
    name: 'EntityAgentOverviewCard',
    component: {
      lazy: () =>
        import('./components/AgentOverviewCard').then(m => m.AgentOverviewCard),
    },
  }),
);

import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { AgentsClient } from '@mandate/plugin-agents-common';
import { agentsApiRef } from './api/agentsApiRef';
import { withAccessibleColors } from './components/shared/AccessibleColors';
import { agentsClockApiRef, systemClock } from './api/agentsClockApiRef';

/** @public */
export const rootRouteRef = createRouteRef({ id: 'agents' });

/** Mandate for apps on the legacy frontend system. @public */
export const agentsPlugin = createPlugin({
  id: 'agents',
  routes: { root: rootRouteRef },
  apis: [
    createApiFactory({
      api: agentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AgentsClient({ discoveryApi, fetchApi }),
    }),
    createApiFactory(agentsClockApiRef, systemClock),
  ],
});

/** The estate view; mount it at /agents. @public */
export const AgentsPage = agentsPlugin.provide(
  createRoutableExtension({
    name: 'AgentsPage',
    mountPoint: rootRouteRef,
    component: () =>
      import('./components/AgentsPage').then(m =>
        withAccessibleColors(m.AgentsPage),
      ),
  }),
);

/** The Agent overview card, for the legacy EntityPage. @public */
export const EntityAgentOverviewCard = agentsPlugin.provide(
  createComponentExtension({
    name: 'EntityAgentOverviewCard',
    component: {
      lazy: () =>
        import('./components/AgentOverviewCard').then(m =>
          withAccessibleColors(m.AgentOverviewCard),
        ),
    },
  }),
);

/** The production readiness card (maturity, findings, drift), for the legacy EntityPage. @public */
export const EntityAgentReadinessCard = agentsPlugin.provide(
  createComponentExtension({
    name: 'EntityAgentReadinessCard',
    component: {
      lazy: () =>
        import('./components/AgentReadinessCard').then(m =>
          withAccessibleColors(m.AgentReadinessCard),
        ),
    },
  }),
);

/** The Review tab content, for the legacy EntityPage. @public */
export const EntityAgentReviewContent = agentsPlugin.provide(
  createComponentExtension({
    name: 'EntityAgentReviewContent',
    component: {
      lazy: () =>
        import('./components/AgentReviewContent').then(m =>
          withAccessibleColors(m.AgentReviewContent),
        ),
    },
  }),
);

/** The Lifecycle tab content, for the legacy EntityPage. @public */
export const EntityAgentLifecycleContent = agentsPlugin.provide(
  createComponentExtension({
    name: 'EntityAgentLifecycleContent',
    component: {
      lazy: () =>
        import('./components/AgentLifecycleContent').then(m =>
          withAccessibleColors(m.AgentLifecycleContent),
        ),
    },
  }),
);

/** The Access tab content (credential grants), for the legacy EntityPage. @public */
export const EntityAgentAccessContent = agentsPlugin.provide(
  createComponentExtension({
    name: 'EntityAgentAccessContent',
    component: {
      lazy: () =>
        import('./components/AgentAccessContent').then(m =>
          withAccessibleColors(m.AgentAccessContent),
        ),
    },
  }),
);

/** The Activity tab content (telemetry per day, tool and model), for the legacy EntityPage. @public */
export const EntityAgentActivityContent = agentsPlugin.provide(
  createComponentExtension({
    name: 'EntityAgentActivityContent',
    component: {
      lazy: () =>
        import('./components/AgentActivityContent').then(m =>
          withAccessibleColors(m.AgentActivityContent),
        ),
    },
  }),
);

/** On MCP server API pages: the agents whose manifests reach it. @public */
export const EntityMcpServerAgentsCard = agentsPlugin.provide(
  createComponentExtension({
    name: 'EntityMcpServerAgentsCard',
    component: {
      lazy: () =>
        import('./components/McpServerAgentsCard').then(m =>
          withAccessibleColors(m.McpServerAgentsCard),
        ),
    },
  }),
);

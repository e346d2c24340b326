import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { AgentsClient, isAgentEntity } from '@mandate/plugin-agents-common';
import { agentsApiRef } from './api/agentsApiRef';
import { agentsClockApiRef, systemClock } from './api/agentsClockApiRef';
import { AccessibleColors } from './components/shared/AccessibleColors';
import { AgentIcon } from './components/shared/AgentIcon';
import { isMcpServerApi } from './entityFilters';

/** The client of the `agents` backend. @alpha */
export const agentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: agentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AgentsClient({ discoveryApi, fetchApi }),
    }),
});

/** The clock the agents pages read "now" from: the system clock. @alpha */
export const agentsClockApi = ApiBlueprint.make({
  name: 'clock',
  params: defineParams =>
    defineParams({
      api: agentsClockApiRef,
      deps: {},
      factory: () => systemClock,
    }),
});

/** The estate view. @alpha */
export const agentsRootRouteRef = createRouteRef();

/** The estate view at /agents. @alpha */
export const agentsPage = PageBlueprint.make({
  params: {
    path: '/agents',
    routeRef: agentsRootRouteRef,
    title: 'Agents',
    icon: <AgentIcon fontSize="inherit" />,
    loader: () =>
      import('./components/AgentsPage').then(m => (
        <AccessibleColors>
          <m.AgentsPage />
        </AccessibleColors>
      )),
  },
});

/** The overview card on every Agent entity page. @alpha */
export const agentOverviewEntityCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    type: 'content',
    filter: isAgentEntity,
    loader: () =>
      import('./components/AgentOverviewCard').then(m => (
        <AccessibleColors>
          <m.AgentOverviewCard />
        </AccessibleColors>
      )),
  },
});

/** Production readiness on every Agent entity page: maturity checklist, findings, drift. @alpha */
export const agentReadinessEntityCard = EntityCardBlueprint.make({
  name: 'readiness',
  params: {
    type: 'content',
    filter: isAgentEntity,
    loader: () =>
      import('./components/AgentReadinessCard').then(m => (
        <AccessibleColors>
          <m.AgentReadinessCard />
        </AccessibleColors>
      )),
  },
});

/** On MCP server API pages: the agents that may call it. @alpha */
export const mcpServerAgentsEntityCard = EntityCardBlueprint.make({
  name: 'mcp-server-agents',
  params: {
    type: 'content',
    filter: isMcpServerApi,
    loader: () =>
      import('./components/McpServerAgentsCard').then(m => (
        <AccessibleColors>
          <m.McpServerAgentsCard />
        </AccessibleColors>
      )),
  },
});

/** The Review tab of an Agent. @alpha */
export const agentReviewEntityContent = EntityContentBlueprint.make({
  name: 'review',
  params: {
    path: 'review',
    title: 'Review',
    filter: isAgentEntity,
    loader: () =>
      import('./components/AgentReviewContent').then(m => (
        <AccessibleColors>
          <m.AgentReviewContent />
        </AccessibleColors>
      )),
  },
});

/** The Lifecycle tab of an Agent. @alpha */
export const agentLifecycleEntityContent = EntityContentBlueprint.make({
  name: 'lifecycle',
  params: {
    path: 'lifecycle',
    title: 'Lifecycle',
    filter: isAgentEntity,
    loader: () =>
      import('./components/AgentLifecycleContent').then(m => (
        <AccessibleColors>
          <m.AgentLifecycleContent />
        </AccessibleColors>
      )),
  },
});

/** The Access tab of an Agent: credential grants from the enforcement layer. @alpha */
export const agentAccessEntityContent = EntityContentBlueprint.make({
  name: 'access',
  params: {
    path: 'access',
    title: 'Access',
    filter: isAgentEntity,
    loader: () =>
      import('./components/AgentAccessContent').then(m => (
        <AccessibleColors>
          <m.AgentAccessContent />
        </AccessibleColors>
      )),
  },
});

/** The Activity tab of an Agent: calls, tokens and cost per day, per tool and per model. @alpha */
export const agentActivityEntityContent = EntityContentBlueprint.make({
  name: 'activity',
  params: {
    path: 'activity',
    title: 'Activity',
    filter: isAgentEntity,
    loader: () =>
      import('./components/AgentActivityContent').then(m => (
        <AccessibleColors>
          <m.AgentActivityContent />
        </AccessibleColors>
      )),
  },
});

/**
 * Mandate for the new frontend system: the estate page, agent entity cards and contents.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'agents',
  title: 'Agents',
  icon: <AgentIcon fontSize="inherit" />,
  routes: { root: agentsRootRouteRef },
  extensions: [
    agentsApi,
    agentsClockApi,
    agentsPage,
    agentOverviewEntityCard,
    agentReadinessEntityCard,
    mcpServerAgentsEntityCard,
    // Entity page tabs in this order, after the overview.
    agentActivityEntityContent,
    agentAccessEntityContent,
    agentReviewEntityContent,
    agentLifecycleEntityContent,
  ],
});

/**
 * Mandate frontend plugin. The default export of `@mandate/plugin-agents/alpha` is the
 * plugin for the new frontend system; this entry point holds the legacy exports.
 *
 * @packageDocumentation
 */
export {
  agentsPlugin,
  AgentsPage,
  EntityAgentOverviewCard,
  EntityAgentReadinessCard,
  EntityAgentReviewContent,
  EntityAgentLifecycleContent,
  EntityAgentAccessContent,
  EntityAgentActivityContent,
  EntityMcpServerAgentsCard,
  rootRouteRef,
} from './plugin';
export { agentsApiRef } from './api/agentsApiRef';
export { agentsClockApiRef } from './api/agentsClockApiRef';
export type { AgentsClockApi } from './api/agentsClockApiRef';
export { AgentOverview } from './components/AgentOverviewCard';
export { isMcpServerApi } from './entityFilters';

/**
 * Mandate frontend plugin. The default export of `@mandate/plugin-agents/alpha` is the
 * plugin for the new frontend system; this entry point holds the legacy exports.
 *
 * @packageDocumentation
 */
export { agentsPlugin, EntityAgentOverviewCard } from './plugin';
export { AgentOverview } from './components/AgentOverviewCard';

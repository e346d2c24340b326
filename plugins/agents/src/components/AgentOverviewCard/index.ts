export { AgentOverviewCard, AgentOverview } from './AgentOverviewCard';

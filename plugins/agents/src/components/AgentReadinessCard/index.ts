export { AgentReadinessCard, AgentReadiness } from './AgentReadinessCard';

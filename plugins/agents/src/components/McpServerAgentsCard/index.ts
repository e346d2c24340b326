export { McpServerAgentsCard } from './McpServerAgentsCard';

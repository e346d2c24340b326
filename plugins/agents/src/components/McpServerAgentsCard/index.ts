export { McpServerAgentsCard, isMcpServerApi } from './McpServerAgentsCard';

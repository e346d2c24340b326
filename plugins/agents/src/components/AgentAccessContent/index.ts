export { AgentAccessContent } from './AgentAccessContent';

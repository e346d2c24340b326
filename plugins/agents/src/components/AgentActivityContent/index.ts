export { AgentActivityContent } from './AgentActivityContent';

export { AgentLifecycleContent } from './AgentLifecycleContent';

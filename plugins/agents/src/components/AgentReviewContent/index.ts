export { AgentReviewContent } from './AgentReviewContent';

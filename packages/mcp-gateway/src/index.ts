/**
 * Mandate's reference MCP gateway.
 *
 * @packageDocumentation
 */
export { createGateway, POLICY_REFUSAL } from './gateway/createGateway';
export { startGateway } from './gateway/startGateway';
export type { GatewayOptions, RunningGateway } from './gateway/startGateway';
export { UpstreamClients, discoverUpstreams } from './gateway/Upstreams';
export type { Upstream } from './gateway/Upstreams';
export { startDemoUpstreams, DEMO_UPSTREAMS } from './demo/upstreamServers';
export { startDemoAgent, refundAssistantRound } from './demo/demoAgent';
export type { DemoAgentStep } from './demo/demoAgent';

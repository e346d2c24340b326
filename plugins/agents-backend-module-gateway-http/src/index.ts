/**
 * Mandate enforcement-layer module for gateways that implement the HTTP pull contract
 * (docs/gateway-http-contract.md): telemetry and grants pulled, suspensions pushed.
 *
 * @packageDocumentation
 */
export { agentsModuleGatewayHttp as default } from './module';

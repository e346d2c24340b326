import { AgentGrant, TelemetryEvent } from '@mandate/plugin-agents-node';
import { GatewayConfig } from '../config';
import { GatewayClient } from '../GatewayClient';
import { FakeGateway } from './FakeGateway';
import { TEST_DAY, at } from './time';

export { TEST_DAY, at };

export const REFUND = 'spiffe://acme.example/agent/refund-assistant';

/** The config of gateway `main` in front of the fake. */
export function gatewayConfig(
  fake: FakeGateway,
  overrides: Partial<GatewayConfig> = {},
): GatewayConfig {
  return {
    id: 'main',
    baseUrl: fake.baseUrl,
    token: 'secret-token',
    timeoutMs: 2000,
    pageSize: 3,
    ...overrides,
  };
}

export function clientFor(
  fake: FakeGateway,
  overrides: Partial<GatewayConfig> = {},
): GatewayClient {
  return new GatewayClient(gatewayConfig(fake, overrides));
}

export function toolCall(index: number): TelemetryEvent {
  return {
    id: `evt-${index}`,
    operation: 'execute_tool',
    agentIdentityId: REFUND,
    tool: 'orders.lookup',
    startedAt: TEST_DAY.plus({ hours: 9, minutes: index }).toISO()!,
    durationMs: 120,
    decision: 'allow',
    grantId: 'grant-1',
  };
}

export function grant(overrides: Partial<AgentGrant> = {}): AgentGrant {
  return {
    id: 'grant-1',
    agentIdentityId: REFUND,
    tool: 'orders.lookup',
    issuedAt: at('11:30'),
    expiresAt: at('12:30'),
    ...overrides,
  };
}

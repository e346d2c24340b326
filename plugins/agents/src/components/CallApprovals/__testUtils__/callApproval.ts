import { CallApproval } from '@mandate/plugin-agents-common';
import { NOW } from '../../shared/__testUtils__/clock';

/**
 * A refund of Refund Assistant's that the demo gateway holds for a person: filed a minute
 * before NOW, expiring ten minutes after NOW.
 */
export function callApproval(
  overrides: Partial<CallApproval> = {},
): CallApproval {
  return {
    id: 'a1',
    agentRef: 'agent:default/refund-assistant',
    identity: 'spiffe://acme.example/agent/refund-assistant',
    tool: 'refunds.issue',
    argumentsSummary: 'refunds.issue {"orderId":"A-1042","amountUsd":120}',
    why: "refunds.issue needs a person's approval (approval: human)",
    onBehalfOf: 'user:default/sam.ortiz',
    requestedBy: 'service:agent-gateway',
    requestedAt: NOW.minus({ minutes: 1 }).toISO()!,
    expiresAt: NOW.plus({ minutes: 10 }).toISO()!,
    status: 'pending',
    ...overrides,
  };
}

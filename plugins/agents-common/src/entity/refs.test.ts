import { AgentEntityV1alpha1 } from './AgentEntityV1alpha1';
import {
  agentPagePath,
  getAgentApiRefs,
  getAgentOwnerRef,
  getAgentSponsorRef,
  getAgentSystemRef,
  resolveAgentRef,
} from './refs';

const agent = {
  apiVersion: 'mandate.dev/v1alpha1',
  kind: 'Agent',
  metadata: { name: 'triage-bot', namespace: 'support' },
  spec: {
    type: 'service-agent',
    lifecycle: 'production',
    owner: 'customer-care',
    sponsor: 'dana.lee',
    system: 'default/payments',
    identity: { id: 'spiffe://acme.example/agent/triage-bot' },
    model: { provider: 'anthropic', name: 'claude-haiku-4-5', tier: 'small' },
    purpose: 'Triage tickets.',
    tools: [
      { name: 'tickets.read', api: 'tickets-mcp', access: 'read' },
      { name: 'tickets.comment', api: 'api:tickets-mcp', access: 'write' },
      { name: 'kb.search', api: 'api:default/kb-mcp', access: 'read' },
      { name: 'local.calc', access: 'read' },
    ],
  },
} as AgentEntityV1alpha1;

describe('agent refs', () => {
  it('fills in the kind each field defaults to and the agent namespace', () => {
    expect(getAgentOwnerRef(agent)).toBe('group:support/customer-care');
    expect(getAgentSponsorRef(agent)).toBe('user:support/dana.lee');
    expect(getAgentSystemRef(agent)).toBe('system:default/payments');
  });

  it('lists each API the tools reach once', () => {
    expect(getAgentApiRefs(agent)).toEqual([
      'api:support/tickets-mcp',
      'api:default/kb-mcp',
    ]);
  });

  it('keeps an explicit kind', () => {
    expect(resolveAgentRef('owner', 'user:sam.ortiz')).toBe(
      'user:default/sam.ortiz',
    );
  });
});

describe('agentPagePath', () => {
  it('points at the agent page, or one of its tabs, in the app', () => {
    expect(agentPagePath('agent:default/refund-assistant')).toBe(
      '/catalog/default/agent/refund-assistant',
    );
    expect(agentPagePath('agent:support/triage-bot', 'review')).toBe(
      '/catalog/support/agent/triage-bot/review',
    );
  });
});

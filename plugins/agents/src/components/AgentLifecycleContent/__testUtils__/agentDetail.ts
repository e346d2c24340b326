import { AgentDetail } from '@mandate/plugin-agents-common';
import { NOW } from '../../shared/__testUtils__/clock';

/** Refund Assistant as the backend returns it: active, approved scope version 2. */
export function agentDetail(overrides: Partial<AgentDetail> = {}): AgentDetail {
  const scope = {
    dataClasses: ['customer-pii', 'payment'],
    tools: [
      {
        name: 'orders.lookup',
        access: 'read' as const,
        dataClasses: ['customer-pii'],
      },
      {
        name: 'refunds.issue',
        access: 'write' as const,
        approval: 'human' as const,
        constraints: { maxAmountUsd: 200 },
      },
    ],
  };
  const approvedAt = NOW.minus({ days: 41 }).toISO()!;
  return {
    entityRef: 'agent:default/refund-assistant',
    name: 'refund-assistant',
    namespace: 'default',
    title: 'Refund Assistant',
    ownerRef: 'group:default/customer-care',
    state: 'active',
    inCatalog: true,
    dataClasses: scope.dataClasses,
    reviewStatus: 'not-due',
    reviewOverdueDays: 0,
    openRequests: 0,
    openFindings: 0,
    openFindingsBySeverity: { critical: 0, high: 0, medium: 0, low: 0 },
    stateChangedAt: approvedAt,
    identityId: 'spiffe://acme.example/agent/refund-assistant',
    declaredScope: scope,
    approvedScope: {
      ...scope,
      version: 2,
      approvedAt,
      approvedBy: 'user:default/nina.kowalski',
    },
    approvedVersions: 2,
    drift: { notApproved: [], notDeclared: [] },
    requests: [],
    findings: [],
    enforcement: { providers: ['gateway'] },
    ...overrides,
  };
}

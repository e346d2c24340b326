import { ApprovedScope, canonicalJson } from '@mandate/plugin-agents-common';
import { createHash } from 'node:crypto';
import { activeAgent } from '../__testUtils__/policies';
import { AgentRecord } from '../domain/agentRecord';
import { effectivePolicy, policyBundle, policyHash } from './effectivePolicy';

describe('effectivePolicy', () => {
  it('lists the approved tools of an active agent, with what each needs', () => {
    const { agent, approved } = activeAgent('refund-assistant');
    const policy = effectivePolicy(agent, approved);
    expect(policy).toMatchObject({
      apiVersion: 'mandate.dev/policy/v1',
      kind: 'AgentPolicy',
      agent: {
        ref: 'agent:default/refund-assistant',
        identity: 'spiffe://acme.example/agent/refund-assistant',
        state: 'active',
      },
      effect: 'allow-listed',
      model: {
        provider: 'anthropic',
        name: 'claude-sonnet-4-5',
        tier: 'standard',
      },
      budgets: { monthlyUsd: 400 },
      approvedScopeVersion: 2,
    });
    expect(policy.reason).toBeUndefined();
    expect(policy.tools).toEqual([
      {
        name: 'orders.lookup',
        access: 'read',
        approval: 'none',
        requiresApproval: false,
        dataClasses: ['customer-pii'],
        constraints: {},
      },
      {
        name: 'refunds.issue',
        access: 'write',
        approval: 'human',
        requiresApproval: true,
        dataClasses: ['payment'],
        constraints: {},
      },
      {
        name: 'tickets.delete',
        access: 'destructive',
        approval: 'human',
        requiresApproval: true,
        dataClasses: [],
        constraints: {},
      },
    ]);
    expect(policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('marks a destructive tool as needing approval even without approval: human', () => {
    const { agent, approved } = activeAgent('cleaner');
    approved.tools = [{ name: 'ns.delete', access: 'destructive' }];
    expect(effectivePolicy(agent, approved).tools[0]).toMatchObject({
      approval: 'none',
      requiresApproval: true,
    });
  });

  it.each(['suspended', 'decommissioning', 'retired', 'proposed'] as const)(
    'denies a %s agent everything, saying why',
    state => {
      const { agent, approved } = activeAgent('refund-assistant', { state });
      const policy = effectivePolicy(agent, approved);
      expect(policy).toMatchObject({
        effect: 'deny-all',
        tools: [],
        approvedScopeVersion: null,
        reason: `agent:default/refund-assistant is ${state}; only active agents may call tools`,
      });
    },
  );

  it('denies an active agent without an approved scope', () => {
    const { agent } = activeAgent('refund-assistant');
    expect(effectivePolicy(agent, undefined)).toMatchObject({
      effect: 'deny-all',
      tools: [],
      reason: expect.stringContaining('has no approved scope'),
    });
  });
});

describe('policyHash', () => {
  it('is the same for the same approved scope, whatever the key and tool order', () => {
    const { agent, approved } = activeAgent('refund-assistant');
    const reordered: ApprovedScope = {
      reason: approved.reason,
      approvedBy: 'someone else',
      approvedAt: '2030-01-01T00:00:00.000Z',
      version: approved.version,
      tools: [...approved.tools]
        .reverse()
        .map(tool =>
          Object.fromEntries(Object.entries(tool).reverse()),
        ) as ApprovedScope['tools'],
      dataClasses: [...approved.dataClasses].reverse(),
    };
    const first = effectivePolicy(agent, approved);
    const second = effectivePolicy(
      Object.fromEntries(Object.entries(agent).reverse()) as AgentRecord,
      reordered,
    );
    expect(second.hash).toBe(first.hash);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('is the hash of the document without its hash field', () => {
    const { agent, approved } = activeAgent('refund-assistant');
    const policy = effectivePolicy(agent, approved);
    expect(policyHash(policy)).toBe(policy.hash);
    expect(policyHash({ ...policy, budgets: { monthlyUsd: 1 } })).not.toBe(
      policy.hash,
    );
  });

  it('hashes the RFC 8785 JSON of the document, so a gateway in any language gets the same hash', () => {
    const { agent, approved } = activeAgent('refund-assistant');
    const policy = effectivePolicy(agent, {
      ...approved,
      tools: approved.tools.map(t => ({ ...t, constraints: { 10: 1, 9: 2 } })),
    });
    const { hash, ...content } = policy;
    const text = canonicalJson(content);
    // Integer-like keys sort as text, not first by value as JavaScript lays them out.
    expect(text).toContain('"constraints":{"10":1,"9":2}');
    expect(text.startsWith('{"agent":{"identity":')).toBe(true);
    expect(hash).toBe(
      `sha256:${createHash('sha256').update(text).digest('hex')}`,
    );
  });

  it('changes when the scope, the version or the state changes', () => {
    const { agent, approved } = activeAgent('refund-assistant');
    const base = effectivePolicy(agent, approved).hash;
    const variants = [
      effectivePolicy(agent, {
        ...approved,
        tools: approved.tools.slice(1),
      }),
      effectivePolicy(agent, {
        ...approved,
        tools: approved.tools.map(t =>
          t.name === 'orders.lookup' ? { ...t, access: 'write' as const } : t,
        ),
      }),
      effectivePolicy(agent, {
        ...approved,
        tools: approved.tools.map(t =>
          t.name === 'refunds.issue'
            ? { ...t, constraints: { maxAmountUsd: 200 } }
            : t,
        ),
      }),
      effectivePolicy(agent, { ...approved, version: 3 }),
      effectivePolicy({ ...agent, state: 'suspended' }, approved),
    ].map(p => p.hash);
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });
});

describe('policyBundle', () => {
  it('orders members by agent and hashes over their hashes', () => {
    const a = activeAgent('a-agent');
    const b = activeAgent('b-agent', { state: 'suspended' });
    const pa = effectivePolicy(a.agent, a.approved);
    const pb = effectivePolicy(b.agent, b.approved);

    const bundle = policyBundle([pb, pa]);
    expect(bundle.policies.map(p => p.agent.ref)).toEqual([
      'agent:default/a-agent',
      'agent:default/b-agent',
    ]);
    expect(bundle.hash).toBe(policyBundle([pa, pb]).hash);
    expect(bundle.hash).toMatch(/^sha256:[0-9a-f]{64}$/);

    const changed = effectivePolicy(a.agent, {
      ...a.approved,
      tools: a.approved.tools.slice(1),
    });
    expect(policyBundle([changed, pb]).hash).not.toBe(bundle.hash);
    expect(policyBundle([pa]).hash).not.toBe(bundle.hash);
  });
});

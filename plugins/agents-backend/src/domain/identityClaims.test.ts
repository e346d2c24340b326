import {
  IdentityClaimant,
  holderOf,
  identityHeldByAnother,
  telemetryKeysHeld,
} from './identityClaims';

const ID = 'spiffe://acme.example/agent/refund-bot';
const agent = (
  name: string,
  over: Partial<IdentityClaimant> = {},
): IdentityClaimant => ({
  entityRef: `agent:default/${name}`,
  identityId: ID,
  name,
  state: 'active',
  commissionedAt: '2025-01-01T00:00:00.000Z',
  ...over,
});

describe('identity claims', () => {
  it('gives a claim to the live agent commissioned first, never to one only proposed', () => {
    const first = agent('refund-bot');
    const later = agent('copycat', {
      commissionedAt: '2025-02-01T00:00:00.000Z',
    });
    const proposed = agent('squatter', {
      state: 'proposed',
      commissionedAt: undefined,
    });
    expect(holderOf([later, proposed, first])).toBe(first);
    expect(holderOf([proposed])).toBeUndefined();
    // A never-commissioned agent holds not even its own name.
    expect(telemetryKeysHeld(proposed, [first, proposed])).toEqual([]);
    expect(telemetryKeysHeld(first, [first, later, proposed])).toEqual([
      ID,
      'name:refund-bot',
    ]);
    expect(identityHeldByAnother(proposed, [first, proposed])).toBe(first);
  });

  it('keeps a retired holder its history until an agent that replaces it is commissioned', () => {
    const retired = agent('refund-bot', { state: 'retired' });
    const successor = agent('refund-bot-v2', {
      state: 'proposed',
      commissionedAt: undefined,
    });
    expect(telemetryKeysHeld(retired, [retired, successor])).toContain(ID);
    expect(
      identityHeldByAnother(successor, [retired, successor]),
    ).toBeUndefined();
    const commissioned = {
      ...successor,
      state: 'active' as const,
      commissionedAt: '2025-03-01T00:00:00.000Z',
    };
    expect(telemetryKeysHeld(commissioned, [retired, commissioned])).toContain(
      ID,
    );
    expect(telemetryKeysHeld(retired, [retired, commissioned])).not.toContain(
      ID,
    );
  });

  it('gives a bare name to one agent only, across namespaces', () => {
    const mine = agent('triage', { identityId: 'spiffe://a/triage' });
    const theirs = agent('triage', {
      entityRef: 'agent:payments/triage',
      identityId: 'spiffe://b/triage',
      commissionedAt: '2025-06-01T00:00:00.000Z',
    });
    expect(telemetryKeysHeld(theirs, [mine, theirs])).toEqual([
      'spiffe://b/triage',
    ]);
    expect(telemetryKeysHeld(mine, [mine, theirs])).toEqual([
      'spiffe://a/triage',
      'name:triage',
    ]);
  });
});

import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { NewCallApproval } from '@mandate/plugin-agents-common';
import { Duration } from 'luxon';
import { PEOPLE, SECURITY_GROUP } from '../__testUtils__/entities';
import { governanceFixture } from '../__testUtils__/governanceFixture';
import {
  REF,
  auditActions,
  commissioned,
  file,
} from '../__testUtils__/governanceSteps';
import { CallApprovals } from './CallApprovals';

const databases = mandateTestDatabases();
const GATEWAY = 'service:external:agent-gateway';
const IDENTITY = 'spiffe://acme.example/agent/refund-bot';

const refund = (overrides: Partial<NewCallApproval> = {}): NewCallApproval => ({
  agentRef: REF,
  identity: IDENTITY,
  tool: 'refunds.issue',
  argumentsSummary: 'refund 250.00 USD on order A-1042',
  why: 'refunds.issue needs a person (approval: human)',
  onBehalfOf: 'user:default/sam.ortiz',
  grant: { tool: 'refunds.issue', ttlSeconds: 300 },
  ...overrides,
});

describe.each(databases.eachSupportedId())('Call approvals on %s', dbId => {
  async function setup() {
    const f = await governanceFixture(databases, dbId);
    await commissioned(f);
    const approvals = new CallApprovals({
      db: f.db,
      enforcement: f.enforcement,
      notifier: f.notifier,
      logger: f.logger,
      clock: f.clock.now,
      securityGroupRef: SECURITY_GROUP,
      reviewZone: 'utc',
      expiresAfter: Duration.fromObject({ minutes: 10 }),
      // A waiting answer that missed the decision would wait a minute: the test times out.
      lookEvery: Duration.fromObject({ minutes: 1 }),
    });
    return { ...f, approvals };
  }

  it('holds a call for owner, sponsor and security, who decide it once, on the record', async () => {
    const f = await setup();
    const filed = await f.approvals.file(refund(), GATEWAY);
    expect(filed).toMatchObject({
      status: 'pending',
      agentRef: REF,
      requestedBy: GATEWAY,
      requestedAt: f.clock.iso(),
      expiresAt: f.clock.isoAt({ minutes: 10 }),
    });
    expect(f.notifier.sent.at(-1)).toEqual({
      to: expect.arrayContaining([
        'group:default/customer-care',
        SECURITY_GROUP,
      ]),
      notification: expect.objectContaining({
        title: expect.stringContaining(
          'waits for your approval: refunds.issue',
        ),
        description: expect.stringContaining('refund 250.00 USD'),
      }),
    });

    f.clock.advance({ minutes: 2 });
    const approved = await f.approvals.decide(
      filed.id,
      { decision: 'approve', reason: 'Customer is known; refund is fair' },
      PEOPLE.owner,
    );
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: PEOPLE.owner.ref,
      decisionReason: 'Customer is known; refund is fair',
    });
    await expect(
      f.approvals.decide(
        filed.id,
        { decision: 'deny', reason: 'second thoughts' },
        PEOPLE.security,
      ),
    ).rejects.toThrow(
      'This call approval is approved; it can no longer be decided',
    );
    expect(await auditActions(f)).toEqual(
      expect.arrayContaining([
        'call-approval.requested',
        'call-approval.approved',
      ]),
    );
    const { items } = await f.db.stores.audit.forAgent(REF, 1, 0);
    expect(items[0]).toMatchObject({
      action: 'call-approval.approved',
      actorRef: PEOPLE.owner.ref,
      data: { approvalId: filed.id, tool: 'refunds.issue' },
    });
  });

  it('refuses to hold calls it should refuse outright, naming why', async () => {
    const f = await setup();
    await expect(
      f.approvals.file(refund({ tool: 'payments.void' }), GATEWAY),
    ).rejects.toThrow(
      'tool: payments.void is not in the approved scope of agent:default/refund-bot',
    );
    await expect(
      f.approvals.file(
        refund({ identity: 'spiffe://acme.example/agent/someone-else' }),
        GATEWAY,
      ),
    ).rejects.toThrow(
      'identity: spiffe://acme.example/agent/someone-else is not the identity of agent:default/refund-bot',
    );
    await file(f.governance, { type: 'suspend', payload: {} }, PEOPLE.security);
    await expect(f.approvals.file(refund(), GATEWAY)).rejects.toThrow(
      'agent:default/refund-bot is suspended: its calls are refused, not held for approval',
    );
  });

  it('lets no one approve a call that acts for them or that they filed', async () => {
    const f = await setup();
    const filed = await f.approvals.file(
      refund({ onBehalfOf: PEOPLE.owner.ref }),
      GATEWAY,
    );
    await expect(
      f.approvals.decide(
        filed.id,
        { decision: 'approve', reason: 'my own refund' },
        PEOPLE.owner,
      ),
    ).rejects.toThrow(
      'cannot decide a call that agent:default/refund-bot makes on their behalf',
    );
    await expect(
      f.approvals.decide(
        filed.id,
        { decision: 'approve', reason: 'I asked for it' },
        { ref: GATEWAY, claims: [GATEWAY] },
      ),
    ).rejects.toThrow(`${GATEWAY} filed this approval and cannot decide it`);
    expect((await f.approvals.get(filed.id)).status).toBe('pending');
  });

  it('expires a call nobody decided, and a late decision is refused', async () => {
    const f = await setup();
    const filed = await f.approvals.file(
      refund({ expiresInSeconds: 60 }),
      GATEWAY,
    );
    f.clock.advance({ seconds: 61 });
    await expect(
      f.approvals.decide(
        filed.id,
        { decision: 'approve', reason: 'sorry, was at lunch' },
        PEOPLE.owner,
      ),
    ).rejects.toThrow(
      `This call approval is expired since ${filed.expiresAt}; it can no longer be decided`,
    );
    expect(await f.approvals.get(filed.id)).toMatchObject({
      status: 'expired',
      decidedBy: 'mandate:approval-expiry',
    });

    const other = await f.approvals.file(refund(), GATEWAY);
    f.clock.advance({ minutes: 11 });
    expect(await f.approvals.expireDue()).toBe(1);
    expect(await f.approvals.expireDue()).toBe(0);
    expect((await f.approvals.get(other.id)).status).toBe('expired');
    expect(
      (await auditActions(f)).filter(a => a === 'call-approval.expired'),
    ).toHaveLength(2);
  });

  it('answers a waiting gateway as soon as the call is decided', async () => {
    const f = await setup();
    const filed = await f.approvals.file(refund(), GATEWAY);
    const pending = await f.approvals.wait(filed.id, 50);
    expect(pending.status).toBe('pending');

    const waiting = f.approvals.wait(filed.id, 120_000);
    await f.approvals.decide(
      filed.id,
      { decision: 'deny', reason: 'Amount is above what we refund' },
      PEOPLE.security,
    );
    expect(await waiting).toMatchObject({
      status: 'denied',
      decisionReason: 'Amount is above what we refund',
    });
  });
});

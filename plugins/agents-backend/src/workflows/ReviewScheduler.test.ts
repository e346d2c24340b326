import { mockServices } from '@backstage/backend-test-utils';
import { Duration } from 'luxon';
import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { PEOPLE, SECURITY_GROUP, agentEntity } from '../__testUtils__/entities';
import { governanceFixture } from '../__testUtils__/governanceFixture';
import { newAgentRecord } from '../domain/agentRecord';
import { ReviewScheduler } from './ReviewScheduler';

const databases = mandateTestDatabases();
const REF = 'agent:default/refund-bot';

async function setup(
  databaseId: any,
  options: {
    cadence?: string;
    start?: string;
    zone?: string;
    autoSuspendAfter?: string;
  } = {},
) {
  const f = await governanceFixture(databases, databaseId, {
    start: options.start,
    zone: options.zone,
  });
  const entity = agentEntity('refund-bot', {
    review: { cadence: options.cadence ?? 'P3M' },
  });
  const { request } = await f.governance.fileRequest(
    { agentRef: REF, type: 'commission', reason: 'go', payload: { entity } },
    PEOPLE.owner,
  );
  await f.governance.decide(
    request.id,
    { decision: 'approve', reason: 'ok' },
    PEOPLE.security,
  );
  const scheduler = new ReviewScheduler({
    db: f.db,
    governance: f.governance,
    notifier: f.notifier,
    logger: mockServices.logger.mock(),
    clock: f.clock.now,
    securityGroupRef: SECURITY_GROUP,
    policy: {
      openBefore: Duration.fromISO('P14D'),
      escalateAfter: Duration.fromISO('P7D'),
      autoSuspendAfter: options.autoSuspendAfter
        ? Duration.fromISO(options.autoSuspendAfter)
        : undefined,
    },
  });
  f.notifier.sent.length = 0;
  return { ...f, scheduler };
}

describe.each(databases.eachSupportedId())(
  'ReviewScheduler on %s',
  databaseId => {
    it.each([
      ['P3M', '2026-01-31T10:00:00Z', 'utc', '2026-04-30T10:00:00.000Z'],
      ['P1M', '2026-01-31T10:00:00Z', 'utc', '2026-02-28T10:00:00.000Z'],
      ['P6M', '2026-08-31T10:00:00Z', 'utc', '2027-02-28T10:00:00.000Z'],
      [
        'P1M',
        '2026-03-01T09:00:00Z',
        'Europe/Berlin',
        '2026-04-01T08:00:00.000Z',
      ],
      [
        'P1M',
        '2026-10-15T16:00:00Z',
        'America/New_York',
        '2026-11-15T17:00:00.000Z',
      ],
      [
        'P1M',
        '2026-10-01T00:30:00Z',
        'America/New_York',
        '2026-10-31T00:30:00.000Z',
      ],
    ])(
      'counts a %s cadence commissioned %s in %s from the calendar',
      async (cadence, start, zone, due) => {
        const f = await setup(databaseId, { cadence, start, zone });
        expect((await f.db.stores.agents.get(REF))!.nextReviewDueAt).toBe(due);
      },
    );

    it('opens the review two weeks before it is due and tells the owner, once', async () => {
      const f = await setup(databaseId);
      f.clock.set('2026-03-20T09:00:00Z'); // due 2026-04-05
      expect(await f.scheduler.run()).toEqual({
        opened: 0,
        escalated: 0,
        suspended: 0,
      });
      f.clock.set('2026-03-23T09:00:00Z');
      expect(await f.scheduler.run()).toEqual({
        opened: 1,
        escalated: 0,
        suspended: 0,
      });
      expect(await f.scheduler.run()).toEqual({
        opened: 0,
        escalated: 0,
        suspended: 0,
      });
      const review = (await f.db.stores.reviews.openFor(REF))!;
      expect(review).toMatchObject({
        dueAt: '2026-04-05T09:00:00.000Z',
        periodStart: '2026-01-05T09:00:00.000Z',
        escalationLevel: 1,
      });
      expect(f.notifier.sent).toEqual([
        expect.objectContaining({
          to: ['group:default/customer-care'],
          notification: expect.objectContaining({
            link: '/catalog/default/agent/refund-bot/review',
          }),
        }),
      ]);
    });

    it('escalates an overdue review to the sponsor, then to security, with a finding', async () => {
      const f = await setup(databaseId);
      f.clock.set('2026-04-08T09:00:00Z'); // 3 days overdue
      await f.scheduler.run();
      expect(
        (
          await f.db.stores.findings.list({
            agentRef: REF,
            status: 'open',
            limit: 10,
            offset: 0,
          })
        ).items,
      ).toEqual([
        expect.objectContaining({
          type: 'review-overdue',
          severity: 'medium',
          evidence: expect.objectContaining({ overdueDays: 3 }),
        }),
      ]);
      f.notifier.sent.length = 0;

      f.clock.set('2026-04-13T09:00:00Z'); // 8 days: sponsor
      expect((await f.scheduler.run()).escalated).toBe(1);
      expect(f.notifier.sent.map(n => n.to)).toEqual([
        ['user:default/dana.lee'],
      ]);

      f.clock.set('2026-04-20T09:00:00Z'); // 15 days: security
      expect((await f.scheduler.run()).escalated).toBe(1);
      expect(f.notifier.sent.map(n => n.to)).toEqual([
        ['user:default/dana.lee'],
        [SECURITY_GROUP],
      ]);
      expect((await f.db.stores.reviews.openFor(REF))!.escalationLevel).toBe(3);
      const [finding] = (
        await f.db.stores.findings.list({
          agentRef: REF,
          status: 'open',
          limit: 10,
          offset: 0,
        })
      ).items;
      expect(finding.severity).toBe('high');
      expect((await f.db.stores.agents.get(REF))!.state).toBe('active');
    });

    it('suspends after the grace period when configured, and a completed review clears the finding', async () => {
      const f = await setup(databaseId, { autoSuspendAfter: 'P30D' });
      f.clock.set('2026-05-04T09:00:00Z'); // 29 days overdue
      expect((await f.scheduler.run()).suspended).toBe(0);
      f.clock.set('2026-05-06T09:00:00Z'); // 31 days overdue
      expect((await f.scheduler.run()).suspended).toBe(1);
      const agent = (await f.db.stores.agents.get(REF))!;
      expect(agent.state).toBe('suspended');
      const [latest] = (await f.db.stores.audit.forAgent(REF, 1, 0)).items;
      expect(latest).toMatchObject({
        action: 'agent.suspended',
        actorRef: 'mandate:review-scheduler',
      });
      expect(await f.db.stores.reviews.openFor(REF)).toBeUndefined();

      // Resumed, the overdue review is due at once instead of suspending again.
      await f.governance.fileRequest(
        {
          agentRef: REF,
          type: 'resume',
          reason: 'owner is on it',
          payload: {},
        },
        PEOPLE.security,
      );
      expect((await f.scheduler.run()).suspended).toBe(0);
      const review = (await f.db.stores.reviews.openFor(REF))!;
      await f.governance.submitReview(
        review.id,
        {
          decisions: ['orders.lookup', 'refunds.issue', 'tickets.delete'].map(
            tool => ({ tool, decision: 'keep' as const }),
          ),
          attestation: 'All still needed, checked.',
        },
        PEOPLE.owner,
      );
      expect(
        (
          await f.db.stores.findings.list({
            agentRef: REF,
            status: 'open',
            limit: 10,
            offset: 0,
          })
        ).totalCount,
      ).toBe(0);
    });

    it('opens the reviews of a large estate in batches, escalates them in bulk, and a second pass writes nothing new', async () => {
      const f = await setup(databaseId);
      // 600 more active agents (more than one batch of 500): 200 due in a week, 200
      // overdue by 3 days, 200 by 10.
      const due = ['2026-03-30', '2026-03-20', '2026-03-13'];
      await f.db.transaction(async s => {
        for (let i = 0; i < 600; i++) {
          const record = newAgentRecord(
            agentEntity(`bulk-${String(i).padStart(4, '0')}`),
            '2026-01-01T00:00:00.000Z',
            true,
          );
          await s.agents.insert({
            ...record,
            state: 'active',
            commissionedAt: '2026-01-01T00:00:00.000Z',
            nextReviewDueAt: `${due[i % 3]}T09:00:00.000Z`,
          });
        }
      });
      f.clock.set('2026-03-23T09:00:00Z'); // refund-bot's review opens too (due 04-05)
      const auditBefore = (await f.db.stores.audit.head()).seq;

      expect(await f.scheduler.run()).toEqual({
        opened: 601,
        escalated: 200,
        suspended: 0,
      });
      expect((await f.db.stores.reviews.allOpen()).length).toBe(601);
      const overdue = await f.db.stores.findings.list({
        type: 'review-overdue',
        status: 'open',
        limit: 1,
        offset: 0,
      });
      expect(overdue.totalCount).toBe(400);
      const afterFirst = await f.db.stores.audit.head();
      expect(afterFirst.seq - auditBefore).toBe(601 + 200);
      expect((await f.db.stores.audit.verify()).ok).toBe(true);
      const [escalated] = (
        await f.db.stores.audit.forAgent('agent:default/bulk-0002', 1, 0)
      ).items;
      expect(escalated).toMatchObject({
        action: 'review.escalated',
        data: { level: 2, overdueDays: 10, to: ['user:default/dana.lee'] },
      });
      expect(f.notifier.sent).toHaveLength(601 + 200);

      f.notifier.sent.length = 0;
      f.clock.set('2026-03-23T10:00:00Z');
      expect(await f.scheduler.run()).toEqual({
        opened: 0,
        escalated: 0,
        suspended: 0,
      });
      expect((await f.db.stores.audit.head()).seq).toBe(afterFirst.seq);
      expect(f.notifier.sent).toEqual([]);
      const [finding] = (
        await f.db.stores.findings.list({
          agentRef: 'agent:default/bulk-0001',
          status: 'open',
          limit: 1,
          offset: 0,
        })
      ).items;
      expect(finding).toMatchObject({
        lastSeenAt: '2026-03-23T10:00:00.000Z',
        evidence: { overdueDays: 3, escalationLevel: 1 },
      });
    });
  },
);

import { ConflictError, InputError } from '@backstage/errors';
import {
  InMemoryEnforcementLayer,
  TestClock,
  mandateTestDatabases,
} from '@mandate/plugin-agents-node/testUtils';
import { PEOPLE } from '../__testUtils__/entities';
import {
  FIXTURE_START,
  governanceFixture,
} from '../__testUtils__/governanceFixture';
import {
  REF,
  auditActions,
  commissioned,
  declared,
  openReview,
} from '../__testUtils__/governanceSteps';

const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'Scope reviews on %s',
  databaseId => {
    describe('reviews', () => {
      it('applies revocations at once, moves the due date and keeps the review as submitted', async () => {
        const clock = new TestClock(FIXTURE_START);
        const provider = new InMemoryEnforcementLayer({ clock });
        provider.usage.set('spiffe://acme.example/agent/refund-bot', [
          {
            tool: 'orders.lookup',
            calls: 120,
            denials: 2,
            errors: 0,
            grantsIssued: 4,
            lastUsedAt: '2026-02-01T00:00:00.000Z',
          },
          {
            tool: 'refunds.issue',
            calls: 8,
            denials: 0,
            errors: 0,
            grantsIssued: 8,
          },
        ]);
        const f = await governanceFixture(databases, databaseId, {
          providers: [provider],
          clock,
        });
        await commissioned(f);
        f.clock.set('2026-03-25T12:00:00Z');
        const id = await openReview(f);
        const review = await f.governance.submitReview(
          id,
          {
            decisions: [
              { tool: 'orders.lookup', decision: 'keep' },
              { tool: 'refunds.issue', decision: 'keep' },
              { tool: 'tickets.delete', decision: 'revoke' },
            ],
            attestation: 'Reviewed with the team; delete was never used.',
          },
          PEOPLE.owner,
        );
        expect(review).toMatchObject({
          status: 'completed',
          completedBy: PEOPLE.owner.ref,
        });
        expect(
          review.tools!.find(t => t.tool === 'tickets.delete'),
        ).toMatchObject({
          calls: 0,
          recommendation: 'revoke',
          usageKnown: true,
        });
        expect(
          review.tools!.find(t => t.tool === 'orders.lookup'),
        ).toMatchObject({ calls: 120, denials: 2, recommendation: 'keep' });

        const agent = (await f.db.stores.agents.get(REF))!;
        expect(agent.approvedVersion).toBe(2);
        expect(
          (await f.db.stores.agents.approvedScope(REF, 2))!.tools.map(
            t => t.name,
          ),
        ).toEqual(['orders.lookup', 'refunds.issue']);
        expect(agent.lastReviewCompletedAt).toBe('2026-03-25T12:00:00.000Z');
        expect(agent.nextReviewDueAt).toBe('2026-06-25T12:00:00.000Z');
        expect(await f.db.stores.reviews.get(id)).toMatchObject({
          status: 'completed',
          attestation: 'Reviewed with the team; delete was never used.',
        });

        await expect(
          f.governance.submitReview(
            id,
            { decisions: [], attestation: 'second try here' },
            PEOPLE.owner,
          ),
        ).rejects.toThrow(ConflictError);
      });

      it('lets exactly one of two concurrent submissions win', async () => {
        const f = await governanceFixture(databases, databaseId);
        await commissioned(f);
        const id = await openReview(f);
        const submission = (decision: 'keep' | 'revoke') => ({
          decisions: declared.tools.map(t => ({ tool: t.name, decision })),
          attestation: `All tools: ${decision}, reviewed.`,
        });
        const results = await Promise.allSettled([
          f.governance.submitReview(id, submission('keep'), PEOPLE.owner),
          f.governance.submitReview(id, submission('revoke'), PEOPLE.security),
        ]);
        expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
        const [rejected] = results.filter(
          (r): r is PromiseRejectedResult => r.status === 'rejected',
        );
        expect(rejected.reason).toBeInstanceOf(ConflictError);
        const winner = (await f.db.stores.reviews.get(id))!;
        const expectedVersion =
          winner.decisions![0].decision === 'revoke' ? 2 : 1;
        expect((await f.db.stores.agents.get(REF))!.approvedVersion).toBe(
          expectedVersion,
        );
        expect(
          (await auditActions(f)).filter(a => a === 'review.completed'),
        ).toHaveLength(1);
      });

      it('requires one decision per approved tool, naming what is wrong, and writes nothing', async () => {
        const f = await governanceFixture(databases, databaseId);
        await commissioned(f);
        const id = await openReview(f);
        const chain = await f.db.stores.audit.verify();
        await expect(
          f.governance.submitReview(
            id,
            {
              decisions: [{ tool: 'orders.lookup', decision: 'keep' }],
              attestation: 'Looks fine to me.',
            },
            PEOPLE.owner,
          ),
        ).rejects.toThrow(
          'decisions: decide keep or revoke for every tool; missing refunds.issue, tickets.delete',
        );
        await expect(
          f.governance.submitReview(
            id,
            {
              decisions: [{ tool: 'shell.exec', decision: 'keep' }],
              attestation: 'Looks fine to me.',
            },
            PEOPLE.owner,
          ),
        ).rejects.toThrow(InputError);
        expect((await f.db.stores.reviews.get(id))!.status).toBe('open');
        expect(await f.db.stores.audit.verify()).toEqual(chain);
      });
    });
  },
);

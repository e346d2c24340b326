import { randomUUID } from 'node:crypto';
import { PEOPLE, agentEntity } from './entities';
import { governanceFixture } from './governanceFixture';
import { Actor, Governance, NewRequest } from '../workflows/Governance';

// Steps the workflow tests share: an agent commissioned through the workflows, a request
// filed for it, the audit actions it produced, a review opened for it.

export const REF = 'agent:default/refund-bot';
export const entity = agentEntity('refund-bot');
export const declared = {
  dataClasses: entity.spec.dataClasses!,
  tools: entity.spec.tools,
};

export type Fixture = Awaited<ReturnType<typeof governanceFixture>>;

export async function commissioned(f: Fixture, ref = REF) {
  const name = ref.split('/')[1];
  const { request } = await f.governance.fileRequest(
    {
      agentRef: ref,
      type: 'commission',
      reason: 'Launch',
      payload: { entity: agentEntity(name) },
    },
    PEOPLE.owner,
  );
  await f.governance.decide(
    request.id,
    { decision: 'approve', reason: 'ok' },
    PEOPLE.security,
  );
  return request;
}

export const file = (
  g: Governance,
  input: Omit<NewRequest, 'agentRef' | 'reason'> & { agentRef?: string },
  actor: Actor = PEOPLE.owner,
) =>
  g.fileRequest(
    { agentRef: REF, reason: 'because', ...input } as NewRequest,
    actor,
  );

export async function auditActions(f: Fixture, ref = REF) {
  const { items } = await f.db.stores.audit.forAgent(ref, 100, 0);
  return items.map(e => e.action).reverse();
}

export async function openReview(f: Pick<Fixture, 'db' | 'clock'>, ref = REF) {
  const agent = (await f.db.stores.agents.get(ref))!;
  const id = randomUUID();
  await f.db.stores.reviews.insert({
    id,
    agentRef: ref,
    status: 'open',
    dueAt: agent.nextReviewDueAt!,
    openedAt: f.clock.iso(),
    periodStart: agent.commissionedAt!,
    periodEnd: agent.nextReviewDueAt!,
    escalationLevel: 1,
  });
  return id;
}

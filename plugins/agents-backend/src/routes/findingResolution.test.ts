import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { AgentsDatabase } from '../database/AgentsDatabase';
import { startAgentsApi } from '../__testUtils__/agentsApi';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())(
  'resolving findings, on %p',
  databaseId => {
    it('lets security close a finding with a reason on the record, and no one else', async () => {
      const api = await startAgentsApi(databases, databaseId, {});
      const ref = await api.commissionedAgent('refund-bot');
      const db = new AgentsDatabase(api.knex);
      await db.stores.findings.report(
        {
          agentRef: ref,
          subject: ref,
          type: 'owner-disagreement',
          severity: 'high',
          message: 'The catalog gave refund-bot to another owner',
          evidence: {},
        },
        api.clock.iso(),
      );
      const [finding] = (
        await api.as('security').get(`/v1/findings?agentRef=${ref}`)
      ).body.items;
      const resolve = (who: Parameters<typeof api.as>[0]) =>
        api.as(who).post(`/v1/findings/${finding.id}/resolution`, {
          reason: 'Checked: the catalog is right',
        });
      expect(
        await api.statuses(resolve, ['owner', 'otherTeam', 'anonymous']),
      ).toEqual({ owner: 403, otherTeam: 403, anonymous: 401 });
      const resolved = await resolve('security');
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({
        id: finding.id,
        status: 'resolved',
      });
      expect((await resolve('security')).status).toBe(409);
      const trail = await api
        .as('security')
        .get(`/v1/agents/default/refund-bot/audit`);
      expect(trail.body.items[0]).toMatchObject({
        action: 'finding.resolved',
        actorRef: 'user:default/nina.kowalski',
        data: {
          findingId: finding.id,
          reason: 'Checked: the catalog is right',
        },
      });
      expect(
        (
          await api
            .as('security')
            .post(`/v1/findings/${finding.id}/resolution`, { reason: 'x' })
        ).status,
      ).toBe(400);
    });
  },
);

import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { AgentsApi, startAgentsApi } from '../__testUtils__/agentsApi';
import { PEOPLE, SECURITY_GROUP } from '../__testUtils__/entities';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())('audit routes on %s', databaseId => {
  let api: AgentsApi;
  beforeAll(async () => {
    api = await startAgentsApi(databases, databaseId, {
      securityGroup: SECURITY_GROUP,
    });
  });

  it('verifies and exports the audit trail for security; owners export only their own agents', async () => {
    const ref = await api.commissionedAgent('audit-matrix');
    expect(
      await api.statuses(who => api.as(who).get('/v1/audit/verify')),
    ).toEqual({
      owner: 403,
      otherTeam: 403,
      security: 200,
      anonymous: 401,
    });
    expect(
      await api.statuses(who => api.as(who).get('/v1/audit/export')),
    ).toEqual({
      owner: 403,
      otherTeam: 403,
      security: 200,
      anonymous: 401,
    });
    const own = await api.as('owner').get(`/v1/audit/export?agentRef=${ref}`);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toContain('application/x-ndjson');
    const lines = own.text
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    // The agent's records, then the signed checkpoint the export was cut at.
    expect(lines.pop()).toEqual({
      checkpoint: expect.any(String),
      agentRef: ref,
    });
    expect(lines.map(e => e.action)).toEqual([
      'agent.registered',
      'request.filed',
      'request.approved',
      'scope.commissioned',
      'agent.commissioned',
    ]);
    expect(
      (await api.as('otherTeam').get(`/v1/audit/export?agentRef=${ref}`))
        .status,
    ).toBe(403);
    expect(
      (await api.as('security').get('/v1/audit/verify')).body,
    ).toMatchObject({ ok: true });

    await api
      .knex('audit_events')
      .where({ agent_ref: ref, action: 'request.approved' })
      .update({ actor_ref: 'user:default/mallory' });
    const broken = await api.as('security').get('/v1/audit/verify');
    expect(broken.body).toMatchObject({
      ok: false,
      reason: expect.stringContaining('was changed after it was written'),
    });
    await api
      .knex('audit_events')
      .where({ agent_ref: ref, action: 'request.approved' })
      .update({ actor_ref: PEOPLE.security.ref });
  });
});

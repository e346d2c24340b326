import { mandateTestDatabases } from '@mandate/plugin-agents-node/testUtils';
import { AgentsApi, startAgentsApi } from '../__testUtils__/agentsApi';
import { PEOPLE, SECURITY_GROUP } from '../__testUtils__/entities';

jest.setTimeout(60_000);
const databases = mandateTestDatabases();

describe.each(databases.eachSupportedId())('agent routes on %s', databaseId => {
  let api: AgentsApi;
  beforeAll(async () => {
    api = await startAgentsApi(databases, databaseId, {
      securityGroup: SECURITY_GROUP,
    });
  });

  it('summarises exactly the estate each caller may list', async () => {
    await api.commissionedAgent('summary-bot');
    for (const who of ['owner', 'otherTeam', 'security'] as const) {
      const summary = (await api.as(who).get('/v1/estate/summary')).body;
      const listed = (await api.as(who).get('/v1/agents?limit=500')).body;
      expect({ who, total: summary.total }).toEqual({
        who,
        total: listed.totalCount,
      });
      const notRetired = listed.items.filter(
        (a: any) =>
          a.state !== 'retired' && a.dataClasses.includes('customer-pii'),
      ).length;
      expect(summary.agentsByDataClass['customer-pii'] ?? 0).toBe(notRetired);
    }
    const security = (await api.as('security').get('/v1/estate/summary')).body;
    expect(security.byState.active).toBeGreaterThan(0);
    expect((await api.as('anonymous').get('/v1/estate/summary')).status).toBe(
      401,
    );
  });

  it('exports the estate each caller may see as CSV, with the list filters', async () => {
    await api.commissionedAgent('csv-bot');
    const owner = await api
      .as('owner')
      .get('/v1/agents/export.csv?state=active');
    expect(owner.status).toBe(200);
    expect(owner.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = owner.text.trim().split('\r\n');
    expect(header).toBe(
      'entityRef,title,owner,sponsor,state,modelTier,highestAccess,dataClasses,reviewStatus,reviewDueAt,reviewOverdueDays,openRequests,openFindings,criticalFindings,highFindings,maturityScore,lastActivityAt',
    );
    expect(rows.find(r => r.startsWith('agent:default/csv-bot,'))).toContain(
      ',group:default/customer-care,user:default/dana.lee,active,standard,destructive,customer-pii payment,not-due,',
    );
    expect(rows.every(r => r.includes(',active,'))).toBe(true);
    const other = await api.as('otherTeam').get('/v1/agents/export.csv');
    expect(other.text).not.toContain('agent:default/csv-bot');
    expect(
      (await api.as('anonymous').get('/v1/agents/export.csv')).status,
    ).toBe(401);
  });

  it('shows the agent detail with approved scope and drift', async () => {
    await api.commissionedAgent('detail');
    const res = await api.as('owner').get('/v1/agents/default/detail');
    expect(res.body).toMatchObject({
      entityRef: 'agent:default/detail',
      state: 'active',
      reviewStatus: 'not-due',
      approvedVersions: 1,
      approvedScope: { version: 1, approvedBy: PEOPLE.security.ref },
      drift: { notApproved: [], notDeclared: [] },
      // the OTLP receiver is on by default, so its store answers for telemetry
      enforcement: { providers: ['mandate-telemetry'] },
      openFindingsBySeverity: { critical: 0, high: 0, medium: 0, low: 0 },
    });
    expect(res.body.enforcement.note).toBeUndefined();
    expect(res.body.requests).toEqual([
      expect.objectContaining({ type: 'commission', status: 'applied' }),
    ]);
  });
});

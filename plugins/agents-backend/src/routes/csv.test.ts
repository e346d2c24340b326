import { AgentSummary } from '@mandate/plugin-agents-common';
import { agentsCsv } from './csv';

const agent: AgentSummary = {
  entityRef: 'agent:default/quoted',
  name: 'quoted',
  namespace: 'default',
  title: 'Says "hi", twice',
  ownerRef: 'group:default/customer-care',
  state: 'active',
  inCatalog: true,
  dataClasses: ['customer-pii', 'payment'],
  reviewStatus: 'overdue',
  reviewDueAt: '2026-11-01T00:00:00.000Z',
  reviewOverdueDays: 21,
  openRequests: 0,
  openFindings: 2,
  openFindingsBySeverity: { critical: 0, high: 2, medium: 0, low: 0 },
  stateChangedAt: '2026-01-01T00:00:00.000Z',
};

describe('agentsCsv', () => {
  it('quotes commas and quotes, and defuses cells a spreadsheet would run', () => {
    const csv = agentsCsv([
      agent,
      { ...agent, entityRef: 'agent:default/evil', title: '=HYPERLINK("x")' },
    ]);
    const [, first, second] = csv.split('\r\n');
    expect(first).toBe(
      'agent:default/quoted,"Says ""hi"", twice",group:default/customer-care,,active,,,customer-pii payment,overdue,2026-11-01T00:00:00.000Z,21,0,2,0,2,,',
    );
    expect(second.split(',')[1]).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+2', "'\t=1+2"],
    ['\r=1+2', `"'\r=1+2"`],
    ['plain', 'plain'],
  ])('defuses a title beginning %j', (title, exported) => {
    const [, row] = agentsCsv([{ ...agent, title }]).split('\r\n');
    expect(row.split(',')[1]).toBe(exported);
  });
});

import { screen, within } from '@testing-library/react';
import { EstateSummary } from '@mandate/plugin-agents-common';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { EstateSummaryTiles, SummaryView } from './EstateSummaryTiles';

describe('SummaryView', () => {
  it('shows the counts security watches, and bars for states, findings and data classes', async () => {
    await renderInAgentsTestApp(
      <SummaryView
        summary={{
          total: 18,
          byState: { active: 14, proposed: 2, suspended: 1, retired: 1 },
          overdueReviews: 1,
          findingsByType: {
            'review-overdue': 1,
            orphaned: 1,
            uncommissioned: 1,
          },
          agentsByDataClass: { 'customer-pii': 7, financial: 3 },
        }}
      />,
    );
    expect(
      within(screen.getByRole('group', { name: 'Agents' })).getByText('18'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('group', { name: 'Awaiting commission' }),
      ).getByText('2'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Open findings' })).getByText(
        '3',
      ),
    ).toBeInTheDocument();
    const dataClasses = within(
      screen.getByRole('list', { name: 'Agents reaching each data class' }),
    ).getAllByRole('listitem');
    expect(dataClasses.map(li => li.textContent)).toEqual([
      'customer-pii7',
      'financial3',
    ]);
  });

  it('says none when there are no findings', async () => {
    await renderInAgentsTestApp(
      <SummaryView
        summary={{
          total: 0,
          byState: {},
          overdueReviews: 0,
          findingsByType: {},
          agentsByDataClass: {},
        }}
      />,
    );
    expect(screen.getAllByText('None.')).toHaveLength(3);
  });

  it('keeps the tiles on show while the page reads the summary again', async () => {
    const summary = (suspended: number): EstateSummary => ({
      total: 2,
      byState: { active: 2 - suspended, suspended },
      overdueReviews: 0,
      findingsByType: {},
      agentsByDataClass: {},
    });
    const { rerender } = await renderInAgentsTestApp(
      <EstateSummaryTiles summary={{ value: summary(0), loading: false }} />,
    );
    const suspended = () =>
      within(screen.getByRole('group', { name: 'Suspended' })).getByRole(
        'heading',
      ).textContent;
    expect(suspended()).toBe('0');
    rerender(
      <EstateSummaryTiles summary={{ value: summary(0), loading: true }} />,
    );
    expect(suspended()).toBe('0');
    expect(screen.queryByRole('progressbar')).toBeNull();
    rerender(
      <EstateSummaryTiles summary={{ value: summary(1), loading: false }} />,
    );
    expect(suspended()).toBe('1');
  });
});

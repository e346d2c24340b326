import { screen, within } from '@testing-library/react';
import {
  agent,
  renderAgentsTable,
  reviewDueAt,
} from './__testUtils__/agentsTable';
import { NOW } from '../shared/__testUtils__/clock';

describe('AgentsTable: rows', () => {
  it('lists agents with owner, state, access, data classes and review status', async () => {
    const listAgents = jest.fn().mockResolvedValue({
      items: [
        agent('refund-assistant', { title: 'Refund Assistant' }),
        agent('analytics-copilot', {
          reviewStatus: 'overdue',
          reviewOverdueDays: 19,
        }),
      ],
      totalCount: 2,
      limit: 25,
      offset: 0,
    });
    await renderAgentsTable(listAgents);
    expect(
      await screen.findByRole('link', { name: 'Refund Assistant' }),
    ).toHaveAttribute('href', '/catalog/default/agent/refund-assistant');
    const rows = within(
      screen.getByRole('table', { name: 'Agents' }),
    ).getAllByRole('row');
    expect(
      within(rows[1]).getByText(`due ${reviewDueAt.slice(0, 10)}`),
    ).toBeInTheDocument();
    expect(within(rows[2]).getByText('19 days overdue')).toBeInTheDocument();
    expect(listAgents).toHaveBeenCalledWith({
      orderBy: 'name',
      order: 'asc',
      limit: 25,
      offset: 0,
    });
  });

  it('shows maturity, last activity and open findings by severity', async () => {
    const listAgents = jest.fn().mockResolvedValue({
      items: [
        agent('mature', {
          maturityScore: 92,
          lastActivityAt: NOW.minus({ hours: 3.5 }).toISO()!,
          openFindingsBySeverity: { critical: 2, high: 0, medium: 1, low: 0 },
        }),
        agent('unassessed', {
          openFindings: 0,
          openFindingsBySeverity: { critical: 0, high: 0, medium: 0, low: 0 },
        }),
      ],
      totalCount: 2,
      limit: 25,
      offset: 0,
    });
    await renderAgentsTable(listAgents);
    await screen.findByRole('link', { name: 'mature' });
    const table = screen.getByRole('table', { name: 'Agents' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    const column = (row: HTMLElement, name: string) =>
      within(row).getAllByRole('cell')[headers.indexOf(name)];
    const rows = within(table).getAllByRole('row');
    expect(column(rows[1], 'Maturity')).toHaveTextContent('92');
    expect(column(rows[2], 'Maturity')).toHaveTextContent('not evaluated');
    expect(column(rows[1], 'Last activity')).toHaveTextContent('3 hours ago');
    expect(column(rows[2], 'Last activity')).toHaveTextContent('none');
    expect(column(rows[1], 'Open findings')).toHaveTextContent(
      '2 critical1 medium',
    );
    expect(column(rows[2], 'Open findings')).toHaveTextContent('—');
  });

  it('says so when nothing matches', async () => {
    const empty = jest
      .fn()
      .mockResolvedValue({ items: [], totalCount: 0, limit: 25, offset: 0 });
    await renderAgentsTable(empty);
    expect(
      await screen.findByText('No agents match these filters.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend refuses', async () => {
    const failing = jest
      .fn()
      .mockRejectedValue(new Error('You may not read agents'));
    await renderAgentsTable(failing);
    expect(
      await screen.findByText('Error: You may not read agents'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Agents' })).toBeNull();
  });
});

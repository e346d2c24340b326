import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AgentSummary, AgentsApi } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { AgentsTable } from './AgentsTable';

const agent = (
  name: string,
  overrides: Partial<AgentSummary> = {},
): AgentSummary => ({
  entityRef: `agent:default/${name}`,
  name,
  namespace: 'default',
  ownerRef: 'group:default/customer-care',
  state: 'active',
  inCatalog: true,
  modelTier: 'standard',
  highestAccess: 'write',
  dataClasses: ['customer-pii'],
  reviewStatus: 'not-due',
  reviewDueAt: '2027-01-08T00:00:00.000Z',
  reviewOverdueDays: 0,
  openRequests: 0,
  openFindings: 1,
  stateChangedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

function render(listAgents: jest.Mock, exportAgentsCsv: jest.Mock = jest.fn()) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [agentsApiRef, { listAgents, exportAgentsCsv } as Partial<AgentsApi>],
      ]}
    >
      <AgentsTable />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('AgentsTable', () => {
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
    await render(listAgents);
    expect(
      await screen.findByRole('link', { name: 'Refund Assistant' }),
    ).toHaveAttribute('href', '/catalog/default/agent/refund-assistant');
    const rows = within(
      screen.getByRole('table', { name: 'Agents' }),
    ).getAllByRole('row');
    expect(within(rows[1]).getByText('due 2027-01-08')).toBeInTheDocument();
    expect(within(rows[2]).getByText('19 days overdue')).toBeInTheDocument();
    expect(listAgents).toHaveBeenCalledWith({
      orderBy: 'name',
      order: 'asc',
      limit: 25,
      offset: 0,
    });
  });

  it('asks the server for the filtered, sorted page', async () => {
    const listAgents = jest.fn().mockResolvedValue({
      items: [agent('a')],
      totalCount: 120,
      limit: 25,
      offset: 0,
    });
    await render(listAgents);
    await screen.findByRole('link', { name: 'a' });
    fireEvent.click(screen.getByRole('button', { name: 'State' }));
    await waitFor(() => expect(listAgents).toHaveBeenCalledTimes(2));
    fireEvent.click(screen.getByRole('button', { name: /Go to next page/i }));
    await waitFor(() =>
      expect(listAgents).toHaveBeenLastCalledWith({
        orderBy: 'state',
        order: 'asc',
        limit: 25,
        offset: 25,
      }),
    );
  });

  it('exports the filtered estate as CSV, and says when the export fails', async () => {
    const listAgents = jest.fn().mockResolvedValue({
      items: [agent('a')],
      totalCount: 1,
      limit: 25,
      offset: 0,
    });
    const exportAgentsCsv = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend down'));
    await render(listAgents, exportAgentsCsv);
    await screen.findByRole('link', { name: 'a' });
    fireEvent.click(screen.getByRole('button', { name: 'State' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(
      await screen.findByText('Export failed: backend down'),
    ).toBeInTheDocument();
    expect(exportAgentsCsv).toHaveBeenCalledWith({
      orderBy: 'state',
      order: 'asc',
    });
  });

  it('says so when nothing matches', async () => {
    const empty = jest
      .fn()
      .mockResolvedValue({ items: [], totalCount: 0, limit: 25, offset: 0 });
    await render(empty);
    expect(
      await screen.findByText('No agents match these filters.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend refuses', async () => {
    const failing = jest
      .fn()
      .mockRejectedValue(new Error('You may not read agents'));
    await render(failing);
    expect(
      await screen.findByText('Error: You may not read agents'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Agents' })).toBeNull();
  });
});

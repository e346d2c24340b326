import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  FILTERED_QUERY,
  FILTERED_URL,
  agent,
  onePage,
  renderAgentsTable,
} from './__testUtils__/agentsTable';

describe('AgentsTable: CSV export', () => {
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
    await renderAgentsTable(listAgents, exportAgentsCsv);
    await screen.findByRole('link', { name: 'a' });
    const sortByState = screen.getByRole('button', { name: 'State' });
    const exportCsv = screen.getByRole('button', { name: 'Export CSV' });
    fireEvent.click(sortByState);
    fireEvent.click(exportCsv);
    expect(
      await screen.findByText('Export failed: backend down'),
    ).toBeInTheDocument();
    expect(exportAgentsCsv).toHaveBeenCalledWith({
      orderBy: 'state',
      order: 'asc',
    });
  });

  it('exports exactly the filters and sort of the list a link opens', async () => {
    const listAgents = onePage();
    const exportAgentsCsv = jest.fn().mockResolvedValue('name\n');
    global.URL.createObjectURL = jest.fn(() => 'blob:agents');
    global.URL.revokeObjectURL = jest.fn();
    const download = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    try {
      await renderAgentsTable(listAgents, exportAgentsCsv, {
        url: FILTERED_URL,
      });
      await screen.findByRole('link', { name: 'a' });
      fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
      await waitFor(() => expect(download).toHaveBeenCalledTimes(1));
      const { limit, offset, ...listed } = listAgents.mock.lastCall[0];
      expect(listed).toEqual({
        ...FILTERED_QUERY,
        orderBy: 'maturityScore',
        order: 'desc',
      });
      expect(exportAgentsCsv).toHaveBeenCalledWith(listed);
    } finally {
      download.mockRestore();
    }
  });
});

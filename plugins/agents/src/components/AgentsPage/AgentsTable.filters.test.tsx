import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { agent, renderAgentsTable } from './__testUtils__/agentsTable';

describe('AgentsTable: filters, search, sort and pages', () => {
  it('asks the server for the filtered, sorted page', async () => {
    const listAgents = jest.fn().mockResolvedValue({
      items: [agent('a')],
      totalCount: 120,
      limit: 25,
      offset: 0,
    });
    await renderAgentsTable(listAgents);
    await screen.findByRole('link', { name: 'a' });
    const sortByState = screen.getByRole('button', { name: 'State' });
    const nextPage = screen.getByRole('button', { name: /Go to next page/i });
    fireEvent.click(sortByState);
    await waitFor(() => expect(listAgents).toHaveBeenCalledTimes(2));
    fireEvent.click(nextPage);
    await waitFor(() =>
      expect(listAgents).toHaveBeenLastCalledWith({
        orderBy: 'state',
        order: 'asc',
        limit: 25,
        offset: 25,
      }),
    );
  });

  it('searches on the server once typing pauses for 300 ms', async () => {
    // Fake timers: the test steps over the debounce instead of waiting for it.
    jest.useFakeTimers();
    try {
      const listAgents = jest.fn().mockResolvedValue({
        items: [agent('refund-assistant')],
        totalCount: 1,
        limit: 25,
        offset: 0,
      });
      await renderAgentsTable(listAgents);
      const search = screen.getByRole('textbox', {
        name: 'Search name, title or identity',
      });
      fireEvent.change(search, { target: { value: 'ref' } });
      act(() => jest.advanceTimersByTime(200));
      fireEvent.change(search, { target: { value: ' refund ' } });
      act(() => jest.advanceTimersByTime(299));
      expect(listAgents).toHaveBeenCalledTimes(1);

      act(() => jest.advanceTimersByTime(1));
      await waitFor(() => expect(listAgents).toHaveBeenCalledTimes(2));
      expect(listAgents).toHaveBeenLastCalledWith({
        q: 'refund',
        orderBy: 'name',
        order: 'asc',
        limit: 25,
        offset: 0,
      });
    } finally {
      jest.useRealTimers();
    }
  });

  // Six menus opened and chosen, the longest test here: about 1 s idle, 2-3 s with a cold
  // cache on a loaded 2-core machine, so jest's default 5 s leaves too little headroom.
  it('filters by model tier, access, data class, finding severity and maturity on the server, and exports the same', async () => {
    const listAgents = jest.fn().mockResolvedValue({
      items: [agent('a')],
      totalCount: 60,
      limit: 25,
      offset: 0,
    });
    const exportAgentsCsv = jest.fn().mockResolvedValue('name\n');
    global.URL.createObjectURL = jest.fn(() => 'blob:agents');
    global.URL.revokeObjectURL = jest.fn();
    await renderAgentsTable(listAgents, exportAgentsCsv, {
      estateSummary: jest.fn().mockResolvedValue({
        agentsByDataClass: { payment: 2, 'customer-pii': 5 },
      }),
    });
    await screen.findByRole('link', { name: 'a' });
    const nextPage = screen.getByRole('button', { name: /Go to next page/i });
    const exportCsv = screen.getByRole('button', { name: 'Export CSV' });
    const selects = new Map(
      [
        'Model tier',
        'Highest access',
        'Data class',
        'Open finding',
        'Maturity',
      ].map(name => [name, screen.getByRole('combobox', { name })]),
    );
    const choose = async (filter: string, option: string) => {
      const calls = listAgents.mock.calls.length;
      fireEvent.mouseDown(selects.get(filter)!);
      fireEvent.click(await screen.findByRole('option', { name: option }));
      // Every choice asks the server again; waiting for it keeps its answer inside act().
      await waitFor(() => expect(listAgents).toHaveBeenCalledTimes(calls + 1));
    };

    fireEvent.click(nextPage);
    await waitFor(() =>
      expect(listAgents).toHaveBeenLastCalledWith(
        expect.objectContaining({ offset: 25 }),
      ),
    );
    await choose('Model tier', 'frontier');
    await choose('Highest access', 'destructive');
    await choose('Data class', 'payment');
    await choose('Open finding', 'critical');
    await choose('Maturity', 'below 70 or not evaluated');
    const filters = {
      modelTier: 'frontier',
      highestAccess: 'destructive',
      dataClass: 'payment',
      findingSeverity: 'critical',
      maturityBelow: 70,
    };
    await waitFor(() =>
      expect(listAgents).toHaveBeenLastCalledWith({
        ...filters,
        orderBy: 'name',
        order: 'asc',
        limit: 25,
        offset: 0,
      }),
    );

    await choose('Model tier', 'Any tier');
    expect(listAgents.mock.lastCall[0]).not.toHaveProperty('modelTier');

    // The download: jsdom cannot follow the link, so the test catches its click.
    const download = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    try {
      fireEvent.click(exportCsv);
      await waitFor(() => expect(download).toHaveBeenCalledTimes(1));
      expect(exportAgentsCsv).toHaveBeenCalledWith({
        highestAccess: 'destructive',
        dataClass: 'payment',
        findingSeverity: 'critical',
        maturityBelow: 70,
        orderBy: 'name',
        order: 'asc',
      });
      const link = download.mock.contexts[0] as HTMLAnchorElement;
      expect(link.download).toBe('mandate-agents.csv');
      expect(link.href).toBe('blob:agents');
      expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:agents');
    } finally {
      download.mockRestore();
    }
  }, 15_000);

  it('sorts by maturity, last activity and open findings', async () => {
    const listAgents = jest.fn().mockResolvedValue({
      items: [agent('a')],
      totalCount: 1,
      limit: 25,
      offset: 0,
    });
    await renderAgentsTable(listAgents);
    await screen.findByRole('link', { name: 'a' });
    const sortBy = new Map(
      ['Maturity', 'Last activity', 'Open findings'].map(header => [
        header,
        screen.getByRole('button', { name: header }),
      ]),
    );
    for (const [header, orderBy] of [
      ['Maturity', 'maturityScore'],
      ['Last activity', 'lastActivityAt'],
      ['Open findings', 'openFindings'],
    ]) {
      fireEvent.click(sortBy.get(header)!);
      await waitFor(() =>
        expect(listAgents).toHaveBeenLastCalledWith(
          expect.objectContaining({ orderBy, order: 'asc' }),
        ),
      );
    }
    fireEvent.click(sortBy.get('Open findings')!);
    await waitFor(() =>
      expect(listAgents).toHaveBeenLastCalledWith(
        expect.objectContaining({ orderBy: 'openFindings', order: 'desc' }),
      ),
    );
  });
});

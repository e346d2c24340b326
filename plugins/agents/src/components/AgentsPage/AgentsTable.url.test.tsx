import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import {
  FILTERED_QUERY,
  FILTERED_URL,
  onePage,
  renderAgentsTable,
  urlParams,
} from './__testUtils__/agentsTable';

describe('AgentsTable: the view in the URL', () => {
  // A select on "any" shows only its label, and MUI's zero-width space as its value.
  const shown = (control: HTMLElement) =>
    control.textContent?.replace('\u200b', '');
  const comboboxes = (...names: string[]) =>
    new Map(names.map(name => [name, screen.getByRole('combobox', { name })]));
  const choose = async (
    listAgents: jest.Mock,
    combobox: HTMLElement,
    option: string,
  ) => {
    const calls = listAgents.mock.calls.length;
    fireEvent.mouseDown(combobox);
    fireEvent.click(await screen.findByRole('option', { name: option }));
    await waitFor(() => expect(listAgents).toHaveBeenCalledTimes(calls + 1));
  };

  it('opens a link with its filters, sort and page, and keeps them', async () => {
    jest.useFakeTimers();
    try {
      const listAgents = onePage();
      await renderAgentsTable(listAgents, jest.fn(), { url: FILTERED_URL });
      await screen.findByRole('link', { name: 'a' });
      expect(listAgents).toHaveBeenCalledWith({
        ...FILTERED_QUERY,
        orderBy: 'maturityScore',
        order: 'desc',
        limit: 50,
        offset: 100,
      });
      const controls = comboboxes(
        'State',
        'Review',
        'Model tier',
        'Highest access',
        'Data class',
        'Open finding',
        'Maturity',
      );
      expect([...controls.values()].map(shown)).toEqual([
        'suspended',
        'overdue',
        'frontier',
        'destructive',
        'payment',
        'critical',
        'below 70 or not evaluated',
      ]);
      expect(
        screen.getByRole('textbox', {
          name: 'Search name, title or identity',
        }),
      ).toHaveValue('refund');
      expect(screen.getByText('101–150 of 1000')).toBeInTheDocument();

      // The search box's pause passes without touching the page or the URL.
      act(() => jest.advanceTimersByTime(1000));
      expect(listAgents).toHaveBeenCalledTimes(1);
      expect(urlParams()).toMatchObject({ page: '2', q: 'refund' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('writes the chosen filters, sort and page to the URL, and nothing for the defaults', async () => {
    const listAgents = onePage();
    await renderAgentsTable(listAgents);
    await screen.findByRole('link', { name: 'a' });
    expect(urlParams()).toEqual({});
    const controls = comboboxes('State', 'Maturity');
    const sortByFindings = screen.getByRole('button', {
      name: 'Open findings',
    });
    const nextPage = screen.getByRole('button', { name: /Go to next page/i });

    await choose(listAgents, controls.get('State')!, 'suspended');
    await choose(
      listAgents,
      controls.get('Maturity')!,
      'below 70 or not evaluated',
    );
    fireEvent.click(sortByFindings);
    await waitFor(() => expect(listAgents).toHaveBeenCalledTimes(4));
    fireEvent.click(nextPage);
    await waitFor(() => expect(listAgents).toHaveBeenCalledTimes(5));
    expect(urlParams()).toEqual({
      state: 'suspended',
      maturityBelow: '70',
      orderBy: 'openFindings',
      page: '1',
    });

    // A filter starts again on the first page; "any" leaves the URL.
    await choose(listAgents, controls.get('State')!, 'Any state');
    expect(urlParams()).toEqual({
      maturityBelow: '70',
      orderBy: 'openFindings',
    });
  });

  it('steps back through the filters with the back button, the search box included', async () => {
    const listAgents = onePage();
    await renderAgentsTable(listAgents, jest.fn(), {
      url: '/agents?state=suspended',
    });
    await screen.findByRole('link', { name: 'a' });
    const modelTier = screen.getByRole('combobox', { name: 'Model tier' });
    const search = screen.getByRole('textbox', {
      name: 'Search name, title or identity',
    });
    const back = screen.getByRole('button', { name: 'Back' });

    await choose(listAgents, modelTier, 'frontier');
    fireEvent.change(search, { target: { value: 'refund' } });
    await waitFor(() =>
      expect(urlParams()).toEqual({
        state: 'suspended',
        modelTier: 'frontier',
        q: 'refund',
      }),
    );
    await waitFor(() => expect(listAgents).toHaveBeenCalledTimes(3));

    // The search replaced its entry: one step back is before the model tier.
    fireEvent.click(back);
    await waitFor(() => expect(listAgents).toHaveBeenCalledTimes(4));
    expect(listAgents).toHaveBeenLastCalledWith({
      state: 'suspended',
      orderBy: 'name',
      order: 'asc',
      limit: 25,
      offset: 0,
    });
    expect(urlParams()).toEqual({ state: 'suspended' });
    expect(shown(modelTier)).toBe('');
    expect(search).toHaveValue('');
  });

  it('ignores malformed values in the URL and shows the defaults', async () => {
    const listAgents = onePage();
    await renderAgentsTable(listAgents, jest.fn(), {
      url: '/agents?state=bogus&page=-3&maturityBelow=abc&orderBy=drop&order=up&rowsPerPage=7&modelTier=',
    });
    await screen.findByRole('link', { name: 'a' });
    expect(listAgents).toHaveBeenCalledTimes(1);
    expect(listAgents).toHaveBeenCalledWith({
      orderBy: 'name',
      order: 'asc',
      limit: 25,
      offset: 0,
    });
    const controls = comboboxes('State', 'Model tier', 'Maturity');
    expect([...controls.values()].map(shown)).toEqual(['', '', '']);
    expect(screen.getByText('1–25 of 1000')).toBeInTheDocument();
  });
});

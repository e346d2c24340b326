import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider } from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { AgentSummary, AgentsApi } from '@mandate/plugin-agents-common';
import { useLocation, useNavigate } from 'react-router-dom';
import { agentsApiRef } from '../../api/agentsApiRef';
import { NOW } from '../shared/__testUtils__/clock';
import { permissionApiAllowing } from '../shared/__testUtils__/permissions';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { AgentsTable } from './AgentsTable';

const reviewDueAt = NOW.plus({ days: 25 }).toISO()!;

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
  reviewDueAt,
  reviewOverdueDays: 0,
  openRequests: 0,
  openFindings: 1,
  openFindingsBySeverity: { critical: 0, high: 1, medium: 0, low: 0 },
  stateChangedAt: NOW.minus({ days: 70 }).toISO()!,
  ...overrides,
});

/** The browser around the table: its URL's search params and its back button. */
function Browser() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="url">{location.search}</output>
      <button onClick={() => navigate(-1)}>Back</button>
    </>
  );
}

/** The search params the browser shows, as an object. */
const urlParams = () =>
  Object.fromEntries(
    new URLSearchParams(screen.getByTestId('url').textContent ?? ''),
  );

// Tests find the controls they use before they use them: a query by role after the page
// changed makes jsdom restyle it, the slowest step of these tests.
function render(
  listAgents: jest.Mock,
  exportAgentsCsv: jest.Mock = jest.fn(),
  options: {
    fileRequest?: jest.Mock;
    /** Agents the signed-in person may suspend and resume; none by default. */
    mayContain?: (agentRef?: string) => boolean;
    estateSummary?: jest.Mock;
    onChanged?: () => void;
    /** Where the browser opens the view. */
    url?: string;
  } = {},
) {
  const {
    fileRequest = jest.fn(),
    mayContain = () => false,
    estateSummary = jest.fn().mockResolvedValue({ agentsByDataClass: {} }),
  } = options;
  return renderInAgentsTestApp(
    <TestApiProvider
      apis={[
        [
          agentsApiRef,
          {
            listAgents,
            exportAgentsCsv,
            fileRequest,
            estateSummary,
          } as Partial<AgentsApi>,
        ],
        [
          permissionApiRef,
          permissionApiAllowing(
            (permission, ref) =>
              permission === 'agents.agent.contain' && mayContain(ref),
          ),
        ],
      ]}
    >
      <AgentsTable onChanged={options.onChanged} />
      <Browser />
    </TestApiProvider>,
    {
      routeEntries: [options.url ?? '/agents'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
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

  it('asks the server for the filtered, sorted page', async () => {
    const listAgents = jest.fn().mockResolvedValue({
      items: [agent('a')],
      totalCount: 120,
      limit: 25,
      offset: 0,
    });
    await render(listAgents);
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
      await render(listAgents);
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
    await render(listAgents);
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
    await render(listAgents, exportAgentsCsv, {
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
    await render(listAgents);
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

  describe('the view in the URL', () => {
    const onePage = jest.fn().mockResolvedValue({
      items: [agent('a')],
      totalCount: 1000,
      limit: 25,
      offset: 0,
    });
    const FILTERED =
      '/agents?q=refund&state=suspended&reviewStatus=overdue&modelTier=frontier' +
      '&highestAccess=destructive&dataClass=payment&findingSeverity=critical' +
      '&maturityBelow=70&orderBy=maturityScore&order=desc&page=2&rowsPerPage=50';
    const filters = {
      q: 'refund',
      state: 'suspended',
      reviewStatus: 'overdue',
      modelTier: 'frontier',
      highestAccess: 'destructive',
      dataClass: 'payment',
      findingSeverity: 'critical',
      maturityBelow: 70,
    };
    // A select on "any" shows only its label, and MUI's zero-width space as its value.
    const shown = (control: HTMLElement) =>
      control.textContent?.replace('\u200b', '');
    const comboboxes = (...names: string[]) =>
      new Map(
        names.map(name => [name, screen.getByRole('combobox', { name })]),
      );
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
        const listAgents = onePage.mockClear();
        await render(listAgents, jest.fn(), { url: FILTERED });
        await screen.findByRole('link', { name: 'a' });
        expect(listAgents).toHaveBeenCalledWith({
          ...filters,
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
      const listAgents = onePage.mockClear();
      await render(listAgents);
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
      const listAgents = onePage.mockClear();
      await render(listAgents, jest.fn(), { url: '/agents?state=suspended' });
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
      const listAgents = onePage.mockClear();
      await render(listAgents, jest.fn(), {
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

    it('exports exactly the filters and sort of the list a link opens', async () => {
      const listAgents = onePage.mockClear();
      const exportAgentsCsv = jest.fn().mockResolvedValue('name\n');
      global.URL.createObjectURL = jest.fn(() => 'blob:agents');
      global.URL.revokeObjectURL = jest.fn();
      const download = jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(() => {});
      try {
        await render(listAgents, exportAgentsCsv, { url: FILTERED });
        await screen.findByRole('link', { name: 'a' });
        fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
        await waitFor(() => expect(download).toHaveBeenCalledTimes(1));
        const { limit, offset, ...listed } = listAgents.mock.lastCall[0];
        expect(listed).toEqual({
          ...filters,
          orderBy: 'maturityScore',
          order: 'desc',
        });
        expect(exportAgentsCsv).toHaveBeenCalledWith(listed);
      } finally {
        download.mockRestore();
      }
    });
  });

  // Each test names its agents anew: usePermission caches verdicts per agent across renders.
  describe('suspend and resume from the estate', () => {
    const page = (...items: AgentSummary[]) => ({
      items,
      totalCount: items.length,
      limit: 25,
      offset: 0,
    });

    /** Opens the dialog of e.g. "Suspend to-suspend" and finds its controls at once. */
    const openDialog = async (verb: 'Suspend' | 'Resume', name: string) => {
      fireEvent.click(
        await screen.findByRole('button', { name: `${verb} ${name}` }),
      );
      const dialog = screen.getByRole('dialog', { name: `${verb} ${name}` });
      return {
        inDialog: within(dialog),
        reason: within(dialog).getByRole('textbox', { name: 'Reason' }),
        submit: within(dialog).getByRole('button', { name: verb }),
      };
    };
    const type = (field: HTMLElement, text: string) =>
      fireEvent.change(field, { target: { value: text } });

    it('offers Suspend for active and Resume for suspended agents, only where the person may contain them', async () => {
      const listAgents = jest
        .fn()
        .mockResolvedValue(
          page(
            agent('active-allowed'),
            agent('suspended-allowed', { state: 'suspended' }),
            agent('active-denied'),
            agent('retired-allowed', { state: 'retired' }),
          ),
        );
      await render(listAgents, jest.fn(), {
        mayContain: ref => !!ref?.endsWith('-allowed'),
      });
      expect(
        await screen.findByRole('button', { name: 'Suspend active-allowed' }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: 'Resume suspended-allowed' }),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: /active-denied/ }),
      ).toBeNull();
      expect(
        screen.queryByRole('button', { name: /retired-allowed/ }),
      ).toBeNull();
    });

    it('shows no action to people who may not contain agents', async () => {
      await render(jest.fn().mockResolvedValue(page(agent('not-mine'))));
      await screen.findByRole('link', { name: 'not-mine' });
      expect(screen.queryByRole('button', { name: /Suspend/ })).toBeNull();
    });

    it('asks for a reason, files the suspension and refreshes the rows', async () => {
      const listAgents = jest
        .fn()
        .mockResolvedValueOnce(page(agent('to-suspend')))
        .mockResolvedValue(page(agent('to-suspend', { state: 'suspended' })));
      const fileRequest = jest.fn().mockResolvedValue({ status: 'applied' });
      const onChanged = jest.fn();
      await render(listAgents, jest.fn(), {
        fileRequest,
        mayContain: () => true,
        onChanged,
      });
      const { inDialog, reason, submit } = await openDialog(
        'Suspend',
        'to-suspend',
      );
      fireEvent.click(submit);
      expect(
        inDialog.getByText(/Give a reason of at least 3 characters/),
      ).toBeInTheDocument();
      expect(fileRequest).not.toHaveBeenCalled();

      type(reason, 'Incident 4711: contain while we investigate.');
      fireEvent.click(submit);
      expect(
        await screen.findByText('Suspended to-suspend.'),
      ).toBeInTheDocument();
      expect(fileRequest).toHaveBeenCalledWith({
        agentRef: 'agent:default/to-suspend',
        type: 'suspend',
        reason: 'Incident 4711: contain while we investigate.',
      });
      expect(
        await screen.findByRole('button', { name: 'Resume to-suspend' }),
      ).toBeInTheDocument();
      expect(listAgents).toHaveBeenCalledTimes(2);
      expect(onChanged).toHaveBeenCalledTimes(1);
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    });

    it('resumes a suspended agent', async () => {
      const fileRequest = jest.fn().mockResolvedValue({ status: 'applied' });
      await render(
        jest.fn().mockResolvedValue(page(agent('b', { state: 'suspended' }))),
        jest.fn(),
        { fileRequest, mayContain: () => true },
      );
      const { reason, submit } = await openDialog('Resume', 'b');
      type(reason, 'Investigation closed.');
      fireEvent.click(submit);
      expect(await screen.findByText('Resumed b.')).toBeInTheDocument();
      expect(fileRequest).toHaveBeenCalledWith(
        expect.objectContaining({
          type: 'resume',
          agentRef: 'agent:default/b',
        }),
      );
    });

    it('keeps the dialog open with the backend’s explanation when the request fails, and disables submit while pending', async () => {
      let fail: (error: Error) => void = () => {};
      const fileRequest = jest.fn(
        () =>
          new Promise((_, reject) => {
            fail = reject;
          }),
      );
      await render(
        jest.fn().mockResolvedValue(page(agent('busy'))),
        jest.fn(),
        {
          fileRequest,
          mayContain: () => true,
        },
      );
      const { inDialog, reason, submit } = await openDialog('Suspend', 'busy');
      type(reason, 'Contain it.');
      fireEvent.click(submit);
      await waitFor(() => expect(submit).toHaveAccessibleName('Filing…'));
      expect(submit).toBeDisabled();
      fail(
        new Error(
          'A suspend request for agent:default/busy is already open (r1); decide it first',
        ),
      );
      expect(
        await inDialog.findByText(
          'A suspend request for agent:default/busy is already open (r1); decide it first',
        ),
      ).toBeInTheDocument();
      expect(submit).toHaveAccessibleName('Suspend');
      expect(submit).toBeEnabled();
    });
  });
});

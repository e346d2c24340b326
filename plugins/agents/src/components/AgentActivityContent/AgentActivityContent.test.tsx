import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AgentActivity, AgentsApi } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { NOW } from '../shared/__testUtils__/clock';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { AgentActivityContent } from './AgentActivityContent';

const entity: Entity = {
  apiVersion: 'mandate.dev/v1alpha1',
  kind: 'Agent',
  metadata: { name: 'analytics-copilot', namespace: 'default' },
  spec: {
    identity: { id: 'spiffe://acme.example/agent/analytics-copilot' },
    model: { provider: 'anthropic', name: 'claude-opus-4-5', tier: 'frontier' },
    tools: [
      { name: 'warehouse.query', access: 'read' },
      { name: 'docs.search', access: 'read' },
      { name: 'dashboards.publish', access: 'write' },
    ],
  },
};

const today = NOW.toUTC().startOf('day');
const day = (daysAgo: number) => today.minus({ days: daysAgo }).toISODate()!;
const hoursAgo = (hours: number) => NOW.minus({ hours }).toISO()!;

const quiet = (overrides: Partial<AgentActivity> = {}): AgentActivity => ({
  from: today.minus({ days: 29 }).toISO()!,
  to: NOW.toUTC().toISO()!,
  daily: [],
  tools: [],
  models: [],
  sources: [
    {
      id: 'otlp',
      kind: 'otlp',
      lastDataAt: hoursAgo(0.1),
      consecutiveFailures: 0,
      stale: false,
    },
  ],
  ...overrides,
});

const busy = (): AgentActivity =>
  quiet({
    daily: [
      {
        day: day(2),
        calls: 120,
        denials: 3,
        errors: 1,
        inputTokens: 40_000,
        outputTokens: 8_000,
        costUsd: 4.5,
      },
      {
        day: day(0),
        calls: 80,
        denials: 0,
        errors: 2,
        inputTokens: 20_000,
        outputTokens: 5_000,
        costUsd: 2.25,
      },
    ],
    tools: [
      {
        tool: 'docs.search',
        calls: 50,
        denials: 0,
        approvalsRequired: 0,
        errors: 0,
        p50Ms: 250,
        p95Ms: 1000,
        lastSeenAt: hoursAgo(5.5),
        inApprovedScope: true,
      },
      {
        tool: 'warehouse.query',
        calls: 140,
        denials: 3,
        approvalsRequired: 0,
        errors: 3,
        p50Ms: 500,
        p95Ms: 2500,
        lastSeenAt: hoursAgo(2.5),
        inApprovedScope: true,
      },
      {
        tool: 'warehouse.table.drop',
        calls: 10,
        denials: 0,
        approvalsRequired: 4,
        errors: 0,
        lastSeenAt: hoursAgo(50),
        inApprovedScope: false,
      },
    ],
    models: [
      {
        model: 'claude-opus-4-5',
        tier: 'frontier',
        calls: 150,
        inputTokens: 42_000,
        outputTokens: 9_000,
        costUsd: 5.5,
        lastDay: day(7),
      },
      {
        model: 'claude-haiku-4-5',
        tier: 'small',
        calls: 50,
        inputTokens: 18_000,
        outputTokens: 4_000,
        costUsd: 1.25,
        lastDay: day(0),
      },
    ],
    lastActivityAt: hoursAgo(2.5),
  });

function render(getAgentActivity: AgentsApi['getAgentActivity']) {
  return renderInAgentsTestApp(
    <TestApiProvider
      apis={[[agentsApiRef, { getAgentActivity } as Partial<AgentsApi>]]}
    >
      <EntityProvider entity={entity}>
        <AgentActivityContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('AgentActivityContent', () => {
  it('shows progress while the activity loads', async () => {
    await render(() => new Promise(() => {}));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend’s error', async () => {
    await render(
      jest
        .fn()
        .mockRejectedValue(
          new Error('from must be before to; give ISO timestamps'),
        ),
    );
    expect(
      await screen.findByText(
        'Error: from must be before to; give ISO timestamps',
      ),
    ).toBeInTheDocument();
  });

  it('asks for the last 30 days, and for 7 or 90 when the window changes', async () => {
    const getAgentActivity = jest.fn(
      async (_: string, window: { from?: string; to?: string } = {}) =>
        quiet(window),
    );
    await render(getAgentActivity);
    await screen.findByText(/No activity reported/);
    const [ref, window] = getAgentActivity.mock.calls[0];
    expect(ref).toBe('agent:default/analytics-copilot');
    expect(window).toEqual({
      from: today.minus({ days: 29 }).toISO(),
      to: NOW.toUTC().toISO(),
    });

    fireEvent.click(screen.getByRole('button', { name: '7 days' }));
    await waitFor(() => expect(getAgentActivity).toHaveBeenCalledTimes(2));
    expect(getAgentActivity.mock.calls[1][1]?.from).toBe(
      today.minus({ days: 6 }).toISO(),
    );
    expect(
      await screen.findByText(
        'No activity reported by the enforcement layer in the last 7 days.',
      ),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: '90 days' }));
    await waitFor(() => expect(getAgentActivity).toHaveBeenCalledTimes(3));
    expect(getAgentActivity.mock.calls[2][1]?.from).toBe(
      today.minus({ days: 89 }).toISO(),
    );
  });

  it('explains how activity reaches Mandate when there is none, naming the identity', async () => {
    await render(jest.fn().mockResolvedValue(quiet()));
    expect(
      await screen.findByText(
        'No activity reported by the enforcement layer in the last 30 days.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('spiffe://acme.example/agent/analytics-copilot'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Tool activity' })).toBeNull();
    // the sources still say how current the (absent) data is
    expect(
      screen.getByRole('table', { name: 'Telemetry sources' }),
    ).toBeInTheDocument();
  });

  it('charts calls, denials and errors, tokens and cost for every day of the window', async () => {
    await render(jest.fn().mockResolvedValue(busy()));
    const calls = await screen.findByRole('img', { name: /^Calls per day/ });
    expect(calls).toHaveAccessibleName('Calls per day: 200 calls in 30 days');
    // one group per day, quiet days included
    expect(calls.querySelectorAll('g')).toHaveLength(30);
    expect(within(calls).getByText(`${day(2)}: 120 calls`)).toBeInTheDocument();
    expect(within(calls).getByText(`${day(1)}: 0 calls`)).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Denials and errors per day: 3 denials, 3 errors in 30 days',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Tokens per day: 60k input tokens, 13k output tokens in 30 days',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Cost per day: $6.75 cost in 30 days' }),
    ).toBeInTheDocument();
    const totals = screen.getByRole('group', { name: 'Totals' });
    expect(within(totals).getByText('Cost').parentElement).toHaveTextContent(
      'Cost$6.75',
    );
    expect(
      within(totals).getByText('Last activity').parentElement,
    ).toHaveTextContent('Last activity2 hours ago');
  });

  it("names the agent's token totals, short, with the exact count on hover", async () => {
    await render(jest.fn().mockResolvedValue(busy()));
    const totals = await screen.findByRole('group', { name: 'Totals' });
    const input = within(totals).getByText('Input tokens').parentElement!;
    expect(input).toHaveTextContent('Input tokens60k');
    expect(within(input).getByText('60k')).toHaveAttribute(
      'title',
      '60,000 tokens',
    );
    expect(
      within(totals).getByText('Output tokens').parentElement,
    ).toHaveTextContent('Output tokens13k');
  });

  it('shows per model its calls, input and output tokens, cost and last day, busiest first', async () => {
    await render(
      jest.fn().mockResolvedValue({
        ...busy(),
        models: [
          ...busy().models,
          {
            model: 'claude-sonnet-4-5',
            tier: 'frontier',
            calls: 2,
            inputTokens: 900,
            outputTokens: 80,
            costUsd: 0.0031,
            lastDay: day(1),
          },
        ],
      }),
    );
    const table = await screen.findByRole('table', { name: 'Models' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Model',
      'Tier',
      'Calls',
      'Input tokens',
      'Output tokens',
      'Cost',
      'Last day',
    ]);
    const [, ...rows] = within(table).getAllByRole('row');
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      ),
    ).toEqual([
      [
        'claude-opus-4-5',
        'frontier',
        '150',
        '42,000',
        '9,000',
        '$5.50',
        day(7),
      ],
      [
        'claude-haiku-4-5declared claude-opus-4-5',
        'smalldeclared tier frontier',
        '50',
        '18,000',
        '4,000',
        '$1.25',
        day(0),
      ],
      // a cost under a cent is not shown as nothing
      [
        'claude-sonnet-4-5declared claude-opus-4-5',
        'frontier',
        '2',
        '900',
        '80',
        '< $0.01',
        day(1),
      ],
    ]);
  });

  it('lists tools busiest first, flags tools outside the approved scope and names declared tools not called', async () => {
    await render(jest.fn().mockResolvedValue(busy()));
    const rows = within(
      await screen.findByRole('table', { name: 'Tool activity' }),
    ).getAllByRole('row');
    expect(
      rows.map(r => within(r).queryAllByRole('cell')[0]?.textContent),
    ).toEqual([
      undefined,
      'warehouse.query',
      'docs.search',
      'warehouse.table.dropnot in approved scope',
    ]);
    const cells = within(rows[1]).getAllByRole('cell');
    expect(cells.map(c => c.textContent)).toEqual([
      'warehouse.query',
      '140',
      '3',
      '0',
      '3',
      '≤ 500 ms',
      '≤ 2500 ms',
      '2 hours ago',
    ]);
    expect(within(rows[3]).getAllByRole('cell')[3]).toHaveTextContent('4');
    expect(
      screen.getByText(
        'Declared but not called in this window: dashboards.publish.',
      ),
    ).toBeInTheDocument();
  });

  it('flags a model other than the declared one', async () => {
    await render(jest.fn().mockResolvedValue(busy()));
    const rows = within(
      await screen.findByRole('table', { name: 'Models' }),
    ).getAllByRole('row');
    expect(within(rows[1]).getByText('claude-opus-4-5')).toBeInTheDocument();
    expect(within(rows[1]).queryByText(/^declared/)).toBeNull();
    expect(within(rows[2]).getByText('claude-haiku-4-5')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('declared claude-opus-4-5'),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('declared tier frontier'),
    ).toBeInTheDocument();
  });

  it('warns when telemetry is stale, with the reason and when data last came', async () => {
    await render(
      jest.fn().mockResolvedValue({
        ...busy(),
        sources: [
          {
            id: 'gateway-http:edge',
            kind: 'http-pull',
            lastDataAt: hoursAgo(3.5),
            lastError: 'HTTP 503',
            consecutiveFailures: 4,
            stale: true,
            staleReason: 'the last 4 pull(s) failed: HTTP 503',
          },
          {
            id: 'otlp',
            kind: 'otlp',
            lastDataAt: hoursAgo(0.1),
            consecutiveFailures: 0,
            stale: false,
          },
        ],
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'These figures may be incomplete: telemetry from gateway-http:edge (the last 4 pull(s) failed: HTTP 503) is stale.',
    );
    const rows = within(
      screen.getByRole('table', { name: 'Telemetry sources' }),
    ).getAllByRole('row');
    expect(within(rows[1]).getByText('stale')).toBeInTheDocument();
    expect(within(rows[1]).getByText('3 hours ago')).toBeInTheDocument();
    expect(within(rows[2]).getByText('current')).toBeInTheDocument();
  });
});

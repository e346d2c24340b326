import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { AgentGrantView, AgentsApi } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { NOW } from '../shared/__testUtils__/clock';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { AgentAccessContent } from './AgentAccessContent';

const entity: Entity = {
  apiVersion: 'mandate.dev/v1alpha1',
  kind: 'Agent',
  metadata: { name: 'refund-assistant', namespace: 'default' },
  spec: {},
};

const ago = (hours: number) => NOW.minus({ hours }).toISO()!;

const grant = (
  id: string,
  overrides: Partial<AgentGrantView> = {},
): AgentGrantView => ({
  id,
  tool: 'orders.lookup',
  scope: 'orders-mcp:read',
  issuedAt: ago(0.25),
  expiresAt: ago(-0.75),
  active: true,
  standing: false,
  inApprovedScope: true,
  ...overrides,
});

function render(listAgentGrants: AgentsApi['listAgentGrants']) {
  return renderInAgentsTestApp(
    <TestApiProvider
      apis={[[agentsApiRef, { listAgentGrants } as Partial<AgentsApi>]]}
    >
      <EntityProvider entity={entity}>
        <AgentAccessContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('AgentAccessContent', () => {
  it('shows progress while the grants load', async () => {
    await render(() => new Promise(() => {}));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend’s error', async () => {
    await render(
      jest
        .fn()
        .mockRejectedValue(
          new Error('You may not read agent:default/refund-assistant'),
        ),
    );
    expect(
      await screen.findByText(
        'Error: You may not read agent:default/refund-assistant',
      ),
    ).toBeInTheDocument();
  });

  it('explains how grants reach Mandate when none were reported', async () => {
    const listAgentGrants = jest.fn().mockResolvedValue({ items: [] });
    await render(listAgentGrants);
    expect(
      await screen.findByText(
        'No grants reported by the enforcement layer yet.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('/api/agents/otlp')).toBeInTheDocument();
    expect(listAgentGrants).toHaveBeenCalledWith(
      'agent:default/refund-assistant',
    );
  });

  it('splits active from past grants, with expiry, revocation and the person the agent acted for', async () => {
    await render(
      jest.fn().mockResolvedValue({
        items: [
          grant('g-live', {
            onBehalfOf: 'user:default/dana.lee',
            expiresAt: ago(-3.5),
          }),
          grant('g-revoked', {
            tool: 'refunds.issue',
            issuedAt: ago(50),
            expiresAt: ago(49),
            revokedAt: ago(49.5),
            active: false,
          }),
          grant('g-expired', {
            issuedAt: ago(75),
            expiresAt: ago(74),
            active: false,
          }),
        ],
      }),
    );
    const active = await screen.findByRole('table', { name: 'Active grants' });
    const activeRows = within(active).getAllByRole('row');
    expect(activeRows).toHaveLength(2);
    expect(
      within(activeRows[1]).getByText('orders.lookup'),
    ).toBeInTheDocument();
    expect(within(activeRows[1]).getByText('in 3 hours')).toBeInTheDocument();
    expect(
      within(activeRows[1]).getByRole('link', { name: 'dana.lee' }),
    ).toHaveAttribute('href', '/catalog/default/user/dana.lee');

    const pastRows = within(
      screen.getByRole('table', { name: 'Past grants' }),
    ).getAllByRole('row');
    expect(pastRows).toHaveLength(3);
    expect(within(pastRows[1]).getByText('refunds.issue')).toBeInTheDocument();
    // Tool, scope, issued, ended, on behalf of, grant id
    expect(within(pastRows[1]).getAllByRole('cell')[3]).toHaveTextContent(
      'revoked 2 days ago',
    );
    expect(within(pastRows[2]).getAllByRole('cell')[3]).toHaveTextContent(
      'expired 3 days ago',
    );
    expect(screen.getByText('Active grants (1)')).toBeInTheDocument();
    expect(screen.getByText('Past grants (2)')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('highlights standing grants and grants for tools outside the approved scope', async () => {
    await render(
      jest.fn().mockResolvedValue({
        items: [
          grant('g-standing', {
            tool: 'github.org.members.read',
            expiresAt: undefined,
            standing: true,
          }),
          grant('g-outside', {
            tool: 'github.pr.merge',
            inApprovedScope: false,
          }),
          grant('g-old-outside', {
            tool: 'web.fetch',
            inApprovedScope: false,
            active: false,
            expiresAt: ago(3),
          }),
        ],
      }),
    );
    const rows = within(
      await screen.findByRole('table', { name: 'Active grants' }),
    ).getAllByRole('row');
    expect(within(rows[1]).getByText('standing')).toBeInTheDocument();
    expect(within(rows[1]).getByText('never')).toBeInTheDocument();
    expect(within(rows[2]).queryByText('standing')).toBeNull();
    expect(
      within(rows[2]).getByText('not in approved scope'),
    ).toBeInTheDocument();

    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toHaveTextContent(
      '1 active grant for tools outside the approved scope (github.pr.merge)',
    );
    expect(alerts[1]).toHaveTextContent(
      /1 standing grant: they never expire or live longer than the standing-grant threshold/,
    );
  });

  it('pages through a long history', async () => {
    const items = Array.from({ length: 30 }, (_, i) =>
      grant(`g${i}`, {
        tool: `tool.${i}`,
        active: false,
        issuedAt: ago(100 + i),
        expiresAt: ago(99 + i),
      }),
    );
    await render(jest.fn().mockResolvedValue({ items }));
    const past = await screen.findByRole('table', { name: 'Past grants' });
    expect(within(past).getAllByRole('row')).toHaveLength(11);
    expect(within(past).getByText('tool.0')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /Go to next page/i }));
    expect(within(past).getByText('tool.10')).toBeInTheDocument();
    expect(within(past).queryByText('tool.0')).toBeNull();
  });
});

import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { AgentEntityV1alpha1 } from '@mandate/plugin-agents-common';
import { DateTime } from 'luxon';
import {
  NOW,
  agentsClockApiRef,
  fixedClock,
} from '../shared/__testUtils__/clock';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { AgentOverview } from './AgentOverviewCard';

const agent: AgentEntityV1alpha1 = {
  apiVersion: 'mandate.dev/v1alpha1',
  kind: 'Agent',
  metadata: { name: 'incident-responder' },
  spec: {
    type: 'service-agent',
    lifecycle: 'production',
    owner: 'group:platform',
    sponsor: 'user:priya.nair',
    system: 'infrastructure',
    identity: { id: 'spiffe://acme.example/agent/incident-responder' },
    model: { provider: 'anthropic', name: 'claude-opus-4-5', tier: 'frontier' },
    purpose: 'Diagnose paging alerts.',
    dataClasses: ['infrastructure-config'],
    tools: [
      { name: 'k8s.pods.list', api: 'api:k8s-mcp', access: 'read' },
      {
        name: 'k8s.deployment.rollback',
        api: 'api:k8s-mcp',
        access: 'write',
        approval: 'human',
        dataClasses: ['infrastructure-config'],
      },
      {
        name: 'k8s.namespace.delete',
        api: 'api:k8s-mcp',
        access: 'destructive',
      },
    ],
    budgets: { monthlyUsd: 800 },
    review: { cadence: 'P1M' },
    decommission: {
      criteria: 'When runbooks cover every alert.',
      sunset: NOW.minus({ days: 30 }).toISODate()!,
    },
  },
};

const render = (entity: AgentEntityV1alpha1, now: DateTime = NOW) =>
  renderInAgentsTestApp(
    <TestApiProvider apis={[[agentsClockApiRef, fixedClock(now)]]}>
      <AgentOverview agent={entity} />
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );

describe('AgentOverview', () => {
  it('shows identity, owner, sponsor, model, purpose, cadence and decommission criteria', async () => {
    await render(agent);
    expect(
      screen.getByText('spiffe://acme.example/agent/incident-responder'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'platform' })).toHaveAttribute(
      'href',
      '/catalog/default/group/platform',
    );
    expect(screen.getByRole('link', { name: 'priya.nair' })).toHaveAttribute(
      'href',
      '/catalog/default/user/priya.nair',
    );
    expect(
      screen.getByText(/anthropic \/ claude-opus-4-5/),
    ).toBeInTheDocument();
    expect(screen.getByText('frontier')).toBeInTheDocument();
    expect(screen.getByText('Diagnose paging alerts.')).toBeInTheDocument();
    expect(screen.getByText('every 1 month (P1M)')).toBeInTheDocument();
    expect(
      screen.getByText(/When runbooks cover every alert/),
    ).toBeInTheDocument();
    expect(screen.getByText('sunset passed')).toBeInTheDocument();
  });

  it('says the sunset has passed by the clock of the app, from the day after it', async () => {
    const sunset = NOW.plus({ days: 2 });
    const sunsetting = structuredClone(agent);
    sunsetting.spec.decommission!.sunset = sunset.toISODate()!;

    const { unmount } = await render(sunsetting);
    expect(
      screen.getByText(`Sunset ${sunset.toISODate()}`, { exact: false }),
    ).toBeInTheDocument();
    expect(screen.queryByText('sunset passed')).toBeNull();
    unmount();

    await render(sunsetting, sunset.plus({ days: 1 }));
    expect(screen.getByText('sunset passed')).toBeInTheDocument();
  });

  it('lists each tool with its access, approval and data classes, flagging unguarded destructive tools', async () => {
    await render(agent);
    const rows = within(
      screen.getByRole('table', { name: 'Tool manifest' }),
    ).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(within(rows[2]).getByText('write')).toBeInTheDocument();
    expect(within(rows[2]).getByText('human, per call')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('infrastructure-config'),
    ).toBeInTheDocument();
    expect(
      within(rows[3]).getByText('destructive without human approval'),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).queryByText('destructive without human approval'),
    ).toBeNull();
  });

  it('says plainly when there is no sponsor, no tools and the default cadence', async () => {
    const bare = structuredClone(agent);
    delete bare.spec.sponsor;
    delete bare.spec.review;
    bare.spec.tools = [];
    await render(bare);
    expect(screen.getByText('none: no accountable human')).toBeInTheDocument();
    expect(
      screen.getByText('No tools: this agent is denied every tool call.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('every 3 months (P3M, default)'),
    ).toBeInTheDocument();
  });
});

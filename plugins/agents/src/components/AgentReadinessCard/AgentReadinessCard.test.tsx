import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  AgentMaturity,
  AgentsApi,
  Finding,
  MATURITY_CONTROLS,
} from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { agentDetail } from '../AgentLifecycleContent/__testUtils__/agentDetail';
import { NOW } from '../shared/__testUtils__/clock';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { AgentReadinessCard } from './AgentReadinessCard';

const entity: Entity = {
  apiVersion: 'mandate.dev/v1alpha1',
  kind: 'Agent',
  metadata: { name: 'refund-assistant', namespace: 'default' },
  spec: {},
};

const hoursAgo = (hours: number) => NOW.minus({ hours }).toISO()!;

const maturity = (failing: string[]): AgentMaturity => ({
  score: Math.round(
    (100 * (MATURITY_CONTROLS.length - failing.length)) /
      MATURITY_CONTROLS.length,
  ),
  evaluatedAt: hoursAgo(3.5),
  checks: MATURITY_CONTROLS.map(id => ({
    id,
    title: `Control ${id}`,
    passed: !failing.includes(id),
    evidence: `Evidence for ${id}`,
  })),
});

const finding = (
  id: string,
  severity: Finding['severity'],
  type: string,
  message: string,
  lastSeenHoursAgo: number,
): Finding => ({
  id,
  agentRef: 'agent:default/refund-assistant',
  subject: 'agent:default/refund-assistant',
  type,
  severity,
  status: 'open',
  message,
  firstSeenAt: hoursAgo(200),
  lastSeenAt: hoursAgo(lastSeenHoursAgo),
  evidence: {},
});

function render(getAgent: AgentsApi['getAgent']) {
  return renderInAgentsTestApp(
    <TestApiProvider
      apis={[[agentsApiRef, { getAgent } as Partial<AgentsApi>]]}
    >
      <EntityProvider entity={entity}>
        <AgentReadinessCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('AgentReadinessCard', () => {
  it('shows progress while the agent loads', async () => {
    await render(() => new Promise(() => {}));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.getByText('Production readiness')).toBeInTheDocument();
  });

  it('shows the backend’s error', async () => {
    await render(
      jest
        .fn()
        .mockRejectedValue(
          new Error(
            'No agent agent:default/refund-assistant is known to Mandate; register it in the catalog',
          ),
        ),
    );
    expect(
      await screen.findByText(
        'Error: No agent agent:default/refund-assistant is known to Mandate; register it in the catalog',
      ),
    ).toBeInTheDocument();
  });

  it('says when the checklist has not been evaluated, and that nothing is open', async () => {
    const getAgent = jest.fn().mockResolvedValue(agentDetail());
    await render(getAgent);
    expect(await screen.findByText(/^Not evaluated yet/)).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Maturity checklist' }),
    ).toBeNull();
    expect(screen.getByText('No open findings.')).toBeInTheDocument();
    expect(
      screen.getByText('The YAML matches the approved scope (version 2).'),
    ).toBeInTheDocument();
    expect(getAgent).toHaveBeenCalledWith('agent:default/refund-assistant');
  });

  it('shows the score and every control with its evidence, passed or failed', async () => {
    await render(
      jest.fn().mockResolvedValue(
        agentDetail({
          maturity: maturity([
            'short-lived-grants',
            'baseline',
            'review-cadence',
          ]),
        }),
      ),
    );
    expect(await screen.findByText('75')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Maturity score' }),
    ).toHaveAttribute('aria-valuenow', '75');
    expect(screen.getByText(/9 of 12 controls pass/)).toHaveTextContent(
      '9 of 12 controls pass; evaluated 3 hours ago.',
    );
    const items = within(
      screen.getByRole('list', { name: 'Maturity checklist' }),
    ).getAllByRole('listitem');
    expect(items).toHaveLength(12);
    const item = (id: (typeof MATURITY_CONTROLS)[number]) =>
      items[MATURITY_CONTROLS.indexOf(id)];
    expect(item('unique-identity')).toHaveTextContent(
      'Control unique-identity: passedEvidence for unique-identity',
    );
    expect(item('baseline')).toHaveTextContent(
      'Control baseline: failedEvidence for baseline',
    );
    expect(
      within(item('baseline')).getByTestId('status-error'),
    ).toBeInTheDocument();
    expect(
      within(item('unique-identity')).getByTestId('status-ok'),
    ).toBeInTheDocument();
  });

  it('lists open findings, most severe first, with their message and when last seen', async () => {
    await render(
      jest.fn().mockResolvedValue(
        agentDetail({
          maturity: maturity([]),
          findings: [
            finding(
              'f1',
              'medium',
              'denial-spike',
              '31 denials yesterday against 2 a day before',
              5.5,
            ),
            finding(
              'f2',
              'critical',
              'tool-outside-scope',
              'github.pr.merge was called 3 times but is not approved',
              26,
            ),
            {
              ...finding('f3', 'high', 'review-overdue', 'resolved already', 1),
              status: 'resolved',
            },
          ],
          drift: {
            notApproved: [
              { kind: 'tool-added', tool: 'refunds.bulk', access: 'write' },
            ],
            notDeclared: [],
          },
        }),
      ),
    );
    const rows = within(
      await screen.findByRole('table', { name: 'Open findings' }),
    ).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('critical')).toBeInTheDocument();
    expect(
      within(rows[1]).getByText('Tool used outside the approved scope'),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).getByText(
        'github.pr.merge was called 3 times but is not approved',
      ),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('1 day ago')).toBeInTheDocument();
    expect(within(rows[2]).getByText('medium')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Denial spike')).toBeInTheDocument();
    expect(within(rows[2]).getByText('5 hours ago')).toBeInTheDocument();
    expect(screen.queryByText('resolved already')).toBeNull();
    expect(
      screen.getByText(/Declared in the YAML but not approved/),
    ).toHaveTextContent('tool-added refunds.bulk');
  });
});

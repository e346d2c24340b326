import { Entity } from '@backstage/catalog-model';
import { EntityProvider, catalogApiRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { AgentsApi, AuditEvent } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { NOW } from '../shared/__testUtils__/clock';
import { permissionApiAllowing } from '../shared/__testUtils__/permissions';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { AgentLifecycleContent } from './AgentLifecycleContent';
import { agentDetail } from './__testUtils__/agentDetail';

// usePermission caches verdicts per agent across tests, so each test that checks
// permissions names an agent of its own.
const entity = (name: string): Entity => ({
  apiVersion: 'mandate.dev/v1alpha1',
  kind: 'Agent',
  metadata: { name, namespace: 'default' },
  spec: {},
});

const occurredAt = NOW.minus({ days: 3 });

const auditEvent = (seq: number, action: string): AuditEvent => ({
  seq,
  id: `e${seq}`,
  agentRef: 'agent:default/refund-assistant',
  actorRef: 'user:default/nina.kowalski',
  action,
  occurredAt: occurredAt.toISO()!,
  data: {},
  prevHash: '0',
  hash: '1',
});

function render(name: string, api: Partial<AgentsApi>, allowed: string[] = []) {
  return renderInAgentsTestApp(
    <TestApiProvider
      apis={[
        [
          agentsApiRef,
          {
            // No held calls unless a test says otherwise (CallApprovalsCard's own tests).
            listCallApprovals: jest
              .fn()
              .mockResolvedValue({ items: [], totalCount: 0 }),
            ...api,
          },
        ],
        [permissionApiRef, permissionApiAllowing(p => allowed.includes(p))],
        [
          catalogApiRef,
          { getEntities: jest.fn().mockResolvedValue({ items: [] }) },
        ],
      ]}
    >
      <EntityProvider entity={entity(name)}>
        <AgentLifecycleContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const emptyAudit = { items: [], totalCount: 0, limit: 50, offset: 0 };

describe('AgentLifecycleContent', () => {
  it('shows progress while the agent loads', async () => {
    await render('loading', {
      getAgent: () => new Promise(() => {}),
      listAudit: jest.fn(),
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend’s error when the agent cannot be read', async () => {
    await render('failing', {
      getAgent: jest
        .fn()
        .mockRejectedValue(
          new Error(
            'No agent agent:default/failing is known to Mandate; register it in the catalog',
          ),
        ),
      listAudit: jest.fn(),
    });
    expect(
      await screen.findByText(
        'Error: No agent agent:default/failing is known to Mandate; register it in the catalog',
      ),
    ).toBeInTheDocument();
  });

  it('says so when there are no requests, no held calls and no audit events', async () => {
    await render('fresh', {
      getAgent: jest.fn().mockResolvedValue(agentDetail({ state: 'proposed' })),
      listAudit: jest.fn().mockResolvedValue(emptyAudit),
    });
    expect(
      await screen.findByText('No requests have been filed for this agent.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Nothing has been recorded for this agent yet.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/No calls of this agent wait for a person/),
    ).toBeInTheDocument();
  });

  it('shows state, requests and the audit trail', async () => {
    const listAudit = jest.fn().mockResolvedValue({
      items: [
        auditEvent(12, 'request.applied'),
        auditEvent(11, 'request.filed'),
      ],
      totalCount: 2,
      limit: 50,
      offset: 0,
    });
    await render('with-history', {
      getAgent: jest.fn().mockResolvedValue(
        agentDetail({
          state: 'suspended',
          requests: [
            {
              id: 'r1',
              agentRef: 'agent:default/refund-assistant',
              type: 'suspend',
              status: 'applied',
              requesterRef: 'user:default/nina.kowalski',
              reason: 'Incident 4711',
              payload: {},
              decision: 'approve',
              deciderRef: 'user:default/nina.kowalski',
              createdAt: occurredAt.toISO()!,
            },
          ],
        }),
      ),
      listAudit,
    });
    const requests = await screen.findByRole('table', { name: 'Requests' });
    expect(within(requests).getByText('Incident 4711')).toBeInTheDocument();
    expect(
      within(requests).getByText('approve by user:default/nina.kowalski'),
    ).toBeInTheDocument();
    const audit = within(
      screen.getByRole('table', { name: 'Audit trail' }),
    ).getAllByRole('row');
    const when = occurredAt.toFormat('yyyy-MM-dd HH:mm');
    expect(audit.map(row => row.textContent)).toEqual([
      '#WhenWhoWhat',
      `12${when}user:default/nina.kowalskirequest.applied`,
      `11${when}user:default/nina.kowalskirequest.filed`,
    ]);
    expect(screen.getByText('suspended')).toBeInTheDocument();
    expect(listAudit).toHaveBeenCalledWith('agent:default/with-history', {
      limit: 50,
    });
  });

  it('hides the request buttons from people who may not file requests', async () => {
    await render(
      'not-mine',
      {
        getAgent: jest.fn().mockResolvedValue(agentDetail()),
        listAudit: jest.fn().mockResolvedValue(emptyAudit),
      },
      ['agents.agent.contain'],
    );
    expect(
      await screen.findByRole('button', { name: 'Suspend' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Request scope change' }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: 'Transfer owner' })).toBeNull();
  });

  it('lets the owner commission a proposed agent, once', async () => {
    const proposed = agentDetail({
      state: 'proposed',
      approvedScope: undefined,
      approvedVersions: 0,
    });
    const pending = agentDetail({
      ...proposed,
      requests: [
        {
          id: 'r9',
          agentRef: 'agent:default/refund-assistant',
          type: 'commission',
          status: 'pending',
          requesterRef: 'user:default/dana.lee',
          reason: 'Refunds go live on Monday.',
          payload: {},
          createdAt: occurredAt.toISO()!,
        },
      ],
    });
    const getAgent = jest
      .fn()
      .mockResolvedValueOnce(proposed)
      .mockResolvedValue(pending);
    const fileRequest = jest.fn().mockResolvedValue({ status: 'pending' });
    await render(
      'to-commission',
      {
        getAgent,
        listAudit: jest.fn().mockResolvedValue(emptyAudit),
        fileRequest,
      },
      ['agents.request.create'],
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Commission' }));
    const dialog = within(
      screen.getByRole('dialog', { name: 'Commission agent' }),
    );
    fireEvent.change(dialog.getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'Refunds go live on Monday.' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'File commission' }));
    expect(
      await screen.findByText(
        'Commission filed; it waits for security’s approval.',
      ),
    ).toBeInTheDocument();
    expect(fileRequest).toHaveBeenCalledWith({
      agentRef: 'agent:default/refund-assistant',
      type: 'commission',
      reason: 'Refunds go live on Monday.',
      payload: {},
    });
    // Reloaded: the commission waits in the requests, and is not offered again.
    expect(getAgent).toHaveBeenCalledTimes(2);
    const requests = screen.getByRole('table', { name: 'Requests' });
    expect(
      within(requests).getByText('Refunds go live on Monday.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Commission' })).toBeNull();
  });

  it('offers the commission only to people who may file requests, and its approval to security', async () => {
    const pending = agentDetail({
      state: 'proposed',
      approvedScope: undefined,
      approvedVersions: 0,
      requests: [
        {
          id: 'r9',
          agentRef: 'agent:default/refund-assistant',
          type: 'commission',
          status: 'pending',
          requesterRef: 'user:default/dana.lee',
          reason: 'Refunds go live on Monday.',
          payload: {},
          createdAt: occurredAt.toISO()!,
        },
      ],
    });
    const decideRequest = jest.fn().mockResolvedValue({ status: 'applied' });
    await render(
      'commission-to-approve',
      {
        getAgent: jest.fn().mockResolvedValue(pending),
        listAudit: jest.fn().mockResolvedValue(emptyAudit),
        decideRequest,
      },
      ['agents.request.decide'],
    );
    const approve = await screen.findByRole('button', { name: 'Approve' });
    expect(screen.queryByRole('button', { name: 'Commission' })).toBeNull();
    fireEvent.change(
      screen.getByRole('textbox', {
        name: 'Reason for your decision or request',
      }),
      { target: { value: 'Scope reviewed.' } },
    );
    fireEvent.click(approve);
    expect(await screen.findByText('commission approved')).toBeInTheDocument();
    expect(decideRequest).toHaveBeenCalledWith('r9', {
      decision: 'approve',
      reason: 'Scope reviewed.',
    });
  });

  it('lets owners request a scope change and an owner transfer, and reloads once filed', async () => {
    const getAgent = jest.fn().mockResolvedValue(agentDetail());
    const fileRequest = jest.fn().mockResolvedValue({ status: 'applied' });
    await render(
      'mine',
      {
        getAgent,
        listAudit: jest.fn().mockResolvedValue(emptyAudit),
        fileRequest,
      },
      ['agents.request.create'],
    );
    const scopeButton = await screen.findByRole('button', {
      name: 'Request scope change',
    });
    expect(
      screen.getByRole('button', { name: 'Transfer owner' }),
    ).toBeInTheDocument();
    fireEvent.click(scopeButton);
    // Found at once: a query by role after the dialog changed makes jsdom restyle the page.
    const dialog = within(
      screen.getByRole('dialog', { name: 'Request scope change' }),
    );
    const remove = dialog.getByRole('button', { name: 'Remove refunds.issue' });
    const reason = dialog.getByRole('textbox', { name: 'Reason' });
    const submit = dialog.getByRole('button', { name: 'File scope change' });
    fireEvent.click(remove);
    fireEvent.change(reason, { target: { value: 'No more refunds here.' } });
    fireEvent.click(submit);
    expect(
      await screen.findByText('Scope change applied.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(getAgent).toHaveBeenCalledTimes(2);

    fireEvent.click(screen.getByRole('button', { name: 'Transfer owner' }));
    // Awaited: the dialog loads the catalog's groups as it opens.
    expect(
      await screen.findByRole('dialog', { name: 'Transfer owner' }),
    ).toBeInTheDocument();
  });
});

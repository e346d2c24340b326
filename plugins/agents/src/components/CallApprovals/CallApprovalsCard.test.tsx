import { identityApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, mockApis } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AgentsApi, CallApproval } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { NOW } from '../shared/__testUtils__/clock';
import { permissionApiAllowing } from '../shared/__testUtils__/permissions';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { CallApprovalsCard } from './CallApprovalsCard';
import { callApproval } from './__testUtils__/callApproval';

const DANA = 'user:default/dana.lee';

/** The answers of GET /v1/approvals: pending ones for status=pending, all others without. */
function approvalsAnswering(all: () => CallApproval[]) {
  return jest.fn(async (query?: { status?: string }) => {
    const items = all().filter(
      a => !query?.status || a.status === query.status,
    );
    return { items, totalCount: items.length };
  });
}

/**
 * Renders the card for an agent of its own (usePermission caches verdicts per agent across
 * tests), signed in as `viewer`, who holds agents.call.decide when `owns`.
 */
async function render(options: {
  agentName: string;
  api: Partial<AgentsApi>;
  owns?: boolean;
  viewer?: string;
  sponsorRef?: string;
  pollMs?: number;
}) {
  await renderInAgentsTestApp(
    <TestApiProvider
      apis={[
        [agentsApiRef, options.api],
        [
          permissionApiRef,
          permissionApiAllowing(
            p => p === 'agents.call.decide' && !!options.owns,
          ),
        ],
        [
          identityApiRef,
          mockApis.identity({ userEntityRef: options.viewer ?? DANA }),
        ],
      ]}
    >
      <CallApprovalsCard
        agent={{
          entityRef: `agent:default/${options.agentName}`,
          sponsorRef: options.sponsorRef,
        }}
        pollMs={options.pollMs ?? 60_000}
      />
    </TestApiProvider>,
  );
}

const pendingTable = () =>
  screen.findByRole('table', { name: 'Calls waiting for approval' });

const rowOf = async (text: string) =>
  within(await pendingTable())
    .getAllByRole('row')
    .find(row => within(row).queryByText(text))!;

describe('CallApprovalsCard', () => {
  it('shows each held call: tool, what it does, why, for whom, who asked and when it expires', async () => {
    await render({
      agentName: 'shows-pending',
      owns: true,
      api: {
        listCallApprovals: approvalsAnswering(() => [
          callApproval(),
          callApproval({
            id: 'a2',
            argumentsSummary:
              'refunds.issue {"orderId":"A-1043","amountUsd":80}',
            onBehalfOf: undefined,
            expiresAt: NOW.plus({ minutes: 3 }).toISO()!,
          }),
        ]),
      },
    });

    const table = await pendingTable();
    const [, first, second] = within(table).getAllByRole('row');
    // The call that expires first is on top.
    expect(within(first).getByText('expires in 3 minutes')).toBeInTheDocument();
    expect(
      within(first).getByText(
        'refunds.issue {"orderId":"A-1043","amountUsd":80}',
      ),
    ).toBeInTheDocument();
    expect(within(second).getByText('refunds.issue')).toBeInTheDocument();
    expect(
      within(second).getByText(
        'refunds.issue {"orderId":"A-1042","amountUsd":120}',
      ),
    ).toBeInTheDocument();
    expect(
      within(second).getByText(
        "refunds.issue needs a person's approval (approval: human)",
      ),
    ).toBeInTheDocument();
    expect(
      within(second).getByText('user:default/sam.ortiz'),
    ).toBeInTheDocument();
    expect(
      within(second).getByText('service:agent-gateway'),
    ).toBeInTheDocument();
    expect(
      within(second).getByText('expires in 10 minutes'),
    ).toBeInTheDocument();
    expect(
      await within(second).findByRole('button', { name: 'Approve' }),
    ).toHaveAccessibleDescription(
      'refunds.issue {"orderId":"A-1042","amountUsd":120}',
    );
    expect(
      within(second).getByRole('button', { name: 'Deny' }),
    ).toBeInTheDocument();
  });

  it('says so when no call waits, and shows the decided ones with outcome, decider and reason', async () => {
    await render({
      agentName: 'shows-decided',
      owns: true,
      api: {
        listCallApprovals: approvalsAnswering(() => [
          callApproval({
            id: 'd1',
            status: 'approved',
            decidedBy: DANA,
            decisionReason: 'Damaged on arrival',
          }),
          callApproval({
            id: 'd2',
            status: 'denied',
            decidedBy: 'user:default/nina.kowalski',
            decisionReason: 'Duplicate of R-A-1041',
          }),
          callApproval({
            id: 'd3',
            status: 'expired',
            decidedBy: 'mandate:approval-expiry',
          }),
        ]),
      },
    });

    expect(
      await screen.findByText(/No calls of this agent wait for a person/),
    ).toBeInTheDocument();
    const decided = screen.getByRole('table', { name: 'Decided calls' });
    const [, approved, denied, expired] = within(decided).getAllByRole('row');
    expect(approved).toHaveTextContent(
      /approved.*user:default\/dana\.lee.*Damaged on arrival/,
    );
    expect(denied).toHaveTextContent(
      /denied.*user:default\/nina\.kowalski.*Duplicate of R-A-1041/,
    );
    expect(expired).toHaveTextContent(/expired.*nobody decided in time/);
  });

  it('approves a call with a reason, then shows it decided', async () => {
    let approvals = [callApproval()];
    const listCallApprovals = approvalsAnswering(() => approvals);
    const decideCallApproval = jest.fn(async (id: string, body) => {
      approvals = [
        callApproval({
          id,
          status: 'approved',
          decidedBy: DANA,
          decisionReason: body.reason,
        }),
      ];
      return approvals[0];
    });
    await render({
      agentName: 'approves',
      owns: true,
      api: { listCallApprovals, decideCallApproval },
    });

    fireEvent.click(
      await within(await rowOf('refunds.issue')).findByRole('button', {
        name: 'Approve',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Approve refunds.issue',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(
      await within(dialog).findByText(/Give a reason of at least 3 characters/),
    ).toBeInTheDocument();
    expect(decideCallApproval).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'Order A-1042 arrived damaged.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));

    expect(
      await screen.findByText(
        'Approved refunds.issue: the gateway forwards the call.',
      ),
    ).toBeInTheDocument();
    expect(decideCallApproval).toHaveBeenCalledWith('a1', {
      decision: 'approve',
      reason: 'Order A-1042 arrived damaged.',
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(
      await screen.findByText(/No calls of this agent wait for a person/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Decided calls' }),
    ).toHaveTextContent(/approved.*Order A-1042 arrived damaged\./);
  });

  it("shows the backend's refusal when the call expired meanwhile, and looks again", async () => {
    let approvals = [callApproval()];
    const listCallApprovals = approvalsAnswering(() => approvals);
    const decideCallApproval = jest.fn(async () => {
      approvals = [
        callApproval({
          status: 'expired',
          decidedBy: 'mandate:approval-expiry',
        }),
      ];
      throw new Error(
        'This call approval is expired since 2025-03-14T09:36:53.000Z; it can no longer be decided',
      );
    });
    await render({
      agentName: 'refused',
      owns: true,
      api: { listCallApprovals, decideCallApproval },
    });

    fireEvent.click(
      await within(await rowOf('refunds.issue')).findByRole('button', {
        name: 'Deny',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Deny refunds.issue',
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'Not for this customer.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));

    expect(
      await within(dialog).findByText(
        'This call approval is expired since 2025-03-14T09:36:53.000Z; it can no longer be decided',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(listCallApprovals).toHaveBeenCalledTimes(4));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    expect(
      await screen.findByText(/No calls of this agent wait for a person/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Decided calls' }),
    ).toHaveTextContent(/expired.*nobody decided in time/);
  });

  it('offers no buttons for a call whose time has run out', async () => {
    await render({
      agentName: 'expired',
      owns: true,
      api: {
        listCallApprovals: approvalsAnswering(() => [
          callApproval({ expiresAt: NOW.minus({ minutes: 2 }).toISO()! }),
        ]),
      },
    });

    const row = await rowOf('refunds.issue');
    expect(within(row).getByText('expired 2 minutes ago')).toBeInTheDocument();
    expect(
      within(row).getByText('Expired: the gateway refuses the call.'),
    ).toBeInTheDocument();
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
  });

  it('lets the sponsor decide without the owners’ permission, but not the person the call acts for', async () => {
    await render({
      agentName: 'sponsored',
      owns: false,
      viewer: DANA,
      sponsorRef: DANA,
      api: {
        listCallApprovals: approvalsAnswering(() => [
          callApproval(),
          callApproval({
            id: 'a2',
            tool: 'tickets.comment',
            argumentsSummary: 'tickets.comment {"ticketId":"T-7"}',
            onBehalfOf: DANA,
          }),
        ]),
      },
    });

    expect(
      await within(await rowOf('refunds.issue')).findByRole('button', {
        name: 'Approve',
      }),
    ).toBeInTheDocument();
    const ownCall = await rowOf('tickets.comment');
    expect(
      within(ownCall).getByText(
        'The call acts for you, so the owner, the sponsor or security decide it.',
      ),
    ).toBeInTheDocument();
    expect(within(ownCall).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows others who decides instead of buttons', async () => {
    await render({
      agentName: 'read-only',
      owns: false,
      viewer: 'user:default/priya.nair',
      sponsorRef: DANA,
      api: {
        listCallApprovals: approvalsAnswering(() => [callApproval()]),
      },
    });

    const row = await rowOf('refunds.issue');
    expect(
      within(row).getByText('Waiting for the owner, the sponsor or security.'),
    ).toBeInTheDocument();
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows a call as soon as a gateway files it', async () => {
    let approvals: CallApproval[] = [];
    await render({
      agentName: 'live',
      owns: true,
      pollMs: 20,
      api: { listCallApprovals: approvalsAnswering(() => approvals) },
    });
    expect(
      await screen.findByText(/No calls of this agent wait for a person/),
    ).toBeInTheDocument();

    approvals = [callApproval()];

    expect(
      await within(await pendingTable()).findByText(
        'refunds.issue {"orderId":"A-1042","amountUsd":120}',
      ),
    ).toBeInTheDocument();
  });
});

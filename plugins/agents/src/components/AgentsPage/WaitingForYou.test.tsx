import { identityApiRef } from '@backstage/core-plugin-api';
import { TestApiProvider, mockApis } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { AgentsApi, CallApproval } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { callApproval } from '../CallApprovals/__testUtils__/callApproval';
import { NOW } from '../shared/__testUtils__/clock';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { WaitingForYou } from './WaitingForYou';

async function render(approvals: () => CallApproval[], pollMs = 60_000) {
  const api: Partial<AgentsApi> = {
    myReviews: jest.fn().mockResolvedValue({ reviews: [], requests: [] }),
    listCallApprovals: jest.fn(async () => ({
      items: approvals(),
      totalCount: approvals().length,
    })),
  };
  await renderInAgentsTestApp(
    <TestApiProvider
      apis={[
        [agentsApiRef, api],
        [
          identityApiRef,
          mockApis.identity({ userEntityRef: 'user:default/dana.lee' }),
        ],
      ]}
    >
      <WaitingForYou pollMs={pollMs} />
    </TestApiProvider>,
  );
  return api;
}

describe('WaitingForYou', () => {
  it('lists the held calls the viewer may decide, linked to the agent’s Lifecycle tab', async () => {
    const api = await render(() => [
      callApproval(),
      // Dana does not decide a call made for her, and nobody decides an expired one.
      callApproval({ id: 'mine', onBehalfOf: 'user:default/dana.lee' }),
      callApproval({
        id: 'late',
        tool: 'tickets.comment',
        expiresAt: NOW.minus({ seconds: 1 }).toISO()!,
      }),
    ]);

    const link = await screen.findByRole('link', {
      name: 'Approve or deny: refunds.issue of refund-assistant',
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/agent/refund-assistant/lifecycle',
    );
    const list = screen.getByRole('list', { name: 'Waiting for you' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(
      within(list).getByText(
        `refunds.issue {"orderId":"A-1042","amountUsd":120} (refunds.issue needs a person's approval (approval: human)); expires in 10 minutes`,
      ),
    ).toBeInTheDocument();
    expect(api.listCallApprovals).toHaveBeenCalledWith({
      status: 'pending',
      limit: 100,
    });
  });

  it('shows a call as soon as a gateway files it', async () => {
    let approvals: CallApproval[] = [];
    await render(() => approvals, 20);
    expect(
      await screen.findByText(/Nothing waits for you/),
    ).toBeInTheDocument();

    approvals = [callApproval()];

    expect(
      await screen.findByRole('link', {
        name: 'Approve or deny: refunds.issue of refund-assistant',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Nothing waits for you/)).not.toBeInTheDocument();
  });
});

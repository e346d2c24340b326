import { TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AgentsApi } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { NOW } from '../shared/__testUtils__/clock';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { CallDecision, DecideCallDialog } from './DecideCallDialog';
import { callApproval } from './__testUtils__/callApproval';

async function render(
  decision: CallDecision,
  api: Partial<AgentsApi>,
  approval = callApproval(),
) {
  const onDecided = jest.fn();
  const onFailed = jest.fn();
  const onClose = jest.fn();
  await renderInAgentsTestApp(
    <TestApiProvider apis={[[agentsApiRef, api]]}>
      <DecideCallDialog
        open
        approval={approval}
        decision={decision}
        onClose={onClose}
        onDecided={onDecided}
        onFailed={onFailed}
      />
    </TestApiProvider>,
  );
  return { onDecided, onFailed, onClose };
}

const dialogNamed = (name: string) => screen.findByRole('dialog', { name });

describe('DecideCallDialog', () => {
  it('shows what the call does, why, for whom, who asked and when it expires', async () => {
    await render('approve', { decideCallApproval: jest.fn() });

    const dialog = await dialogNamed('Approve refunds.issue');
    const details = within(dialog);
    expect(
      details.getByText('refunds.issue {"orderId":"A-1042","amountUsd":120}'),
    ).toBeInTheDocument();
    expect(
      details.getByText(
        "refunds.issue needs a person's approval (approval: human)",
      ),
    ).toBeInTheDocument();
    expect(details.getByText('user:default/sam.ortiz')).toBeInTheDocument();
    expect(details.getByText('service:agent-gateway')).toBeInTheDocument();
    expect(details.getByText('expires in 10 minutes')).toBeInTheDocument();
  });

  it('says when the call has already expired', async () => {
    await render(
      'approve',
      { decideCallApproval: jest.fn() },
      callApproval({ expiresAt: NOW.minus({ minutes: 2 }).toISO()! }),
    );

    const dialog = await dialogNamed('Approve refunds.issue');
    expect(
      within(dialog).getByText('expired 2 minutes ago'),
    ).toBeInTheDocument();
  });

  it('requires a reason before deciding', async () => {
    const decideCallApproval = jest.fn();
    const { onDecided } = await render('approve', { decideCallApproval });

    const dialog = await dialogNamed('Approve refunds.issue');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));

    expect(
      await within(dialog).findByText(
        'Give a reason of at least 3 characters; it is recorded in the audit trail.',
      ),
    ).toBeInTheDocument();
    expect(decideCallApproval).not.toHaveBeenCalled();
    expect(onDecided).not.toHaveBeenCalled();
  });

  it('approves with the reason and says what happens next', async () => {
    const decideCallApproval = jest
      .fn()
      .mockResolvedValue(
        callApproval({ status: 'approved', decisionReason: 'Order checked' }),
      );
    const { onDecided } = await render('approve', { decideCallApproval });

    const dialog = await dialogNamed('Approve refunds.issue');
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Reason' }), {
      target: { value: '  Order A-1042 arrived damaged; refund is due.  ' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));

    await waitFor(() =>
      expect(onDecided).toHaveBeenCalledWith(
        'Approved refunds.issue: the gateway forwards the call.',
      ),
    );
    expect(decideCallApproval).toHaveBeenCalledWith('a1', {
      decision: 'approve',
      reason: 'Order A-1042 arrived damaged; refund is due.',
    });
  });

  it('denies with the reason, which the agent is told', async () => {
    const decideCallApproval = jest
      .fn()
      .mockResolvedValue(callApproval({ status: 'denied' }));
    const { onDecided } = await render('deny', { decideCallApproval });

    const dialog = await dialogNamed('Deny refunds.issue');
    expect(
      within(dialog).getByText(
        'The gateway refuses this call, and the agent is told your reason.',
      ),
    ).toBeInTheDocument();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'The order was never delivered to this customer.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));

    await waitFor(() =>
      expect(onDecided).toHaveBeenCalledWith(
        'Denied refunds.issue: the gateway refuses the call.',
      ),
    );
    expect(decideCallApproval).toHaveBeenCalledWith('a1', {
      decision: 'deny',
      reason: 'The order was never delivered to this customer.',
    });
  });

  it("keeps the dialog open with the backend's explanation when the call can no longer be decided", async () => {
    const decideCallApproval = jest
      .fn()
      .mockRejectedValue(
        new Error(
          'This call approval is approved; it can no longer be decided',
        ),
      );
    const { onDecided, onFailed } = await render('deny', {
      decideCallApproval,
    });

    const dialog = await dialogNamed('Deny refunds.issue');
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'Too large for a single refund.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));

    expect(
      await within(dialog).findByText(
        'This call approval is approved; it can no longer be decided',
      ),
    ).toBeInTheDocument();
    expect(onFailed).toHaveBeenCalled();
    expect(onDecided).not.toHaveBeenCalled();
    expect(
      screen.getByRole('dialog', { name: 'Deny refunds.issue' }),
    ).toBeInTheDocument();
  });
});

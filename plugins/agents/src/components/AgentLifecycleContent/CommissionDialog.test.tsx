import { TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AgentsApi } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { CommissionDialog } from './CommissionDialog';
import { agentDetail } from './__testUtils__/agentDetail';

/** Renders the dialog for the proposed Refund Assistant and finds its controls at once. */
async function render(fileRequest: jest.Mock, onFiled = jest.fn()) {
  await renderInAgentsTestApp(
    <TestApiProvider
      apis={[[agentsApiRef, { fileRequest } as Partial<AgentsApi>]]}
    >
      <CommissionDialog
        agent={agentDetail({
          state: 'proposed',
          approvedScope: undefined,
          approvedVersions: 0,
        })}
        onClose={jest.fn()}
        onFiled={onFiled}
      />
    </TestApiProvider>,
  );
  const inDialog = within(
    screen.getByRole('dialog', { name: 'Commission agent' }),
  );
  return {
    inDialog,
    reason: inDialog.getByRole('textbox', { name: 'Reason' }),
    submit: inDialog.getByRole('button', { name: 'File commission' }),
  };
}

describe('CommissionDialog', () => {
  it('shows the scope security will approve', async () => {
    const { inDialog } = await render(jest.fn());
    const scope = inDialog.getByRole('list', { name: 'Declared scope' });
    expect(
      within(scope)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'identity spiffe://acme.example/agent/refund-assistant',
      'orders.lookup: read, data customer-pii',
      'refunds.issue: write, human approval of each call',
      'data classes customer-pii, payment',
    ]);
    expect(
      inDialog.getByText(/Refund Assistant is in the catalog but not/),
    ).toBeInTheDocument();
  });

  it('needs a reason', async () => {
    const fileRequest = jest.fn();
    const { inDialog, submit } = await render(fileRequest);
    fireEvent.click(submit);
    expect(
      inDialog.getByText(/Give a reason of at least 3 characters/),
    ).toBeInTheDocument();
    expect(fileRequest).not.toHaveBeenCalled();
  });

  it('files the commission for security to approve', async () => {
    const fileRequest = jest.fn().mockResolvedValue({ status: 'pending' });
    const onFiled = jest.fn();
    const { reason, submit } = await render(fileRequest, onFiled);
    fireEvent.change(reason, {
      target: { value: '  Refunds go live on Monday.  ' },
    });
    fireEvent.click(submit);
    await waitFor(() =>
      expect(onFiled).toHaveBeenCalledWith(
        'Commission filed; it waits for security’s approval.',
      ),
    );
    expect(fileRequest).toHaveBeenCalledWith({
      agentRef: 'agent:default/refund-assistant',
      type: 'commission',
      reason: 'Refunds go live on Monday.',
      payload: {},
    });
  });

  it('shows the backend’s refusal', async () => {
    const fileRequest = jest
      .fn()
      .mockRejectedValue(
        new Error(
          'A commission request for agent:default/refund-assistant is already open (r7); decide it first',
        ),
      );
    const onFiled = jest.fn();
    const { inDialog, reason, submit } = await render(fileRequest, onFiled);
    fireEvent.change(reason, { target: { value: 'Go live.' } });
    fireEvent.click(submit);
    expect(
      await inDialog.findByText(/is already open \(r7\); decide it first/),
    ).toBeInTheDocument();
    expect(onFiled).not.toHaveBeenCalled();
  });
});

import { TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AgentsApi } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { ScopeChangeDialog } from './ScopeChangeDialog';
import { agentDetail } from './__testUtils__/agentDetail';

/**
 * Renders the dialog and finds its controls at once. A query by role after the dialog
 * changed makes jsdom restyle the page, the slowest step here, so tests find what they
 * touch before they touch it.
 */
async function render(fileRequest: jest.Mock, onFiled = jest.fn()) {
  await renderInAgentsTestApp(
    <TestApiProvider
      apis={[[agentsApiRef, { fileRequest } as Partial<AgentsApi>]]}
    >
      <ScopeChangeDialog
        agent={agentDetail()}
        onClose={jest.fn()}
        onFiled={onFiled}
      />
    </TestApiProvider>,
  );
  const dialog = screen.getByRole('dialog', { name: 'Request scope change' });
  const inDialog = within(dialog);
  return {
    dialog,
    inDialog,
    reason: inDialog.getByRole('textbox', { name: 'Reason' }),
    submit: inDialog.getByRole('button', { name: 'File scope change' }),
  };
}

const type = (field: HTMLElement, text: string) =>
  fireEvent.change(field, { target: { value: text } });

describe('ScopeChangeDialog', () => {
  it('starts from the approved scope and refuses to file it unchanged or without a reason', async () => {
    const fileRequest = jest.fn();
    const { inDialog, submit } = await render(fileRequest);
    const rows = within(
      inDialog.getByRole('table', { name: 'Tools' }),
    ).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(inDialog.getByText('No changes yet.')).toBeInTheDocument();

    fireEvent.click(submit);
    expect(
      inDialog.getByText(/Nothing to file: this is the approved scope/),
    ).toBeInTheDocument();
    expect(
      inDialog.getByText(/Give a reason of at least 3 characters/),
    ).toBeInTheDocument();
    expect(fileRequest).not.toHaveBeenCalled();
  });

  it('files a reduction, which applies at once', async () => {
    const fileRequest = jest.fn().mockResolvedValue({ status: 'applied' });
    const onFiled = jest.fn();
    const { inDialog, reason, submit } = await render(fileRequest, onFiled);
    fireEvent.click(
      inDialog.getByRole('button', { name: 'Remove refunds.issue' }),
    );
    expect(
      inDialog.getByText('Applies at once: this only narrows the scope.'),
    ).toBeInTheDocument();
    expect(
      within(inDialog.getByRole('list', { name: 'Changes' })).getByText(
        'remove refunds.issue',
      ),
    ).toBeInTheDocument();

    type(reason, 'Refunds moved to the v2 workflow.');
    fireEvent.click(submit);
    await waitFor(() =>
      expect(onFiled).toHaveBeenCalledWith('Scope change applied.'),
    );
    expect(fileRequest).toHaveBeenCalledWith({
      agentRef: 'agent:default/refund-assistant',
      type: 'scope-change',
      reason: 'Refunds moved to the v2 workflow.',
      payload: {
        scope: {
          dataClasses: ['customer-pii', 'payment'],
          tools: [
            {
              name: 'orders.lookup',
              access: 'read',
              dataClasses: ['customer-pii'],
            },
          ],
        },
      },
    });
  });

  it('says an expansion needs security approval: raised access, dropped approval, a new tool', async () => {
    const fileRequest = jest.fn().mockResolvedValue({ status: 'pending' });
    const onFiled = jest.fn();
    const { inDialog, reason, submit } = await render(fileRequest, onFiled);
    const access = inDialog.getByRole('combobox', {
      name: 'Access of orders.lookup',
    });
    const approval = inDialog.getByRole('combobox', {
      name: 'Approval of refunds.issue',
    });
    const newTool = inDialog.getByRole('textbox', { name: 'New tool name' });
    const addTool = inDialog.getByRole('button', { name: 'Add tool' });
    type(access, 'write');
    type(approval, 'none');
    type(newTool, 'refunds.status');
    fireEvent.click(addTool);

    expect(
      inDialog.getByText(/Needs security approval: this widens the scope/),
    ).toBeInTheDocument();
    const changes = within(
      inDialog.getByRole('list', { name: 'Changes' }),
    ).getAllByRole('listitem');
    expect(changes.map(li => li.textContent)).toEqual([
      'raise orders.lookup from read to writewidens: needs approval',
      'stop requiring a human approval for refunds.issuewidens: needs approval',
      'add refunds.status (read)widens: needs approval',
    ]);

    type(reason, 'Customers ask for refund status.');
    fireEvent.click(submit);
    await waitFor(() =>
      expect(onFiled).toHaveBeenCalledWith(
        'Scope change filed; it waits for security’s approval.',
      ),
    );
    expect(fileRequest.mock.calls[0][0].payload.scope.tools).toEqual([
      { name: 'orders.lookup', access: 'write', dataClasses: ['customer-pii'] },
      {
        name: 'refunds.issue',
        access: 'write',
        approval: 'none',
        constraints: { maxAmountUsd: 200 },
      },
      { name: 'refunds.status', access: 'read' },
    ]);
  });

  it('refuses a tool name the gateway could not report, and a duplicate', async () => {
    const { inDialog } = await render(jest.fn());
    const name = inDialog.getByRole('textbox', { name: 'New tool name' });
    const addTool = inDialog.getByRole('button', { name: 'Add tool' });
    type(name, 'refund status');
    fireEvent.click(addTool);
    expect(
      inDialog.getByText(
        '"refund status" is not a tool name; use letters, digits and . _ : / - (at most 128)',
      ),
    ).toBeInTheDocument();
    type(name, 'orders.lookup');
    fireEvent.click(addTool);
    expect(
      inDialog.getByText(
        'orders.lookup is already in the scope; change its access instead.',
      ),
    ).toBeInTheDocument();
    expect(
      within(inDialog.getByRole('table', { name: 'Tools' })).getAllByRole(
        'row',
      ),
    ).toHaveLength(3);
  });

  it('flags a tool that reaches a data class the agent no longer declares', async () => {
    const fileRequest = jest.fn();
    const { inDialog, reason, submit } = await render(fileRequest);
    const dataClasses = inDialog.getByRole('combobox', {
      name: 'Data classes the agent may reach',
    });
    // Backspace in the empty input removes the last chip: payment, then customer-pii.
    fireEvent.keyDown(dataClasses, { key: 'Backspace' });
    fireEvent.keyDown(dataClasses, { key: 'Backspace' });
    expect(
      inDialog.getByText(
        '"customer-pii" is not declared in the agent’s data classes; add it there or remove it from the tool',
      ),
    ).toBeInTheDocument();
    type(reason, 'Tidy up.');
    fireEvent.click(submit);
    expect(fileRequest).not.toHaveBeenCalled();
  });

  it('shows the backend’s refusal and lets the person try again', async () => {
    let fail: (error: Error) => void = () => {};
    const fileRequest = jest.fn(
      () =>
        new Promise((_, reject) => {
          fail = reject;
        }),
    );
    const onFiled = jest.fn();
    const { inDialog, reason, submit } = await render(fileRequest, onFiled);
    fireEvent.click(
      inDialog.getByRole('button', { name: 'Remove orders.lookup' }),
    );
    type(reason, 'Not needed.');
    fireEvent.click(submit);
    await waitFor(() => expect(submit).toHaveAccessibleName('Filing…'));
    expect(submit).toBeDisabled();
    fail(
      new Error(
        'A scope-change request for agent:default/refund-assistant is already open (r7); decide it first',
      ),
    );
    expect(
      await inDialog.findByText(
        'A scope-change request for agent:default/refund-assistant is already open (r7); decide it first',
      ),
    ).toBeInTheDocument();
    expect(submit).toHaveAccessibleName('File scope change');
    expect(submit).toBeEnabled();
    expect(onFiled).not.toHaveBeenCalled();
  });
});

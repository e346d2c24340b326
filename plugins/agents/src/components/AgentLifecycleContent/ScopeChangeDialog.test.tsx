import { TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { AgentsApi } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { ScopeChangeDialog } from './ScopeChangeDialog';
import { agentDetail } from './__testUtils__/agentDetail';

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
  return screen.getByRole('dialog', { name: 'Request scope change' });
}

const giveReason = (dialog: HTMLElement, text: string) =>
  fireEvent.change(within(dialog).getByRole('textbox', { name: 'Reason' }), {
    target: { value: text },
  });
const fileIt = (dialog: HTMLElement) =>
  fireEvent.click(
    within(dialog).getByRole('button', { name: 'File scope change' }),
  );

describe('ScopeChangeDialog', () => {
  it('starts from the approved scope and refuses to file it unchanged or without a reason', async () => {
    const fileRequest = jest.fn();
    const dialog = await render(fileRequest);
    const rows = within(
      within(dialog).getByRole('table', { name: 'Tools' }),
    ).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(dialog).getByText('No changes yet.')).toBeInTheDocument();

    fileIt(dialog);
    expect(
      within(dialog).getByText(/Nothing to file: this is the approved scope/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/Give a reason of at least 3 characters/),
    ).toBeInTheDocument();
    expect(fileRequest).not.toHaveBeenCalled();
  });

  it('files a reduction, which applies at once', async () => {
    const fileRequest = jest.fn().mockResolvedValue({ status: 'applied' });
    const onFiled = jest.fn();
    const dialog = await render(fileRequest, onFiled);
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Remove refunds.issue' }),
    );
    expect(
      within(dialog).getByText('Applies at once: this only narrows the scope.'),
    ).toBeInTheDocument();
    expect(
      within(within(dialog).getByRole('list', { name: 'Changes' })).getByText(
        'remove refunds.issue',
      ),
    ).toBeInTheDocument();

    giveReason(dialog, 'Refunds moved to the v2 workflow.');
    fileIt(dialog);
    await screen.findByRole('button', { name: 'File scope change' });
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
    expect(onFiled).toHaveBeenCalledWith('Scope change applied.');
  });

  it('says an expansion needs security approval: raised access, dropped approval, a new tool', async () => {
    const fileRequest = jest.fn().mockResolvedValue({ status: 'pending' });
    const onFiled = jest.fn();
    const dialog = await render(fileRequest, onFiled);
    fireEvent.change(
      within(dialog).getByRole('combobox', { name: 'Access of orders.lookup' }),
      { target: { value: 'write' } },
    );
    fireEvent.change(
      within(dialog).getByRole('combobox', {
        name: 'Approval of refunds.issue',
      }),
      { target: { value: 'none' } },
    );
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: 'New tool name' }),
      { target: { value: 'refunds.status' } },
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add tool' }));

    expect(
      within(dialog).getByText(
        /Needs security approval: this widens the scope/,
      ),
    ).toBeInTheDocument();
    const changes = within(
      within(dialog).getByRole('list', { name: 'Changes' }),
    ).getAllByRole('listitem');
    expect(changes.map(li => li.textContent)).toEqual([
      'raise orders.lookup from read to writewidens: needs approval',
      'stop requiring a human approval for refunds.issuewidens: needs approval',
      'add refunds.status (read)widens: needs approval',
    ]);

    giveReason(dialog, 'Customers ask for refund status.');
    fileIt(dialog);
    await screen.findByRole('button', { name: 'File scope change' });
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
    expect(onFiled).toHaveBeenCalledWith(
      'Scope change filed; it waits for security’s approval.',
    );
  });

  it('refuses a tool name the gateway could not report, and a duplicate', async () => {
    const dialog = await render(jest.fn());
    const name = within(dialog).getByRole('textbox', { name: 'New tool name' });
    fireEvent.change(name, { target: { value: 'refund status' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add tool' }));
    expect(
      within(dialog).getByText(
        '"refund status" is not a tool name; use letters, digits and . _ : / - (at most 128)',
      ),
    ).toBeInTheDocument();
    fireEvent.change(name, { target: { value: 'orders.lookup' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add tool' }));
    expect(
      within(dialog).getByText(
        'orders.lookup is already in the scope; change its access instead.',
      ),
    ).toBeInTheDocument();
    expect(
      within(within(dialog).getByRole('table', { name: 'Tools' })).getAllByRole(
        'row',
      ),
    ).toHaveLength(3);
  });

  it('flags a tool that reaches a data class the agent no longer declares', async () => {
    const fileRequest = jest.fn();
    const dialog = await render(fileRequest);
    const dataClasses = within(dialog).getByRole('combobox', {
      name: 'Data classes the agent may reach',
    });
    // Backspace in the empty input removes the last chip: payment, then customer-pii.
    fireEvent.keyDown(dataClasses, { key: 'Backspace' });
    fireEvent.keyDown(dataClasses, { key: 'Backspace' });
    expect(
      within(dialog).getByText(
        '"customer-pii" is not declared in the agent’s data classes; add it there or remove it from the tool',
      ),
    ).toBeInTheDocument();
    giveReason(dialog, 'Tidy up.');
    fileIt(dialog);
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
    const dialog = await render(fileRequest, onFiled);
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Remove orders.lookup' }),
    );
    giveReason(dialog, 'Not needed.');
    fileIt(dialog);
    expect(
      await within(dialog).findByRole('button', { name: 'Filing…' }),
    ).toBeDisabled();
    fail(
      new Error(
        'A scope-change request for agent:default/refund-assistant is already open (r7); decide it first',
      ),
    );
    expect(
      await within(dialog).findByText(
        'A scope-change request for agent:default/refund-assistant is already open (r7); decide it first',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'File scope change' }),
    ).toBeEnabled();
    expect(onFiled).not.toHaveBeenCalled();
  });
});

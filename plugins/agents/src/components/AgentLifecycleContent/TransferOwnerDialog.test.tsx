import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AgentsApi } from '@mandate/plugin-agents-common';
import { agentsApiRef } from '../../api/agentsApiRef';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { TransferOwnerDialog } from './TransferOwnerDialog';

const group = (name: string, displayName?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: displayName ? { profile: { displayName } } : {},
});

/**
 * Renders the dialog and finds its controls at once: a query by role after the dialog
 * changed makes jsdom restyle the page, the slowest step of these tests.
 */
async function render(
  fileRequest: jest.Mock,
  getEntities: jest.Mock = jest.fn().mockResolvedValue({
    items: [group('platform', 'Platform Engineering'), group('customer-care')],
  }),
  onFiled = jest.fn(),
) {
  await renderInAgentsTestApp(
    <TestApiProvider
      apis={[
        [agentsApiRef, { fileRequest } as Partial<AgentsApi>],
        [catalogApiRef, { getEntities }],
      ]}
    >
      <TransferOwnerDialog
        agent={{
          entityRef: 'agent:default/refund-assistant',
          ownerRef: 'group:default/customer-care',
        }}
        onClose={jest.fn()}
        onFiled={onFiled}
      />
    </TestApiProvider>,
  );
  const inDialog = within(
    screen.getByRole('dialog', { name: 'Transfer owner' }),
  );
  return {
    inDialog,
    newOwner: inDialog.getByRole('combobox', { name: 'New owner' }),
    reason: inDialog.getByRole('textbox', { name: 'Reason' }),
    submit: inDialog.getByRole('button', { name: 'File transfer' }),
  };
}

async function choose(field: HTMLElement, label: string) {
  fireEvent.mouseDown(field);
  fireEvent.click(await screen.findByRole('option', { name: label }));
}
const type = (field: HTMLElement, text: string) =>
  fireEvent.change(field, { target: { value: text } });

describe('TransferOwnerDialog', () => {
  it('offers the catalog’s groups and asks for a new owner and a reason', async () => {
    const fileRequest = jest.fn();
    const getEntities = jest.fn().mockResolvedValue({
      items: [group('platform', 'Platform Engineering')],
    });
    const { inDialog, submit } = await render(fileRequest, getEntities);
    expect(getEntities).toHaveBeenCalledWith(
      expect.objectContaining({ filter: { kind: 'Group' } }),
    );
    fireEvent.click(submit);
    expect(
      inDialog.getByText('Choose the group that takes the agent over.'),
    ).toBeInTheDocument();
    expect(
      inDialog.getByText(/Give a reason of at least 3 characters/),
    ).toBeInTheDocument();
    expect(fileRequest).not.toHaveBeenCalled();
  });

  it('refuses the current owner', async () => {
    const fileRequest = jest.fn();
    const { inDialog, newOwner, reason, submit } = await render(fileRequest);
    await choose(newOwner, 'group:default/customer-care');
    type(reason, 'Reorganisation.');
    fireEvent.click(submit);
    expect(
      inDialog.getByText(
        'group:default/customer-care already owns this agent; choose another group.',
      ),
    ).toBeInTheDocument();
    expect(fileRequest).not.toHaveBeenCalled();
  });

  it('files the transfer to the chosen group', async () => {
    const fileRequest = jest.fn().mockResolvedValue({ status: 'pending' });
    const onFiled = jest.fn();
    const { newOwner, reason, submit } = await render(
      fileRequest,
      undefined,
      onFiled,
    );
    await choose(newOwner, 'Platform Engineering (group:default/platform)');
    type(reason, 'Platform runs the refund service now.');
    fireEvent.click(submit);
    await waitFor(() =>
      expect(onFiled).toHaveBeenCalledWith(
        'Owner transfer to group:default/platform filed; the new owner must accept it.',
      ),
    );
    expect(fileRequest).toHaveBeenCalledWith({
      agentRef: 'agent:default/refund-assistant',
      type: 'owner-transfer',
      reason: 'Platform runs the refund service now.',
      payload: { newOwner: 'group:default/platform' },
    });
  });

  it('shows the backend’s refusal, with submit disabled while the call is pending', async () => {
    let fail: (error: Error) => void = () => {};
    const fileRequest = jest.fn(
      () =>
        new Promise((_, reject) => {
          fail = reject;
        }),
    );
    const onFiled = jest.fn();
    const { inDialog, newOwner, reason, submit } = await render(
      fileRequest,
      undefined,
      onFiled,
    );
    await choose(newOwner, 'Platform Engineering (group:default/platform)');
    type(reason, 'Platform runs it now.');
    fireEvent.click(submit);
    await waitFor(() => expect(submit).toHaveAccessibleName('Filing…'));
    expect(submit).toBeDisabled();
    fail(
      new Error(
        'A owner-transfer request for agent:default/refund-assistant is already open (r2); decide it first',
      ),
    );
    expect(
      await inDialog.findByText(/is already open \(r2\); decide it first/),
    ).toBeInTheDocument();
    expect(onFiled).not.toHaveBeenCalled();
  });

  it('says so when the catalog cannot list the groups', async () => {
    const { inDialog } = await render(
      jest.fn(),
      jest.fn().mockRejectedValue(new Error('catalog unavailable')),
    );
    expect(
      await inDialog.findByText(
        'Could not load the catalog’s groups: catalog unavailable',
      ),
    ).toBeInTheDocument();
  });
});

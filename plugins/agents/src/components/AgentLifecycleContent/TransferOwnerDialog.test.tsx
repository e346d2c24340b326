import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
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
  return screen.getByRole('dialog', { name: 'Transfer owner' });
}

async function choose(dialog: HTMLElement, label: string) {
  const field = within(dialog).getByRole('combobox', { name: 'New owner' });
  fireEvent.mouseDown(field);
  fireEvent.click(await screen.findByRole('option', { name: label }));
}
const giveReason = (dialog: HTMLElement, text: string) =>
  fireEvent.change(within(dialog).getByRole('textbox', { name: 'Reason' }), {
    target: { value: text },
  });
const fileIt = (dialog: HTMLElement) =>
  fireEvent.click(
    within(dialog).getByRole('button', { name: 'File transfer' }),
  );

describe('TransferOwnerDialog', () => {
  it('offers the catalog’s groups and asks for a new owner and a reason', async () => {
    const fileRequest = jest.fn();
    const getEntities = jest.fn().mockResolvedValue({
      items: [group('platform', 'Platform Engineering')],
    });
    const dialog = await render(fileRequest, getEntities);
    expect(getEntities).toHaveBeenCalledWith(
      expect.objectContaining({ filter: { kind: 'Group' } }),
    );
    fileIt(dialog);
    expect(
      within(dialog).getByText('Choose the group that takes the agent over.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/Give a reason of at least 3 characters/),
    ).toBeInTheDocument();
    expect(fileRequest).not.toHaveBeenCalled();
  });

  it('refuses the current owner', async () => {
    const fileRequest = jest.fn();
    const dialog = await render(fileRequest);
    await choose(dialog, 'group:default/customer-care');
    giveReason(dialog, 'Reorganisation.');
    fileIt(dialog);
    expect(
      within(dialog).getByText(
        'group:default/customer-care already owns this agent; choose another group.',
      ),
    ).toBeInTheDocument();
    expect(fileRequest).not.toHaveBeenCalled();
  });

  it('files the transfer to the chosen group', async () => {
    const fileRequest = jest.fn().mockResolvedValue({ status: 'pending' });
    const onFiled = jest.fn();
    const dialog = await render(fileRequest, undefined, onFiled);
    await choose(dialog, 'Platform Engineering (group:default/platform)');
    giveReason(dialog, 'Platform runs the refund service now.');
    fileIt(dialog);
    await within(dialog).findByRole('button', { name: 'File transfer' });
    expect(fileRequest).toHaveBeenCalledWith({
      agentRef: 'agent:default/refund-assistant',
      type: 'owner-transfer',
      reason: 'Platform runs the refund service now.',
      payload: { newOwner: 'group:default/platform' },
    });
    expect(onFiled).toHaveBeenCalledWith(
      'Owner transfer to group:default/platform filed; the new owner must accept it.',
    );
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
    const dialog = await render(fileRequest, undefined, onFiled);
    await choose(dialog, 'Platform Engineering (group:default/platform)');
    giveReason(dialog, 'Platform runs it now.');
    fileIt(dialog);
    expect(
      await within(dialog).findByRole('button', { name: 'Filing…' }),
    ).toBeDisabled();
    fail(
      new Error(
        'A owner-transfer request for agent:default/refund-assistant is already open (r2); decide it first',
      ),
    );
    expect(
      await within(dialog).findByText(
        /is already open \(r2\); decide it first/,
      ),
    ).toBeInTheDocument();
    expect(onFiled).not.toHaveBeenCalled();
  });

  it('says so when the catalog cannot list the groups', async () => {
    const dialog = await render(
      jest.fn(),
      jest.fn().mockRejectedValue(new Error('catalog unavailable')),
    );
    expect(
      await within(dialog).findByText(
        'Could not load the catalog’s groups: catalog unavailable',
      ),
    ).toBeInTheDocument();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AgentSummary } from '@mandate/plugin-agents-common';
import { agent, renderAgentsTable } from './__testUtils__/agentsTable';

// Each test names its agents anew: usePermission caches verdicts per agent across renders.
describe('AgentsTable: suspend and resume from the estate', () => {
  const page = (...items: AgentSummary[]) => ({
    items,
    totalCount: items.length,
    limit: 25,
    offset: 0,
  });

  /** Opens the dialog of e.g. "Suspend to-suspend" and finds its controls at once. */
  const openDialog = async (verb: 'Suspend' | 'Resume', name: string) => {
    fireEvent.click(
      await screen.findByRole('button', { name: `${verb} ${name}` }),
    );
    const dialog = screen.getByRole('dialog', { name: `${verb} ${name}` });
    return {
      inDialog: within(dialog),
      reason: within(dialog).getByRole('textbox', { name: 'Reason' }),
      submit: within(dialog).getByRole('button', { name: verb }),
    };
  };
  const type = (field: HTMLElement, text: string) =>
    fireEvent.change(field, { target: { value: text } });

  it('offers Suspend for active and Resume for suspended agents, only where the person may contain them', async () => {
    const listAgents = jest
      .fn()
      .mockResolvedValue(
        page(
          agent('active-allowed'),
          agent('suspended-allowed', { state: 'suspended' }),
          agent('active-denied'),
          agent('retired-allowed', { state: 'retired' }),
        ),
      );
    await renderAgentsTable(listAgents, jest.fn(), {
      mayContain: ref => !!ref?.endsWith('-allowed'),
    });
    expect(
      await screen.findByRole('button', { name: 'Suspend active-allowed' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Resume suspended-allowed' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /active-denied/ })).toBeNull();
    expect(
      screen.queryByRole('button', { name: /retired-allowed/ }),
    ).toBeNull();
  });

  it('shows no action to people who may not contain agents', async () => {
    await renderAgentsTable(
      jest.fn().mockResolvedValue(page(agent('not-mine'))),
    );
    await screen.findByRole('link', { name: 'not-mine' });
    expect(screen.queryByRole('button', { name: /Suspend/ })).toBeNull();
  });

  it('asks for a reason, files the suspension and refreshes the rows', async () => {
    const listAgents = jest
      .fn()
      .mockResolvedValueOnce(page(agent('to-suspend')))
      .mockResolvedValue(page(agent('to-suspend', { state: 'suspended' })));
    const fileRequest = jest.fn().mockResolvedValue({ status: 'applied' });
    const onChanged = jest.fn();
    await renderAgentsTable(listAgents, jest.fn(), {
      fileRequest,
      mayContain: () => true,
      onChanged,
    });
    const { inDialog, reason, submit } = await openDialog(
      'Suspend',
      'to-suspend',
    );
    fireEvent.click(submit);
    expect(
      inDialog.getByText(/Give a reason of at least 3 characters/),
    ).toBeInTheDocument();
    expect(fileRequest).not.toHaveBeenCalled();

    type(reason, 'Incident 4711: contain while we investigate.');
    fireEvent.click(submit);
    expect(
      await screen.findByText('Suspended to-suspend.'),
    ).toBeInTheDocument();
    expect(fileRequest).toHaveBeenCalledWith({
      agentRef: 'agent:default/to-suspend',
      type: 'suspend',
      reason: 'Incident 4711: contain while we investigate.',
    });
    expect(
      await screen.findByRole('button', { name: 'Resume to-suspend' }),
    ).toBeInTheDocument();
    expect(listAgents).toHaveBeenCalledTimes(2);
    expect(onChanged).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('resumes a suspended agent', async () => {
    const fileRequest = jest.fn().mockResolvedValue({ status: 'applied' });
    await renderAgentsTable(
      jest.fn().mockResolvedValue(page(agent('b', { state: 'suspended' }))),
      jest.fn(),
      { fileRequest, mayContain: () => true },
    );
    const { reason, submit } = await openDialog('Resume', 'b');
    type(reason, 'Investigation closed.');
    fireEvent.click(submit);
    expect(await screen.findByText('Resumed b.')).toBeInTheDocument();
    expect(fileRequest).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'resume',
        agentRef: 'agent:default/b',
      }),
    );
  });

  it('keeps the dialog open with the backend’s explanation when the request fails, and disables submit while pending', async () => {
    let fail: (error: Error) => void = () => {};
    const fileRequest = jest.fn(
      () =>
        new Promise((_, reject) => {
          fail = reject;
        }),
    );
    await renderAgentsTable(
      jest.fn().mockResolvedValue(page(agent('busy'))),
      jest.fn(),
      {
        fileRequest,
        mayContain: () => true,
      },
    );
    const { inDialog, reason, submit } = await openDialog('Suspend', 'busy');
    type(reason, 'Contain it.');
    fireEvent.click(submit);
    await waitFor(() => expect(submit).toHaveAccessibleName('Filing…'));
    expect(submit).toBeDisabled();
    fail(
      new Error(
        'A suspend request for agent:default/busy is already open (r1); decide it first',
      ),
    );
    expect(
      await inDialog.findByText(
        'A suspend request for agent:default/busy is already open (r1); decide it first',
      ),
    ).toBeInTheDocument();
    expect(submit).toHaveAccessibleName('Suspend');
    expect(submit).toBeEnabled();
  });
});

import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ScopeReview } from '@mandate/plugin-agents-common';
import { ReviewForm } from './ReviewForm';

const review: ScopeReview = {
  id: 'r1',
  agentRef: 'agent:default/refund-assistant',
  status: 'open',
  dueAt: '2026-12-01T00:00:00.000Z',
  openedAt: '2026-11-17T00:00:00.000Z',
  periodStart: '2026-09-01T00:00:00.000Z',
  periodEnd: '2026-12-01T00:00:00.000Z',
  escalationLevel: 1,
  tools: [
    {
      tool: 'orders.lookup',
      access: 'read',
      dataClasses: ['customer-pii'],
      calls: 1200,
      denials: 3,
      lastUsedAt: '2026-11-20T10:00:00.000Z',
      grantsIssued: 40,
      recommendation: 'keep',
      usageKnown: true,
    },
    {
      tool: 'tickets.comment',
      access: 'write',
      dataClasses: [],
      calls: 0,
      denials: 0,
      grantsIssued: 0,
      recommendation: 'revoke',
      usageKnown: true,
    },
  ],
};

const attest = (text: string) =>
  fireEvent.change(screen.getByLabelText('Attestation'), {
    target: { value: text },
  });

describe('ReviewForm', () => {
  it('shows each tool with its usage and pre-selects the recommendation', async () => {
    await renderInTestApp(
      <ReviewForm review={review} canSubmit onSubmit={jest.fn()} />,
    );
    const rows = within(
      screen.getByRole('table', { name: 'Tools under review' }),
    ).getAllByRole('row');
    expect(within(rows[1]).getByText('1200')).toBeInTheDocument();
    expect(within(rows[1]).getByText('2026-11-20')).toBeInTheDocument();
    expect(within(rows[2]).getByText('never')).toBeInTheDocument();
    expect(within(rows[2]).getByText('revoke: unused')).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('radiogroup', {
          name: 'Decision for tickets.comment',
        }),
      ).getByLabelText('Revoke'),
    ).toBeChecked();
    expect(
      within(
        screen.getByRole('radiogroup', { name: 'Decision for orders.lookup' }),
      ).getByLabelText('Keep'),
    ).toBeChecked();
    expect(
      screen.getByText('Revokes tickets.comment at once.'),
    ).toBeInTheDocument();
  });

  it('needs an attestation before it submits the decisions', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    await renderInTestApp(
      <ReviewForm review={review} canSubmit onSubmit={onSubmit} />,
    );
    const submit = screen.getByRole('button', { name: 'Submit review' });
    expect(submit).toBeDisabled();
    attest('ok');
    expect(submit).toBeDisabled();
    expect(
      screen.getByText('Say what you checked, at least 10 characters'),
    ).toBeInTheDocument();

    fireEvent.click(
      within(
        screen.getByRole('radiogroup', {
          name: 'Decision for tickets.comment',
        }),
      ).getByLabelText('Keep'),
    );
    attest('Checked usage with the team.');
    fireEvent.click(submit);
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        decisions: [
          { tool: 'orders.lookup', decision: 'keep' },
          { tool: 'tickets.comment', decision: 'keep' },
        ],
        attestation: 'Checked usage with the team.',
      }),
    );
  });

  it('shows the backend explanation when the submission is refused', async () => {
    const onSubmit = jest
      .fn()
      .mockRejectedValue(
        new Error('Review r1 was submitted by someone else a moment ago'),
      );
    await renderInTestApp(
      <ReviewForm review={review} canSubmit onSubmit={onSubmit} />,
    );
    attest('Checked usage with the team.');
    fireEvent.click(screen.getByRole('button', { name: 'Submit review' }));
    expect(
      await screen.findByText(
        'Review r1 was submitted by someone else a moment ago',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Submit review' })).toBeEnabled();
  });

  it('is read-only for people who may not submit, and says why', async () => {
    await renderInTestApp(
      <ReviewForm review={review} canSubmit={false} onSubmit={jest.fn()} />,
    );
    expect(
      screen.getByRole('button', { name: 'Submit review' }),
    ).toBeDisabled();
    expect(
      screen.getByText(
        /Only the owners of this agent and security can submit its review/,
      ),
    ).toBeInTheDocument();
  });

  it('says when no enforcement layer reports usage', async () => {
    const unknown = {
      ...review,
      tools: review.tools!.map(t => ({
        ...t,
        usageKnown: false,
        recommendation: 'keep' as const,
      })),
    };
    await renderInTestApp(
      <ReviewForm review={unknown} canSubmit onSubmit={jest.fn()} />,
    );
    expect(
      screen.getByText(/No enforcement layer reports usage/),
    ).toBeInTheDocument();
    expect(screen.getAllByText('?').length).toBeGreaterThan(0);
  });
});

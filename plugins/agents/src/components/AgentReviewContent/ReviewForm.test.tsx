import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ScopeReview } from '@mandate/plugin-agents-common';
import { NOW } from '../shared/__testUtils__/clock';
import { renderInAgentsTestApp } from '../shared/__testUtils__/render';
import { ReviewForm } from './ReviewForm';

const dueAt = NOW.startOf('day').plus({ days: 10 });
const lastUsedAt = NOW.minus({ days: 2 }).toISO()!;

const review: ScopeReview = {
  id: 'r1',
  agentRef: 'agent:default/refund-assistant',
  status: 'open',
  dueAt: dueAt.toISO()!,
  openedAt: dueAt.minus({ days: 14 }).toISO()!,
  periodStart: dueAt.minus({ months: 3 }).toISO()!,
  periodEnd: dueAt.toISO()!,
  escalationLevel: 1,
  tools: [
    {
      tool: 'orders.lookup',
      access: 'read',
      dataClasses: ['customer-pii'],
      calls: 1200,
      denials: 3,
      lastUsedAt,
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
    await renderInAgentsTestApp(
      <ReviewForm review={review} canSubmit onSubmit={jest.fn()} />,
    );
    const rows = within(
      screen.getByRole('table', { name: 'Tools under review' }),
    ).getAllByRole('row');
    expect(within(rows[1]).getByText('1200')).toBeInTheDocument();
    expect(
      within(rows[1]).getByText(lastUsedAt.slice(0, 10)),
    ).toBeInTheDocument();
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
    await renderInAgentsTestApp(
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
    await renderInAgentsTestApp(
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
    await renderInAgentsTestApp(
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
    await renderInAgentsTestApp(
      <ReviewForm review={unknown} canSubmit onSubmit={jest.fn()} />,
    );
    expect(
      screen.getByText(/No enforcement layer reports usage/),
    ).toBeInTheDocument();
    expect(screen.getAllByText('?').length).toBeGreaterThan(0);
  });
});

import { summarizeArguments } from './summarize';

describe('summarizeArguments', () => {
  it('redacts secret-looking values, at any depth, and keeps the rest', () => {
    expect(
      summarizeArguments('refunds.issue', {
        amountUsd: 40,
        card: { number: '4111 1111', holder: 'Sam' },
        auth: { apiKey: 'sk-123', password: 'p' },
      }),
    ).toBe(
      'refunds.issue {"amountUsd":40,"card":"[redacted]","auth":{"apiKey":"[redacted]","password":"[redacted]"}}',
    );
  });

  it('cuts a long summary at 500 characters', () => {
    const summary = summarizeArguments('docs.write', {
      text: 'x'.repeat(2000),
    });
    expect(summary).toHaveLength(500);
    expect(summary.endsWith('…')).toBe(true);
  });
});

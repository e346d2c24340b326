import { refundAssistantRound } from './demoAgent';

describe("the demo agent's rounds", () => {
  it('mixes allowed calls with refunds for approval, refunds above the limit and calls outside its scope', () => {
    const steps = Array.from({ length: 24 }, (_, i) =>
      refundAssistantRound(i + 1),
    ).flat();
    const refunds = steps.filter(s => s.tool === 'refunds.issue');
    expect(refunds.some(s => (s.arguments.amountUsd as number) <= 200)).toBe(
      true,
    );
    expect(refunds.some(s => (s.arguments.amountUsd as number) > 200)).toBe(
      true,
    );
    expect(steps.map(s => s.tool)).toEqual(
      expect.arrayContaining([
        'orders.lookup',
        'tickets.comment',
        'payments.lookup',
      ]),
    );
  });
});

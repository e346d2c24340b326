/**
 * Tool calls allowed per identity and UTC day, for `dailyToolCalls` budgets. Counted by
 * this enforcement point only: several gateways in front of one agent each count their own
 * share (Mandate's budget-exceeded finding sees the total).
 * @public
 */
export class BudgetCounter {
  private day = '';
  private readonly counts = new Map<string, number>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  private today(): Map<string, number> {
    const day = this.clock().toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.counts.clear();
    }
    return this.counts;
  }

  /** Calls allowed to `identity` so far today. */
  usedToday(identity: string): number {
    return this.today().get(identity) ?? 0;
  }

  /** Counts one allowed call. */
  count(identity: string): void {
    const counts = this.today();
    counts.set(identity, (counts.get(identity) ?? 0) + 1);
  }
}

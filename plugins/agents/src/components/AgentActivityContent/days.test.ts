import { NOW } from '../shared/__testUtils__/clock';
import { fillDays, formatCompact, formatUsd, windowOf } from './days';

const today = NOW.toUTC().startOf('day');
const day = (daysAgo: number) => today.minus({ days: daysAgo }).toISODate()!;

describe('windowOf', () => {
  it('covers the last N UTC days, today included, up to now', () => {
    expect(windowOf(7, NOW)).toEqual({
      from: `${day(6)}T00:00:00.000Z`,
      to: NOW.toUTC().toISO(),
    });
    // In Honolulu it is still the day before; the window is of UTC days all the same.
    expect(windowOf(7, NOW.setZone('Pacific/Honolulu'))).toEqual(
      windowOf(7, NOW),
    );
  });
});

describe('fillDays', () => {
  it('gives every day of the window, zero where nothing happened', () => {
    const days = fillDays(today.minus({ days: 2 }).toISO()!, NOW.toISO()!, [
      {
        day: day(1),
        calls: 12,
        denials: 1,
        errors: 2,
        inputTokens: 100,
        outputTokens: 50,
        costUsd: 0.25,
      },
    ]);
    expect(days.map(d => [d.day, d.calls])).toEqual([
      [day(2), 0],
      [day(1), 12],
      [day(0), 0],
    ]);
    expect(days[1].costUsd).toBe(0.25);
    expect(days[0]).toEqual({
      day: day(2),
      calls: 0,
      denials: 0,
      errors: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
    });
  });
});

describe('formatting', () => {
  it('abbreviates large counts and writes dollars', () => {
    expect(formatCompact(987)).toBe('987');
    expect(formatCompact(12_345)).toBe('12.3k');
    expect(formatCompact(2_500_000)).toBe('2.5M');
    expect(formatCompact(60_000)).toBe('60k');
    expect(formatUsd(12.5)).toBe('$12.50');
  });
});

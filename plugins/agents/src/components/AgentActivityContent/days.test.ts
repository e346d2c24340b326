import { DateTime } from 'luxon';
import { fillDays, formatCompact, formatUsd, windowOf } from './days';

describe('windowOf', () => {
  it('covers the last N UTC days, today included', () => {
    const now = DateTime.fromISO('2026-11-21T15:30:00.000Z', { zone: 'utc' });
    expect(windowOf(7, now)).toEqual({
      from: '2026-11-15T00:00:00.000Z',
      to: '2026-11-21T15:30:00.000Z',
    });
  });
});

describe('fillDays', () => {
  it('gives every day of the window, zero where nothing happened', () => {
    const days = fillDays(
      '2026-11-19T00:00:00.000Z',
      '2026-11-21T15:30:00.000Z',
      [
        {
          day: '2026-11-20',
          calls: 12,
          denials: 1,
          errors: 2,
          inputTokens: 100,
          outputTokens: 50,
          costUsd: 0.25,
        },
      ],
    );
    expect(days.map(d => [d.day, d.calls])).toEqual([
      ['2026-11-19', 0],
      ['2026-11-20', 12],
      ['2026-11-21', 0],
    ]);
    expect(days[1].costUsd).toBe(0.25);
    expect(days[0]).toEqual({
      day: '2026-11-19',
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

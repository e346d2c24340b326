import { DailyActivity } from '@mandate/plugin-agents-common';
import { DateTime } from 'luxon';

/** The windows a person can choose, in days. */
export const WINDOWS = [7, 30, 90] as const;
export type WindowDays = (typeof WINDOWS)[number];

/** The last `days` UTC days, today included: from the start of the first to `now`. */
export function windowOf(days: number, now: DateTime) {
  const to = now.toUTC();
  const from = to.startOf('day').minus({ days: days - 1 });
  return { from: from.toISO()!, to: to.toISO()! };
}

const ZERO: Omit<DailyActivity, 'day'> = {
  calls: 0,
  denials: 0,
  errors: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
};

/**
 * Every UTC day from `from` to `to`, oldest first: the backend reports only days with
 * activity, and a chart must show the quiet ones as zero.
 */
export function fillDays(
  from: string,
  to: string,
  daily: DailyActivity[],
): DailyActivity[] {
  const byDay = new Map(daily.map(d => [d.day.slice(0, 10), d]));
  const last = DateTime.fromISO(to, { zone: 'utc' }).startOf('day');
  const days: DailyActivity[] = [];
  for (
    let day = DateTime.fromISO(from, { zone: 'utc' }).startOf('day');
    day <= last && days.length < 366;
    day = day.plus({ days: 1 })
  ) {
    const key = day.toISODate()!;
    days.push({ ...ZERO, ...byDay.get(key), day: key });
  }
  return days;
}

/** 1234567 as "1,234,567". */
export const formatCount = (n: number) => n.toLocaleString('en-US');

/** 12.5 as "$12.50". */
export const formatUsd = (n: number) =>
  n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });

const oneDecimal = (n: number) => n.toFixed(1).replace(/\.0$/, '');

/** 1234567 as "1.2M", 12345 as "12.3k", 60000 as "60k". */
export function formatCompact(n: number): string {
  if (n >= 1e6) return `${oneDecimal(n / 1e6)}M`;
  if (n >= 1e4) return `${oneDecimal(n / 1e3)}k`;
  return formatCount(n);
}

import { DateTime, Duration } from 'luxon';

/** Quarterly, the cadence used when an agent declares none. @public */
export const DEFAULT_REVIEW_CADENCE = 'P3M';
/** The shortest and longest cadences we accept: a review must be meaningful and must happen. */
export const MIN_REVIEW_CADENCE = 'P1D';
export const MAX_REVIEW_CADENCE = 'P1Y';

/** Why a cadence string was refused, or undefined when it is usable. @public */
export function reviewCadenceProblem(cadence: string): string | undefined {
  const duration = Duration.fromISO(cadence);
  if (!duration.isValid) {
    return `"${cadence}" is not an ISO-8601 duration; use for example P3M (quarterly), P1M or P6M`;
  }
  // Compare from a fixed anchor so that months and years have calendar lengths.
  const anchor = DateTime.fromISO('2000-01-01T00:00:00Z', { zone: 'utc' });
  const end = anchor.plus(duration);
  if (end < anchor.plus(Duration.fromISO(MIN_REVIEW_CADENCE))) {
    return `"${cadence}" is shorter than ${MIN_REVIEW_CADENCE}; use at least one day`;
  }
  if (end > anchor.plus(Duration.fromISO(MAX_REVIEW_CADENCE))) {
    return `"${cadence}" is longer than ${MAX_REVIEW_CADENCE}; agents must be reviewed at least yearly`;
  }
  return undefined;
}

/** Parses a cadence, defaulting to P3M; throws with the reason when it is unusable. @public */
export function parseReviewCadence(cadence: string | undefined): Duration {
  const value = cadence ?? DEFAULT_REVIEW_CADENCE;
  const problem = reviewCadenceProblem(value);
  if (problem) throw new TypeError(`Invalid review cadence: ${problem}`);
  return Duration.fromISO(value);
}

/**
 * When the next scope review is due: `cadence` after the last completed review (or after
 * commissioning). Calendar arithmetic happens in `zone` (default UTC), so P1M from 31 January
 * lands on the last day of February, and a cadence counted in days keeps local midnight across
 * daylight-saving changes. Returns an ISO timestamp in UTC.
 * @public
 */
export function nextReviewDue(
  since: string | Date,
  cadence?: string,
  options: { zone?: string } = {},
): string {
  const zone = options.zone ?? 'utc';
  if (!DateTime.fromMillis(0).setZone(zone).isValid) {
    throw new TypeError(
      `Unknown time zone "${zone}"; use an IANA name such as Europe/Berlin`,
    );
  }
  const start =
    typeof since === 'string'
      ? DateTime.fromISO(since, { zone })
      : DateTime.fromJSDate(since, { zone });
  if (!start.isValid) {
    throw new TypeError(
      `Invalid review start "${String(since)}": ${start.invalidExplanation}`,
    );
  }
  return start.plus(parseReviewCadence(cadence)).toUTC().toISO()!;
}

/** Whole days a review is overdue at `now` (0 when not yet due). @public */
export function daysOverdue(dueAt: string, now: Date): number {
  const due = DateTime.fromISO(dueAt, { zone: 'utc' });
  const days = Math.floor(
    DateTime.fromJSDate(now, { zone: 'utc' }).diff(due, 'days').days,
  );
  return Math.max(0, days);
}

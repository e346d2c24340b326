import {
  daysOverdue,
  nextReviewDue,
  parseReviewCadence,
  reviewCadenceProblem,
} from './cadence';

describe('nextReviewDue', () => {
  it('defaults to quarterly', () => {
    expect(nextReviewDue('2026-01-15T09:00:00Z')).toBe(
      '2026-04-15T09:00:00.000Z',
    );
  });

  it.each([
    ['P1M', '2026-01-31T00:00:00Z', '2026-02-28T00:00:00.000Z'],
    ['P1M', '2028-01-31T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['P3M', '2026-11-30T12:00:00Z', '2027-02-28T12:00:00.000Z'],
    ['P6M', '2026-08-31T00:00:00Z', '2027-02-28T00:00:00.000Z'],
    ['P1Y', '2028-02-29T00:00:00Z', '2029-02-28T00:00:00.000Z'],
    ['P2W', '2026-12-25T00:00:00Z', '2027-01-08T00:00:00.000Z'],
    ['P90D', '2026-01-01T00:00:00Z', '2026-04-01T00:00:00.000Z'],
  ])(
    'adds %s to %s by the calendar, clamping month ends',
    (cadence, since, due) => {
      expect(nextReviewDue(since, cadence)).toBe(due);
    },
  );

  it('keeps local midnight across a daylight-saving change in the review zone', () => {
    // 2026-03-29 is when Europe/Berlin moves from UTC+1 to UTC+2.
    const due = nextReviewDue('2026-03-01T00:00:00+01:00', 'P1M', {
      zone: 'Europe/Berlin',
    });
    expect(due).toBe('2026-03-31T22:00:00.000Z');
    // The same instant is still 28 February in UTC, so counted there it lands on 28 March.
    expect(nextReviewDue('2026-03-01T00:00:00+01:00', 'P1M')).toBe(
      '2026-03-28T23:00:00.000Z',
    );
  });

  it('rejects unknown zones and bad starts with the reason', () => {
    expect(() =>
      nextReviewDue('2026-01-01', 'P3M', { zone: 'Mars/Olympus' }),
    ).toThrow('Unknown time zone "Mars/Olympus"');
    expect(() => nextReviewDue('yesterday', 'P3M')).toThrow(
      'Invalid review start "yesterday"',
    );
  });
});

describe('review cadence bounds', () => {
  it('accepts durations from a day to a year', () => {
    expect(reviewCadenceProblem('P1D')).toBeUndefined();
    expect(reviewCadenceProblem('P12M')).toBeUndefined();
    expect(parseReviewCadence(undefined).toISO()).toBe('P3M');
  });

  it('refuses cadences that are not durations or out of bounds', () => {
    expect(reviewCadenceProblem('quarterly')).toMatch(
      /not an ISO-8601 duration; use for example P3M/,
    );
    expect(reviewCadenceProblem('PT12H')).toMatch(/shorter than P1D/);
    expect(reviewCadenceProblem('P13M')).toMatch(/longer than P1Y/);
    expect(() => parseReviewCadence('P2Y')).toThrow('Invalid review cadence');
  });
});

describe('daysOverdue', () => {
  it('counts whole days past due and never goes negative', () => {
    const due = '2026-10-01T00:00:00.000Z';
    expect(daysOverdue(due, new Date('2026-09-30T00:00:00Z'))).toBe(0);
    expect(daysOverdue(due, new Date('2026-10-01T23:00:00Z'))).toBe(0);
    expect(daysOverdue(due, new Date('2026-10-11T01:00:00Z'))).toBe(10);
  });
});

import { DateTime } from 'luxon';
import {
  AgentsClockApi,
  agentsClockApiRef,
} from '../../../api/agentsClockApiRef';

/**
 * "Now" in every test of this package; derive every other date from it. It lies far from
 * the day the tests were written, so a component or a test that reads the wall clock
 * instead fails at once rather than in a year.
 */
export const NOW = DateTime.fromISO('2025-03-14T09:26:53.000Z', {
  zone: 'utc',
});

/** A clock that always says `instant`. */
export function fixedClock(instant: DateTime = NOW): AgentsClockApi {
  return { now: () => instant };
}

export { agentsClockApiRef };

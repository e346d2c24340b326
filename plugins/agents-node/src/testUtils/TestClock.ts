import { createServiceFactory } from '@backstage/backend-plugin-api';
import { DateTime, DurationLike } from 'luxon';
import { AgentsClock, agentsClockServiceRef } from '../clock';

/**
 * The instant Mandate's tests call "now" unless they say otherwise. It is deliberately far
 * from the day the tests were written, so a test that reads the wall clock fails at once
 * instead of a year later. Build every other date from it.
 * @public
 */
export const TEST_NOW = DateTime.fromISO('2025-03-14T09:26:53.000Z', {
  zone: 'utc',
});

/** A clock a test sets and moves. @public */
export class TestClock implements AgentsClock {
  private current: DateTime;

  constructor(start: DateTime | string = TEST_NOW) {
    this.current =
      typeof start === 'string'
        ? DateTime.fromISO(start, { zone: 'utc' })
        : start;
  }

  now = (): Date => this.current.toJSDate();

  set(at: DateTime | string) {
    this.current =
      typeof at === 'string' ? DateTime.fromISO(at, { zone: 'utc' }) : at;
  }

  advance(by: DurationLike) {
    this.current = this.current.plus(by);
  }

  /** Now, as a UTC ISO string. */
  iso(): string {
    return this.current.toUTC().toISO()!;
  }

  /** Now moved by `by` (negative to go back), as a UTC ISO string. */
  isoAt(by: DurationLike): string {
    return this.current.plus(by).toUTC().toISO()!;
  }

  /** A service factory that makes this the backend's clock in `startTestBackend`. */
  factory() {
    return createServiceFactory({
      service: agentsClockServiceRef,
      deps: {},
      factory: () => this,
    });
  }
}

import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/**
 * Where Mandate's backend reads "now": reviews falling due, raw-event retention, grant
 * expiry and certificate lifetimes all ask this one clock, so tests and replays can set it.
 * @public
 */
export interface AgentsClock {
  now(): Date;
}

/**
 * The clock of the `agents` backend plugin and its modules; the system clock unless a
 * factory for it is installed (tests install a fixed one, see `testUtils`).
 * @public
 */
export const agentsClockServiceRef = createServiceRef<AgentsClock>({
  id: 'agents.clock',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => ({ now: () => new Date() }),
    }),
});

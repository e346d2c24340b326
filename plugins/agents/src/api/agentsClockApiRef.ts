import { createApiRef } from '@backstage/core-plugin-api';
import { DateTime } from 'luxon';

/**
 * Where the agents pages read "now" from: how long ago something happened, whether a
 * sunset has passed, which days an activity window covers.
 * @public
 */
export interface AgentsClockApi {
  now(): DateTime;
}

/** The clock of the agents pages; an app may replace it, a test pins it. @public */
export const agentsClockApiRef = createApiRef<AgentsClockApi>({
  id: 'plugin.agents.clock',
});

/** The clock of the machine the page runs on. */
export const systemClock: AgentsClockApi = { now: () => DateTime.now() };

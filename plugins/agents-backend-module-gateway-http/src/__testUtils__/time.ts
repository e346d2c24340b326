import { TEST_NOW } from '@mandate/plugin-agents-node/testUtils';

/** The day the fake gateway lives in; its clock reads noon. */
export const TEST_DAY = TEST_NOW.startOf('day');

/** `HH:mm` of TEST_DAY as a UTC ISO string, as the contract writes timestamps. */
export const at = (time: string) =>
  TEST_DAY.set({
    hour: Number(time.slice(0, 2)),
    minute: Number(time.slice(3, 5)),
  }).toISO()!;

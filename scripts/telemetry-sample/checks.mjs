// Checks: the sample must tell the story the demo and its tests rely on.

import { NEVER_CALLED, OVER_BUDGET } from './estate.mjs';
import { ANCHOR, DAY } from './period.mjs';

/**
 * What in `events` breaks the story (a tool called that must never be, a budget over or not
 * over as estate.mjs expects), and one summary row per example agent.
 */
export function check(actors, events) {
  const problems = [];
  const rows = [];
  for (const actor of actors.filter(a => !a.shadow)) {
    const mine = events.filter(e => e.agentIdentityId === actor.identityId);
    for (const tool of NEVER_CALLED[actor.name] ?? []) {
      if (mine.some(e => e.tool === tool))
        problems.push(`${actor.name} calls ${tool}`);
    }
    const callsPerDay = new Map();
    let cost30 = 0;
    for (const e of mine) {
      const t = Date.parse(e.startedAt);
      const ago = (ANCHOR - (t - (t % DAY))) / DAY;
      if (e.operation === 'execute_tool') {
        callsPerDay.set(ago, (callsPerDay.get(ago) ?? 0) + 1);
      } else if (ago < 30) cost30 += e.costUsd;
    }
    const maxCalls = Math.max(0, ...callsPerDay.values());
    const { dailyToolCalls, monthlyUsd } = actor.budgets;
    const over = [];
    if (dailyToolCalls && maxCalls > dailyToolCalls)
      over.push('dailyToolCalls');
    if (monthlyUsd && cost30 > monthlyUsd) over.push('monthlyUsd');
    const expected = OVER_BUDGET[actor.name];
    if (over.join() !== (expected ?? '')) {
      problems.push(
        `${actor.name} is over budget on [${over}], expected [${
          expected ?? ''
        }]`,
      );
    }
    rows.push(
      `${actor.name.padEnd(26)} ${String(mine.length).padStart(
        6,
      )} events  max ${String(maxCalls).padStart(4)}/${
        dailyToolCalls ?? '-'
      } calls a day  ${cost30.toFixed(2).padStart(8)}/${
        monthlyUsd ?? '-'
      } USD in 30 days`,
    );
  }
  return { problems, rows };
}

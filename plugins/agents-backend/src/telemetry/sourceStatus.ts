import { Knex } from 'knex';
import { SourceStatus } from '@mandate/plugin-agents-common';
import { compact } from '../database/json';

function staleReason(row: any, now: Date, staleAfterMs: number) {
  if (row.last_error) {
    return `the last ${row.consecutive_failures} pull(s) failed: ${row.last_error}`;
  }
  if (!row.last_data_at) return 'no data has arrived yet';
  const age = now.getTime() - Date.parse(row.last_data_at);
  if (age > staleAfterMs) {
    const minutes = Math.round(age / 60000);
    return `no data for ${minutes} minutes (stale after ${Math.round(
      staleAfterMs / 60000,
    )})`;
  }
  return undefined;
}

/** Every source that ever delivered or was tried, with its staleness. */
export async function sourceStatuses(
  knex: Knex,
  now: Date,
  staleAfterMs: number,
): Promise<SourceStatus[]> {
  const rows = await knex('telemetry_sources').orderBy('id');
  return rows.map(row => {
    const reason = staleReason(row, now, staleAfterMs);
    return compact({
      id: row.id,
      kind: row.kind,
      lastDataAt: row.last_data_at ?? undefined,
      lastSuccessAt: row.last_success_at ?? undefined,
      lastAttemptAt: row.last_attempt_at ?? undefined,
      lastError: row.last_error ?? undefined,
      consecutiveFailures: Number(row.consecutive_failures),
      nextAttemptAt: row.next_attempt_at ?? undefined,
      stale: reason !== undefined,
      staleReason: reason,
    });
  });
}

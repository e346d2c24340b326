import { SourceStatus } from '@mandate/plugin-agents-common';
import { TelemetrySourceRecord } from '../database/TelemetrySourcesStore';

function staleReason(
  source: TelemetrySourceRecord,
  now: Date,
  staleAfterMs: number,
) {
  if (source.lastError) {
    return `the last ${source.consecutiveFailures} pull(s) failed: ${source.lastError}`;
  }
  if (!source.lastDataAt) return 'no data has arrived yet';
  const age = now.getTime() - Date.parse(source.lastDataAt);
  if (age > staleAfterMs) {
    const minutes = Math.round(age / 60000);
    return `no data for ${minutes} minutes (stale after ${Math.round(
      staleAfterMs / 60000,
    )})`;
  }
  return undefined;
}

/** Every source that ever delivered or was tried, with its staleness. */
export function sourceStatuses(
  sources: TelemetrySourceRecord[],
  now: Date,
  staleAfterMs: number,
): SourceStatus[] {
  return sources.map(({ cursor, ...source }) => {
    const reason = staleReason(source, now, staleAfterMs);
    return {
      ...source,
      stale: reason !== undefined,
      ...(reason ? { staleReason: reason } : {}),
    };
  });
}

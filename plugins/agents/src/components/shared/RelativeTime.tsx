import { useApi } from '@backstage/core-plugin-api';
import Tooltip from '@mui/material/Tooltip';
import { DateTime } from 'luxon';
import { agentsClockApiRef } from '../../api/agentsClockApiRef';

/** "3 hours ago", "in 2 days" from `now`; the ISO text when it does not parse, a dash when absent. */
export function relativeTime(iso: string | undefined, now: DateTime): string {
  if (!iso) return '—';
  const time = DateTime.fromISO(iso);
  if (!time.isValid) return iso;
  return time.toRelative({ base: now }) ?? iso;
}

/** A time shown relative to the clock's now, with the exact UTC time on hover. */
export function RelativeTime({
  iso,
  fallback = '—',
}: {
  iso?: string;
  /** Shown when there is no time. */
  fallback?: string;
}) {
  const clock = useApi(agentsClockApiRef);
  if (!iso) return <>{fallback}</>;
  const exact = DateTime.fromISO(iso, { zone: 'utc' });
  return (
    <Tooltip
      describeChild
      title={exact.isValid ? exact.toFormat("yyyy-MM-dd HH:mm 'UTC'") : iso}
    >
      <time dateTime={iso}>{relativeTime(iso, clock.now())}</time>
    </Tooltip>
  );
}

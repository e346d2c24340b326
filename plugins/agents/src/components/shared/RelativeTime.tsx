import Tooltip from '@mui/material/Tooltip';
import { DateTime } from 'luxon';

/** "3 hours ago", "in 2 days"; the ISO text when it does not parse, a dash when absent. */
export function relativeTime(iso: string | undefined): string {
  if (!iso) return '—';
  const time = DateTime.fromISO(iso);
  if (!time.isValid) return iso;
  return time.toRelative() ?? iso;
}

/** A time shown relative to now, with the exact UTC time on hover. */
export function RelativeTime({
  iso,
  fallback = '—',
}: {
  iso?: string;
  /** Shown when there is no time. */
  fallback?: string;
}) {
  if (!iso) return <>{fallback}</>;
  const exact = DateTime.fromISO(iso, { zone: 'utc' });
  return (
    <Tooltip
      describeChild
      title={exact.isValid ? exact.toFormat("yyyy-MM-dd HH:mm 'UTC'") : iso}
    >
      <time dateTime={iso}>{relativeTime(iso)}</time>
    </Tooltip>
  );
}

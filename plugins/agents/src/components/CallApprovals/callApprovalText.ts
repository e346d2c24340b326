import { CallApproval } from '@mandate/plugin-agents-common';
import { DateTime } from 'luxon';
import { relativeTime } from '../shared/RelativeTime';

/** Whether a pending call's time has run out at `now` (the backend closes it soon after). */
export function hasExpired(approval: CallApproval, now: DateTime): boolean {
  const at = DateTime.fromISO(approval.expiresAt);
  return at.isValid && at <= now;
}

/** "expires in 9 minutes", or "expired 2 minutes ago" once its time has run out. */
export function expiryText(approval: CallApproval, now: DateTime): string {
  const when = relativeTime(approval.expiresAt, now);
  return hasExpired(approval, now) ? `expired ${when}` : `expires ${when}`;
}

/** Who closed a decided call, in words: nobody when it expired. */
export function decidedByText(approval: CallApproval): string {
  if (approval.status === 'expired') return 'nobody decided in time';
  return approval.decidedBy ?? '—';
}

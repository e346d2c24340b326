import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Finding } from '@mandate/plugin-agents-common';

export type Severity = Finding['severity'];

/** Most severe first. */
export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];

const SEVERITY_COLOR: Record<
  Severity,
  'error' | 'warning' | 'info' | 'default'
> = {
  critical: 'error',
  high: 'warning',
  medium: 'info',
  low: 'default',
};

export function SeverityChip({ severity }: { severity: Severity }) {
  return (
    <Chip size="small" label={severity} color={SEVERITY_COLOR[severity]} />
  );
}

/** What each finding type means, in a few words. */
export const FINDING_TYPE_LABEL: Record<string, string> = {
  'tool-outside-scope': 'Tool used outside the approved scope',
  'shadow-agent': 'Shadow agent',
  'idle-standing-grant': 'Standing grant on an idle agent',
  'model-mismatch': 'Model differs from the declared one',
  'budget-exceeded': 'Budget exceeded',
  'denial-spike': 'Denial spike',
  'review-overdue': 'Review overdue',
  orphaned: 'Owner or sponsor gone',
  uncommissioned: 'Not commissioned',
  'owner-transfer': 'Owner transfer pending',
};

export function findingTypeLabel(type: string): string {
  return FINDING_TYPE_LABEL[type] ?? type;
}

/** Compact chips, one per severity with open findings, most severe first; a dash for none. */
export function FindingCounts({
  counts,
}: {
  counts: Record<Severity, number>;
}) {
  const present = SEVERITIES.filter(s => (counts[s] ?? 0) > 0);
  if (present.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" component="span">
        —
      </Typography>
    );
  }
  return (
    <Stack direction="row" spacing={0.5}>
      {present.map(s => (
        <Chip
          key={s}
          size="small"
          color={SEVERITY_COLOR[s]}
          label={`${counts[s]} ${s}`}
        />
      ))}
    </Stack>
  );
}

import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { SourceStatus } from '@mandate/plugin-agents-common';
import { RelativeTime } from '../shared/RelativeTime';
import { FittingTable } from './FittingTable';

/** A warning above the figures when any source is behind, naming it and why. */
export function StaleDataAlert({ sources }: { sources: SourceStatus[] }) {
  const stale = sources.filter(s => s.stale);
  if (stale.length === 0) return null;
  return (
    <Alert severity="warning">
      These figures may be incomplete: telemetry from{' '}
      {stale
        .map(s => `${s.id}${s.staleReason ? ` (${s.staleReason})` : ''}`)
        .join('; ')}{' '}
      is stale.
    </Alert>
  );
}

/** Where the figures come from and how current each source is. */
export function SourcesTable({ sources }: { sources: SourceStatus[] }) {
  if (sources.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No telemetry source is installed: no gateway reports to Mandate yet.
      </Typography>
    );
  }
  return (
    <FittingTable label="Telemetry sources">
      <TableHead>
        <TableRow>
          <TableCell>Source</TableCell>
          <TableCell>Kind</TableCell>
          <TableCell>Last data</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sources.map(s => (
          <TableRow key={s.id}>
            <TableCell>
              <code>{s.id}</code>
            </TableCell>
            <TableCell>{s.kind}</TableCell>
            <TableCell>
              <RelativeTime iso={s.lastDataAt} fallback="never" />
            </TableCell>
            <TableCell>
              {s.stale ? (
                <Chip size="small" color="warning" label="stale" />
              ) : (
                <Chip size="small" color="success" label="current" />
              )}
              {s.staleReason && (
                <Typography variant="caption" display="block">
                  {s.staleReason}
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </FittingTable>
  );
}

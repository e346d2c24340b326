import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Finding } from '@mandate/plugin-agents-common';
import { RelativeTime } from '../shared/RelativeTime';
import { SEVERITIES, SeverityChip, findingTypeLabel } from '../shared/findings';

/** Most severe first, then the most recently seen. */
function bySeverity(a: Finding, b: Finding) {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    b.lastSeenAt.localeCompare(a.lastSeenAt)
  );
}

/** The agent's open findings: severity, what was found, and when it was last seen. */
export function OpenFindings({ findings }: { findings: Finding[] }) {
  const open = findings.filter(f => f.status === 'open').sort(bySeverity);
  if (open.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No open findings.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Open findings">
      <TableHead>
        <TableRow>
          <TableCell>Severity</TableCell>
          <TableCell>Finding</TableCell>
          <TableCell>Last seen</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {open.map(f => (
          <TableRow key={f.id}>
            <TableCell>
              <SeverityChip severity={f.severity} />
            </TableCell>
            <TableCell>
              <Typography variant="body2" fontWeight="medium">
                {findingTypeLabel(f.type)}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {f.message}
              </Typography>
            </TableCell>
            <TableCell>
              <RelativeTime iso={f.lastSeenAt} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

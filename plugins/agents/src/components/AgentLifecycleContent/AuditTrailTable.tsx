import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { AuditEvent } from '@mandate/plugin-agents-common';

/** The agent's latest audit events, newest as the backend orders them. */
export function AuditTrailTable({ events }: { events: AuditEvent[] }) {
  return (
    <Table size="small" aria-label="Audit trail">
      <TableHead>
        <TableRow>
          <TableCell>#</TableCell>
          <TableCell>When</TableCell>
          <TableCell>Who</TableCell>
          <TableCell>What</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.length === 0 && (
          <TableRow>
            <TableCell colSpan={4}>
              <Typography variant="body2" color="text.secondary">
                Nothing has been recorded for this agent yet.
              </Typography>
            </TableCell>
          </TableRow>
        )}
        {events.map(event => (
          <TableRow key={event.seq}>
            <TableCell>{event.seq}</TableCell>
            <TableCell>
              {event.occurredAt.replace('T', ' ').slice(0, 16)}
            </TableCell>
            <TableCell>{event.actorRef}</TableCell>
            <TableCell>{event.action}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { GovernanceRequest } from '@mandate/plugin-agents-common';

/** The agent's requests with their decisions; approve and reject for deciders. */
export function RequestsTable(props: {
  requests: GovernanceRequest[];
  canDecide: boolean;
  onDecide(request: GovernanceRequest, decision: 'approve' | 'reject'): void;
  busy: boolean;
}) {
  return (
    <Table size="small" aria-label="Requests">
      <TableHead>
        <TableRow>
          <TableCell>Filed</TableCell>
          <TableCell>Request</TableCell>
          <TableCell>By</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Decision</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.requests.length === 0 && (
          <TableRow>
            <TableCell colSpan={6}>
              <Typography variant="body2" color="text.secondary">
                No requests have been filed for this agent.
              </Typography>
            </TableCell>
          </TableRow>
        )}
        {props.requests.map(request => (
          <TableRow key={request.id}>
            <TableCell>{request.createdAt.slice(0, 10)}</TableCell>
            <TableCell>{request.type}</TableCell>
            <TableCell>{request.requesterRef}</TableCell>
            <TableCell>{request.reason}</TableCell>
            <TableCell>{request.status}</TableCell>
            <TableCell>
              {request.status === 'pending' && props.canDecide ? (
                <Stack direction="row" spacing={1}>
                  <Button
                    size="small"
                    variant="contained"
                    disabled={props.busy}
                    onClick={() => props.onDecide(request, 'approve')}
                  >
                    Approve
                  </Button>
                  <Button
                    size="small"
                    color="error"
                    disabled={props.busy}
                    onClick={() => props.onDecide(request, 'reject')}
                  >
                    Reject
                  </Button>
                </Stack>
              ) : (
                request.deciderRef &&
                `${request.decision} by ${request.deciderRef}`
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

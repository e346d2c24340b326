import Chip from '@mui/material/Chip';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { ToolActivity } from '@mandate/plugin-agents-common';
import { RelativeTime } from '../shared/RelativeTime';
import { formatCount } from './days';
import { FittingTable } from './FittingTable';

const ms = (value?: number) => (value === undefined ? '—' : `≤ ${value} ms`);

/**
 * Per tool in the window: calls, denials, approvals, errors, latency and last use, busiest
 * first; tools the agent was never approved for are flagged. `declared` are the tools of
 * the manifest, so that those not called in the window can be named.
 */
export function ToolActivityTable({
  tools,
  declared,
}: {
  tools: ToolActivity[];
  declared: string[];
}) {
  const called = new Set(tools.map(t => t.tool));
  const unused = declared.filter(name => !called.has(name));
  const rows = [...tools].sort((a, b) => b.calls - a.calls);
  return (
    <>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No tool calls in this window.
        </Typography>
      ) : (
        <FittingTable label="Tool activity">
          <TableHead>
            <TableRow>
              <TableCell>Tool</TableCell>
              <TableCell align="right">Calls</TableCell>
              <TableCell align="right">Denials</TableCell>
              <TableCell align="right">Approvals required</TableCell>
              <TableCell align="right">Errors</TableCell>
              <TableCell align="right">p50</TableCell>
              <TableCell align="right">p95</TableCell>
              <TableCell>Last seen</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(t => (
              <TableRow key={t.tool}>
                <TableCell>
                  <code>{t.tool}</code>
                  {!t.inApprovedScope && (
                    <Tooltip title="The gateway saw calls to a tool that is not in the approved scope: deny it at the gateway, or file a scope change.">
                      <Chip
                        size="small"
                        color="error"
                        label="not in approved scope"
                        sx={{ ml: 1 }}
                      />
                    </Tooltip>
                  )}
                </TableCell>
                <TableCell align="right">{formatCount(t.calls)}</TableCell>
                <TableCell align="right">
                  <Typography
                    variant="body2"
                    component="span"
                    color={t.denials > 0 ? 'warning.main' : undefined}
                  >
                    {formatCount(t.denials)}
                  </Typography>
                </TableCell>
                <TableCell align="right">
                  {formatCount(t.approvalsRequired)}
                </TableCell>
                <TableCell align="right">
                  <Typography
                    variant="body2"
                    component="span"
                    color={t.errors > 0 ? 'error.main' : undefined}
                  >
                    {formatCount(t.errors)}
                  </Typography>
                </TableCell>
                <TableCell align="right">{ms(t.p50Ms)}</TableCell>
                <TableCell align="right">{ms(t.p95Ms)}</TableCell>
                <TableCell>
                  <RelativeTime iso={t.lastSeenAt} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </FittingTable>
      )}
      {unused.length > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Declared but not called in this window: {unused.join(', ')}.
        </Typography>
      )}
    </>
  );
}

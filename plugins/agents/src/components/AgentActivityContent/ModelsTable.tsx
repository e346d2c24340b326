import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ModelActivity } from '@mandate/plugin-agents-common';
import { formatCount } from './days';

export type DeclaredModel = { name?: string; tier?: string };

/** The models that answered for the agent, with those it did not declare flagged. */
export function ModelsTable({
  models,
  declared,
}: {
  models: ModelActivity[];
  declared: DeclaredModel;
}) {
  if (models.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No model calls reported in this window.
      </Typography>
    );
  }
  const rows = [...models].sort((a, b) => b.calls - a.calls);
  return (
    <Table size="small" aria-label="Models">
      <TableHead>
        <TableRow>
          <TableCell>Model</TableCell>
          <TableCell>Tier</TableCell>
          <TableCell align="right">Calls</TableCell>
          <TableCell>Last day</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(m => {
          const otherModel = !!declared.name && m.model !== declared.name;
          const otherTier =
            !!declared.tier && !!m.tier && m.tier !== declared.tier;
          return (
            <TableRow key={m.model}>
              <TableCell>
                <code>{m.model}</code>
                {otherModel && (
                  <Chip
                    size="small"
                    color="warning"
                    label={`declared ${declared.name}`}
                    sx={{ ml: 1 }}
                  />
                )}
              </TableCell>
              <TableCell>
                {m.tier ?? '—'}
                {otherTier && (
                  <Typography variant="caption" color="error" display="block">
                    declared tier {declared.tier}
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right">{formatCount(m.calls)}</TableCell>
              <TableCell>{m.lastDay.slice(0, 10)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

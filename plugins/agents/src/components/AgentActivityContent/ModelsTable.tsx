import Chip from '@mui/material/Chip';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ModelActivity } from '@mandate/plugin-agents-common';
import { formatCount, formatUsd } from './days';
import { FittingTable } from './FittingTable';

export type DeclaredModel = { name?: string; tier?: string };

/** A cost as dollars and cents; what is not zero never shows as "$0.00". */
const cost = (usd: number) =>
  usd > 0 && usd < 0.005 ? '< $0.01' : formatUsd(usd);

/**
 * The models that answered for the agent, busiest first: calls, input and output tokens
 * and cost of each, with models and tiers it did not declare flagged.
 */
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
    <FittingTable label="Models">
      <TableHead>
        <TableRow>
          <TableCell>Model</TableCell>
          <TableCell>Tier</TableCell>
          <TableCell align="right">Calls</TableCell>
          <TableCell align="right">Input tokens</TableCell>
          <TableCell align="right">Output tokens</TableCell>
          <TableCell align="right">Cost</TableCell>
          <TableCell>Last day</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(m => {
          const otherModel = !!declared.name && m.model !== declared.name;
          const otherTier =
            !!declared.tier && !!m.tier && m.tier !== declared.tier;
          return (
            <TableRow key={`${m.model}\u0000${m.tier ?? ''}`}>
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
              <TableCell align="right">{formatCount(m.inputTokens)}</TableCell>
              <TableCell align="right">{formatCount(m.outputTokens)}</TableCell>
              <TableCell align="right">{cost(m.costUsd)}</TableCell>
              <TableCell>{m.lastDay.slice(0, 10)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </FittingTable>
  );
}

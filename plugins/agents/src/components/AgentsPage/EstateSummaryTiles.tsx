import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { EstateSummary } from '@mandate/plugin-agents-common';

function Tile({
  label,
  value,
  alert,
}: {
  label: string;
  value: number;
  alert?: boolean;
}) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} role="group" aria-label={label}>
      <Typography
        variant="h4"
        color={alert && value > 0 ? 'error' : 'text.primary'}
      >
        {value}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    </Paper>
  );
}

/** Horizontal bars, longest first: a chart that needs no chart library. */
function Bars({
  title,
  counts,
}: {
  title: string;
  counts: Record<string, number>;
}) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <InfoCard title={title}>
      {entries.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          None.
        </Typography>
      )}
      <Box
        component="ul"
        aria-label={title}
        sx={{ listStyle: 'none', m: 0, p: 0 }}
      >
        {entries.map(([label, n]) => (
          <Box
            component="li"
            key={label}
            sx={{ display: 'flex', alignItems: 'center', mb: 0.5 }}
          >
            <Typography variant="body2" sx={{ width: 180, flexShrink: 0 }}>
              {label}
            </Typography>
            <Box
              sx={{
                height: 12,
                bgcolor: 'primary.main',
                borderRadius: 1,
                width: `${(n / max) * 60}%`,
                mr: 1,
              }}
            />
            <Typography variant="body2">{n}</Typography>
          </Box>
        ))}
      </Box>
    </InfoCard>
  );
}

export function SummaryView({ summary }: { summary: EstateSummary }) {
  const openFindings = Object.values(summary.findingsByType).reduce(
    (a, b) => a + b,
    0,
  );
  const tiles = [
    { label: 'Agents', value: summary.total },
    { label: 'Active', value: summary.byState.active ?? 0 },
    {
      label: 'Awaiting commission',
      value: summary.byState.proposed ?? 0,
      alert: true,
    },
    { label: 'Suspended', value: summary.byState.suspended ?? 0, alert: true },
    { label: 'Overdue reviews', value: summary.overdueReviews, alert: true },
    { label: 'Open findings', value: openFindings, alert: true },
  ];
  return (
    <Grid container spacing={2}>
      {tiles.map(tile => (
        <Grid item xs={6} md={2} key={tile.label}>
          <Tile {...tile} />
        </Grid>
      ))}
      <Grid item xs={12} md={4}>
        <Bars
          title="Agents by state"
          counts={summary.byState as Record<string, number>}
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <Bars title="Open findings by type" counts={summary.findingsByType} />
      </Grid>
      <Grid item xs={12} md={4}>
        <Bars
          title="Agents reaching each data class"
          counts={summary.agentsByDataClass}
        />
      </Grid>
    </Grid>
  );
}

/**
 * Tiles and bars on top of the estate view, from the summary its page reads (kept on show
 * while it is read again).
 */
export function EstateSummaryTiles(props: {
  summary: { value?: EstateSummary; loading: boolean; error?: Error };
}) {
  const { value, loading, error } = props.summary;
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return value ? <SummaryView summary={value} /> : null;
}

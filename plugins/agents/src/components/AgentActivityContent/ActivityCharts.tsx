import Grid from '@mui/material/Grid';
import { DailyActivity } from '@mandate/plugin-agents-common';
import { ReactNode } from 'react';
import { DailyBarChart } from './DailyBarChart';
import { formatCompact, formatCount, formatUsd } from './days';

/**
 * Calls; denials and errors (on their own scale, or they vanish next to calls); tokens;
 * cost. Two charts a row where the card is wide enough, one below the other where not.
 */
export function ActivityCharts({ days }: { days: DailyActivity[] }) {
  const cell = (chart: ReactNode) => (
    <Grid item xs={12} md={6}>
      {chart}
    </Grid>
  );
  return (
    <Grid container spacing={3}>
      {cell(
        <DailyBarChart
          title="Calls per day"
          days={days}
          series={[{ key: 'calls', label: 'calls', color: 'primary' }]}
          format={formatCount}
        />,
      )}
      {cell(
        <DailyBarChart
          title="Denials and errors per day"
          days={days}
          series={[
            { key: 'denials', label: 'denials', color: 'warning' },
            { key: 'errors', label: 'errors', color: 'error' },
          ]}
          format={formatCount}
        />,
      )}
      {cell(
        <DailyBarChart
          title="Tokens per day"
          days={days}
          series={[
            { key: 'inputTokens', label: 'input tokens', color: 'info' },
            {
              key: 'outputTokens',
              label: 'output tokens',
              color: 'secondary',
            },
          ]}
          stacked
          format={formatCompact}
        />,
      )}
      {cell(
        <DailyBarChart
          title="Cost per day"
          days={days}
          series={[{ key: 'costUsd', label: 'cost', color: 'primary' }]}
          format={formatUsd}
        />,
      )}
    </Grid>
  );
}

import Stack from '@mui/material/Stack';
import { DailyActivity } from '@mandate/plugin-agents-common';
import { DailyBarChart } from './DailyBarChart';
import { formatCompact, formatCount, formatUsd } from './days';

/** Calls; denials and errors (on their own scale, or they vanish next to calls); tokens; cost. */
export function ActivityCharts({ days }: { days: DailyActivity[] }) {
  return (
    <Stack spacing={3}>
      <DailyBarChart
        title="Calls per day"
        days={days}
        series={[{ key: 'calls', label: 'calls', color: 'primary' }]}
        format={formatCount}
      />
      <DailyBarChart
        title="Denials and errors per day"
        days={days}
        series={[
          { key: 'denials', label: 'denials', color: 'warning' },
          { key: 'errors', label: 'errors', color: 'error' },
        ]}
        format={formatCount}
      />
      <DailyBarChart
        title="Tokens per day"
        days={days}
        series={[
          { key: 'inputTokens', label: 'input tokens', color: 'info' },
          { key: 'outputTokens', label: 'output tokens', color: 'secondary' },
        ]}
        stacked
        format={formatCompact}
      />
      <DailyBarChart
        title="Cost per day"
        days={days}
        series={[{ key: 'costUsd', label: 'cost', color: 'primary' }]}
        format={formatUsd}
      />
    </Stack>
  );
}

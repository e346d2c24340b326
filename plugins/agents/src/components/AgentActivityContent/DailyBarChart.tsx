import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { DailyActivity } from '@mandate/plugin-agents-common';

type Measure = Exclude<keyof DailyActivity, 'day'>;
type PaletteColor = 'primary' | 'secondary' | 'info' | 'warning' | 'error';

export type ChartSeries = {
  key: Measure;
  /** Singular and plural, such as ['call', 'calls']. */
  label: string;
  color: PaletteColor;
};

const SLOT = 10;
const HEIGHT = 100;

/**
 * Bars per day, a chart that needs no chart library: stacked when the series add up (input
 * and output tokens), side by side when they do not. Each day names its figures on hover,
 * and the whole chart is described for screen readers.
 */
export function DailyBarChart({
  title,
  days,
  series,
  stacked = false,
  format,
}: {
  title: string;
  days: DailyActivity[];
  series: ChartSeries[];
  stacked?: boolean;
  format: (n: number) => string;
}) {
  const theme = useTheme();
  const heightOf = (d: DailyActivity) =>
    stacked
      ? series.reduce((sum, s) => sum + d[s.key], 0)
      : Math.max(...series.map(s => d[s.key]));
  const max = Math.max(0, ...days.map(heightOf));
  const scale = (n: number) => (max === 0 ? 0 : (n / max) * HEIGHT);
  const totals = series.map(s => ({
    ...s,
    total: days.reduce((sum, d) => sum + d[s.key], 0),
  }));
  const describeTotals = totals
    .map(t => `${format(t.total)} ${t.label}`)
    .join(', ');
  const barWidth = stacked ? SLOT - 2 : (SLOT - 2) / series.length;

  return (
    <Box>
      <Stack
        direction="row"
        justifyContent="space-between"
        alignItems="baseline"
        flexWrap="wrap"
      >
        <Typography variant="subtitle2">{title}</Typography>
        <Stack direction="row" spacing={2}>
          {totals.map(t => (
            <Stack
              key={t.key}
              direction="row"
              spacing={0.5}
              alignItems="center"
            >
              <Box
                sx={{
                  width: 10,
                  height: 10,
                  borderRadius: 0.5,
                  bgcolor: `${t.color}.main`,
                }}
              />
              <Typography variant="caption">
                {format(t.total)} {t.label}
              </Typography>
            </Stack>
          ))}
        </Stack>
      </Stack>
      <svg
        role="img"
        aria-label={`${title}: ${describeTotals} in ${days.length} days`}
        viewBox={`0 0 ${Math.max(1, days.length) * SLOT} ${HEIGHT}`}
        preserveAspectRatio="none"
        width="100%"
        height={120}
        style={{ display: 'block' }}
      >
        <line
          x1={0}
          x2={days.length * SLOT}
          y1={HEIGHT}
          y2={HEIGHT}
          stroke={theme.palette.divider}
          vectorEffect="non-scaling-stroke"
        />
        {days.map((d, i) => {
          let base = HEIGHT;
          return (
            <g key={d.day}>
              <title>
                {`${d.day}: ${series
                  .map(s => `${format(d[s.key])} ${s.label}`)
                  .join(', ')}`}
              </title>
              {/* an invisible full-height target so that quiet days have a tooltip too */}
              <rect
                x={i * SLOT}
                y={0}
                width={SLOT}
                height={HEIGHT}
                fill="transparent"
              />
              {series.map((s, j) => {
                const h = scale(d[s.key]);
                const x = stacked ? i * SLOT + 1 : i * SLOT + 1 + j * barWidth;
                const y = stacked ? base - h : HEIGHT - h;
                if (stacked) base -= h;
                return h > 0 ? (
                  <rect
                    key={s.key}
                    x={x}
                    y={y}
                    width={barWidth}
                    height={h}
                    fill={theme.palette[s.color].main}
                  />
                ) : null;
              })}
            </g>
          );
        })}
      </svg>
      <Stack direction="row" justifyContent="space-between">
        <Typography variant="caption" color="text.secondary">
          {days[0]?.day}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          peak {format(max)} a day
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {days[days.length - 1]?.day}
        </Typography>
      </Stack>
    </Box>
  );
}

import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { DailyActivity } from '@mandate/plugin-agents-common';
import { KeyboardEvent, useId, useState } from 'react';

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
 * Shown to screen readers only: the chart's figures as a table, in a box of one pixel (in
 * sx, a bare 1 would mean 100 %; a table would grow past its own width anyway).
 */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
  padding: 0,
  margin: '-1px',
} as const;

/**
 * Bars per day, a chart that needs no chart library: stacked when the series add up (input
 * and output tokens), side by side when they do not. A day names its figures under the
 * chart when the pointer is on it, or when the chart has the keyboard's focus (the arrow
 * keys, Home and End move from day to day); the whole chart is described for screen
 * readers, and its figures are there as a table for them.
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
  const describeDay = (d: DailyActivity) =>
    `${d.day}: ${series.map(s => `${format(d[s.key])} ${s.label}`).join(', ')}`;

  // The day whose figures are shown: under the pointer, or chosen with the keyboard.
  const [active, setActive] = useState<number>();
  const [focused, setFocused] = useState(false);
  const readoutId = useId();
  const last = days.length - 1;
  const onKeyDown = (e: KeyboardEvent) => {
    const at = active ?? last;
    const next = {
      ArrowLeft: at - 1,
      ArrowRight: at + 1,
      Home: 0,
      End: last,
    }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    setActive(Math.min(last, Math.max(0, next)));
  };

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
      <Box
        tabIndex={days.length > 0 ? 0 : undefined}
        role="group"
        aria-label={`${title}: the arrow keys read each day`}
        aria-describedby={readoutId}
        onKeyDown={onKeyDown}
        onFocus={() => {
          setFocused(true);
          setActive(at => at ?? last);
        }}
        onBlur={() => {
          setFocused(false);
          setActive(undefined);
        }}
        onMouseLeave={() => {
          if (!focused) setActive(undefined);
        }}
        sx={{
          borderRadius: 0.5,
          '&:focus-visible': {
            outline: `2px solid ${theme.palette.primary.main}`,
            outlineOffset: 2,
          },
        }}
      >
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
              <g key={d.day} onMouseEnter={() => setActive(i)}>
                <title>{describeDay(d)}</title>
                {/* an invisible full-height target so that quiet days have a tooltip too */}
                <rect
                  x={i * SLOT}
                  y={0}
                  width={SLOT}
                  height={HEIGHT}
                  fill={
                    active === i ? theme.palette.action.hover : 'transparent'
                  }
                />
                {series.map((s, j) => {
                  const h = scale(d[s.key]);
                  const x = stacked
                    ? i * SLOT + 1
                    : i * SLOT + 1 + j * barWidth;
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
      </Box>
      <Stack direction="row" justifyContent="space-between">
        <Typography variant="caption" color="text.secondary">
          {days[0]?.day}
        </Typography>
        <Typography
          id={readoutId}
          variant="caption"
          color={active === undefined ? 'text.secondary' : 'text.primary'}
          aria-live="polite"
        >
          {active === undefined || !days[active]
            ? `peak ${format(max)} a day`
            : describeDay(days[active])}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {days[days.length - 1]?.day}
        </Typography>
      </Stack>
      <Box sx={VISUALLY_HIDDEN}>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {series.map(s => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map(d => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                {series.map(s => (
                  <td key={s.key}>{format(d[s.key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
    </Box>
  );
}

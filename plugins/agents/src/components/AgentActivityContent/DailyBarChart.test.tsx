import { fireEvent, render, screen, within } from '@testing-library/react';
import { DailyActivity } from '@mandate/plugin-agents-common';
import { DailyBarChart } from './DailyBarChart';

const day = (d: string, calls: number): DailyActivity => ({
  day: d,
  calls,
  denials: 0,
  errors: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
});

describe('DailyBarChart', () => {
  const days = [
    day('2026-03-01', 4),
    day('2026-03-02', 0),
    day('2026-03-03', 9),
  ];
  const renderChart = () =>
    render(
      <DailyBarChart
        title="Calls per day"
        days={days}
        series={[{ key: 'calls', label: 'calls', color: 'primary' }]}
        format={n => String(n)}
      />,
    );

  it('tells each day on focus, with the arrow keys, Home and End', () => {
    renderChart();
    const chart = screen.getByRole('group', {
      name: 'Calls per day: the arrow keys read each day',
    });
    expect(chart).toHaveAccessibleDescription('peak 9 a day');
    fireEvent.focus(chart);
    expect(chart).toHaveAccessibleDescription('2026-03-03: 9 calls');
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(chart).toHaveAccessibleDescription('2026-03-02: 0 calls');
    fireEvent.keyDown(chart, { key: 'Home' });
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(chart).toHaveAccessibleDescription('2026-03-01: 4 calls');
    fireEvent.keyDown(chart, { key: 'End' });
    expect(chart).toHaveAccessibleDescription('2026-03-03: 9 calls');
    fireEvent.blur(chart);
    expect(chart).toHaveAccessibleDescription('peak 9 a day');
  });

  it('tells the day under the pointer, and holds every figure in a table for screen readers', () => {
    renderChart();
    const chart = screen.getByRole('group', { name: /^Calls per day/ });
    expect(
      within(chart).getByRole('img', {
        name: 'Calls per day: 13 calls in 3 days',
      }),
    ).toBeInTheDocument();
    fireEvent.mouseEnter(chart.querySelectorAll('g')[0]);
    expect(chart).toHaveAccessibleDescription('2026-03-01: 4 calls');
    fireEvent.mouseLeave(chart);
    expect(chart).toHaveAccessibleDescription('peak 9 a day');

    const table = screen.getByRole('table', { name: 'Calls per day' });
    expect(
      within(table)
        .getAllByRole('row')
        .map(r => r.textContent),
    ).toEqual(['Daycalls', '2026-03-014', '2026-03-020', '2026-03-039']);
  });
});

import { TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { NOW, agentsClockApiRef, fixedClock } from './__testUtils__/clock';
import { renderInAgentsTestApp } from './__testUtils__/render';
import { RelativeTime, relativeTime } from './RelativeTime';

describe('relativeTime', () => {
  it('words a time relative to the given now', () => {
    expect(relativeTime(NOW.minus({ hours: 3 }).toISO()!, NOW)).toBe(
      '3 hours ago',
    );
    expect(relativeTime(NOW.plus({ days: 2 }).toISO()!, NOW)).toBe('in 2 days');
    expect(relativeTime('not a time', NOW)).toBe('not a time');
    expect(relativeTime(undefined, NOW)).toBe('—');
  });
});

describe('RelativeTime', () => {
  const threeHoursAgo = NOW.minus({ hours: 3 });

  it('counts from the clock of the app, and gives the exact UTC time', async () => {
    await renderInAgentsTestApp(<RelativeTime iso={threeHoursAgo.toISO()!} />);
    const time = screen.getByText('3 hours ago');
    expect(time).toHaveAttribute('datetime', threeHoursAgo.toISO());
    expect(time).toHaveAccessibleDescription(
      threeHoursAgo.toFormat("yyyy-MM-dd HH:mm 'UTC'"),
    );
  });

  it('moves with the clock it is given, not the wall clock', async () => {
    await renderInAgentsTestApp(
      <TestApiProvider
        apis={[[agentsClockApiRef, fixedClock(NOW.plus({ days: 2 }))]]}
      >
        <RelativeTime iso={threeHoursAgo.toISO()!} />
      </TestApiProvider>,
    );
    expect(screen.getByText('2 days ago')).toBeInTheDocument();
  });

  it('shows the fallback when there is no time', async () => {
    await renderInAgentsTestApp(<RelativeTime fallback="never" />);
    expect(screen.getByText('never')).toBeInTheDocument();
  });
});

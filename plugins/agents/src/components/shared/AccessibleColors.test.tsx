import {
  ThemeProvider,
  createTheme,
  getContrastRatio,
  useTheme,
} from '@mui/material/styles';
import { render, screen } from '@testing-library/react';
import {
  AccessibleColors,
  readableAgainst,
  readableOn,
} from './AccessibleColors';

/** Each colour's contrast on the paper, and its contrast text's on the colour. */
function Contrasts() {
  const { palette } = useTheme();
  return (
    <output>
      {(['primary', 'error', 'warning', 'info', 'success'] as const)
        .map(
          c =>
            `${c} ${getContrastRatio(
              palette[c].main,
              palette.background.paper,
            ).toFixed(1)} ${getContrastRatio(
              palette[c].contrastText,
              palette[c].main,
            ).toFixed(1)}`,
        )
        .join(', ')}
    </output>
  );
}

describe('AccessibleColors', () => {
  it('keeps white only where it reaches 4.5:1', () => {
    expect(readableOn('#d32f2f')).toBe('#fff'); // 4.98:1
    expect(readableOn('#ed6c02')).toBe('rgba(0, 0, 0, 0.87)'); // 3.11:1
    expect(readableOn('#0288d1')).toBe('rgba(0, 0, 0, 0.87)'); // 3.85:1
  });

  it.each(['light', 'dark'] as const)(
    "makes the %s theme's colours readable on the paper and under their text",
    mode => {
      render(
        <ThemeProvider theme={createTheme({ palette: { mode } })}>
          <AccessibleColors>
            <Contrasts />
          </AccessibleColors>
        </ThemeProvider>,
      );
      const ratios = screen
        .getByRole('status')
        .textContent!.split(', ')
        .map(entry => entry.split(' '));
      for (const [color, onPaper, textOnColor] of ratios) {
        expect({ color, ok: Number(onPaper) >= 4.5 }).toEqual({
          color,
          ok: true,
        });
        expect({ color, ok: Number(textOnColor) >= 4.5 }).toEqual({
          color,
          ok: true,
        });
      }
    },
  );

  it('leaves colours that are readable as they are', () => {
    expect(readableAgainst('#d32f2f', '#fff', 'light')).toBe('#d32f2f');
    expect(
      getContrastRatio(readableAgainst('#ed6c02', '#fff', 'light'), '#fff'),
    ).toBeGreaterThanOrEqual(4.5);
  });
});

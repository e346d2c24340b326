import {
  Theme,
  ThemeProvider,
  darken,
  getContrastRatio,
  lighten,
} from '@mui/material/styles';
import { ReactNode } from 'react';

const DARK_TEXT = 'rgba(0, 0, 0, 0.87)';
const COLORS = [
  'primary',
  'secondary',
  'error',
  'warning',
  'info',
  'success',
] as const;

/** Text on `background` that WCAG AA can read (4.5:1): white where it is, else dark. */
export function readableOn(background: string): string {
  return getContrastRatio(background, '#fff') >= 4.5 ? '#fff' : DARK_TEXT;
}

/**
 * `color`, darkened (or lightened on a dark theme) until it reads at 4.5:1 on `paper`: a
 * warning in the default palette (#ed6c02) is 3.1:1 on white, as text or as a chip.
 */
export function readableAgainst(
  color: string,
  paper: string,
  mode: 'light' | 'dark',
): string {
  const shift = mode === 'dark' ? lighten : darken;
  let readable = color;
  for (
    let k = 0.05;
    getContrastRatio(readable, paper) < 4.5 && k < 1;
    k += 0.05
  ) {
    readable = shift(color, k);
  }
  return readable;
}

/**
 * The theme with each palette colour readable at 4.5:1 (WCAG AA) as text on the paper and
 * under its contrast text. MUI's palette and its choice of contrast text go by 3:1, so a
 * warning or info chip (white on #ed6c02 or #0288d1) or a count in warning.main fails.
 */
const readableColors = (outer: Theme): Theme => {
  const { palette } = outer;
  const paper = palette.background.paper;
  return {
    ...outer,
    palette: {
      ...palette,
      ...Object.fromEntries(
        COLORS.map(color => {
          const main = readableAgainst(
            palette[color].main,
            paper,
            palette.mode,
          );
          return [
            color,
            { ...palette[color], main, contrastText: readableOn(main) },
          ];
        }),
      ),
    },
  };
};

/** Mandate's pages, cards and tabs in the app's theme, with colours readable at 4.5:1. */
export function AccessibleColors({ children }: { children: ReactNode }) {
  return <ThemeProvider theme={readableColors}>{children}</ThemeProvider>;
}

/** `Component` inside {@link AccessibleColors}, for the legacy extensions. */
export function withAccessibleColors<P extends object>(
  Component: (props: P) => JSX.Element | null,
): (props: P) => JSX.Element {
  return function WithAccessibleColors(props: P) {
    return (
      <AccessibleColors>
        <Component {...props} />
      </AccessibleColors>
    );
  };
}

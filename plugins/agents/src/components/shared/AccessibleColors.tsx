import { Theme, ThemeProvider, getContrastRatio } from '@mui/material/styles';
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
 * The theme with each palette colour's contrast text readable at 4.5:1. MUI chooses white
 * from 3:1 on, so a filled warning or info chip (white on #ed6c02 or #0288d1) fails AA.
 */
const readableContrastText = (outer: Theme): Theme => ({
  ...outer,
  palette: {
    ...outer.palette,
    ...Object.fromEntries(
      COLORS.map(color => [
        color,
        {
          ...outer.palette[color],
          contrastText: readableOn(outer.palette[color].main),
        },
      ]),
    ),
  },
});

/** Mandate's pages, cards and tabs in the app's theme, with readable text on colours. */
export function AccessibleColors({ children }: { children: ReactNode }) {
  return <ThemeProvider theme={readableContrastText}>{children}</ThemeProvider>;
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

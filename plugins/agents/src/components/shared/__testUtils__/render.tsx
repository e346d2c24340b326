import {
  TestApiProvider,
  TestAppOptions,
  renderInTestApp,
} from '@backstage/test-utils';
import { Theme, ThemeProvider } from '@mui/material/styles';
import { RenderResult } from '@testing-library/react';
import { ReactNode } from 'react';
import { agentsClockApiRef, fixedClock } from './clock';

const NO_TIME = {
  shortest: 0,
  shorter: 0,
  short: 0,
  standard: 0,
  complex: 0,
  enteringScreen: 0,
  leavingScreen: 0,
};

/**
 * The app's theme without motion: in jsdom, transitions and ripples only add timers and
 * DOM changes that every pending query then runs again on.
 */
const withoutMotion = (theme: Theme): Theme => ({
  ...theme,
  transitions: {
    ...theme.transitions,
    create: () => 'none',
    duration: NO_TIME,
  },
  components: {
    ...theme.components,
    MuiButtonBase: {
      ...theme.components?.MuiButtonBase,
      defaultProps: {
        ...theme.components?.MuiButtonBase?.defaultProps,
        disableRipple: true,
      },
    },
  },
});

function inTestSetting(ui: ReactNode) {
  return (
    <TestApiProvider apis={[[agentsClockApiRef, fixedClock()]]}>
      <ThemeProvider theme={withoutMotion}>{ui}</ThemeProvider>
    </TestApiProvider>
  );
}

/**
 * `renderInTestApp` with the package's fixed clock at NOW and without motion, also on
 * `rerender`. A TestApiProvider inside `ui` takes precedence, for the clock too.
 */
export async function renderInAgentsTestApp(
  ui: ReactNode,
  options?: TestAppOptions,
): Promise<RenderResult> {
  const result = await renderInTestApp(inTestSetting(ui), options);
  return {
    ...result,
    rerender: (next: ReactNode) => result.rerender(inTestSetting(next)),
  };
}

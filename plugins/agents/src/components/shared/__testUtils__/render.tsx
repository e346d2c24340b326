import {
  TestApiProvider,
  TestAppOptions,
  renderInTestApp,
} from '@backstage/test-utils';
import { RenderResult } from '@testing-library/react';
import { ReactNode } from 'react';
import { agentsClockApiRef, fixedClock } from './clock';

function withTestClock(ui: ReactNode) {
  return (
    <TestApiProvider apis={[[agentsClockApiRef, fixedClock()]]}>
      {ui}
    </TestApiProvider>
  );
}

/**
 * `renderInTestApp` with the package's fixed clock at NOW, also on `rerender`. A
 * TestApiProvider inside `ui` takes precedence, for the clock too.
 */
export async function renderInAgentsTestApp(
  ui: ReactNode,
  options?: TestAppOptions,
): Promise<RenderResult> {
  const result = await renderInTestApp(withTestClock(ui), options);
  return {
    ...result,
    rerender: (next: ReactNode) => result.rerender(withTestClock(next)),
  };
}

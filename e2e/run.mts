// Starts the demo app (`yarn start`: frontend on :3000, backend on :7007 with SQLite),
// waits until both answer, runs the end-to-end tests with node's test runner, and stops
// the app again. Usage: node e2e/run.mts [test files...]
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync } from 'node:fs';
import { APP_URL, BACKEND_URL } from './browser.mts';

async function waitForUrl(
  url: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
  wantStatus?: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { headers });
      if (wantStatus ? res.status === wantStatus : res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

/**
 * The demo backend seeds its governance history once the catalog has settled; its last
 * step opens Ticket Triage's review, which Dana then sees among her reviews.
 */
async function waitForDemoHistory(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const auth = await fetch(`${BACKEND_URL}/api/auth/demo/refresh`, {
      headers: { 'x-mandate-demo-user': 'dana.lee' },
    }).then(r => r.json());
    const token = auth.backstageIdentity.token;
    const mine = await fetch(`${BACKEND_URL}/api/agents/v1/reviews/mine`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then(r => r.json());
    if (
      mine.reviews?.some(
        (r: { agentRef: string }) =>
          r.agentRef === 'agent:default/ticket-triage',
      )
    ) {
      return;
    }
    if (Date.now() > deadline)
      throw new Error('The demo history was not seeded in time');
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync('e2e')
      .filter(f => f.endsWith('.test.mts'))
      .map(f => `e2e/${f}`);

const app = spawn('yarn', ['start'], {
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let appLog = '';
mkdirSync('test-results', { recursive: true });
const logFile = createWriteStream('test-results/app.log');
for (const stream of [app.stdout, app.stderr]) {
  stream.on('data', chunk => {
    logFile.write(chunk);
    appLog = (appLog + chunk).slice(-20_000);
  });
}
const stopApp = () => {
  try {
    process.kill(-app.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stopApp);

let code = 1;
try {
  await waitForUrl(`${BACKEND_URL}/.backstage/health/v1/readiness`, 180_000);
  await waitForUrl(APP_URL, 180_000);
  // Sign-in resolves catalog users: wait until the catalog has ingested the example org.
  await waitForUrl(
    `${BACKEND_URL}/api/auth/demo/refresh`,
    180_000,
    {
      'x-mandate-demo-user': 'nina.kowalski',
    },
    200,
  );
  await waitForDemoHistory(180_000);
  const tests = spawn(
    process.execPath,
    ['--test', '--test-concurrency=1', ...files],
    {
      stdio: 'inherit',
    },
  );
  code = await new Promise<number>(resolve =>
    tests.on('exit', c => resolve(c ?? 1)),
  );
} catch (error) {
  console.error(String(error));
  console.error(appLog);
} finally {
  stopApp();
}
process.exit(code);

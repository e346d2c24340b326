/*
 * How fast security's estate view renders 10,000 agents in headless Chromium.
 *
 * Seeds a SQLite file with BENCH_AGENTS agents (default 10,000) through the backend's own
 * stores (bench/estate-view/seedEstate.ts), starts the demo app (`yarn start`) with an extra
 * config that points the agents plugin's database at that file and turns its catalog sync
 * off (agents.catalogSync.enabled), signs in as security
 * (nina.kowalski) and prints, over BENCH_RUNS repetitions (default 5), the median, min
 * and max of:
 *   - page load: navigation to /agents until the first rows of the agents table are in the page;
 *   - in-app navigation: a click on the sidebar's Agents link (from the catalog) until rows;
 *   - state filter: choosing "suspended" until the table holds only suspended agents;
 *   - search: typing an agent's name until the table holds just that agent (includes the
 *     table's 300 ms input debounce).
 * Run: yarn bench:estate-view   (needs ports 3000 and 7007 free and /usr/bin/chromium)
 * The app runs from the development server (`yarn start`), not a production bundle.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import {
  APP_URL,
  BACKEND_URL,
  launchBrowser,
  signInAs,
} from '../e2e/browser.mts';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SEARCHED = `agent-${String(4321 % AGENTS).padStart(5, '0')}`;
const ROOT = resolve(import.meta.dirname, '..');
const TABLE = 'table[aria-label="Agents"]';

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not ready after ${timeoutMs / 1000}s`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

async function tokenFor(user: string): Promise<string> {
  const auth = await fetch(`${BACKEND_URL}/api/auth/demo/refresh`, {
    headers: { 'x-mandate-demo-user': user },
  }).then(r => r.json());
  return auth.backstageIdentity.token;
}

/** The app is ready once the backend lists the seeded estate and the frontend answers. */
async function waitForApp(): Promise<number> {
  await waitFor('backend', 300_000, async () => {
    const res = await fetch(`${BACKEND_URL}/.backstage/health/v1/readiness`);
    return res.ok ? true : undefined;
  });
  const total = await waitFor('seeded agents', 300_000, async () => {
    const token = await tokenFor('nina.kowalski');
    const page = await fetch(`${BACKEND_URL}/api/agents/v1/agents?limit=1`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then(r => r.json());
    return page.totalCount >= AGENTS ? (page.totalCount as number) : undefined;
  });
  await waitFor('frontend', 300_000, async () =>
    (await fetch(APP_URL)).ok ? true : undefined,
  );
  return total;
}

/** Ms from the start of a measurement until the rows were shown, and the list request's span. */
type Timing = { rows: number; requested?: number; listed?: number };

/**
 * Measures in the page, from `start` (a performance.now()) until `ready` holds; `requested`
 * and `listed` are when the last agents-list request went out and its response had arrived
 * (from Resource Timing), which tells the frontend's share from the backend's.
 */
function timeInPage(
  page: Page,
  ready: string,
  start = 'window.__benchStart',
): Promise<Timing> {
  const probe = `(() => {
    const start = ${start};
    if (start === undefined || !(${ready})) return false;
    const list = performance
      .getEntriesByType('resource')
      .filter(e => e.name.includes('/api/agents/v1/agents?') && e.startTime >= start)
      .pop();
    return {
      rows: performance.now() - start,
      requested: list && list.startTime - start,
      listed: list && list.responseEnd - start,
    };
  })()`;
  return page
    .waitForFunction(probe, undefined, { polling: 'raf', timeout: 120_000 })
    .then(handle => handle.jsonValue() as Promise<Timing>);
}

/** Marks the next user input (a click or an input event) as the start of a measurement. */
function startOnNextInput(page: Page): Promise<void> {
  return page.evaluate(() => {
    (window as any).__benchStart = undefined;
    performance.clearResourceTimings();
    const done = new AbortController();
    const mark = () => {
      (window as any).__benchStart = performance.now();
      done.abort();
    };
    for (const type of ['click', 'input']) {
      document.addEventListener(type, mark, {
        capture: true,
        signal: done.signal,
      });
    }
  });
}

const rowsReady = `document.querySelector('${TABLE} tbody tr a')`;
const onlySuspended = `(() => {
  const rows = [...document.querySelectorAll('${TABLE} tbody tr')];
  return rows.length > 0 && rows.every(r => r.cells[2]?.textContent === 'suspended');
})()`;
const anyState = `(() => {
  const rows = [...document.querySelectorAll('${TABLE} tbody tr')];
  return rows.some(r => r.cells[2] && r.cells[2].textContent !== 'suspended');
})()`;
const onlySearched = `(() => {
  const rows = [...document.querySelectorAll('${TABLE} tbody tr')];
  return rows.length === 1 && rows[0].querySelector('a')?.getAttribute('href')?.endsWith('/${SEARCHED}');
})()`;

async function pageLoad(page: Page): Promise<Timing> {
  await page.goto(`${APP_URL}/agents`, { waitUntil: 'commit' });
  // Navigation start is the page's time origin, so performance.now() is the load time.
  return timeInPage(page, rowsReady, '0');
}

async function inAppNavigation(page: Page): Promise<Timing> {
  await page.goto(`${APP_URL}/catalog`);
  const link = page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Agents', exact: true });
  await link.waitFor({ timeout: 60_000 });
  await startOnNextInput(page);
  await link.click();
  return timeInPage(page, rowsReady);
}

async function chooseState(page: Page, state: string): Promise<void> {
  await page.getByRole('combobox', { name: 'State' }).click();
  await startOnNextInput(page);
  await page.getByRole('option', { name: state, exact: true }).click();
}

async function stateFilter(page: Page): Promise<Timing> {
  await chooseState(page, 'suspended');
  const timing = await timeInPage(page, onlySuspended);
  await chooseState(page, 'Any state');
  await timeInPage(page, anyState);
  return timing;
}

async function search(page: Page): Promise<Timing> {
  const field = page.getByLabel('Search name, title or identity');
  await startOnNextInput(page);
  await field.fill(SEARCHED);
  const timing = await timeInPage(page, onlySearched);
  await field.fill('');
  await timeInPage(page, `!(${onlySearched}) && ${rowsReady}`);
  return timing;
}

/** The calls the estate view makes, timed from here, to tell the backend's share. */
const API_CALLS = {
  'GET /v1/agents (first page)': '/v1/agents?orderBy=name&order=asc&limit=25',
  'GET /v1/agents?state=suspended':
    '/v1/agents?state=suspended&orderBy=name&order=asc&limit=25',
  [`GET /v1/agents?q=${SEARCHED}`]: `/v1/agents?q=${SEARCHED}&orderBy=name&order=asc&limit=25`,
  'GET /v1/estate/summary': '/v1/estate/summary',
  'GET /v1/reviews/mine': '/v1/reviews/mine',
};

async function timeApi(token: string, path: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${BACKEND_URL}/api/agents${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return performance.now() - start;
}

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;

function report(label: string, samples: number[], note = '') {
  console.log(
    `  ${label.padEnd(40)} median ${ms(median(samples))}   min ${ms(
      Math.min(...samples),
    )}   max ${ms(Math.max(...samples))}${note}`,
  );
}

function reportTimings(label: string, timings: Timing[]) {
  const list = timings.filter(t => t.requested !== undefined);
  const span = list.length
    ? `   (list request out at ${ms(
        median(list.map(t => t.requested!)),
      ).trim()}, response in at ${ms(median(list.map(t => t.listed!))).trim()})`
    : '';
  report(
    label,
    timings.map(t => t.rows),
    span,
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-estate-bench-'));
  const database = join(dir, 'agents.sqlite');
  console.log(`Seeding ${AGENTS} agents into ${database} ...`);
  const seed = spawnSync(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'bench/estate-view/seedEstate.ts',
      database,
      String(AGENTS),
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (seed.status !== 0) throw new Error('Seeding failed');

  const override = join(dir, 'app-config.bench.yaml');
  writeFileSync(
    override,
    [
      '# The estate-view benchmark: the agents plugin reads the seeded SQLite file.',
      'backend:',
      '  database:',
      '    plugin:',
      '      agents:',
      '        connection:',
      // Backstage joins directory and filename, so an absolute filename alone would not do.
      `          directory: ${JSON.stringify(dir)}`,
      '          filename: agents.sqlite',
      'agents:',
      // The demo catalog starts empty (in memory): a sync pass would find every seeded
      // agent's owner missing and raise 10,000 orphan findings and owner transfers.
      '  catalogSync:',
      '    enabled: false',
      '  demo:',
      '    seedHistory: false',
      '',
    ].join('\n'),
  );

  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  const log = createWriteStream(
    join(ROOT, 'test-results/bench-estate-view-app.log'),
  );
  console.log(
    'Starting the demo app (log: test-results/bench-estate-view-app.log) ...',
  );
  const app = spawn(
    'yarn',
    ['start', '--config', join(ROOT, 'app-config.yaml'), '--config', override],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  app.stdout.pipe(log);
  app.stderr.pipe(log);
  const stopApp = () => {
    try {
      process.kill(-app.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stopApp);

  const browser = await launchBrowser();
  try {
    const total = await waitForApp();
    const page = await signInAs(browser, 'nina.kowalski');
    // Room for every resource of a page load, so the list request is always recorded.
    await page.addInitScript(() =>
      performance.setResourceTimingBufferSize(10_000),
    );
    // Warm-up: the development server compiles on first request; the browser caches.
    await pageLoad(page);
    await inAppNavigation(page);

    const samples = { load: [], nav: [], state: [], search: [] } as Record<
      'load' | 'nav' | 'state' | 'search',
      Timing[]
    >;
    for (let run = 1; run <= RUNS; run++) {
      samples.load.push(await pageLoad(page));
      samples.state.push(await stateFilter(page));
      samples.search.push(await search(page));
      samples.nav.push(await inAppNavigation(page));
      process.stdout.write(`  run ${run}/${RUNS} done\r`);
    }
    console.log(
      `\nEstate view, ${total} agents in the estate (${AGENTS} seeded), signed in as security; ${RUNS} runs after a warm-up:`,
    );
    reportTimings('page load to first table rows', samples.load);
    reportTimings('in-app navigation to first table rows', samples.nav);
    reportTimings('state filter (suspended) applied', samples.state);
    reportTimings('search applied (incl. 300 ms debounce)', samples.search);

    const token = await tokenFor('nina.kowalski');
    console.log('\nThe same calls to the backend alone (HTTP from node):');
    for (const [label, path] of Object.entries(API_CALLS)) {
      const times = [];
      for (let run = 0; run <= RUNS; run++)
        times.push(await timeApi(token, path));
      report(label, times.slice(1));
    }
  } finally {
    await browser.close();
    stopApp();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(String(error?.stack ?? error));
    process.exit(1);
  },
);

/*
 * How fast security's estate view renders 10,000 agents in headless Chromium.
 *
 * Seeds a SQLite file with BENCH_AGENTS agents (default 10,000) through the backend's own
 * stores and review scheduler (bench/estate-view/seedEstate.ts, which times the scheduler's
 * first pass and a steady-state pass), then times the app two ways:
 *   - production: the bundle of `yarn workspace app build`, served by the backend's app
 *     plugin (app.baseUrl = backend.baseUrl = http://localhost:BENCH_BACKEND_PORT), as users
 *     run it;
 *   - dev: the development server (`yarn start`, frontend on BENCH_FRONTEND_PORT), as a
 *     second line.
 * Each run gets its own copy of the seeded file, an extra config that points the agents
 * plugin's database at it and turns its catalog sync off (agents.catalogSync.enabled), signs
 * in as security (nina.kowalski) and prints, over BENCH_RUNS repetitions (default 5) after a
 * warm-up, the median, min and max of:
 *   - page load: navigation to /agents until the first rows of the agents table are in the page;
 *   - in-app navigation: a click on the sidebar's Agents link (from the catalog) until rows;
 *   - state filter: choosing "suspended" until the table holds only suspended agents;
 *   - search: typing an agent's name until the table holds just that agent (includes the
 *     table's 300 ms input debounce);
 * and beside them the same calls to the backend alone (HTTP from node), and the load average.
 * Run: yarn bench:estate-view   (needs /usr/bin/chromium and the ports free: 7007 and 3000 by
 * default). BENCH_MODES=production or =dev runs one; BENCH_SKIP_BUILD=1 serves the bundle
 * already in packages/app/dist; BENCH_WATERFALL=1 prints every request of one more page load.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signInAs } from '../e2e/browser.mts';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SEARCHED = `agent-${String(4321 % AGENTS).padStart(5, '0')}`;
const ROOT = resolve(import.meta.dirname, '..');
const TABLE = 'table[aria-label="Agents"]';
const BACKEND_PORT = Number(process.env.BENCH_BACKEND_PORT ?? 7007);
const FRONTEND_PORT = Number(process.env.BENCH_FRONTEND_PORT ?? 3000);
const MODES = (process.env.BENCH_MODES ?? 'production,dev').split(
  ',',
) as Mode[];
type Mode = 'production' | 'dev';

/** Where the app under test answers: the page's origin and the backend's. */
const target = { app: '', backend: '' };

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
  const auth = await fetch(`${target.backend}/api/auth/demo/refresh`, {
    headers: { 'x-mandate-demo-user': user },
  }).then(r => r.json());
  return auth.backstageIdentity.token;
}

/** The app is ready once the backend lists the seeded estate and the frontend answers. */
async function waitForApp(): Promise<number> {
  await waitFor('backend', 300_000, async () => {
    const res = await fetch(`${target.backend}/.backstage/health/v1/readiness`);
    return res.ok ? true : undefined;
  });
  const total = await waitFor('seeded agents', 300_000, async () => {
    const token = await tokenFor('nina.kowalski');
    const page = await fetch(`${target.backend}/api/agents/v1/agents?limit=1`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then(r => r.json());
    return page.totalCount >= AGENTS ? (page.totalCount as number) : undefined;
  });
  await waitFor('frontend', 300_000, async () =>
    (await fetch(target.app)).ok ? true : undefined,
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
  await page.goto(`${target.app}/agents`, { waitUntil: 'commit' });
  // Navigation start is the page's time origin, so performance.now() is the load time.
  return timeInPage(page, rowsReady, '0');
}

async function inAppNavigation(page: Page): Promise<Timing> {
  await page.goto(`${target.app}/catalog`);
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
  const res = await fetch(`${target.backend}/api/agents${path}`, {
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
    `  ${label.padEnd(48)} median ${ms(median(samples))}   min ${ms(
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

type Samples = Record<'load' | 'nav' | 'state' | 'search', Timing[]>;

/** What one mode measured: the browser's timings and the backend alone. */
interface ModeResult {
  mode: Mode;
  total: number;
  samples: Samples;
  api: Record<string, number[]>;
  load: [number, number];
}

/** The extra config of a run: the seeded database, the ports, and no catalog sync. */
function benchConfig(mode: Mode, dir: string): string {
  const backend = `http://localhost:${BACKEND_PORT}`;
  const app =
    mode === 'production' ? backend : `http://localhost:${FRONTEND_PORT}`;
  target.app = app;
  target.backend = backend;
  const file = join(dir, `app-config.bench-${mode}.yaml`);
  writeFileSync(
    file,
    [
      '# The estate-view benchmark: the agents plugin reads the seeded SQLite file.',
      'app:',
      `  baseUrl: ${app}`,
      'backend:',
      `  baseUrl: ${backend}`,
      '  listen:',
      `    port: ${BACKEND_PORT}`,
      '  cors:',
      `    origin: ${app}`,
      '  reading:',
      '    allow:',
      `      - host: localhost:${BACKEND_PORT}`,
      '  database:',
      '    plugin:',
      '      agents:',
      '        connection:',
      // Backstage joins directory and filename, so an absolute filename alone would not do.
      `          directory: ${JSON.stringify(dir)}`,
      `          filename: agents-${mode}.sqlite`,
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
  return file;
}

/**
 * Starts the app of `mode`; the returned function stops it. The backend runs from source
 * without `backstage-cli package start`'s watcher, which would restart it when anyone
 * edits a file in the repo during the runs.
 */
function startApp(mode: Mode, config: string): () => void {
  const logName = `test-results/bench-estate-view-${mode}.log`;
  const log = createWriteStream(join(ROOT, logName));
  console.log(`Starting the ${mode} app (log: ${logName}) ...`);
  const configs = [
    '--config',
    join(ROOT, 'app-config.yaml'),
    '--config',
    config,
  ];
  const spawned = [
    // In production mode its app plugin serves the bundle in packages/app/dist.
    spawn(
      process.execPath,
      [
        '--require',
        '@backstage/cli/config/nodeTransform.cjs',
        'src/index.ts',
        ...configs,
      ],
      {
        cwd: join(ROOT, 'packages/backend'),
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_ENV: 'development' },
      },
    ),
  ];
  if (mode === 'dev') {
    spawned.push(
      spawn('yarn', ['workspace', 'app', 'start', ...configs], {
        cwd: ROOT,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }
  let stopping = false;
  for (const child of spawned) {
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    child.on('exit', code => {
      if (stopping) return;
      console.error(`The ${mode} app exited (${code}); see ${logName}`);
      process.exit(1);
    });
  }
  const kill = (signal: NodeJS.Signals) => {
    for (const child of spawned) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', () => kill('SIGKILL'));
  // The backend's shutdown waits for its tasks; it gets a few seconds.
  return () => {
    stopping = true;
    kill('SIGTERM');
    setTimeout(() => kill('SIGKILL'), 5_000).unref();
  };
}

/** Resolves once nothing answers on the port any more. */
async function portClosed(port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      await fetch(`http://localhost:${port}/`);
    } catch {
      return;
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

async function measure(browser: Browser, mode: Mode): Promise<ModeResult> {
  const before = loadavg()[0];
  const total = await waitForApp();
  const page = await signInAs(browser, 'nina.kowalski', target.app);
  // Room for every resource of a page load, so the list request is always recorded.
  await page.addInitScript(() =>
    performance.setResourceTimingBufferSize(10_000),
  );
  // Warm-up: the development server compiles on first request; the browser caches.
  await pageLoad(page);
  await inAppNavigation(page);

  const samples: Samples = { load: [], nav: [], state: [], search: [] };
  for (let run = 1; run <= RUNS; run++) {
    samples.load.push(await pageLoad(page));
    samples.state.push(await stateFilter(page));
    samples.search.push(await search(page));
    samples.nav.push(await inAppNavigation(page));
    process.stdout.write(`  ${mode}: run ${run}/${RUNS} done\r`);
  }
  if (process.env.BENCH_WATERFALL) await printWaterfall(page, mode);
  await page.close();

  const token = await tokenFor('nina.kowalski');
  const api: Record<string, number[]> = {};
  for (const [label, path] of Object.entries(API_CALLS)) {
    const times = [];
    for (let run = 0; run <= RUNS; run++)
      times.push(await timeApi(token, path));
    api[label] = times.slice(1);
  }
  return { mode, total, samples, api, load: [before, loadavg()[0]] };
}

/** One more page load, with every request it made: when it went out and came back. */
async function printWaterfall(page: Page, mode: Mode) {
  const { rows } = await pageLoad(page);
  const entries: Array<{ name: string; start: number; end: number }> =
    await page.evaluate(() =>
      performance.getEntriesByType('resource').map(e => ({
        name: e.name.replace(location.origin, ''),
        start: e.startTime,
        end: (e as PerformanceResourceTiming).responseEnd,
      })),
    );
  console.log(
    `\n${mode}: a page load's requests (rows at ${ms(rows).trim()}):`,
  );
  for (const e of entries.sort((a, b) => a.start - b.start)) {
    console.log(`  ${ms(e.start)} → ${ms(e.end)}  ${e.name.slice(0, 100)}`);
  }
}

const LABELS: Record<keyof Samples, string> = {
  load: 'page load to first table rows',
  nav: 'in-app navigation to first table rows',
  state: 'state filter (suspended) applied',
  search: 'search applied (incl. 300 ms debounce)',
};

function printResults(results: ModeResult[], seed: SeedFigures) {
  console.log(
    `\nEstate view, ${results[0].total} agents in the estate (${AGENTS} seeded), signed in as security; ${RUNS} runs after a warm-up.`,
  );
  for (const r of results) {
    console.log(
      `  ${r.mode}: load average ${r.load[0].toFixed(
        2,
      )} before, ${r.load[1].toFixed(2)} after (${
        r.mode === 'production'
          ? 'bundle of yarn workspace app build, served by the backend'
          : 'development server, yarn start'
      })`,
    );
  }
  for (const key of Object.keys(LABELS) as Array<keyof Samples>) {
    console.log(`\n${LABELS[key]}:`);
    for (const r of results) reportTimings(r.mode, r.samples[key]);
  }
  console.log('\nThe same calls to the backend alone (HTTP from node):');
  for (const label of Object.keys(API_CALLS)) {
    for (const r of results) report(`${label} [${r.mode}]`, r.api[label]);
  }
  console.log(
    `\nReview scheduler over the seeded estate (SQLite file): first pass ${ms(
      seed.firstPassMs,
    ).trim()} (${seed.opened} reviews opened, ${
      seed.escalated
    } escalated); steady-state pass ${ms(seed.steadyPassMs).trim()}`,
  );
}

/** What seedEstate.ts wrote beside the database. */
interface SeedFigures {
  agents: number;
  seedMs: number;
  firstPassMs: number;
  opened: number;
  escalated: number;
  steadyPassMs: number;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-estate-bench-'));
  const database = join(dir, 'agents.sqlite');
  console.log(
    `Load average ${loadavg()
      .map(n => n.toFixed(2))
      .join(' ')}; seeding ${AGENTS} agents into ${database} ...`,
  );
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
  const seedFigures: SeedFigures = JSON.parse(
    readFileSync(`${database}.json`, 'utf8'),
  );

  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  if (MODES.includes('production') && !process.env.BENCH_SKIP_BUILD) {
    console.log(
      'Building the production bundle (yarn workspace app build) ...',
    );
    const build = spawnSync('yarn', ['workspace', 'app', 'build'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) throw new Error('yarn workspace app build failed');
  }

  const browser = await launchBrowser();
  const results: ModeResult[] = [];
  try {
    for (const mode of MODES) {
      // Every mode starts from the same seeded estate.
      copyFileSync(database, join(dir, `agents-${mode}.sqlite`));
      const stop = startApp(mode, benchConfig(mode, dir));
      try {
        results.push(await measure(browser, mode));
      } finally {
        stop();
        await portClosed(BACKEND_PORT);
        if (mode === 'dev') await portClosed(FRONTEND_PORT);
      }
    }
    printResults(results, seedFigures);
  } finally {
    await browser.close();
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

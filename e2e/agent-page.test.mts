import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { APP_URL, launchBrowser, signInAs } from './browser.mts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('an owner signs in and sees the agent overview card with the tool manifest', async () => {
  const page = await signInAs(browser, 'dana.lee');
  await page.goto(`${APP_URL}/catalog/default/agent/refund-assistant`);
  await page
    .getByText('Agent overview', { exact: true })
    .waitFor({ timeout: 30_000 });
  await page
    .getByText('spiffe://acme.example/agent/refund-assistant', { exact: true })
    .waitFor();
  const manifest = page.getByRole('table', { name: 'Tool manifest' });
  const rows = manifest.getByRole('row');
  assert.equal(await rows.count(), 4, 'header plus three tools');
  assert.match(
    await rows.nth(2).innerText(),
    /refunds\.issue[\s\S]*write[\s\S]*human, per call/,
  );
  assert.ok(await page.getByText('every 3 months (P3M)').isVisible());
  await page.screenshot({
    path: 'docs/screenshots/agent-overview.png',
    fullPage: true,
  });
  await page.close();
});

test('the demo sign-in refuses to guess: the catalog page needs a chosen user', async () => {
  const page = await browser.newPage();
  await page.goto(`${APP_URL}/catalog`);
  await page
    .getByRole('button', { name: 'Sign in as nina.kowalski' })
    .waitFor();
  assert.equal(
    await page.getByRole('navigation', { name: 'sidebar nav' }).count(),
    0,
  );
  await page.close();
});

test('at 1440 px with the sidebar open, the Activity tab fits the window and its tables do not wrap', async () => {
  // Maria leads Data Science, which owns Analytics Copilot; the demo's model calls for it
  // were answered by claude-opus-4-5 and, in the last week, by claude-haiku-4-5.
  const page = await signInAs(browser, 'maria.garcia');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(
    `${APP_URL}/catalog/default/agent/analytics-copilot/activity`,
  );
  const models = page.getByRole('table', { name: 'Models' });
  await models.waitFor({ timeout: 60_000 }).catch(async error => {
    await page.screenshot({
      path: 'test-results/activity-models-missing.png',
      fullPage: true,
    });
    throw error;
  });

  assert.deepEqual(await models.getByRole('columnheader').allInnerTexts(), [
    'Model',
    'Tier',
    'Calls',
    'Input tokens',
    'Output tokens',
    'Cost',
    'Last day',
  ]);
  const haiku = models.getByRole('row').filter({ hasText: 'claude-haiku-4-5' });
  const figures = (await haiku.getByRole('cell').allInnerTexts()).slice(2, 6);
  assert.equal(figures.length, 4, 'calls, input and output tokens, cost');
  for (const figure of figures) {
    assert.match(figure, /^\$?[1-9][\d,]*(\.\d\d)?$/, 'a figure above zero');
  }

  // The sidebar's items span the open sidebar: 224 px wide (pinned, as at this width); 72
  // px closed.
  const sidebar = (await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .boundingBox())!;
  const layout = await page.evaluate(() => {
    const root = document.scrollingElement!;
    const table = document.querySelector('table[aria-label="Models"]')!;
    // The lines a cell's text takes: one box per line of text.
    const linesOf = (cell: Element) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const tops = [...range.getClientRects()]
        .filter(r => r.width > 0)
        .map(r => Math.round(r.top));
      return new Set(tops).size;
    };
    const cells = (selector: string) =>
      [...table.querySelectorAll(selector)].map(cell => ({
        text: (cell as HTMLElement).innerText,
        lines: linesOf(cell),
        right: getComputedStyle(cell).textAlign === 'right',
      }));
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      tableLeft: table.getBoundingClientRect().left,
      tableFits:
        table.parentElement!.scrollWidth <= table.parentElement!.clientWidth,
      headers: cells('th'),
      figures: cells('td').filter(cell => cell.right),
    };
  });
  assert.ok(
    layout.scrollWidth <= layout.clientWidth,
    `the page scrolls sideways: ${layout.scrollWidth} px of content in ${layout.clientWidth}`,
  );
  const sidebarRight = sidebar.x + sidebar.width;
  assert.ok(sidebar.width >= 200, `the sidebar is open: ${sidebar.width} px`);
  assert.ok(
    layout.tableLeft >= sidebarRight,
    `the sidebar (to ${sidebarRight} px) covers the table (from ${layout.tableLeft} px)`,
  );
  assert.ok(layout.tableFits, 'the models table fits its card at 1440 px');
  const wrapped = (cells: { text: string; lines: number }[]) =>
    cells.filter(cell => cell.lines !== 1).map(cell => cell.text);
  assert.equal(layout.headers.length, 7);
  assert.deepEqual(wrapped(layout.headers), [], 'headers on one line each');
  assert.ok(layout.figures.length >= 8, 'two models, four figures each');
  assert.deepEqual(wrapped(layout.figures), [], 'figures on one line each');

  await page.screenshot({
    path: 'docs/screenshots/agent-activity.png',
    fullPage: true,
  });
  await page.close();
});

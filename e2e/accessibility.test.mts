// Accessibility: axe-core over the estate view, every tab of an agent's page and the review
// form (no serious or critical violation of WCAG 2.2 A and AA), and an owner who completes a
// review with the keyboard alone. Alex Kim reviews Code Review Agent here, whose review the
// demo history leaves open; the governance test completes Ticket Triage's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, VIEWPORT, launchBrowser, signIn } from './browser.mts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * Signs in through the demo sign-in page, in a browser context of its own: axe's
 * Playwright runner opens a page beside the one it checks, which a page from
 * browser.newPage() (a context of its own that no other page may join) does not allow.
 * A test ends with `page.context().close()`, awaited, so nothing is left closing when
 * the browser closes.
 */
async function signInAs(userName: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await signIn(page, userName);
  return page;
}

/** The serious and critical violations axe finds on the page as it is, described. */
async function seriousViolations(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(WCAG)
    // Backstage's own notifications item in the demo app's sidebar names its link
    // "Notifications" and shows the unread count beside it (label-content-name-mismatch,
    // upstream in @backstage/plugin-notifications), not Mandate's to fix.
    .exclude('nav[aria-label="sidebar nav"] a[href$="/notifications"]')
    .analyze();
  return violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${where}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes
          .slice(0, 5)
          .map(
            n =>
              `    ${n.html.slice(0, 160)}\n    at ${n.target.join(' ')}: ${
                n.failureSummary
              }`,
          )
          .join('\n')}`,
    );
}

/**
 * Waits until the page has settled: no request for half a second, and no progress
 * indicator left (what is still loading is checked once it has loaded).
 */
async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page
    .locator('[role="progressbar"]')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
}

/** Checks the page as it is; a screenshot when something is found. */
async function check(page: Page, where: string): Promise<string[]> {
  await settled(page);
  const found = await seriousViolations(page, where);
  if (found.length > 0) {
    await page.screenshot({
      path: `test-results/a11y-${where.replace(/\W+/g, '-')}.png`,
      fullPage: true,
    });
  }
  return found;
}

test('the estate view has no serious or critical accessibility violations', async () => {
  const page = await signInAs('nina.kowalski');
  await page.goto(`${APP_URL}/agents`);
  const agents = page.getByRole('table', { name: 'Agents' });
  await agents.getByRole('row').nth(1).waitFor({ timeout: 60_000 });
  await page.getByRole('group', { name: 'Active' }).waitFor();
  await page.getByRole('list', { name: 'Waiting for you' }).waitFor();
  const found = await check(page, 'estate view');

  // With a filter's menu open.
  await page.getByRole('combobox', { name: 'State' }).click();
  await page.getByRole('option', { name: 'suspended', exact: true }).waitFor();
  found.push(...(await check(page, 'estate view, state menu open')));
  await page.keyboard.press('Escape');
  await page.context().close();
  assert.deepEqual(found, [], found.join('\n'));
});

test('every tab of an agent page has no serious or critical accessibility violations', async () => {
  const page = await signInAs('dana.lee');
  const agent = `${APP_URL}/catalog/default/agent/refund-assistant`;
  const tabs: Array<[string, string, (p: Page) => Promise<unknown>]> = [
    [
      'overview',
      '',
      p => p.getByRole('table', { name: 'Tool manifest' }).waitFor(),
    ],
    [
      'activity',
      '/activity',
      p =>
        p
          .getByRole('img', { name: /^Calls per day/ })
          .waitFor({ timeout: 30_000 }),
    ],
    ['access', '/access', p => p.getByText('Grants').first().waitFor()],
    [
      'review',
      '/review',
      p => p.getByRole('list', { name: 'Past reviews' }).waitFor(),
    ],
    [
      'lifecycle',
      '/lifecycle',
      p => p.getByRole('table', { name: 'Requests' }).waitFor(),
    ],
  ];
  const found: string[] = [];
  for (const [name, path, ready] of tabs) {
    await page.goto(`${agent}${path}`);
    await ready(page);
    found.push(...(await check(page, `agent page, ${name} tab`)));
  }
  await page.context().close();
  assert.deepEqual(found, [], found.join('\n'));
});

/** Presses Tab until the focused element is the one `focused` finds, at most `limit` times. */
async function tabTo(
  page: Page,
  what: string,
  focused: () => boolean,
  limit = 80,
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(focused)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

test('an owner completes a review with the keyboard alone, on a form without serious or critical violations', async () => {
  const page = await signInAs('alex.kim');
  await page.goto(`${APP_URL}/agents`);
  await page
    .getByRole('link', { name: 'Review code-review-agent' })
    .waitFor({ timeout: 60_000 });

  // From the estate view's "Waiting for you" to the review.
  await tabTo(
    page,
    'the review link',
    () => document.activeElement?.textContent === 'Review code-review-agent',
  );
  await page.keyboard.press('Enter');
  const tools = page.getByRole('table', { name: 'Tools under review' });
  await tools.waitFor({ timeout: 30_000 });
  const found = await check(page, 'review form');

  // The first tool's decision: one tab stop for the group, an arrow key to change it.
  const groups = tools.getByRole('radiogroup');
  const first = (await groups.first().getAttribute('aria-label'))!;
  const tool = first.replace('Decision for ', '');
  const wasKeep = await groups
    .first()
    .getByRole('radio', { name: 'Keep' })
    .isChecked();
  await tabTo(
    page,
    `the decision for ${tool}`,
    () =>
      document.activeElement?.getAttribute('type') === 'radio' &&
      document.activeElement.closest('[role="radiogroup"]') ===
        document.querySelector('[role="radiogroup"]'),
  );
  await page.keyboard.press(wasKeep ? 'ArrowRight' : 'ArrowLeft');
  const decided = wasKeep ? 'Revoke' : 'Keep';
  assert.ok(
    await groups.first().getByRole('radio', { name: decided }).isChecked(),
    `${decided} ${tool} chosen with an arrow key`,
  );

  await tabTo(
    page,
    'the attestation',
    () => document.activeElement?.tagName === 'TEXTAREA',
  );
  await page.keyboard.type(
    'Checked every tool against last quarter usage with the team.',
  );
  await tabTo(
    page,
    'the submit button',
    () => document.activeElement?.textContent === 'Submit review',
    10,
  );
  await page.keyboard.press('Enter');
  await page
    .getByText(/^Review submitted/)
    .waitFor({ timeout: 30_000 })
    .catch(async error => {
      await page.screenshot({
        path: 'test-results/keyboard-review.png',
        fullPage: true,
      });
      throw error;
    });
  found.push(...(await check(page, 'review submitted')));
  await page.context().close();
  assert.deepEqual(found, [], found.join('\n'));
});

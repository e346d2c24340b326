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

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

test('an owner completes a due review, revoking a tool, and sees the scope change', async () => {
  const page = await signInAs(browser, 'dana.lee');
  await page.goto(`${APP_URL}/agents`);
  const reviewLink = page.getByRole('link', { name: 'Review ticket-triage' });
  await reviewLink.waitFor({ timeout: 60_000 }).catch(async error => {
    await page.screenshot({
      path: 'test-results/owner-review-missing.png',
      fullPage: true,
    });
    throw error;
  });
  await reviewLink.click();

  await page
    .getByRole('table', { name: 'Tools under review' })
    .waitFor({ timeout: 30_000 });
  await page
    .getByRole('radiogroup', { name: 'Decision for tickets.assign' })
    .getByLabel('Revoke')
    .check();
  await page
    .getByLabel('Attestation')
    .fill('Assignment moved to the routing rules; the rest is still needed.');
  await page.screenshot({
    path: 'docs/screenshots/review-form.png',
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Submit review' }).click();
  await page.getByText('Review submitted: revoked tickets.assign.').waitFor();

  await page.goto(`${APP_URL}/catalog/default/agent/ticket-triage/lifecycle`);
  await page
    .getByText(
      'Declared in the YAML but not approved (not enforced): tool-added tickets.assign',
    )
    .waitFor({ timeout: 30_000 });
  await page.close();
});

test('security approves a pending commission and suspends an agent', async () => {
  const page = await signInAs(browser, 'nina.kowalski');
  await page.goto(`${APP_URL}/agents`);
  await page
    .getByRole('table', { name: 'Agents' })
    .waitFor({ timeout: 30_000 });
  await page.screenshot({
    path: 'docs/screenshots/estate.png',
    fullPage: true,
  });

  await page
    .getByRole('link', { name: 'Decide: commission of test-writer' })
    .click();
  await page
    .getByLabel('Reason for your decision or request')
    .fill('Pilot scope matches the purpose.');
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByText('commission approved').waitFor();
  const requests = page.getByRole('table', { name: 'Requests' });
  await requests.getByText('approve by user:default/nina.kowalski').waitFor();
  assert.match(await requests.innerText(), /commission[\s\S]*applied/);

  await page
    .getByLabel('Reason for your decision or request')
    .fill('Incident 4711: contain while we investigate.');
  await page.getByRole('button', { name: 'Suspend' }).click();
  await page.getByText('suspend filed').waitFor();
  await requests.getByText('suspend').waitFor();
  await page.getByText('suspended', { exact: true }).first().waitFor();
  await page.screenshot({
    path: 'docs/screenshots/lifecycle.png',
    fullPage: true,
  });
  await page.close();
});

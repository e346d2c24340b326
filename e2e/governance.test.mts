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

test('security cannot approve a commission whose identity another agent holds, and suspends an agent from the estate view', async () => {
  const page = await signInAs(browser, 'nina.kowalski');
  await page.goto(`${APP_URL}/agents`);
  await page
    .getByRole('table', { name: 'Agents' })
    .waitFor({ timeout: 30_000 });
  await page.screenshot({
    path: 'docs/screenshots/estate.png',
    fullPage: true,
  });

  // Test Writer's YAML names the identity Dependency Updater holds: security cannot
  // approve it, and the page says why and what to do.
  await page
    .getByRole('link', { name: 'Decide: commission of test-writer' })
    .click();
  await page
    .getByLabel('Reason for your decision or request')
    .fill('Pilot scope matches the purpose.');
  await page.getByRole('button', { name: 'Approve' }).click();
  await page
    .getByRole('alert')
    .filter({
      hasText:
        'its identity spiffe://acme.example/agent/devex-bot is held by agent:default/dependency-updater (active)',
    })
    .waitFor({ timeout: 30_000 });
  const requests = page.getByRole('table', { name: 'Requests' });
  assert.match(await requests.innerText(), /commission[\s\S]*pending/);

  // Suspend from the estate view: the row's action, a reason, and the row refreshed.
  await page.goto(`${APP_URL}/agents`);
  const agents = page.getByRole('table', { name: 'Agents' });
  await agents.waitFor({ timeout: 30_000 });
  await page
    .getByLabel('Search name, title or identity')
    .fill('Customer Reply Drafter');
  const row = agents
    .getByRole('row')
    .filter({ hasText: 'Customer Reply Drafter' });
  await row
    .getByRole('button', { name: 'Suspend Customer Reply Drafter' })
    .click();
  const dialog = page.getByRole('dialog', {
    name: 'Suspend Customer Reply Drafter',
  });
  await dialog
    .getByLabel('Reason')
    .fill('Incident 4711: contain while we investigate.');
  await dialog.getByRole('button', { name: 'Suspend', exact: true }).click();
  await page.getByText('Suspended Customer Reply Drafter.').waitFor();
  await row
    .getByRole('button', { name: 'Resume Customer Reply Drafter' })
    .waitFor();
  assert.match(await row.innerText(), /suspended/);

  await page.goto(
    `${APP_URL}/catalog/default/agent/customer-reply-drafter/lifecycle`,
  );
  const suspension = page
    .getByRole('table', { name: 'Requests' })
    .getByRole('row')
    .filter({ hasText: 'Incident 4711: contain while we investigate.' });
  await suspension.waitFor({ timeout: 30_000 });
  assert.match(await suspension.innerText(), /suspend[\s\S]*applied/);
  await page.getByText('suspended', { exact: true }).first().waitFor();
  await page.screenshot({
    path: 'docs/screenshots/lifecycle.png',
    fullPage: true,
  });
  await page.close();
});

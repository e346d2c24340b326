import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { APP_URL, launchBrowser, signInAs } from './browser.mts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Types into an entity picker and chooses the first option that matches. */
async function pick(page: Page, id: string, type: string, option: RegExp) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(type);
  await page.getByRole('option', { name: option }).first().click();
}

async function choose(page: Page, id: string, option: string) {
  await page.locator(`#${id}`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('an engineer commissions an agent from the template and lands on its page', async () => {
  const name = `refund-explainer-${Date.now().toString(36)}`;
  const page = await signInAs(browser, 'dana.lee');
  await page.goto(`${APP_URL}/create/templates/default/commission-agent`);

  await page.locator('#root_name').fill(name);
  await page.locator('#root_title').fill('Refund Explainer');
  await page
    .locator('#root_purpose')
    .fill('Explain refund decisions to customers.');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await pick(page, 'root_owner', 'customer', /customer/i);
  await pick(page, 'root_sponsor', 'dana', /dana/i);
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await choose(page, 'root_modelProvider', 'anthropic');
  await page.locator('#root_modelName').fill('claude-haiku-4-5');
  await choose(page, 'root_modelTier', 'small');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await page.getByRole('checkbox', { name: 'customer-pii' }).first().check();
  await page.getByRole('button', { name: 'Add' }).click();
  await pick(page, 'root_tools_0_api', 'orders', /orders/i);
  await page.locator('#root_tools_0_name').fill('orders.lookup');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await page
    .locator('#root_decommissionCriteria')
    .fill('Retire when the help centre explains refunds itself.');
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await page.getByRole('button', { name: 'Create', exact: true }).click();

  const openAgent = page.getByRole('link', { name: 'Open the agent page' });
  await openAgent.waitFor({ timeout: 90_000 });
  await page.screenshot({
    path: 'docs/screenshots/commission-template-done.png',
    fullPage: true,
  });
  await openAgent.click();

  // The catalog stitches the registered entity a moment after the task ends; until then the
  // page says it was not found, and a person would reload.
  const overview = page.getByText('Agent overview', { exact: true });
  for (let attempt = 1; ; attempt++) {
    try {
      await overview.waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 9) throw error;
      await page.reload();
    }
  }
  assert.match(page.url(), new RegExp(`/catalog/default/agent/${name}$`));
  await page
    .getByText(`spiffe://acme.example/agent/${name}`, { exact: true })
    .waitFor();
  const manifest = page.getByRole('table', { name: 'Tool manifest' });
  assert.match(await manifest.innerText(), /orders\.lookup[\s\S]*read/);
  await page.close();
});

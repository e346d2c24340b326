// Shared helpers for the end-to-end tests: Debian's Chromium driven by playwright-core.
import { chromium, type Browser, type Page } from 'playwright-core';

export const APP_URL = process.env.MANDATE_APP_URL ?? 'http://localhost:3000';
export const BACKEND_URL =
  process.env.MANDATE_BACKEND_URL ?? 'http://localhost:7007';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The window size the end-to-end tests browse at. */
export const VIEWPORT = { width: 1400, height: 1000 };

/** Signs `page` in through the demo sign-in page (of the app at `appUrl`) as an example user. */
export async function signIn(page: Page, userName: string, appUrl = APP_URL) {
  await page.goto(appUrl);
  await page.getByRole('button', { name: `Sign in as ${userName}` }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor({ timeout: 60_000 });
}

/** A new page (a context of its own), signed in as an example user. */
export async function signInAs(
  browser: Browser,
  userName: string,
  appUrl = APP_URL,
): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await signIn(page, userName, appUrl);
  return page;
}

/**
 * The support console in a real headless browser (Debian's chromium, driven by playwright-core) on
 * the real stack: the API serves /console, the page finds a customer by name, shows its status, facts,
 * accounts, orders and history, and follows it live. A CRM change made in MariaDB then flows through
 * Debezium, the processors and customer-state.v1, and the page changes without a reload. Private
 * legacy copies, topics, group and MongoDB database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { chromium, type Browser, type Page } from 'playwright-core';
import { endpoints } from './support/endpoints';
import { startTestApi, type TestApi } from './support/graphql-server';
import { createLegacyCopy, sql, type LegacyCopy } from './support/legacy-db';
import { createTestPipeline } from './support/pipeline';
import { uniqueName, waitFor } from './support/wait-for';

/** Debian's chromium (CI installs it: .ci/run); playwright-core downloads no browser. */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
/** The console after the live update (docs/console.png is one), and as the tests left it. */
const SCREENSHOT = path.join(os.tmpdir(), 'customer-state-view-console.png');
const LAST_SCREENSHOT = path.join(os.tmpdir(), 'customer-state-view-console-last.png');

describe('support console in a headless browser', () => {
  const copies: LegacyCopy[] = [];
  const client = new MongoClient(endpoints.MONGO_URL);
  const db = client.db(uniqueName('console'));
  let pipeline: ReturnType<typeof createTestPipeline> | undefined;
  let api: TestApi | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!CHROMIUM)
      throw new Error(
        'Chromium is not installed (looked for /usr/bin/chromium): run `apt-get install -y chromium`. ' +
          'The console test drives Debian’s chromium; .ci/run installs it.',
      );
    for (const system of ['crm', 'billing', 'oms'] as const)
      copies.push(await createLegacyCopy(system, 'json'));
    const [crm, billing, oms] = copies as [LegacyCopy, LegacyCopy, LegacyCopy];
    pipeline = createTestPipeline({ db, topics: { crm: crm.topic, billing: billing.topic, oms: oms.topic } });
    await pipeline.start();
    await waitFor(
      'the sample customers in the view',
      async () => (await db.collection('customers').countDocuments()) >= 10,
      { timeoutMs: 90_000 },
    );
    // No auth on loopback: the demo's mode, every request is `support`.
    api = await startTestApi({ db, statusTopic: pipeline.stateTopic, overrides: { GRAPHQL_CONSOLE: true } });
    await waitFor('the API feed to reach the end of the topic', () => api?.server.feed.ready(), {
      timeoutMs: 60_000,
    });
    // The flags keep Chromium from reaching out to the network, which this machine refuses.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
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
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 240_000);
  afterAll(async () => {
    await page?.screenshot({ path: LAST_SCREENSHOT, fullPage: true }).catch(() => undefined);
    await browser?.close();
    await api?.close();
    await pipeline?.stop();
    for (const c of copies) await c.drop().catch(() => undefined);
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('finds Zhang Wei by name, explains the status, and follows a CRM freeze live', async () => {
    const p = page as Page;
    const consoleUrl = (api as TestApi).url.replace(/\/graphql$/, '/console');
    await p.goto(consoleUrl);
    await p.selectOption('#search-kind', 'name');
    await p.fill('#search-text', 'zh');
    await p.click('#search-form button[type=submit]');
    await p.locator('#results li').first().waitFor();
    expect(await p.locator('#results li').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('Zhang Wei')]),
    );
    await p.click('#results button[data-crm-id="1001"]');

    const customer = p.locator('#customer');
    await customer.locator('.status-line .badge[data-status="ACTIVE"]').waitFor();
    await expectText(p, '#status-rule', /5 ACTIVE: CRM code A/);
    const text = await customer.innerText();
    expect(await customer.locator('table').first().innerText()).toMatch(/CRM\s+1001\s+A\s+ACTIVE/);
    expect(text).toContain('BA00000001');
    expect(text).toContain('SO2026000002');
    expect(await customer.locator('#history li').count()).toBe(1);
    await p.locator('#live.on').waitFor({ timeout: 30_000 });

    const crm = copies[0] as LegacyCopy;
    await sql('crm', crm.db, "UPDATE customers SET cust_status = 'F' WHERE cust_id = 1001");

    await customer.locator('.status-line .badge[data-status="BLOCKED"]').waitFor({ timeout: 90_000 });
    await expectText(p, '#status-rule', /1 BLOCKED: CRM code F/);
    await expectText(p, '#flash', /Updated live: ACTIVE → BLOCKED/);
    const history = customer.locator('#history li');
    expect(await history.count()).toBe(2);
    await p.locator('#results button[data-crm-id="1001"] .badge[data-status="BLOCKED"]').waitFor();
    expect(await history.first().innerText()).toMatch(
      /ACTIVE\s*→\s*BLOCKED[\s\S]*1 BLOCKED: CRM code F[\s\S]*CRM 1001: F \(FROZEN\)/,
    );
    expect(await history.last().innerText()).toMatch(/new\s*→\s*ACTIVE/);
    expect(pageErrors).toEqual([]);
    await p.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('finds a customer by a billing account number and by email', async () => {
    const p = page as Page;
    await p.selectOption('#search-kind', 'BILLING');
    await p.fill('#search-text', 'BA00000001');
    await p.click('#search-form button[type=submit]');
    await expectText(p, '#customer h2', /Zhang Wei/);
    await p.selectOption('#search-kind', 'email');
    await p.fill('#search-text', ' Li.Na@example.cn ');
    await p.click('#search-form button[type=submit]');
    await expectText(p, '#customer h2', /Li Na/);
    expect(pageErrors).toEqual([]);
  });
});

async function expectText(p: Page, selector: string, pattern: RegExp) {
  await waitFor(`${selector} to match ${pattern}`, async () =>
    pattern.test(
      await p
        .locator(selector)
        .innerText()
        .catch(() => ''),
    ),
  );
}

// Browser test of the staff console: Playwright (playwright-core) driving Debian's Chromium.
// Started by tests/console/test_browser.py, which runs a seeded desk and passes, in the
// environment: CONSOLE_URL, SUPPORT_PASSWORD, TRAINER_PASSWORD, ADMIN_PASSWORD, RESULTS_DIR.
// Prints "ok <step>" per step; any failure exits non-zero with the reason.
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { launch } = require('./chromium');

const BASE = process.env.CONSOLE_URL;
const RESULTS = process.env.RESULTS_DIR || path.join(__dirname, '..', '..', 'results', 'console');

async function login(page, username, password) {
  await page.goto(BASE + '/');
  assert.match(page.url(), /\/login\?next=/, 'a page without a session leads to the login form');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('form.login button[type=submit]')]);
  assert.ok(!page.url().includes('/login'), `${username} is logged in (still at ${page.url()}: ${(await page.textContent('main')).trim().replace(/\s+/g, ' ').slice(0, 300)})`);
}

async function logout(page) {
  await Promise.all([page.waitForNavigation(), page.click('form.logout button')]);
  assert.match(page.url(), /\/login$/);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true });
}

async function main() {
  // The CSP forbids inline scripts and styles: any report means a page breaks its own policy.
  const browser = await launch(RESULTS, { acceptDownloads: true });
  const { page, violations } = browser;
  try {
    // Support: overview, role limits, transcript search and view, a case's status.
    await login(page, 'support1', process.env.SUPPORT_PASSWORD);
    assert.ok(await page.isVisible('text=Open cases'));
    await shot(page, 'overview');
    console.log('ok support logs in');

    const admin = await page.goto(BASE + '/admin/users');
    assert.strictEqual(admin.status(), 403);
    assert.ok(await page.isVisible('text=Your role does not give access'));
    assert.strictEqual(await page.locator('nav >> text=Accounts').count(), 0);
    console.log('ok support is refused the accounts page');

    await page.goto(BASE + '/transcripts');
    await page.fill('input[name=q]', 'pazaudeju');
    await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
    const rows = page.locator('table.transcripts tbody tr');
    assert.strictEqual(await rows.count(), 1);
    await shot(page, 'transcripts');
    await Promise.all([page.waitForNavigation(), rows.first().locator('a').click()]);
    assert.ok(await page.isVisible('text=report_lost_phone · 0.97'));
    await shot(page, 'conversation');
    console.log('ok transcript search and view');

    await page.goto(BASE + '/transcripts/view?id=conv-xss');
    assert.strictEqual(await page.evaluate(() => document.querySelectorAll('main img, main b').length), 0,
      'customer markup is text, not elements');
    assert.ok((await page.textContent('ol.chat')).includes('<script>alert(1)</script>'));
    console.log('ok customer markup shown as text');

    await page.goto(BASE + '/queues?kind=urgent');
    await Promise.all([page.waitForNavigation(), page.locator('table.cases tbody tr a').first().click()]);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Mark in progress")')]);
    assert.match(await page.textContent('dd.status'), /in_progress – by support1/);
    await shot(page, 'case');
    console.log('ok case status changed');
    await logout(page);

    // Trainer: inbox label and export, statistics, model.
    await login(page, 'trainer1', process.env.TRAINER_PASSWORD);
    const queues = await page.goto(BASE + '/queues');
    assert.strictEqual(queues.status(), 403);
    await page.goto(BASE + '/inbox');
    const row = page.locator('table.inbox tbody tr', { hasText: 'qwzx' });
    await row.locator('select[name=verdict]').selectOption('ask_pin_blocked');
    await shot(page, 'inbox');
    await Promise.all([page.waitForNavigation(), row.locator('button:has-text("Save intent")').click()]);
    assert.strictEqual(await page.locator('table.inbox tbody tr', { hasText: 'qwzx' }).count(), 0);
    assert.ok((await page.textContent('table.annotations')).includes('ask_pin_blocked'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export labelled examples')]);
    const exported = fs.readFileSync(await download.path(), 'utf-8');
    assert.match(exported, /version: "3\.1"/);
    assert.match(exported, /- intent: ask_pin_blocked\n  examples: \|\n    - my personal code is \[personal code\] and the qwzx thing broke/);
    fs.writeFileSync(path.join(RESULTS, 'nlu_inbox.yml'), exported);
    console.log('ok inbox labelled and exported');

    await page.goto(BASE + '/stats');
    assert.ok(await page.locator('svg.chart').count() >= 2);
    await shot(page, 'stats');
    await page.goto(BASE + '/model');
    await shot(page, 'model');
    console.log('ok statistics and model pages');
    await logout(page);

    await login(page, 'admin', process.env.ADMIN_PASSWORD);
    await page.goto(BASE + '/admin/users');
    assert.ok(await page.isVisible('text=trainer1'));
    await shot(page, 'accounts');
    console.log('ok admin sees the accounts');

    assert.deepStrictEqual(violations, [], 'no CSP violations or script errors');
    console.log('ok no CSP violations');
  } finally {
    await browser.close();
  }
}

main().then(() => console.log('all browser checks passed'), (error) => {
  console.error('FAILED:', error && error.stack ? error.stack : error);
  process.exit(1);
});

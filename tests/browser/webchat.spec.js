// Browser test of the customer web chat page (desk /chat, rasa-webchat widget, Rasa's Socket.IO
// channel): Playwright (playwright-core) driving Debian's Chromium. Started by
// tests/webchat/test_webchat_browser.py with, in the environment: DESK_URL, RASA_URL,
// STATUS_FILE (the maintenance file the desk reads; this script makes it active for the last
// step), RESULTS_DIR. Prints "ok <step>" per step; any failure exits non-zero with the reason.
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { launch } = require('./chromium');

const BASE = process.env.DESK_URL;
const RASA = process.env.RASA_URL;
const RESULTS = process.env.RESULTS_DIR || path.join(__dirname, '..', '..', 'results', 'webchat');
const TIMEOUT = 45000;

// The widget's bot messages (text of every .rw-response), joined.
async function botText(page) {
  return (await page.locator('.rw-response').allTextContents()).join('\n');
}

// Waits for a bot message containing `needle` among the bot messages from index `after` on
// (the number of bot messages before the customer's last message: older ones do not count).
async function waitForBot(page, needle, after = 0, timeout = TIMEOUT) {
  try {
    await page.waitForFunction(
      ([text, from]) => Array.from(document.querySelectorAll('.rw-response')).slice(from)
        .some((el) => el.textContent.includes(text)),
      [needle, after], { timeout });
  } catch (error) {
    throw new Error(`no bot message with ${JSON.stringify(needle)} within ${timeout} ms; bot said:\n${await botText(page)}`);
  }
}

const botCount = (page) => page.locator('.rw-response').count();

async function openWidget(page) {
  // The launcher is there once the widget is mounted; after a reload the chat may come back
  // open (its state is kept in sessionStorage too), and clicking the launcher would close it.
  await page.locator('button.rw-launcher').waitFor({ timeout: TIMEOUT });
  if (await page.locator('.rw-widget-container.rw-chat-open').count() === 0) {
    await page.locator('button.rw-launcher').click();
  }
  await page.locator('.rw-new-message').waitFor({ state: 'visible', timeout: TIMEOUT });
}

async function say(page, text) {
  await page.fill('.rw-new-message', text);
  await page.keyboard.press('Enter');
  await page.locator('.rw-client', { hasText: text }).first().waitFor({ timeout: TIMEOUT });
}

async function main() {
  const browser = await launch(RESULTS);
  const { page, violations } = browser;
  const thirdParty = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(BASE) && !url.startsWith(RASA) && !url.startsWith(RASA.replace(/^http/, 'ws'))
        && !url.startsWith('data:')) thirdParty.push(url);
  });
  try {
    // English page, no maintenance: widget texts in English, the history in sessionStorage.
    const response = await page.goto(BASE + '/chat?lang=en');
    assert.strictEqual(response.status(), 200, 'the chat page needs no staff login');
    assert.match(response.headers()['content-security-policy'], /script-src 'self';/);
    assert.strictEqual(await page.getAttribute('html', 'lang'), 'en');
    assert.strictEqual(await page.locator('#maintenance').count(), 0, 'no banner without a published notice');
    await openWidget(page);
    assert.match(await page.textContent('.rw-header'), /eParaksts assistant/);
    assert.strictEqual(await page.getAttribute('.rw-new-message', 'placeholder'), 'Type your question…');
    await waitForBot(page, 'I am the eParaksts virtual assistant');  // initPayload: welcome in English
    console.log('ok widget opens in English with the welcome');

    let seen = await botCount(page);
    await say(page, 'when are you open?');
    await waitForBot(page, 'Monday 30 November', seen);
    await browser.shot('hours');
    console.log('ok hours question answered');

    // Reload: the conversation comes back from sessionStorage and goes on in the same session.
    const before = await page.locator('.rw-message').count();
    await page.reload();
    await openWidget(page);
    await waitForBot(page, 'Monday 30 November', 0, 10000);
    assert.ok(await page.locator('.rw-client', { hasText: 'when are you open?' }).count() >= 1);
    assert.ok(await page.locator('.rw-message').count() >= before, 'the whole conversation is still there');
    await browser.shot('after_reload');
    console.log('ok conversation kept across a reload');

    // Buttons: "I want to leave an application" asks for the topic with buttons; a click answers
    // it and the application form asks its next question.
    await say(page, 'I want to leave an application');
    const replies = page.locator('.rw-replies .rw-reply');
    await replies.first().waitFor({ timeout: TIMEOUT });
    const labels = await replies.allTextContents();
    assert.ok(labels.includes('Certificates and eParaksts mobile') && labels.length >= 3, `topic buttons: ${labels}`);
    await browser.shot('buttons');
    seen = await botCount(page);
    await replies.filter({ hasText: 'Certificates and eParaksts mobile' }).first().click();
    await page.locator('.rw-client', { hasText: 'Certificates and eParaksts mobile' }).first().waitFor({ timeout: TIMEOUT });
    await waitForBot(page, 'Please describe briefly what happened', seen);
    assert.strictEqual(await page.locator('.rw-replies .rw-reply').count(), 0, 'the clicked buttons are gone');
    await browser.shot('button_clicked');
    console.log('ok topic button clicked, the form asks for the description');

    // Urgent: the 24-hour suspension channels.
    seen = await botCount(page);
    await say(page, 'my phone was stolen');
    await waitForBot(page, '67108787', seen);
    await waitForBot(page, 'https://www.eparaksts.lv', seen);
    await page.waitForTimeout(3500);  // the rest of the burst (the widget paces bot messages)
    await browser.shot('urgent');
    console.log('ok urgent case gets the 24-hour channels');

    // Storage: the conversation is in sessionStorage, nothing of it in localStorage.
    const storage = await page.evaluate(() => ({
      session: Object.fromEntries(Object.keys(sessionStorage).map((k) => [k, sessionStorage.getItem(k)])),
      local: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
    }));
    assert.ok(storage.session.chat_session, 'chat_session in sessionStorage');
    const kept = JSON.parse(storage.session.chat_session);
    assert.ok(kept.session_id && JSON.stringify(kept.conversation).includes('my phone was stolen'));
    const local = JSON.stringify(storage.local);
    for (const needle of ['chat_session', 'phone', 'session_id', 'eParaksts', 'rasaWebchat']) {
      assert.ok(!local.includes(needle), `localStorage holds nothing of the chat (found ${needle}: ${local.slice(0, 300)})`);
    }
    console.log('ok chat kept in sessionStorage only');

    // Latvian page with a maintenance notice the trainers published: the banner, as text.
    fs.writeFileSync(process.env.STATUS_FILE, [
      'maintenance:',
      '  active: true',
      '  from: "2026-11-28 22:00"',
      '  until: "2026-11-29 02:00"',
      '  message:',
      '    lv: "Sestdien no 22.00 līdz 02.00 notiks apkopes darbi <b>eParaksts</b>."',
      '    en: "Maintenance on Saturday from 22:00 to 02:00."',
      '',
    ].join('\n'));
    await page.goto(BASE + '/chat?lang=lv');
    assert.strictEqual(await page.getAttribute('html', 'lang'), 'lv');
    const banner = (await page.textContent('#maintenance')).replace(/\s+/g, ' ').trim();
    assert.match(banner, /Plānoti apkopes darbi: Sestdien no 22\.00 līdz 02\.00 notiks apkopes darbi <b>eParaksts<\/b>\./);
    assert.strictEqual(await page.locator('#maintenance b').count(), 0, 'the notice is text, not markup');
    await openWidget(page);
    assert.match(await page.textContent('.rw-header'), /eParaksts asistents/);
    assert.strictEqual(await page.getAttribute('.rw-new-message', 'placeholder'), 'Rakstiet savu jautājumu…');
    await page.waitForTimeout(800);  // the widget's opening animation
    await browser.shot('maintenance_lv');
    const status = await (await page.request.get(BASE + '/chat/status.json?lang=lv')).json();
    assert.strictEqual(status.state, 'planned');
    assert.match(status.message, /apkopes darbi/);
    console.log('ok Latvian page shows the maintenance banner');

    assert.deepStrictEqual(thirdParty, [], 'no requests to third parties');
    assert.deepStrictEqual(violations, [], 'no CSP violations or script errors');
    console.log('ok no CSP violations, no third-party requests');
  } finally {
    await browser.close();
  }
}

main().then(() => console.log('all browser checks passed'), (error) => {
  console.error('FAILED:', error && error.stack ? error.stack : error);
  process.exit(1);
});

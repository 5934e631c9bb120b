// Shared by the browser tests (console.spec.js, webchat.spec.js): Debian's Chromium driven by
// playwright-core, headless, in a throwaway profile; a page that records CSP violations and
// script errors; full-page screenshots into a results folder.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// { context, page, violations, shot(name), close() }. `violations` collects console messages
// about the Content Security Policy and uncaught page errors: a page that breaks its own policy.
async function launch(results, options = {}) {
  fs.mkdirSync(results, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'eparaksts-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ARGS,
    ...options,
  });
  const violations = [];
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text()); });
  page.on('pageerror', (error) => violations.push(String(error)));
  return {
    context,
    page,
    violations,
    shot: (name) => page.screenshot({ path: path.join(results, `${name}.png`), fullPage: true }),
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

module.exports = { launch, CHROMIUM };

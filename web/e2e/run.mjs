// Browser tests of the dashboard against a running pool (started by
// tests/integration/web_e2e_test.cpp): every page renders with real data and no console error at
// 1280 px and 375 px, the miner page lists the mining worker, and a block found while /blocks is
// open appears there without a reload. Headless Chromium from the system (no downloads).
//
// Environment: WEB_URL, MINER_ADDRESS, MINER_WORKER, STRATUM_URL, BLOCKS_MINED (at start),
// SIGNAL_DIR (files shared with the test: this writes "ready-for-block", the test answers with
// "block-mined" holding the new block's height), SCREENSHOT_DIR, CHROMIUM (default
// /usr/bin/chromium). Exit code 0 when every check passed.
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import { chromium } from 'playwright-core';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`${name} is not set`);
  return v;
};
const WEB = env('WEB_URL').replace(/\/+$/, '');
const ADDRESS = env('MINER_ADDRESS');
const WORKER = env('MINER_WORKER');
const STRATUM_URL = env('STRATUM_URL');
const BLOCKS_MINED = Number(env('BLOCKS_MINED', '1'));
const SIGNAL_DIR = env('SIGNAL_DIR');
const SHOTS = env('SCREENSHOT_DIR');
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const TIMEOUT = 30_000;

mkdirSync(SHOTS, { recursive: true });
const failures = [];
const log = (...a) => console.log('[e2e]', ...a);

async function check(name, fn) {
  try {
    await fn();
    log(`ok   ${name}`);
  } catch (e) {
    failures.push(`${name}: ${e.message.split('\n')[0]}`);
    log(`FAIL ${name}: ${e.message}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// Polls `fn` until it returns something truthy (no fixed sleeps).
async function until(what, fn, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A page with its console errors recorded; `allowed` errors (expected HTTP failures) are skipped.
async function openPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.allowed = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (page.allowed.some((re) => re.test(text))) return;
    page.errors.push(text);
  });
  page.on('pageerror', (err) => page.errors.push(`uncaught: ${err.message}`));
  return page;
}

function noErrors(page, where) {
  const errors = page.errors.splice(0);
  assert(errors.length === 0, `console errors on ${where}: ${errors.join(' | ')}`);
}

async function go(page, path) {
  await page.goto(WEB + path, { waitUntil: 'domcontentloaded' });
}

async function shot(page, name, width) {
  await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
}

async function noSideScroll(page, width, where) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(w <= width + 1, `${where} is ${w} px wide at a ${width} px viewport`);
}

async function text(page, selector) {
  const el = page.locator(selector).first();
  await el.waitFor({ timeout: TIMEOUT });
  return (await el.textContent()) ?? '';
}

async function pagesAt(browser, width) {
  const context = await browser.newContext({ viewport: { width, height: width > 600 ? 900 : 800 } });
  const page = await openPage(context);

  await check(`home renders live pool numbers (${width} px)`, async () => {
    await go(page, '/');
    const hashrate = await text(page, '[data-stat=hashrate] .stat-value');
    assert(/H\/s$/.test(hashrate.trim()), `hash rate shows "${hashrate}"`);
    assert(hashrate.trim() !== '0 H/s', 'the pool hash rate is 0 while a miner mines');
    assert((await text(page, '[data-stat=miners] .stat-value')).trim() === '1', 'one miner');
    await page.locator('.recent-blocks li').first().waitFor({ timeout: TIMEOUT });
    await page.locator(`.top-miners a[href="/miner/${ADDRESS}"]`).waitFor({ timeout: TIMEOUT });
    await page.locator('.chart canvas').first().waitFor({ timeout: TIMEOUT });
    await until('the live connection', async () => (await page.getAttribute('[data-live]', 'data-live')) === 'live');
    if (width < 600) await noSideScroll(page, width, 'home');
    await shot(page, 'home', width);
    noErrors(page, '/');
  });

  await check(`pools shows the connection details (${width} px)`, async () => {
    await go(page, '/pools');
    const details = await text(page, '[data-testid=connection]');
    assert(details.includes(STRATUM_URL), `no ${STRATUM_URL} in "${details}"`);
    assert(details.includes('ADDRESS.WORKER'), 'no login format');
    assert((await page.locator(`[data-testid=connection] button[data-copy="${STRATUM_URL}"]`).count()) === 1, 'no copy button for the URL');
    if (width < 600) await noSideScroll(page, width, '/pools');
    await shot(page, 'pools', width);
    noErrors(page, '/pools');
  });

  await check(`blocks lists the pool's blocks and survives a reload (${width} px)`, async () => {
    await go(page, '/blocks');
    await until(`${BLOCKS_MINED} block rows`, async () => (await page.locator('tr[data-height]').count()) >= BLOCKS_MINED);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await until('block rows after a reload', async () => (await page.locator('tr[data-height]').count()) >= BLOCKS_MINED);
    const finder = await page.locator('tr[data-height] td a').first().getAttribute('href');
    assert(finder === `/miner/${ADDRESS}`, `finder link ${finder}`);
    await shot(page, 'blocks', width);
    noErrors(page, '/blocks');
  });

  await check(`leaderboard ranks the miner (${width} px)`, async () => {
    await go(page, '/leaderboard');
    await page.locator(`a[href="/miner/${ADDRESS}"]`).waitFor({ timeout: TIMEOUT });
    await shot(page, 'leaderboard', width);
    noErrors(page, '/leaderboard');
  });

  await check(`miner page shows the mining worker (${width} px)`, async () => {
    await go(page, `/miner/${ADDRESS}`);
    await page.locator(`tr[data-worker="${WORKER}"][data-online="true"]`).waitFor({ timeout: TIMEOUT });
    const blocks = await text(page, '[data-stat=miner-blocks] .stat-value');
    assert(Number(blocks) >= BLOCKS_MINED, `blocks found shows ${blocks}`);
    await page.locator('[data-stat=immature] .amount').waitFor({ timeout: TIMEOUT });
    const immature = await text(page, '[data-stat=immature] .amount');
    assert(/^\d[\d,]*\.\d{8} /.test(immature), `immature balance "${immature}" has no 8 decimals and unit`);
    await page.locator('.chart canvas').first().waitFor({ timeout: TIMEOUT });
    if (width < 600) await noSideScroll(page, width, '/miner');
    await shot(page, 'miner', width);
    noErrors(page, '/miner');
  });

  await check(`guide fills the miner commands (${width} px)`, async () => {
    await go(page, '/guide');
    await page.fill('#guide-address', ADDRESS);
    await page.fill('#guide-worker', WORKER);
    for (const program of ['cpuminer', 'cgminer', 'bfgminer']) {
      const cmd = await text(page, `[data-command=${program}] code`);
      assert(cmd.includes(`-u ${ADDRESS}.${WORKER}`) && cmd.includes(STRATUM_URL), `${program}: "${cmd}"`);
    }
    assert((await text(page, '[data-command=asic]')).includes(`${ADDRESS}.${WORKER}`), 'ASIC worker field');
    if (width < 600) await noSideScroll(page, width, '/guide');
    await shot(page, 'guide', width);
    noErrors(page, '/guide');
  });

  await check(`search opens the miner page (${width} px)`, async () => {
    await go(page, '/');
    if (width < 760) await page.locator('#search').waitFor();
    await page.fill('#search', `${ADDRESS}.${WORKER}`);
    await page.press('#search', 'Enter');
    await until('the miner page', async () => new URL(page.url()).pathname === `/miner/${ADDRESS}`);
    await page.locator(`tr[data-worker="${WORKER}"]`).waitFor({ timeout: TIMEOUT });
    noErrors(page, 'search');
  });

  await check(`unknown paths, miners and addresses get their error pages (${width} px)`, async () => {
    await go(page, '/no/such/page');
    await page.locator('[data-page="404"]').waitFor({ timeout: TIMEOUT });
    await shot(page, 'not-found', width);
    // The API's 400 and 404 answers are what these pages are about.
    page.allowed = [/status of 40[04]/];
    await go(page, '/miner/notanaddress0000000000000000');
    await page.locator('[data-error=invalid-address]').waitFor({ timeout: TIMEOUT });
    await shot(page, 'invalid-address', width);
    page.allowed = [];
    noErrors(page, 'error pages');
  });

  await context.close();
}

async function liveBlock(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await openPage(context);
  await check('a block found while /blocks is open appears without a reload', async () => {
    await go(page, '/blocks');
    await page.locator('tr[data-height]').first().waitFor({ timeout: TIMEOUT });
    await until('the live connection', async () => (await page.getAttribute('[data-live]', 'data-live')) === 'live');
    await page.evaluate(() => (window.__sameDocument = true));
    const ready = join(SIGNAL_DIR, 'ready-for-block');
    const mined = join(SIGNAL_DIR, 'block-mined');
    writeFileSync(ready, String(Date.now()));
    const height = await until('the test to mine a block', () => existsSync(mined) && readFileSync(mined, 'utf8').trim(), 120_000);
    await page.locator(`tr[data-height="${height}"]`).waitFor({ timeout: TIMEOUT });
    assert(await page.evaluate(() => window.__sameDocument === true), 'the page was reloaded');
    await shot(page, 'blocks-live', 1280);
    noErrors(page, '/blocks (live)');
  });
  await context.close();
}

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s) of a base32 secret at a time step: what an
// authenticator app shows.
function totp(secret, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function dashboard(browser, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const wallet = Wallet.createRandom();
  await context.exposeBinding('__testSign', (_source, hex) => wallet.signMessage(Buffer.from(hex.slice(2), 'hex')));
  await context.addInitScript((address) => {
    window.ethereum = {
      request: async ({ method, params }) => {
        if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [address];
        if (method === 'personal_sign') return window.__testSign(params[0]);
        throw new Error(`unsupported method ${method}`);
      },
    };
  }, wallet.address);
  const page = await openPage(context);
  await check(`dashboard: wallet sign-in, live account channel, 2FA set-up and sign-in with a code, sessions, analytics (${width} px)`, async () => {
    // No analytics service in this pool: its 503 is what the page explains.
    page.allowed = [/status of 503/];
    await go(page, '/dashboard');
    await page.click('#sign-in');
    const shown = await text(page, '[data-wallet]');
    assert(shown.toLowerCase() === wallet.address.toLowerCase(), `signed in as "${shown}"`);
    await page.locator('[data-section=sessions] li').first().waitFor({ timeout: TIMEOUT });
    // The private account channel took the session's access token.
    await page.locator('[data-account-live=live]').waitFor({ timeout: TIMEOUT });
    await page.locator('[data-section=analytics] [data-state=not-available]').waitFor({ timeout: TIMEOUT });
    // Alerts: none to show for an account without linked miners, and it says so.
    await page.locator('[data-section=alerts] .state.empty').waitFor({ timeout: TIMEOUT });
    await page.click('#two-factor-setup');
    await page.locator('[data-qr] svg').waitFor({ timeout: TIMEOUT });
    // Turn two-factor on with the code an authenticator computes from the shown secret.
    const secret = (await text(page, '[data-section=two-factor] code')).trim();
    assert(/^[A-Z2-7]+=*$/.test(secret), `a base32 secret is shown ("${secret}")`);
    const step = Math.floor(Date.now() / 30_000);
    await page.fill('#two-factor-enable-code', totp(secret, step));
    await page.click('[data-section=two-factor] button[type=submit]');
    await until('two-factor on', async () => (await text(page, '[data-section=two-factor]')).includes('On: signing in asks for a code'));
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.locator('[data-wallet]').waitFor({ timeout: TIMEOUT });
    await shot(page, 'dashboard', width);
    await page.click('#sign-out');
    await page.locator('#sign-in').waitFor({ timeout: TIMEOUT });
    // Signing in again now asks for a code. The enabling code's step is spent (a replay is
    // refused), so answer with the next step's code, which the server's ±1 step window accepts.
    await page.click('#sign-in');
    await page.locator('#two-factor-code').waitFor({ timeout: TIMEOUT });
    await page.fill('#two-factor-code', totp(secret, step + 1));
    await page.click('.sign-in button[type=submit]');
    const again = await text(page, '[data-wallet]');
    assert(again.toLowerCase() === wallet.address.toLowerCase(), `signed in again with 2FA as "${again}"`);
    await page.locator('[data-account-live=live]').waitFor({ timeout: TIMEOUT });
    await page.click('#sign-out');
    await page.locator('#sign-in').waitFor({ timeout: TIMEOUT });
    page.allowed = [];
    noErrors(page, '/dashboard');
  });
  await context.close();
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
try {
  await pagesAt(browser, 1280);
  await pagesAt(browser, 375);
  await dashboard(browser, 1280);
  await dashboard(browser, 375);
  await liveBlock(browser);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(`[e2e] ${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
log(`every check passed; screenshots in ${SHOTS}`);

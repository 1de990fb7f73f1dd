// Drives Debian's chromium (headless) through the console pages of a running orchestrator:
// types into the xterm.js terminal of a real container, waits for the output, exits the shell and
// sees the page open a new session, leaves, then plays the first session's recording back, logged
// in as a trainee of the team.
// Usage: node e2e/terminal.mjs BASE_URL EXERCISE TEAM HOST USER PASSWORD
// Exit 0 on success; otherwise prints what the page showed.
import { chromium } from 'playwright-core';

const [base, exercise, team, host, user, password] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run'],
});
const screenText = () => {
  const buffer = window.enshuTerm.buffer.active;
  const lines = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i).translateToString(true));
  return lines.join('\n');
};
let page;
try {
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', String(e)));
  page.on('console', (m) => { if (m.type() === 'error') console.error('page console:', m.text()); });
  // log in as the console's login page does: CSRF token first, then the credentials; the
  // session cookie then rides on every page, fetch and WebSocket of this origin
  await page.goto(`${base}/api/login/options`);
  const login = await page.evaluate(async ({ user, password }) => {
    const csrf = await (await fetch('/api/csrf')).json();
    const answer = await fetch('/api/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [csrf.headerName]: csrf.token },
      body: JSON.stringify({ username: user, password }),
    });
    return `${answer.status} ${await answer.text()}`;
  }, { user, password });
  if (!login.startsWith('200 ')) throw new Error(`login failed: ${login}`);
  const q = new URLSearchParams({ exercise, team, host });
  await page.goto(`${base}/console/terminal.html?${q}`);
  await page.waitForFunction(() => window.enshuSession, null, { timeout: 15000 });
  const session = await page.evaluate(() => window.enshuSession);
  await page.click('#screen');
  await page.keyboard.type('echo browser-$((20+22))');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (f) => new Function(`return (${f})()`)().includes('\nbrowser-42'), screenText.toString(), { timeout: 15000 });
  await page.keyboard.insertText('echo 日本語の入力');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (f) => new Function(`return (${f})()`)().includes('\n日本語の入力'), screenText.toString(), { timeout: 15000 });
  console.log(`terminal ok: session ${session}`);
  // the host's side ends (its shell exits): the page opens a new session by itself
  await page.keyboard.type('exit');
  await page.keyboard.press('Enter');
  await page.waitForFunction((first) => window.enshuSession && window.enshuSession !== first, session, { timeout: 30000 });
  await page.click('#screen');
  await page.keyboard.type('echo reopened-$((3*3))');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (f) => new Function(`return (${f})()`)().includes('\nreopened-9'), screenText.toString(), { timeout: 15000 });
  console.log(`reopen ok: session ${await page.evaluate(() => window.enshuSession)}`);
  await page.goto('about:blank'); // leaving the page closes the session and its recording

  const p = new URLSearchParams({ recording: session, speed: '20' });
  for (let attempt = 0; ; attempt++) {
    await page.goto(`${base}/console/playback.html?${p}`);
    try {
      await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 5000 });
      break;
    } catch (e) {
      if (attempt >= 5) throw e; // the recording is written when the session has closed
    }
  }
  const played = await page.evaluate(screenText);
  if (!played.includes('browser-42') || !played.includes('日本語の入力')) {
    throw new Error(`the playback does not show the session:\n${played}`);
  }
  console.log('playback ok');
} catch (e) {
  console.error(String(e));
  if (page) {
    console.error('status bar:', await page.locator('#status').textContent().catch(() => '?'));
    console.error('screen:', await page.evaluate(() => window.enshuTerm && 'x').catch(() => '?'));
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}

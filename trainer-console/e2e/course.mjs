// A course through the trainer console in Debian's chromium (headless), against a running
// orchestrator with real ranges: an instructor logs in, creates an exercise from a cyder-mini
// scenario, adds a venue with an assistant and two teams with trainee accounts, provisions and
// starts it; a trainee opens a terminal on one of the team's hosts, runs a command, submits a
// finding and takes a hint; the instructor's scoreboard follows live; the venue's assistant sees
// only their venue's team; the review shows the timelines; the instructor finishes and tears down.
//
// Usage: node e2e/course.mjs BASE_URL INSTRUCTOR PASSWORD
// Environment: SCREENSHOTS (directory for the page screenshots, default target/e2e-screenshots),
// EXERCISE_ID (default course-RANDOM), SCENARIO (scenario id; default the first on the cyder-mini
// template), FINDING_OBJECTIVE and FINDING_ANSWER (a correct answer, when known), CHROMIUM
// (default /usr/bin/chromium).
// Prints one "... ok" line per step; exit 0 on success, else what the pages showed.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, instructorName, instructorPassword] = process.argv.slice(2);
if (!base || !instructorName || !instructorPassword) {
  console.error('usage: node e2e/course.mjs BASE_URL INSTRUCTOR PASSWORD');
  process.exit(2);
}
const shots = process.env.SCREENSHOTS || 'target/e2e-screenshots';
mkdirSync(shots, { recursive: true });
const suffix = Math.random().toString(36).slice(2, 7);
const exerciseId = process.env.EXERCISE_ID || `course-${suffix}`;
const PROVISION_MS = 10 * 60_000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run'],
});
const pages = [];
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept()); // confirmations (hint cost, finish, tear down)
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  pages.push(page);
  return page;
}
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

async function login(page, name, password) {
  await page.goto(`${base}/#/login`);
  await page.fill('input[name=username]', name);
  await page.fill('input[name=password]', password);
  await page.click('form.login-form button[type=submit]');
  await page.waitForFunction(() => !location.hash.startsWith('#/login'), null, { timeout: 15000 });
}

/** The generated password the dashboard shows once for {@code user}. */
async function shownPassword(page, user) {
  const cell = page.locator(`.passwords tr[data-user="${user}"] code.password`);
  await cell.waitFor({ timeout: 15000 });
  return (await cell.textContent()).trim();
}

async function addTeam(page, name, venue, member) {
  const form = page.locator('form[data-form=team]');
  await form.locator('input[name=team-name]').fill(name);
  await form.locator('select[name=team-venue]').selectOption(venue);
  await form.locator('textarea[name=team-members]').fill(member);
  await form.locator('button[type=submit]').click();
  return shownPassword(page, member);
}

const screenText = () => {
  const buffer = window.enshuTerm.buffer.active;
  const lines = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i).translateToString(true));
  return lines.join('\n');
};

try {
  // the instructor prepares the course
  const instructor = await newPage();
  await instructor.goto(`${base}/`);
  await instructor.waitForSelector('input[name=username]');
  await shot(instructor, '01-login');
  await login(instructor, instructorName, instructorPassword);
  await instructor.waitForSelector('select[name=scenario] option', { state: 'attached' });
  const scenario = process.env.SCENARIO || await instructor.locator('select[name=scenario] option[data-template="cyder-mini"]').first().getAttribute('value');
  if (!scenario) throw new Error('no scenario on the cyder-mini template in /api/scenarios (set SCENARIO)');
  await instructor.selectOption('select[name=scenario]', scenario);
  await instructor.fill('input[name=id]', exerciseId);
  await instructor.click('form.grid-form button[type=submit]');
  await instructor.waitForFunction((id) => location.hash === `#/exercises/${id}`, exerciseId, { timeout: 15000 });
  await instructor.fill('input[name=venue-id]', 'osaka');
  await instructor.fill('input[name=venue-name]', '大阪会場');
  await instructor.click('form[data-form=venue] button[type=submit]');
  await instructor.locator('li[data-venue=osaka] form[data-form=assistant]').waitFor();
  const assistantName = `asst-${suffix}`;
  await instructor.fill('li[data-venue=osaka] input[name=assistant]', assistantName);
  await instructor.click('li[data-venue=osaka] form[data-form=assistant] button[type=submit]');
  const assistantPassword = await shownPassword(instructor, assistantName);
  const trainee1 = `blue-${suffix}`;
  const trainee2 = `red-${suffix}`;
  const trainee1Password = await addTeam(instructor, 'Blue', 'osaka', trainee1);
  await instructor.locator('.card[data-team="1"]').waitFor();
  await addTeam(instructor, 'Red', '', trainee2);
  await instructor.locator('.card[data-team="2"]').waitFor();
  console.log(`exercise ok: ${exerciseId} of ${scenario}, venue osaka, teams Blue (${trainee1}) and Red (${trainee2})`);

  await instructor.click('.toolbar button[data-action=provision]');
  for (const team of [1, 2]) {
    // ready, or failed with its reason on the card: a failure ends the run at once
    const card = instructor.locator(`.card[data-team="${team}"]`);
    await card.locator('.badge.state-ready, .badge.state-failed').first().waitFor({ timeout: PROVISION_MS });
    if (await card.locator('.badge.state-failed').count()) {
      throw new Error(`team ${team}'s range failed to provision: ${(await card.textContent()).trim()}`);
    }
  }
  await instructor.click('.toolbar button[data-action=start]:not([data-team]):not([data-venue])');
  for (const team of [1, 2]) {
    await instructor.locator(`.card[data-team="${team}"] .badge.state-running`).waitFor({ timeout: 30000 });
  }
  await shot(instructor, '02-instructor-dashboard');
  console.log('instructor ok: provisioned and started from the dashboard');

  await instructor.goto(`${base}/#/exercises/${exerciseId}/teams/1`);
  await instructor.locator('svg.topology g.host').first().waitFor({ timeout: 15000 });
  await instructor.locator('table.timeline, section p').first().waitFor();
  await shot(instructor, '03-team-topology');
  console.log(`topology ok: ${await instructor.locator('svg.topology g.host').count()} hosts drawn`);

  await instructor.goto(`${base}/#/scoreboard/${exerciseId}`);
  const total = instructor.locator('table.board tr[data-team="1"] td.total');
  await total.waitFor();
  const before = Number(await total.getAttribute('data-total'));

  // a trainee of team 1 works
  const trainee = await newPage();
  await login(trainee, trainee1, trainee1Password);
  await trainee.waitForSelector('form[data-form=finding], section .notice');
  await trainee.locator('a[data-console=terminal]').first().waitFor({ timeout: 15000 });
  await shot(trainee, '04-trainee-workspace');
  const workstation = trainee.locator('table.hosts tr:has(td:text-is("workstation")) a[data-console=terminal]');
  const link = (await workstation.count()) ? workstation.first() : trainee.locator('a[data-console=terminal]').first();
  const consoleUrl = await link.getAttribute('href');
  const terminal = await trainee.context().newPage();
  pages.push(terminal);
  await terminal.goto(new URL(consoleUrl, base).href);
  await terminal.waitForFunction(() => window.enshuSession, null, { timeout: 20000 });
  await terminal.click('#screen');
  await terminal.keyboard.type('echo course-$((40+2)) && hostname');
  await terminal.keyboard.press('Enter');
  await terminal.waitForFunction((f) => new Function(`return (${f})()`)().includes('\ncourse-42'), screenText.toString(), { timeout: 20000 });
  await shot(terminal, '05-console');
  console.log(`console ok: ${consoleUrl}`);
  await terminal.close();

  const findingForm = trainee.locator('form[data-form=finding]');
  if (process.env.FINDING_OBJECTIVE) await findingForm.locator('select[name=objective]').selectOption(process.env.FINDING_OBJECTIVE);
  await findingForm.locator('input[name=answer]').fill(process.env.FINDING_ANSWER || 'not-the-answer.example');
  await findingForm.locator('textarea[name=note]').fill('e2e');
  await findingForm.locator('button[type=submit]').click();
  const verdict = trainee.locator('[data-verdict].ok, [data-verdict].error').first();
  await verdict.waitFor({ timeout: 15000 });
  const verdictText = (await verdict.textContent()).trim();
  if (process.env.FINDING_ANSWER && !(await verdict.evaluate((el) => el.classList.contains('ok')))) {
    throw new Error(`the correct answer was not accepted: ${verdictText}`);
  }
  console.log(`finding ok: ${verdictText}`);
  const hint = trainee.locator('ul.hints li button').first();
  if (await hint.count()) {
    await hint.click();
    await trainee.locator('ul.hints li .hint-text').first().waitFor({ timeout: 15000 });
    console.log('hint ok');
  }

  // the scoreboard follows without a reload
  await instructor.waitForFunction((b) => {
    const cell = document.querySelector('table.board tr[data-team="1"] td.total');
    return cell && Number(cell.getAttribute('data-total')) !== b;
  }, before, { timeout: 30000 });
  await shot(instructor, '06-scoreboard');
  console.log(`scoreboard ok: team 1 from ${before} to ${await total.getAttribute('data-total')}`);

  // the venue's assistant sees only the venue's team
  const assistant = await newPage();
  await login(assistant, assistantName, assistantPassword);
  await assistant.goto(`${base}/#/exercises/${exerciseId}`);
  await assistant.locator('.card').first().waitFor({ timeout: 15000 });
  const teams = await assistant.locator('.card').evaluateAll((cards) => cards.map((c) => c.dataset.team));
  if (teams.join(',') !== '1') throw new Error(`the assistant of osaka sees teams ${teams} (expected only 1)`);
  if (await assistant.locator('.toolbar button[data-action=provision]').count()) throw new Error('the assistant is shown exercise-wide controls');
  await shot(assistant, '07-assistant');
  console.log('assistant ok: sees team 1 only, no exercise-wide controls');

  // the review, then the end of the course
  await instructor.goto(`${base}/#/review/${exerciseId}`);
  await instructor.locator('.team-timeline[data-team="1"] li').first().waitFor({ timeout: 15000 });
  await shot(instructor, '08-review');
  console.log('review ok');
  await instructor.goto(`${base}/#/exercises/${exerciseId}`);
  await instructor.click('.toolbar button[data-action=finish]');
  await instructor.locator('.meta .badge.state-finished').waitFor({ timeout: 30000 });
  await instructor.click('.toolbar button[data-action=teardown]');
  await instructor.locator('.meta .badge.state-torn-down').waitFor({ timeout: 120000 });
  console.log('teardown ok');
} catch (e) {
  console.error(String(e && e.stack || e));
  for (const [i, page] of pages.entries()) {
    if (page.isClosed()) continue;
    console.error(`page ${i}: ${page.url()}`);
    console.error((await page.locator('main').innerText().catch(() => '?')).slice(0, 3000));
    await page.screenshot({ path: join(shots, `failure-${i}.png`), fullPage: true }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}

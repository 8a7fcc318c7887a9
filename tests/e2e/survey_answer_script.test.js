// The answering pages with their script (static/js/befragung.js) in
// Chromium: the paged form hands over to the whole-form view, which pages in
// the browser, shows and hides questions as their conditions change, and
// posts the response once. A second respondent is stopped at a required
// question, submits against a rule only the server checks (its error comes
// back on the right page, nothing typed lost), adds a repeat entry, saves
// midway and continues from the link; a third leaves midway without saving
// and finds her answers kept. At 360 px, axe clean, on SQLite and PostgreSQL.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { run, startServer, startPostgres, launchBrowser, seriousA11yViolations } = require('./support');

const PASSWORD = 'ein-langes-passwort';
const TOPICS = ['daz', 'inklusion', 'digital', 'klassenfuehrung', 'eltern', 'demokratie', 'gesundheit',
  'berufsorientierung', 'ganztag'];

function isoDay(offset) {
  const d = new Date(Date.now() + offset * 86400000);
  return d.toISOString().slice(0, 10);
}

async function noA11yProblems(page, where) {
  assert.deepEqual(await seriousA11yViolations(page), [], where);
}

async function noSidewaysScrolling(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${where}: ${overflow}px sideways scrolling`);
}

// The heading of the one section shown.
async function shownPage(page) {
  const shown = page.locator('section.survey-page:not([hidden])');
  assert.equal(await shown.count(), 1, 'exactly one page is shown');
  return shown.locator('h2').innerText();
}

async function clickShown(page, selector) {
  await page.locator(`section.survey-page:not([hidden]) ${selector}`).click();
}

async function journey(t, kind) {
  const pg = kind === 'postgresql' ? await startPostgres() : null;
  const server = await startServer({
    prepare: (db) => {
      run(['migrate', '--database', db]);
      run(['user', 'add', '--email', 'daten@ruhrfutur.example', '--role', 'data_steward', '--database', db], `${PASSWORD}\n`);
    },
    database: pg ? pg.url : undefined,
  });
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); if (pg) await pg.stop(); });
  const base = server.base;

  // The office opens a wave of the TAB checklist with an open link.
  const office = await (await browser.newContext()).newPage();
  await office.goto(`${base}/anmelden?weiter=%2Fumfragen`);
  await office.fill('#email', 'daten@ruhrfutur.example');
  await office.fill('#password', PASSWORD);
  await office.click('form.form button[type=submit]');
  await office.waitForURL(`${base}/umfragen`);
  const waveForm = office.locator('form[action="/umfragen/tab-checkliste/wellen"]');
  await office.locator('details', { has: waveForm }).locator('summary').click();
  await office.fill('#welle-titel-tab-checkliste', 'Schuljahr 2026/27');
  await office.fill('#welle-beginn-tab-checkliste', isoDay(-1));
  await office.fill('#welle-ende-tab-checkliste', isoDay(14));
  await office.check('#welle-offen-tab-checkliste');
  await waveForm.locator('button[type=submit]').click();
  const openLink = `${base}${new URL(await office.locator('.token-box a').getAttribute('href')).pathname}`;

  // Starts answering from the open link in a fresh browser; returns the page at the whole form.
  const start = async (options) => {
    const page = await (await browser.newContext(options)).newPage();
    await page.goto(openLink);
    await page.click('button:has-text("Befragung beginnen")');
    await page.waitForURL(/\/befragung\/[\w-]+\?seite=alle$/);
    await page.locator('form[data-befragung-alle]').waitFor();
    return page;
  };

  // Anna, on a 360 px phone: paging in the browser, one POST for the whole response.
  const anna = await start({ viewport: { width: 360, height: 740 } });
  const posts = [];
  anna.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
  assert.match(await shownPage(anna), /TAB-Checkliste/);
  await noA11yProblems(anna, 'Einleitung');
  await noSidewaysScrolling(anna, 'Einleitung');
  assert.equal(await anna.locator('section.survey-page:not([hidden]) [data-gehe=zurueck]').isHidden(), true);
  await clickShown(anna, '[data-gehe=weiter]');
  assert.equal(await shownPage(anna), 'Zu Ihrer Tätigkeit');
  assert.equal(await anna.evaluate(() => document.activeElement.tagName), 'H2');
  // Everyday helpers are not asked about career orientation: hidden at once, shown again for teachers.
  await anna.check('#frage-personalgruppe--2');
  await clickShown(anna, '[data-gehe=weiter]');
  assert.match(await shownPage(anna), /Wie dringend/);
  assert.equal(await anna.locator('#frage-thema_berufsorientierung').isHidden(), true);
  await clickShown(anna, '[data-gehe=zurueck]');
  await anna.check('#frage-personalgruppe--0');
  await clickShown(anna, '[data-gehe=weiter]');
  assert.equal(await anna.locator('#frage-thema_berufsorientierung').isVisible(), true);
  for (const topic of TOPICS) await anna.check(`#frage-thema_${topic}--${topic === 'daz' ? 0 : 2}`);
  await noSidewaysScrolling(anna, 'Themenmatrix');
  await noA11yProblems(anna, 'Themenmatrix');
  await clickShown(anna, '[data-gehe=weiter]');
  // The SchiLF note appears with its choice.
  const schilfNote = anna.locator('.survey-note', { hasText: 'Schulinterne Fortbildungen' });
  assert.equal(await schilfNote.isHidden(), true);
  await anna.check('#frage-formate--0');
  assert.equal(await schilfNote.isVisible(), true);
  await anna.fill('#frage-personentage', '2');
  await anna.press('#frage-personentage', 'Enter');  // on to the next page, as in the paged form
  assert.equal(await shownPage(anna), 'Weitere Bedarfe');
  await clickShown(anna, '[data-gehe=weiter]');
  assert.equal(await anna.locator('section.survey-page:not([hidden]) [data-gehe=weiter]').isHidden(), true);
  assert.deepEqual(posts, [], 'paging sends nothing');
  await clickShown(anna, '[data-absenden]');
  await anna.locator('main h1', { hasText: 'Vielen Dank' }).waitFor();
  assert.equal(posts.length, 1, `one POST for the whole response: ${posts.join(', ')}`);

  // Ben, by keyboard: the script stops him at a required question left out;
  // a rule it does not check (at most three formats) comes back from the
  // server at the right page, with nothing typed lost.
  const ben = await start();
  const benLink = ben.url().replace(/\?seite=alle$/, '');
  await clickShown(ben, '[data-gehe=weiter]');
  await clickShown(ben, '[data-gehe=weiter]');
  assert.equal(await shownPage(ben), 'Zu Ihrer Tätigkeit');
  assert.match(await ben.locator('#frage-personalgruppe').innerText(), /Bitte beantworten Sie diese Frage\./);
  assert.equal(await ben.evaluate(() => document.activeElement.id), 'frage-personalgruppe--0');
  await noA11yProblems(ben, 'Pflichtfrage offen');
  await ben.keyboard.press('Space');
  await clickShown(ben, '[data-gehe=weiter]');
  assert.equal(await ben.locator('#frage-personalgruppe .field-error').count(), 0);
  for (const topic of TOPICS) await ben.check(`#frage-thema_${topic}--1`);
  await clickShown(ben, '[data-gehe=weiter]');
  for (const k of [0, 1, 2]) await ben.check(`#frage-formate--${k}`);
  await ben.fill('#frage-personentage', '1,5');
  await clickShown(ben, '[data-gehe=weiter]');
  // One more entry of the repeat: a round trip that keeps everything.
  await clickShown(ben, 'button[value="mehr:weitere"]');
  await ben.locator('[data-instanz="1"]').waitFor();
  assert.equal(await shownPage(ben), 'Weitere Bedarfe');
  assert.equal(await ben.inputValue('#frage-personentage'), '1,5');
  // "anderes Thema" in the second entry asks which one, in that entry only.
  assert.equal(await ben.locator('#frage-weiteres_text-1').isHidden(), true);
  await ben.check('#frage-weiteres_thema-1--9');
  assert.equal(await ben.locator('#frage-weiteres_text-1').isVisible(), true);
  assert.equal(await ben.locator('#frage-weiteres_text-0').isHidden(), true);
  await ben.fill('#frage-weiteres_text-1', 'Schulrecht');
  // Back to the formats for a fourth one, then on to the end.
  await clickShown(ben, '[data-gehe=zurueck]');
  assert.equal(await shownPage(ben), 'Format und Umfang');
  await ben.check('#frage-formate--3');
  await clickShown(ben, '[data-gehe=weiter]');
  await clickShown(ben, '[data-gehe=weiter]');
  await ben.fill('textarea[name="f:anmerkungen"]', 'Gern am Nachmittag.');
  await clickShown(ben, '[data-absenden]');
  await ben.locator('#fehler').waitFor();
  assert.match(await ben.locator('#fehler').innerText(), /Welche Formate kommen für Sie in Frage\?: Bitte wählen Sie höchstens drei Formate/);
  assert.equal(await shownPage(ben), 'Format und Umfang');
  assert.equal(await ben.evaluate(() => document.activeElement.id), 'fehler');
  assert.equal(await ben.inputValue('#frage-personentage'), '1,5');
  assert.equal(await ben.isChecked('#frage-thema_daz--1'), true);
  assert.equal(await ben.isChecked('#frage-formate--3'), true);
  assert.equal(await ben.inputValue('#frage-weiteres_text-1'), 'Schulrecht');
  assert.equal(await ben.inputValue('textarea[name="f:anmerkungen"]'), 'Gern am Nachmittag.');
  await noA11yProblems(ben, 'Fehler im ganzen Formular');
  // The error's link leads to the field.
  await ben.locator('#fehler a').first().click();
  assert.equal(await ben.evaluate(() => document.activeElement.id), 'frage-formate--0');
  await ben.uncheck('#frage-formate--3');
  await clickShown(ben, 'button[value=speichern]');
  await ben.locator('main h1', { hasText: 'Zwischengespeichert' }).waitFor();
  await ben.close();

  // Later, from his link: everything is there, and he sends it off.
  const ben2 = await (await browser.newContext()).newPage();
  await ben2.goto(benLink);
  await ben2.waitForURL(/\?seite=alle$/);
  await ben2.locator('form[data-befragung-alle]').waitFor();
  assert.equal(await shownPage(ben2), 'Format und Umfang', 'he continues where he saved');
  assert.equal(await ben2.isChecked('#frage-personalgruppe--0'), true);
  assert.equal(await ben2.isChecked('#frage-formate--2'), true);
  assert.equal(await ben2.isChecked('#frage-formate--3'), false);
  assert.equal(await ben2.inputValue('#frage-weiteres_text-1'), 'Schulrecht');
  while (await ben2.locator('section.survey-page:not([hidden]) [data-gehe=weiter]').isVisible()) {
    await clickShown(ben2, '[data-gehe=weiter]');
  }
  await clickShown(ben2, '[data-absenden]');
  await ben2.locator('main h1', { hasText: 'Vielen Dank' }).waitFor();

  // Clara leaves midway without saving (another site): the script saves a draft on the way out.
  const clara = await start();
  const claraLink = clara.url().replace(/\?seite=alle$/, '');
  await clickShown(clara, '[data-gehe=weiter]');
  await clara.check('#frage-personalgruppe--1');
  await clickShown(clara, '[data-gehe=weiter]');
  await clara.check('#frage-thema_daz--0');
  await clara.goto('about:blank');
  const clara2 = await (await browser.newContext()).newPage();
  let kept = false;
  for (let i = 0; i < 20 && !kept; i += 1) {
    await clara2.goto(claraLink);
    await clara2.locator('form[data-befragung-alle]').waitFor();
    kept = await clara2.isChecked('#frage-personalgruppe--1');
    if (!kept) await clara2.waitForTimeout(250);
  }
  assert.ok(kept, 'the answers given before leaving were saved');
  assert.match(await shownPage(clara2), /Wie dringend/);
  assert.equal(await clara2.isChecked('#frage-thema_daz--0'), true);

  // Of the wave's three links (from the open link) two are answered.
  await office.goto(`${base}/umfragen`);
  const row = office.locator('tr', { has: office.locator('a:has-text("Schuljahr 2026/27")') });
  assert.match(await row.innerText(), /läuft\s+3\s+2$/);
}

test('answering with the script: paging in the browser, one POST (SQLite)', { timeout: 600000 },
  (t) => journey(t, 'sqlite'));
test('answering with the script: paging in the browser, one POST (PostgreSQL)', { timeout: 600000 },
  (t) => journey(t, 'postgresql'));

// The TAB journey in Chromium against a real SMTP server: the office ties a
// coordinator to a school and a training institution to its Kreis; the
// coordinator starts a needs round and invites two colleagues by mail; one
// answers on a 360 px phone, the other by keyboard only, saving midway and
// continuing from the mail link; the coordinator submits the bundle; the
// training institution finds it, exports it and answers with an offer that
// the school sees; in the results a cell below k is hidden on the page and
// in the export. Every page is checked with axe.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const { run, startServer, startPostgres, seriousA11yViolations } = require('./support');
const { startSmtpSink, launchBrowser } = require('./portal_support');

const PASSWORD = 'ein-langes-passwort';
const SCHOOL = '129150';  // Steinhammerschule, Dortmund (05913), Sozialindex 6, as in the shipped school list

async function login(page, base, email, password = PASSWORD) {
  await page.goto(`${base}/anmelden?weiter=%2Fkonto`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('form.form button[type=submit]');
  await page.waitForURL(`${base}/konto`);
}

async function noA11yProblems(page, where) {
  assert.deepEqual(await seriousA11yViolations(page), [], where);
}

async function noSidewaysScrolling(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${where}: ${overflow}px sideways scrolling`);
}

// Presses Tab until the focused element matches `selector` (keyboard only).
async function tabTo(page, selector, limit = 250) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const TOPICS = ['daz', 'inklusion', 'digital', 'klassenfuehrung', 'eltern', 'demokratie', 'gesundheit',
  'berufsorientierung', 'ganztag'];

// The journey on one database: SQLite (a file) or PostgreSQL (a throwaway cluster).
async function journey(t, kind) {
  const smtp = await startSmtpSink();
  const pg = kind === 'postgresql' ? await startPostgres() : null;
  // A fresh database with three accounts and one school of the register
  // (the shipped forms come with the first start).
  const server = await startServer({
    prepare: (db) => {
      const cli = (args, input) => run([...args, '--database', db], input);
      cli(['migrate']);
      for (const [email, role] of [['daten@ruhrfutur.example', 'data_steward'], ['koordination@schule.example', 'school'],
        ['kt@kompetenzteam.example', 'training_institution']]) cli(['user', 'add', '--email', email, '--role', role], `${PASSWORD}\n`);
      const sql = "INSERT INTO institutions (kind, code, name, region_code, school_form, sozialindex) VALUES "
        + `('school', '${SCHOOL}', 'Steinhammerschule Städt. Gem. Grundschule Marten', '05913000', 'Grundschule', 6);`;
      if (pg) { pg.sql(sql); return; }
      const r = spawnSync('sqlite3', [db.replace(/^sqlite:/, ''), sql], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
    },
    database: pg ? pg.url : undefined,
    env: { RF_SMTP_URL: smtp.url, RF_MAIL_FROM: 'RuhrFutur <befragung@ruhrfutur.example>' },
  });
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); await smtp.stop(); if (pg) await pg.stop(); });
  const base = server.base;
  const local = (link) => { const u = new URL(link); return `${base}${u.pathname}${u.search}`; };

  // The office ties the accounts.
  const office = await (await browser.newContext()).newPage();
  await login(office, base, 'daten@ruhrfutur.example');
  await office.goto(`${base}/tab/zuordnung`);
  await noA11yProblems(office, 'Zuordnung');
  await office.fill('#zuordnung-email', 'koordination@schule.example');
  await office.fill('#zuordnung-schule', SCHOOL);
  await office.click('form.form button[type=submit]');
  assert.match(await office.locator('main [role=status]').innerText(), /Steinhammerschule/);
  await office.fill('#zuordnung-email', 'kt@kompetenzteam.example');
  await office.fill('#zuordnung-kreis', '05913');
  await office.click('form.form button[type=submit]');
  assert.match(await office.locator('main [role=status]').innerText(), /Kreis 05913/);

  // The coordinator starts a round and invites two teachers.
  const coordinator = await (await browser.newContext()).newPage();
  await login(coordinator, base, 'koordination@schule.example');
  await coordinator.goto(`${base}/tab`);
  await noA11yProblems(coordinator, 'TAB-Übersicht');
  await coordinator.click('button:has-text("Neue Bedarfsrunde starten")');
  await coordinator.waitForURL(/\/tab\/runden\/\d+$/);
  const round = coordinator.url();
  await coordinator.selectOption('#einladen-gruppe', 'lehrkraft');
  await coordinator.fill('#einladen-adressen', 'anna@schule.example\nben@schule.example');
  await coordinator.click('button:has-text("Einladungen senden")');
  assert.match(await coordinator.locator('main [role=status]').innerText(), /2 Einladung\(en\) an Lehrkraft versandt/);
  await noA11yProblems(coordinator, 'Bedarfsrunde');
  const linkOf = async (to) => {
    const mail = await smtp.waitForMail(to);
    assert.match(mail.subject, /Einladung: TAB-Checkliste/);
    const m = /(http:\/\/\S+\/befragung\/[\w-]+)/.exec(mail.text);
    assert.ok(m, mail.text);
    return local(m[1]);
  };
  const annaLink = await linkOf('anna@schule.example');
  const benLink = await linkOf('ben@schule.example');

  // Anna answers on a 360 px phone, with the mouse, without the answering
  // script (the pages work without JavaScript; survey_answer_script.test.js
  // covers the script). The script is blocked rather than JavaScript turned
  // off, so that axe can still run in the page.
  const withoutScript = async (options = {}) => {
    const context = await browser.newContext(options);
    await context.route('**/static/js/**', (route) => route.abort());
    return context.newPage();
  };
  const phone = await withoutScript({ viewport: { width: 360, height: 740 } });
  await phone.goto(annaLink);
  await noA11yProblems(phone, 'Einleitung');
  await noSidewaysScrolling(phone, 'Einleitung');
  await phone.click('button.button[value=weiter]');
  // Required question left out: the error is named and linked, nothing is lost.
  await phone.check('#frage-erfahrung--1');
  await phone.click('button.button[value=weiter]');
  assert.match(await phone.locator('#fehler').innerText(), /Bitte beantworten Sie diese Frage/);
  assert.equal(await phone.isChecked('#frage-erfahrung--1'), true);
  await noA11yProblems(phone, 'Fehlerseite');
  await phone.check('#frage-personalgruppe--0');
  await phone.click('button.button[value=weiter]');
  for (const topic of TOPICS) await phone.check(`#frage-thema_${topic}--${topic === 'daz' ? 0 : 2}`);
  await noSidewaysScrolling(phone, 'Themenmatrix');
  await noA11yProblems(phone, 'Themenmatrix');
  await phone.click('button.button[value=weiter]');
  await phone.check('#frage-formate--0');  // SchiLF
  await phone.fill('#frage-personentage', '2');
  await phone.click('button.button[value=weiter]');
  await noSidewaysScrolling(phone, 'Weitere Bedarfe');
  await phone.click('button.button[value=weiter]');
  await phone.click('button:has-text("Antworten absenden")');
  assert.match(await phone.locator('main h1').innerText(), /Vielen Dank/);

  // Ben answers by keyboard only, without the script, and saves midway.
  const kb = await withoutScript();
  await kb.goto(benLink);
  await tabTo(kb, 'button.button[value=weiter]');
  await kb.keyboard.press('Enter');
  await kb.waitForURL(/seite=2/);
  await tabTo(kb, '#frage-personalgruppe--0');
  await kb.keyboard.press('Space');
  await tabTo(kb, 'button.button[value=weiter]');
  await kb.keyboard.press('Enter');
  await kb.waitForURL(/seite=3/);
  for (const topic of TOPICS) {
    await tabTo(kb, `#frage-thema_${topic}--0`);
    if (topic === 'daz') await kb.keyboard.press('Space');  // hoch
    else { await kb.keyboard.press('ArrowDown'); await kb.keyboard.press('ArrowDown'); }  // gering
  }
  assert.equal(await kb.isChecked('#frage-thema_daz--0'), true);
  assert.equal(await kb.isChecked('#frage-thema_ganztag--2'), true);
  await tabTo(kb, 'button[value=speichern]');
  await kb.keyboard.press('Enter');
  await kb.locator('main h1', { hasText: 'Zwischengespeichert' }).waitFor();
  assert.match(await kb.locator('main').innerText(), /Ihre Antworten sind gespeichert/);
  await kb.close();

  // Later, from the mail link again: the topics page is kept and he goes on.
  const kb2 = await withoutScript();
  await kb2.goto(benLink);
  assert.equal(await kb2.isChecked('#frage-thema_daz--0'), true);
  await tabTo(kb2, 'button.button[value=weiter]');
  await kb2.keyboard.press('Enter');
  await kb2.waitForURL(/seite=4/);
  await tabTo(kb2, '#frage-formate--0');
  await kb2.keyboard.press('Space');
  await tabTo(kb2, '#frage-personentage');
  await kb2.keyboard.type('1,5');
  await kb2.keyboard.press('Enter');  // the default action: on to the next page
  await kb2.waitForURL(/seite=5/);
  await tabTo(kb2, 'button.button[value=weiter]');
  await kb2.keyboard.press('Enter');
  await kb2.waitForURL(/seite=6/);
  await tabTo(kb2, 'button[value=absenden]');
  await kb2.keyboard.press('Enter');
  await kb2.locator('main h1', { hasText: 'Vielen Dank' }).waitFor();
  // The used link only shows the receipt.
  await kb2.goto(benLink);
  assert.match(await kb2.locator('main').innerText(), /bereits eingegangen/);

  // The coordinator sees who answered and submits the bundle.
  await coordinator.goto(round);
  const invitations = await coordinator.locator('table.survey-table').first().innerText();
  assert.match(invitations, /anna@schule\.example\s+Lehrkraft\s+beantwortet/);
  assert.match(invitations, /ben@schule\.example\s+Lehrkraft\s+beantwortet/);
  assert.equal(await coordinator.inputValue('#r0-personen'), '2');
  assert.equal(await coordinator.inputValue('#r0-tage'), '3,5');
  await noA11yProblems(coordinator, 'Bündel');
  await coordinator.click('button:has-text("Bündel einreichen")');
  assert.match(await coordinator.locator('main [role=status]').innerText(), /Das Bündel ist eingereicht/);

  // The training institution finds the demand, exports it and answers with an offer.
  const kt = await (await browser.newContext()).newPage();
  await login(kt, base, 'kt@kompetenzteam.example');
  await kt.goto(`${base}/tab/bedarfe`);
  const demand = await kt.locator('#bedarfe-tabelle').innerText();
  assert.match(demand, /Sprachbildung und Deutsch als Zweitsprache \(DaZ\)\s+Lehrkraft\s+Schulinterne Fortbildung \(SchiLF\)\s+1\s+2\s+3,5/);
  await noA11yProblems(kt, 'Bedarfe');
  await kt.selectOption('#filter-sozialindex', '4-6');
  await kt.click('button:has-text("Filtern")');
  assert.match(await kt.locator('#bedarfe-tabelle').innerText(), /DaZ/);
  const csv = await (await kt.request.get(`${base}/tab/bedarfe.csv?sozialindex=4-6`)).text();
  assert.match(csv, /Sprachbildung und Deutsch als Zweitsprache \(DaZ\);Lehrkraft;Schulinterne Fortbildung \(SchiLF\);1;2;3,5/);
  const xlsx = await kt.request.get(`${base}/tab/bedarfe.xlsx`);
  assert.equal(xlsx.status(), 200);
  await kt.fill('#angebot-titel', 'DaZ im Fachunterricht – Abrufangebot');
  await kt.selectOption('#angebot-thema', 'daz');
  await kt.selectOption('#angebot-gruppe', 'lehrkraft');
  await kt.selectOption('#angebot-format', 'schilf');
  await kt.fill('#angebot-termine', '12.03.2026, 14–17 Uhr');
  await kt.fill('#angebot-plaetze', '25');
  await kt.click('button:has-text("Angebot veröffentlichen")');
  assert.match(await kt.locator('main [role=status]').innerText(), /ist veröffentlicht/);

  // The school sees the offer.
  await coordinator.goto(round);
  assert.match(await coordinator.locator('section[aria-labelledby=angebote]').innerText(), /DaZ im Fachunterricht – Abrufangebot/);

  // Results: two answers are below k = 5, so the cell is hidden on the page and in the export.
  await office.goto(`${base}/umfragen/tab-checkliste/ergebnisse`);
  await noA11yProblems(office, 'Ergebnisse');
  const daz = office.locator('section', { has: office.locator('h2', { hasText: 'Sprachbildung und Deutsch als Zweitsprache (DaZ)' }) });
  assert.match(await daz.locator('table.result-table').innerText(), /hoch\s+\./);
  const results = await (await office.request.get(`${base}/umfragen/tab-checkliste/ergebnisse.csv`)).text();
  assert.match(results, /thema_daz;Sprachbildung und Deutsch als Zweitsprache \(DaZ\);hoch;Insgesamt;\.;\./);
  assert.doesNotMatch(results, /thema_daz;[^\r\n]*;hoch;Insgesamt;2;/);
}

test('TAB needs round from the school to the training institution (SQLite)', { timeout: 900000 },
  (t) => journey(t, 'sqlite'));
test('TAB needs round from the school to the training institution (PostgreSQL)', { timeout: 900000 },
  (t) => journey(t, 'postgresql'));

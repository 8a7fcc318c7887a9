// A measure's way in a real browser with the demo data: the partner
// proposes (a bad budget first: the form keeps what was typed), the office
// forwards it, a Fachbeirat member whose university takes part cannot
// recommend (conflict of interest), an independent member recommends with
// conditions, the office records the joint recommendation, the deciding
// body's chair decides in a meeting while the office's page is stale (the
// office gets the clear message), the partner starts the implementation and
// sends a first report. Mails go to a real SMTP sink. Then the public goal
// page shows the value that the values API returns, and the pages are axe
// clean and fit 360 px. The whole way runs on SQLite and on PostgreSQL.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { startPostgres, seriousA11yViolations } = require('./support');
const { startDemoServer, startSmtpSink, launchBrowser } = require('./portal_support');

async function login(browser, base, email) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/anmelden?weiter=%2Fkonto`);
  await page.fill('#email', email);
  await page.fill('#password', 'ruhrfutur-demo');
  await page.click('form.form button[type=submit]');
  await page.waitForURL(/\/konto$/);
  return page;
}

async function takeStep(page, step, fill = async () => {}) {
  const form = page.locator(`form.step-form:has(input[name=schritt][value=${step}])`);
  await fill(form);
  await form.locator('button[type=submit]').click();
  await page.waitForLoadState();
}

// The whole way on one database: SQLite (a file) or PostgreSQL (a throwaway cluster).
async function measureWay(t, kind) {
  const pg = kind === 'postgresql' ? await startPostgres() : null;
  if (pg) t.after(() => pg.stop());
  const smtp = await startSmtpSink();
  t.after(() => smtp.stop());
  const server = await startDemoServer({ RF_SMTP_URL: smtp.url }, pg ? pg.url : undefined);
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const base = server.base;
  let measureUrl;

  await t.test('the partner proposes; bad input keeps what was typed', async () => {
    const page = await login(browser, base, 'partner@ruhrfutur.example');
    await page.goto(`${base}/netzwerk/massnahmen/neu`);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.fill('#titel', 'Lesepaten an Grundschulen');
    await page.fill('#ziele', 'Mehr Kinder lesen sicher am Ende der Grundschule.');
    await page.fill('#zielgruppe', 'Kinder der Klassen 2 bis 4');
    await page.selectOption('#stufe', 'allgemeinbildende-schule');
    await page.fill('#budget', 'viel');
    await page.fill('#laufzeit', '18');
    await page.selectOption('#partner', { label: 'Universität Duisburg-Essen' });
    await page.check('input[name=kommune][value="05113"]');
    await page.locator('input[name=agenda_ziel]').first().check();
    await page.check('input[name=indikator][value=schulabgaenger_ohne_abschluss]');
    await page.fill('#kennzahl_how_much', 'Lesestunden');
    await page.fill('#einheit_how_much', 'Stunden');
    await page.fill('#kennzahl_how_well', 'Regelmäßig teilnehmende Kinder');
    await page.fill('#einheit_how_well', '%');
    await page.fill('#kennzahl_better_off', 'Kinder mit besserem Leseverständnis');
    await page.fill('#einheit_better_off', '%');
    await page.click('form.form button[type=submit]');
    assert.match(await page.locator('.alert-error').innerText(), /Das Budget „viel“ ist keine Zahl/);
    assert.equal(await page.inputValue('#titel'), 'Lesepaten an Grundschulen');
    assert.ok(await page.isChecked('input[name=kommune][value="05113"]'));
    await page.fill('#budget', '150.000');
    await page.click('form.form button[type=submit]');
    await page.waitForURL(/\/netzwerk\/massnahmen\/\d+\?gespeichert=1$/);
    measureUrl = page.url().replace(/\?.*$/, '');
    assert.match(await page.locator('.status').first().innerText(), /Eingereicht/);
    assert.match(await page.locator('dl.meta-list').innerText(), /150\.000 €/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.context().close();
  });

  await t.test('the office checks completeness and forwards', async () => {
    const page = await login(browser, base, 'redaktion@ruhrfutur.example');
    await page.goto(measureUrl);
    await takeStep(page, 'forward');
    assert.match(await page.locator('.status').first().innerText(), /Beim Fachbeirat/);
    const mail = await smtp.waitForMail('beirat@ruhrfutur.example');
    assert.match(mail.subject, /Lesepaten an Grundschulen/);
    await page.context().close();
  });

  await t.test('a Fachbeirat member with a conflict of interest cannot recommend', async () => {
    const page = await login(browser, base, 'beirat2@ruhrfutur.example');
    await page.goto(measureUrl);
    assert.match(await page.locator('#fachbeirat').innerText(), /Interessenkonflikt: Ihre Organisation ist an dieser Maßnahme beteiligt/);
    assert.equal(await page.locator('input[name=votum]').count(), 0);
    await page.context().close();
  });

  await t.test('an independent member recommends with conditions and reasons', async () => {
    const page = await login(browser, base, 'beirat@ruhrfutur.example');
    await page.goto(measureUrl);
    await page.check('input[name=votum][value=conditions]');
    await page.fill('#auflagen', 'Elternabende einplanen');
    await page.click('form[action$="/empfehlung"] button[type=submit]');
    assert.match(await page.locator('#fachbeirat .alert-error').innerText(), /braucht immer eine Begründung/);
    assert.equal(await page.inputValue('#auflagen'), 'Elternabende einplanen');
    await page.fill('#begruendung', 'Gut begründet, Eltern fehlen noch.');
    await page.click('form[action$="/empfehlung"] button[type=submit]');
    await page.waitForURL(/gespeichert=1/);
    assert.match(await page.locator('#fachbeirat table').innerText(), /Prof\. Demo Beirat[\s\S]*mit Auflagen[\s\S]*Elternabende/);
    await page.context().close();
  });

  await t.test('joint recommendation, then the deciding body decides; a stale page gets a clear message', async () => {
    const office = await login(browser, base, 'redaktion@ruhrfutur.example');
    await office.goto(measureUrl);
    await takeStep(office, 'conclude_advice', async (form) => {
      await form.locator('select[name=empfehlung]').selectOption('conditions');
      await form.locator('textarea[name=gruende]').fill('Bewilligung mit der Auflage, Eltern einzubeziehen.');
    });
    assert.match(await office.locator('.status').first().innerText(), /Empfehlung liegt vor/);

    const chair = await login(browser, base, 'steuerung@ruhrfutur.example');
    await chair.goto(measureUrl);
    // The office's page now shows the same step form; the chair is first.
    await office.reload();
    await takeStep(chair, 'approve_with_conditions', async (form) => {
      await form.locator('select[name=sitzung]').selectOption({ index: 1 });
      await form.locator('textarea[name=gruende]').fill('Auflage des Fachbeirats übernommen.');
    });
    assert.match(await chair.locator('.status').first().innerText(), /Beschlossen/);
    assert.match(await chair.locator('section:has(#beschluss-titel)').innerText(), /SG \d{4}\/\d{2}: mit Auflagen bewilligt/);

    await takeStep(office, 'approve', async (form) => {
      await form.locator('select[name=sitzung]').selectOption({ index: 1 });
    });
    assert.match(await office.locator('[role=alert]').first().innerText(), /inzwischen von jemand anderem bearbeitet/);
    assert.match(await office.locator('.status').first().innerText(), /Beschlossen/);
    await office.context().close();
    await chair.context().close();
  });

  await t.test('the partner starts the implementation and sends a first report', async () => {
    const page = await login(browser, base, 'partner@ruhrfutur.example');
    await page.goto(measureUrl);
    await takeStep(page, 'start');
    assert.match(await page.locator('.status').first().innerText(), /In Umsetzung/);
    await page.fill('#ms-kuerzel', 'M1');
    await page.fill('#ms-titel', 'Paten gewonnen');
    await page.fill('#ms-faellig', '2020-01-01');
    await page.click('form[action$="/meilensteine"] button[type=submit]');
    assert.match(await page.locator('#umsetzung .alert-error').innerText(), /liegt in der Vergangenheit/);
    assert.equal(await page.inputValue('#ms-titel'), 'Paten gewonnen');
    await page.fill('#ms-faellig', `${new Date().getFullYear() + 1}-06-30`);
    await page.click('form[action$="/meilensteine"] button[type=submit]');
    await page.waitForURL(/gespeichert=1/);
    await page.fill('#zeitraum', '2026-H1');
    const inputs = page.locator('form[action$="/berichte"] input[name^=wert_]');
    await inputs.nth(0).fill('120');
    await inputs.nth(1).fill('85,5');
    await page.fill('#bericht-text', 'Start in drei Schulen.');
    await page.click('form[action$="/berichte"] button[type=submit]');
    await page.waitForURL(/gespeichert=1/);
    const report = await page.locator('#berichte article').first().innerText();
    assert.match(report, /Bericht 2026-H1/);
    assert.match(report, /Lesestunden\s+120 Stunden/);
    assert.match(report, /85,5 %/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.context().close();
  });

  await t.test('the goal page shows the value of the values API', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/netzwerk/agenda`);
    await page.locator('table a[href^="/netzwerk/agenda/ziele/"]').first().click();
    const live = page.locator('.live-value');
    const indicator = await live.getAttribute('data-indicator');
    const region = await live.getAttribute('data-region');
    const period = await live.getAttribute('data-period');
    const shown = Number((await live.getAttribute('data-value')).replace(',', '.'));
    const api = await (await fetch(`${base}/api/v1/indicators/${indicator}/values?region=${region}&period=${period}`)).json();
    assert.equal(api.values.length, 1);
    assert.ok(Math.abs(api.values[0].value - shown) < 1e-9, `${api.values[0].value} vs ${shown}`);
    assert.match(await page.locator('.source').first().innerText(), /^Quelle: /);
    assert.ok(await page.locator('figure table.data-table tbody tr').count() > 3);
    assert.deepEqual(await seriousA11yViolations(page), []);
    for (const url of ['/netzwerk/agenda', '/netzwerk/karte', '/netzwerk/agenda/kommunen/05113', '/netzwerk/praxisbeispiele',
      '/netzwerk/gremien/steuerungsgruppe', '/netzwerk/partner']) {
      await page.goto(`${base}${url}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${url} is ${width} px wide at 360 px`);
      assert.deepEqual(await seriousA11yViolations(page), [], url);
    }
    await context.close();
  });
}

test('a measure from proposal to decision and first report (SQLite)', { timeout: 600000 },
  (t) => measureWay(t, 'sqlite'));
test('a measure from proposal to decision and first report (PostgreSQL)', { timeout: 600000 },
  (t) => measureWay(t, 'postgresql'));

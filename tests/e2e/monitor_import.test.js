// Statistics import in a real browser: a data steward uploads a GENESIS table,
// checks it in a dry run, imports it, finds it in the import log and in the
// dataset browser; axe finds no serious or critical violations on any of the
// page types.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { ROOT, run, startServer, launchBrowser, seriousA11yViolations } = require('./support');

const PASSWORD = 'ein-langes-passwort';
const FILE = path.join(ROOT, 'data', 'genesis', '21111-02-06-4.csv');

test('a data steward checks, imports and finds a GENESIS table', async (t) => {
  const server = await startServer({
    prepare: (db) => run(['user', 'add', '--database', db, '--email', 'daten@example.org',
      '--name', 'Dana Daten', '--role', 'data_steward'], `${PASSWORD}\n`),
  });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const base = server.base;

  // Visitors are sent to the login page.
  await page.goto(`${base}/daten/import`);
  assert.match(page.url(), /\/anmelden\?weiter=/);
  await page.fill('#email', 'daten@example.org');
  await page.fill('#password', PASSWORD);
  await page.click('form.form button[type=submit]');
  await page.waitForURL(/\/daten\/import$/);
  assert.equal(await page.locator('h1').innerText(), 'Statistikdateien importieren');
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Nothing chosen: an error summary that leads to the field.
  await page.click('button[name=aktion][value=probelauf]');
  assert.match(await page.locator('[role=alert]').innerText(), /mindestens eine Statistikdatei/);
  assert.equal(await page.getAttribute('#dateien', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#dateien', 'aria-describedby'), /dateien-fehler/);
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Dry run: the summary, nothing stored yet.
  await page.setInputFiles('#dateien', FILE);
  await page.click('button[name=aktion][value=probelauf]');
  assert.match(await page.locator('h1').innerText(), /Probelauf/);
  const summary = await page.locator('main').innerText();
  assert.match(summary, /21111-02-06-4/);
  assert.match(summary, /7\.532/);
  assert.match(summary, /Noch ist nichts gespeichert/);
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Import the same upload (referenced by its hash).
  const before = new Date();
  await page.click('button[name=aktion][value=importieren]');
  assert.equal(await page.locator('h1').innerText(), 'Import abgeschlossen');
  const after = new Date();
  await page.click('text=Importprotokoll');
  await page.waitForURL(/\/daten\/importe$/);
  const log = await page.locator('table').innerText();
  assert.match(log, /21111-02-06-4\.csv/);
  assert.match(log, /daten@example\.org/);
  // The time of the import in German civil time, as the editor shows times (not UTC).
  const berlin = (d) => `${new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit',
    month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d)} Uhr`;
  const shown = await page.locator('table tbody tr').first().locator('td').first().innerText();
  assert.ok([berlin(before), berlin(after)].includes(shown), `${shown} is not ${berlin(before)}`);
  assert.deepEqual(await seriousA11yViolations(page), []);

  // The dataset browser, filtered to Gelsenkirchen.
  await page.goto(`${base}/daten/datensaetze`);
  assert.deepEqual(await seriousA11yViolations(page), []);
  await page.click('a[href="/daten/datensaetze/21111-02-06-4"]');
  await page.fill('#region', '05513');
  await page.click('form.filters button[type=submit]');
  const table = await page.locator('table.statistics').innerText();
  assert.match(table, /Gelsenkirchen/);
  assert.match(table, /\b370\b/);
  assert.deepEqual(await seriousA11yViolations(page), []);
});

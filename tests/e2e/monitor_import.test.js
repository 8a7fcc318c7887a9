// Statistics import in a real browser, on SQLite and PostgreSQL: a data
// steward uploads a broken file and reads a German message that names file,
// line and column and quotes the line; then uploads a GENESIS table, checks
// it in a dry run, imports it, finds it in the import log and in the dataset
// browser. axe: no violation of any impact on any of the page types.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { ROOT, run, startServer, startPostgres, launchBrowser, a11yViolations } = require('./support');

const PASSWORD = 'ein-langes-passwort';
const FILE = path.join(ROOT, 'data', 'genesis', '21111-02-06-4.csv');

// A GENESIS table whose sixth line has a word where a number belongs.
const BROKEN = 'Tabelle: 99999-01i\nTesttabelle;;;;\n;;;Insgesamt;weiblich\n;;;Anzahl;Anzahl\n' +
  '2023;05;NRW;1;2\n2023;05513;GE;3;abc\n__________\nStand: 19.01.2026\n';

async function journey(t, kind) {
  const pg = kind === 'postgresql' ? await startPostgres() : null;
  const server = await startServer({
    prepare: (db) => run(['user', 'add', '--database', db, '--email', 'daten@example.org',
      '--name', 'Dana Daten', '--role', 'data_steward'], `${PASSWORD}\n`),
    database: pg ? pg.url : undefined,
  });
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); if (pg) await pg.stop(); });
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
  assert.deepEqual(await a11yViolations(page), []);

  // Nothing chosen: an error summary that leads to the field.
  await page.click('button[name=aktion][value=probelauf]');
  assert.match(await page.locator('[role=alert]').innerText(), /mindestens eine Statistikdatei/);
  assert.equal(await page.getAttribute('#dateien', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#dateien', 'aria-describedby'), /dateien-fehler/);
  assert.deepEqual(await a11yViolations(page), []);

  // A broken file: German, with file, line and column, the offending line
  // quoted; nothing stored, the page keeps the encoding chosen.
  await page.selectOption('#kodierung', 'windows-1252');
  await page.setInputFiles('#dateien', { name: 'kaputt.csv', mimeType: 'text/csv', buffer: Buffer.from(BROKEN) });
  await page.click('button[name=aktion][value=importieren]');
  const problem = await page.locator('[role=alert]').innerText();
  assert.match(problem, /kaputt\.csv:6: Spalte 5: Erwartet: eine Zahl/);
  assert.match(problem, /gefunden: „abc“/);
  assert.match(problem, /Zeile 6 der Datei: 2023;05513;GE;3;abc/);
  assert.equal(await page.locator('#kodierung').inputValue(), 'windows-1252');
  assert.deepEqual(await a11yViolations(page), []);
  await page.goto(`${base}/daten/importe`);
  assert.doesNotMatch(await page.locator('main').innerText(), /kaputt\.csv/);
  await page.goto(`${base}/daten/import`);

  // Dry run: the summary, nothing stored yet.
  await page.setInputFiles('#dateien', FILE);
  await page.click('button[name=aktion][value=probelauf]');
  assert.match(await page.locator('h1').innerText(), /Probelauf/);
  const summary = await page.locator('main').innerText();
  assert.match(summary, /21111-02-06-4/);
  assert.match(summary, /7\.532/);
  assert.match(summary, /Noch ist nichts gespeichert/);
  assert.deepEqual(await a11yViolations(page), []);

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
  assert.deepEqual(await a11yViolations(page), []);

  // The dataset browser, filtered to Gelsenkirchen.
  await page.goto(`${base}/daten/datensaetze`);
  assert.deepEqual(await a11yViolations(page), []);
  await page.click('a[href="/daten/datensaetze/21111-02-06-4"]');
  await page.fill('#region', '05513');
  await page.click('form.filters button[type=submit]');
  const table = await page.locator('table.statistics').innerText();
  assert.match(table, /Gelsenkirchen/);
  assert.match(table, /\b370\b/);
  assert.deepEqual(await a11yViolations(page), []);
}

test('a data steward reads what is wrong in a broken file, checks, imports and finds a GENESIS table (SQLite)',
  { timeout: 600000 }, async (t) => { await journey(t, 'sqlite'); });
test('a data steward reads what is wrong in a broken file, checks, imports and finds a GENESIS table (PostgreSQL)',
  { timeout: 600000 }, async (t) => { await journey(t, 'postgresql'); });

// Dead ends of the monitoring with the demo data (`make run`), on SQLite and
// PostgreSQL: the goals of the common agenda are there with values and a
// status; a small municipality's profile shows only what exists for it and
// points to its Kreis; the /daten pages carry their room's stylesheet (a
// styled navigation, one way back), and the school list's dataset page says
// what it holds instead of "Werte 0". axe: no violation of any impact.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { importDemo, startServer, startPostgres, launchBrowser, a11yViolations } = require('./support');

async function noSidewaysScrolling(browser, url) {
  const phone = await browser.newPage({ viewport: { width: 360, height: 800 } });
  await phone.goto(url);
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  await phone.close();
  assert.ok(width <= 360, `${url} is ${width}px wide at 360 px`);
}

async function journey(t, kind) {
  const pg = kind === 'postgresql' ? await startPostgres({ demo: true }) : null;
  const server = await startServer({
    prepare: importDemo,  // on SQLite a copy of the run's demo database (e2e.demo), else `ruhrfutur demo`
    database: pg ? pg.url : undefined,
    healthTimeoutMs: 600000,
  });
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); if (pg) await pg.stop(); });
  const base = server.base;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

  // The common agenda: the demo's goals, each with its current value and status.
  await page.goto(`${base}/monitor/ziele`);
  const goals = page.locator('table.goals-table tbody tr');
  assert.ok(await goals.count() >= 3, 'the demo has goals');
  for (let i = 0; i < await goals.count(); i++) {
    const cells = goals.nth(i).locator('td');
    assert.match(await cells.nth(1).innerText(), /\d/, 'a baseline value');
    assert.match(await cells.nth(2).innerText(), /\d/, 'a current value');
    assert.match(await goals.nth(i).locator('.goal-badge').innerText(), /erreicht|auf Kurs|nicht auf Kurs|offen/i);
  }
  assert.deepEqual(await a11yViolations(page), []);

  // A small municipality (Alpen, Kreis Wesel): only indicators it has, one line why the rest is missing.
  await page.goto(`${base}/monitor/regionen/05170004`);
  assert.equal(await page.locator('main .no-data').count(), 0, 'no rows "nicht verfügbar"');
  assert.ok(await page.locator('main table.profile-table tbody tr').count() >= 1);
  const scope = page.locator('#nur-kreise');
  assert.match(await scope.innerText(), /^\d+ von \d+ Indikatoren werden nicht für einzelne Städte und Gemeinden veröffentlicht/);
  assert.match(await scope.innerText(), /im Profil des Kreises Wesel\.$/);
  assert.equal(await scope.locator('a').getAttribute('href'), '/monitor/regionen/05170');
  assert.deepEqual(await a11yViolations(page), []);
  await noSidewaysScrolling(browser, `${base}/monitor/regionen/05170004`);
  // The Kreis keeps every row.
  await page.click('#nur-kreise a');
  await page.waitForURL(`${base}/monitor/regionen/05170`);
  assert.equal(await page.locator('#nur-kreise').count(), 0);

  // /daten: the room's stylesheet, a styled navigation (no bullet list), one way back.
  for (const path of ['/daten/datensaetze', '/daten/datensaetze/21111-02-06-4']) {
    await page.goto(`${base}${path}`);
    assert.equal(await page.locator('link[rel=stylesheet][href="/static/css/monitor.css"]').count(), 1, path);
    assert.equal(await page.locator('nav.monitor-nav ul').evaluate((ul) => getComputedStyle(ul).listStyleType), 'none');
    assert.equal(await page.locator('main .breadcrumb, main .breadcrumb-line').count(), 0, `${path}: one navigation`);
    assert.deepEqual(await a11yViolations(page), [], path);
    await noSidewaysScrolling(browser, `${base}${path}`);
  }
  // The school lists' dataset pages: what they hold, never "Werte 0".
  await page.goto(`${base}/daten/datensaetze`);
  const rows = page.locator('main table tbody tr');
  let schoolLists = 0;
  for (let i = 0; i < await rows.count(); i++) {
    const text = await rows.nth(i).innerText();
    assert.doesNotMatch(text, /\t0 Werte$/, `a dataset listed with 0 values: ${text}`);
    if (/Schulen$/.test(text)) {
      schoolLists++;
      const href = await rows.nth(i).locator('a').first().getAttribute('href');
      const detail = await browser.newPage();
      await detail.goto(`${base}${href}`);
      const facts = await detail.locator('dl.facts').innerText();
      assert.doesNotMatch(facts, /Werte\s+0\b/, facts);
      assert.match(facts, /Inhalt\s+[\d.]+ Schulen/, facts);
      assert.match(await detail.locator('main').innerText(), /Diese Datei ist ein Schulverzeichnis/);
      assert.deepEqual(await a11yViolations(detail), []);
      await detail.close();
    }
  }
  assert.ok(schoolLists >= 1, 'the demo has a school list');
}

test('monitor dead ends (SQLite)', { timeout: 900000 }, async (t) => { await journey(t, 'sqlite'); });
test('monitor dead ends (PostgreSQL)', { timeout: 900000 }, async (t) => { await journey(t, 'postgresql'); });

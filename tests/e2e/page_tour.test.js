// Every page type on a 360 px phone, on SQLite and PostgreSQL: home, news,
// publication, search, each kind of monitor page (indicator, region profiles
// of a kreisfreie Stadt, a Kreis and a Gemeinde, schools, catalogue, goals,
// open data), the dataset browser, the report (start, chapter, a figure by
// its web code, data appendix, glossary), a survey's answer page, the
// network's pages, login and the 404 page under every area. Each page: the
// expected status, no sideways scrolling (document width ≤ 360 px), a meta
// description, the favicon, and axe with every rule (best practices
// included): no violation of any impact. All problems of a run are collected
// and reported together, so one run shows everything that is wrong.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startDemoReportServer, startPostgres, launchBrowser, a11yViolations } = require('./support');

const WIDTH = 360;

// Elements that stick out of the viewport without a scrolling box around
// them: what to fix when a page scrolls sideways.
async function sticking_out(page) {
  return page.evaluate((width) => {
    const inScrollBox = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 0.5 && !inScrollBox(el)) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (${Math.round(r.right)} px)`);
      }
      if (out.length >= 5) break;
    }
    return out;
  }, WIDTH);
}

async function tour(t, database) {
  const server = await startDemoReportServer(database);
  const reportDir = server.reportDir;  // the shared demo's report, or one built for this server
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const base = server.base;
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  const visited = [];

  async function visit(url, { status = 200 } = {}) {
    const before = problems.length;
    const res = await page.goto(`${base}${url}`);
    visited.push(url);
    if (res.status() !== status) problems.push(`${url}: status ${res.status()}, expected ${status}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > WIDTH) problems.push(`${url}: ${width} px wide at ${WIDTH} px: ${(await sticking_out(page)).join(', ')}`);
    const description = await page.locator('meta[name="description"]').getAttribute('content').catch(() => null);
    if (!description || description.trim().length < 20) problems.push(`${url}: no meta description`);
    if (await page.locator('link[rel="icon"]').count() === 0) problems.push(`${url}: no favicon`);
    for (const v of await a11yViolations(page)) problems.push(`${url}: ${v}`);
    // Progress in the log, so that a slow run still shows what it found so far.
    console.log(`${url}: ${problems.length - before ? problems.slice(before).join(' | ') : 'ok'}`);
  }
  const firstLink = async (url, selector) => {
    await page.goto(`${base}${url}`);
    const href = await page.locator(selector).first().getAttribute('href');
    assert.ok(href, `a link ${selector} on ${url}`);
    return new URL(href, `${base}${url}`).pathname;
  };

  // The portal.
  await visit('/');
  await visit('/aktuelles');
  await visit(await firstLink('/aktuelles', 'main article h2 a, main article h3 a'));
  await visit('/publikationen');
  await visit(await firstLink('/publikationen', 'main article h2 a, main article h3 a'));
  await visit('/suche?q=Gelsenkirchen');
  await visit('/suche?q=Kinderarmut');
  await visit('/anmelden');

  // The monitor: each page kind, region profiles of a kreisfreie Stadt, a Kreis and a Gemeinde.
  await visit('/monitor');
  await visit('/monitor/indikatoren/schulabgaenger_ohne_abschluss');
  await visit('/monitor/regionen');
  await visit('/monitor/regionen/05513');
  await visit('/monitor/regionen/05170');
  await visit('/monitor/regionen/05170016');
  await visit('/monitor/regionen/05913000/schulen');
  await visit('/monitor/katalog');
  await visit('/monitor/ziele');
  await visit('/monitor/offene-daten');

  // The dataset browser.
  await visit('/daten/datensaetze');
  await visit(await firstLink('/daten/datensaetze', 'main table a[href^="/daten/datensaetze/"]'));

  // The report: start, a chapter, a figure by its web code, the data appendix, the glossary.
  const codes = JSON.parse(fs.readFileSync(path.join(reportDir, 'codes.json'), 'utf8'));
  await visit('/bericht/');
  await visit(`/bericht/${codes.chapters[1].url}`);
  const figure = codes.figures.find((f) => f.place.startsWith('Kapitel 2'));
  await visit(`/code/${figure.code}`);
  assert.equal(new URL(page.url()).hash, `#${figure.url.split('#')[1]}`, 'the web code leads to its figure');
  await visit('/bericht/daten/index.html');
  await visit('/bericht/glossar.html');

  // The network's public pages.
  for (const url of ['/netzwerk', '/netzwerk/partner', '/netzwerk/agenda', '/netzwerk/karte',
    '/netzwerk/praxisbeispiele']) {
    const res = await page.request.get(`${base}${url}`, { maxRedirects: 0 });
    if (res.status() === 200) await visit(url);
  }

  // A survey's answer page: the office opens a wave with an open link.
  const office = await browser.newPage();
  await office.goto(`${base}/anmelden`);
  await office.fill('#email', 'daten@ruhrfutur.example');
  await office.fill('#password', 'ruhrfutur-demo');
  await office.click('form.form button[type=submit]');
  await office.waitForURL((u) => !u.pathname.startsWith('/anmelden'));
  await office.goto(`${base}/umfragen`);
  const survey = office.locator('main section.section').first();
  await survey.locator('summary', { hasText: 'Neue Welle anlegen' }).click();
  const waveForm = survey.locator('form[action$="/wellen"]');
  const today = new Date().toISOString().slice(0, 10);
  const later = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
  await waveForm.locator('input[name="titel"]').fill('Rundgang');
  await waveForm.locator('input[name="beginn"]').fill(today);
  await waveForm.locator('input[name="ende"]').fill(later);
  await waveForm.locator('input[name="offener_link"]').check();
  await waveForm.locator('button[type=submit]').click();
  const openLink = await office.locator('.token-box a').getAttribute('href');
  await office.close();
  await visit(new URL(openLink).pathname);

  // The 404 page under every area: styled, with the navigation, German.
  for (const url of ['/gibt-es-nicht', '/monitor/gibt-es-nicht', '/monitor/regionen/99999', '/daten/gibt-es-nicht',
    '/daten/datensaetze/gibt-es-nicht', '/bericht/gibt-es-nicht.html', '/netzwerk/gibt-es-nicht']) {
    await visit(url, { status: 404 });
    if (await page.locator('nav[aria-label="Hauptnavigation"]').count() !== 1) problems.push(`${url}: 404 without navigation`);
    if (await page.locator('h1').count() !== 1) problems.push(`${url}: 404 without one h1`);
  }
  // The API answers JSON.
  const api = await page.request.get(`${base}/api/v1/gibt-es-nicht`);
  assert.equal(api.status(), 404);
  const problem = await api.json();
  assert.equal(problem.status, 404);
  assert.equal(problem.title, 'Seite nicht gefunden');

  assert.ok(visited.length >= 35, `${visited.length} pages visited`);
  assert.deepEqual(problems, []);
  await context.close();
}

test('every page type at 360 px: no sideways scrolling, axe clean, described (SQLite)', { timeout: 1500000 },
  async (t) => {
    await tour(t);
  });

test('every page type at 360 px: no sideways scrolling, axe clean, described (PostgreSQL)', { timeout: 1500000 },
  async (t) => {
    const pg = await startPostgres({ demo: true });
    t.after(() => pg.stop());
    await tour(t, pg.url);
  });

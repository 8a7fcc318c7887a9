// A journalist's journey to the education report, on SQLite and PostgreSQL:
// from the home page (its navigation and its report teaser) to the online
// report, from there to a figure by its web code (typed into the form of the
// report's start page or the home page), and back through the report's
// publication entry, the monitor and the sitemap; then the one search over
// content, indicators, regions and the report's figures (by web code too).
// Every page is checked with axe (every rule, best practices included, any impact).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startDemoReportServer, startPostgres, launchBrowser, a11yViolations } = require('./support');

async function journey(t, database) {
  const server = await startDemoReportServer(database);
  const reportDir = server.reportDir;  // the shared demo's report, or one built for this server
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const base = server.base;
  const checked = async (where) => assert.deepEqual(await a11yViolations(page), [], where);

  // The home page: the report in the main navigation and as a teaser with its chapters.
  await page.goto(`${base}/`);
  await checked('/');
  const nav = page.locator('nav[aria-label="Hauptnavigation"] a', { hasText: 'Bildungsbericht' });
  assert.equal(await nav.getAttribute('href'), '/bericht/');
  const teaser = page.locator('section.report-teaser');
  assert.equal((await teaser.locator('h2').textContent()).trim(), 'Bildungsbericht Ruhr 2025');
  assert.equal(await teaser.locator('ol.report-chapters li').count(), 6);
  await teaser.getByRole('link', { name: 'Bericht online lesen' }).click();
  await page.waitForURL(`${base}/bericht/`);

  // The report names itself as the portal does.
  assert.equal((await page.locator('h1').textContent()).trim(), 'Bildungsbericht Ruhr');
  assert.match(await page.locator('.titelblatt .ausgabe').textContent(), /Ausgabe 2025/);
  await checked('/bericht/');

  // A web code as printed next to a figure of chapter 2.
  const codes = JSON.parse(fs.readFileSync(path.join(reportDir, 'codes.json'), 'utf8'));
  const figure = codes.figures.find((f) => f.place.startsWith('Kapitel 2'));
  assert.ok(figure, 'a figure in chapter 2');
  assert.match(figure.code, /^\d{5}$/);
  await page.fill('#webcode', figure.code);
  await page.getByRole('button', { name: 'Zur Abbildung' }).click();
  const figureUrl = `/bericht/${figure.url}`;  // codes.json holds paths inside the report
  const [pagePath, anchor] = figureUrl.split('#');
  await page.waitForURL(`${base}${pagePath}#${anchor}`);
  const shown = page.locator(`figure#${anchor}`);
  assert.equal(await shown.getAttribute('data-webcode'), figure.code);
  assert.equal((await shown.locator('.abb-titel').textContent()).trim(), figure.title);
  assert.ok(await shown.isVisible());
  await checked(pagePath);

  // The same from the home page's web-code field; a wrong code gets a German answer.
  await page.goto(`${base}/`);
  await page.fill('#home-webcode', figure.code);
  await page.locator('section.report-teaser button[type=submit]').click();
  await page.waitForURL(`${base}${pagePath}#${anchor}`);
  const unknown = ['99999', '98765', '12345'].find((c) => !(c in codes.codes));
  const wrong = await page.request.get(`${base}/code?webcode=${unknown}`, { maxRedirects: 0 });
  assert.equal(wrong.status(), 404);
  assert.match(await wrong.text(), new RegExp(`Den Webcode ${unknown} gibt es nicht`));
  const malformed = await page.request.get(`${base}/code?webcode=12ab`, { maxRedirects: 0 });
  assert.equal(malformed.status(), 404);
  assert.match(await malformed.text(), /Ein Webcode hat fünf Ziffern/);

  // Its publication entry links the online version.
  await page.goto(`${base}/publikationen`);
  await page.getByRole('link', { name: 'Bildungsbericht Ruhr 2025' }).first().click();
  await page.waitForURL(`${base}/publikationen/bildungsbericht-ruhr-2025`);
  await checked('/publikationen/bildungsbericht-ruhr-2025');
  assert.equal(await page.locator('a.button', { hasText: 'Online lesen' }).getAttribute('href'), '/bericht/');

  // The monitor points to the report.
  await page.goto(`${base}/monitor`);
  assert.equal(await page.locator('.report-link a').getAttribute('href'), '/bericht/');

  // The sitemap lists the report and its chapters.
  const sitemap = await (await page.request.get(`${base}/sitemap.xml`)).text();
  assert.match(sitemap, /<loc>[^<]*\/bericht\/<\/loc>/);
  for (const chapter of codes.chapters) assert.ok(sitemap.includes(`/bericht/${chapter.url}</loc>`), chapter.url);

  // One search over content, indicators, regions and the report, grouped by kind.
  const group = (slug) => page.locator(`section[aria-labelledby="treffer-${slug}"] ul.data-results a`);
  const hrefs = async (slug) => group(slug).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const q of ['Schulabgänger', 'schulabganger', 'SCHULABGAENGER']) {
    await page.goto(`${base}/suche?q=${encodeURIComponent(q)}`);
    const found = await hrefs('indikatoren');
    assert.ok(found.includes('/monitor/indikatoren/schulabgaenger_ohne_abschluss'), `${q}: ${found}`);
    assert.ok(found.includes('/monitor/indikatoren/schulabgaenger_hochschulreife'), `${q}: ${found}`);
  }
  await checked('/suche?q=SCHULABGAENGER');
  await page.goto(`${base}/suche?q=Kinderarmut`);
  assert.deepEqual(await hrefs('indikatoren'), ['/monitor/indikatoren/kinderarmut_u15']);
  // The dataset browser's tables, by code and by words of their title.
  await page.goto(`${base}/suche?q=21111-02-06-4`);
  assert.deepEqual(await hrefs('datensaetze'), ['/daten/datensaetze/21111-02-06-4']);
  await page.goto(`${base}/suche?q=Arbeitslose`);
  assert.ok((await hrefs('datensaetze')).includes('/daten/datensaetze/13211-02-05-4'));
  await checked('/suche?q=Arbeitslose');
  await page.locator('section[aria-labelledby="treffer-datensaetze"] a[href="/daten/datensaetze/13211-02-05-4"]').click();
  await page.waitForURL(/\/daten\/datensaetze\/13211-02-05-4$/);
  await page.goto(`${base}/suche?q=Abitur`);  // a synonym from the catalogue
  assert.deepEqual(await hrefs('indikatoren'), ['/monitor/indikatoren/schulabgaenger_hochschulreife']);

  await page.goto(`${base}/suche?q=Gelsenkirchen`);
  const regions = await hrefs('regionen');
  assert.ok(regions.includes('/monitor/regionen/05513'), regions.join(' '));
  assert.ok(regions.includes('/monitor/regionen/05513000'), regions.join(' '));
  assert.ok(await page.locator('ol.search-results li').count() >= 1, 'news about Gelsenkirchen still found');
  await checked('/suche?q=Gelsenkirchen');
  // A small municipality, found with its Kreis; and every Kreis word finds the Kreise.
  await page.goto(`${base}/suche?q=hunxe`);
  assert.deepEqual(await hrefs('regionen'), ['/monitor/regionen/05170016']);
  assert.match(await group('regionen').first().locator('xpath=..').innerText(), /Gemeinde · .*Wesel/);
  await page.goto(`${base}/suche?q=Kreis`);
  assert.ok((await page.locator('section[aria-labelledby="treffer-regionen"] h2').innerText()).includes('('),
    'Kreise found');

  // A figure by its web code: one hit, and the link leads to the figure.
  await page.goto(`${base}/suche?q=${figure.code}`);
  assert.deepEqual(await hrefs('abbildungen'), [figureUrl]);
  await group('abbildungen').first().click();
  await page.waitForURL(`${base}${figureUrl}`);
  assert.equal(await page.locator(`figure#${anchor}`).getAttribute('data-webcode'), figure.code);

  // On a phone the results page does not scroll sideways.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`${base}/suche?q=Gelsenkirchen`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${overflow}px sideways scrolling at 360 px`);
  await page.close();
}

test('journalist: home page to the report and a figure by its web code (SQLite)', { timeout: 900000 }, async (t) => {
  await journey(t);
});

test('journalist: home page to the report and a figure by its web code (PostgreSQL)', { timeout: 900000 },
  async (t) => {
    const pg = await startPostgres({ demo: true });
    t.after(() => pg.stop());
    await journey(t, pg.url);
  });

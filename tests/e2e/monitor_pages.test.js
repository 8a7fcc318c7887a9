// The education monitoring in a real browser with the demo data: overview,
// an indicator page, a region profile, schools and goals — no serious or
// critical axe violations, every chart with a title and a data table that
// holds the chart's values, the GET form, phones (360 px), a data steward's goal.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { importDemo, startServer, launchBrowser, seriousA11yViolations } = require('./support');

test('monitor pages in Chromium', { timeout: 300000 }, async (t) => {
  const server = await startServer({ prepare: importDemo });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

  await t.test('overview', async () => {
    const res = await page.goto(`${server.base}/monitor`);
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('h1').count(), 1);
    assert.ok(await page.locator('.indicator-card').count() >= 15);
    // Stages of the education biography as sections.
    for (const stage of ['Rahmenbedingungen', 'Frühe Bildung', 'Allgemeinbildende Schule', 'Berufliche Bildung', 'Hochschule']) {
      assert.equal(await page.locator('h2', { hasText: stage }).count(), 1, stage);
    }
    // Trend arrows carry a text alternative.
    const trend = page.locator('.indicator-card .trend').first();
    assert.match(await trend.locator('.visually-hidden').innerText(), /seit|Entwicklung/);
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  await t.test('indicator page with charts, tables and the GET form', async () => {
    const res = await page.goto(`${server.base}/monitor/indikatoren/schulabgaenger_ohne_abschluss`);
    assert.equal(res.status(), 200);
    assert.match(await page.locator('h1').innerText(), /ohne Hauptschulabschluss/);
    const figures = page.locator('figure.figure');
    assert.ok(await figures.count() >= 3);
    for (let i = 0; i < await figures.count(); i++) {
      const figure = figures.nth(i);
      const svg = figure.locator('.chart-wide svg[role=img], .chart-box > svg[role=img]').first();
      const labelledby = await svg.getAttribute('aria-labelledby');
      const titleId = labelledby.split(' ')[0];
      assert.ok((await page.locator(`[id="${titleId}"]`).textContent()).length > 5, 'chart title');
      assert.match(await figure.locator('.source').innerText(), /^Quelle: .*eigene Berechnungen$/);
      assert.equal(await figure.locator('table.data-table').count(), 1, 'data table');
    }
    // The time series: one mark per value, and the table holds the same values.
    const series = page.locator('#abb-verlauf');
    const marks = await series.locator('.chart-wide svg .mark').evaluateAll(
      (els) => els.map((e) => Number(e.getAttribute('data-value'))).sort((a, b) => a - b));
    const cells = await series.locator('table td[data-value]').evaluateAll(
      (els) => els.map((e) => Number(e.getAttribute('data-value'))).sort((a, b) => a - b));
    assert.ok(marks.length > 50);
    assert.deepEqual(marks, cells);
    // Ranking of the 15 Kreise.
    assert.equal(await page.locator('#abb-rangfolge table tbody tr').count(), 15);
    assert.deepEqual(await seriousA11yViolations(page), []);

    // Choose Dortmund in the form: the series and the ranking show it.
    await page.selectOption('#kreis', '05913');
    await Promise.all([page.waitForURL(/kreis=05913/), page.click('form.figure-controls button[type=submit]')]);
    assert.match(await page.locator('#abb-verlauf figcaption').innerText(), /Dortmund/);
    assert.equal(await page.locator('#abb-rangfolge .chart-wide g.bar.highlight').count(), 1);
    assert.match(await page.locator('#disparitaeten-titel + .table-scroll').innerText(), /Dortmund/);
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  await t.test('region profile and schools', async () => {
    let res = await page.goto(`${server.base}/monitor/regionen/05913`);
    assert.equal(res.status(), 200);
    assert.match(await page.locator('h1').innerText(), /Dortmund/);
    const sparks = page.locator('table.profile-table svg.sparkline[role=img]');
    assert.ok(await sparks.count() >= 8);
    assert.ok((await sparks.first().locator('desc').textContent()).includes(':'), 'values in the description');
    assert.deepEqual(await seriousA11yViolations(page), []);

    res = await page.goto(`${server.base}/monitor/regionen/05913000/schulen`);
    assert.equal(res.status(), 200);
    assert.ok(await page.locator('table.school-table tbody tr').count() > 100);
    assert.ok(await page.locator('#abb-schulkarte svg .points .mark').count() > 100);
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  await t.test('phones: narrow charts, nothing wider than the screen', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await phone.goto(`${server.base}/monitor/indikatoren/kita_quote_u3`);
    assert.equal(await phone.locator('#abb-verlauf .chart-narrow svg').isVisible(), true);
    assert.equal(await phone.locator('#abb-verlauf .chart-wide svg').isVisible(), false);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 362, `page is ${width}px wide`);
    assert.deepEqual(await seriousA11yViolations(phone), []);
    await phone.close();
  });

  await t.test('a data steward sets a goal; the public sees its status', async () => {
    await page.goto(`${server.base}/anmelden`);
    await page.fill('#email', 'daten@ruhrfutur.example');
    await page.fill('#password', 'ruhrfutur-demo');
    await page.click('form.form button[type=submit]');
    // A data steward's login lands on the import page.
    await page.waitForURL(`${server.base}/daten/import`);
    await page.goto(`${server.base}/monitor/ziele/neu?indikator=kita_quote_u3`);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.fill('#titel', 'Mehr Kita-Plätze für unter 3-Jährige');
    await page.fill('#ausgangszeitraum', '2015');
    await page.fill('#zielwert', '30,0');
    await page.fill('#zieljahr', '2025');
    await Promise.all([page.waitForURL(/\/monitor\/ziele\?gespeichert/), page.click('form.form button[type=submit]')]);
    const row = page.locator('table.goals-table tbody tr', { hasText: 'Mehr Kita-Plätze' });
    assert.equal(await row.count(), 1);
    assert.match(await row.locator('.goal-badge').innerText(), /auf Kurs|nicht auf Kurs|erreicht/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    // The overview shows the goal at its indicator.
    await page.goto(`${server.base}/monitor`);
    assert.equal(await page.locator('.indicator-card .card-goals li', { hasText: 'Mehr Kita-Plätze' }).count(), 1);
  });
});

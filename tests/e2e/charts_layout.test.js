// Charts lay out their labels: every figure of the demo report (chapters and
// all municipality profiles) and every monitor figure type, measured by
// Chromium itself (getBBox of every <text>). No text leaves its SVG's
// viewBox, no two texts overlap, no value label is crossed by a reference
// line, and line charts do not squash their lines into a thin band. At
// 360 px the report's and the monitor's figures use their phone drawings: no
// chart text is drawn smaller than 11 px.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { importDemo, demoReport, startServer, launchBrowser } = require('./support');

// Runs in the page: problems of every rendered chart (display:none ones are
// measured at the other viewport width).
function layoutProblems() {
  const problems = [];
  const tol = 0.5;
  const name = (svg) => svg.id || svg.closest('figure')?.id || svg.getAttribute('class');
  for (const svg of document.querySelectorAll('svg[role=img]')) {
    const rect = svg.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const vb = svg.viewBox.baseVal;
    if (!vb || vb.width === 0) continue;
    const boxes = [];
    for (const t of svg.querySelectorAll('text')) {
      const content = t.textContent.trim();
      if (!content) continue;
      const b = t.getBBox();
      boxes.push({ t, content, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height });
      if (b.x < vb.x - tol || b.y < vb.y - tol || b.x + b.width > vb.x + vb.width + tol ||
          b.y + b.height > vb.y + vb.height + tol) {
        problems.push(`${name(svg)}: „${content}“ leaves the viewBox ` +
          `(${b.x.toFixed(1)},${b.y.toFixed(1)} ${b.width.toFixed(1)}×${b.height.toFixed(1)} in ${vb.width}×${vb.height})`);
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x0 < b.x1 - tol && b.x0 < a.x1 - tol && a.y0 < b.y1 - tol && b.y0 < a.y1 - tol) {
          problems.push(`${name(svg)}: „${a.content}“ overlaps „${b.content}“`);
        }
      }
    }
    // Reference lines do not run through value labels.
    for (const line of svg.querySelectorAll('g.reference line')) {
      const x = Number(line.getAttribute('x1'));
      for (const b of boxes) {
        if (!b.t.matches('.value, .missing')) continue;
        if (b.x0 + tol < x && x < b.x1 - tol) problems.push(`${name(svg)}: a reference line crosses „${b.content}“`);
      }
    }
    // A line chart's marks use at least a third of its plot height.
    if (svg.matches('.line-chart')) {
      const ys = [...svg.querySelectorAll('.series .mark')].map((m) => m.getBBox()).map((b) => b.y + b.height / 2);
      const grid = [...svg.querySelectorAll('.y-axis line')].map((l) => Number(l.getAttribute('y1')));
      if (ys.length > 3 && grid.length > 1) {
        const spread = Math.max(...ys) - Math.min(...ys);
        const plot = Math.max(...grid) - Math.min(...grid);
        if (spread > 0 && spread < plot / 3) {
          problems.push(`${name(svg)}: lines use ${spread.toFixed(0)} of ${plot.toFixed(0)} px plot height`);
        }
      }
    }
  }
  return problems;
}

// Runs in the page: the smallest drawn font size of chart texts, in CSS px.
function smallestChartFont() {
  let smallest = { size: Infinity, text: '' };
  for (const svg of document.querySelectorAll('svg[role=img]')) {
    const rect = svg.getBoundingClientRect();
    const vb = svg.viewBox.baseVal;
    if (rect.width === 0 || !vb || vb.width === 0) continue;
    const scale = rect.width / vb.width;
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < smallest.size) smallest = { size, text: `${svg.id}: „${t.textContent.trim()}“` };
    }
  }
  return smallest;
}

test('chart labels lay out without clipping or collisions', { timeout: 1500000 }, async (t) => {
  const reportOut = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'rf-e2e-report-'));
  t.after(() => fs.rmSync(reportOut, { recursive: true, force: true }));
  let reportDir;
  const server = await startServer({
    prepare: (db, dir) => {
      importDemo(db, dir);
      reportDir = demoReport(db, dir, reportOut);
      return { env: { RF_REPORT_DIR: reportDir } };
    },
    healthTimeoutMs: 300000,
  });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());

  const reportPages = [
    ...fs.readdirSync(path.join(reportDir, 'kapitel')).filter((f) => f.endsWith('.html')).map((f) => `kapitel/${f}`),
    ...fs.readdirSync(path.join(reportDir, 'profile')).filter((f) => f.endsWith('.html')).map((f) => `profile/${f}`),
  ].sort();
  assert.ok(reportPages.length >= 5 + 15 + 53, `${reportPages.length} report pages`);
  const indicators = (await (await fetch(`${server.base}/api/v1/indicators`)).json());
  const ids = (Array.isArray(indicators) ? indicators : indicators.indicators).map((i) => i.id);
  assert.ok(ids.length >= 15, `${ids.length} indicators`);
  const monitorPages = ['/monitor', ...ids.map((id) => `/monitor/indikatoren/${id}`),
    '/monitor/indikatoren/schulabgaenger_ohne_abschluss?kreis=05913', '/monitor/regionen/05913',
    '/monitor/regionen/05562', '/monitor/regionen/05913000/schulen'];

  for (const width of [1280, 360]) {
    await t.test(`every figure at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const problems = [];
      let charts = 0;
      for (const p of [...reportPages.map((r) => `/bericht/${r}`), ...monitorPages]) {
        const res = await page.goto(`${server.base}${p}`);
        assert.equal(res.status(), 200, p);
        charts += await page.locator('svg[role=img]').evaluateAll(
          (els) => els.filter((e) => e.getBoundingClientRect().width > 0).length);
        for (const problem of await page.evaluate(layoutProblems)) problems.push(`${p} ${problem}`);
        // Trend words ("↑ ungünstig") stay whole inside their table cell.
        for (const cut of await page.locator('td .trend').evaluateAll((els) => els
          .filter((e) => e.getBoundingClientRect().right > e.closest('td').getBoundingClientRect().right + 0.5)
          .map((e) => e.textContent))) {
          problems.push(`${p} trend word cut: ${cut}`);
        }
      }
      assert.ok(charts > 150, `${charts} charts measured`);
      assert.deepEqual(problems.slice(0, 40), [], `${problems.length} problems`);
      await page.close();
    });
  }

  await t.test('figures on a phone: the narrow layout, no text under 11 px', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    for (const chapter of reportPages.filter((p) => p.startsWith('kapitel/'))) {
      await page.goto(`${server.base}/bericht/${chapter}`);
      // The layout a reader sees: after the report's web fonts and late loads. Measured right at
      // the load event, a chapter was once 388 px wide in a full parallel test run (the text
      // still in the fallback font's wider metrics, or an image not yet sized).
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => document.fonts.ready);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= 360, `${chapter} is ${scroll}px wide`);
      const smallest = await page.evaluate(smallestChartFont);
      if (smallest.size === Infinity) continue;
      assert.ok(smallest.size >= 11, `${chapter}: ${smallest.text} drawn at ${smallest.size.toFixed(1)} px`);
    }
    // The monitor's phone drawings: the same rule on every indicator page.
    for (const id of ids) {
      await page.goto(`${server.base}/monitor/indikatoren/${id}`);
      const smallest = await page.evaluate(smallestChartFont);
      assert.ok(smallest.size >= 11, `${id}: ${smallest.text} drawn at ${smallest.size.toFixed(1)} px`);
    }
    await page.close();
  });
});

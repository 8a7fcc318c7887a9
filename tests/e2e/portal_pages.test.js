// Every public page type with the demo content: no serious accessibility
// violations (axe-core), usable with the keyboard alone, no horizontal
// scrolling at 360 px, printable; cached pages never share CSRF tokens.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { seriousA11yViolations } = require('./support');
const { startDemoServer, launchBrowser } = require('./portal_support');

const PAGES = [
  '/', '/ueber-uns', '/themen', '/themen/uebergaenge', '/aktuelles', '/aktuelles?seite=2',
  '/aktuelles/fachtag-uebergaenge-gestalten', '/aktuelles/neue-indikatoren-schulabschluesse',
  '/publikationen', '/publikationen?typ=studie&jahr=2026', '/publikationen/bildungsbericht-ruhr-2025',
  '/stellenangebote', '/stellenangebote/referentin-referent-bildungsmonitoring', '/newsletter', '/kontakt',
  '/impressum', '/datenschutz', '/seiten/barrierefreiheit', '/suche', '/suche?q=bildung', '/gibt-es-nicht',
];

let server;
let browser;
test.before(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});
test.after(async () => {
  await browser?.close();
  await server?.stop();
});

test('every page type: one h1, German, no serious axe violations, fits 360 px', async () => {
  const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const narrow = await browser.newPage({ viewport: { width: 360, height: 740 } });
  for (const path of PAGES) {
    const res = await wide.goto(`${server.base}${path}`);
    assert.equal(res.status(), path === '/gibt-es-nicht' ? 404 : 200, path);
    assert.equal(await wide.locator('h1').count(), 1, `one h1 on ${path}`);
    assert.equal(await wide.getAttribute('html', 'lang'), 'de');
    assert.deepEqual(await seriousA11yViolations(wide), [], path);
    await narrow.goto(`${server.base}${path}`);
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways at 360 px by ${overflow} px`);
  }
});

test('pages carry descriptions and Open Graph tags; feed and sitemap are well-formed', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/publikationen/bildungsbericht-ruhr-2025`);
  assert.equal(await page.getAttribute('meta[property="og:title"]', 'content'), 'Bildungsbericht Ruhr 2025');
  assert.match(await page.getAttribute('meta[property="og:url"]', 'content'), /\/publikationen\/bildungsbericht-ruhr-2025$/);
  assert.match(await page.getAttribute('meta[name="description"]', 'content'), /Befunde/);
  const pdf = await page.request.get(`${server.base}/publikationen/bildungsbericht-ruhr-2025/pdf`);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  const cover = await page.request.get(await page.getAttribute('img.cover', 'src').then((s) => `${server.base}${s}`));
  assert.equal(cover.headers()['content-type'], 'image/png');

  await page.goto(`${server.base}/aktuelles`);
  assert.equal(await page.getAttribute('link[rel=alternate]', 'href'), '/aktuelles/feed.xml');
  for (const [path, root] of [['/aktuelles/feed.xml', 'feed'], ['/sitemap.xml', 'urlset']]) {
    const xml = await (await page.request.get(`${server.base}${path}`)).text();
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return { error: doc.querySelector('parsererror')?.textContent || '', root: doc.documentElement.localName,
        entries: doc.documentElement.children.length };
    }, xml);
    assert.equal(parsed.error, '', path);
    assert.equal(parsed.root, root);
    assert.ok(parsed.entries > 5, path);
  }
});

test('keyboard only: skip link, main navigation, publication filter, search', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Direkt zum Inhalt');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'inhalt');

  // From the top, Tab reaches "Publikationen" in the main navigation.
  await page.goto(`${server.base}/`);
  let label = '';
  for (let i = 0; i < 12 && label !== 'Publikationen'; ++i) {
    await page.keyboard.press('Tab');
    label = await page.evaluate(() => document.activeElement.textContent.trim());
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', `focus visible on ${label}`);
  }
  assert.equal(label, 'Publikationen');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${server.base}/publikationen`);

  // The filter: choose a type with the arrow keys, submit with Enter.
  await page.focus('#filter-typ');
  await page.keyboard.press('ArrowDown');
  const chosen = await page.inputValue('#filter-typ');
  assert.notEqual(chosen, '');
  await page.keyboard.press('Tab');  // Jahr
  await page.keyboard.press('Tab');  // Filtern
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Filtern');
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`typ=${chosen}`));
  assert.match(await page.locator('.result-count').innerText(), /^1 Publikation$/);

  // Search from the keyboard.
  await page.goto(`${server.base}/suche`);
  await page.focus('#suche-q');
  await page.keyboard.type('übergänge');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/suche\?q=/);
  assert.match(await page.locator('.search-results').innerText(), /Übergänge/);
  // Results are links reachable with Tab.
  const links = await page.locator('.search-results a').count();
  assert.ok(links >= 2);
});

test('print: navigation and forms are hidden, content stays', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/publikationen`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.main-nav').isVisible(), false);
  assert.equal(await page.locator('form.filter').isVisible(), false);
  assert.equal(await page.locator('h1').isVisible(), true);
  assert.equal(await page.locator('.publication-list').isVisible(), true);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);
});

test('the page cache gives every visitor their own CSRF token', async () => {
  const tokens = [];
  for (let i = 0; i < 2; ++i) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.base}/newsletter`);
    const token = await page.getAttribute('input[name=_csrf]', 'value');
    const cookie = (await context.cookies()).find((c) => c.name === 'rf_csrf');
    assert.equal(token, cookie.value, 'the form holds this visitor\'s token');
    tokens.push(token);
    await context.close();
  }
  assert.notEqual(tokens[0], tokens[1]);
  // The second answer came from the cache: same markup otherwise.
  const a = await (await fetch(`${server.base}/newsletter`)).text();
  const b = await (await fetch(`${server.base}/newsletter`)).text();
  const strip = (s) => s.replace(/name="_csrf" value="[^"]*"/g, '');
  assert.equal(strip(a), strip(b));
  assert.notEqual(a, b);
});

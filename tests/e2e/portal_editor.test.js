// The editor in a real browser: an editor writes a news item in Markdown,
// publishes it, and visitors find it on Start, in Aktuelles, in the feed and in
// the search; a draft stays invisible; a <script> in the body never runs.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { seriousA11yViolations } = require('./support');
const { startDemoServer, loginAsEditor, launchBrowser } = require('./portal_support');

const TITLE = 'Übergänge in die Ausbildung gelingen häufiger';
const BODY = [
  'Die **Partnerkommunen** berichten von _ersten Erfolgen_.',
  '',
  '## Was sich geändert hat',
  '',
  '- frühere Berufsorientierung',
  '- gemeinsame Beratung',
  '',
  '<script>window.__xss = "script"</script>',
  '<img src="x" onerror="window.__xss = \'img\'">',
  '',
  '[Klick mich](javascript:window.__xss=\'link\')',
  '',
  '| Stadt | Beratungen |',
  '|---|--:|',
  '| Herne | 120 |',
].join('\n');

test('editor writes, previews and publishes a news item; visitors see it only then', async (t) => {
  const server = await startDemoServer();
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const editor = await (await browser.newContext()).newPage();
  const visitor = await (await browser.newContext()).newPage();
  const base = server.base;

  await loginAsEditor(editor, base);
  await editor.goto(`${base}/redaktion`);
  assert.deepEqual(await seriousA11yViolations(editor), []);
  await editor.click('a[href="/redaktion/meldungen/neu"]');

  // Validation keeps what was typed and names the problems.
  await editor.fill('#feld-title', TITLE);
  await editor.fill('#feld-body', BODY);
  await editor.fill('#feld-item_date', '');
  await editor.click('button[name=action][value=save]');
  assert.match(await editor.locator('#formular-fehler').innerText(), /Anreißer/);
  assert.equal(await editor.inputValue('#feld-title'), TITLE);
  assert.equal(await editor.inputValue('#feld-body'), BODY);
  assert.equal(await editor.getAttribute('#feld-summary', 'aria-invalid'), 'true');
  assert.match(await editor.getAttribute('#feld-summary', 'aria-describedby'), /feld-summary-fehler/);
  assert.deepEqual(await seriousA11yViolations(editor), []);

  await editor.fill('#feld-summary', 'In drei Städten finden mehr Jugendliche direkt einen Ausbildungsplatz.');
  await editor.fill('#feld-item_date', new Date().toISOString().slice(0, 10));
  await editor.selectOption('#feld-theme', { label: 'Übergänge' });
  await editor.click('button[name=action][value=save]');
  await editor.waitForURL(/\/redaktion\/meldungen\/\d+\?hinweis=angelegt$/);
  assert.match(await editor.locator('.panel .status').innerText(), /Entwurf/);
  const editUrl = editor.url().replace(/\?.*$/, '');

  // The draft: invisible to visitors everywhere.
  const slug = 'uebergaenge-in-die-ausbildung-gelingen-haeufiger';
  let res = await visitor.goto(`${base}/aktuelles/${slug}`);
  assert.equal(res.status(), 404);
  await visitor.goto(`${base}/aktuelles`);
  assert.doesNotMatch(await visitor.locator('main').innerText(), /gelingen häufiger/);
  await visitor.goto(`${base}/suche?q=ausbildung+haufiger`);
  assert.match(await visitor.locator('.result-count').innerText(), /^0 Treffer/);
  assert.doesNotMatch(await (await visitor.request.get(`${base}/aktuelles/feed.xml`)).text(), /gelingen häufiger/);

  // The preview shows the draft to the editor, sanitised.
  await editor.click('text=Vorschau ansehen');
  assert.match(await editor.locator('.preview-banner').innerText(), /noch nicht/);
  assert.equal(await editor.locator('.preview-frame h1').innerText(), TITLE);
  assert.equal(await editor.evaluate(() => window.__xss), undefined);
  await editor.goto(editUrl);

  await editor.click('text=Jetzt veröffentlichen');
  await editor.waitForURL(/hinweis=veroeffentlicht/);
  assert.match(await editor.locator('.panel .status').innerText(), /Veröffentlicht/);

  // Published: on Start, in Aktuelles, in the feed and in the search (cache invalidated).
  await visitor.goto(`${base}/`);
  assert.match(await visitor.locator('#aktuelles-titel + .teasers').innerText(), /gelingen häufiger/);
  await visitor.goto(`${base}/aktuelles`);
  await visitor.click(`text=${TITLE}`);
  assert.equal(new URL(visitor.url()).pathname, `/aktuelles/${slug}`);
  assert.equal(await visitor.locator('.prose strong').first().innerText(), 'Partnerkommunen');
  // "## …" in the body is an h2: the page title is the one h1 and headings
  // descend one level at a time (no h3 right under the h1).
  assert.equal(await visitor.locator('.prose h2').innerText(), 'Was sich geändert hat');
  assert.equal(await visitor.locator('.prose h3').count(), 0);
  assert.equal(await visitor.locator('.prose table td').last().innerText(), '120');
  // The script was dropped, not executed; no javascript: link, no event handler.
  assert.equal(await visitor.evaluate(() => window.__xss), undefined);
  assert.equal(await visitor.locator('main script').count(), 0);
  assert.equal(await visitor.locator('main [onerror]').count(), 0);
  assert.equal(await visitor.locator('main a[href^="javascript"]').count(), 0);
  assert.match(await visitor.locator('.prose').innerText(), /Klick mich/);
  assert.equal(await visitor.getAttribute('meta[property="og:type"]', 'content'), 'article');
  assert.deepEqual(await seriousA11yViolations(visitor), []);

  const feed = await (await visitor.request.get(`${base}/aktuelles/feed.xml`)).text();
  assert.match(feed, /<title>Übergänge in die Ausbildung gelingen häufiger<\/title>/);
  assert.match(feed, new RegExp(`/aktuelles/${slug}`));
  assert.doesNotMatch(feed, /<script/);

  await visitor.goto(`${base}/suche`);
  await visitor.fill('#suche-q', 'UEBERGAENGE ausbildung');
  await visitor.press('#suche-q', 'Enter');
  await visitor.waitForURL(/\/suche\?q=/);
  assert.match(await visitor.locator('.search-results').innerText(), /gelingen häufiger/);

  // Unpublishing takes it away again.
  await editor.click('.panel button:has-text("Zurückziehen")');
  await editor.waitForURL(/hinweis=zurueckgezogen/);
  res = await visitor.goto(`${base}/aktuelles/${slug}`);
  assert.equal(res.status(), 404);
});

test('scheduling, revisions and restore', async (t) => {
  const server = await startDemoServer();
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const editor = await browser.newPage();
  const base = server.base;
  await loginAsEditor(editor, base);

  await editor.goto(`${base}/redaktion/meldungen/neu`);
  await editor.fill('#feld-title', 'Geplante Meldung zum Jahresforum');
  await editor.fill('#feld-summary', 'Kurzfassung');
  await editor.fill('#feld-body', 'Erste Fassung des Textes.');
  await editor.click('button[name=action][value=save]');
  await editor.waitForURL(/hinweis=angelegt/);
  const editUrl = editor.url().replace(/\?.*$/, '');

  // Scheduled for tomorrow: not visible yet.
  await editor.click('button:has-text("Veröffentlichung planen")');
  await editor.waitForURL(/hinweis=geplant/);
  assert.match(await editor.locator('.panel .status').innerText(), /Geplant für/);
  const anonymous = await browser.newPage();
  const res = await anonymous.goto(`${base}/aktuelles/geplante-meldung-zum-jahresforum`);
  assert.equal(res.status(), 404);

  // A second version, then back to the first.
  await editor.fill('#feld-body', 'Zweite Fassung des Textes.');
  await editor.click('button[name=action][value=save]');
  await editor.waitForURL(/hinweis=gespeichert/);
  await editor.click('text=Versionen');
  assert.equal(await editor.locator('tbody tr').count(), 3);  // create, publish (scheduled), update
  assert.deepEqual(await seriousA11yViolations(editor), []);
  await editor.locator('tbody tr').last().locator('button:has-text("Wiederherstellen")').click();
  await editor.waitForURL(/hinweis=wiederhergestellt/);
  assert.equal(await editor.inputValue('#feld-body'), 'Erste Fassung des Textes.');
  assert.equal(editor.url().replace(/\?.*$/, ''), editUrl);

  // Delete asks first.
  await editor.click('text=Löschen …');
  assert.deepEqual(await seriousA11yViolations(editor), []);
  await editor.click('button:has-text("Endgültig löschen")');
  await editor.waitForURL(/\/redaktion\/meldungen\?hinweis=geloescht/);
  assert.doesNotMatch(await editor.locator('main').innerText(), /Geplante Meldung/);
});

test('visitors cannot reach the editor', async (t) => {
  const server = await startDemoServer();
  t.after(() => server.stop());
  const res = await fetch(`${server.base}/redaktion/meldungen`, { redirect: 'manual' });
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /^\/anmelden\?weiter=/);
  // A POST without a session is refused from its header alone (upload routes check the role
  // before reading a body): the visitor is sent to the login page and nothing is stored.
  const post = await fetch(`${server.base}/redaktion/meldungen/neu`, { method: 'POST', body: 'title=x',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  assert.equal(post.status, 303);
  assert.match(post.headers.get('location'), /^\/anmelden\?weiter=/);
  const list = await fetch(`${server.base}/aktuelles`);
  assert.doesNotMatch(await list.text(), />x</);
});

// A tiny valid PNG (1 x 1 pixel, grey).
const PNG_1PX = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010800000000376ef9240000000a49444154789c636000000002000154a24f5d0000000049454e44ae426082',
  'hex');
const MINI_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test('uploads: cover image and PDF are checked by content and kept across a failed save', async (t) => {
  const server = await startDemoServer();
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); });
  const editor = await browser.newPage();
  const base = server.base;
  await loginAsEditor(editor, base);

  await editor.goto(`${base}/redaktion/publikationen/neu`);
  await editor.fill('#feld-title', 'Testbericht mit Titelbild');
  await editor.selectOption('#feld-category', 'studie');
  await editor.fill('#feld-summary', 'Kurzfassung des Testberichts.');
  await editor.setInputFiles('#feld-image-datei', { name: 'titel.png', mimeType: 'image/png', buffer: PNG_1PX });
  // HTML disguised as a PDF: refused by its content, whatever name and type the browser sends.
  await editor.setInputFiles('#feld-file-datei', { name: 'bericht.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('<html><script>alert(1)</script></html>') });
  await editor.click('button[name=action][value=save]');
  assert.match(await editor.locator('#formular-fehler').innerText(), /PDF-Datei/);
  // The valid image survived the failed save.
  assert.match(await editor.getAttribute('.file-field img.thumb', 'src'), /^\/dateien\/[0-9a-f]{64}$/);
  assert.equal(await editor.inputValue('#feld-title'), 'Testbericht mit Titelbild');
  assert.deepEqual(await seriousA11yViolations(editor), []);

  await editor.setInputFiles('#feld-file-datei', { name: 'bericht.pdf', mimeType: 'application/pdf', buffer: MINI_PDF });
  await editor.click('button[name=action][value=publish]');
  await editor.waitForURL(/hinweis=veroeffentlicht/);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${base}/publikationen/testbericht-mit-titelbild`);
  const cover = await visitor.getAttribute('img.cover', 'src');
  const image = await visitor.request.get(`${base}${cover}`);
  assert.equal(image.headers()['content-type'], 'image/png');
  assert.match(image.headers()['cache-control'], /immutable/);
  const download = await visitor.request.get(`${base}/publikationen/testbericht-mit-titelbild/pdf`);
  assert.equal(download.status(), 200);
  assert.match(download.headers()['content-disposition'], /attachment; filename="testbericht-mit-titelbild.pdf"/);
  assert.deepEqual(await download.body(), MINI_PDF);

  // The file store lists both uploads with a Markdown snippet.
  await editor.goto(`${base}/redaktion/dateien`);
  await editor.setInputFiles('#datei', { name: 'skript.svg', mimeType: 'image/svg+xml',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') });
  await editor.click('form.form button[type=submit]');
  assert.match(await editor.locator('[role=alert]').innerText(), /PNG, JPEG, WebP/);
  assert.match(await editor.locator('main table').innerText(), /titel\.png/);
  assert.match(await editor.locator('main table').innerText(), /!\[Bildbeschreibung\]\(\/dateien\//);
});

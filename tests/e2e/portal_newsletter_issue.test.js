// Newsletter issues from the editor's side against a real SMTP server: write an
// issue with a picked news item, preview both parts, send a test to oneself,
// send it to the confirmed subscribers; the mails are multipart with the
// recipient's own unsubscribe link and RFC 8058 one-click unsubscribe, which
// works with a plain POST (no cookie, no CSRF token); the archive shows the
// issue; the editor sees sent and unsubscribed-since counts.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { seriousA11yViolations } = require('./support');
const { startDemoServer, startSmtpSink, loginAsEditor, launchBrowser } = require('./portal_support');

// Sign-up and confirmation as a visitor would do them, with plain HTTP.
async function confirmedSubscriber(base, smtp, email) {
  const form = await fetch(`${base}/newsletter`);
  const cookie = form.headers.get('set-cookie').split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())[1];
  const post = (url, body) => fetch(url, {
    method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, ...body }).toString(),
  });
  assert.equal((await post(`${base}/newsletter`, { email, consent: 'ja' })).status, 200);
  const mail = await smtp.waitForMail(email);
  const token = /bestaetigen\?token=([\w-]+)/.exec(mail.text)[1];
  assert.equal((await post(`${base}/newsletter/bestaetigen`, { token })).status, 200);
}

// Every mail the sink received for `to` (JSON records).
function mailsTo(dir, to) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))).filter((m) => m.to.includes(to));
}

async function waitFor(check, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 150));
  }
}

test('write, preview, test, send an issue; one-click unsubscribe; archive', async (t) => {
  const smtp = await startSmtpSink();
  const server = await startDemoServer({ RF_SMTP_URL: smtp.url });
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); await smtp.stop(); });
  const base = server.base;
  await confirmedSubscriber(base, smtp, 'erste@example.org');
  await confirmedSubscriber(base, smtp, 'zweite@example.org');

  const editor = await (await browser.newContext()).newPage();
  await loginAsEditor(editor, base);
  await editor.goto(`${base}/redaktion/newsletter/ausgaben/neu`);
  assert.deepEqual(await seriousA11yViolations(editor), []);
  // An empty subject is refused with a message; what was typed stays.
  await editor.fill('#ausgabe-text', '## Willkommen\n\nNeues aus dem [Monitor](/monitor).');
  await editor.click('main form button:has-text("Speichern")');
  assert.match(await editor.locator('#ausgabe-betreff-fehler').innerText(), /Betreff/);
  assert.equal(await editor.inputValue('#ausgabe-text'), '## Willkommen\n\nNeues aus dem [Monitor](/monitor).');
  assert.equal(await editor.getAttribute('#ausgabe-betreff', 'aria-invalid'), 'true');

  await editor.fill('#ausgabe-betreff', 'RuhrFutur-Newsletter Dezember');
  const firstPick = editor.locator('input[name=pick]').first();
  const pickedTitle = (await editor.locator(`label[for="${await firstPick.getAttribute('id')}"]`).innerText())
    .replace(/^(Meldung|Publikation): /, '').replace(/ \(\d\d\.\d\d\.\d{4}\)$/, '');
  await firstPick.check();
  await editor.click('main form button:has-text("Speichern")');
  assert.match(await editor.locator('.alert-ok').innerText(), /gespeichert/);
  const issueUrl = editor.url().replace(/\?.*$/, '');

  // Preview: the text part as sent, the HTML part as a mail program gets it.
  const textPart = await editor.locator('pre.mail-preview').innerText();
  assert.match(textPart, /RuhrFutur-Newsletter Dezember/);
  assert.match(textPart, /\[Monitor\]\(http:\/\/127\.0\.0\.1:8080\/monitor\)/);
  assert.ok(textPart.includes(pickedTitle), `${pickedTitle} in ${textPart}`);
  assert.deepEqual(await seriousA11yViolations(editor), []);
  const html = await editor.request.get(`${issueUrl}/vorschau.html`);
  assert.equal(html.status(), 200);
  const htmlText = await html.text();
  assert.match(htmlText, /<h1[^>]*>RuhrFutur-Newsletter Dezember<\/h1>/);
  assert.match(htmlText, /href="http:\/\/127\.0\.0\.1:8080\/monitor"/);
  assert.doesNotMatch(htmlText, /<img/, 'no tracking pixel');

  // A test to the editor only.
  await editor.click('button:has-text("Test an meine Adresse senden")');
  assert.match(await editor.locator('.alert-ok').innerText(), /Testversand/);
  const testMail = await smtp.waitForMail('redaktion@ruhrfutur.example');
  assert.equal(testMail.subject, '[Test] RuhrFutur-Newsletter Dezember');

  // Sending needs the confirmation box.
  await editor.click('button:has-text("Jetzt senden")');
  assert.match(await editor.locator('.alert-error').innerText(), /bestätigen Sie den Versand/);
  await editor.check('#ausgabe-bestaetigen');
  await editor.click('button:has-text("Jetzt senden")');
  assert.match(await editor.locator('.alert-ok').innerText(), /in den Postausgang gestellt/);

  const issueMails = await waitFor(() => {
    const a = mailsTo(smtp.dir, 'erste@example.org').filter((m) => m.subject === 'RuhrFutur-Newsletter Dezember');
    const b = mailsTo(smtp.dir, 'zweite@example.org').filter((m) => m.subject === 'RuhrFutur-Newsletter Dezember');
    return a.length && b.length ? [a, b] : null;
  });
  for (const mails of issueMails) {
    assert.equal(mails.length, 1, 'each address gets the issue once');
    const mail = mails[0];
    assert.match(mail.headers['Content-Type'], /multipart\/alternative/);
    assert.match(mail.html, /RuhrFutur-Newsletter Dezember/);
    assert.equal(mail.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    assert.match(mail.headers['List-Unsubscribe'], /^<http:\/\/127\.0\.0\.1:8080\/newsletter\/abmelden\?token=[\w-]+>$/);
    assert.ok(mail.text.includes(mail.headers['List-Unsubscribe'].slice(1, -1)), 'the text part has the same link');
  }
  const [first] = issueMails[0];
  const [second] = issueMails[1];
  assert.notEqual(first.headers['List-Unsubscribe'], second.headers['List-Unsubscribe'], 'personal links');

  // RFC 8058 one-click: a bare POST, as a mail program sends it.
  const oneClick = new URL(first.headers['List-Unsubscribe'].slice(1, -1));
  const res = await fetch(`${base}${oneClick.pathname}${oneClick.search}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Sie sind abgemeldet/);
  // A bare POST elsewhere is still refused.
  const forged = await fetch(`${base}/newsletter`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=x%40example.org&consent=ja',
  });
  assert.equal(forged.status, 403);

  // Counts per issue.
  await waitFor(async () => {
    await editor.goto(issueUrl);
    return (await editor.locator('#ausgabe-zugestellt').innerText()) === '2';
  });
  assert.equal(await editor.locator('#ausgabe-abgemeldet').innerText(), '1');
  assert.equal(await editor.locator('#ausgabe-fehlgeschlagen').innerText(), '0');
  await editor.goto(`${base}/redaktion/newsletter/ausgaben`);
  assert.match(await editor.locator('main tbody').innerText(), /RuhrFutur-Newsletter Dezember/);
  assert.deepEqual(await seriousA11yViolations(editor), []);

  // The public archive.
  const visitor = await browser.newPage({ viewport: { width: 360, height: 800 } });
  await visitor.goto(`${base}/newsletter/archiv`);
  await visitor.click('main a:has-text("RuhrFutur-Newsletter Dezember")');
  assert.match(await visitor.locator('main h1').innerText(), /RuhrFutur-Newsletter Dezember/);
  assert.match(await visitor.locator('main').innerText(), /Willkommen/);
  assert.ok(await visitor.evaluate(() => document.documentElement.scrollWidth) <= 360);
  assert.deepEqual(await seriousA11yViolations(visitor), []);
});

// Newsletter double opt-in against a real SMTP server (aiosmtpd): subscribe,
// the mail arrives, its link confirms, the count on Über uns goes up; the
// unsubscribe link works; editors export and delete subscribers.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { seriousA11yViolations } = require('./support');
const { startDemoServer, startSmtpSink, loginAsEditor, launchBrowser } = require('./portal_support');

async function subscriberCount(page, base) {
  await page.goto(`${base}/ueber-uns`);
  return Number(await page.locator('#newsletter-abos').innerText());
}

test('subscribe, confirm by mail, unsubscribe', async (t) => {
  const smtp = await startSmtpSink();
  const server = await startDemoServer({ RF_SMTP_URL: smtp.url, RF_MAIL_FROM: 'RuhrFutur <newsletter@ruhrfutur.example>' });
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); await smtp.stop(); });
  const page = await browser.newPage();
  const base = server.base;

  const before = await subscriberCount(page, base);
  await page.goto(`${base}/newsletter`);
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Without consent: the form says so and keeps the address.
  await page.fill('#newsletter-email', 'leserin@example.org');
  await page.click('form.form button[type=submit]');
  assert.match(await page.locator('#newsletter-fehler').innerText(), /bestätigen Sie/);
  assert.equal(await page.inputValue('#newsletter-email'), 'leserin@example.org');
  assert.equal(await page.getAttribute('#newsletter-consent', 'aria-invalid'), 'true');
  assert.deepEqual(await seriousA11yViolations(page), []);

  await page.check('#newsletter-consent');
  await page.click('form.form button[type=submit]');
  assert.match(await page.locator('main h1').innerText(), /Fast geschafft/);

  const mail = await smtp.waitForMail('leserin@example.org');
  assert.equal(mail.from, 'newsletter@ruhrfutur.example');
  assert.match(mail.subject, /Bitte bestätigen Sie Ihre Anmeldung/);
  const confirm = /(http:\/\/\S+\/newsletter\/bestaetigen\?token=[\w-]+)/.exec(mail.text);
  const unsubscribe = /(http:\/\/\S+\/newsletter\/abmelden\?token=[\w-]+)/.exec(mail.text);
  assert.ok(confirm, mail.text);
  assert.ok(unsubscribe, 'every mail carries an unsubscribe link');
  assert.match(mail.headers['List-Unsubscribe'], /abmelden\?token=/);
  // Links use the configured base_url; the test server listens on another port.
  const local = (link) => { const u = new URL(link); return `${base}${u.pathname}${u.search}`; };

  // Not counted before confirmation.
  assert.equal(await subscriberCount(page, base), before);

  await page.goto(local(confirm[1]));
  assert.deepEqual(await seriousA11yViolations(page), []);
  await page.click('button:has-text("Anmeldung bestätigen")');
  assert.match(await page.locator('main h1').innerText(), /Anmeldung bestätigt/);
  assert.equal(await subscriberCount(page, base), before + 1);

  // The token is single-use.
  const again = await page.goto(local(confirm[1]));
  assert.equal(again.status(), 410);

  // Editors see and export the confirmed address.
  const editor = await (await browser.newContext()).newPage();
  await loginAsEditor(editor, base);
  await editor.goto(`${base}/redaktion/newsletter`);
  assert.match(await editor.locator('main table').innerText(), /leserin@example\.org/);
  assert.deepEqual(await seriousA11yViolations(editor), []);
  const csv = await (await editor.request.get(`${base}/redaktion/newsletter/export.csv`)).text();
  assert.match(csv, /^\uFEFFE-Mail;Angemeldet am;Bestätigt am\r\nleserin@example\.org;/);
  const anonymousCsv = await fetch(`${base}/redaktion/newsletter/export.csv`, { redirect: 'manual' });
  assert.equal(anonymousCsv.status, 303);

  // Unsubscribing deletes the address and lowers the count.
  await page.goto(local(unsubscribe[1]));
  assert.match(await page.locator('main').innerText(), /leserin@example\.org/);
  await page.click('button:has-text("Abmelden")');
  assert.match(await page.locator('main h1').innerText(), /Abgemeldet/);
  assert.equal(await subscriberCount(page, base), before);
});

test('editors delete a subscriber on request', async (t) => {
  const smtp = await startSmtpSink();
  const server = await startDemoServer({ RF_SMTP_URL: smtp.url });
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); await smtp.stop(); });
  const base = server.base;
  const page = await browser.newPage();
  await page.goto(`${base}/newsletter`);
  await page.fill('#newsletter-email', 'loeschen@example.org');
  await page.check('#newsletter-consent');
  await page.click('form.form button[type=submit]');
  await smtp.waitForMail('loeschen@example.org');

  const editor = await (await browser.newContext()).newPage();
  await loginAsEditor(editor, base);
  await editor.goto(`${base}/redaktion/newsletter`);
  await editor.click('button:has-text("Löschen")');
  await editor.waitForURL(/hinweis=geloescht/);
  assert.doesNotMatch(await editor.locator('main').innerText(), /loeschen@example\.org/);
});

// A partner who forgot the password: "Passwort vergessen?" on the login page,
// the link arrives by mail (a real SMTP server), the new password is set, the
// session on another device is over, the link works once. And login lands on
// the user's work. On SQLite and PostgreSQL.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { run, startServer, startPostgres, launchBrowser, a11yViolations } = require('./support');
const { startSmtpSink } = require('./portal_support');

const EMAIL = 'partnerin@verein.example';

async function journey(t, kind) {
  const smtp = await startSmtpSink();
  const pg = kind === 'postgresql' ? await startPostgres() : null;
  const server = await startServer({
    prepare: (db) => run(['user', 'add', '--database', db, '--email', EMAIL, '--name', 'Petra Partner',
      '--role', 'partner'], 'das-alte-passwort\n'),
    database: pg ? pg.url : undefined,
    env: { RF_SMTP_URL: smtp.url },
  });
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); await smtp.stop(); if (pg) await pg.stop(); });
  const base = server.base;

  // Logged in on another device with the old password.
  const other = await (await browser.newContext()).newPage();
  await other.goto(`${base}/anmelden`);
  await other.fill('#email', EMAIL);
  await other.fill('#password', 'das-alte-passwort');
  await other.click('form.form button[type=submit]');
  // A partner's login lands on the measures of the network, not on an account page.
  await other.waitForURL(`${base}/netzwerk/massnahmen`);

  // On a phone, the password is forgotten.
  const page = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
  await page.goto(`${base}/anmelden`);
  await page.click('text=Passwort vergessen?');
  await page.waitForURL(`${base}/passwort-vergessen`);
  assert.deepEqual(await a11yViolations(page), []);
  // A typing error keeps what was typed and says what is wrong, in German.
  await page.fill('#email', 'partnerin-verein.example');
  await page.click('form.form button[type=submit]');
  assert.match(await page.locator('[role=alert]').innerText(), /gültige E-Mail-Adresse/);
  assert.equal(await page.inputValue('#email'), 'partnerin-verein.example');
  assert.deepEqual(await a11yViolations(page), []);
  await page.fill('#email', EMAIL);
  await page.click('form.form button[type=submit]');
  assert.match(await page.locator('main h1').innerText(), /Bitte prüfen Sie Ihr Postfach/);
  assert.match(await page.locator('[role=status]').innerText(), /Wenn es zur Adresse partnerin@verein\.example ein Konto gibt/);
  assert.deepEqual(await a11yViolations(page), []);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `the page is ${wide}px wide`);

  // An unknown address gets the very same answer, and no mail.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(`${base}/passwort-vergessen`);
  await stranger.fill('#email', 'niemand@verein.example');
  await stranger.click('form.form button[type=submit]');
  assert.equal((await stranger.locator('main').innerText()).replace('niemand@verein.example', EMAIL),
    await page.locator('main').innerText());

  const mail = await smtp.waitForMail(EMAIL);
  assert.match(mail.subject, /Neues Passwort für Ihr RuhrFutur-Konto/);
  assert.match(mail.text, /Guten Tag Petra Partner/);
  assert.match(mail.text, /gilt eine Stunde \(bis \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr\) und nur einmal/);
  const m = /(http:\/\/\S+\/passwort-neu\?token=[\w-]+)/.exec(mail.text);
  assert.ok(m, mail.text);
  const link = `${base}${new URL(m[1]).pathname}${new URL(m[1]).search}`;

  await page.goto(link);
  assert.match(await page.locator('main h1').innerText(), /Neues Passwort festlegen/);
  assert.deepEqual(await a11yViolations(page), []);
  await page.fill('#password', 'kurz');
  await page.fill('#password2', 'kurz');
  await page.click('form.form button[type=submit]');
  assert.match(await page.locator('[role=alert]').innerText(), /mindestens 10 Zeichen/);
  await page.fill('#password', 'das-neue-passwort');
  await page.fill('#password2', 'das-neue-passwort');
  await page.click('form.form button[type=submit]');
  await page.waitForURL(`${base}/konto?passwort-geaendert=1`);
  assert.match(await page.locator('[role=status]').innerText(), /neues Passwort ist gespeichert/);
  // The account page leads to the user's work.
  assert.match(await page.locator('.work-areas').innerText(), /Maßnahmen/);
  assert.deepEqual(await a11yViolations(page), []);

  // The other device is logged out.
  await other.goto(`${base}/konto`);
  assert.match(other.url(), /\/anmelden\?weiter=/);
  // The link works only once.
  const again = await other.goto(link);
  assert.equal(again.status(), 410);
  assert.match(await other.locator('main').innerText(), /schon benutzt/);
  assert.deepEqual(await a11yViolations(other), []);
  // The new password logs in; coming from a page, the login returns to it.
  await other.goto(`${base}/konto`);
  await other.fill('#email', EMAIL);
  await other.fill('#password', 'das-neue-passwort');
  await other.click('form.form button[type=submit]');
  await other.waitForURL(`${base}/konto`);
}

test('password reset by mail on SQLite', async (t) => { await journey(t, 'sqlite'); });
test('password reset by mail on PostgreSQL', async (t) => { await journey(t, 'postgresql'); });

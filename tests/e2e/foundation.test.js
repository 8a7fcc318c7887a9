// The platform foundation in a real browser: home page, accessibility basics, login and logout.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { run, startServer, launchBrowser, seriousA11yViolations } = require('./support');

test('home page, login and logout in Chromium', async (t) => {
  const server = await startServer({
    prepare: (db) => run(['user', 'add', '--database', db, '--email', 'redaktion@example.org',
      '--name', 'Erika Redakteurin', '--role', 'editor'], 'ein-langes-passwort\n'),
  });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();

  const res = await page.goto(`${server.base}/`);
  assert.equal(res.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.equal(await page.locator('h1').count(), 1);
  assert.match(await page.locator('h1').innerText(), /Bildungserfolg/);
  const csp = res.headers()['content-security-policy'];
  assert.match(csp, /frame-ancestors 'none'/);

  // The skip link is the first thing keyboard users reach, and it leads to the main content.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Direkt zum Inhalt');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'inhalt');
  assert.deepEqual(await seriousA11yViolations(page), []);

  // A wrong password keeps the typed e-mail and says what went wrong.
  await page.click('text=Anmelden');
  assert.deepEqual(await seriousA11yViolations(page), []);
  await page.fill('#email', 'redaktion@example.org');
  await page.fill('#password', 'falsch-falsch');
  await page.click('form.form button[type=submit]');
  assert.match(await page.locator('[role=alert]').innerText(), /falsch/);
  assert.equal(await page.inputValue('#email'), 'redaktion@example.org');

  await page.fill('#password', 'ein-langes-passwort');
  await page.click('form.form button[type=submit]');
  // From the home page, an editor's login lands on the editors' work, not an account page.
  await page.waitForURL(`${server.base}/redaktion`);
  await page.goto(`${server.base}/konto`);
  assert.match(await page.locator('main').innerText(), /Redaktion/);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'rf_session');
  assert.ok(session, 'session cookie set');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Lax');

  await page.click('text=Abmelden');
  await page.waitForURL(`${server.base}/`);
  assert.equal(await page.locator('.account-nav a', { hasText: 'Anmelden' }).count(), 1);
  const after = await page.goto(`${server.base}/konto`);
  assert.match(after.url(), /\/anmelden\?weiter=/);
});

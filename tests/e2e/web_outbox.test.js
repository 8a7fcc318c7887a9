// The mail outbox from the editor's side, against a real SMTP server that
// refuses one address: a sign-up's confirmation mail is delivered in the
// background; the refused one shows up as failed on /redaktion/post with the
// server's answer and can be queued again; /metrics counts the outbox.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { seriousA11yViolations } = require('./support');
const { startDemoServer, startSmtpSink, loginAsEditor, launchBrowser } = require('./portal_support');

async function signUp(page, base, email) {
  await page.goto(`${base}/newsletter`);
  await page.fill('#newsletter-email', email);
  await page.check('#newsletter-consent');
  await page.click('form.form button[type=submit]');
  assert.match(await page.locator('main h1').innerText(), /Fast geschafft/);
}

test('editors see queued, sent and failed mail and retry a failed one', async (t) => {
  const smtp = await startSmtpSink({ reject: ['abgelehnt@example.org'] });
  const server = await startDemoServer({ RF_SMTP_URL: smtp.url, RF_MAIL_RETRY_SECONDS: '1' });
  const browser = await launchBrowser();
  t.after(async () => { await browser.close(); await server.stop(); await smtp.stop(); });
  const base = server.base;
  const page = await browser.newPage();

  await signUp(page, base, 'angenommen@example.org');
  await signUp(page, base, 'abgelehnt@example.org');
  const delivered = await smtp.waitForMail('angenommen@example.org');
  assert.match(delivered.subject, /Bitte bestätigen Sie Ihre Anmeldung/);

  // Visitors may not look into the outbox.
  const anonymous = await fetch(`${base}/redaktion/post`, { redirect: 'manual' });
  assert.equal(anonymous.status, 303);

  const editor = await (await browser.newContext()).newPage();
  await loginAsEditor(editor, base);
  // The refused mail is failed (not retried) once the sender has tried it.
  let failedRow = null;
  for (let i = 0; i < 100 && !failedRow; i++) {
    await editor.goto(`${base}/redaktion/post?status=fehlgeschlagen`);
    const rows = editor.locator('main tbody tr');
    if (await rows.count() > 0) failedRow = rows.first();
    else await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(failedRow, 'the refused mail is listed as failed');
  const text = await failedRow.innerText();
  assert.match(text, /abgelehnt@example\.org/);
  assert.match(text, /550/);
  assert.match(text, /Fehlgeschlagen/);
  assert.deepEqual(await seriousA11yViolations(editor), []);

  await editor.goto(`${base}/redaktion/post?status=gesendet`);
  assert.match(await editor.locator('main tbody').innerText(), /angenommen@example\.org/);
  assert.doesNotMatch(await editor.locator('main tbody').innerText(), /abgelehnt@example\.org/);

  const metrics = await (await fetch(`${base}/metrics`)).text();
  assert.match(metrics, /rf_mail_outbox\{state="sent"\} 1\n/);
  assert.match(metrics, /rf_mail_outbox\{state="failed"\} 1\n/);
  assert.match(metrics, /rf_mail_failed_total 1\n/);

  // Retry: back in the queue (and refused again by this server).
  await editor.goto(`${base}/redaktion/post?status=fehlgeschlagen`);
  await editor.click('main tbody tr button:has-text("Erneut senden")');
  assert.match(await editor.locator('.alert-ok').innerText(), /wieder in der Warteschlange/);

  // Phones: no sideways scrolling of the page.
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 800 } })).newPage();
  await loginAsEditor(phone, base);
  await phone.goto(`${base}/redaktion/post`);
  const wide = await phone.evaluate(() => [document.documentElement.scrollWidth,
    [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 361 && !e.closest('.table-scroll'))
      .map((e) => `${e.tagName}.${e.className}`)]);
  assert.ok(wide[0] <= 360, `wider than the phone: ${JSON.stringify(wide)}`);
  // Keyboard: the state filters are reachable with Tab.
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await phone.keyboard.press('Tab');
    reached = await phone.evaluate(() => !!document.activeElement?.closest('.filter-tabs'));
  }
  assert.ok(reached, 'the filter links are reachable by keyboard');
});

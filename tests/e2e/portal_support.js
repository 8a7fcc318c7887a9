// Helpers for the portal's browser tests: a server with the demo content, a
// local SMTP sink (smtp_sink.py on Debian's python3-aiosmtpd), editor login.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { importDemo, startServer, launchBrowser } = require('./support');

// A server on a fresh database holding the demo accounts and content; `database`:
// a PostgreSQL URL (startPostgres), else a SQLite file of its own.
function startDemoServer(env = {}, database = undefined) {
  return startServer({ prepare: importDemo, env, database });
}

// The SMTP sink; `reject`: addresses it answers with 550.
async function startSmtpSink({ reject = [] } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-smtp-'));
  const python = process.env.PYTHON || '/usr/bin/python3';
  const args = [path.join(__dirname, 'smtp_sink.py'), '--port', '0', '--dir', dir];
  for (const address of reject) args.push('--reject', address);
  const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`SMTP sink did not start: ${output}`)), 15000);
    child.stdout.on('data', (d) => {
      output += d;
      const m = /READY (\d+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.stderr.on('data', (d) => { output += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`SMTP sink exited (${code}): ${output}`)); });
  });
  return {
    port,
    dir,  // holds <n>.json and <n>.eml per message, deliveries.jsonl
    url: `smtp://127.0.0.1:${port}`,
    // The first message to `to` (JSON record), waiting up to `timeout` ms.
    async waitForMail(to, timeout = 15000) {
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
          const mail = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
          if (mail.to.includes(to)) return mail;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no mail to ${to} within ${timeout} ms`);
    },
    async stop() {
      if (child.exitCode === null) {
        child.removeAllListeners('exit');
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function loginAsEditor(page, base) {
  await page.goto(`${base}/anmelden?weiter=%2Fkonto`);
  await page.fill('#email', 'redaktion@ruhrfutur.example');
  await page.fill('#password', 'ruhrfutur-demo');
  await page.click('form.form button[type=submit]');
  await page.waitForURL(`${base}/konto`);
}

module.exports = { startDemoServer, startSmtpSink, loginAsEditor, launchBrowser };

// Shared helpers for the browser tests: start a real `ruhrfutur serve` on a free
// port with a fresh SQLite database, and a headless Debian Chromium via playwright-core.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const BINARY = process.env.RF_BINARY || path.resolve(__dirname, '../../build-asan/ruhrfutur');
const ROOT = process.env.RF_SOURCE_DIR || path.resolve(__dirname, '../..');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(args, input) {
  const result = spawnSync(BINARY, args, { input, encoding: 'utf8', env: { ...process.env, RF_ROOT: ROOT } });
  if (result.status !== 0) {
    throw new Error(`ruhrfutur ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout;
}

// Runs the CLI with the var dir of a server's folder, so uploads of the demo land where `serve` looks.
function runCli(args, dir) {
  const result = spawnSync(BINARY, args, {
    encoding: 'utf8',
    env: { ...process.env, RF_ROOT: ROOT, RF_VAR_DIR: path.join(dir, 'var') },
  });
  if (result.status !== 0) throw new Error(`ruhrfutur ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

// The demo data prepared once per run by demo_fixture.js (CTest fixture
// e2e.demo), if RF_E2E_DEMO names its finished folder.
function sharedDemo() {
  const dir = process.env.RF_E2E_DEMO;
  return dir && fs.existsSync(path.join(dir, 'ready')) ? dir : null;
}

// The PostgreSQL URLs whose database is a copy of the shared demo's (startPostgres({ demo: true })).
const demoClusters = new Set();

// The demo accounts, content and statistics in the database `db` of a server
// whose folder is `dir` (a startServer `prepare`). A copy of the shared demo
// database and its uploads when there is one: on SQLite the file, on
// PostgreSQL the cluster startPostgres({ demo: true }) copied (only the
// uploads are left to copy); otherwise (a file run by hand) `ruhrfutur demo` runs now.
function importDemo(db, dir) {
  const shared = sharedDemo();
  if (demoClusters.has(db)) {
    const uploads = path.join(shared, 'pg', 'var');
    if (fs.existsSync(uploads)) fs.cpSync(uploads, path.join(dir, 'var'), { recursive: true });
    return;
  }
  if (shared && db.startsWith('sqlite:')) {
    const file = db.slice('sqlite:'.length);
    fs.copyFileSync(path.join(shared, 'demo.db'), file);
    if (fs.existsSync(path.join(shared, 'demo.db-wal'))) fs.copyFileSync(path.join(shared, 'demo.db-wal'), `${file}-wal`);
    if (fs.existsSync(path.join(shared, 'var'))) fs.cpSync(path.join(shared, 'var'), path.join(dir, 'var'), { recursive: true });
    return;
  }
  runCli(['demo', '--database', db], dir);
}

// The folder of the demo report for the demo database `db`: the shared one
// (it has every profile) when there is one, else built now into `out` (the
// server serves it read-only either way). The shared report serves a
// PostgreSQL database too: `ruhrfutur demo` wrote the same statistics there,
// and building the report again from it took ~35 s of a test in the sanitizer
// build (the servers still build their cube from PostgreSQL).
function demoReport(db, dir, out, { profiles = true } = {}) {
  const shared = sharedDemo();
  if (shared) return path.join(shared, 'report');
  runCli(['report', 'build', path.join(ROOT, 'reports/bildungsmonitoring-ruhr'), '--out', out,
    ...(profiles ? [] : ['--no-profiles']), '--database', db], dir);
  return out;
}

async function waitForHealth(base, child, log, timeoutMs = 300000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${log()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch (_) { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy: ${log()}`);
}

// Starts a server on a fresh database (SQLite, or the given `database` URL).
// `prepare(db, dir)` may run CLI commands first; it may return `{ env }`,
// variables for the server that it only knows then (RF_REPORT_DIR).
// `healthTimeoutMs`: how long the start may take (default 5 minutes: a
// sanitizer build on a loaded machine needs minutes to build the cube of the
// whole demo data; `ctest -j` runs several servers at once).
async function startServer({ prepare, env = {}, database, healthTimeoutMs } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-e2e-'));
  const db = database || `sqlite:${path.join(dir, 'test.db')}`;
  const prepared = prepare ? await prepare(db, dir) : undefined;
  const port = await freePort();
  let output = '';
  const child = spawn(BINARY, ['serve', '--database', db, '--listen', `127.0.0.1:${port}`], {
    env: { ...process.env, RF_ROOT: ROOT, RF_VAR_DIR: path.join(dir, 'var'), ...env, ...prepared?.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, child, () => output, healthTimeoutMs);
  } catch (e) {
    // A server left running would keep node (and the CTest test) alive forever.
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    base, db, dir,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A server with the demo data and the demo report (without profiles) on `database`:
// the shared demo's report when there is one, else one built into a temporary folder
// that stop() removes. `server.reportDir` is the report folder (its codes.json).
async function startDemoReportServer(database) {
  const reportOut = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-e2e-report-'));
  let reportDir;
  let server;
  try {
    server = await startServer({
      database,
      prepare: (db, dir) => {
        importDemo(db, dir);
        reportDir = demoReport(db, dir, reportOut, { profiles: false });
        return { env: { RF_REPORT_DIR: reportDir } };
      },
      healthTimeoutMs: 300000,
    });
  } catch (e) {
    fs.rmSync(reportOut, { recursive: true, force: true });
    throw e;
  }
  const stop = server.stop;
  return {
    ...server,
    reportDir,
    async stop() {
      await stop();
      fs.rmSync(reportOut, { recursive: true, force: true });
    },
  };
}

// Playwright gives every launch a fresh, temporary profile (user data dir) of its own.
async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// Runs axe-core in the page with every rule it runs by default (WCAG and the
// best-practice ones); returns all violations, of any impact.
async function a11yViolations(page) {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// Runs axe-core in the page; returns violations of impact serious or critical.
async function seriousA11yViolations(page) {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') stays as it is.
  await page.evaluate(source);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// A throwaway PostgreSQL 15 cluster (initdb and pg_ctl as the postgres user
// when running as root), with one database rf; stop() removes it.
// `demo`: rf holds the demo data, when the run's shared demo (e2e.demo) has
// its PostgreSQL cluster: a copy of that cluster's stopped data folder
// (`ruhrfutur demo` on PostgreSQL takes ~30 s in the sanitizer build); else rf
// is empty and importDemo fills it. `keep`: stop() shuts the cluster down
// cleanly and leaves its folder (demo_fixture.js; the result's `dir`).
// Every cluster lives in a folder of its own under the system's temporary
// folder, which the postgres user can reach: a checkout under a private
// folder (mktemp -d is mode 0700) could not hold one.
async function startPostgres({ demo = false, keep = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-e2e-pg-'));
  const asRoot = process.getuid && process.getuid() === 0;
  if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
  const bin = '/usr/lib/postgresql/15/bin';
  const tool = (args) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0], args.slice(1)];
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  };
  const shared = demo ? sharedDemo() : null;
  const template = shared && fs.existsSync(path.join(shared, 'pg', 'data'))
    ? path.join(fs.realpathSync(path.join(shared, 'pg')), 'data') : null;
  const copied = template !== null;
  if (copied) {
    tool(['cp', '-a', template, `${dir}/data`]);
  } else {
    tool([`${bin}/initdb`, '-D', `${dir}/data`, '-U', 'postgres', '-A', 'trust', '--no-sync', '--no-instructions',
      '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  const port = await freePort();
  tool([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-w', '-t', '60', '-l', `${dir}/server.log`, '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`, 'start']);
  if (!copied) {
    const psql = spawnSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE rf'],
      { encoding: 'utf8' });
    if (psql.status !== 0) throw new Error(`CREATE DATABASE failed: ${psql.stderr}`);
  }
  const url = `postgresql://postgres@127.0.0.1:${port}/rf`;
  if (copied) demoClusters.add(url);
  return {
    url,
    dir,
    // Runs SQL in the database (test fixtures).
    sql(statement) {
      const r = spawnSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'rf', '-v',
        'ON_ERROR_STOP=1', '-c', statement], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
    },
    async stop() {
      demoClusters.delete(url);
      if (keep) {
        tool([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-m', 'fast', '-w', 'stop']);
        return;
      }
      try { tool([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-m', 'immediate', '-w', 'stop']); } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

module.exports = { BINARY, ROOT, run, runCli, importDemo, demoReport, startServer, startDemoReportServer, startPostgres, launchBrowser, seriousA11yViolations, a11yViolations };

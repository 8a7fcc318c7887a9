// Reliability of several instances on one PostgreSQL behind nginx (scripts/cluster.sh):
// sessions, content and statistics written through one instance are seen by the other
// within a second; kill -9 of an instance in the middle of an import loses nothing and
// fails no request through nginx; a PostgreSQL restart gives 503 while it lasts and
// service again afterwards without restarting the instances.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = process.env.RF_SOURCE_DIR || path.resolve(__dirname, '../..');
const BINARY = process.env.RF_BINARY || path.join(ROOT, 'build-asan/ruhrfutur');
const SCRIPT = path.join(ROOT, 'scripts/cluster.sh');
const PASSWORD = 'cluster-passwort-123';
// How soon a write through one instance must be visible on the other. 1 s is the promise;
// a sanitizer build rebuilds the statistics cube (region register and all) ~10x slower,
// so CTest gives the ASan build 3 s (tests/CMakeLists.txt).
const VISIBLE_MS = Number(process.env.RF_CLUSTER_VISIBLE_MS || 1000);

let dir;
let env;  // the cluster's addresses (cluster.env)
const scriptEnv = () => ({ ...process.env, RF_BINARY: BINARY, RF_ROOT: ROOT });

function cluster(...args) {
  const r = spawnSync('bash', [SCRIPT, ...args], { env: scriptEnv(), encoding: 'utf8', timeout: 300000 });
  if (r.status !== 0) throw new Error(`cluster.sh ${args.join(' ')}: ${r.stdout}${r.stderr}`);
}

function cli(args, input) {
  const r = spawnSync(BINARY, args, {
    input, encoding: 'utf8', timeout: 300000,
    env: { ...process.env, RF_CONFIG: path.join(dir, 'ruhrfutur.yaml'), RF_ROOT: ROOT, ASAN_OPTIONS: 'detect_leaks=0' },
  });
  if (r.status !== 0) throw new Error(`ruhrfutur ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function psql(sql) {
  return execFileSync('/usr/lib/postgresql/15/bin/psql',
    ['-h', '127.0.0.1', '-p', env.RF_CLUSTER_PG_PORT, '-U', 'postgres', '-d', 'ruhrfutur', '-At', '-c', sql],
    { encoding: 'utf8' }).trim();
}

// Cookies of one client, by name.
class Jar {
  constructor() { this.cookies = new Map(); }
  take(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
}

async function get(base, p, jar) {
  const res = await fetch(base + p, { headers: jar ? { Cookie: jar.header() } : {}, redirect: 'manual' });
  if (jar) jar.take(res);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function hiddenCsrf(html) {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  assert.ok(m, 'no CSRF field in the page');
  return m[1];
}

async function post(base, p, jar, fields) {
  const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
  const res = await fetch(base + p, { method: 'POST', body, headers: { Cookie: jar.header() }, redirect: 'manual' });
  jar.take(res);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function login(base, email) {
  const jar = new Jar();
  const form = await get(base, '/anmelden', jar);
  const res = await post(base, '/anmelden', jar, { _csrf: hiddenCsrf(form.text), email, password: PASSWORD });
  assert.equal(res.status, 303, `login of ${email} on ${base}: ${res.status}`);
  assert.ok(jar.cookies.get('rf_session'), 'no session cookie');
  return jar;
}

// Polls fn() until it returns true; returns the milliseconds it took (or fails after `ms`).
// The answer that says true must have arrived within `ms`.
async function within(ms, fn, what) {
  const start = Date.now();
  for (;;) {
    const ok = await fn();
    const elapsed = Date.now() - start;
    if (elapsed > ms) assert.fail(`${what}: not within ${ms} ms (${ok ? 'only' : 'not even'} after ${elapsed} ms)`);
    if (ok) return elapsed;
    await new Promise((r) => setTimeout(r, 20));
  }
}

// The 82411-01-03-4 table with Dortmund's income per inhabitant in 2021 set to `value`.
function incomeTable(value) {
  const text = fs.readFileSync(path.join(ROOT, 'data/genesis/82411-01-03-4.csv'), 'latin1');
  const changed = text.replace(/^(2021;05913;[^;\n]*;\d+;)\d+/m, `$1${value}`);
  assert.notEqual(changed, text);
  return Buffer.from(changed, 'latin1');
}

async function incomeOf(base) {
  const res = await get(base, '/api/v1/indicators/einkommen_je_einwohner/values?region=05913&period=2021');
  if (res.status !== 200) return null;
  const values = JSON.parse(res.text).values;
  return values.length ? values[0].value : null;
}

async function importThrough(base, jar, name, bytes) {
  const page = await get(base, '/daten/import', jar);
  assert.equal(page.status, 200, 'import page');
  const form = new FormData();
  form.append('_csrf', hiddenCsrf(page.text));
  form.append('kodierung', 'auto');
  form.append('aktion', 'importieren');
  form.append('dateien', new Blob([bytes]), name);
  return post(base, '/daten/import', jar, form);
}

test.before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-cluster-'));
  cluster('start', dir);
  env = Object.fromEntries(fs.readFileSync(path.join(dir, 'cluster.env'), 'utf8').trim().split('\n')
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  cli(['user', 'add', '--email', 'redaktion@cluster.example', '--role', 'editor', '--name', 'Redaktion'], PASSWORD + '\n');
  cli(['user', 'add', '--email', 'daten@cluster.example', '--role', 'data_steward', '--name', 'Daten'], PASSWORD + '\n');
  cli(['import', path.join(ROOT, 'data/genesis/82411-01-03-4.csv')]);
});

test.after(() => {
  if (dir) cluster('stop', dir);
});

test('a login on instance A is valid on B and through nginx', async () => {
  const jar = await login(env.RF_CLUSTER_A, 'redaktion@cluster.example');
  const onB = await get(env.RF_CLUSTER_B, '/redaktion', jar);
  assert.equal(onB.status, 200, 'the session from A is not valid on B');
  for (let i = 0; i < 6; i++) {
    const viaNginx = await get(env.RF_CLUSTER_NGINX, '/redaktion', jar);
    assert.equal(viaNginx.status, 200);
  }
  // Logout on B ends the session on A too (the old cookie is refused there).
  const stolen = new Jar();
  stolen.cookies.set('rf_session', jar.cookies.get('rf_session'));
  const page = await get(env.RF_CLUSTER_B, '/redaktion', jar);
  const out = await post(env.RF_CLUSTER_B, '/abmelden', jar, { _csrf: hiddenCsrf(page.text) });
  assert.equal(out.status, 303);
  assert.equal((await get(env.RF_CLUSTER_A, '/redaktion', stolen)).status, 303);
});

test(`a news item published on A is on B within ${VISIBLE_MS} ms`, async () => {
  const jar = await login(env.RF_CLUSTER_A, 'redaktion@cluster.example');
  const slug = `cluster-meldung-${Date.now()}`;
  // B has the news list in its page cache before the item exists.
  assert.doesNotMatch((await get(env.RF_CLUSTER_B, '/aktuelles')).text, new RegExp(slug));
  assert.equal((await get(env.RF_CLUSTER_B, `/aktuelles/${slug}`)).status, 404);
  const form = await get(env.RF_CLUSTER_A, '/redaktion/meldungen/neu', jar);
  const saved = await post(env.RF_CLUSTER_A, '/redaktion/meldungen/neu', jar, {
    _csrf: hiddenCsrf(form.text), title: 'Meldung aus dem Cluster', slug,
    item_date: new Date().toISOString().slice(0, 10), summary: 'Auf A geschrieben, auf B gelesen.',
    body: 'Ein **Test** über zwei Instanzen.', action: 'publish',
  });
  assert.equal(saved.status, 303, `publish: ${saved.status} ${saved.text.slice(0, 300)}`);
  assert.match(saved.headers.get('location'), /veroeffentlicht/);
  const ms = await within(VISIBLE_MS, async () => (await get(env.RF_CLUSTER_B, `/aktuelles/${slug}`)).status === 200,
    'news item on B');
  await within(VISIBLE_MS, async () => (await get(env.RF_CLUSTER_B, '/aktuelles')).text.includes(slug), 'news list on B');
  console.log(`news item visible on B after ${ms} ms`);
});

test(`an import on A is in B's indicator values within ${VISIBLE_MS} ms`, async () => {
  const before = await incomeOf(env.RF_CLUSTER_B);
  assert.equal(before, 21004);
  const jar = await login(env.RF_CLUSTER_A, 'daten@cluster.example');
  const res = await importThrough(env.RF_CLUSTER_A, jar, '82411-01-03-4.csv', incomeTable(23456));
  assert.ok(res.status === 200 || res.status === 303, `import: ${res.status}`);
  const ms = await within(VISIBLE_MS, async () => (await incomeOf(env.RF_CLUSTER_B)) === 23456, 'new value on B');
  console.log(`imported value visible on B after ${ms} ms`);
});

test('kill -9 of A during an import: database unchanged, no request through nginx fails', async () => {
  const tables = "SELECT (SELECT count(*) FROM observations) || '/' || (SELECT count(*) FROM imports)";
  const before = psql(tables);
  // A large table (every German Gemeinde, 2 years) keeps A busy for a while.
  const big = path.join(dir, '99999-01-01-4.csv');
  execFileSync('python3', [path.join(ROOT, 'bench/gen_genesis_national.py'),
    path.join(ROOT, 'data/regions/GV100AD_300918.ASC'), big, '', '2']);
  const jar = await login(env.RF_CLUSTER_A, 'daten@cluster.example');

  // Readers through nginx the whole time.
  let stop = false;
  const failures = [];
  let requests = 0;
  const paths = ['/healthz', '/api/v1/indicators/einkommen_je_einwohner/values?region=05913', '/aktuelles', '/'];
  const readers = Array.from({ length: 8 }, async (_, i) => {
    while (!stop) {
      const p = paths[(i + requests) % paths.length];
      try {
        const res = await get(env.RF_CLUSTER_NGINX, p);
        requests++;
        if (res.status !== 200) failures.push(`${p}: ${res.status} ${res.text.slice(0, 160)}`);
      } catch (e) {
        failures.push(`${p}: ${e.message}`);
      }
    }
  });
  const pidA = Number(fs.readFileSync(path.join(dir, 'instance-A.pid'), 'utf8'));
  const upload = importThrough(env.RF_CLUSTER_A, jar, '99999-01-01-4.csv', fs.readFileSync(big))
    .catch((e) => ({ status: 0, error: e.message }));
  // Kill A once the import's transaction has been open a while (readers' are short).
  const importOpen = "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() " +
    "AND xact_start < now() - interval '300 milliseconds'";
  await within(120000, async () => psql(importOpen) !== '0', 'import running on A');
  process.kill(pidA, 'SIGKILL');
  const answer = await upload;
  await new Promise((r) => setTimeout(r, 1500));
  stop = true;
  await Promise.all(readers);
  cluster('instance', dir, 'A');

  assert.notEqual(answer.status, 200, 'the import finished before the kill; make the table larger');
  assert.ok(requests > 20, `only ${requests} requests through nginx`);
  if (failures.length) {
    // What the instances logged, so that a failure here can be explained.
    for (const letter of ['A', 'B']) {
      const log = fs.readFileSync(path.join(dir, `instance-${letter}.log`), 'utf8').split('\n');
      console.log(`instance ${letter}:\n${log.filter((l) => !/GET|POST/.test(l)).slice(-25).join('\n')}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${requests} requests failed`);
  await within(10000, () => psql(tables) === before, 'the killed transaction is rolled back');
  assert.equal(psql(tables), before);
  assert.equal(psql("SELECT count(*) FROM datasets WHERE code = '99999-01-01-4'"), '0');
});

test('kill -9 of A during content edits: nothing half-stored', async () => {
  const jar = await login(env.RF_CLUSTER_A, 'redaktion@cluster.example');
  const form = await get(env.RF_CLUSTER_A, '/redaktion/meldungen/neu', jar);
  const csrf = hiddenCsrf(form.text);
  const fields = (n) => ({
    _csrf: csrf, title: `Stand ${n}`, slug: 'kill-test', item_date: '2024-05-01',
    summary: `Zusammenfassung ${n}`, body: `Text ${n} `.repeat(200), action: 'save',
  });
  const created = await post(env.RF_CLUSTER_A, '/redaktion/meldungen/neu', jar, fields(0));
  assert.equal(created.status, 303, `create: ${created.status}`);
  const id = created.headers.get('location').match(/\/redaktion\/meldungen\/(\d+)/)[1];
  const pidA = Number(fs.readFileSync(path.join(dir, 'instance-A.pid'), 'utf8'));
  // Save again and again on A; kill it in the middle of the series.
  let saved = 0;
  let failed = false;
  const saver = (async () => {
    for (let n = 1; n < 10000 && !failed; n++) {
      try {
        const res = await post(env.RF_CLUSTER_A, `/redaktion/meldungen/${id}`, jar, fields(n));
        if (res.status !== 303) throw new Error(`save ${n}: ${res.status}`);
        saved = n;
      } catch (e) {
        failed = true;
      }
    }
  })();
  await within(60000, async () => saved >= 5, 'five saves');
  await new Promise((r) => setTimeout(r, 37));
  process.kill(pidA, 'SIGKILL');
  await saver;
  cluster('instance', dir, 'A');

  // The item and its newest revision agree, and every revision is one whole save.
  const row = psql(`SELECT title || '|' || summary FROM content_items WHERE id = ${id}`);
  const revisions = psql(`SELECT snapshot FROM content_revisions WHERE item_id = ${id} ORDER BY id`)
    .split('\n').map((line) => JSON.parse(line));
  const last = revisions[revisions.length - 1];
  assert.equal(row, `${last.title}|${last.summary}`);
  revisions.forEach((snap, i) => {
    assert.equal(snap.title, `Stand ${i}`);
    assert.equal(snap.summary, `Zusammenfassung ${i}`);
    assert.equal(snap.body.trimEnd(), `Text ${i} `.repeat(200).trimEnd(), `revision ${i}: body cut short`);
  });
  // Every save that was answered is stored; the one killed in flight is stored whole or not at all.
  assert.ok(revisions.length - 1 === saved || revisions.length - 1 === saved + 1,
    `${revisions.length - 1} update revisions for ${saved} answered saves`);
});

test('PostgreSQL restarted while serving: 503 during the outage, service afterwards', async () => {
  const jar = await login(env.RF_CLUSTER_NGINX, 'redaktion@cluster.example');
  assert.equal((await get(env.RF_CLUSTER_NGINX, '/redaktion', jar)).status, 200);
  cluster('pg-stop', dir);
  try {
    for (const base of [env.RF_CLUSTER_A, env.RF_CLUSTER_B, env.RF_CLUSTER_NGINX]) {
      assert.equal((await get(base, '/healthz')).status, 503, `${base}/healthz during the outage`);
      const page = await get(base, '/redaktion', jar);
      assert.equal(page.status, 503, `${base}/redaktion during the outage`);
      assert.match(page.text, /vorübergehend nicht verfügbar/);
      assert.equal(page.headers.get('retry-after'), '5');
    }
  } finally {
    cluster('pg-start', dir);
  }
  // Every request after the restart succeeds: no instance holds on to dead connections.
  await within(5000, async () => (await get(env.RF_CLUSTER_A, '/healthz')).status === 200, 'A healthy again');
  for (let i = 0; i < 30; i++) {
    for (const base of [env.RF_CLUSTER_A, env.RF_CLUSTER_B, env.RF_CLUSTER_NGINX]) {
      const res = await get(base, '/redaktion', jar);
      assert.equal(res.status, 200, `${base}/redaktion after the restart (round ${i})`);
    }
  }
});

// The demo data for every browser test of a run, prepared once (the CTest
// fixture e2e.demo; see tests/CMakeLists.txt):
//   node tests/e2e/demo_fixture.js DIR
// writes DIR/demo.db (`ruhrfutur demo` on SQLite, with its uploads in DIR/var)
// and DIR/report (the demo report with every profile, built from that
// database), DIR/pg (`ruhrfutur demo` in a stopped PostgreSQL cluster: its
// data folder and uploads), then DIR/ready. Importing the demo takes ~30 s and the report
// ~50 s in the sanitizer build; a dozen servers used to pay that each.
// support.js (importDemo, demoReport) copies from here when RF_E2E_DEMO names
// the folder, and does the work itself otherwise (a file run by hand).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, runCli, startPostgres } = require('./support');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node demo_fixture.js DIR');
  process.exit(2);
}
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
async function main() {
  const started = Date.now();
  const db = `sqlite:${path.join(dir, 'demo.db')}`;
  runCli(['demo', '--database', db], dir);
  const demoSeconds = (Date.now() - started) / 1000;
  runCli(['report', 'build', path.join(ROOT, 'reports/bildungsmonitoring-ruhr'), '--out', path.join(dir, 'report'),
    '--database', db], dir);
  const reportSeconds = (Date.now() - started) / 1000 - demoSeconds;
  // The same demo in a PostgreSQL cluster, stopped; startPostgres({ demo: true }) copies its data folder.
  const pgDir = path.join(dir, 'pg');
  const pg = await startPostgres({ keepIn: pgDir });
  try {
    runCli(['demo', '--database', pg.url], pgDir);
  } finally {
    await pg.stop();
  }
  fs.writeFileSync(path.join(dir, 'ready'), '');
  const pgSeconds = (Date.now() - started) / 1000 - demoSeconds - reportSeconds;
  console.log(`demo ${demoSeconds.toFixed(1)} s, report ${reportSeconds.toFixed(1)} s, ` +
    `demo on PostgreSQL ${pgSeconds.toFixed(1)} s -> ${dir}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// The demo data for every browser test of a run, prepared once (the CTest
// fixture e2e.demo; see tests/CMakeLists.txt):
//   node tests/e2e/demo_fixture.js DIR
//   node tests/e2e/demo_fixture.js --remove DIR   (the fixture's cleanup)
// writes DIR/demo.db (`ruhrfutur demo` on SQLite, with its uploads in DIR/var),
// DIR/pg (`ruhrfutur demo` in a stopped PostgreSQL cluster: its data folder and
// uploads; a link to the cluster's folder under the temporary folder, where the
// postgres user can read it) and DIR/report (the demo report with every profile, built from the
// PostgreSQL database: the browser tests of both databases serve this one
// report, so it is the run's test that the report builds from PostgreSQL;
// app_update_report_test and report_demo_test build from SQLite), then DIR/ready. Importing the demo takes ~30 s and the report
// ~50 s in the sanitizer build; a dozen servers used to pay that each.
// support.js (importDemo, demoReport) copies from here when RF_E2E_DEMO names
// the folder, and does the work itself otherwise (a file run by hand).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, runCli, startPostgres } = require('./support');

// Removes DIR and the cluster folder DIR/pg links to.
function remove(folder) {
  const link = path.join(folder, 'pg');
  try {
    fs.rmSync(fs.realpathSync(link), { recursive: true, force: true });
  } catch (_) { /* no cluster */ }
  fs.rmSync(folder, { recursive: true, force: true });
}

const removing = process.argv[2] === '--remove';
const dir = removing ? process.argv[3] : process.argv[2];
if (!dir) {
  console.error('usage: node demo_fixture.js [--remove] DIR');
  process.exit(2);
}
remove(dir);
if (removing) process.exit(0);
fs.mkdirSync(dir, { recursive: true });
async function main() {
  const started = Date.now();
  const db = `sqlite:${path.join(dir, 'demo.db')}`;
  runCli(['demo', '--database', db], dir);
  const demoSeconds = (Date.now() - started) / 1000;
  // The same demo in a PostgreSQL cluster, stopped; startPostgres({ demo: true }) copies its data folder.
  const pg = await startPostgres({ keep: true });
  const pgDir = pg.dir;
  fs.symlinkSync(pgDir, path.join(dir, 'pg'));
  let pgSeconds = 0;
  try {
    runCli(['demo', '--database', pg.url], pgDir);
    pgSeconds = (Date.now() - started) / 1000 - demoSeconds;
    runCli(['report', 'build', path.join(ROOT, 'reports/bildungsmonitoring-ruhr'), '--out', path.join(dir, 'report'),
      '--database', pg.url], dir);
  } finally {
    await pg.stop();
  }
  fs.writeFileSync(path.join(dir, 'ready'), '');
  const reportSeconds = (Date.now() - started) / 1000 - demoSeconds - pgSeconds;
  console.log(`demo ${demoSeconds.toFixed(1)} s, report ${reportSeconds.toFixed(1)} s, ` +
    `demo on PostgreSQL ${pgSeconds.toFixed(1)} s -> ${dir}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

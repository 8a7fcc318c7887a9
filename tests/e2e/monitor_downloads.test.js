// Downloads that German Excel opens: on an indicator page the first CSV link
// is the German spreadsheet dialect (BOM, ';', decimal comma, values rounded
// as published, markers in their own Status column); the machine dialect
// (',', decimal point, rounded value plus full precision) is labelled as such.
// Both are downloaded in Chromium, read by Python's csv module with German
// and with machine settings, and compared value by value with the API's
// JSON — on SQLite and on PostgreSQL.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ROOT, run, startServer, startPostgres, launchBrowser } = require('./support');

const FILES = ['genesis/21111-02-06-4.csv', 'genesis/12411-0018.csv', 'inkar/inkar2024_indikatoren_meta.csv',
  'inkar/inkar2024_kinderbetreuung_kreise_2006-2022.csv'].map((f) => path.join(ROOT, 'data', f));

// Reads a CSV file the way a German spreadsheet user's tools would: Python's
// csv module with the given delimiter; numbers with a decimal comma (german)
// or a decimal point. Prints the BOM flag, the header and the rows.
const READER = `
import csv, json, sys
path, delimiter, german = sys.argv[1], sys.argv[2], sys.argv[3] == 'german'
raw = open(path, 'rb').read()
bom = raw.startswith(b'\\xef\\xbb\\xbf')
with open(path, newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f, delimiter=delimiter))
def number(text):
    if text == '':
        return None
    if german:
        if '.' in text:
            raise SystemExit('thousands separator or decimal point in %r' % text)
        text = text.replace(',', '.')
    return float(text)
header, body = rows[0], rows[1:]
numeric = [i for i, h in enumerate(header) if h in ('Wert', 'value', 'value_exact')]
out = [[number(c) if i in numeric else c for i, c in enumerate(r)] for r in body]
print(json.dumps({'bom': bom, 'header': header, 'rows': out, 'raw_first': raw[:200].decode('utf-8', 'replace')}))
`;

function readCsv(file, delimiter, german) {
  const r = spawnSync('python3', ['-c', READER, file, delimiter, german ? 'german' : 'machine'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const round = (v, d) => Number(v.toFixed(d));

async function checkDownloads(t, database) {
  const server = await startServer({
    database,
    prepare: (db) => run(['import', ...FILES, '--database', db]),
  });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const id = 'schulabgaenger_ohne_abschluss';
  const info = await (await fetch(`${server.base}/api/v1/indicators/${id}`)).json();
  const decimals = info.decimals;
  assert.ok(Number.isInteger(decimals));
  const api = await (await fetch(`${server.base}/api/v1/indicators/${id}/values`)).json();
  assert.ok(api.values.length > 20, `${api.values.length} values`);

  assert.equal((await page.goto(`${server.base}/monitor/indikatoren/${id}`)).status(), 200);
  // Both dialects are on the page, each labelled; the German one first.
  const links = page.locator('.download-list a');
  assert.match(await links.first().innerText(), /^CSV für Excel \(Semikolon, Dezimalkomma\)$/);
  const machineLink = page.locator('.download-list').getByRole('link',
    { name: 'CSV maschinenlesbar (Komma, Dezimalpunkt)', exact: true });
  assert.equal(await machineLink.count(), 1);

  const download = async (link) => {
    const [d] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = path.join(server.dir, d.suggestedFilename());
    await d.saveAs(file);
    return file;
  };

  // German Excel: BOM, ';', decimal comma, rounded as published, markers apart.
  const excelFile = await download(links.first());
  assert.match(path.basename(excelFile), /_excel\.csv$/);
  const excel = readCsv(excelFile, ';', true);
  assert.equal(excel.bom, true);
  assert.deepEqual(excel.header,
    ['Indikator', 'Regionalschlüssel', 'Region', 'Zeitraum', 'Wert', 'Status', 'Einheit', 'Fehlende Mitglieder']);
  assert.equal(excel.rows.length, api.values.length);
  let markers = 0;
  api.values.forEach((v, i) => {
    const row = excel.rows[i];
    assert.equal(row[0], info.title);
    assert.equal(row[1], v.region);
    assert.equal(row[2], v.region_name);
    if (v.value === null) {
      assert.equal(row[4], null, `${v.region} ${v.period}: Wert stays empty`);
    } else {
      assert.equal(row[4], round(v.value, decimals), `${v.region} ${v.period}`);
    }
    if (v.status === 'ok') {
      assert.equal(row[5], '');
    } else {
      assert.equal(row[5], v.status === 'ok' ? '' : row[5]);
      assert.ok(row[5].length > 0, `${v.region} ${v.period}: marker in Status`);
      markers++;
    }
    assert.equal(row[6], info.unit);
  });
  // A value is printed with exactly the published decimals ("7,7", not "7,7357…").
  const text = fs.readFileSync(excelFile, 'utf8');
  const sample = api.values.find((v) => v.value !== null && v.region === 'ruhr');
  assert.ok(text.includes(`;${sample.value.toFixed(decimals).replace('.', ',')};`), 'rounded value with comma');
  assert.ok(!/;\d+,\d{3,};/.test(text), 'no unrounded values');

  // Machine dialect: ',', decimal point, rounded value and full precision.
  const machineFile = await download(machineLink);
  const machine = readCsv(machineFile, ',', false);
  assert.equal(machine.bom, false);
  assert.deepEqual(machine.header.slice(0, 8),
    ['indicator', 'region', 'region_name', 'period', 'value', 'value_exact', 'status', 'unit']);
  assert.equal(machine.rows.length, api.values.length);
  api.values.forEach((v, i) => {
    const row = machine.rows[i];
    assert.equal(row[1], v.region);
    assert.equal(row[3], v.period);
    if (v.value === null) {
      assert.equal(row[4], null);
      assert.equal(row[5], null);
    } else {
      assert.equal(row[4], round(v.value, decimals));
      assert.ok(Math.abs(row[5] - v.value) <= Math.abs(v.value) * 1e-11, `${row[5]} vs ${v.value}`);
    }
    assert.equal(row[6], v.status);
  });
  t.diagnostic(`${api.values.length} values, ${markers} with a marker`);

  // The groups' downloads too: the German file names the group column.
  const groups = readCsv(await download(page.locator('.download-list a', { hasText: /^CSV für Excel.*Gruppen$/ }).first()),
    ';', true);
  assert.equal(groups.header[4], 'Gruppe');
  assert.ok(groups.rows.some((r) => r[4] === 'weiblich'), 'German group labels');
}

test('indicator downloads open in German Excel (SQLite)', { timeout: 600000 }, async (t) => {
  await checkDownloads(t);
});

test('indicator downloads open in German Excel (PostgreSQL)', { timeout: 600000 }, async (t) => {
  const pg = await startPostgres();
  t.after(() => pg.stop());
  await checkDownloads(t, pg.url);
});

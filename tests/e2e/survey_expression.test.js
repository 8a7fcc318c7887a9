// The survey expression language in the browser (static/js/ausdruck.js) against the table
// tests/data/survey/expressions.tsv, which tests/unit/survey_expression_test.cpp asserts on the
// server's evaluator: both must agree on every row. No browser and no server needed.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'static', 'js', 'ausdruck.js');
const TABLE = path.join(ROOT, 'tests', 'data', 'survey', 'expressions.tsv');
const RfAusdruck = require(SCRIPT);

// The table's rows with their line numbers: comments (#) and blank lines skipped, then the header.
function readTable() {
  const lines = fs.readFileSync(TABLE, 'utf8').split('\n');
  const rows = [];
  let header = null;
  lines.forEach((line, index) => {
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split('\t');
    if (header === null) {
      header = fields;
      return;
    }
    assert.equal(fields.length, header.length, `line ${index + 1}: ${fields.length} fields, not ${header.length}`);
    const row = { line: index + 1 };
    header.forEach((name, i) => {
      row[name] = fields[i];
    });
    rows.push(row);
  });
  assert.deepEqual(header, ['expression', 'answers', 'self', 'expected', 'references']);
  return rows;
}

// "a=1|b=x y" → Map {a → '1', b → 'x y'}
function answersOf(text) {
  const answers = new Map();
  if (text === '') return answers;
  for (const pair of text.split('|')) {
    const eq = pair.indexOf('=');
    assert.ok(eq > 0, `answer without a name: ${pair}`);
    answers.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return answers;
}

// What the JavaScript evaluator says for a row, written the way the table writes it.
function outcome(row) {
  let parsed;
  try {
    parsed = RfAusdruck.parse(row.expression);
  } catch (error) {
    assert.equal(typeof error.offset, 'number', `${row.expression}: the error has no offset`);
    assert.ok(error.message.length > 0);
    return { result: `error ${error.offset}`, references: row.references };
  }
  const answers = answersOf(row.answers);
  const lookup = (name) => (answers.has(name) ? answers.get(name) : '');
  const result = row.expected.startsWith('=')
    ? `= ${parsed.evaluate(lookup, row.self)}`.trimEnd()
    : String(parsed.test(lookup, row.self));
  return { result, references: parsed.references.join(' ') };
}

test('every row of the expression table', () => {
  const rows = readTable();
  assert.ok(rows.length >= 120, `only ${rows.length} rows`);
  const failures = [];
  for (const row of rows) {
    const expected = row.expected === '=' ? '=' : row.expected;
    const got = outcome(row);
    if (got.result !== expected || got.references !== row.references) {
      failures.push(`line ${row.line}: ${row.expression} → ${got.result} [${got.references}], ` +
        `expected ${expected} [${row.references}]`);
    }
  }
  assert.deepEqual(failures, []);
});

test('parse errors carry a German message and the offset in characters', () => {
  assert.throws(() => RfAusdruck.parse('${a} >'), { offset: 6, message: 'Das Ausdrucksende kommt zu früh: hier fehlt ein Wert.' });
  assert.throws(() => RfAusdruck.parse("'Größe' = x $"), { offset: 12, message: 'Unerwarteter Text „$“ nach dem Ausdruck.' });
  assert.throws(() => RfAusdruck.parse('selected(${a})'), { offset: 0, message: '„selected“ erwartet 2 Argument(e), nicht 1.' });
  // '😀' is two UTF-16 units but one character.
  assert.throws(() => RfAusdruck.parse("'😀' + ä"), { offset: 6, message: 'Unerwartetes Zeichen „ä“.' });
});

test('the script defines one global RfAusdruck when a page loads it', () => {
  const page = vm.createContext({});
  vm.runInContext(fs.readFileSync(SCRIPT, 'utf8'), page, { filename: SCRIPT });
  assert.deepEqual(Object.keys(page), ['RfAusdruck']);
  assert.equal(page.RfAusdruck.parse('${a} = 2').test((name) => (name === 'a' ? '2' : '')), true);
  assert.equal(page.RfAusdruck.parse('').references.length, 0);
});

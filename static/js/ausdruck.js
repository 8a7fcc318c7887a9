// RfAusdruck: the survey expression language of XLSForm `relevant`, `constraint` and `choice_filter`
// columns in the browser, with the semantics of the server's evaluator (src/survey/expression.cpp),
// which stays the authority: it checks every answer again at submit.
//
//   var e = RfAusdruck.parse("${alter} >= 18 and selected(${formate}, 'online')");
//   e.references              // ['alter', 'formate']: each name once, in order of appearance
//   e.test(lookup, self)      // boolean: the expression as a condition
//   e.evaluate(lookup, self)  // string: its value as text
//
// lookup(name) returns the current answer as text ('' when unanswered; a select_multiple answer is
// its choice names separated by spaces); a bare name (a column of the choices sheet, for
// choice_filter) is looked up as '@name'. `self` is the value of `.`, the answer being checked.
// parse() throws an Error with `offset` (0-based, in characters) and a German `message`.
//
// Where this file and the server differ, the table tests/data/survey/expressions.tsv says which
// is right: tests/unit/survey_expression_test.cpp asserts the server on it, and
// tests/e2e/survey_expression.test.js this file. Deliberately server-like (not XPath-like):
// string-length counts UTF-8 bytes, and a text reads as a number in the C library's way
// ('1e3', ' 5 ', '+5', 'inf' and 'nan' are numbers).
//
// A plain ES2017 script without modules, dependencies or a build step (served as-is under a CSP of
// script-src 'self'); node loads it with require() for the tests.
var RfAusdruck = (function () {
  'use strict';

  // The C locale's isspace, isdigit, isalpha, isalnum: ASCII only, as in the server's parser.
  function isSpace(c) {
    return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
  }
  function isDigit(c) {
    return c >= '0' && c <= '9';
  }
  function isAlpha(c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  // A character of a ${name} or of the word after a keyword operator.
  function isNameChar(c) {
    return isAlpha(c) || isDigit(c) || c === '_' || c === '-' || c === '.';
  }
  // A character of a function name or a bare name (no '.': `a.b` is the name `a` and then `.b`).
  function isWordChar(c) {
    return isAlpha(c) || isDigit(c) || c === '_' || c === '-';
  }
  function isBlank(text) {
    for (var i = 0; i < text.length; i++) if (!isSpace(text[i])) return false;
    return true;
  }

  // ---- Numbers --------------------------------------------------------------------------------

  // What std::from_chars (general format) accepts once one leading '+' is dropped.
  var NUMBER = /^-?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN](?:\([0-9A-Za-z_]*\))?)$/;

  // A text as a number, or null when it is none (the empty text is none).
  function toNumber(text) {
    var begin = 0;
    var end = text.length;
    while (begin < end && isSpace(text[begin])) begin++;
    while (end > begin && isSpace(text[end - 1])) end--;
    if (begin === end) return null;
    var s = text.slice(begin, end);
    if (s[0] === '+') s = s.slice(1);
    if (!NUMBER.test(s)) return null;
    var negative = s[0] === '-';
    var body = (negative ? s.slice(1) : s).toLowerCase();
    if (body.slice(0, 3) === 'nan') return NaN;
    if (body.slice(0, 3) === 'inf') return negative ? -Infinity : Infinity;
    return Number(s);
  }

  // The exact decimal digits of a finite positive double: {digits, point}, value = 0.digits × 10^point.
  // Big integers are arrays of base-10^7 limbs, least significant first.
  var LIMB = 10000000;
  function multiplyLimbs(limbs, factor) {
    var carry = 0;
    for (var i = 0; i < limbs.length; i++) {
      var product = limbs[i] * factor + carry;
      limbs[i] = product % LIMB;
      carry = Math.floor(product / LIMB);
    }
    while (carry > 0) {
      limbs.push(carry % LIMB);
      carry = Math.floor(carry / LIMB);
    }
  }
  function exactDigits(value) {
    var view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    var high = view.getUint32(0);
    var low = view.getUint32(4);
    var biased = (high >>> 20) & 0x7ff;
    var mantissa = (high & 0xfffff) * 4294967296 + low;  // below 2^52: exact
    var exponent;
    if (biased === 0) {
      exponent = -1074;  // subnormal
    } else {
      mantissa += 4503599627370496;  // the implicit 2^52
      exponent = biased - 1075;
    }
    // value = mantissa × 2^exponent = mantissa × 5^-exponent ÷ 10^-exponent when exponent < 0.
    var limbs = [mantissa % LIMB, Math.floor(mantissa / LIMB) % LIMB, Math.floor(mantissa / LIMB / LIMB)];
    var steps = Math.abs(exponent);
    var chunk = exponent > 0 ? 2 : 5;
    var chunkPower = exponent > 0 ? 8388608 : 9765625;  // 2^23, 5^10: both below 10^7
    var chunkSteps = exponent > 0 ? 23 : 10;
    while (steps >= chunkSteps) {
      multiplyLimbs(limbs, chunkPower);
      steps -= chunkSteps;
    }
    while (steps-- > 0) multiplyLimbs(limbs, chunk);
    var text = '';
    for (var i = limbs.length - 1; i >= 0; i--) {
      var part = String(limbs[i]);
      text += text === '' ? (part === '0' ? '' : part) : '0000000'.slice(part.length) + part;
    }
    var point = text.length + (exponent < 0 ? exponent : 0);
    return { digits: text, point: point };
  }

  // printf's "%.15g": 15 significant digits, rounded half to even on the exact value, trailing
  // zeros dropped, exponent form ("1e+16", "1e-05") below 10^-4 and from 10^15 on.
  function formatG15(value) {
    var sign = value < 0 ? '-' : '';
    var exact = exactDigits(Math.abs(value));
    var digits = exact.digits;
    var point = exact.point;
    if (digits.length > 15) {
      var rest = digits.slice(15);
      var kept = digits.slice(0, 15).split('').map(Number);
      var first = Number(rest[0]);
      var tail = /[1-9]/.test(rest.slice(1));
      var up = first > 5 || (first === 5 && (tail || kept[14] % 2 === 1));
      if (up) {
        var i = 14;
        while (i >= 0 && kept[i] === 9) kept[i--] = 0;
        if (i >= 0) {
          kept[i]++;
        } else {
          kept.unshift(1);
          kept.pop();
          point++;
        }
      }
      digits = kept.join('');
    }
    digits = digits.replace(/0+$/, '');
    var exponent = point - 1;  // of the first digit
    if (exponent < -4 || exponent >= 15) {
      var mantissa = digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '');
      var size = Math.abs(exponent);
      return sign + mantissa + 'e' + (exponent < 0 ? '-' : '+') + (size < 10 ? '0' : '') + size;
    }
    if (point <= 0) return sign + '0.' + '0'.repeat(-point) + digits;
    if (digits.length <= point) return sign + digits + '0'.repeat(point - digits.length);
    return sign + digits.slice(0, point) + '.' + digits.slice(point);
  }

  // A number as text, as the server writes it: whole numbers below 10^15 without a point, not a
  // number as '', infinities as 'inf' and '-inf', everything else as "%.15g".
  function numberText(value) {
    if (value !== value) return '';
    if (value === Infinity) return 'inf';
    if (value === -Infinity) return '-inf';
    if (value === Math.floor(value) && Math.abs(value) < 1e15) return String(value);  // String(-0) is '0'
    return formatG15(value);
  }

  // ---- Values: booleans, numbers and texts, converted the XPath way ------------------------

  function asNumber(value) {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'number') return value;
    var n = toNumber(value);
    return n === null ? NaN : n;
  }
  function asText(value) {
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') return numberText(value);
    return value;
  }
  function asBool(value) {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') return value !== 0 && value === value;
    return value !== '';
  }

  // The names of a select_multiple answer, separated by spaces ('a  b' is a and b).
  function splitSelection(text) {
    return text.split(' ').filter(function (name) {
      return name !== '';
    });
  }

  function compare(op, a, b) {
    // Booleans compare as booleans (= and != only); otherwise numbers when either side is a number
    // or both texts read as numbers, and always for < <= > >=; otherwise texts.
    if (typeof a === 'boolean' || typeof b === 'boolean') {
      if (op === '=') return asBool(a) === asBool(b);
      if (op === '!=') return asBool(a) !== asBool(b);
    }
    var numeric =
      (op !== '=' && op !== '!=') ||
      typeof a === 'number' ||
      typeof b === 'number' ||
      (toNumber(asText(a)) !== null && toNumber(asText(b)) !== null);
    if (!numeric) return op === '=' ? asText(a) === asText(b) : asText(a) !== asText(b);
    var x = asNumber(a);
    var y = asNumber(b);
    switch (op) {
      case '=': return x === y;
      case '!=': return x !== y;
      case '<': return x < y;
      case '<=': return x <= y;
      case '>': return x > y;
      default: return x >= y;
    }
  }

  var ARITHMETIC = { '+': true, '-': true, '*': true, div: true, mod: true };
  function arithmetic(op, x, y) {
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case 'div': return x / y;
      default: return x % y;  // fmod: the sign of x, NaN for y = 0
    }
  }

  var FUNCTIONS = {
    'true': { arity: 0, call: function () { return true; } },
    'false': { arity: 0, call: function () { return false; } },
    'not': { arity: 1, call: function (arg) { return !asBool(arg(0)); } },
    'if': { arity: 3, call: function (arg) { return asBool(arg(0)) ? arg(1) : arg(2); } },
    'string-length': { arity: 1, call: function (arg) { return utf8Length(asText(arg(0))); } },
    'count-selected': { arity: 1, call: function (arg) { return splitSelection(asText(arg(0))).length; } },
    'selected': {
      arity: 2,
      call: function (arg) {
        return splitSelection(asText(arg(0))).indexOf(asText(arg(1))) >= 0;
      },
    },
  };

  // The server counts a text's length in UTF-8 bytes (string-length('Größe') is 7).
  function utf8Length(text) {
    var bytes = 0;
    for (var i = 0; i < text.length; i++) {
      var unit = text.charCodeAt(i);
      if (unit < 0x80) bytes += 1;
      else if (unit < 0x800) bytes += 2;
      else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        bytes += 4;
        i++;
      } else bytes += 3;
    }
    return bytes;
  }

  // Evaluates a node of the tree. Nodes: {type: 'value', value}, {type: 'ref', name},
  // {type: 'self'}, {type: 'neg', operand}, {type: 'op', op, left, right}, {type: 'call', name, args}.
  function evaluateNode(node, context) {
    switch (node.type) {
      case 'value':
        return node.value;
      case 'ref': {
        var answer = context.lookup(node.name);
        return answer === undefined || answer === null ? '' : String(answer);
      }
      case 'self':
        return context.self;
      case 'neg':
        return -asNumber(evaluateNode(node.operand, context));
      case 'op': {
        if (node.op === 'or') return asBool(evaluateNode(node.left, context)) || asBool(evaluateNode(node.right, context));
        if (node.op === 'and') return asBool(evaluateNode(node.left, context)) && asBool(evaluateNode(node.right, context));
        var a = evaluateNode(node.left, context);
        var b = evaluateNode(node.right, context);
        if (node.op in ARITHMETIC) return arithmetic(node.op, asNumber(a), asNumber(b));
        return compare(node.op, a, b);
      }
      default:
        return FUNCTIONS[node.name].call(function (i) {
          return evaluateNode(node.args[i], context);
        });
    }
  }

  // ---- Parsing ------------------------------------------------------------------------------

  // Binary operators from the loosest level to the tightest; all associate to the left. A word
  // operator counts only when no name character follows it ('order' is no 'or').
  var LEVELS = [
    [{ word: 'or' }],
    [{ word: 'and' }],
    [{ symbol: '!=' }, { symbol: '<=' }, { symbol: '>=' }, { symbol: '=' }, { symbol: '<' }, { symbol: '>' }],
    [{ symbol: '+' }, { symbol: '-' }],
    [{ symbol: '*' }, { word: 'div' }, { word: 'mod' }],
  ];

  function Parser(text) {
    this.text = text;
    this.pos = 0;
    this.references = [];
  }

  Parser.prototype.fail = function (at, message) {
    // The offset in characters (code points), not in UTF-16 units.
    var error = new Error(message);
    error.name = 'RfAusdruckFehler';
    error.offset = Array.from(this.text.slice(0, at)).length;
    throw error;
  };

  Parser.prototype.skipSpace = function () {
    while (this.pos < this.text.length && isSpace(this.text[this.pos])) this.pos++;
  };

  // Consumes `token` (after spaces) when it comes next; a word must not run on into a name.
  Parser.prototype.accept = function (token) {
    this.skipSpace();
    var word = token.word || token.symbol;
    if (this.text.slice(this.pos, this.pos + word.length) !== word) return false;
    var end = this.pos + word.length;
    if (token.word && end < this.text.length && isNameChar(this.text[end])) return false;
    this.pos = end;
    return true;
  };

  Parser.prototype.level = function (index) {
    if (index === LEVELS.length) return this.unary();
    var left = this.level(index + 1);
    for (;;) {
      var op = null;
      for (var i = 0; i < LEVELS[index].length && op === null; i++) {
        if (this.accept(LEVELS[index][i])) op = LEVELS[index][i].word || LEVELS[index][i].symbol;
      }
      if (op === null) return left;
      left = { type: 'op', op: op, left: left, right: this.level(index + 1) };
    }
  };

  Parser.prototype.unary = function () {
    if (this.accept({ symbol: '-' })) return { type: 'neg', operand: this.unary() };
    return this.primary();
  };

  Parser.prototype.addReference = function (name) {
    if (this.references.indexOf(name) < 0) this.references.push(name);
  };

  Parser.prototype.primary = function () {
    var s = this.text;
    this.skipSpace();
    if (this.pos >= s.length) this.fail(this.pos, 'Das Ausdrucksende kommt zu früh: hier fehlt ein Wert.');
    var start = this.pos;
    var c = s[start];
    if (c === '(') {
      this.pos++;
      var inner = this.level(0);
      if (!this.accept({ symbol: ')' })) this.fail(this.pos, 'Hier fehlt eine schließende Klammer „)“.');
      return inner;
    }
    if (c === '$') {
      if (s[start + 1] !== '{') this.fail(start, 'Nach „$“ muss „{Name}“ folgen, z. B. ${alter}.');
      var close = s.indexOf('}', start + 2);
      if (close < 0) this.fail(start, 'Der Verweis „${…“ wird nicht mit „}“ geschlossen.');
      var name = s.slice(start + 2, close);
      if (name === '' || !name.split('').every(isNameChar)) this.fail(start, '„${' + name + '}“ ist kein gültiger Fragenname.');
      this.pos = close + 1;
      this.addReference(name);
      return { type: 'ref', name: name };
    }
    if (c === "'" || c === '"') {
      var end = s.indexOf(c, start + 1);
      if (end < 0) this.fail(start, 'Ein Text in Anführungszeichen wird nicht geschlossen.');
      this.pos = end + 1;
      return { type: 'value', value: s.slice(start + 1, end) };
    }
    if (isDigit(c) || (c === '.' && isDigit(s[start + 1] || ''))) {
      var stop = start;
      while (stop < s.length && (isDigit(s[stop]) || s[stop] === '.')) stop++;
      var literal = s.slice(start, stop);
      var number = toNumber(literal);
      if (number === null) this.fail(start, '„' + literal + '“ ist keine Zahl.');
      this.pos = stop;
      return { type: 'value', value: number };
    }
    if (c === '.') {
      this.pos++;
      return { type: 'self' };
    }
    if (isAlpha(c)) {
      var after = start;
      while (after < s.length && isWordChar(s[after])) after++;
      var word = s.slice(start, after);
      this.pos = after;
      this.skipSpace();
      var spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, word) ? FUNCTIONS[word] : null;
      var paren = s[this.pos] === '(';
      if (!spec && !paren) {
        // A bare name: a column of the choices sheet (choice_filter only).
        this.addReference('@' + word);
        return { type: 'ref', name: '@' + word };
      }
      if (!spec) {
        this.fail(start, 'Unbekannte Funktion oder unbekanntes Wort „' + word +
          '“ (erlaubt: selected, count-selected, not, string-length, if, true, false).');
      }
      if (!paren) this.fail(start, 'Nach „' + word + '“ fehlt „(“.');
      this.pos++;
      var args = [];
      if (!this.accept({ symbol: ')' })) {
        for (;;) {
          args.push(this.level(0));
          if (this.accept({ symbol: ')' })) break;
          if (!this.accept({ symbol: ',' })) this.fail(this.pos, 'In der Argumentliste von „' + word + '“ fehlt „,“ oder „)“.');
        }
      }
      if (args.length !== spec.arity) {
        this.fail(start, '„' + word + '“ erwartet ' + spec.arity + ' Argument(e), nicht ' + args.length + '.');
      }
      return { type: 'call', name: word, args: args };
    }
    this.fail(start, 'Unerwartetes Zeichen „' + String.fromCodePoint(s.codePointAt(start)) + '“.');
  };

  // Parses `text`. A blank text is an expression that always holds (and evaluates to '').
  function parse(text) {
    text = String(text === undefined || text === null ? '' : text);
    var root = null;
    var references = [];
    if (!isBlank(text)) {
      var parser = new Parser(text);
      root = parser.level(0);
      parser.skipSpace();
      if (parser.pos !== text.length) {
        var rest = Array.from(text.slice(parser.pos)).slice(0, 20).join('');
        parser.fail(parser.pos, 'Unerwarteter Text „' + rest + '“ nach dem Ausdruck.');
      }
      references = parser.references;
    }
    function run(lookup, self) {
      return evaluateNode(root, { lookup: lookup, self: self === undefined || self === null ? '' : String(self) });
    }
    return {
      text: text,
      empty: root === null,
      references: references,
      test: function (lookup, self) {
        return root === null ? true : asBool(run(lookup, self));
      },
      evaluate: function (lookup, self) {
        return root === null ? '' : asText(run(lookup, self));
      },
    };
  }

  return { parse: parse, splitSelection: splitSelection };
})();

if (typeof module !== 'undefined') module.exports = RfAusdruck;

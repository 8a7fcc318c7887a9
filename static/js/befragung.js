// The answering script of the survey pages (/befragung/{token}).
//
// The pages work without it: one page per group, each posted to the server,
// which checks relevant/constraint/required and saves a draft. With it, the
// paged form hands over to the whole-form view (?seite=alle, server:
// show_all in src/survey/answer_pages.cpp): every page is a section of one
// form; this script shows one section at a time, shows and hides questions
// as their `relevant` conditions change (evaluated by RfAusdruck, the
// server's expression language in static/js/ausdruck.js), and the answers
// are posted once, at "Antworten absenden" (or "Speichern …"). The server
// checks everything again and answers with the receipt or with the form at
// the first page with an error. Questions hidden here are disabled, so their
// fields are not posted, as the server expects of questions not asked. When
// the page is left unfinished, the answers so far are saved as a draft.
(function () {
  'use strict';

  var paged = document.querySelector('form[data-ganz]');
  if (paged) {
    // Not over an error message: the respondent reads it on this page.
    if (!document.getElementById('fehler')) window.location.replace(paged.getAttribute('data-ganz'));
    return;
  }
  var form = document.querySelector('form[data-befragung-alle]');
  if (!form || !window.RfAusdruck) return;

  var sections = Array.prototype.slice.call(form.querySelectorAll('section.survey-page'));
  var progress = document.querySelector('[data-fortschritt]');
  var conditions = Array.prototype.map.call(form.querySelectorAll('[data-relevant]'), function (el) {
    var expression = null;
    try {
      expression = window.RfAusdruck.parse(el.getAttribute('data-relevant'));
    } catch (e) {
      expression = null;  // the server decides; the question stays as the server rendered it
    }
    return { el: el, expression: expression };
  });

  // The answer to question `name` as the server would read it: the checked
  // choice(s) in list order, a number with a decimal point; inside a repeat
  // entry the entry's own answer. Fields of questions not asked count as unanswered.
  function answer(name, scope) {
    var entry = scope.closest('[data-instanz]');
    var fields = [];
    if (entry) fields = form.querySelectorAll('[name="f:' + name + ':' + entry.getAttribute('data-instanz') + '"]');
    if (!fields.length) fields = form.querySelectorAll('[name="f:' + name + '"]');
    var values = [];
    Array.prototype.forEach.call(fields, function (field) {
      if (field.disabled) return;
      if (field.type === 'radio' || field.type === 'checkbox') {
        if (field.checked) values.push(field.value);
        return;
      }
      var v = field.value.trim();
      var mode = field.getAttribute('inputmode');
      if ((mode === 'decimal' || mode === 'numeric') && v.indexOf(',') >= 0) v = v.replace(/\./g, '').replace(',', '.');
      values.push(v);
    });
    return values.join(' ');
  }

  function update() {
    // A condition may rest on a question another condition shows or hides: repeat until nothing changes.
    for (var pass = 0; pass < 5; pass += 1) {
      var changed = false;
      conditions.forEach(function (c) {
        if (!c.expression) return;
        var show = c.expression.test(function (name) { return answer(name, c.el); }, '');
        if (c.el.hidden === show) {
          c.el.hidden = !show;
          c.el.disabled = !show;
          changed = true;
        }
      });
      if (!changed) break;
    }
  }

  // Whether a question or note is asked now: no condition around it fails.
  function asked(el) { return !el.closest('.survey-if[hidden]'); }

  // A page applies when a question or note on it is asked.
  function applies(section) {
    return Array.prototype.some.call(section.querySelectorAll('.field, .choice-group, .survey-note'), asked);
  }

  function neighbour(from, step) {
    for (var i = from + step; i >= 0 && i < sections.length; i += step) if (applies(sections[i])) return i;
    return -1;
  }

  var current = 0;
  var shownPage = form.querySelector('input[name=weiter_bei]');
  function show(index, focus) {
    current = index;
    if (shownPage) shownPage.value = String(index);  // where a saved draft continues
    sections.forEach(function (section, i) { section.hidden = i !== index; });
    var section = sections[index];
    var last = neighbour(index, +1) < 0;
    section.querySelector('[data-gehe=zurueck]').hidden = neighbour(index, -1) < 0;
    section.querySelector('[data-gehe=weiter]').hidden = last;
    section.querySelector('[data-absenden]').hidden = !last;
    if (progress) progress.textContent = 'Seite ' + (index + 1) + ' von ' + sections.length;
    if (focus) {
      var heading = section.querySelector('h2');
      heading.focus();
      heading.scrollIntoView({ block: 'start' });
    }
  }

  // Before going on: a required question of this page left unanswered is
  // marked as the server marks it, and keeps the respondent on the page.
  var MISSING = 'Bitte beantworten Sie diese Frage.';
  function unanswered(section) {
    var missing = [];
    Array.prototype.forEach.call(section.querySelectorAll('.field, .choice-group'), function (field) {
      if (!asked(field) || !field.querySelector('.required')) return;
      var inputs = field.querySelectorAll('input:not([type=hidden]), textarea, select');
      var answered = Array.prototype.some.call(inputs, function (input) {
        return input.type === 'radio' || input.type === 'checkbox' ? input.checked : input.value.trim() !== '';
      });
      var id = field.id || (inputs[0] && inputs[0].id);
      var note = id && document.getElementById(id + '-fehler-skript');
      if (answered) {
        if (note) note.remove();
        field.classList.remove('has-error');
        if (inputs[0]) inputs[0].removeAttribute('aria-invalid');
        return;
      }
      if (!note && id) {
        note = document.createElement('p');
        note.className = 'field-error';
        note.id = id + '-fehler-skript';
        note.textContent = MISSING;
        field.querySelector('legend, label').insertAdjacentElement('afterend', note);
        var target = field.matches('fieldset') ? field : inputs[0];
        var described = target.getAttribute('aria-describedby');
        target.setAttribute('aria-describedby', (described ? described + ' ' : '') + note.id);
      }
      field.classList.add('has-error');
      if (inputs[0]) inputs[0].setAttribute('aria-invalid', 'true');
      missing.push(inputs[0]);
    });
    return missing;
  }

  function go(step) {
    if (step > 0) {
      var missing = unanswered(sections[current]);
      if (missing.length) {
        missing[0].focus();
        return;
      }
    }
    var target = neighbour(current, step);
    if (target >= 0) show(target, true);
  }

  form.addEventListener('click', function (event) {
    var button = event.target.closest('[data-gehe]');
    if (!button) return;
    event.preventDefault();
    go(button.getAttribute('data-gehe') === 'weiter' ? +1 : -1);
  });
  var changed = false;  // answers not yet sent
  form.addEventListener('change', function () { changed = true; update(); show(current, false); });
  form.addEventListener('input', function (event) {
    changed = true;
    if (event.target.type === 'text' || event.target.tagName === 'TEXTAREA') { update(); show(current, false); }
  });

  // Leaving the page unfinished (the tab closed, another site, the phone locked): the answers so
  // far are saved as a draft, as the paged form saves every page, so the link continues there.
  var sending = false;
  form.addEventListener('submit', function () { sending = true; });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState !== 'hidden' || sending || !changed || !navigator.sendBeacon) return;
    var data = new URLSearchParams(new FormData(form));
    data.set('_aktion', 'speichern');
    if (navigator.sendBeacon(form.getAttribute('action'), data)) changed = false;
  });
  // Enter in a field goes on to the next page, as the paged form's default button does; on the last page it submits.
  form.addEventListener('keydown', function (event) {
    var t = event.target;
    if (event.key !== 'Enter' || t.tagName === 'TEXTAREA' || t.tagName === 'BUTTON' || t.tagName === 'A') return;
    event.preventDefault();
    if (neighbour(current, +1) >= 0) go(+1);
    else form.requestSubmit(sections[current].querySelector('[data-absenden]'));
  });

  // The server's error summary links to fields on any page: show that page first.
  var summary = document.getElementById('fehler');
  if (summary) {
    summary.addEventListener('click', function (event) {
      var link = event.target.closest('a[href^="#"]');
      if (!link) return;
      var target = document.getElementById(link.getAttribute('href').slice(1));
      var section = target && target.closest('section.survey-page');
      if (!section) return;
      event.preventDefault();
      show(sections.indexOf(section), false);
      var focusable = target.matches('input, textarea, select') ? target : target.querySelector('input, textarea, select');
      (focusable || target).focus();
    });
  }

  update();
  var start = parseInt(form.getAttribute('data-start'), 10) || 0;
  if (start < 0 || start >= sections.length) start = 0;
  if (!applies(sections[start])) start = Math.max(neighbour(start, +1), neighbour(start, -1), 0);
  show(start, false);
  if (summary) summary.focus();
}());

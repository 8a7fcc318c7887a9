#include "survey/answering.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "text/html.hpp"
#include "text/number.hpp"

namespace rf::survey {

namespace {

std::string field_name(const Item& q, int instance, bool in_repeat) {
  return in_repeat ? "f:" + q.name + ":" + std::to_string(instance) : "f:" + q.name;
}

std::string field_id(const Item& q, int instance, bool in_repeat) {
  return in_repeat ? "frage-" + q.name + "-" + std::to_string(instance) : "frage-" + q.name;
}

// Looks up answers for expressions evaluated for `instance` of a repeat:
// questions of the same repeat read that instance, all others instance 0.
Expression::Lookup lookup_for(const Form& form, int repeat, int instance, const Answers& answers) {
  return [&form, repeat, instance, &answers](std::string_view name) -> std::string {
    int index = form.index_of(name);
    int inst = (index >= 0 && repeat >= 0 && form.enclosing_repeat(index) == repeat) ? instance : 0;
    auto it = answers.find({std::string(name), inst});
    return it == answers.end() ? std::string() : it->second;
  };
}

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string plain_number(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

std::optional<double> read_number(std::string_view text) {
  if (auto v = text::parse_number(text, text::NumberStyle::german)) return v;
  return text::parse_number(text, text::NumberStyle::plain);
}

// Choices of a select question that pass its choice_filter.
std::vector<const Choice*> visible_choices(const Form& form, const Item& q, const Expression::Lookup& lookup) {
  std::vector<const Choice*> out;
  for (const auto& c : form.choices(q)) {
    if (!q.choice_filter.empty()) {
      bool keep = q.choice_filter.test([&](std::string_view name) -> std::string {
        if (name.starts_with("@")) {
          std::string column(name.substr(1));
          if (column == "name") return c.name;
          if (column == "label") return c.label;
          auto it = c.extra.find(column);
          return it == c.extra.end() ? std::string() : it->second;
        }
        return lookup(name);
      });
      if (!keep) continue;
    }
    out.push_back(&c);
  }
  return out;
}

// Every question below item `index` (itself when it is a question), in order.
void collect_questions(const Form& form, int index, std::vector<int>& out) {
  const Item& item = form.items[index];
  if (!item.is_container()) {
    out.push_back(index);
    return;
  }
  for (int child : item.children) collect_questions(form, child, out);
}

std::vector<int> page_question_indexes(const Form& form, int page) {
  std::vector<int> out;
  for (int i : form.pages[page].items) collect_questions(form, i, out);
  return out;
}

// Checks and normalises one value; "" with an error message when invalid.
std::string normalise(const Form& form, const Item& q, const std::string& raw, const Expression::Lookup& lookup,
                      std::string& error, bool& tampered) {
  switch (q.type) {
    case QuestionType::note: return "";
    case QuestionType::text:
      if (utf8_length(raw) > kMaxTextChars)
        error = "Der Text ist zu lang: höchstens " + text::format_number(kMaxTextChars, 0) + " Zeichen, Sie haben " +
                text::format_number(static_cast<double>(utf8_length(raw)), 0) + " eingegeben.";
      return raw;
    case QuestionType::integer: {
      auto v = read_number(raw);
      if (!v || *v != std::floor(*v) || std::fabs(*v) > 1e12) {
        error = "Bitte geben Sie eine ganze Zahl ein, z. B. 12.";
        return "";
      }
      return plain_number(*v);
    }
    case QuestionType::decimal: {
      auto v = read_number(raw);
      if (!v || std::fabs(*v) > 1e12) {
        error = "Bitte geben Sie eine Zahl ein, z. B. 2 oder 1,5.";
        return "";
      }
      return plain_number(*v);
    }
    case QuestionType::date: {
      auto d = text::parse_iso_date(raw);
      if (!d) d = text::parse_german_date(raw);
      if (!d || !text::is_valid_date(*d)) {
        error = "Bitte geben Sie ein Datum ein, z. B. 31.12.2025.";
        return "";
      }
      return text::format_iso_date(*d);
    }
    case QuestionType::range: {
      auto v = read_number(raw);
      double steps = v ? (*v - q.range_start) / q.range_step : -1;
      if (!v || *v < q.range_start || *v > q.range_end || std::fabs(steps - std::round(steps)) > 1e-9) {
        tampered = true;
        error = "Dieser Wert gehört nicht zur Skala der Frage.";
        return "";
      }
      return plain_number(*v);
    }
    case QuestionType::select_one:
    case QuestionType::select_multiple: {
      auto choices = visible_choices(form, q, lookup);
      std::vector<std::string> picked;
      for (const auto& name : split_selection(raw)) {
        bool known = std::any_of(choices.begin(), choices.end(), [&](const Choice* c) { return c->name == name; });
        if (!known) {
          tampered = true;
          error = "Die Antwort „" + name.substr(0, 40) + "“ gehört nicht zu dieser Frage.";
          return "";
        }
        picked.push_back(name);
      }
      if (q.type == QuestionType::select_one && picked.size() > 1) {
        tampered = true;
        error = "Bei dieser Frage ist nur eine Antwort möglich.";
        return "";
      }
      // In list order, each once.
      std::string out;
      for (const Choice* c : choices)
        if (std::find(picked.begin(), picked.end(), c->name) != picked.end()) out += (out.empty() ? "" : " ") + c->name;
      return out;
    }
  }
  return raw;
}

// Checks one answer in its context; appends to errors. Returns the normalised value.
std::string check_answer(const Form& form, int index, int instance, const std::string& raw, const Answers& context,
                         Check check, std::vector<FieldError>& errors, bool& tampered) {
  const Item& q = form.items[index];
  int repeat = form.enclosing_repeat(index);
  auto lookup = lookup_for(form, repeat, instance, context);
  std::string anchor = field_id(q, instance, repeat >= 0);
  if (q.is_select()) anchor += "--0";
  std::string label = q.label.empty() ? q.name : q.label;
  std::string error;
  std::string value;
  bool empty = raw.find_first_not_of(" \t\r\n") == std::string::npos;
  if (!empty) value = normalise(form, q, raw, lookup, error, tampered);
  if (error.empty() && !empty && !q.constraint.empty() && !q.constraint.test(lookup, value))
    error = q.constraint_message.empty() ? "Diese Antwort ist nicht zulässig." : q.constraint_message;
  if (error.empty() && empty && q.required && check == Check::full)
    error = q.required_message.empty() ? "Bitte beantworten Sie diese Frage." : q.required_message;
  if (!error.empty()) errors.push_back({anchor, label, error});
  return error.empty() ? value : "";
}

std::string join_values(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (v.empty()) continue;
    if (!out.empty()) out += ' ';
    out += v;
  }
  return out;
}

}  // namespace

bool is_relevant(const Form& form, int index, int instance, const Answers& answers) {
  int repeat = form.enclosing_repeat(index);
  auto lookup = lookup_for(form, repeat, instance, answers);
  for (int i = index; i >= 0; i = form.items[i].parent) {
    const Item& item = form.items[i];
    // A repeat's own condition is read outside its instances.
    auto l = item.kind == ItemKind::repeat ? lookup_for(form, -1, 0, answers) : lookup;
    if (!item.relevant.test(l)) return false;
  }
  return true;
}

int repeat_count(const Form& form, int repeat, const Answers& answers) {
  int count = 1;
  std::vector<int> qs;
  collect_questions(form, repeat, qs);
  for (int q : qs)
    for (auto it = answers.lower_bound({form.items[q].name, 0});
         it != answers.end() && it->first.first == form.items[q].name; ++it)
      count = std::max(count, it->first.second + 1);
  return std::min(count, kMaxRepeatInstances);
}

bool page_applies(const Form& form, int page, const Answers& answers) {
  // A page of notes only (an introduction) applies too.
  for (int q : page_question_indexes(form, page))
    if (is_relevant(form, q, 0, answers)) return true;
  return false;
}

std::vector<std::string> page_questions(const Form& form, int page) {
  std::vector<std::string> out;
  for (int q : page_question_indexes(form, page)) out.push_back(form.items[q].name);
  return out;
}

PageInput read_page(const Form& form, int page, const Answers& stored, const http::Params& posted, Check check) {
  PageInput in;
  auto indexes = page_question_indexes(form, page);
  std::set<std::string> on_page;
  for (int i : indexes) on_page.insert(form.items[i].name);

  // Instances per repeat on this page, from the hidden counters.
  for (int top : form.pages[page].items) {
    if (form.items[top].kind != ItemKind::repeat) continue;
    const std::string& name = form.items[top].name;
    int n = repeat_count(form, top, stored);
    if (auto v = posted.get("n:" + name)) {
      auto parsed = text::parse_number(*v, text::NumberStyle::plain);
      if (!parsed || *parsed < 1 || *parsed > kMaxRepeatInstances || *parsed != std::floor(*parsed))
        in.problems.push_back("Die Zahl der Einträge bei „" + form.items[top].label + "“ ist ungültig.");
      else
        n = static_cast<int>(*parsed);
    }
    in.repeats[name] = n;
  }

  // Collect the posted values by (question, instance); anything else is tampering.
  std::map<AnswerKey, std::vector<std::string>> raw;
  for (const auto& [key, value] : posted.items()) {
    if (!key.starts_with("f:")) continue;
    std::string rest = key.substr(2);
    int instance = 0;
    auto colon = rest.find(':');
    std::string name = rest.substr(0, colon);
    int index = form.index_of(name);
    bool known = on_page.count(name) && index >= 0;
    int repeat = known ? form.enclosing_repeat(index) : -1;
    if (known && colon != std::string::npos) {
      auto n = text::parse_number(rest.substr(colon + 1), text::NumberStyle::plain);
      int limit = repeat >= 0 ? in.repeats[form.items[repeat].name] : 0;
      if (repeat < 0 || !n || *n < 0 || *n >= limit || *n != std::floor(*n))
        known = false;
      else
        instance = static_cast<int>(*n);
    } else if (known && repeat >= 0) {
      known = false;
    }
    if (!known) {
      in.problems.push_back("Das Formular enthielt ein Feld, das es auf dieser Seite nicht gibt („" +
                            key.substr(0, 60) + "“).");
      continue;
    }
    raw[{name, instance}].push_back(value);
  }

  // The context for conditions: stored answers with this page's typed values.
  Answers context = stored;
  for (const auto& name : on_page)
    for (auto it = context.lower_bound({name, 0}); it != context.end() && it->first.first == name;)
      it = context.erase(it);
  for (const auto& [key, values] : raw) {
    in.typed[key] = join_values(values);
    context[key] = in.typed[key];
  }

  for (int index : indexes) {
    const Item& q = form.items[index];
    if (q.type == QuestionType::note) continue;
    int repeat = form.enclosing_repeat(index);
    int instances = repeat >= 0 ? in.repeats[form.items[repeat].name] : 1;
    for (int inst = 0; inst < instances; ++inst) {
      AnswerKey key{q.name, inst};
      auto it = raw.find(key);
      std::string typed = it == raw.end() ? "" : join_values(it->second);
      if (q.type == QuestionType::select_one && it != raw.end() && it->second.size() > 1)
        typed = join_values(it->second);
      bool relevant_before = is_relevant(form, index, inst, stored);
      bool relevant_now = is_relevant(form, index, inst, context);
      if (!relevant_now) {
        if (!typed.empty()) {
          if (!relevant_before && !form.items[index].relevant.empty() && repeat < 0 &&
              std::none_of(q.relevant.references().begin(), q.relevant.references().end(),
                           [&](const std::string& r) { return on_page.count(r) > 0; }))
            in.problems.push_back("Eine Antwort wurde für die Frage „" + q.label +
                                  "“ gesendet, die nach Ihren bisherigen Angaben nicht gestellt wird.");
          else
            in.errors.push_back({field_id(q, inst, repeat >= 0) + (q.is_select() ? "--0" : ""), q.label,
                                 "Diese Frage trifft nach Ihren Angaben nicht zu. Bitte lassen Sie sie leer "
                                 "oder ändern Sie die Angabe, von der sie abhängt."});
        }
        continue;
      }
      bool tampered = false;
      std::string value = check_answer(form, index, inst, typed, context, check, in.errors, tampered);
      if (tampered)
        in.problems.push_back("Eine Antwort passt nicht zu den Antwortmöglichkeiten der Frage „" + q.label + "“.");
      if (!value.empty()) in.values[key] = value;
    }
  }
  return in;
}

FinalCheck check_response(const Form& form, const Answers& answers) {
  FinalCheck out;
  for (std::size_t p = 0; p < form.pages.size(); ++p) {
    for (int index : page_question_indexes(form, static_cast<int>(p))) {
      const Item& q = form.items[index];
      if (q.type == QuestionType::note) continue;
      int repeat = form.enclosing_repeat(index);
      int instances = repeat >= 0 ? repeat_count(form, repeat, answers) : 1;
      for (int inst = 0; inst < instances; ++inst) {
        if (!is_relevant(form, index, inst, answers)) continue;
        auto it = answers.find({q.name, inst});
        std::string value = it == answers.end() ? "" : it->second;
        std::size_t before = out.errors.size();
        bool tampered = false;
        std::string checked = check_answer(form, index, inst, value, answers, Check::full, out.errors, tampered);
        if (out.errors.size() > before && out.first_bad_page < 0) out.first_bad_page = static_cast<int>(p);
        if (!checked.empty()) out.answers[{q.name, inst}] = checked;
      }
    }
  }
  return out;
}

std::string display_value(const Form& form, const Item& item, const std::string& value) {
  if (item.is_select()) {
    std::string out;
    for (const auto& name : split_selection(value)) {
      const Choice* c = form.find_choice(item, name);
      if (!out.empty()) out += ", ";
      out += c ? c->label : name;
    }
    return out;
  }
  if (item.type == QuestionType::decimal || item.type == QuestionType::integer || item.type == QuestionType::range) {
    auto v = text::parse_number(value, text::NumberStyle::plain);
    return v ? text::format_number_exact(*v) : value;
  }
  if (item.type == QuestionType::date) {
    auto d = text::parse_iso_date(value);
    return d ? text::format_german_date(*d) : value;
  }
  return value;
}

namespace {

struct Renderer {
  const Form& form;
  const Answers& values;
  const std::vector<FieldError>& errors;
  const RenderOptions& options;
  std::string out;

  const FieldError* error_for(const std::string& anchor) const {
    for (const auto& e : errors)
      if (e.anchor == anchor) return &e;
    return nullptr;
  }
  std::string value_of(const Item& q, int instance) const {
    auto it = values.find({q.name, instance});
    return it == values.end() ? "" : it->second;
  }
  int instances_of(int repeat) const {
    auto it = options.repeats.find(form.items[repeat].name);
    return it != options.repeats.end() ? it->second : repeat_count(form, repeat, values);
  }
  void esc(std::string_view s) { text::append_escaped_html(out, s); }
  void attr(std::string_view s) { text::append_escaped_attribute(out, s); }

  void item(int index, int instance) {
    const Item& it = form.items[index];
    bool relevant = is_relevant(form, index, instance, values);
    if (!relevant && !options.disabled && !options.live) return;
    bool wrap = options.live && !it.relevant.empty();
    if (wrap) {
      out += "<fieldset class=\"survey-if\" data-relevant=\"";
      attr(it.relevant.text());
      out += relevant ? "\">" : "\" hidden disabled>";
    }
    if (it.kind == ItemKind::repeat)
      repeat(index);
    else if (it.kind == ItemKind::group)
      group(index, instance);
    else
      question(index, instance);
    if (wrap) out += "</fieldset>";
  }

  void group(int index, int instance) {
    const Item& g = form.items[index];
    bool top_level = g.parent < 0;
    if (!top_level) {
      out += "<fieldset class=\"survey-group\"><legend>";
      esc(g.label.empty() ? g.name : g.label);
      out += "</legend>";
    }
    if (!g.hint.empty()) {
      out += "<p class=\"hint\">";
      esc(g.hint);
      out += "</p>";
    }
    out += g.is_matrix() ? "<div class=\"survey-matrix\">" : "<div>";
    for (int child : g.children) item(child, instance);
    out += "</div>";
    if (!top_level) out += "</fieldset>";
  }

  void repeat(int index) {
    const Item& r = form.items[index];
    int n = instances_of(index);
    if (!r.hint.empty()) {
      out += "<p class=\"hint\">";
      esc(r.hint);
      out += "</p>";
    }
    for (int inst = 0; inst < n; ++inst) {
      out += "<fieldset class=\"survey-group survey-repeat\"";
      if (options.live) out += " data-instanz=\"" + std::to_string(inst) + "\"";
      out += "><legend>";
      esc(r.label.empty() ? r.name : r.label);
      out += " – Eintrag " + std::to_string(inst + 1) + "</legend>";
      for (int child : r.children) item(child, inst);
      out += "</fieldset>";
    }
    out += "<input type=\"hidden\" name=\"n:";
    attr(r.name);
    out += "\" value=\"" + std::to_string(n) + "\">";
    if (!options.disabled) {
      out += "<p class=\"actions\">";
      if (n < kMaxRepeatInstances) {
        out += "<button type=\"submit\" class=\"button secondary\" name=\"_aktion\" value=\"mehr:";
        attr(r.name);
        out += "\">Weiteren Eintrag hinzufügen</button>";
      }
      if (n > 1) {
        out += "<button type=\"submit\" class=\"button secondary\" name=\"_aktion\" value=\"weniger:";
        attr(r.name);
        out += "\">Letzten Eintrag entfernen</button>";
      }
      out += "</p>";
    }
  }

  // Opening of a field: label or legend, hint, error; returns the describedby ids.
  std::string described_by(const std::string& id, const Item& q, const FieldError* e) const {
    std::string ids;
    if (!q.hint.empty()) ids += id + "-hinweis";
    if (e) ids += (ids.empty() ? "" : " ") + id + "-fehler";
    return ids;
  }
  void hint_and_error(const std::string& id, const Item& q, const FieldError* e) {
    if (!q.hint.empty()) {
      out += "<p class=\"hint\" id=\"" + id + "-hinweis\">";
      esc(q.hint);
      out += "</p>";
    }
    if (e) {
      out += "<p class=\"field-error\" id=\"" + id + "-fehler\">";
      esc(e->message);
      out += "</p>";
    }
  }
  void label_text(const Item& q) {
    esc(q.label.empty() ? q.name : q.label);
    if (q.required) out += " <span class=\"required\">(Pflichtfrage)</span>";
  }

  void question(int index, int instance) {
    const Item& q = form.items[index];
    bool in_repeat = form.enclosing_repeat(index) >= 0;
    std::string id = field_id(q, instance, in_repeat);
    std::string name = field_name(q, instance, in_repeat);
    std::string value = value_of(q, instance);
    std::string disabled = options.disabled ? " disabled" : "";
    if (q.type == QuestionType::note) {
      out += "<p class=\"survey-note\">";
      esc(q.label);
      out += "</p>";
      return;
    }
    if (q.is_select() || q.type == QuestionType::range) {
      const FieldError* e = error_for(id + "--0");
      std::string ids = described_by(id, q, e);
      bool matrix = q.parent >= 0 && form.items[q.parent].is_matrix();
      out += std::string("<fieldset class=\"field choice-group") + (matrix ? " matrix-row" : "") +
             (e ? " has-error" : "") + "\" id=\"" + id + "\"";
      if (!ids.empty()) out += " aria-describedby=\"" + ids + "\"";
      out += "><legend>";
      label_text(q);
      out += "</legend>";
      hint_and_error(id, q, e);
      out += "<div class=\"choices\">";
      std::vector<std::pair<std::string, std::string>> options_list;
      if (q.type == QuestionType::range) {
        for (double v = q.range_start; v <= q.range_end + 1e-9; v += q.range_step)
          options_list.emplace_back(plain_number(v), text::format_number_exact(v));
      } else {
        auto lookup = lookup_for(form, form.enclosing_repeat(index), instance, values);
        for (const Choice* c : visible_choices(form, q, lookup)) options_list.emplace_back(c->name, c->label);
      }
      auto selected = split_selection(value);
      const char* type = q.type == QuestionType::select_multiple ? "checkbox" : "radio";
      for (std::size_t k = 0; k < options_list.size(); ++k) {
        const auto& [opt, label] = options_list[k];
        std::string opt_id = id + "--" + std::to_string(k);
        bool checked = std::find(selected.begin(), selected.end(), opt) != selected.end();
        out += "<div class=\"choice\"><input type=\"" + std::string(type) + "\" id=\"" + opt_id + "\" name=\"";
        attr(name);
        out += "\" value=\"";
        attr(opt);
        out += "\"";
        if (checked) out += " checked";
        if (e && k == 0) out += " aria-invalid=\"true\"";
        out += disabled + "><label for=\"" + opt_id + "\">";
        esc(label);
        out += "</label></div>";
      }
      out += "</div></fieldset>";
      return;
    }
    const FieldError* e = error_for(id);
    std::string ids = described_by(id, q, e);
    out += std::string("<div class=\"field") + (e ? " has-error" : "") + "\"><label for=\"" + id + "\">";
    label_text(q);
    out += "</label>";
    hint_and_error(id, q, e);
    std::string common = " id=\"" + id + "\" name=\"" + text::escape_attribute(name) + "\"" +
                         (ids.empty() ? "" : " aria-describedby=\"" + ids + "\"") +
                         (e ? " aria-invalid=\"true\"" : "") + (q.required ? " aria-required=\"true\"" : "") + disabled;
    std::string shown = value;
    if (q.type == QuestionType::decimal || q.type == QuestionType::integer) {
      if (auto v = text::parse_number(value, text::NumberStyle::plain)) shown = text::format_number_exact(*v);
      out += "<input type=\"text\" inputmode=\"" +
             std::string(q.type == QuestionType::integer ? "numeric" : "decimal") + "\" class=\"input-short\"" +
             common + " value=\"";
      attr(shown);
      out += "\">";
    } else if (q.type == QuestionType::date) {
      out += "<input type=\"date\"" + common + " value=\"";
      attr(value);
      out += "\">";
    } else if (q.appearance == "multiline") {
      out += "<textarea rows=\"5\" maxlength=\"" + std::to_string(kMaxTextChars) + "\"" + common + ">";
      esc(value);
      out += "</textarea>";
    } else {
      out += "<input type=\"text\" maxlength=\"" + std::to_string(kMaxTextChars) + "\"" + common + " value=\"";
      attr(value);
      out += "\">";
    }
    out += "</div>";
  }
};

}  // namespace

bool runs_live(const Form& form) {
  return std::none_of(form.items.begin(), form.items.end(), [](const Item& i) { return !i.choice_filter.empty(); });
}

std::string render_fields(const Form& form, int page, const Answers& values, const std::vector<FieldError>& errors,
                          const RenderOptions& options) {
  Renderer r{form, values, errors, options, {}};
  for (int i : form.pages[page].items) r.item(i, 0);
  return std::move(r.out);
}

}  // namespace rf::survey

#include "survey/form.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "text/number.hpp"
#include "text/strings.hpp"

namespace rf::survey {

std::string_view type_name(QuestionType type) {
  switch (type) {
    case QuestionType::select_one: return "select_one";
    case QuestionType::select_multiple: return "select_multiple";
    case QuestionType::integer: return "integer";
    case QuestionType::decimal: return "decimal";
    case QuestionType::text: return "text";
    case QuestionType::date: return "date";
    case QuestionType::note: return "note";
    case QuestionType::range: return "range";
  }
  return "text";
}

std::string column_letters(std::size_t column) {
  std::string out;
  while (column > 0) {
    --column;
    out.insert(out.begin(), static_cast<char>('A' + column % 26));
    column /= 26;
  }
  return out;
}

std::string FormError::describe() const {
  std::string out = "Tabelle „" + sheet + "“";
  if (row) out += ", Zeile " + std::to_string(row);
  if (column) {
    out += ", Spalte " + column_letters(column);
    if (!column_name.empty()) out += " (" + column_name + ")";
  }
  out += ": " + message;
  if (!text.empty()) out += " – „" + text + "“";
  return out;
}

const Item* Form::find(std::string_view name) const {
  int i = index_of(name);
  return i < 0 ? nullptr : &items[i];
}

int Form::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].name == name) return static_cast<int>(i);
  return -1;
}

const std::vector<Choice>& Form::choices(const Item& item) const {
  static const std::vector<Choice> none;
  auto it = lists.find(item.list);
  return it == lists.end() ? none : it->second;
}

const Choice* Form::find_choice(const Item& item, std::string_view name) const {
  for (const auto& c : choices(item))
    if (c.name == name) return &c;
  return nullptr;
}

int Form::enclosing_repeat(int index) const {
  for (int p = items[index].parent; p >= 0; p = items[p].parent)
    if (items[p].kind == ItemKind::repeat) return p;
  return -1;
}

std::vector<int> Form::questions() const {
  std::vector<int> out;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].kind == ItemKind::question) out.push_back(static_cast<int>(i));
  return out;
}

namespace {

constexpr std::size_t kMaxRows = 5000;
constexpr std::size_t kMaxCell = 4000;

std::string trim(std::string_view s) { return std::string(text::trim(s)); }

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  if (!std::isalpha(static_cast<unsigned char>(name[0])) && name[0] != '_') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

// Column positions of a sheet by header; "label::Deutsch (de)" counts as label.
class Columns {
 public:
  explicit Columns(const Sheet& sheet) {
    if (sheet.rows.empty()) return;
    const auto& header = sheet.rows.front();
    for (std::size_t i = 0; i < header.size(); ++i) {
      std::string h = text::to_lower_ascii(trim(header[i]));
      names_.push_back(h);
      std::string base = h.substr(0, h.find("::"));
      if (!h.empty() && !index_.count(h)) index_[h] = i;
      if (!base.empty() && !index_.count(base)) index_[base] = i;
    }
  }
  // 0-based index or npos.
  std::size_t find(std::string_view name) const {
    auto it = index_.find(std::string(name));
    return it == index_.end() ? std::string::npos : it->second;
  }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<std::string> names_;
};

struct Builder {
  std::vector<FormError> errors;
  Form form;

  void error(const std::string& sheet, std::size_t row, std::size_t column, std::string column_name, std::string text,
             std::string message) {
    if (text.size() > 120) text = text.substr(0, 117) + "…";
    errors.push_back({sheet, row, column, std::move(column_name), std::move(text), std::move(message)});
  }

  static std::string cell(const std::vector<std::string>& row, std::size_t column) {
    return column < row.size() ? trim(row[column]) : std::string();
  }

  // Parses an expression cell; reports errors at its cell.
  Expression expression(const std::string& sheet, std::size_t row, std::size_t col, const std::string& col_name,
                        const std::string& text) {
    ExpressionError e;
    auto parsed = parse_expression(text, e);
    if (!parsed) {
      error(sheet, row, col + 1, col_name, text,
            "Der Ausdruck ist fehlerhaft (Zeichen " + std::to_string(e.offset + 1) + "): " + e.message);
      return {};
    }
    return *parsed;
  }

  void read_settings(const Sheet* sheet, std::string_view fallback_id) {
    form.id = std::string(fallback_id);
    if (!sheet || sheet->rows.size() < 2) return;
    Columns cols(*sheet);
    const auto& row = sheet->rows[1];
    if (auto c = cols.find("form_title"); c != std::string::npos) form.title = cell(row, c);
    if (auto c = cols.find("form_id"); c != std::string::npos && !cell(row, c).empty()) {
      form.id = cell(row, c);
      if (!valid_name(form.id))
        error("settings", 2, c + 1, "form_id", form.id,
              "Die Formular-ID darf nur Buchstaben, Ziffern, „_“, „-“ und „.“ enthalten.");
    }
    if (auto c = cols.find("version"); c != std::string::npos) form.version = cell(row, c);
  }

  void read_choices(const Sheet* sheet) {
    if (!sheet) return;
    Columns cols(*sheet);
    std::size_t c_list = cols.find("list_name"), c_name = cols.find("name"), c_label = cols.find("label");
    if (c_list == std::string::npos) c_list = cols.find("list name");
    if (c_list == std::string::npos || c_name == std::string::npos || c_label == std::string::npos) {
      error("choices", 1, 0, "", "", "Die Kopfzeile braucht die Spalten „list_name“, „name“ und „label“.");
      return;
    }
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t r = 1; r < sheet->rows.size(); ++r) {
      const auto& row = sheet->rows[r];
      std::string list = cell(row, c_list), name = cell(row, c_name), label = cell(row, c_label);
      if (list.empty() && name.empty() && label.empty()) continue;
      std::size_t line = r + 1;
      if (list.empty()) {
        error("choices", line, c_list + 1, "list_name", "", "Der Listenname fehlt.");
        continue;
      }
      if (name.empty()) {
        error("choices", line, c_name + 1, "name", "", "Der Name der Antwort fehlt.");
        continue;
      }
      if (name.find(' ') != std::string::npos || name.size() > 64) {
        error("choices", line, c_name + 1, "name", name,
              "Antwortnamen dürfen keine Leerzeichen enthalten (höchstens 64 Zeichen).");
        continue;
      }
      if (!seen.insert({list, name}).second) {
        error("choices", line, c_name + 1, "name", name, "Diese Antwort steht in der Liste „" + list + "“ zweimal.");
        continue;
      }
      Choice choice{name, label.empty() ? name : label, {}};
      for (std::size_t c = 0; c < cols.names().size(); ++c) {
        if (c == c_list || c == c_name || c == c_label || cols.names()[c].empty()) continue;
        choice.extra[cols.names()[c]] = cell(row, c);
      }
      form.lists[list].push_back(std::move(choice));
    }
  }

  void read_survey(const Sheet* sheet) {
    if (!sheet || sheet->rows.size() < 2) {
      error("survey", 0, 0, "", "", "Die Tabelle „survey“ fehlt oder ist leer.");
      return;
    }
    Columns cols(*sheet);
    std::size_t c_type = cols.find("type"), c_name = cols.find("name"), c_label = cols.find("label");
    if (c_type == std::string::npos || c_name == std::string::npos) {
      error("survey", 1, 0, "", "", "Die Kopfzeile braucht mindestens die Spalten „type“ und „name“.");
      return;
    }
    auto col = [&](std::string_view n) { return cols.find(n); };
    std::size_t c_hint = col("hint"), c_required = col("required"), c_required_msg = col("required_message"),
                c_relevant = col("relevant"), c_constraint = col("constraint"),
                c_constraint_msg = col("constraint_message"), c_filter = col("choice_filter"),
                c_appearance = col("appearance"), c_parameters = col("parameters");
    auto get = [&](const std::vector<std::string>& row, std::size_t c) {
      return c == std::string::npos ? std::string() : cell(row, c);
    };
    std::vector<int> stack;  // open groups and repeats
    std::set<std::string> names;
    for (std::size_t r = 1; r < sheet->rows.size(); ++r) {
      const auto& row = sheet->rows[r];
      std::size_t line = r + 1;
      for (std::size_t c = 0; c < row.size(); ++c)
        if (row[c].size() > kMaxCell)
          error("survey", line, c + 1, c < cols.names().size() ? cols.names()[c] : "", row[c].substr(0, 40),
                "Die Zelle ist länger als " + std::to_string(kMaxCell) + " Zeichen.");
      std::string type_text = get(row, c_type);
      std::string name = get(row, c_name);
      if (type_text.empty()) {
        bool blank = std::all_of(row.begin(), row.end(), [](const std::string& s) { return trim(s).empty(); });
        if (!blank) error("survey", line, c_type + 1, "type", "", "Der Typ fehlt.");
        continue;
      }
      std::string type_word = text::to_lower_ascii(type_text.substr(0, type_text.find(' ')));
      std::string type_rest =
          trim(type_text.size() > type_word.size() ? std::string_view(type_text).substr(type_word.size()) : "");
      if (type_word == "end_group" || type_word == "end" || type_word == "end_repeat" || type_text == "end group" ||
          type_text == "end repeat") {
        bool repeat = type_text.find("repeat") != std::string::npos;
        if (stack.empty() || (form.items[stack.back()].kind == ItemKind::repeat) != repeat) {
          error("survey", line, c_type + 1, "type", type_text,
                repeat ? "„end_repeat“ ohne passendes „begin_repeat“." : "„end_group“ ohne passendes „begin_group“.");
        } else {
          stack.pop_back();
        }
        continue;
      }
      Item item;
      item.row = line;
      item.name = name;
      item.label = get(row, c_label);
      item.hint = get(row, c_hint);
      item.appearance = text::to_lower_ascii(get(row, c_appearance));
      item.parent = stack.empty() ? -1 : stack.back();
      if (type_word == "begin_group" || type_text == "begin group")
        item.kind = ItemKind::group;
      else if (type_word == "begin_repeat" || type_text == "begin repeat")
        item.kind = ItemKind::repeat;
      else if (type_word == "select_one" || type_word == "select_multiple") {
        item.type = type_word == "select_one" ? QuestionType::select_one : QuestionType::select_multiple;
        item.list = type_rest;
        if (item.list.empty()) {
          error("survey", line, c_type + 1, "type", type_text,
                "Nach „" + type_word + "“ fehlt der Name der Antwortliste.");
          continue;
        }
      } else if (type_word == "integer" || type_word == "int")
        item.type = QuestionType::integer;
      else if (type_word == "decimal")
        item.type = QuestionType::decimal;
      else if (type_word == "text")
        item.type = QuestionType::text;
      else if (type_word == "date")
        item.type = QuestionType::date;
      else if (type_word == "note")
        item.type = QuestionType::note;
      else if (type_word == "range")
        item.type = QuestionType::range;
      else {
        error("survey", line, c_type + 1, "type", type_text,
              "Dieser Fragetyp wird nicht unterstützt (möglich: select_one, select_multiple, integer, decimal, "
              "text, date, note, range, begin_group/end_group, begin_repeat/end_repeat).");
        continue;
      }
      if (!valid_name(name)) {
        error("survey", line, c_name + 1, "name", name,
              name.empty() ? "Der Name fehlt."
                           : "Namen beginnen mit einem Buchstaben und enthalten nur Buchstaben, Ziffern, „_“, „-“, „.“ "
                             "(höchstens 64 Zeichen).");
        continue;
      }
      if (!names.insert(name).second) {
        error("survey", line, c_name + 1, "name", name, "Dieser Name kommt im Formular schon vor.");
        continue;
      }
      std::string required = text::to_lower_ascii(get(row, c_required));
      if (required == "yes" || required == "true" || required == "ja" || required == "true()" || required == "1")
        item.required = true;
      else if (!(required.empty() || required == "no" || required == "false" || required == "nein" ||
                 required == "false()" || required == "0"))
        error("survey", line, c_required + 1, "required", required, "Erlaubt sind „yes“ oder „no“.");
      item.required_message = get(row, c_required_msg);
      item.constraint_message = get(row, c_constraint_msg);
      if (c_relevant != std::string::npos)
        item.relevant = expression("survey", line, c_relevant, "relevant", get(row, c_relevant));
      if (c_constraint != std::string::npos)
        item.constraint = expression("survey", line, c_constraint, "constraint", get(row, c_constraint));
      if (c_filter != std::string::npos)
        item.choice_filter = expression("survey", line, c_filter, "choice_filter", get(row, c_filter));
      if (item.kind == ItemKind::question && item.type == QuestionType::range)
        read_range(item, get(row, c_parameters), line, c_parameters);
      if (item.kind == ItemKind::question && item.type == QuestionType::note && item.required)
        error("survey", line, c_required + 1, "required", "yes", "Ein Hinweis („note“) kann nicht Pflicht sein.");
      int index = static_cast<int>(form.items.size());
      if (item.parent >= 0)
        form.items[item.parent].children.push_back(index);
      else
        form.top.push_back(index);
      bool container = item.is_container();
      form.items.push_back(std::move(item));
      if (container) stack.push_back(index);
    }
    for (int open : stack)
      error("survey", form.items[open].row, c_type + 1, "type", form.items[open].name,
            form.items[open].kind == ItemKind::repeat ? "Diese Wiederholung wird nie mit „end_repeat“ geschlossen."
                                                      : "Diese Gruppe wird nie mit „end_group“ geschlossen.");
    if (sheet->rows.size() > kMaxRows)
      error("survey", kMaxRows, 0, "", "", "Das Formular hat mehr als " + std::to_string(kMaxRows) + " Zeilen.");
    check_items(cols);
  }

  void read_range(Item& item, const std::string& parameters, std::size_t line, std::size_t col) {
    // "start=1 end=5 step=1"
    std::size_t i = 0;
    while (i < parameters.size()) {
      while (i < parameters.size() && (parameters[i] == ' ' || parameters[i] == ';' || parameters[i] == ',')) ++i;
      std::size_t j = parameters.find_first_of(" ;,", i);
      if (j == std::string::npos) j = parameters.size();
      std::string part = parameters.substr(i, j - i);
      i = j;
      if (part.empty()) continue;
      auto eq = part.find('=');
      std::optional<double> v;
      if (eq != std::string::npos) v = text::parse_number(part.substr(eq + 1), text::NumberStyle::plain);
      std::string key = eq == std::string::npos ? part : text::to_lower_ascii(part.substr(0, eq));
      if (!v || (key != "start" && key != "end" && key != "step")) {
        error("survey", line, col + 1, "parameters", part, "Erwartet werden „start=…“, „end=…“, „step=…“ mit Zahlen.");
        return;
      }
      (key == "start" ? item.range_start : key == "end" ? item.range_end : item.range_step) = *v;
    }
    if (item.range_step <= 0 || item.range_end <= item.range_start ||
        (item.range_end - item.range_start) / item.range_step > 100)
      error("survey", line, col + 1, "parameters", parameters,
            "Die Skala braucht start < end, step > 0 und höchstens 100 Stufen.");
  }

  void check_items(const Columns& cols) {
    auto column_of = [&](std::string_view name) { return cols.find(name) + 1; };
    for (const auto& item : form.items) {
      if (item.is_select() && !form.lists.count(item.list))
        error("survey", item.row, column_of("type"), "type", std::string(type_name(item.type)) + " " + item.list,
              "Die Antwortliste „" + item.list + "“ fehlt in der Tabelle „choices“.");
      if (item.is_matrix()) {
        std::string list;
        for (int child : item.children) {
          const Item& q = form.items[child];
          if (!q.is_select() || (!list.empty() && q.list != list)) {
            error(
                "survey", q.row, column_of("type"), "type", q.name,
                "In einer Matrix (appearance „table-list“) müssen alle Fragen Auswahlfragen mit derselben Liste sein.");
            break;
          }
          list = q.list;
        }
      }
      if (item.kind == ItemKind::repeat && form.enclosing_repeat(form.index_of(item.name)) >= 0)
        error("survey", item.row, column_of("type"), "type", item.name,
              "Wiederholungen in Wiederholungen werden nicht unterstützt.");
      check_references(item, item.relevant, "relevant", cols);
      check_references(item, item.constraint, "constraint", cols);
      check_references(item, item.choice_filter, "choice_filter", cols);
      if (!item.choice_filter.empty() && !item.is_select())
        error("survey", item.row, column_of("choice_filter"), "choice_filter", item.choice_filter.text(),
              "Ein choice_filter ist nur bei Auswahlfragen möglich.");
    }
    check_cycles(cols);
  }

  void check_references(const Item& item, const Expression& e, const std::string& column, const Columns& cols) {
    for (const auto& ref : e.references()) {
      if (ref.front() == '@') {
        std::string col_name = ref.substr(1);
        bool known = false;
        if (column == "choice_filter" && item.is_select() && form.lists.count(item.list)) {
          for (const auto& c : form.lists.at(item.list))
            if (c.extra.count(col_name) || col_name == "name" || col_name == "label") known = true;
        }
        if (!known)
          error("survey", item.row, cols.find(column) + 1, column, e.text(),
                column == "choice_filter"
                    ? "„" + col_name + "“ ist keine Spalte der Antwortliste „" + item.list + "“."
                    : "„" + col_name + "“ ist kein bekanntes Wort; Fragen werden als ${name} angesprochen.");
        continue;
      }
      if (!form.find(ref) || form.find(ref)->is_container())
        error("survey", item.row, cols.find(column) + 1, column, e.text(),
              "${" + ref + "} ist keine Frage dieses Formulars.");
      else if (ref == item.name && column == "relevant")
        error("survey", item.row, cols.find(column) + 1, column, e.text(),
              "Die Bedingung bezieht sich auf die eigene Frage (Zirkelbezug).");
    }
  }

  // A relevant expression may not depend, directly or through the relevant
  // conditions of the questions it reads, on itself.
  void check_cycles(const Columns& cols) {
    std::size_t n = form.items.size();
    std::vector<int> state(n, 0);  // 0 new, 1 on stack, 2 done
    std::vector<int> path;
    bool reported = false;
    std::function<void(int)> visit = [&](int i) {
      state[i] = 1;
      path.push_back(i);
      // Edges: the questions named in this item's relevant, and its enclosing
      // containers (whose relevance also decides whether it is asked).
      std::vector<int> next;
      for (const auto& ref : form.items[i].relevant.references())
        if (ref.front() != '@' && form.index_of(ref) >= 0) next.push_back(form.index_of(ref));
      if (form.items[i].parent >= 0) next.push_back(form.items[i].parent);
      for (int j : next) {
        if (j == i) continue;  // self reference is reported by check_references
        if (state[j] == 1 && !reported) {
          reported = true;
          std::string cycle;
          auto start = std::find(path.begin(), path.end(), j);
          for (auto it = start; it != path.end(); ++it) cycle += form.items[*it].name + " → ";
          cycle += form.items[j].name;
          error("survey", form.items[j].row, cols.find("relevant") + 1, "relevant", form.items[j].relevant.text(),
                "Die Bedingungen (relevant) beziehen sich im Kreis aufeinander: " + cycle + ".");
        } else if (state[j] == 0) {
          visit(j);
        }
      }
      path.pop_back();
      state[i] = 2;
    };
    for (std::size_t i = 0; i < n; ++i)
      if (state[i] == 0) visit(static_cast<int>(i));
  }

  void make_pages() {
    Page loose;
    for (int i : form.top) {
      const Item& item = form.items[i];
      if (item.is_container()) {
        if (!loose.items.empty()) form.pages.push_back(std::move(loose)), loose = Page{};
        form.pages.push_back({item.label.empty() ? item.name : item.label, {i}});
      } else {
        if (loose.items.empty()) loose.title = form.title;
        loose.items.push_back(i);
      }
    }
    if (!loose.items.empty()) form.pages.push_back(std::move(loose));
  }
};

const Sheet* find_sheet(const std::vector<Sheet>& sheets, std::string_view name) {
  for (const auto& s : sheets)
    if (text::to_lower_ascii(s.name) == name) return &s;
  return nullptr;
}

}  // namespace

FormResult build_form(const std::vector<Sheet>& sheets, std::string_view fallback_id) {
  Builder b;
  b.read_settings(find_sheet(sheets, "settings"), fallback_id);
  b.read_choices(find_sheet(sheets, "choices"));
  b.read_survey(find_sheet(sheets, "survey"));
  auto questions = b.form.questions();
  bool answerable = std::any_of(questions.begin(), questions.end(),
                                [&](int i) { return b.form.items[i].type != QuestionType::note; });
  if (b.errors.empty() && !answerable) b.error("survey", 0, 0, "", "", "Das Formular enthält keine Frage.");
  if (b.form.title.empty()) b.form.title = b.form.id;
  FormResult result;
  if (!b.errors.empty()) {
    result.errors = std::move(b.errors);
    return result;
  }
  b.make_pages();
  result.form = std::move(b.form);
  return result;
}

}  // namespace rf::survey

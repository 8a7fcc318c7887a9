// The code lists (/monitor/codelisten): shown to everyone, replaced by a data
// steward's upload (all or nothing, FILE:LINE messages), downloaded as YAML,
// and extended on the same page by tying a new edition of a table to the
// indicators that read the old one, with a preview of their values before and
// after the change.
#include <chrono>
#include <thread>
#include <set>
#include <sstream>

#include "charts/chart.hpp"
#include "db/database.hpp"
#include "monitor/engine/code_lists.hpp"
#include "monitor/engine/indicator_state.hpp"
#include "monitor/pages/page_views.hpp"
#include "monitor/pages/pages.hpp"
#include "monitor/store/catalogues.hpp"
#include "monitor/indicators.hpp"
#include "text/files.hpp"
#include "text/number.hpp"
#include "text/strings.hpp"
#include "web/accounts.hpp"
#include "web/audit.hpp"
#include "web/dates.hpp"
#include "web/middleware.hpp"

namespace rf::monitor {

namespace {

constexpr std::size_t kMaxText = 512 * 1024;

// The form that ties a new edition to the indicators, as typed.
struct TieForm {
  std::string old_table, new_table, year_text, dimension = "Abschlussart", labels;
};

TieForm read_tie_form(const http::Request& req) {
  const auto& f = req.form();
  TieForm form;
  form.old_table = f.get_or("alt", "");
  form.new_table = f.get_or("neu", "");
  form.year_text = f.get_or("ab", "");
  form.dimension = f.get_or("dimension", "Abschlussart");
  form.labels = f.get_or("bezeichnungen", "");
  return form;
}

// Adds a synonym to the list of `dimension`, creating list and entry.
bool add_synonym(CodeLists& lists, const std::string& dimension, const std::string& table, const std::string& code,
                 CodeSynonym synonym, std::vector<std::string>& errors) {
  CodeList* list = nullptr;
  for (auto& l : lists.lists) {
    if (l.dimension == dimension) list = &l;
  }
  if (!list) {
    lists.lists.push_back(CodeList{dimension, {}, {}});
    list = &lists.lists.back();
  }
  if (!table.empty() && !list->tables.empty() &&
      std::find(list->tables.begin(), list->tables.end(), table) == list->tables.end()) {
    list->tables.push_back(table);
  }
  if (!table.empty() && list->entries.empty() && list->tables.empty()) list->tables.push_back(table);
  CodeEntry* entry = nullptr;
  for (auto& e : list->entries) {
    if (e.code == code) entry = &e;
  }
  if (!entry) {
    list->entries.push_back(CodeEntry{code, {}});
    entry = &list->entries.back();
  }
  for (const auto& s : entry->synonyms) {
    if (s.from == synonym.from) {
      errors.push_back("Für „" + code + "“ ist ab " + std::to_string(s.from) + " schon „" + s.code +
                       "“ eingetragen (Codeliste " + dimension + ").");
      return false;
    }
  }
  entry->synonyms.push_back(std::move(synonym));
  std::sort(entry->synonyms.begin(), entry->synonyms.end(),
            [](const CodeSynonym& a, const CodeSynonym& b) { return a.from < b.from; });
  return true;
}

// The code lists with the form's entry added; errors in German.
std::optional<CodeLists> proposed_lists(const IndicatorView& view, const TieForm& form,
                                        std::vector<std::string>& errors) {
  CodeLists lists = view.state()->code_lists;
  const auto& cube = engine_of(view).cube();
  std::set<std::string> read;
  for (const auto& def : engine_of(view).catalogue().indicators) {
    for (const auto& d : def.datasets()) read.insert(d);
  }
  if (form.old_table.empty() || !read.count(form.old_table)) {
    errors.push_back("Bitte die bisherige Tabelle wählen, die der Katalog liest.");
  }
  const auto year = text::parse_number(form.year_text, text::NumberStyle::plain);
  if (!year || *year < 1900 || *year > 2100 || *year != static_cast<int>(*year)) {
    errors.push_back("„Ab Jahr“: eine Jahreszahl wie 2024 erwartet, nicht „" + form.year_text + "“.");
  }
  if (!form.new_table.empty() && !cube.dataset(form.new_table)) {
    errors.push_back("Die neue Ausgabe „" + form.new_table + "“ ist nicht importiert.");
  }
  if (text::trim(form.dimension).empty())
    errors.push_back("Bitte einen Namen für die Dimension der Bezeichnungen angeben.");
  std::vector<std::pair<std::string, std::string>> labels;
  std::istringstream in(form.labels);
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (text::trim(line).empty()) continue;
    auto eq = line.find('=');
    if (eq == std::string::npos) {
      errors.push_back("Bezeichnungen, Zeile " + std::to_string(line_no) + ": „alt = neu“ erwartet, nicht „" +
                       std::string(text::trim(line)) + "“.");
      continue;
    }
    auto from = text::trim(std::string_view(line).substr(0, eq));
    auto to = text::trim(std::string_view(line).substr(eq + 1));
    if (from.empty() || to.empty() || from == to) {
      errors.push_back("Bezeichnungen, Zeile " + std::to_string(line_no) +
                       ": alte und neue Bezeichnung müssen angegeben sein und sich unterscheiden: „" +
                       std::string(text::trim(line)) + "“.");
      continue;
    }
    labels.emplace_back(from, to);
  }
  if ((form.new_table.empty() || form.new_table == form.old_table) && labels.empty() && errors.empty()) {
    errors.push_back("Bitte eine neue Tabelle oder mindestens eine neue Bezeichnung angeben.");
  }
  if (!errors.empty()) return std::nullopt;
  const int from = static_cast<int>(*year);
  if (!form.new_table.empty() && form.new_table != form.old_table) {
    add_synonym(lists, std::string(kTableDimension), "", form.old_table, CodeSynonym{form.new_table, from, ""}, errors);
  }
  for (const auto& [old_label, new_label] : labels) {
    add_synonym(lists, std::string(text::trim(form.dimension)), form.old_table, old_label,
                CodeSynonym{new_label, from, ""}, errors);
  }
  if (!errors.empty()) return std::nullopt;
  // Through the file format, so that what is stored parses as it is shown.
  auto text = code_lists_yaml(lists);
  auto parsed = parse_code_lists(text, "Codelisten");
  if (!parsed.lists) {
    errors = parsed.errors;
    return std::nullopt;
  }
  return parsed.lists;
}

std::string shown(const IndicatorValue& v, const IndicatorInfo& info) {
  if (!v.value) return "–";
  return charts::format_value(*v.value, info.decimals, info.unit);
}

// Values of the indicators reading `table` before and after, for the Ruhr and NRW.
mstch::array preview(const IndicatorView& before, const IndicatorView& after, const std::string& table) {
  mstch::array out;
  for (const auto& def : engine_of(before).catalogue().indicators) {
    auto datasets = def.datasets();
    if (std::find(datasets.begin(), datasets.end(), table) == datasets.end()) continue;
    const auto* info_after = after.find(def.info.id);
    if (!info_after) continue;
    std::set<std::string> keys;
    for (const auto& p : before.periods(def.info.id)) keys.insert(p);
    for (const auto& p : after.periods(def.info.id)) keys.insert(p);
    mstch::array rows;
    for (const auto& key : keys) {
      mstch::map row{{"period", IndicatorView::period_label(key)}};
      for (const auto& [region, name] : {std::pair{"ruhr", "ruhr"}, std::pair{"05", "nrw"}}) {
        auto b = before.value(def.info.id, region, key);
        auto a = after.value(def.info.id, region, key);
        row[std::string(name) + "_before"] = shown(b, def.info);
        row[std::string(name) + "_after"] = shown(a, def.info);
        row[std::string(name) + "_changed"] = shown(b, def.info) != shown(a, def.info);
      }
      rows.push_back(std::move(row));
    }
    std::vector<std::string> notes;
    for (const auto& f : info_after->footnotes) {
      if (std::find(def.info.footnotes.begin(), def.info.footnotes.end(), f) == def.info.footnotes.end())
        notes.push_back(f);
    }
    out.push_back(mstch::map{{"id", def.info.id},
                             {"title", def.info.title},
                             {"rows", rows},
                             {"notes", string_list(notes)},
                             {"has_notes", !notes.empty()}});
  }
  return out;
}

struct PageState {
  std::vector<std::string> upload_errors;
  std::string upload_text;
  TieForm tie;
  std::vector<std::string> tie_errors;
  mstch::array preview;
  bool has_preview = false;
};

mstch::map page_context(const ModulePtr& module, const IndicatorView& view, const PageState& page) {
  const auto* state = view.state();
  mstch::array lists;
  for (const auto& list : state->code_lists.lists) {
    mstch::array rows;
    for (const auto& e : list.entries) {
      for (const auto& s : e.synonyms) {
        rows.push_back(mstch::map{{"code", e.code},
                                  {"synonym", s.code},
                                  {"from", std::to_string(s.from)},
                                  {"note", change_note(list, e, s)}});
      }
    }
    std::string tables;
    for (const auto& t : list.tables) tables += (tables.empty() ? "" : ", ") + t;
    lists.push_back(mstch::map{{"dimension", list.dimension},
                               {"is_table", list.dimension == kTableDimension},
                               {"tables", tables},
                               {"has_tables", !tables.empty()},
                               {"rows", rows}});
  }
  std::set<std::string> read;
  for (const auto& def : engine_of(view).catalogue().indicators) {
    for (const auto& d : def.datasets()) read.insert(d);
  }
  mstch::array old_tables;
  for (const auto& t : read) old_tables.push_back(mstch::map{{"code", t}, {"selected", t == page.tie.old_table}});
  mstch::array new_tables{mstch::map{{"code", std::string()},
                                     {"label", std::string("(gleicher Tabellencode)")},
                                     {"selected", page.tie.new_table.empty()}}};
  for (const auto& d : engine_of(view).cube().datasets()) {
    if (read.count(d.code)) continue;
    new_tables.push_back(mstch::map{{"code", d.code},
                                    {"label", d.code + (d.title.empty() ? "" : " – " + d.title)},
                                    {"selected", d.code == page.tie.new_table}});
  }
  mstch::array history = version_history(module->services, VersionedText::code_lists);
  return mstch::map{{"origin", state->code_lists_origin.empty() ? std::string("keine") : state->code_lists_origin},
                    {"lists", lists},
                    {"has_lists", !lists.empty()},
                    {"upload_errors", string_list(page.upload_errors)},
                    {"has_upload_errors", !page.upload_errors.empty()},
                    {"upload_text", page.upload_text},
                    {"old_tables", old_tables},
                    {"new_tables", new_tables},
                    {"year", page.tie.year_text},
                    {"dimension", page.tie.dimension},
                    {"labels", page.tie.labels},
                    {"tie_errors", string_list(page.tie_errors)},
                    {"has_tie_errors", !page.tie_errors.empty()},
                    {"preview", page.preview},
                    {"has_preview", page.has_preview},
                    {"history", history},
                    {"has_history", !history.empty()}};
}

http::Response render(const http::Request& req, const ModulePtr& module, const IndicatorView& view,
                      const PageState& page, int status = 200) {
  auto context = page_context(module, view, page);
  context["saved"] = req.query.has("gespeichert");
  return monitor_page(req, module->services, "Codelisten", "monitor/codelisten", std::move(context), status);
}

// Stores `text` as the code lists in force, with an audit entry.
void save_code_lists(const http::Request& req, const ModulePtr& module, const std::string& text,
                     const std::string& comment, const char* action) {
  std::int64_t id = 0;
  {
    auto db = module->services.pool.acquire();
    db::Transaction tx(*db);
    id = store_version(*db, VersionedText::code_lists, text, comment, web::current_user_id(req), web::unix_now());
    web::audit(*db, web::current_user_id(req), action, "code_list", std::to_string(id), "{}", req.remote_address);
    tx.commit();
  }
  // Wait (bounded) until this instance's view has the new version, then drop
  // the cached pages: a page rendered meanwhile from the old view would
  // otherwise stay cached under the new statistics version. Other instances
  // follow within a second of their version check.
  const std::string origin = "Fassung " + std::to_string(id);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (module->view().state()->code_lists_origin != origin && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  module->pages.invalidate();
}

http::Response code_lists_page(http::Request& req, const ModulePtr& module) {
  auto view = module->view();
  PageState page;
  return render(req, module, view, page);
}

http::Response code_lists_download(http::Request&, const ModulePtr& module) {
  auto view = module->view();
  const auto& lists = view.state()->code_lists;
  return yaml_download(lists.text.empty() ? code_lists_yaml(lists) : lists.text, "codelists.yaml");
}

// Replaces the code lists by an uploaded file or the text field: all or nothing.
http::Response code_lists_upload(http::Request& req, const ModulePtr& module) {
  if (auto denied = web::require_role(req, web::Role::data_steward)) return *denied;
  auto view = module->view();
  std::string text = req.form().get_or("yaml", "");
  std::string name = "Textfeld";
  for (const auto& f : req.files) {
    if (f.field == "datei" && f.size > 0) {
      if (f.size > kMaxText) {
        PageState page;
        page.upload_errors.push_back(f.filename + ": Die Datei ist größer als 512 KB.");
        return render(req, module, view, page, 413);
      }
      text = text::read_file(f.path).value_or("");
      name = f.filename.empty() ? "codelists.yaml" : f.filename;
    }
  }
  PageState page;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    page.upload_errors.push_back("Bitte eine YAML-Datei wählen oder die Codelisten in das Textfeld einfügen.");
  } else if (text.size() > kMaxText) {
    page.upload_errors.push_back(name + ": Der Text ist größer als 512 KB.");
  } else {
    auto parsed = parse_code_lists(text, name);
    page.upload_errors = parsed.errors;
  }
  if (!page.upload_errors.empty()) {
    page.upload_text = text.size() <= kMaxText ? text : std::string();
    return render(req, module, view, page, 422);
  }
  save_code_lists(req, module, text, req.form().get_or("kommentar", ""), "monitor.code_lists.upload");
  return http::Response::redirect("/monitor/codelisten?gespeichert=1");
}

// Ties a new edition: "Vorschau" shows the values before and after, "Übernehmen" stores the entry.
http::Response code_lists_edition(http::Request& req, const ModulePtr& module) {
  if (auto denied = web::require_role(req, web::Role::data_steward)) return *denied;
  auto view = module->view();
  PageState page;
  page.tie = read_tie_form(req);
  auto lists = proposed_lists(view, page.tie, page.tie_errors);
  if (!lists) return render(req, module, view, page, 422);
  if (req.form().get_or("aktion", "vorschau") == "uebernehmen") {
    std::string comment = "Tabelle " + page.tie.old_table + " ab " + page.tie.year_text;
    if (!page.tie.new_table.empty()) comment += " als " + page.tie.new_table;
    save_code_lists(req, module, code_lists_yaml(*lists), comment, "monitor.code_lists.edition");
    return http::Response::redirect("/monitor/codelisten?gespeichert=1");
  }
  std::shared_ptr<const IndicatorView::State> proposed;
  {
    auto db = module->services.pool.acquire();
    proposed = build_state(*db, engine_of(view).catalogue().text, view.state()->catalogue_origin,
                           CodeListsText{code_lists_yaml(*lists), "Vorschau"});
  }
  page.preview = preview(view, IndicatorView(proposed), page.tie.old_table);
  page.has_preview = true;
  return render(req, module, view, page);
}

}  // namespace

void register_code_list_pages(http::Router& router, const ModulePtr& module) {
  const auto steward = web::role_before_body(module->services, web::Role::data_steward);
  router.get("/monitor/codelisten", handler(module, code_lists_page));
  router.get("/monitor/codelisten.yaml", handler(module, code_lists_download));
  // Waits for this instance's cube to take the new version: slow work.
  router.post("/monitor/codelisten", handler(module, code_lists_upload),
              http::RouteOptions{module->services.settings.max_upload_bytes, steward, http::always_slow});
  // The preview builds a second cube from every imported table: slow work.
  router.post("/monitor/codelisten/ausgabe", handler(module, code_lists_edition),
              http::RouteOptions{64 * 1024, steward, http::always_slow});
}

}  // namespace rf::monitor

// Answering: /befragung/{token} (one page per group, save and continue,
// server-side relevant/constraint/required, submit) and the open link
// /befragung/offen/{token}.

#include <spdlog/spdlog.h>

#include "db/unavailable.hpp"
#include "survey/answering.hpp"
#include "survey/module.hpp"
#include "survey/store.hpp"
#include "text/number.hpp"
#include "web/outbox.hpp"

namespace rf::survey {

namespace {

// Why a token cannot be used now, as a finished response; nullopt when it can.
std::optional<http::Response> refuse(const http::Request& req, const Module& m, const std::optional<Access>& access) {
  if (!access)
    return message_page(req, m, "Link ungültig",
                        "Dieser Link ist nicht (mehr) gültig. Bitte prüfen Sie, ob Sie ihn vollständig aus der E-Mail "
                        "übernommen haben.",
                        404);
  if (access->answered_on)
    return message_page(req, m, "Bereits beantwortet",
                        "Vielen Dank – Ihre Antworten sind bereits eingegangen. Dieser Link ist damit verbraucht; "
                        "es wurde nichts weiter gespeichert.",
                        200);
  std::string today = today_iso();
  if (today > access->wave.closes_on)
    return message_page(req, m, "Befragung beendet",
                        "Diese Befragung ist am " + german_date(access->wave.closes_on) +
                            " zu Ende gegangen. Antworten können nicht mehr angenommen werden.",
                        410);
  if (today < access->wave.opens_on)
    return message_page(
        req, m, "Befragung noch nicht geöffnet",
        "Diese Befragung beginnt am " + german_date(access->wave.opens_on) + ". Bitte kommen Sie dann wieder.", 403);
  return std::nullopt;
}

// The first page at or after `page` (going forward) or before it (backward) that applies.
int applicable_page(const Form& form, int page, const Answers& answers, int direction) {
  int n = static_cast<int>(form.pages.size());
  page = std::clamp(page, 0, n - 1);
  for (int p = page; p >= 0 && p < n; p += direction)
    if (page_applies(form, p, answers)) return p;
  if (direction < 0) return applicable_page(form, page, answers, +1);
  return -1;
}

bool later_page_applies(const Form& form, int page, const Answers& answers) {
  for (int p = page + 1; p < static_cast<int>(form.pages.size()); ++p)
    if (page_applies(form, p, answers)) return true;
  return false;
}

bool earlier_page_applies(const Form& form, int page, const Answers& answers) {
  for (int p = page - 1; p >= 0; --p)
    if (page_applies(form, p, answers)) return true;
  return false;
}

// Removes every answer (all instances) to the given questions.
void drop_questions(Answers& answers, const std::vector<std::string>& questions) {
  for (const auto& q : questions)
    for (auto it = answers.lower_bound({q, 0}); it != answers.end() && it->first.first == q;) it = answers.erase(it);
}

// Removes the answers of repeat `repeat`'s entries from `first` on.
void drop_entries_from(Answers& answers, const Form& form, const std::string& repeat, int first) {
  int index = form.index_of(repeat);
  for (auto it = answers.begin(); it != answers.end();) {
    int question = form.index_of(it->first.first);
    bool in_repeat = question >= 0 && form.enclosing_repeat(question) == index;
    it = in_repeat && it->first.second >= first ? answers.erase(it) : std::next(it);
  }
}

// "mehr:NAME" / "weniger:NAME": one entry more or less of repeat NAME in
// `repeats` (the entries shown per repeat); the answers of a removed entry go
// from `values`. False when `action` resizes none of them.
bool resize_repeat(const Form& form, std::string_view action, std::map<std::string, int>& repeats, Answers& values) {
  for (auto& [name, count] : repeats) {
    if (action == "mehr:" + name && count < kMaxRepeatInstances) {
      ++count;
      return true;
    }
    if (action == "weniger:" + name && count > 1) {
      --count;
      drop_entries_from(values, form, name, count);
      return true;
    }
  }
  return false;
}

// A page's index from a form or query field holding `first` for the first page; nullopt
// unless it is a whole number naming one of the form's `count` pages.
std::optional<int> page_in(std::string_view text, int first, int count) {
  auto n = text::parse_number(text, text::NumberStyle::plain);
  if (!n || *n != std::floor(*n) || *n < first || *n >= first + count) return std::nullopt;
  return static_cast<int>(*n) - first;
}

const std::string& page_title(const Form& form, int page) {
  return form.pages[page].title.empty() ? form.title : form.pages[page].title;
}

mstch::array error_list(const std::vector<FieldError>& errors) {
  mstch::array out;
  for (const auto& e : errors)
    out.push_back(mstch::map{{"anchor", e.anchor}, {"label", e.label}, {"message", e.message}});
  return out;
}

struct PageView {
  int page = 0;
  Answers values;
  std::vector<FieldError> errors;
  std::vector<std::string> problems;
  std::map<std::string, int> repeats;
  bool saved = false;
};

// The error summary of a form view (has_errors, errors, problems) into `ctx`;
// returns the page title, marked when there are errors.
std::string add_errors(mstch::map& ctx, const PageView& view, const std::string& title) {
  bool any = !view.errors.empty() || !view.problems.empty();
  ctx["has_errors"] = any;
  ctx["errors"] = error_list(view.errors);
  ctx["problems"] = mstch::array(view.problems.begin(), view.problems.end());
  return any ? "Fehler: " + title : title;
}

http::Response show_page(const http::Request& req, const Module& m, const Access& access, const Form& form,
                         const PageView& view, std::string_view action, int status = 200) {
  RenderOptions options;
  options.repeats = view.repeats;
  bool is_last = !later_page_applies(form, view.page, view.values);
  mstch::map ctx{{"survey_title", access.survey.title},
                 {"page_title", page_title(form, view.page)},
                 {"page_number", std::to_string(view.page + 1)},
                 {"page_count", std::to_string(form.pages.size())},
                 {"anonymous", access.survey.anonymous},
                 {"saved", view.saved},
                 {"action", std::string(action)},
                 {"page_index", std::to_string(view.page)},
                 {"fields", render_fields(form, view.page, view.values, view.errors, options)},
                 {"has_back", earlier_page_applies(form, view.page, view.values)},
                 {"is_last", is_last},
                 {"default_action", std::string(is_last ? "absenden" : "weiter")}};
  // The answering script takes a form it can run to the whole-form view.
  if (runs_live(form)) ctx["ganz"] = std::string(action) + "?seite=alle";
  std::string title = add_errors(ctx, view, page_title(form, view.page));
  return survey_page(req, m, title, "survey/befragung", std::move(ctx), status);
}

// The whole form at once (?seite=alle) for the answering script
// (static/js/befragung.js): every page as a section of one form, `view.page`
// shown first; the script pages through them, shows and hides questions as
// their conditions change, and posts all answers at once (seite=alle, see
// answer_post_all). Without JavaScript the page points to the paged form.
http::Response show_all(const http::Request& req, const Module& m, const Access& access, const Form& form,
                        const PageView& view, std::string_view action, int status = 200) {
  RenderOptions options;
  options.live = true;
  options.repeats = view.repeats;
  mstch::array pages;
  const int count = static_cast<int>(form.pages.size());
  for (int p = 0; p < count; ++p) {
    pages.push_back(mstch::map{{"index", std::to_string(p)},
                               {"number", std::to_string(p + 1)},
                               {"title", page_title(form, p)},
                               {"current", p == view.page},
                               {"fields", render_fields(form, p, view.values, view.errors, options)}});
  }
  mstch::map ctx{{"survey_title", access.survey.title},
                 {"page_count", std::to_string(count)},
                 {"anonymous", access.survey.anonymous},
                 {"action", std::string(action)},
                 {"start", std::to_string(view.page)},
                 {"paged", std::string(action) + "?seite=" + std::to_string(view.page + 1)},
                 {"pages", pages}};
  std::string title = add_errors(ctx, view, access.survey.title);
  return survey_page(req, m, title, "survey/befragung_alle", std::move(ctx), status);
}

// The response a token stands for, with its form and the draft's answers
// so far: what the answering pages work on.
struct Opened {
  Access access;
  std::shared_ptr<const Form> form;
  Answers stored;  // {} before the first save
};
using AnswerHandler = http::Response (*)(http::Request&, Module&, db::Database&, Opened&);

// Opens the response of the request's token and hands it to `handler`; or
// the page that says why the token cannot be used now. Reads only: a draft
// is made by the first page saved.
http::Response with_opened_response(http::Request& req, Module& m, AnswerHandler handler) {
  auto db = m.services.pool.acquire();
  auto access = find_access(*db, req.param("token"), m.waves);
  if (auto refused = refuse(req, m, access)) return *refused;
  Opened o{*access, access->form, {}};
  if (o.access.draft_id) o.stored = load_answers(*db, *o.access.draft_id);
  return handler(req, m, *db, o);
}

// Saves a draft (save_page) on the writer connection, in a transaction it may
// share with other requests' writes (db::Pool::write). `access` changes only
// when the save is kept: shared work may run again after another's failed.
bool save(Module& m, Access& access, const Answers& stored, const std::vector<std::string>& questions,
          const Answers& values, int next_page) {
  Access kept;
  bool ok = m.services.pool.write([&](db::Database& db) {
    kept = access;
    return save_page(db, kept, stored, questions, values, next_page);
  });
  if (ok) access = std::move(kept);
  return ok;
}

int continue_page(db::Database& db, const Access& access) {
  return access.draft_id ? draft_page(db, *access.draft_id) : 0;
}

// The receipt for a write that found the response submitted already.
http::Response already_submitted(const http::Request& req, const Module& m) {
  return message_page(req, m, "Bereits beantwortet",
                      "Vielen Dank – Ihre Antworten sind bereits eingegangen. Es wurde nichts weiter gespeichert.",
                      200);
}

// The receipt of a submit.
http::Response received(const http::Request& req, const Module& m, const Access& access) {
  return message_page(req, m, "Vielen Dank!",
                      access.survey.anonymous
                          ? "Ihre Antworten sind eingegangen. Sie werden anonym gespeichert: Ihr Link ist jetzt "
                            "verbraucht und nicht mehr mit Ihren Antworten verbunden."
                          : "Ihre Antworten sind eingegangen. Ihr Link ist damit verbraucht.",
                      200);
}

// Submits the response (submit_response) and answers once it is committed,
// without holding this thread meanwhile (db::Pool::write_async, in a
// transaction it may share with other submits; http::Response::later): the
// receipt, or the receipt of a response that was submitted already.
http::Response submitted(const http::Request& req, Module& m, const Access& access, const Answers& stored,
                         Answers answers) {
  struct Submit {
    Access access;
    Answers stored;
    Answers answers;
  };
  auto s = std::make_shared<Submit>(Submit{access, stored, std::move(answers)});
  http::Response pending;
  pending.later = [&req, &m, s](std::function<void(http::Response::Make)> send) {
    m.services.pool.write_async(
        [s](db::Database& db) {
          Access attempt = s->access;  // work that runs again starts from the same access
          return submit_response(db, attempt, s->stored, s->answers);
        },
        [&req, &m, s, send](bool ok, std::exception_ptr error) {
          send([&req, &m, s, ok, error]() -> http::Response {
            if (!error) return ok ? received(req, m, s->access) : already_submitted(req, m);
            try {
              std::rethrow_exception(error);
            } catch (const db::UnavailableError& e) {
              spdlog::warn("{} {}: database unavailable: {}", req.method, req.path, e.what());
              auto page = message_page(req, m, "Vorübergehend nicht erreichbar",
                                       "Die Datenbank ist gerade nicht erreichbar. Ihre Antworten wurden nicht "
                                       "gespeichert – bitte senden Sie sie in einigen Minuten noch einmal ab.",
                                       503);
              page.set_header("Retry-After", "5");
              return page;
            } catch (const std::exception& e) {
              spdlog::error("{} {}: submit failed: {}", req.method, req.path, e.what());
            }
            return message_page(
                req, m, "Fehler beim Speichern",
                "Ihre Antworten konnten wegen eines Fehlers nicht gespeichert werden. Bitte senden "
                "Sie sie noch einmal ab; bleibt der Fehler, wenden Sie sich bitte an die Geschäftsstelle.",
                500);
          });
        });
  };
  return pending;
}

http::Response answer_get(http::Request& req, Module& m, db::Database& db, Opened& o) {
  const auto& form = o.form;
  PageView view;
  view.values = o.stored;
  int page = continue_page(db, o.access);
  if (auto s = req.query.get("seite"))
    if (auto asked = page_in(*s, 1, static_cast<int>(form->pages.size()))) page = *asked;
  view.page = applicable_page(*form, page, view.values, +1);
  if (view.page < 0) view.page = applicable_page(*form, page, view.values, -1);
  view.saved = req.query.has("gespeichert");
  std::string self = "/befragung/" + req.param("token");
  if (req.query.get_or("seite", "") == "alle" && runs_live(*form)) return show_all(req, m, o.access, *form, view, self);
  return show_page(req, m, o.access, *form, view, self);
}

// The confirmation of "speichern".
const char* const kSavedTitle = "Zwischengespeichert";
const char* const kSavedText =
    "Ihre Antworten sind gespeichert. Sie können jederzeit über denselben Link weitermachen – "
    "auch von einem anderen Gerät. Bitte geben Sie den Link nicht weiter.";

// A whole response in one request (seite=alle), as the answering script
// posts it from the whole-form view: the fields of every page at once. Each
// page that applies is read as if posted alone, in order, so that relevance
// follows the answers before it; a field of no page, or of a page that does
// not apply, is refused and nothing is stored. A valid response is submitted
// in one transaction. Otherwise, as after a page-by-page submit, the pages
// without errors are kept as a draft (those after the first bad page checked
// leniently, as "speichern" does) and the whole form is shown again at the
// first page with an error, with what was typed. "speichern" and adding or
// removing a repeat's entry save a draft, like their page-by-page buttons.
http::Response answer_post_all(http::Request& req, Module& m, db::Database& db, Opened& o, const std::string& self) {
  auto& [access, form, stored] = o;
  const auto& posted = req.form();
  const int pages = static_cast<int>(form->pages.size());
  std::string action = posted.get_or("_aktion", "absenden");
  std::string resized;  // the repeat of "mehr:NAME" / "weniger:NAME"
  if (action.starts_with("mehr:")) resized = action.substr(5);
  if (action.starts_with("weniger:")) resized = action.substr(8);
  const bool save_only = action == "speichern" || !resized.empty();

  std::map<std::string, int> page_of;  // question and repeat names
  for (int p = 0; p < pages; ++p) {
    for (const auto& q : page_questions(*form, p)) page_of.emplace(q, p);
    for (int top : form->pages[p].items)
      if (form->items[top].kind == ItemKind::repeat) page_of.emplace(form->items[top].name, p);
  }
  std::vector<http::Params> per_page(form->pages.size());  // each page's fields, as if posted alone
  std::vector<std::string> problems;
  if (action != "absenden" && action != "speichern" && !page_of.contains(resized))
    problems.push_back("Die Aktion des Formulars war ungültig.");
  for (const auto& [key, value] : posted.items()) {
    if (!key.starts_with("f:") && !key.starts_with("n:")) continue;
    auto it = page_of.find(key.substr(2, key.find(':', 2) - 2));
    if (it == page_of.end())
      problems.push_back("Das Formular enthielt ein Feld, das es nicht gibt („" + key.substr(0, 60) + "“).");
    else
      per_page[it->second].add(key, value);
  }

  Answers merged = stored;
  std::vector<std::string> read;  // the questions of the pages read
  int reached = -1;               // the last page read with posted fields: where "speichern" continues
  PageView view;                  // the form to show again, at view.page if that is set
  view.page = -1;
  Answers typed;  // on the bad page
  for (int p = 0; p < pages && problems.empty(); ++p) {
    const bool after_bad = view.page >= 0;  // relevance may then rest on answers not taken
    if (!page_applies(*form, p, merged)) {
      if (!per_page[p].items().empty() && !after_bad)
        problems.push_back(
            "Das Formular enthielt Antworten zu einer Seite, die nach Ihren Angaben nicht gestellt wird („" +
            page_title(*form, p) + "“).");
      continue;
    }
    PageInput in = read_page(*form, p, merged, per_page[p], save_only || after_bad ? Check::lenient : Check::full);
    view.repeats.insert(in.repeats.begin(), in.repeats.end());
    auto questions = page_questions(*form, p);
    if (!in.ok()) {
      if (after_bad) continue;
      view.page = p;
      typed = std::move(in.typed);
      view.errors = std::move(in.errors);
      view.problems = std::move(in.problems);
      continue;
    }
    drop_questions(merged, questions);
    for (const auto& [k, v] : in.values) merged[k] = v;
    read.insert(read.end(), questions.begin(), questions.end());
    if (!per_page[p].items().empty()) reached = p;
  }
  if (!problems.empty()) {
    PageView refused;
    refused.page = applicable_page(*form, continue_page(db, access), stored, +1);
    refused.values = stored;
    refused.problems = std::move(problems);
    return show_all(req, m, access, *form, refused, self, 422);
  }
  if (view.page < 0 && !resized.empty()) {  // one entry more or less, shown at the repeat's page
    resize_repeat(*form, action, view.repeats, merged);
    if (!save(m, access, stored, read, merged, page_of[resized])) return already_submitted(req, m);
    view.page = page_of[resized];
    view.values = std::move(merged);
    return show_all(req, m, access, *form, view, self);
  }
  if (view.page >= 0) {  // what was typed on the bad page, over the answers taken
    view.values = merged;
    drop_questions(view.values, page_questions(*form, view.page));
    view.values.merge(typed);
  } else if (!save_only) {
    FinalCheck check = check_response(*form, merged);
    if (check.first_bad_page < 0) {
      return submitted(req, m, access, stored, std::move(check.answers));
    }
    view.page = check.first_bad_page;
    view.values = merged;
    view.errors = std::move(check.errors);
  }
  // A draft continues at the page the script showed (weiter_bei), else after the last one answered.
  if (auto shown = page_in(posted.get_or("weiter_bei", ""), 0, pages)) reached = *shown;
  int next = view.page >= 0 ? view.page : applicable_page(*form, std::max(reached, 0), merged, +1);
  if (!save(m, access, stored, read, merged, std::max(next, 0))) return already_submitted(req, m);
  if (view.page < 0) return message_page(req, m, kSavedTitle, kSavedText, 200, self, "Jetzt weitermachen");
  return show_all(req, m, access, *form, view, self, 422);
}

http::Response answer_post(http::Request& req, Module& m, db::Database& db, Opened& o) {
  auto& [access, form, stored] = o;
  std::string self = "/befragung/" + req.param("token");

  const auto& posted = req.form();
  if (posted.get_or("seite", "") == "alle" && runs_live(*form)) return answer_post_all(req, m, db, o, self);
  auto page_number = page_in(posted.get_or("seite", ""), 0, static_cast<int>(form->pages.size()));
  if (!page_number) {
    PageView view;
    view.page = applicable_page(*form, continue_page(db, access), stored, +1);
    view.values = stored;
    view.problems.push_back("Die Seitenangabe des Formulars war ungültig. Bitte füllen Sie diese Seite erneut aus.");
    return show_page(req, m, access, *form, view, self, 400);
  }
  int page = *page_number;
  std::string action = posted.get_or("_aktion", "weiter");
  bool lenient =
      action == "zurueck" || action == "speichern" || action.starts_with("mehr:") || action.starts_with("weniger:");
  PageInput input = read_page(*form, page, stored, posted, lenient ? Check::lenient : Check::full);

  // Adding or removing a repeat instance: show the page again.
  std::map<std::string, int> repeats = input.repeats;
  bool resize = resize_repeat(*form, action, repeats, input.values);

  if (!input.ok()) {
    PageView view;
    view.page = page;
    view.values = stored;
    drop_questions(view.values, page_questions(*form, page));
    for (const auto& [k, v] : input.typed) view.values[k] = v;
    view.errors = input.errors;
    view.problems = input.problems;
    view.repeats = repeats;
    return show_page(req, m, access, *form, view, self, 422);
  }

  Answers merged = stored;
  drop_questions(merged, page_questions(*form, page));
  for (const auto& [k, v] : input.values) merged[k] = v;

  int next = page;
  if (action == "weiter") {
    next = applicable_page(*form, page + 1, merged, +1);
    if (next < 0) next = page;
  } else if (action == "zurueck") {
    next = applicable_page(*form, page - 1, merged, -1);
  }
  bool submits = action == "absenden" || (action == "weiter" && !later_page_applies(*form, page, merged));
  if (submits) {
    // The page's answers are stored with the submit, in its transaction;
    // only a response the final check refuses keeps the page as a draft.
    FinalCheck check = check_response(*form, merged);
    if (check.first_bad_page < 0) {
      return submitted(req, m, access, stored, std::move(check.answers));
    }
    if (!save(m, access, stored, page_questions(*form, page), input.values, next)) return already_submitted(req, m);
    PageView view;
    view.page = check.first_bad_page;
    view.values = merged;
    view.errors = check.errors;
    return show_page(req, m, access, *form, view, self, 422);
  }
  if (!save(m, access, stored, page_questions(*form, page), input.values, next)) return already_submitted(req, m);
  if (resize) {
    PageView view;
    view.page = page;
    view.values = merged;
    view.repeats = repeats;
    return show_page(req, m, access, *form, view, self);
  }
  if (action == "speichern") {
    return message_page(req, m, kSavedTitle, kSavedText, 200, self, "Jetzt weitermachen");
  }
  return http::Response::redirect(self + "?seite=" + std::to_string(next + 1));
}

http::Response open_link_get(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  auto wave = find_wave_by_open_link(*db, req.param("token"));
  if (!wave) return message_page(req, m, "Link ungültig", "Dieser Befragungslink ist nicht gültig.", 404);
  auto survey = find_survey(*db, wave->survey_id);
  std::string today = today_iso();
  if (!wave->is_open(today))
    return message_page(req, m, "Befragung nicht geöffnet",
                        today > wave->closes_on
                            ? "Diese Befragung ist am " + german_date(wave->closes_on) + " zu Ende gegangen."
                            : "Diese Befragung beginnt am " + german_date(wave->opens_on) + ".",
                        today > wave->closes_on ? 410 : 403);
  mstch::map ctx{
      {"heading", survey->title},
      {"intro", survey->anonymous ? std::string("Die Befragung ist anonym: Es werden weder Ihr Name noch Ihre "
                                                "Adresse gespeichert, nur das Datum auf die Woche genau.")
                                  : std::string("Ihre Antworten werden mit Ihrem Namen gespeichert.")},
      {"closes", german_date(wave->closes_on)},
      {"action", "/befragung/offen/" + req.param("token")}};
  return survey_page(req, m, survey->title, "survey/start", std::move(ctx));
}

http::Response open_link_post(http::Request& req, Module& m) {
  auto db = m.services.pool.acquire();
  auto wave = find_wave_by_open_link(*db, req.param("token"));
  if (!wave || !wave->is_open(today_iso())) return open_link_get(req, m);
  std::string token = invite(*db, wave->id, "", "");
  return http::Response::redirect("/befragung/" + token);
}

}  // namespace

http::Response survey_page(const http::Request& req, const Module& m, std::string_view title,
                           std::string_view template_name, mstch::map context, int status) {
  auto res = web::render_page(req, m.services, title, template_name, std::move(context), status);
  res.set_header("Cache-Control", "no-store");
  return res;
}

http::Response message_page(const http::Request& req, const Module& m, std::string_view title, std::string_view message,
                            int status, std::string_view link, std::string_view link_text) {
  mstch::map ctx{{"heading", std::string(title)}, {"message", std::string(message)}};
  if (!link.empty()) {
    ctx["link"] = std::string(link);
    ctx["link_text"] = std::string(link_text);
  }
  return survey_page(req, m, title, "survey/hinweis", std::move(ctx), status);
}

std::string absolute_link(const web::Settings& config, std::string_view path) {
  std::string base = config.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + std::string(path);
}

void enqueue_invitation(db::Database& db, std::string_view email, std::string_view survey_title, std::string_view link,
                        std::string_view closes_on_german, std::string_view category) {
  std::string body = "Guten Tag,\n\nSie sind eingeladen, an der Befragung „" + std::string(survey_title) +
                     "“ teilzunehmen. Ihr persönlicher Link:\n\n" + std::string(link) +
                     "\n\nSie können Ihre Antworten zwischenspeichern und über denselben Link später weitermachen. "
                     "Der Link gilt nur einmal für das Absenden und bis zum " +
                     std::string(closes_on_german) +
                     ". Bitte leiten Sie ihn nicht weiter.\n\nMit freundlichen Grüßen\nRuhrFutur\n";
  web::enqueue(db, {.to = std::string(email),
                    .subject = "Einladung: " + std::string(survey_title),
                    .text = std::move(body),
                    .category = std::string(category)});
}

void register_answer_pages(http::Router& router, const ModulePtr& m) {
  router.get("/befragung/offen/{token}", [m](http::Request& req) { return open_link_get(req, *m); });
  router.post("/befragung/offen/{token}", [m](http::Request& req) { return open_link_post(req, *m); });
  router.get("/befragung/{token}", [m](http::Request& req) { return with_opened_response(req, *m, answer_get); });
  router.post("/befragung/{token}", [m](http::Request& req) { return with_opened_response(req, *m, answer_post); });
}

}  // namespace rf::survey

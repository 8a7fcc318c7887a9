// The answering pages' logic, free of storage and transport: which pages and
// questions apply (relevant), reading and checking a posted page (types,
// choices, constraint, required), the final check at submit, and the HTML of
// a page's fields (works without JavaScript; labels, fieldsets, error texts
// tied to their fields).
//
// Field names in the HTML form: "f:NAME" for a question, "f:NAME:I" for
// instance I of a question inside a repeat; "n:REPEAT" holds the number of
// instances shown.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "http/request.hpp"
#include "survey/form.hpp"
#include "survey/store.hpp"

namespace rf::survey {

inline constexpr std::size_t kMaxTextChars = 2000;
inline constexpr int kMaxRepeatInstances = 30;

struct FieldError {
  std::string anchor;   // id of the input to jump to
  std::string label;    // question label
  std::string message;  // German
};

// Whether item `index` (instance `instance` inside a repeat) is asked, given
// the answers: its own and all enclosing containers' relevant conditions hold.
bool is_relevant(const Form& form, int index, int instance, const Answers& answers);
// Whether any question or note of the page is shown (pages without one are skipped).
bool page_applies(const Form& form, int page, const Answers& answers);
// The instances of a repeat shown: from the answers (at least 1).
int repeat_count(const Form& form, int repeat, const Answers& answers);
// The question names on a page (in order, repeats included).
std::vector<std::string> page_questions(const Form& form, int page);

enum class Check { lenient, full };  // lenient: "save for later" skips `required`

struct PageInput {
  Answers values;                      // checked, normalised answers of the page's questions
  Answers typed;                       // what was typed, to show again on errors
  std::map<std::string, int> repeats;  // instances per repeat on this page
  std::vector<FieldError> errors;
  std::vector<std::string> problems;  // not tied to a shown field (tampering)
  bool ok() const { return errors.empty() && problems.empty(); }
};
// Reads page `page` from posted form fields. `stored` are the answers so far
// (other pages decide relevance).
PageInput read_page(const Form& form, int page, const Answers& stored, const http::Params& posted, Check check);

// The whole response at submit: answers to questions that no longer apply
// are dropped; the first page with a missing or invalid answer is reported.
struct FinalCheck {
  Answers answers;
  int first_bad_page = -1;
  std::vector<FieldError> errors;
};
FinalCheck check_response(const Form& form, const Answers& answers);

struct RenderOptions {
  bool disabled = false;  // preview: inputs shown but not usable
  // For the answering script (static/js/befragung.js): every item is rendered,
  // also one not asked now, and an item with a `relevant` condition is wrapped
  // in <fieldset class="survey-if" data-relevant="…"> (hidden and disabled
  // while the condition fails); repeat instances carry data-instanz.
  bool live = false;
  std::map<std::string, int> repeats;  // instances per repeat (else from values)
};
// The fields of a page as HTML (no <form> element, no buttons but the
// repeat's add/remove buttons).
std::string render_fields(const Form& form, int page, const Answers& values, const std::vector<FieldError>& errors,
                          const RenderOptions& options = {});

// Whether the answering script can run the form in the browser: no
// choice_filter (the script does not filter choice lists).
bool runs_live(const Form& form);

// The label of a choice or a normalised value for display ("1,5", "31.12.2024").
std::string display_value(const Form& form, const Item& item, const std::string& value);

}  // namespace rf::survey

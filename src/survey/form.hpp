// A questionnaire as defined by an XLSForm (the form standard of ODK and
// KoboToolbox): the `survey` sheet lists questions and groups, `choices` the
// answer lists, `settings` the title, id and version.
//
// Supported types: select_one LIST, select_multiple LIST, integer, decimal,
// text, date, note, range (parameters start/end/step; a Likert scale is a
// range or a select_one with appearance "likert"), begin_group/end_group,
// begin_repeat/end_repeat. A group with appearance "table-list" is a matrix:
// all its questions share one choice list.
//
// A form is read from the sheets' rows (CSV files or an XLSX workbook, see
// xlsform.hpp) and checked as a whole: every problem is reported with sheet,
// row and column, in German, and a form with any problem is not used.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "survey/expression.hpp"

namespace rf::survey {

enum class ItemKind { question, group, repeat };

enum class QuestionType { select_one, select_multiple, integer, decimal, text, date, note, range };
std::string_view type_name(QuestionType type);

struct Choice {
  std::string name;
  std::string label;
  // Further columns of the choices sheet (for choice_filter), by header.
  std::map<std::string, std::string> extra;
};

struct Item {
  ItemKind kind = ItemKind::question;
  QuestionType type = QuestionType::text;  // questions only
  std::string name;
  std::string label;
  std::string hint;
  std::string list;  // select_* questions: the choice list
  std::string appearance;
  bool required = false;
  std::string required_message;
  Expression relevant;
  Expression constraint;
  std::string constraint_message;
  Expression choice_filter;
  double range_start = 1, range_end = 5, range_step = 1;  // range questions
  std::size_t row = 0;                                    // 1-based row in the survey sheet
  int parent = -1;                                        // index of the enclosing group or repeat, -1 at top level
  std::vector<int> children;                              // groups and repeats: item indexes in order

  bool is_container() const { return kind != ItemKind::question; }
  bool is_matrix() const { return kind == ItemKind::group && appearance == "table-list"; }
  bool is_select() const {
    return kind == ItemKind::question && (type == QuestionType::select_one || type == QuestionType::select_multiple);
  }
};

// One page of the answering pages: a top-level group or repeat, or a run of
// top-level questions between them.
struct Page {
  std::string title;
  std::vector<int> items;  // top-level item indexes
};

struct Form {
  std::string id;       // settings form_id (or the given fallback)
  std::string title;    // settings form_title
  std::string version;  // settings version
  std::vector<Item> items;
  std::vector<int> top;  // top-level item indexes in order
  std::map<std::string, std::vector<Choice>> lists;
  std::vector<Page> pages;

  const Item* find(std::string_view name) const;
  int index_of(std::string_view name) const;  // -1 when absent
  const std::vector<Choice>& choices(const Item& item) const;
  const Choice* find_choice(const Item& item, std::string_view name) const;
  // The repeat that encloses item `index`, or -1.
  int enclosing_repeat(int index) const;
  // Questions in form order (no groups).
  std::vector<int> questions() const;
};

// A sheet as rows of cells (row 1 is the header row).
struct Sheet {
  std::string name;
  std::vector<std::vector<std::string>> rows;
};

struct FormError {
  std::string sheet;        // "survey", "choices", "settings" or the file
  std::size_t row = 0;      // 1-based, 0 when the whole sheet is meant
  std::size_t column = 0;   // 1-based, 0 when the whole row is meant
  std::string column_name;  // header of the column ("relevant")
  std::string text;         // the offending cell text
  std::string message;      // German
  // "Tabelle „survey“, Zeile 12, Spalte F (relevant): … – „${x} >“"
  std::string describe() const;
};

struct FormResult {
  std::optional<Form> form;
  std::vector<FormError> errors;  // empty exactly when form is set
};

// Builds and checks a form from its sheets (`settings` may be absent).
FormResult build_form(const std::vector<Sheet>& sheets, std::string_view fallback_id = "umfrage");

// Spreadsheet column letters: 1 → "A", 27 → "AA".
std::string column_letters(std::size_t column);

}  // namespace rf::survey

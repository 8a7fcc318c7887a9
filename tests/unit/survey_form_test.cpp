// XLSForm reading: the expression subset, the shipped forms (CSV and the same
// sheets as an XLSX workbook written by libxlsxwriter), and every kind of
// form error with sheet, row and column.
#include <gtest/gtest.h>

#include <xlsxwriter.h>

#include <fstream>
#include <map>

#include "support/temp_dir.hpp"
#include "survey/expression.hpp"
#include "survey/form.hpp"
#include "survey/xlsform.hpp"

namespace rf::survey {
namespace {

const std::filesystem::path kForms = RF_SOURCE_DIR + "/data/surveys";

bool eval(std::string_view text, const std::map<std::string, std::string>& answers, std::string_view self = {}) {
  ExpressionError error;
  auto e = parse_expression(text, error);
  EXPECT_TRUE(e) << text << ": " << error.message;
  if (!e) return false;
  return e->test(
      [&](std::string_view name) {
        auto it = answers.find(std::string(name));
        return it == answers.end() ? std::string() : it->second;
      },
      self);
}

TEST(SurveyExpression, ComparisonsLogicAndFunctions) {
  std::map<std::string, std::string> a{
      {"alter", "17"}, {"formate", "online schilf"}, {"gruppe", "lehrkraft"}, {"tage", "2.5"}};
  EXPECT_TRUE(eval("${alter} < 18", a));
  EXPECT_FALSE(eval("${alter} >= 18", a));
  EXPECT_TRUE(eval("${alter} = 17 and ${gruppe} = 'lehrkraft'", a));
  EXPECT_TRUE(eval("${alter} = '17'", a));  // numeric text compares as a number
  EXPECT_TRUE(eval("${gruppe} != \"verwaltung\" or false()", a));
  EXPECT_TRUE(eval("not(${gruppe} = 'verwaltung')", a));
  EXPECT_TRUE(eval("selected(${formate}, 'schilf')", a));
  EXPECT_FALSE(eval("selected(${formate}, 'schil')", a));
  EXPECT_TRUE(eval("count-selected(${formate}) = 2", a));
  EXPECT_TRUE(eval("${tage} * 2 = 5 and 7 div 2 = 3.5 and 7 mod 2 = 1 and -${tage} < 0", a));
  EXPECT_TRUE(eval("1 + 2 * 3 = 7 and (1 + 2) * 3 = 9", a));
  EXPECT_TRUE(eval("if(${alter} > 10, 'alt', 'jung') = 'alt'", a));
  EXPECT_TRUE(eval(". > 0 and . <= 20", a, "4"));
  EXPECT_FALSE(eval(". > 0 and . <= 20", a, "21"));
  EXPECT_TRUE(eval("string-length(.) <= 3", a, "abc"));
  // An unanswered question is '' and not a number: comparisons with numbers fail.
  EXPECT_TRUE(eval("${fehlt} = ''", a));
  EXPECT_FALSE(eval("${fehlt} > 0", a));
  EXPECT_FALSE(eval("${fehlt} <= 0", a));
  EXPECT_TRUE(eval("", a));  // an empty condition always holds
}

TEST(SurveyExpression, ReferencesAndErrorsWithPosition) {
  ExpressionError error;
  auto e = parse_expression("${a} = 1 or selected(${b}, 'x') or ${a} > 2", error);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->references(), (std::vector<std::string>{"a", "b"}));
  auto filter = parse_expression("bereich = ${bereich}", error);
  ASSERT_TRUE(filter);
  EXPECT_EQ(filter->references(), (std::vector<std::string>{"@bereich", "bereich"}));

  struct Case {
    const char* text;
    std::size_t offset;
    const char* needle;
  };
  for (const Case& c : {Case{"${a} >", 6, "zu früh"}, Case{"(${a} = 1", 9, "Klammer"},
                        Case{"${a = 1", 0, "nicht mit „}“"}, Case{"selected(${a})", 0, "2 Argument"},
                        Case{"foo(1)", 0, "Unbekannte Funktion"}, Case{"'offen", 0, "nicht geschlossen"},
                        Case{"${a} = 1 ]", 9, "Unerwarteter Text"}, Case{"$a", 0, "${alter}"}}) {
    ExpressionError err;
    EXPECT_FALSE(parse_expression(c.text, err)) << c.text;
    EXPECT_EQ(err.offset, c.offset) << c.text;
    EXPECT_NE(err.message.find(c.needle), std::string::npos) << c.text << ": " << err.message;
  }
}

TEST(SurveyForm, ShippedTabChecklist) {
  auto result = load_form(kForms / "tab-checkliste");
  ASSERT_TRUE(result.form) << (result.errors.empty() ? "" : result.errors[0].describe());
  const Form& f = *result.form;
  EXPECT_EQ(f.id, "tab_checkliste");
  EXPECT_EQ(f.title, "TAB-Checkliste: Fortbildungsbedarfe des Schulpersonals");
  EXPECT_EQ(f.version, "2026.1");
  // Pages: intro note, person, topics matrix, format, repeat, closing question.
  ASSERT_EQ(f.pages.size(), 6u);
  EXPECT_EQ(f.pages[1].title, "Zu Ihrer Tätigkeit");
  const Item* themen = f.find("themen");
  ASSERT_TRUE(themen);
  EXPECT_TRUE(themen->is_matrix());
  EXPECT_EQ(themen->children.size(), 9u);
  const Item* gruppe = f.find("personalgruppe");
  ASSERT_TRUE(gruppe);
  EXPECT_EQ(gruppe->type, QuestionType::select_one);
  EXPECT_TRUE(gruppe->required);
  EXPECT_EQ(f.choices(*gruppe).size(), 4u);
  EXPECT_EQ(f.find_choice(*gruppe, "alltagshilfe")->label, "Alltagshelferin oder Alltagshelfer");
  const Item* formate = f.find("formate");
  EXPECT_EQ(formate->type, QuestionType::select_multiple);
  EXPECT_TRUE(formate->constraint.test([](std::string_view) { return std::string(); }, "online schilf"));
  EXPECT_FALSE(
      formate->constraint.test([](std::string_view) { return std::string(); }, "online schilf praesenz abruf"));
  EXPECT_EQ(f.find("personentage")->type, QuestionType::decimal);
  const Item* weitere = f.find("weitere");
  EXPECT_EQ(weitere->kind, ItemKind::repeat);
  EXPECT_EQ(f.enclosing_repeat(f.index_of("weiteres_text")), f.index_of("weitere"));
  // The maintained topic list carries a grouping column.
  const auto& themen_liste = f.lists.at("thema");
  EXPECT_EQ(themen_liste.front().name, "daz");
  EXPECT_EQ(themen_liste.front().extra.at("gruppe"), "unterricht");
  // Every topic question of the matrix is a topic of the list.
  for (int child : themen->children) {
    std::string topic = f.items[child].name.substr(6);
    EXPECT_TRUE(std::any_of(themen_liste.begin(), themen_liste.end(), [&](const Choice& c) { return c.name == topic; }))
        << topic;
  }
}

TEST(SurveyForm, ShippedLeaderAndPartnerSurveys) {
  auto leader = load_form(kForms / "schulleitung");
  ASSERT_TRUE(leader.form) << leader.errors[0].describe();
  EXPECT_EQ(leader.form->find("konto_stand"), nullptr);
  EXPECT_EQ(leader.form->find("konzept_stand")->type, QuestionType::date);
  const Item* z = leader.form->find("zufriedenheit");
  EXPECT_EQ(z->type, QuestionType::range);
  EXPECT_EQ(z->range_start, 1);
  EXPECT_EQ(z->range_end, 5);
  EXPECT_TRUE(leader.form->find("nutzung")->is_matrix());
  EXPECT_EQ(leader.form->find("personal")->type, QuestionType::integer);

  auto partner = load_form(kForms / "partner");
  ASSERT_TRUE(partner.form) << partner.errors[0].describe();
  EXPECT_EQ(partner.form->pages.size(), 1u);
  EXPECT_EQ(partner.form->questions().size(), 5u);
}

// Writes the CSV sheets of a shipped form into one XLSX workbook.
void csv_to_xlsx(const std::filesystem::path& dir, const std::filesystem::path& out) {
  lxw_workbook* wb = workbook_new(out.c_str());
  for (const char* name : {"survey", "choices", "settings"}) {
    std::ifstream in(dir / (std::string(name) + ".csv"), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<FormError> errors;
    Sheet sheet = read_csv_sheet(name, text, errors);
    ASSERT_TRUE(errors.empty());
    lxw_worksheet* ws = workbook_add_worksheet(wb, name);
    for (std::size_t r = 0; r < sheet.rows.size(); ++r)
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c)
        if (!sheet.rows[r][c].empty())
          worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), sheet.rows[r][c].c_str(),
                                 nullptr);
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

TEST(SurveyForm, XlsxWorkbookGivesTheSameFormAsCsv) {
  test::TempDir dir;
  for (const char* name : {"tab-checkliste", "schulleitung", "partner"}) {
    auto file = dir.path() / (std::string(name) + ".xlsx");
    csv_to_xlsx(kForms / name, file);
    auto from_xlsx = load_form(file);
    auto from_csv = load_form(kForms / name);
    ASSERT_TRUE(from_xlsx.form) << from_xlsx.errors[0].describe();
    ASSERT_TRUE(from_csv.form);
    const Form &x = *from_xlsx.form, &c = *from_csv.form;
    EXPECT_EQ(x.id, c.id);
    EXPECT_EQ(x.title, c.title);
    ASSERT_EQ(x.items.size(), c.items.size());
    for (std::size_t i = 0; i < x.items.size(); ++i) {
      EXPECT_EQ(x.items[i].name, c.items[i].name);
      EXPECT_EQ(x.items[i].label, c.items[i].label);
      EXPECT_EQ(x.items[i].relevant.text(), c.items[i].relevant.text());
      EXPECT_EQ(x.items[i].row, c.items[i].row);
    }
    EXPECT_EQ(x.lists.size(), c.lists.size());
  }
}

// Builds a form from a survey sheet given as CSV text (plus a small choices sheet).
FormResult from_text(const std::string& survey_csv,
                     const std::string& choices_csv = "list_name,name,label\nyn,ja,ja\nyn,nein,nein\n") {
  std::vector<FormError> errors;
  std::vector<Sheet> sheets{read_csv_sheet("survey", survey_csv, errors),
                            read_csv_sheet("choices", choices_csv, errors)};
  EXPECT_TRUE(errors.empty());
  return build_form(sheets);
}

std::string first_error(const FormResult& r) { return r.errors.empty() ? "(kein Fehler)" : r.errors[0].describe(); }

TEST(SurveyForm, ErrorsNameSheetRowAndColumn) {
  auto unknown = from_text("type,name,label\ntext,a,A\ngeopoint,ort,Ort\n");
  ASSERT_FALSE(unknown.form);
  EXPECT_EQ(unknown.errors[0].row, 3u);
  EXPECT_EQ(unknown.errors[0].column, 1u);
  EXPECT_EQ(first_error(unknown),
            "Tabelle „survey“, Zeile 3, Spalte A (type): Dieser Fragetyp wird nicht unterstützt (möglich: "
            "select_one, select_multiple, integer, decimal, text, date, note, range, begin_group/end_group, "
            "begin_repeat/end_repeat). – „geopoint“");

  auto bad_expr = from_text("type,name,label,relevant\ninteger,a,A,\ntext,b,B,${a} >\n");
  ASSERT_FALSE(bad_expr.form);
  EXPECT_EQ(bad_expr.errors[0].row, 3u);
  EXPECT_EQ(bad_expr.errors[0].column, 4u);
  EXPECT_NE(first_error(bad_expr).find("Spalte D (relevant): Der Ausdruck ist fehlerhaft (Zeichen 7)"),
            std::string::npos)
      << first_error(bad_expr);

  auto unknown_ref = from_text("type,name,label,constraint\ninteger,a,A,. < ${b}\n");
  EXPECT_NE(first_error(unknown_ref).find("${b} ist keine Frage"), std::string::npos) << first_error(unknown_ref);

  auto missing_list = from_text("type,name,label\nselect_one farben,f,Farbe\n");
  EXPECT_NE(first_error(missing_list).find("Die Antwortliste „farben“ fehlt"), std::string::npos);

  auto duplicate = from_text("type,name,label\ntext,a,A\ninteger,a,B\n");
  EXPECT_EQ(duplicate.errors[0].row, 3u);
  EXPECT_EQ(duplicate.errors[0].column, 2u);

  auto unclosed = from_text("type,name,label\nbegin_group,g,G\ntext,a,A\n");
  EXPECT_NE(first_error(unclosed).find("nie mit „end_group“"), std::string::npos);
  auto stray = from_text("type,name,label\ntext,a,A\nend_repeat,,\n");
  EXPECT_NE(first_error(stray).find("„end_repeat“ ohne"), std::string::npos);

  auto matrix = from_text(
      "type,name,label,appearance\nbegin_group,m,M,table-list\nselect_one yn,a,A,\ninteger,b,B,\nend_group,,,\n");
  EXPECT_NE(first_error(matrix).find("Matrix"), std::string::npos);
  EXPECT_EQ(matrix.errors[0].row, 4u);

  auto range = from_text("type,name,label,parameters\nrange,r,R,start=5 end=1\n");
  EXPECT_NE(first_error(range).find("start < end"), std::string::npos);

  auto no_questions = from_text("type,name,label\nnote,n,Hallo\n");
  EXPECT_FALSE(no_questions.form);
  EXPECT_NE(first_error(no_questions).find("keine Frage"), std::string::npos);

  auto choices =
      from_text("type,name,label\nselect_one yn,a,A\n", "list_name,name,label\nyn,ja,ja\nyn,ja,doppelt\nyn,,leer\n");
  ASSERT_EQ(choices.errors.size(), 2u);
  EXPECT_EQ(choices.errors[0].sheet, "choices");
  EXPECT_EQ(choices.errors[0].row, 3u);
  EXPECT_EQ(choices.errors[1].row, 4u);
}

TEST(SurveyForm, RelevantCyclesAreFound) {
  auto cycle = from_text(
      "type,name,label,relevant\ninteger,a,A,${c} > 1\ninteger,b,B,${a} > 1\ninteger,c,C,${b} > 1\ninteger,d,D,\n");
  ASSERT_FALSE(cycle.form);
  ASSERT_EQ(cycle.errors.size(), 1u);
  EXPECT_EQ(cycle.errors[0].sheet, "survey");
  EXPECT_EQ(cycle.errors[0].column, 4u);
  EXPECT_NE(cycle.errors[0].message.find("im Kreis"), std::string::npos);
  EXPECT_NE(cycle.errors[0].message.find("a → c → b → a"), std::string::npos) << cycle.errors[0].message;

  auto self = from_text("type,name,label,relevant\ninteger,a,A,${a} > 1\n");
  EXPECT_NE(first_error(self).find("eigene Frage"), std::string::npos);

  // Through a group: the group's condition reads a question inside it.
  auto group = from_text("type,name,label,relevant\nbegin_group,g,G,${x} = 1\ninteger,x,X,\nend_group,,,\n");
  EXPECT_NE(first_error(group).find("im Kreis"), std::string::npos) << first_error(group);

  // A chain without a cycle is fine.
  auto chain =
      from_text("type,name,label,relevant\ninteger,a,A,\ninteger,b,B,${a} > 1\ninteger,c,C,${b} > 1 and ${a} > 2\n");
  EXPECT_TRUE(chain.form) << first_error(chain);
}

TEST(SurveyForm, ChoiceFilterReadsChoiceColumns) {
  auto ok = from_text(
      "type,name,label,choice_filter\nselect_one bereich,b,Bereich,\nselect_one thema,t,Thema,bereich = ${b}\n",
      "list_name,name,label,bereich\nbereich,u,Unterricht,\nbereich,s,Schulleben,\nthema,daz,DaZ,u\nthema,eltern,"
      "Eltern,s\n");
  ASSERT_TRUE(ok.form) << first_error(ok);
  const Item* t = ok.form->find("t");
  int shown = 0;
  for (const auto& c : ok.form->choices(*t)) {
    bool keep = t->choice_filter.test([&](std::string_view name) {
      if (name == "b") return std::string("s");
      if (name.starts_with("@"))
        return c.extra.count(std::string(name.substr(1))) ? c.extra.at(std::string(name.substr(1))) : std::string();
      return std::string();
    });
    if (keep) {
      ++shown;
      EXPECT_EQ(c.name, "eltern");
    }
  }
  EXPECT_EQ(shown, 1);

  auto bad = from_text("type,name,label,choice_filter\nselect_one thema,t,Thema,farbe = 'rot'\n",
                       "list_name,name,label,bereich\nthema,daz,DaZ,u\n");
  EXPECT_NE(first_error(bad).find("„farbe“ ist keine Spalte"), std::string::npos) << first_error(bad);
}

TEST(SurveyForm, BadFilesGiveErrors) {
  test::TempDir dir;
  std::vector<FormError> errors;
  read_csv_sheet("survey", "type,name\n\"text,a\n", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("Anführungszeichen"), std::string::npos);

  auto fake = dir.path() / "formular.xlsx";
  std::ofstream(fake) << "kein zip";
  auto result = load_form(fake);
  ASSERT_FALSE(result.form);
  EXPECT_EQ(result.errors[0].sheet, "formular.xlsx");
  EXPECT_NE(result.errors[0].message.find("keine XLSX"), std::string::npos);

  auto named = load_uploaded_form({{"fragen.csv", fake}}, "x");
  ASSERT_FALSE(named.form);
  EXPECT_NE(named.errors[0].message.find("survey.csv"), std::string::npos);
}

}  // namespace
}  // namespace rf::survey

// The measure workflow file and its engine, progress roll-up, the content
// check of meeting documents and the iCalendar output.
#include <gtest/gtest.h>

#include <zip.h>

#include <fstream>

#include "network/documents.hpp"
#include "network/measures.hpp"
#include "network/workflow.hpp"
#include "support/temp_dir.hpp"

namespace rf::network {
namespace {

Workflow shipped() {
  std::vector<std::string> problems;
  auto wf = Workflow::load(RF_SOURCE_DIR + "/data/network/workflow.yaml", problems);
  EXPECT_TRUE(problems.empty()) << problems.front();
  return *wf;
}

TEST(NetworkWorkflow, ShippedFileDescribesTheWholeWay) {
  auto wf = shipped();
  EXPECT_EQ(wf.initial(), "submitted");
  EXPECT_EQ(wf.advisory_body(), "fachbeirat");
  EXPECT_EQ(wf.deciding_body(), "steuerungsgruppe");
  // From proposal to the public good-practice page, one step at a time.
  std::string state = wf.initial();
  for (const char* step : {"forward", "conclude_advice", "approve", "start", "evaluate", "complete", "release"}) {
    const auto* t = wf.transition(step);
    ASSERT_NE(t, nullptr) << step;
    ASSERT_TRUE(t->allowed_from(state)) << step << " from " << state;
    state = t->to;
  }
  EXPECT_EQ(state, "released");
  EXPECT_TRUE(wf.state("released")->final);
  EXPECT_EQ(wf.state("submitted")->deadline_days, 14);
  EXPECT_EQ(wf.state_label("advisory"), "Beim Fachbeirat");
}

TEST(NetworkWorkflow, BadFilesAreNamedByLine) {
  std::vector<std::string> problems;
  auto wf = Workflow::parse(R"(advisory_body: fachbeirat
deciding_body: sg
initial: draft
states:
  - {id: draft, label: Entwurf}
  - {id: done, label: Fertig, final: true}
transitions:
  - {id: go, label: Los, from: [draft], to: nowhere, roles: [partner]}
  - {id: back, label: Zurück, from: [done], to: draft, roles: [wizard], colour: red}
)",
                            "workflow.yaml", problems);
  EXPECT_FALSE(wf.has_value());
  auto all = [&] {
    std::string s;
    for (const auto& p : problems) s += p + "\n";
    return s;
  }();
  EXPECT_NE(all.find("workflow.yaml, Zeile 8: Übergang 'go': unbekannter Zielzustand 'nowhere'"), std::string::npos)
      << all;
  EXPECT_NE(all.find("Zeile 9: unbekannter Schlüssel 'colour'"), std::string::npos) << all;
  EXPECT_NE(all.find("unbekannte Rolle 'wizard'"), std::string::npos) << all;
  EXPECT_NE(all.find("Endzustand 'done' hat ausgehende Übergänge"), std::string::npos) << all;

  problems.clear();
  EXPECT_FALSE(Workflow::parse("states: [ {id: a", "kaputt.yaml", problems).has_value());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("kaputt.yaml, Zeile "), std::string::npos) << problems[0];
}

TEST(NetworkWorkflow, EngineChecksStateRoleActorAndRequiredFields) {
  auto wf = shipped();
  Actor partner{{"partner"}, true, false};
  Actor other_partner{{"partner"}, false, false};
  Actor office{{"editor"}, false, false};
  Actor board{{"board_member"}, false, true};
  Actor outsider_board{{"board_member"}, false, false};
  StepFields none;

  // Not allowed from the current state: a clear German message naming both.
  auto p = wf.check(*wf.transition("approve"), "submitted", office, none);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0],
            "Der Schritt „Bewilligen (Beschluss)“ ist im jetzigen Stand der Maßnahme („Eingereicht – Prüfung "
            "durch die Geschäftsstelle“) nicht möglich.");
  // The office checks completeness, a partner may not.
  EXPECT_FALSE(wf.may_take(*wf.transition("forward"), "submitted", partner));
  EXPECT_TRUE(wf.may_take(*wf.transition("forward"), "submitted", office));
  EXPECT_TRUE(wf.check(*wf.transition("forward"), "submitted", office, none).empty());
  // Returning needs remarks.
  p = wf.check(*wf.transition("return"), "submitted", office, none);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0], "Bitte schreiben Sie Ihre Anmerkungen für den Partner.");
  // Only the proposing partner resubmits.
  EXPECT_TRUE(wf.may_take(*wf.transition("resubmit"), "returned", partner));
  EXPECT_FALSE(wf.may_take(*wf.transition("resubmit"), "returned", other_partner));
  // Deciding: members of the deciding body, with a meeting; a rejection with reasons.
  EXPECT_FALSE(wf.may_take(*wf.transition("reject"), "recommended", outsider_board));
  StepFields meeting_only;
  meeting_only.meeting_id = 7;
  p = wf.check(*wf.transition("reject"), "recommended", board, meeting_only);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0], "Bitte geben Sie die Gründe an.");
  EXPECT_TRUE(wf.check(*wf.transition("approve"), "recommended", board, meeting_only).empty());
  // The joint recommendation must be one of the three answers.
  StepFields joint;
  joint.joint_recommendation = "vielleicht";
  joint.reasons = "x";
  EXPECT_EQ(wf.check(*wf.transition("conclude_advice"), "advisory", office, joint).size(), 1u);
  joint.joint_recommendation = "reject";
  EXPECT_TRUE(wf.check(*wf.transition("conclude_advice"), "advisory", office, joint).empty());
  // admin holds every role.
  Actor admin{{"admin"}, false, false};
  EXPECT_TRUE(wf.may_take(*wf.transition("forward"), "submitted", admin));
}

TEST(NetworkProgress, RollsUpByWeightAndWorstStatus) {
  std::vector<Milestone> ms = {{0, "M1", "a", "", 1, 100, "done"}, {0, "M2", "b", "", 3, 20, "on_track"}};
  auto p = roll_up(ms);
  EXPECT_DOUBLE_EQ(p.percent, 40.0);  // (100 + 3 × 20) / 4
  EXPECT_EQ(p.status, "on_track");
  ms[1].status = "delayed";
  EXPECT_EQ(roll_up(ms).status, "delayed");
  ms[1] = {0, "M2", "b", "", 3, 100, "done"};
  EXPECT_EQ(roll_up(ms).status, "done");
  EXPECT_DOUBLE_EQ(roll_up(ms).percent, 100.0);
  EXPECT_EQ(roll_up({}).status, "");
}

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

void write_zip(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::string>>& members) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(z, nullptr);
  // libzip reads the buffers only at zip_close: `members` outlives it.
  for (const auto& [name, data] : members) {
    zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
    zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE);
  }
  ASSERT_EQ(zip_close(z), 0);
}

TEST(NetworkDocuments, AcceptsPdfOdfOoxmlByContentOnly) {
  test::TempDir dir;
  std::string problem;
  write_file(dir.path() / "a.pdf", "%PDF-1.7\n%âãÏÓ\n1 0 obj\n");
  auto pdf = detect_document(dir.path() / "a.pdf", problem);
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->media_type, "application/pdf");

  write_zip(dir.path() / "b.bin", {{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<x/>"}});
  auto odt = detect_document(dir.path() / "b.bin", problem);
  ASSERT_TRUE(odt) << problem;
  EXPECT_EQ(odt->extension, "odt");

  write_zip(dir.path() / "c.docx",
            {{"[Content_Types].xml",
              "<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/"
              "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"}});
  auto docx = detect_document(dir.path() / "c.docx", problem);
  ASSERT_TRUE(docx) << problem;
  EXPECT_EQ(docx->extension, "docx");

  // A renamed executable or a plain ZIP is refused with a German reason.
  write_file(dir.path() / "evil.pdf", "MZ\x90\x00\x03");
  EXPECT_FALSE(detect_document(dir.path() / "evil.pdf", problem));
  EXPECT_NE(problem.find("weder PDF noch"), std::string::npos) << problem;
  write_zip(dir.path() / "plain.docx", {{"readme.txt", "hallo"}});
  EXPECT_FALSE(detect_document(dir.path() / "plain.docx", problem));
  EXPECT_NE(problem.find("kein OpenDocument- oder Office-Dokument"), std::string::npos) << problem;
}

TEST(NetworkCalendar, WritesRfc5545WithEscapingAndFolding) {
  Meeting m;
  m.id = 42;
  m.title =
      "Sitzung; mit Komma, und einem sehr langen Titel, der über fünfundsiebzig Zeichen hinausgeht und gefaltet wird";
  m.starts_at = 1773331200;  // 2026-03-12T16:00:00Z
  m.ends_at = m.starts_at + 7200;
  m.place = "Essen";
  auto ics = calendar({{m, "Steuerungsgruppe"}}, "https://ruhrfutur.example", "Kalender");
  EXPECT_EQ(ics.substr(0, 17), "BEGIN:VCALENDAR\r\n");
  EXPECT_NE(ics.find("DTSTART:20260312T160000Z\r\n"), std::string::npos) << ics;
  EXPECT_NE(ics.find("DTEND:20260312T180000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("UID:sitzung-42@ruhrfutur\r\n"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Steuerungsgruppe: Sitzung\\; mit Komma\\, und"), std::string::npos) << ics;
  EXPECT_NE(ics.find("URL:https://ruhrfutur.example/netzwerk/sitzungen/42\r\n"), std::string::npos);
  // Every physical line is at most 75 octets; continuation lines start with a space.
  std::size_t start = 0;
  while (start < ics.size()) {
    auto end = ics.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u) << ics.substr(start, end - start);
    start = end + 2;
  }
  EXPECT_NE(ics.find("\r\n "), std::string::npos);
}

}  // namespace
}  // namespace rf::network

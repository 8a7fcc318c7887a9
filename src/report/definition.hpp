// A report definition: reports/<name>/report.yaml.
//
//   title: Bildungsmonitoring Ruhr
//   subtitle: Daten zur Bildung in der Metropole Ruhr      # optional
//   edition: "2025"
//   publisher: RuhrFutur gGmbH
//   authors: [Geschäftsstelle RuhrFutur]                     # optional
//   base_url: https://bildungsbericht.example/bericht        # optional: printed with web codes
//   regions:                                                 # named region sets for directives
//     vergleich: [ruhr, nrw, rheinland-ohne-ruhr, westfalen-ohne-ruhr]
//   periods:                                                 # named periods for directives
//     basis: "2015"
//   chapters:                                                # in order; numbered 1, 2, …
//     - kapitel/01-rahmenbedingungen.md
//     - {file: kapitel/02-fruehe-bildung.md}
//   glossary: glossary.yaml                                  # optional
//   sources:                                                 # literature, cited by {{quelle id}}
//     - {id: bid2024, cite: "Autor:innengruppe … 2024", text: "Autor:innengruppe … (2024): …", url: https://…}
//   profiles: {template: profil.md, kreise: true, gemeinden: true}   # optional
//
// Unknown keys are errors (with FILE:LINE), so typos do not pass silently.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "report/diagnostics.hpp"

namespace rf::report {

struct ChapterRef {
  std::string file;  // path as given in report.yaml, relative to the report folder
  std::string slug;  // the file's stem, e.g. "02-fruehe-bildung": its page name
  int number = 0;    // 1-based
  SourceLocation where;
};

struct SourceRef {
  std::string id;
  std::string cite;  // short citation in the text, e.g. "Autor:innengruppe Bildungsberichterstattung 2024"
  std::string text;  // full entry of the sources list
  std::string url;
};

struct ProfileSettings {
  bool enabled = false;
  std::string template_file;  // relative to the report folder
  bool kreise = true;         // one profile per Kreis / kreisfreie Stadt (15)
  bool gemeinden = true;      // one per municipality of the Ruhr (53)
};

struct ReportDefinition {
  std::filesystem::path dir;  // the report folder as given
  std::string name;           // its folder name, e.g. "bildungsmonitoring-ruhr"
  std::string file;           // path of report.yaml, for messages
  std::string title;
  std::string subtitle;
  std::string edition;
  std::string publisher;
  std::vector<std::string> authors;
  std::string base_url;
  std::map<std::string, std::vector<std::string>> region_sets;
  std::map<std::string, std::string> periods;
  std::vector<ChapterRef> chapters;
  std::string glossary_file;
  std::vector<SourceRef> sources;
  ProfileSettings profiles;

  const SourceRef* find_source(std::string_view id) const;
  // Path of a file of the report (chapter, glossary, template) for reading and messages.
  std::string path_of(std::string_view relative) const;
};

// Reads and checks <dir>/report.yaml; nullopt when it has errors (reported).
std::optional<ReportDefinition> load_definition(const std::filesystem::path& dir, Diagnostics& diagnostics);

}  // namespace rf::report

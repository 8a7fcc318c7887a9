// A page of the report written in Markdown with directives: a chapter
// (numbered, its figures "Abbildung 2.1", sections "2.1") or a profile
// (rendered from the profile template for one region).
//
// Two steps, so that cross references and web codes can span the report:
//   prepare_document()  reads and parses the file, builds and numbers its figures;
//   render_document()   renders the Markdown and every directive to HTML.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/directive.hpp"
#include "report/figure.hpp"
#include "report/figure_html.hpp"
#include "report/glossary.hpp"
#include "report/resolver.hpp"

namespace rf::report {

struct Section {
  std::string number;  // "2.1"; "" in profiles
  std::string title;   // plain text
  std::string id;      // anchor
};

struct Document {
  std::string file;       // path for messages
  std::string page;       // output page relative to the root, e.g. "kapitel/02-….html"
  std::string number;     // chapter number "2"; "" for profiles
  std::string id_prefix;  // prefix of automatic figure ids ("" or "profil-05513-")
  std::string data_dir;   // folder of the figure exports, e.g. "daten" or "daten/profile"
  ParsedText parsed;
  std::vector<Figure> figures;                        // in order of appearance
  std::vector<std::optional<std::size_t>> figure_of;  // per directive: index into figures

  // Filled by render_document():
  std::string title_html;  // the first "# " heading (inline directives rendered)
  std::string title_text;
  std::string body_html;
  std::vector<Section> sections;
};

struct DocumentSource {
  std::string file;  // path for messages and reading
  std::string text;  // content (already read)
  std::string page;
  std::string number;  // "" for unnumbered documents
  std::string id_prefix;
  std::string data_dir;
};

// Parses the text and builds its figures; problems go to the resolver's diagnostics.
Document prepare_document(const DocumentSource& source, const Resolver& resolver,
                          const ParseOptions& parse_options = {});

// Renders the document's HTML. `options.links` must describe the page's place.
void render_document(Document& doc, const Resolver& resolver, const Glossary& glossary,
                     const FigureHtmlOptions& options);

// Key figure cards: ::: kennzahlen indikatoren=I1,I2 [region=ruhr] [periode=neueste] [vergleich=nrw]
std::string key_figures_html(const Directive& d, const Resolver& resolver);

// Strips tags and decodes the few entities cmark writes.
std::string html_to_text(std::string_view html);

}  // namespace rf::report

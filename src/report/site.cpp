#include "report/site.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>

#include "report/links.hpp"
#include "text/html.hpp"
#include "text/markdown.hpp"

namespace rf::report {
namespace {

using text::escape_attribute;
using text::escape_html;

std::string edition_label(const ReportDefinition& def) {
  return def.edition.empty() ? std::string() : "Ausgabe " + def.edition;
}

// "Kreis Recklinghausen" and "Gelsenkirchen" → the heading line above the name.
std::string profile_kind(const Profile& p) {
  if (!p.region.is_kreis) return "Gemeindeprofil";
  return "Profil der Kreise und kreisfreien Städte";
}

std::string figure_list_rows(const std::vector<Figure>& figures, std::string_view page_href) {
  std::string out;
  for (const auto& f : figures) {
    out += "<tr><th scope=\"row\"><a href=\"" + escape_attribute(std::string(page_href) + "#" + f.id) + "\">" +
           escape_html(f.label()) + "</a></th><td>" + escape_html(f.title) + "</td><td class=\"num\">" +
           escape_html(f.code) + "</td><td><a href=\"../" + escape_attribute(f.data_path) +
           ".csv\" download>CSV</a> · <a href=\"../" + escape_attribute(f.data_path) +
           ".xlsx\" download>XLSX</a></td></tr>\n";
  }
  return out;
}

}  // namespace

std::string SiteWriter::layout(std::string_view page_title, std::string_view root, std::string_view content,
                               std::string_view body_class, std::string_view active, int current_chapter,
                               bool sidebar) const {
  const auto& def = *m_.definition;
  mstch::array chapters;
  for (const auto& c : *m_.chapters) {
    chapters.push_back(mstch::map{{"href", std::string(root) + c.page},
                                  {"number", c.number},
                                  {"title", c.title_text},
                                  {"current", std::to_string(current_chapter) == c.number}});
  }
  mstch::map ctx{
      {"page_title", std::string(page_title)},
      {"report_title", def.title},
      {"edition", def.edition},
      {"edition_label", edition_label(def)},
      {"publisher", def.publisher},
      // Each page its own description: the page, then the report it belongs to.
      {"description", std::string(page_title) + " – " + def.title + (def.edition.empty() ? "" : " " + def.edition) +
                          (def.subtitle.empty() ? "" : ": " + def.subtitle)},
      {"root", std::string(root)},
      {"body_class", std::string(body_class)},
      {"chapters", chapters},
      {"has_profiles", m_.profiles && !m_.profiles->empty()},
      {"is_index", active == "index"},
      {"is_profiles", active == "profiles"},
      {"is_data", active == "data"},
      {"is_glossary", active == "glossary"},
      {"is_sources", active == "sources"},
      {"no_sidebar", !sidebar},
      {"built_on", m_.built_on},
      {"content", std::string(content)}};
  return templates_.render("report/layout", ctx);
}

std::string SiteWriter::toc_html(std::string_view root, bool with_sections) const {
  std::string out = "<ol class=\"inhaltsverzeichnis\">\n";
  for (const auto& c : *m_.chapters) {
    out += "<li><a href=\"" + escape_attribute(std::string(root) + c.page) + "\"><span class=\"nummer\">" +
           escape_html(c.number) + "</span> " + escape_html(c.title_text) + "</a>";
    if (with_sections && !c.sections.empty()) {
      out += "<ol>";
      for (const auto& s : c.sections) {
        out += "<li><a href=\"" + escape_attribute(std::string(root) + c.page + "#" + s.id) +
               "\"><span class=\"nummer\">" + escape_html(s.number) + "</span> " + escape_html(s.title) + "</a></li>";
      }
      out += "</ol>";
    }
    out += "</li>\n";
  }
  out += "</ol>\n";
  return out;
}

std::string SiteWriter::index_page() const {
  const auto& def = *m_.definition;
  std::size_t figure_count = 0, table_count = 0;
  for (const auto& c : *m_.chapters) {
    for (const auto& f : c.figures) (f.is_table() ? table_count : figure_count)++;
  }
  std::string c;
  c += "<div class=\"titelblatt\">\n<p class=\"reihe\">Bildungsbericht</p>\n<h1>" + escape_html(def.title) + "</h1>\n";
  if (!def.subtitle.empty()) c += "<p class=\"untertitel\">" + escape_html(def.subtitle) + "</p>\n";
  c += "<p class=\"ausgabe\">";
  if (!def.edition.empty()) c += escape_html(edition_label(def));
  if (!def.publisher.empty()) c += (def.edition.empty() ? "" : " · ") + escape_html(def.publisher);
  c += "</p>\n";
  if (!def.authors.empty()) {
    c += "<p class=\"autoren\">";
    for (std::size_t i = 0; i < def.authors.size(); ++i) c += (i ? ", " : "") + escape_html(def.authors[i]);
    c += "</p>\n";
  }
  c += "</div>\n";
  c += "<section class=\"uebersicht\" aria-labelledby=\"inhalt-titel\">\n<h2 id=\"inhalt-titel\">Inhalt</h2>\n" +
       toc_html("", true) +
       "<ul class=\"anhang-liste\"><li><a href=\"glossar.html\">Glossar</a></li>"
       "<li><a href=\"quellen.html\">Quellen und Literatur</a></li>"
       "<li><a href=\"daten/index.html\">Datenanhang</a></li></ul>\n</section>\n";
  c += "<section class=\"downloads\" aria-labelledby=\"downloads-titel\">\n<h2 "
       "id=\"downloads-titel\">Downloads</h2>\n<ul>";
  if (m_.pdf) {
    c += "<li><a href=\"" + std::string(kReportPdf) + "\">Gesamtbericht als PDF</a></li>";
  }
  c += "<li><a href=\"daten/bericht-daten.xlsx\" download>Alle Daten der Abbildungen (XLSX)</a> – " +
       std::to_string(figure_count) + " Abbildungen und " + std::to_string(table_count) + " Tabellen</li>";
  c += "<li><a href=\"druck/bericht.html\">Gesamtbericht auf einer Seite (Druckfassung)</a></li>";
  if (m_.profiles && !m_.profiles->empty()) {
    c += "<li><a href=\"profile/index.html\">Profile der Kreise, kreisfreien Städte und Gemeinden</a></li>";
  }
  c += "</ul>\n</section>\n";
  c += "<section class=\"webcodes\" aria-labelledby=\"webcode-titel\">\n<h2 id=\"webcode-titel\">Webcodes</h2>\n"
       "<p>Neben jeder Abbildung und Tabelle steht ein fünfstelliger Webcode. Auf der Website des Berichts führt "
       "die Adresse <code>/code/</code> mit dem Webcode direkt zur Abbildung, ihren Daten und Quellen";
  if (!def.base_url.empty()) c += " (zum Beispiel " + escape_html(def.base_url) + "/code/…)";
  c += ".</p>\n"
       "<form class=\"webcode-form\" method=\"get\" action=\"/code\">\n"
       "<label for=\"webcode\">Webcode eingeben</label>\n"
       "<input id=\"webcode\" name=\"webcode\" inputmode=\"numeric\" pattern=\"[0-9]{5}\" maxlength=\"5\" "
       "size=\"6\" autocomplete=\"off\" aria-describedby=\"webcode-hinweis\">\n"
       "<button type=\"submit\">Zur Abbildung</button>\n"
       "<p id=\"webcode-hinweis\" class=\"hinweis\">Fünf Ziffern, zum Beispiel aus der gedruckten Fassung.</p>\n"
       "</form>\n</section>\n";
  return layout("Inhalt", "", c, "startseite", "index");
}

std::string SiteWriter::chapter_page(std::size_t index) const {
  const auto& chapters = *m_.chapters;
  const Document& doc = chapters[index];
  std::string c = "<article class=\"kapitel\">\n<header class=\"kapitel-kopf\">\n";
  c += "<p class=\"kapitel-zeile\">Kapitel " + escape_html(doc.number) + "</p>\n";
  c += "<h1><span class=\"nummer\">" + escape_html(doc.number) + "</span> " + doc.title_html + "</h1>\n";
  if (!doc.sections.empty()) {
    c += "<nav class=\"abschnitte\" aria-label=\"Abschnitte dieses Kapitels\"><ol>";
    for (const auto& s : doc.sections) {
      c += "<li><a href=\"#" + escape_attribute(s.id) + "\"><span class=\"nummer\">" + escape_html(s.number) +
           "</span> " + escape_html(s.title) + "</a></li>";
    }
    c += "</ol></nav>\n";
  }
  std::string slug = doc.page.substr(8, doc.page.size() - 8 - 5);
  if (m_.pdf) {
    c += "<p class=\"kapitel-downloads\"><a href=\"../" + escape_attribute(chapter_pdf(slug)) +
         "\">Kapitel als PDF</a></p>\n";
  }
  c += "</header>\n" + doc.body_html;
  c += "<nav class=\"blaettern\" aria-label=\"Blättern\">";
  if (index > 0) {
    const auto& p = chapters[index - 1];
    c += "<a rel=\"prev\" href=\"../" + escape_attribute(p.page) +
         "\"><span class=\"richtung\">Voriges Kapitel</span> " + escape_html(p.number + " " + p.title_text) + "</a>";
  }
  if (index + 1 < chapters.size()) {
    const auto& n = chapters[index + 1];
    c += "<a rel=\"next\" href=\"../" + escape_attribute(n.page) +
         "\"><span class=\"richtung\">Nächstes Kapitel</span> " + escape_html(n.number + " " + n.title_text) + "</a>";
  }
  c += "</nav>\n</article>\n";
  return layout(doc.number + " " + doc.title_text, "../", c, "kapitelseite", "chapter", std::stoi(doc.number));
}

std::string SiteWriter::glossary_body(std::string_view root) const {
  std::string c = "<dl class=\"glossar\">\n";
  for (const auto* t : m_.glossary->sorted()) {
    c += "<dt id=\"begriff-" + escape_attribute(t->id) + "\"><dfn>" + escape_html(t->term) + "</dfn>";
    if (!t->abbreviation.empty()) c += " (<abbr>" + escape_html(t->abbreviation) + "</abbr>)";
    c += "</dt>\n<dd>" + text::markdown_to_html(t->definition);
    if (!t->see.empty()) {
      c += "<p class=\"siehe\">Siehe auch: ";
      for (std::size_t i = 0; i < t->see.size(); ++i) {
        const auto* other = m_.glossary->find(t->see[i]);
        if (!other) continue;
        c += (i ? ", " : "") + std::string("<a href=\"") +
             escape_attribute(std::string(root) + "glossar.html#begriff-" + other->id) + "\">" +
             escape_html(other->term) + "</a>";
      }
      c += "</p>";
    }
    c += "</dd>\n";
  }
  c += "</dl>\n";
  return c;
}

std::string SiteWriter::glossary_page() const {
  std::string c =
      "<h1>Glossar</h1>\n<p class=\"einleitung\">Erläuterungen der Fachbegriffe, die im Bericht "
      "verwendet werden. Im Text führen markierte Begriffe hierher.</p>\n" +
      glossary_body("");
  return layout("Glossar", "", c, "glossarseite", "glossary");
}

std::string SiteWriter::sources_body() const {
  // Every part of every figure's sources once ("Gewichte: …" parts are sources, too).
  std::map<std::string, std::string> data_sources;  // sort key → text
  for (const auto& c : *m_.chapters) {
    for (const auto& f : c.figures) {
      for (auto part : source_parts(f.sources)) {
        if (part.rfind("Gewichte: ", 0) == 0) part = part.substr(10);
        data_sources.emplace(german_sort_key(part), part);
      }
    }
  }
  std::string c = "<h2 id=\"datenquellen\">Datenquellen</h2>\n<ul class=\"quellenliste\">\n";
  for (const auto& [key, s] : data_sources) c += "<li>" + escape_html(s) + "</li>\n";
  c += "</ul>\n<p>Werte für das Ruhrgebiet, das Rheinland und Westfalen (jeweils ohne Ruhrgebiet) und "
       "Nordrhein-Westfalen sind eigene Berechnungen aus den Werten der Kreise und kreisfreien Städte "
       "(Summen von Zählern und Nennern oder mit der Bezugsbevölkerung gewichtete Quoten).</p>\n";
  const auto& def = *m_.definition;
  if (!def.sources.empty()) {
    c += "<h2 id=\"literatur\">Literatur</h2>\n<ul class=\"quellenliste literatur\">\n";
    for (const auto& s : def.sources) {
      c += "<li id=\"quelle-" + escape_attribute(s.id) + "\">" + escape_html(s.text);
      if (!s.url.empty() && text::is_safe_link_url(s.url)) {
        c += " <a href=\"" + escape_attribute(s.url) + "\">" + escape_html(s.url) + "</a>";
      }
      c += "</li>\n";
    }
    c += "</ul>\n";
  }
  return c;
}

std::string SiteWriter::sources_page() const {
  return layout("Quellen und Literatur", "", "<h1>Quellen und Literatur</h1>\n" + sources_body(), "quellenseite",
                "sources");
}

std::string SiteWriter::data_page() const {
  std::string c =
      "<h1>Datenanhang</h1>\n<p class=\"einleitung\">Die Daten jeder Abbildung und Tabelle als CSV "
      "(UTF-8, Semikolon, Dezimalkomma; eine Zeile je Wert mit Kennzeichen und Quelle) und als "
      "Excel-Arbeitsmappe. <a href=\"bericht-daten.xlsx\" download>Alle Abbildungen in einer "
      "Arbeitsmappe (XLSX)</a>.</p>\n";
  for (const auto& doc : *m_.chapters) {
    if (doc.figures.empty()) continue;
    c += "<h2>" + escape_html(doc.number + " " + doc.title_text) + "</h2>\n";
    c += "<div class=\"tabelle-rahmen\" role=\"region\" tabindex=\"0\" aria-label=\"" +
         escape_attribute("Abbildungen in Kapitel " + doc.number + " (seitlich verschiebbar)") +
         "\"><table class=\"verzeichnis\"><thead><tr><th scope=\"col\">Nr.</th>"
         "<th scope=\"col\">Titel</th><th scope=\"col\" class=\"num\">Webcode</th><th scope=\"col\">Daten</th>"
         "</tr></thead><tbody>\n" +
         figure_list_rows(doc.figures, "../" + doc.page) + "</tbody></table></div>\n";
  }
  if (m_.profiles && !m_.profiles->empty()) {
    c += "<h2>Profile</h2>\n<p>Die Daten der Profile stehen je Region in einer Arbeitsmappe: siehe "
         "<a href=\"../profile/index.html\">Profile</a>.</p>\n";
  }
  return layout("Datenanhang", "../", c, "datenseite", "data");
}

std::string SiteWriter::profiles_index_page() const {
  std::string c =
      "<h1>Profile</h1>\n<p class=\"einleitung\">Für jeden Kreis, jede kreisfreie Stadt und jede "
      "Gemeinde des Ruhrgebiets ein Profil mit den wichtigsten Kennzahlen im Vergleich.</p>\n";
  auto list = [&](bool kreise) {
    std::string out = "<ul class=\"profilliste\">\n";
    for (const auto& p : *m_.profiles) {
      if (p.region.is_kreis != kreise) continue;
      out += "<li><a href=\"" + escape_attribute(p.region.region.code) + ".html\">" +
             escape_html(p.doc.title_text.empty() ? p.region.region.name : p.doc.title_text) + "</a>";
      if (!kreise) out += " <span class=\"kreis\">" + escape_html(p.region.kreis.name) + "</span>";
      if (m_.pdf) {
        out += " <a class=\"pdf\" href=\"../" + escape_attribute(profile_pdf(p.region.region.code)) +
               "\" aria-label=\"" + escape_attribute("PDF: " + p.region.region.name) + "\">PDF</a>";
      }
      out += "</li>\n";
    }
    return out + "</ul>\n";
  };
  c += "<h2>Kreise und kreisfreie Städte</h2>\n" + list(true);
  c += "<h2>Städte und Gemeinden</h2>\n" + list(false);
  return layout("Profile", "../", c, "profilliste-seite", "profiles", -1, true);
}

std::string SiteWriter::profile_page(const Profile& p) const {
  const Document& doc = p.doc;
  std::string c = "<article class=\"profil\">\n<header class=\"kapitel-kopf\">\n<p class=\"kapitel-zeile\">" +
                  escape_html(profile_kind(p)) + "</p>\n<h1>" + doc.title_html + "</h1>\n";
  c += "<p class=\"kapitel-downloads\">";
  if (m_.pdf) {
    c += "<a href=\"../" + escape_attribute(profile_pdf(p.region.region.code)) + "\">Profil als PDF</a> · ";
  }
  c += "<a href=\"../daten/profile/" + escape_attribute(p.region.region.code) + ".xlsx\" download>Daten (XLSX)</a>";
  if (!p.region.is_kreis) {
    c += " · <a href=\"" + escape_attribute(p.region.kreis.code) +
         ".html\">Profil: " + escape_html(p.region.kreis.name) + "</a>";
  }
  c += "</p>\n</header>\n" + doc.body_html + "</article>\n";
  return layout(doc.title_text, "../", c, "profilseite", "profiles");
}

std::string SiteWriter::print_document(const std::map<std::string, int>* pages) const {
  const auto& def = *m_.definition;
  auto page_of = [&](const std::string& id) -> std::string {
    if (!pages) return {};
    auto it = pages->find(id);
    return it == pages->end() ? std::string() : "<span class=\"seite\">" + std::to_string(it->second) + "</span>";
  };
  std::string c;
  c += "<section class=\"titelseite\">\n<p class=\"reihe\">Bildungsbericht</p>\n<h1 class=\"titel\">" +
       escape_html(def.title) + "</h1>\n";
  if (!def.subtitle.empty()) c += "<p class=\"untertitel\">" + escape_html(def.subtitle) + "</p>\n";
  c += "<p class=\"ausgabe\">" + escape_html(edition_label(def)) + "</p>\n";
  if (!def.publisher.empty()) c += "<p class=\"herausgeber\">" + escape_html(def.publisher) + "</p>\n";
  c += "</section>\n";
  c += "<section class=\"inhalt-druck\">\n<h2 class=\"verzeichnis-titel\">Inhalt</h2>\n<ol "
       "class=\"inhaltsverzeichnis\">\n";
  for (const auto& doc : *m_.chapters) {
    c += "<li><a href=\"#kapitel-" + escape_attribute(doc.number) + "\"><span class=\"nummer\">" +
         escape_html(doc.number) + "</span> <span class=\"titel\">" + escape_html(doc.title_text) + "</span>" +
         page_of("kapitel-" + doc.number) + "</a>";
    if (!doc.sections.empty()) {
      c += "<ol>";
      for (const auto& s : doc.sections) {
        c += "<li><a href=\"#" + escape_attribute(s.id) + "\"><span class=\"nummer\">" + escape_html(s.number) +
             "</span> <span class=\"titel\">" + escape_html(s.title) + "</span>" + page_of(s.id) + "</a></li>";
      }
      c += "</ol>";
    }
    c += "</li>\n";
  }
  c += "<li><a href=\"#glossar\"><span class=\"titel\">Glossar</span>" + page_of("glossar") +
       "</a></li><li><a href=\"#quellen\"><span class=\"titel\">Quellen und Literatur</span>" + page_of("quellen") +
       "</a></li>\n</ol>\n</section>\n";
  for (const auto& doc : *m_.chapters) {
    std::string body = "<section class=\"kapitel kapitel-druck\" id=\"kapitel-" + doc.number +
                       "\">\n<header class=\"kapitel-kopf\">"
                       "<p class=\"kapitel-zeile\">Kapitel " +
                       escape_html(doc.number) + "</p><h1><span class=\"nummer\">" + escape_html(doc.number) +
                       "</span> " + doc.title_html + "</h1></header>\n" + doc.body_html + "</section>\n";
    c += body;
  }
  c += "<section class=\"kapitel anhang-druck\" id=\"glossar\">\n<h1>Glossar</h1>\n" + glossary_body("../") +
       "</section>\n";
  c += "<section class=\"kapitel anhang-druck\" id=\"quellen\">\n<h1>Quellen und Literatur</h1>\n" + sources_body() +
       "</section>\n";
  c = rewrite_for_print_document(std::move(c), *m_.chapters);
  mstch::map ctx{{"page_title", def.title + (def.edition.empty() ? "" : " " + def.edition)},
                 {"root", std::string("../")},
                 {"body_class", std::string("gesamtbericht")},
                 {"content", c}};
  return templates_.render("report/druck", ctx);
}

std::string SiteWriter::codes_json() const {
  nlohmann::ordered_json codes = nlohmann::ordered_json::object();
  std::map<std::string, std::string> sorted;
  for (const auto& doc : *m_.chapters) {
    for (const auto& f : doc.figures) sorted[f.code] = doc.page + "#" + f.id;
  }
  if (m_.profiles) {
    for (const auto& p : *m_.profiles) {
      for (const auto& f : p.doc.figures) sorted[f.code] = p.doc.page + "#" + f.id;
    }
  }
  for (const auto& [code, url] : sorted) codes[code] = url;
  // What the portal's search and sitemap list and what an import's update
  // report names (report::read_published_report).
  nlohmann::ordered_json chapters = nlohmann::ordered_json::array();
  nlohmann::ordered_json figures = nlohmann::ordered_json::array();
  auto add_figures = [&](const Document& doc, const std::string& place) {
    for (const auto& f : doc.figures) {
      figures.push_back({{"code", f.code},
                         {"title", f.title},
                         {"place", place},
                         {"url", doc.page + "#" + f.id},
                         {"indicators", f.indicators}});
    }
  };
  for (const auto& doc : *m_.chapters) {
    chapters.push_back({{"number", doc.number}, {"title", doc.title_text}, {"url", doc.page}});
    add_figures(doc, "Kapitel " + doc.number + " " + doc.title_text);
  }
  if (m_.profiles) {
    for (const auto& p : *m_.profiles) add_figures(p.doc, "Profil " + p.region.region.name);
  }
  nlohmann::ordered_json j{{"report", m_.definition->name},
                           {"title", m_.definition->title},
                           {"edition", m_.definition->edition},
                           {"codes", codes},
                           {"chapters", chapters},
                           {"figures", figures}};
  return j.dump(1) + "\n";
}

std::string rewrite_for_print_document(std::string html, const std::vector<Document>& chapters) {
  auto replace_all = [&](std::string_view from, std::string_view to) {
    std::string out;
    out.reserve(html.size());
    std::size_t i = 0;
    while (true) {
      std::size_t at = html.find(from, i);
      if (at == std::string::npos) break;
      out.append(html, i, at - i);
      out.append(to);
      i = at + from.size();
    }
    out.append(html, i, std::string::npos);
    html = std::move(out);
  };
  for (const auto& doc : chapters) {
    replace_all("href=\"../" + doc.page + "#", "href=\"#");
    replace_all("href=\"../" + doc.page + "\"", "href=\"#kapitel-" + doc.number + "\"");
  }
  replace_all("href=\"../glossar.html#", "href=\"#");
  replace_all("href=\"../quellen.html#", "href=\"#");
  return html;
}

text::Result<void> write_output(const std::filesystem::path& out, std::string_view rel, std::string_view content) {
  std::filesystem::path path = out / std::filesystem::path(std::string(rel));
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return text::Failure{"nicht schreibbar: " + path.string()};
  file.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!file) return text::Failure{"Schreibfehler: " + path.string()};
  return {};
}

text::Result<void> copy_assets(const std::filesystem::path& root, const std::filesystem::path& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path assets = out / "assets";
  fs::create_directories(assets / "fonts", ec);
  fs::path source = root / "static/report";
  if (!fs::is_directory(source)) return text::Failure{"Ordner fehlt: " + source.string()};
  fs::copy(source, assets, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
  if (ec) return text::Failure{"Kopieren von " + source.string() + ": " + ec.message()};
  // The portal's icon, so that the report's tabs and bookmarks carry it too
  // (the report is also read from a copy of its folder, outside the portal).
  fs::copy_file(root / "static/favicon.svg", assets / "favicon.svg", fs::copy_options::overwrite_existing, ec);
  if (ec) return text::Failure{"Kopieren von " + (root / "static/favicon.svg").string() + ": " + ec.message()};
  // Lato (SIL Open Font License, Debian fonts-lato): the report's typeface on
  // screen and in print; without it the CSS falls back to DejaVu Sans.
  for (const char* name : {"Lato-Regular.ttf", "Lato-Bold.ttf", "Lato-Italic.ttf", "Lato-Black.ttf"}) {
    fs::path font = fs::path("/usr/share/fonts/truetype/lato") / name;
    if (fs::is_regular_file(font)) {
      fs::copy_file(font, assets / "fonts" / name, fs::copy_options::overwrite_existing, ec);
    }
  }
  return {};
}

}  // namespace rf::report

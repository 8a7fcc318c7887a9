#include "report/document.hpp"

#include <set>

#include "monitor/indicators.hpp"
#include "report/figure_builder.hpp"
#include "report/format.hpp"
#include "report/inline_render.hpp"
#include "report/links.hpp"
#include "text/html.hpp"
#include "text/markdown.hpp"

namespace rf::report {
namespace {

using text::escape_attribute;
using text::escape_html;

// Numbers "<h2>…</h2>" sections and gives them ids; collects them.
std::string number_sections(std::string_view html, const std::string& number, std::vector<Section>& sections) {
  std::string out;
  std::size_t i = 0;
  int count = 0;
  std::set<std::string> ids;
  while (true) {
    std::size_t open = html.find("<h2>", i);
    if (open == std::string_view::npos) break;
    std::size_t close = html.find("</h2>", open);
    if (close == std::string_view::npos) break;
    out.append(html.substr(i, open - i));
    std::string inner(html.substr(open + 4, close - open - 4));
    Section s;
    ++count;
    s.title = html_to_text(inner);
    if (!number.empty()) s.number = number + "." + std::to_string(count);
    s.id = "abschnitt-" + (s.number.empty() ? slugify(s.title) : slugify(s.number));
    if (s.id == "abschnitt-") s.id += std::to_string(count);
    while (!ids.insert(s.id).second) s.id += "-" + std::to_string(count);
    out += "<h2 id=\"" + escape_attribute(s.id) + "\">";
    if (!s.number.empty()) out += "<span class=\"nummer\">" + escape_html(s.number) + "</span> ";
    out += inner + "</h2>";
    sections.push_back(std::move(s));
    i = close + 5;
  }
  out.append(html.substr(i));
  return out;
}

}  // namespace

std::string html_to_text(std::string_view html) {
  std::string out;
  bool tag = false;
  for (std::size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (tag) {
      tag = c != '>';
      continue;
    }
    if (c == '<') {
      tag = true;
      continue;
    }
    if (c == '&') {
      static const std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool done = false;
      for (const auto& [entity, ch] : kEntities) {
        if (html.substr(i, entity.size()) == entity) {
          out.push_back(ch);
          i += entity.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out.push_back(c);
  }
  return out;
}

Document prepare_document(const DocumentSource& source, const Resolver& resolver, const ParseOptions& parse_options) {
  Document doc;
  doc.file = source.file;
  doc.page = source.page;
  doc.number = source.number;
  doc.id_prefix = source.id_prefix;
  doc.data_dir = source.data_dir;
  doc.parsed = parse_directives(source.text, source.file, resolver.diagnostics(), parse_options);
  doc.figure_of.assign(doc.parsed.directives.size(), std::nullopt);

  int figures = 0, tables = 0;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < doc.parsed.directives.size(); ++i) {
    const Directive& d = doc.parsed.directives[i];
    if (!d.block) {
      if (is_figure_directive(d) || d.name == "kennzahlen") {
        resolver.diagnostics().error(
            d.where,
            "„" + d.name + "“ ist eine Block-Direktive: in eine eigene Zeile mit „::: " + d.name + " …“ schreiben");
      } else if (!is_inline_directive(d)) {
        resolver.diagnostics().error(d.where, "unbekannte Direktive „" + d.name + "“");
      }
      continue;
    }
    if (d.name == "kennzahlen") continue;
    if (!is_figure_directive(d)) {
      if (is_inline_directive(d)) {
        resolver.diagnostics().error(d.where, "„" + d.name + "“ steht im Text: {{" + d.name + " …}} schreiben");
      } else {
        resolver.diagnostics().error(d.where, "unbekannte Block-Direktive „" + d.name +
                                                  "“ (bekannt: abbildung, tabelle, kennzahlen, wenn/sonst/ende)");
      }
      continue;
    }
    // Count even a figure that fails, so the numbers of the others stay put.
    bool table = d.name == "tabelle";
    int n = table ? ++tables : ++figures;
    auto figure = build_figure(d, resolver);
    if (!figure) continue;
    figure->number = doc.number.empty() ? std::to_string(n) : doc.number + "." + std::to_string(n);
    std::string auto_id =
        std::string(table ? "tab-" : "abb-") + (doc.number.empty() ? "" : doc.number + "-") + std::to_string(n);
    figure->id = d.get_or("id", doc.id_prefix + auto_id);
    if (figure->id != slugify(figure->id)) {
      resolver.diagnostics().error(d.where,
                                   "id „" + figure->id + "“: nur Kleinbuchstaben, Ziffern und Bindestriche erlaubt");
      continue;
    }
    if (!ids.insert(figure->id).second) {
      resolver.diagnostics().error(d.where, "id „" + figure->id + "“ ist in dieser Datei doppelt");
      continue;
    }
    figure->data_path = doc.data_dir + "/" + figure->id;
    doc.figure_of[i] = doc.figures.size();
    doc.figures.push_back(std::move(*figure));
  }
  return doc;
}

std::string key_figures_html(const Directive& d, const Resolver& r) {
  if (!check_arguments(d, {"indikatoren", "region", "periode", "vergleich"}, r.diagnostics())) {
    return missing_placeholder(d);
  }
  auto list = r.require(d, "indikatoren");
  if (!list) return missing_placeholder(d);
  auto region = r.region(d, d.get_or("region", "ruhr"));
  if (!region) return missing_placeholder(d);
  std::optional<monitor::RegionInfo> reference;
  if (auto v = d.get("vergleich")) {
    reference = r.region(d, *v);
    if (!reference) return missing_placeholder(d);
  }
  std::string out = "<div class=\"kennzahlen\">";
  std::vector<std::string> sources;
  for (const auto& id : split_list(*list)) {
    const auto* ind = r.indicator(d, id);
    if (!ind) {
      out += missing_placeholder(d);
      continue;
    }
    auto period = r.period(d, *ind, d.get_or("periode", "neueste"), region->code);
    if (!period) {
      out += missing_placeholder(d);
      continue;
    }
    auto v = r.data().value(ind->id, region->code, *period, {});
    if (!v.value || !monitor::status_has_value(v.status)) {
      r.diagnostics().missing(d.where, "kein Wert für „" + ind->id + "“ in " + region->name);
      out += missing_placeholder(d);
      continue;
    }
    if (std::find(sources.begin(), sources.end(), ind->source) == sources.end()) sources.push_back(ind->source);
    std::string shown = format_with_unit(*v.value, ind->decimals, ind->unit);
    bool long_value = shown.size() > 12;  // "586.952 Personen" needs a smaller size
    out += std::string("<div class=\"kennzahl\"><p class=\"kz-wert") + (long_value ? " kz-lang" : "") +
           "\"><data value=\"" + machine_number(*v.value) + "\">" + escape_html(shown) + "</data></p>";
    out += "<p class=\"kz-titel\">" + escape_html(ind->title) + "</p>";
    out += "<p class=\"kz-meta\">" + escape_html(r.region_name(*region) + ", " + r.data().period_label(*period));
    if (reference) {
      auto w = r.data().value(ind->id, reference->code, *period, {});
      if (w.value && monitor::status_has_value(w.status)) {
        out += "<br>" +
               escape_html(r.region_name(*reference) + ": " + format_with_unit(*w.value, ind->decimals, ind->unit));
      }
    }
    out += "</p></div>";
  }
  out += "</div>";
  if (!sources.empty()) {
    std::string line = "Quelle: ";
    for (std::size_t i = 0; i < sources.size(); ++i) line += (i ? "; " : "") + sources[i];
    out += "<p class=\"kz-quelle quelle\">" + escape_html(line + "; eigene Berechnungen") + "</p>";
  }
  return out;
}

void render_document(Document& doc, const Resolver& resolver, const Glossary& glossary,
                     const FigureHtmlOptions& options) {
  text::MarkdownOptions md;
  md.heading_offset = 0;
  std::string html = text::markdown_to_html(doc.parsed.markdown, md);
  html = replace_tokens(html, [&](std::size_t index) -> std::string {
    if (index >= doc.parsed.directives.size()) return {};
    const Directive& d = doc.parsed.directives[index];
    if (!d.block) {
      if (!is_inline_directive(d)) return missing_placeholder(d);
      return render_inline(d, resolver, glossary, options.links);
    }
    if (d.name == "kennzahlen") return key_figures_html(d, resolver);
    if (auto f = doc.figure_of[index]) return figure_html(doc.figures[*f], options);
    return "<div class=\"fehlt-block\">" + missing_placeholder(d) + "</div>";
  });
  // The first h1 is the document's title.
  std::size_t open = html.find("<h1>");
  if (open != std::string::npos) {
    std::size_t close = html.find("</h1>", open);
    if (close != std::string::npos) {
      doc.title_html = html.substr(open + 4, close - open - 4);
      std::size_t end = close + 5;
      if (end < html.size() && html[end] == '\n') ++end;
      html.erase(open, end - open);
    }
  }
  if (doc.title_html.empty()) {
    resolver.diagnostics().error({doc.file, 1}, "die Datei braucht eine Überschrift „# Titel“ in der ersten Zeile");
  }
  doc.title_text = html_to_text(doc.title_html);
  doc.sections.clear();
  doc.body_html = number_sections(html, doc.number, doc.sections);
}

}  // namespace rf::report

#include "monitor/pages/page_views.hpp"

#include "text/html.hpp"
#include "text/number.hpp"
#include "web/accounts.hpp"
#include "web/dates.hpp"
#include "web/middleware.hpp"

namespace rf::monitor {

std::string h(std::string_view text) { return text::escape_html(text); }

mstch::array string_list(const std::vector<std::string>& items) {
  mstch::array out;
  for (const auto& i : items) out.push_back(i);
  return out;
}

mstch::array version_history(const web::Services& services, VersionedText kind) {
  std::vector<TextVersion> versions;
  {
    auto db = services.pool.acquire();
    versions = recent_versions(*db, kind, 20);
  }
  mstch::array history;
  for (const auto& v : versions) {
    history.push_back(mstch::map{{"id", std::to_string(v.id)},
                                 {"comment", v.comment},
                                 {"date", web::format_date_de(v.uploaded_at)},  // German civil date, not UTC
                                 {"who", v.who}});
  }
  return history;
}

std::string value_text(const IndicatorValue& v, const IndicatorInfo& info) {
  if (!v.value) return "–";
  return charts::format_value(*v.value, info.decimals, info.unit);
}

std::string value_html(const IndicatorValue& v, const IndicatorInfo& info) {
  std::string out = h(value_text(v, info));
  if (v.status != Status::ok) {
    out += " <abbr class=\"marker\" title=\"" + text::escape_attribute(status_label_de(v.status)) + "\">" +
           h(status_marker(v.status)) + "</abbr>";
  }
  return out;
}

charts::DataPoint data_point(std::string label, const IndicatorValue& v) {
  charts::DataPoint p;
  p.label = std::move(label);
  if (v.value) p.value = v.value;
  if (v.status != Status::ok) p.marker = std::string(status_marker(v.status));
  return p;
}

std::string gap_unit(const IndicatorInfo& info) { return info.unit == "%" ? "Prozentpunkte" : info.unit; }

std::string gap_text(std::optional<double> gap, const IndicatorInfo& info) {
  if (!gap) return "–";
  std::string n = text::format_number(*gap, info.decimals);
  if (*gap > 0 && n != text::format_number(0, info.decimals)) n = "+" + n;
  return n + " " + gap_unit(info);
}

bool is_count(const IndicatorDef& def) {
  for (const auto& s : def.sources) {
    if (s.kind != IndicatorSource::Kind::counts || !s.total.denominator.empty()) return false;
  }
  return !def.sources.empty();
}

std::pair<std::string, std::string> comparison_to_nrw(const IndicatorDef& def, const IndicatorValue& ruhr,
                                                      const IndicatorValue& nrw) {
  if (is_count(def)) {
    auto r = ratio(ruhr, nrw);
    return {"Anteil an NRW", r ? charts::format_value(*r * 100, 1, "%") : std::string("–")};
  }
  return {"Abstand zu NRW", gap_text(gap(ruhr, nrw), def.info)};
}

std::string figure_html(const Figure& f) {
  std::string out;
  // The charts are most of it (a map 50–150 KB): appended once, never through a temporary.
  out.reserve(f.svg.size() + f.svg_narrow.size() + f.table_html.size() + 2048);
  out += "<figure class=\"figure\" id=\"" + h(f.id) + "\">";
  out += "<figcaption><span class=\"figure-title\">" + h(f.title) + "</span>";
  if (!f.subtitle.empty()) out += "<span class=\"figure-subtitle\">" + h(f.subtitle) + "</span>";
  out += "</figcaption>";
  if (f.svg_narrow.empty()) {
    out += "<div class=\"chart-box\">";
    out += f.svg;
    out += "</div>";
  } else {
    out += "<div class=\"chart-box\"><div class=\"chart-wide\">";
    out += f.svg;
    out += "</div><div class=\"chart-narrow\">";
    out += f.svg_narrow;
    out += "</div></div>";
  }
  out += "<p class=\"source\">Quelle: " + h(f.source) + "; eigene Berechnungen</p>";
  if (!f.footnotes.empty()) {
    out += "<ol class=\"footnotes\">";
    for (const auto& n : f.footnotes) out += "<li>" + h(n) + "</li>";
    out += "</ol>";
  }
  if (!f.table_html.empty()) {
    out += std::string("<details class=\"data-table-box\"") + (f.table_open ? " open" : "") +
           "><summary>Daten als Tabelle</summary><div class=\"table-scroll\" tabindex=\"0\" role=\"region\" "
           "aria-label=\"" +
           text::escape_attribute("Tabelle: " + f.title) + "\">";
    out += f.table_html;
    out += "</div></details>";
  }
  if (!f.downloads.empty()) {
    out += "<p class=\"downloads\"><span>Daten herunterladen:</span> ";
    for (std::size_t i = 0; i < f.downloads.size(); ++i) {
      if (i) out += " · ";
      out += "<a href=\"" + text::escape_attribute(f.downloads[i].second) + "\">" + h(f.downloads[i].first) + "</a>";
    }
    out += "</p>";
  }
  out += "</figure>";
  return out;
}

std::string trend_html(const Trend& trend) {
  // Visible: arrow and a short word (colour is never the only carrier);
  // screen readers get the whole sentence instead.
  std::string word;
  switch (trend.judgement) {
    case Judgement::better: word = "günstig"; break;
    case Judgement::worse: word = "ungünstig"; break;
    case Judgement::stable: word = "gleich"; break;
    case Judgement::changed: word = trend.direction > 0 ? "steigend" : "fallend"; break;
    default: word = "keine Reihe"; break;
  }
  return "<span class=\"trend " + std::string(judgement_class(trend.judgement)) + "\"><span aria-hidden=\"true\">" +
         std::string(trend_arrow(trend)) + " " + word + "</span><span class=\"visually-hidden\">" +
         h(trend_text(trend)) + "</span></span>";
}

namespace {

// Placeholders start with a control character no text of a page contains
// (input validation refuses them) and a key drawn once per process, so that
// nothing else on a page looks like one; then the part's number and an end mark.
constexpr char kPartStart = '\x02';
constexpr char kPartEnd = '\x03';

const std::string& part_prefix() {
  static const std::string prefix = kPartStart + web::random_token(12) + ":";
  return prefix;
}

}  // namespace

std::string LargeParts::hold(std::string html) {
  if (html.empty()) return html;
  return hold(std::make_shared<const std::string>(std::move(html)));
}

std::string LargeParts::hold(std::shared_ptr<const std::string> html) {
  if (html->empty()) return std::string();
  parts_.push_back(std::move(html));
  return part_prefix() + std::to_string(parts_.size() - 1) + kPartEnd;
}

std::string LargeParts::fill(std::string_view body) const {
  const std::string& prefix = part_prefix();
  std::size_t size = body.size();
  for (const auto& part : parts_) size += part->size();
  std::string out;
  out.reserve(size);
  std::size_t pos = 0;
  for (std::size_t at = body.find(prefix); at != std::string_view::npos; at = body.find(prefix, pos)) {
    std::size_t digits = at + prefix.size();
    std::size_t end = body.find(kPartEnd, digits);
    if (end == std::string_view::npos) break;
    std::size_t index = 0;
    for (std::size_t i = digits; i < end; ++i) index = index * 10 + static_cast<std::size_t>(body[i] - '0');
    out.append(body.substr(pos, at - pos));
    if (index < parts_.size()) out += *parts_[index];
    pos = end + 1;
  }
  out.append(body.substr(pos));
  return out;
}

http::Response monitor_page(const http::Request& req, const web::Services& services, std::string_view title,
                            std::string_view template_name, mstch::map context, int status) {
  auto user = web::current_user(req);
  context["is_data_steward"] = user && user->has_role(web::Role::data_steward);
  auto res = web::render_page(req, services, title, template_name, std::move(context), status);
  return res;
}

http::Response monitor_page(const http::Request& req, const web::Services& services, std::string_view title,
                            std::string_view template_name, mstch::map context, const LargeParts& parts) {
  auto res = monitor_page(req, services, title, template_name, std::move(context));
  res.body = parts.fill(res.body);
  return res;
}

http::Response yaml_download(std::string text, std::string_view filename) {
  auto res = http::Response::text(std::move(text));
  res.set_header("Content-Type", "application/yaml; charset=utf-8");
  res.attachment(filename);
  return res;
}

http::Response monitor_not_found(const http::Request& req, const web::Services& services, std::string_view message) {
  return monitor_page(req, services, "Nicht gefunden", "monitor/nicht_gefunden",
                      mstch::map{{"message", std::string(message)}}, 404);
}

}  // namespace rf::monitor

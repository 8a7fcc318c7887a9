// /redaktion/besuche: page views per day (chart and table) and the most
// viewed pages, from the platform's own count without cookies or IP
// addresses (web/visits.hpp).
#include "charts/line_chart.hpp"
#include "charts/table.hpp"
#include "portal/editor.hpp"
#include "portal/views.hpp"
#include "text/number.hpp"
#include "web/visits.hpp"

namespace rf::portal {
namespace {

constexpr int kDays = 30;
constexpr const char* kSource =
    "Quelle: eigene Zählung der Plattform (Seitenaufrufe ohne Cookies, ohne IP-Adressen; Tage in UTC)";

// "2025-07-03" -> "03.07."
std::string short_day(const std::string& day) { return day.substr(8, 2) + "." + day.substr(5, 2) + "."; }

}  // namespace

void register_visits_admin(http::Router& router, const SitePtr& site) {
  router.get("/redaktion/besuche", [site](http::Request& req) {
    if (auto denied = web::require_role(req, web::Role::editor)) return *denied;
    const auto now = now_seconds();
    const std::string first = web::utc_day(now - (kDays - 1) * 86400LL), last = web::utc_day(now);
    auto db = site->services.pool.acquire();
    auto days = web::daily_views(*db, first, last);

    charts::LineChart chart;
    charts::LineSeries series{"Seitenaufrufe", {}, true, {}};
    std::int64_t total = 0;
    for (const auto& d : days) {
      chart.x_labels.push_back(short_day(d.day));
      series.values.push_back(static_cast<double>(d.views));
      total += d.views;
    }
    chart.series.push_back(std::move(series));
    chart.text = {"besuche-verlauf", "Seitenaufrufe pro Tag, letzte 30 Tage",
                  "Liniendiagramm der Seitenaufrufe pro Tag vom " + short_day(first) + " bis " + short_day(last) +
                      ". Die Werte stehen auch in der Tabelle unter der Abbildung.",
                  "", 0};
    auto table = charts::table_of(chart);
    table.caption = "Seitenaufrufe pro Tag";
    table.row_header = "Tag";

    mstch::array top;
    for (const auto& p : web::top_paths(*db, first, last, 20)) {
      top.push_back(mstch::map{{"path", p.path}, {"views", text::format_number(static_cast<double>(p.views), 0)}});
    }
    mstch::map context{{"chart_svg", charts::line_chart(chart)},
                       {"table_html", charts::data_table(table)},
                       {"source", std::string(kSource)},
                       {"total", text::format_number(static_cast<double>(total), 0)},
                       {"average", text::format_number(web::average_daily_views(*db, kDays, now), 0)},
                       {"top", top},
                       {"has_top", !top.empty()}};
    return editor_page(req, *site, "Besuche", "redaktion/besuche", std::move(context));
  });
}

}  // namespace rf::portal

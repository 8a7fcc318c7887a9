// German demo content for `ruhrfutur demo`: written for this platform, with
// facts from RuhrFutur's public reports (Bildungsbericht Ruhr). People in
// the team are invented; addresses and phone numbers are placeholders.
#include <spdlog/spdlog.h>

#include <functional>

#include "web/dates.hpp"
#include "portal/demo_texts.hpp"
#include "portal/pdf_writer.hpp"
#include "portal/png_writer.hpp"
#include "portal/portal.hpp"
#include "portal/uploads.hpp"
#include "portal/views.hpp"

namespace rf::portal {
namespace {

constexpr std::int64_t kDay = 86400;

class DemoLoader {
 public:
  DemoLoader(db::Database& db, const web::Settings& config)
      : db_(db),
        config_(config),
        store_(db),
        now_(now_seconds()),
        today_(web::berlin_midnight(web::berlin_date(now_))) {}

  // Adds the item unless one of its kind and slug exists; publishes it at
  // `publish_at` (nullopt: stays a draft). Returns its id either way.
  std::int64_t add(Item item, std::optional<std::int64_t> publish_at) {
    if (auto existing = store_.find(item.kind, item.slug)) return existing->id;
    auto id = store_.create(item, actor_);
    if (publish_at) store_.publish(id, *publish_at, actor_);
    ++added_;
    return id;
  }

  std::optional<std::int64_t> theme(std::string_view slug) {
    if (slug.empty()) return std::nullopt;
    auto t = store_.find("theme", slug);
    return t ? std::optional<std::int64_t>(t->id) : std::nullopt;
  }

  std::string upload(const std::string& bytes, std::string_view name, UploadKind kind) {
    auto result = store_upload(db_, config_.var_dir, bytes, name, kind, actor_);
    if (!result.upload) throw std::runtime_error("demo upload failed: " + result.error);
    return result.upload->sha256;
  }

  std::int64_t days_ago(int days) const { return today_ - days * kDay; }
  std::int64_t published_at() const { return now_ - 60; }
  std::int64_t now() const { return now_; }
  int added() const { return added_; }

 private:
  db::Database& db_;
  const web::Settings& config_;
  ContentStore store_;
  Actor actor_{std::nullopt, "demo"};
  std::int64_t now_;
  std::int64_t today_;
  int added_ = 0;
};

Item make(std::string kind, std::string slug, std::string title, std::string summary, std::string body) {
  Item item;
  item.kind = std::move(kind);
  item.slug = std::move(slug);
  item.title = std::move(title);
  item.summary = std::move(summary);
  item.body = std::move(body);
  return item;
}

}  // namespace

int load_demo_content(db::Database& db, const web::Settings& config) {
  DemoLoader demo(db, config);
  const auto live = demo.published_at();

  for (const auto& p : demo_pages()) {
    demo.add(make("page", p.slug, p.title, p.summary, p.body), live);
  }
  int order = 0;
  for (const auto& t : demo_themes()) {
    auto item = make("theme", t.slug, t.title, t.summary, t.body);
    item.sort_order = ++order * 10;
    demo.add(item, live);
  }
  for (const auto& n : demo_news()) {
    auto item = make("news", n.slug, n.title, n.summary, n.body);
    item.item_date = demo.days_ago(n.days_ago);
    item.theme_id = demo.theme(n.theme);
    std::optional<std::int64_t> at = live;
    if (n.state == DemoState::scheduled) {
      item.item_date = demo.days_ago(-7);
      at = demo.now() + 7 * kDay;
    } else if (n.state == DemoState::draft) {
      at.reset();
    }
    demo.add(item, at);
  }
  unsigned seed = 0;
  for (const auto& p : demo_publications()) {
    auto item = make("publication", p.slug, p.title, p.summary, p.body);
    item.category = p.type;
    item.theme_id = demo.theme(p.theme);
    item.item_date = web::berlin_midnight({p.year, p.month, 15});
    item.extra["authors"] = p.authors;
    if (p.online_url) item.extra["online_url"] = p.online_url;
    PdfDocument pdf{p.title, std::string(p.authors) + " · " + std::to_string(p.year), {}};
    pdf.paragraphs.push_back("Demo-Dokument der RuhrFutur-Plattform. Der Text ist für die Demonstration geschrieben.");
    for (const auto& para : p.pdf_paragraphs) pdf.paragraphs.emplace_back(para);
    std::string bytes = write_pdf(pdf);
    item.file = demo.upload(bytes, std::string(p.slug) + ".pdf", UploadKind::pdf);
    auto count = bytes.find("/Count ");
    if (count != std::string::npos) item.extra["pages"] = std::to_string(std::stoi(bytes.substr(count + 7)));
    item.image =
        demo.upload(cover_png(p.background, p.accent, ++seed), std::string(p.slug) + "-titel.png", UploadKind::image);
    demo.add(item, live);
  }
  for (const auto& j : demo_jobs()) {
    auto item = make("job", j.slug, j.title, j.summary, j.body);
    item.category = j.type;
    item.item_date = demo.days_ago(-j.deadline_in_days);
    item.extra["location"] = j.location;
    item.extra["contact"] = "bewerbung@ruhrfutur.example";
    demo.add(item, live);
  }
  order = 0;
  for (const auto& m : demo_team()) {
    auto item = make("team", m.slug, m.name, m.profile, "");
    item.sort_order = ++order * 10;
    item.extra["position"] = m.position;
    item.extra["email"] = std::string(m.slug) + "@ruhrfutur.example";
    demo.add(item, live);
  }
  order = 0;
  for (const auto& c : demo_committees()) {
    auto item = make("committee", c.slug, c.title, c.summary, c.body);
    item.category = c.level;
    item.sort_order = ++order * 10;
    demo.add(item, live);
  }
  order = 0;
  for (const auto& p : demo_partners()) {
    auto item = make("partner", p.slug, p.name, p.description, "");
    item.category = p.group;
    item.sort_order = ++order * 10;
    if (*p.url) item.extra["url"] = p.url;
    demo.add(item, live);
  }
  return demo.added();
}

}  // namespace rf::portal

#include "web/web.hpp"

#include <algorithm>

namespace rf::web {

http::Response render_page(const http::Request& req, const Services& services, std::string_view title,
                           std::string_view name, mstch::map context, int status) {
  const User* user = current_user(req);
  context["csrf"] = req.csrf;
  context["logged_in"] = user != nullptr;
  context["user_name"] = user ? (user->name.empty() ? user->email : user->name) : std::string();
  // The account navigation links the work areas of the user's roles.
  context["is_editor"] = user && user->has_role(Role::editor);
  context["is_data_steward"] = user && user->has_role(Role::data_steward);
  // Those the handler asked for (stylesheets a room builds on), then the
  // room's own, so that it wins the cascade; each once.
  std::vector<std::string> sheets;
  auto add_sheet = [&sheets](const std::string& href) {
    if (std::find(sheets.begin(), sheets.end(), href) == sheets.end()) sheets.push_back(href);
  };
  if (auto it = context.find("stylesheets"); it != context.end()) {
    if (const auto* asked = boost::get<mstch::array>(&it->second)) {
      for (const auto& s : *asked) {
        if (const auto* href = boost::get<std::string>(&s)) add_sheet(*href);
      }
    }
  }
  if (auto own = services.templates.room_stylesheet(name); !own.empty()) add_sheet(own);
  std::string content = services.templates.render(name, context);
  // The layout sees the page's values too; moved, not copied (figures make them large).
  mstch::map layout = std::move(context);
  layout["stylesheets"] = mstch::array(sheets.begin(), sheets.end());
  layout["title"] = std::string(title);
  // Every page has a description for search engines and link previews; pages
  // that know better set their own.
  if (layout.find("description") == layout.end()) {
    layout["description"] =
        std::string(title) + " – RuhrFutur: gemeinsam für Bildungserfolg im Ruhrgebiet, mit " +
        "Bildungsmonitoring, Bildungsbericht und offenen Daten für die 53 Kommunen der Metropole Ruhr.";
  }
  layout["content"] = std::move(content);
  layout["path"] = req.path;
  layout["login_link"] = login_link(req.path);
  return http::Response::html(services.templates.render("layout", layout), status);
}

}  // namespace rf::web

#include "web/web.hpp"

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
  mstch::map layout = context;
  layout["title"] = std::string(title);
  layout["content"] = services.templates.render(name, context);
  layout["path"] = req.path;
  layout["login_link"] = login_link(req.path);
  return http::Response::html(services.templates.render("layout", layout), status);
}

}  // namespace rf::web

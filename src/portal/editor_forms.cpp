// The generic item form of the editor: rendering and reading.
#include "web/dates.hpp"
#include "portal/editor.hpp"
#include "portal/uploads.hpp"
#include "portal/views.hpp"

namespace rf::portal {
namespace {

const char* input_type(FieldType type) {
  switch (type) {
    case FieldType::date: return "date";
    case FieldType::number: return "number";
    case FieldType::url: return "url";
    case FieldType::email: return "email";
    default: return "text";
  }
}

}  // namespace

Actor actor_of(const http::Request& req) { return Actor{web::current_user_id(req), req.remote_address}; }

std::string editor_url(const KindInfo& kind) { return "/redaktion/" + std::string(kind.segment); }
std::string editor_url(const KindInfo& kind, std::int64_t id) { return editor_url(kind) + "/" + std::to_string(id); }

std::string status_label(const Item& item, std::int64_t now) {
  if (!item.published()) return "Entwurf";
  if (item.scheduled(now)) return "Geplant für " + web::format_datetime_de(*item.publish_at);
  if (!item.visible(now)) return "Abgelaufen";
  return "Veröffentlicht";
}

http::Response editor_page(const http::Request& req, const Site& site, std::string_view title, std::string_view name,
                           mstch::map context, int status) {
  context["is_editor"] = true;
  context["editor_nav"] = true;
  mstch::array kinds_nav;
  for (const auto& k : kinds()) {
    kinds_nav.push_back(mstch::map{
        {"url", editor_url(k)}, {"label", std::string(k.plural)}, {"current", req.path.rfind(editor_url(k), 0) == 0}});
  }
  context["kinds_nav"] = kinds_nav;
  auto res =
      web::render_page(req, site.services, std::string(title) + " – Redaktion", name, std::move(context), status);
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Robots-Tag", "noindex");
  return res;
}

mstch::map form_view(ContentStore& store, const KindInfo& kind, const FormValues& values, const FieldErrors& errors) {
  mstch::array fields;
  mstch::array error_list;
  bool multipart = false;
  for (const Field& field : kind.fields) {
    const std::string name(field.name);
    auto value_it = values.find(name);
    const std::string value = value_it == values.end() ? "" : value_it->second;
    const std::string id = "feld-" + name;
    mstch::map f{{"name", name},
                 {"id", id},
                 {"label", std::string(field.label)},
                 {"value", value},
                 {"required", field.required},
                 {"input_type", std::string(input_type(field.type))}};
    std::string describedby;
    if (!field.hint.empty()) {
      f["hint"] = std::string(field.hint);
      f["hint_id"] = id + "-hinweis";
      describedby = id + "-hinweis";
    }
    if (auto e = errors.find(name); e != errors.end()) {
      f["error"] = e->second;
      f["error_id"] = id + "-fehler";
      describedby += (describedby.empty() ? "" : " ") + id + "-fehler";
      error_list.push_back(mstch::map{{"id", id}, {"label", std::string(field.label)}, {"message", e->second}});
    }
    if (!describedby.empty()) f["describedby"] = describedby;
    switch (field.type) {
      case FieldType::textarea: f["is_textarea"] = true; break;
      case FieldType::markdown: f["is_markdown"] = true; break;
      case FieldType::select: {
        f["is_select"] = true;
        mstch::array options;
        for (const Choice& c : field.choices) {
          options.push_back(mstch::map{
              {"value", std::string(c.value)}, {"label", std::string(c.label)}, {"selected", c.value == value}});
        }
        f["options"] = options;
        break;
      }
      case FieldType::theme: {
        f["is_select"] = true;
        ContentStore::Filter themes;
        themes.kind = "theme";
        themes.visible_only = false;
        mstch::array options;
        for (const auto& theme : store.list(themes)) {
          options.push_back(mstch::map{{"value", std::to_string(theme.id)},
                                       {"label", theme.title},
                                       {"selected", std::to_string(theme.id) == value}});
        }
        f["options"] = options;
        f["optional_choice"] = true;
        break;
      }
      case FieldType::image:
      case FieldType::pdf: {
        multipart = true;
        bool image = field.type == FieldType::image;
        f[image ? "is_image" : "is_pdf"] = true;
        f["accept"] = std::string(image ? "image/png,image/jpeg,image/webp" : "application/pdf");
        f["upload_name"] = name + "_upload";
        f["upload_id"] = id + "-datei";
        f["remove_name"] = name + "_remove";
        f["remove_id"] = id + "-entfernen";
        if (!value.empty()) f["current_url"] = upload_url(value);
        break;
      }
      default: f["is_input"] = true; break;
    }
    fields.push_back(std::move(f));
  }
  return mstch::map{{"fields", fields},
                    {"errors", error_list},
                    {"has_errors", !error_list.empty()},
                    {"several_errors", error_list.size() > 1},
                    {"multipart", multipart}};
}

FormValues read_form(const http::Request& req, Site& site, const KindInfo& kind, FieldErrors& errors) {
  const auto& form = req.form();
  FormValues values;
  for (const Field& field : kind.fields) {
    const std::string name(field.name);
    values[name] = form.get_or(name, "");
    if (field.type != FieldType::image && field.type != FieldType::pdf) continue;
    if (form.has(name + "_remove")) values[name] = "";
    for (const auto& file : req.files) {
      if (file.field != name + "_upload") continue;
      auto db = site.services.pool.acquire();
      auto stored =
          store_upload_file(*db, site.config().var_dir, file.path, file.filename,
                            field.type == FieldType::image ? UploadKind::image : UploadKind::pdf, actor_of(req));
      if (stored.upload) {
        values[name] = stored.upload->sha256;
      } else {
        errors[name] = stored.error;
      }
    }
  }
  return values;
}

}  // namespace rf::portal

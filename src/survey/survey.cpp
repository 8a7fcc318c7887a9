#include "survey/survey.hpp"

#include <algorithm>

#include "survey/module.hpp"
#include "survey/store.hpp"
#include "survey/xlsform.hpp"

namespace rf::survey {

void register_routes(http::Router& router, web::Services& services) {
  auto m = std::make_shared<Module>(services);
  register_answer_pages(router, m);
  register_admin_pages(router, m);
  register_tab_pages(router, m);
  register_result_pages(router, m);
}

int load_shipped_surveys(db::Database& db, const std::filesystem::path& root) {
  int added = 0;
  auto dir = root / "data" / "surveys";
  if (!std::filesystem::is_directory(dir)) return 0;
  std::vector<std::filesystem::path> folders;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_directory()) folders.push_back(entry.path());
  std::sort(folders.begin(), folders.end());
  for (const auto& folder : folders) {
    std::string slug = folder.filename().string();
    if (find_survey(db, slug)) continue;
    std::vector<UploadedSheetFile> files;
    for (const char* n : {"survey", "choices", "settings"})
      if (std::filesystem::exists(folder / (std::string(n) + ".csv")))
        files.push_back({std::string(n) + ".csv", folder / (std::string(n) + ".csv")});
    std::vector<FormError> errors;
    auto sheets = read_form_sheets(files, errors);
    auto result = errors.empty() ? build_form(sheets, slug) : FormResult{std::nullopt, errors};
    if (!result.form) {
      throw std::runtime_error("shipped survey " + slug + ": " + result.errors.front().describe());
    }
    db::Transaction tx(db);
    bool tab = slug == "tab-checkliste";
    // All shipped surveys are anonymous: a school's coordinator sees who has
    // answered, never which answers are whose.
    auto id = create_survey(db, slug, result.form->title, tab ? "tab" : "general", true);
    add_version(db, id, sheets, result.form->version);
    tx.commit();
    ++added;
  }
  return added;
}

}  // namespace rf::survey

// The texts of the demo content (see demo_content.cpp).
#pragma once

#include <vector>

#include "portal/png_writer.hpp"

namespace rf::portal {

enum class DemoState { live, scheduled, draft };

struct DemoPage {
  const char* slug;
  const char* title;
  const char* summary;
  const char* body;
};

struct DemoNews {
  const char* slug;
  const char* title;
  const char* summary;
  const char* body;
  const char* theme;
  int days_ago;
  DemoState state = DemoState::live;
};

struct DemoPublication {
  const char* slug;
  const char* title;
  const char* summary;
  const char* body;
  const char* type;
  const char* theme;
  const char* authors;
  int year;
  int month;
  Rgb background;
  Rgb accent;
  std::vector<const char*> pdf_paragraphs;
  const char* online_url = nullptr;  // the online version, e.g. "/bericht/"
};

struct DemoJob {
  const char* slug;
  const char* title;
  const char* summary;
  const char* body;
  const char* type;
  const char* location;
  int deadline_in_days;
};

struct DemoMember {
  const char* slug;
  const char* name;
  const char* position;
  const char* profile;
};

struct DemoCommittee {
  const char* slug;
  const char* title;
  const char* summary;
  const char* body;
  const char* level;
};

struct DemoPartner {
  const char* slug;
  const char* name;
  const char* group;
  const char* url;
  const char* description;
};

const std::vector<DemoPage>& demo_pages();
const std::vector<DemoPage>& demo_themes();
const std::vector<DemoNews>& demo_news();
const std::vector<DemoPublication>& demo_publications();
const std::vector<DemoJob>& demo_jobs();
const std::vector<DemoMember>& demo_team();
const std::vector<DemoCommittee>& demo_committees();
const std::vector<DemoPartner>& demo_partners();

}  // namespace rf::portal

#include "report/profiles.hpp"

#include "monitor/indicators.hpp"
#include "report/links.hpp"

namespace rf::report {

std::vector<ProfileRegion> profile_regions(const ReportDefinition& def, const Data& data) {
  std::vector<ProfileRegion> out;
  auto kreise = data.ruhr_kreise();
  if (def.profiles.kreise) {
    for (const auto& k : kreise) out.push_back({k, k, true});
  }
  if (def.profiles.gemeinden) {
    for (const auto& m : data.ruhr_municipalities()) {
      ProfileRegion p{m, m, false};
      for (const auto& k : kreise) {
        if (k.code == m.parent) p.kreis = k;
      }
      out.push_back(std::move(p));
    }
  }
  return out;
}

ParseOptions profile_parse_options(const ProfileRegion& region, const Resolver& resolver) {
  ParseOptions options;
  options.condition = [&region, &resolver](const Directive& d) {
    bool result = true;
    for (const auto& [key, value] : d.args) {
      if (key == "ebene") {
        if (value != "kreis" && value != "gemeinde") {
          resolver.diagnostics().error(d.where, "„ebene“ ist kreis oder gemeinde");
          return false;
        }
        result = result && (value == "kreis") == region.is_kreis;
      } else if (key == "kreis") {
        result = result && region.kreis.code == value;
      } else if (key == "region") {
        bool any = false;
        for (const auto& code : split_list(value)) any = any || code == region.region.code;
        result = result && any;
      } else if (key == "daten") {
        const auto* ind = resolver.data().indicator(value);
        if (!ind) {
          resolver.diagnostics().missing(d.where, "Indikator „" + value + "“ ist nicht im Katalog");
          return false;
        }
        result = result && resolver.data().latest_period(value, region.region.code).has_value();
      } else {
        resolver.diagnostics().error(d.where, "„wenn“: unbekannte Bedingung „" + (key.empty() ? value : key) +
                                                  "“ (bekannt: ebene, kreis, region, daten)");
        return false;
      }
    }
    return result;
  };
  return options;
}

Document prepare_profile(const ProfileRegion& region, const std::string& template_file,
                         const std::string& template_text, const Resolver& resolver) {
  DocumentSource source;
  source.file = template_file;
  source.text = template_text;
  source.page = profile_page(region.region.code);
  source.number = "";
  source.id_prefix = region.region.code + "-";
  source.data_dir = "daten/profile";
  return prepare_document(source, resolver, profile_parse_options(region, resolver));
}

}  // namespace rf::report

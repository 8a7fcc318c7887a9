#include "report/figure.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "monitor/indicators.hpp"

namespace rf::report {

std::string Figure::label() const { return std::string(is_table() ? "Tabelle " : "Abbildung ") + number; }

std::vector<std::string> source_parts(const std::vector<std::string>& sources) {
  std::vector<std::string> parts;
  for (const auto& s : sources) {
    std::size_t start = 0;
    while (start < s.size()) {
      std::size_t end = s.find("; ", start);
      if (end == std::string::npos) end = s.size();
      std::string part = s.substr(start, end - start);
      if (!part.empty() && std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(part);
      start = end + 2;
    }
  }
  return parts;
}

std::string Figure::source_line() const {
  std::string out = "Quelle: ";
  bool first = true;
  for (const auto& part : source_parts(sources)) {
    if (!first) out += "; ";
    out += part;
    first = false;
  }
  if (!first) out += "; ";
  out += "eigene Berechnungen";
  return out;
}

std::size_t Figure::value_count() const {
  std::size_t n = 0;
  for (const auto& row : cells) {
    for (const auto& c : row) n += c.value.has_value();
  }
  return n;
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Dates ("31.12.2016") and years ("2016") replaced by '#': notes that differ
// only in them share a template. Other numbers (age groups, counts) stay, so
// notes about different things are never merged.
std::string note_template(const std::string& note) {
  std::string out;
  std::size_t i = 0;
  while (i < note.size()) {
    auto digits_at = [&](std::size_t at, std::size_t n) {
      if (at + n > note.size()) return false;
      for (std::size_t k = 0; k < n; ++k) {
        if (!is_digit(note[at + k])) return false;
      }
      return true;
    };
    bool starts_number = is_digit(note[i]) && (i == 0 || !is_digit(note[i - 1]));
    if (starts_number && digits_at(i, 2) && i + 10 <= note.size() && note[i + 2] == '.' && digits_at(i + 3, 2) &&
        note[i + 5] == '.' && digits_at(i + 6, 4) && (i + 10 == note.size() || !is_digit(note[i + 10]))) {
      out.push_back('#');
      i += 10;
      continue;
    }
    if (starts_number && digits_at(i, 4) && (i + 4 == note.size() || !is_digit(note[i + 4])) &&
        (note[i] == '1' || note[i] == '2')) {
      out.push_back('#');
      i += 4;
      continue;
    }
    out.push_back(note[i++]);
  }
  return out;
}

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// The sortable core of a token: "(31.12.2016)" → "2016-12-31", "15" → "15" (padded).
std::string sort_key(const std::string& core) {
  if (core.size() == 10 && core[2] == '.' && core[5] == '.') {
    return core.substr(6, 4) + core.substr(3, 2) + core.substr(0, 2);
  }
  return std::string(20 - std::min<std::size_t>(20, core.size()), '0') + core;
}

bool is_number_like(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; });
}

std::string merge_group(const std::vector<std::string>& notes) {
  std::vector<std::vector<std::string>> words;
  for (const auto& n : notes) words.push_back(split_words(n));
  for (const auto& w : words) {
    if (w.size() != words.front().size()) return notes.front();
  }
  std::string out;
  for (std::size_t i = 0; i < words.front().size(); ++i) {
    std::vector<std::string> values;
    for (const auto& w : words) {
      if (std::find(values.begin(), values.end(), w[i]) == values.end()) values.push_back(w[i]);
    }
    std::string token = values.front();
    if (values.size() > 1) {
      // Keep the punctuation around the number: "(31.12.2016)" → "(", "31.12.2016", ")".
      const std::string& first = values.front();
      std::size_t a = first.find_first_of("0123456789");
      std::size_t b = first.find_last_of("0123456789");
      std::string prefix = first.substr(0, a), suffix = first.substr(b + 1);
      std::vector<std::string> cores;
      bool numeric = true;
      for (const auto& v : values) {
        std::size_t va = v.find_first_of("0123456789"), vb = v.find_last_of("0123456789");
        if (va == std::string::npos) {
          numeric = false;
          break;
        }
        cores.push_back(v.substr(va, vb - va + 1));
        numeric = numeric && is_number_like(cores.back());
      }
      if (numeric) {
        std::sort(cores.begin(), cores.end(),
                  [](const std::string& x, const std::string& y) { return sort_key(x) < sort_key(y); });
        token = prefix + cores.front() + " bis " + cores.back() + suffix;
      }
    }
    if (i) out.push_back(' ');
    out += token;
  }
  return out;
}

}  // namespace

std::vector<std::string> merge_similar_notes(const std::vector<std::string>& notes) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::string>> groups;
  for (const auto& n : notes) {
    std::string key = note_template(n);
    if (!groups.count(key)) order.push_back(key);
    groups[key].push_back(n);
  }
  std::vector<std::string> out;
  for (const auto& key : order) {
    const auto& group = groups[key];
    out.push_back(group.size() == 1 ? group.front() : merge_group(group));
  }
  return out;
}

std::string marker_legend(const Figure& figure) {
  std::set<std::string> markers;
  for (const auto& row : figure.cells) {
    for (const auto& c : row) {
      if (!c.marker.empty()) markers.insert(c.marker);
    }
  }
  if (markers.empty()) return {};
  std::string out = "Zeichenerklärung: ";
  bool first = true;
  for (const auto& m : markers) {
    auto status = monitor::status_from_marker(m);
    if (!first) out += "; ";
    out += m + " = " + (status ? std::string(monitor::status_label_de(*status)) : m);
    first = false;
  }
  return out;
}

}  // namespace rf::report

#include "text/csv.hpp"

#include <algorithm>
#include <utility>

#include "text/number.hpp"

namespace rf::text {

namespace {
constexpr std::size_t kNpos = std::string_view::npos;
// Consumed text is dropped from the buffer once it is this large, so the
// buffer holds about one chunk whatever the file size.
constexpr std::size_t kCompactThreshold = 1 << 20;
}  // namespace

CsvReader::CsvReader(Source source, CsvOptions options)
    : source_(std::move(source)), options_(options), owns_text_(true) {}

CsvReader::CsvReader(std::string_view text, CsvOptions options)
    : options_(options), text_(text), owns_text_(false), exhausted_(true) {}

bool CsvReader::fill() {
  if (exhausted_) return false;
  if (pos_ >= kCompactThreshold && pos_ * 2 >= buffer_.size()) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  std::size_t before = buffer_.size();
  bool more = source_(buffer_);
  if (!more) exhausted_ = true;
  text_ = buffer_;
  return buffer_.size() > before;
}

std::size_t CsvReader::find_record_end(std::size_t& newlines) const {
  // A small state machine; quotes count only at the start of a field, and a
  // doubled quote inside a quoted field toggles twice, i.e. stays inside.
  const char delim = options_.delimiter;
  const char quote = options_.quote;
  bool in_quotes = false;
  bool field_start = true;
  newlines = 0;
  for (std::size_t i = pos_; i < text_.size(); ++i) {
    char c = text_[i];
    if (in_quotes) {
      if (c == quote) {
        if (i + 1 < text_.size() && text_[i + 1] == quote) {
          ++i;
        } else if (i + 1 >= text_.size() && !exhausted_) {
          return kNpos;  // cannot tell yet whether the quote is doubled
        } else {
          in_quotes = false;
        }
      } else if (c == '\n') {
        ++newlines;
      }
      continue;
    }
    if (c == '\n') return i;
    if (c == delim) {
      field_start = true;
      continue;
    }
    if (c == quote && field_start) in_quotes = true;
    field_start = false;
  }
  if (in_quotes) return kNpos - 1;  // marker: the input ends inside quotes
  return kNpos;
}

bool CsvReader::split_record(std::size_t begin, std::size_t end) {
  fields_.clear();
  scratch_.clear();
  // Unescaped quoted fields are copied into scratch_; reserving the record
  // length up front keeps earlier views valid while later fields are added.
  scratch_.reserve(end - begin);
  const char delim = options_.delimiter;
  const char quote = options_.quote;
  std::size_t i = begin;
  while (true) {
    if (fields_.size() == options_.max_fields) {
      std::size_t stop = text_.find(delim, i);
      std::string_view extra = text_.substr(i, std::min(stop, end) - i);
      first_extra_field_ = std::string(extra.substr(0, 40));
      fields_.clear();
      return false;
    }
    if (i < end && text_[i] == quote) {
      std::size_t start = scratch_.size();
      ++i;
      while (i < end) {
        char c = text_[i];
        if (c == quote) {
          if (i + 1 < end && text_[i + 1] == quote) {
            scratch_.push_back(quote);
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        scratch_.push_back(c);
        ++i;
      }
      // Text after the closing quote up to the delimiter is kept literally.
      while (i < end && text_[i] != delim) scratch_.push_back(text_[i++]);
      fields_.emplace_back(scratch_.data() + start, scratch_.size() - start);
    } else {
      std::size_t j = i;
      while (j < end && text_[j] != delim) ++j;
      fields_.emplace_back(text_.data() + i, j - i);
      i = j;
    }
    if (i >= end) break;
    ++i;  // the delimiter
    if (i == end) {
      if (fields_.size() == options_.max_fields) continue;  // one field too many
      fields_.emplace_back();                               // a trailing delimiter opens an empty last field
      break;
    }
  }
  return true;
}

bool CsvReader::next() {
  fields_.clear();
  raw_ = {};
  if (unterminated_quote_ || too_many_fields_) return false;
  while (true) {
    std::size_t newlines = 0;
    std::size_t end = find_record_end(newlines);
    if (end == kNpos || end == kNpos - 1) {
      if (!exhausted_) {
        fill();
        continue;
      }
      if (pos_ >= text_.size()) return false;
      if (end == kNpos - 1) {
        line_ = next_line_;
        unterminated_quote_ = true;
        return false;
      }
      end = text_.size();  // last record without a line break
    }
    std::size_t record_end = end;
    if (record_end > pos_ && text_[record_end - 1] == '\r') --record_end;
    raw_ = text_.substr(pos_, record_end - pos_);
    line_ = next_line_;
    if (!split_record(pos_, record_end)) {
      raw_ = {};
      too_many_fields_ = true;
      return false;
    }
    next_line_ += newlines + (end < text_.size() ? 1 : 0);
    std::size_t consumed = (end < text_.size() ? end + 1 : end) - pos_;
    consumed_total_ += consumed;
    pos_ += consumed;
    return true;
  }
}

std::string CsvReader::too_many_fields_message() const {
  if (!too_many_fields_) return {};
  std::string limit = format_number(static_cast<double>(options_.max_fields), 0);
  return "Die Zeile hat mehr als " + limit + " Spalten (höchstens " + limit + " sind erlaubt); Spalte " +
         format_number(static_cast<double>(options_.max_fields + 1), 0) + " beginnt mit „" + first_extra_field_ +
         "“. Ist das Trennzeichen richtig gewählt?";
}

std::vector<std::string> split_csv_line(std::string_view line, char delimiter) {
  CsvReader reader(line, CsvOptions{delimiter, '"'});
  std::vector<std::string> out;
  if (reader.next()) {
    for (auto f : reader.fields()) out.emplace_back(f);
  }
  return out;
}

std::string csv_quote(std::string_view field, char delimiter) {
  bool needs = field.find_first_of(std::string{delimiter, '"', '\n', '\r'}) != kNpos;
  if (!needs) return std::string(field);
  std::string out;
  out.reserve(field.size() + 2);
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string spreadsheet_text(std::string_view cell) {
  if (cell.empty() || cell == "-") return std::string(cell);
  const char first = cell.front();
  const bool trigger = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
  if (!trigger) return std::string(cell);
  if ((first == '-' || first == '+') &&
      (parse_number(cell, NumberStyle::german) || parse_number(cell, NumberStyle::plain))) {
    return std::string(cell);
  }
  std::string out;
  out.reserve(cell.size() + 1);
  out.push_back('\'');
  out.append(cell);
  return out;
}

std::string spreadsheet_csv_field(std::string_view field, char delimiter) {
  return csv_quote(spreadsheet_text(field), delimiter);
}

void append_spreadsheet_csv_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ';';
    out += spreadsheet_csv_field(cells[i], ';');
  }
  out += "\r\n";
}

}  // namespace rf::text

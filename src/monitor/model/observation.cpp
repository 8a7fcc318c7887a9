#include "monitor/model/observation.hpp"

namespace rf::monitor {

std::string_view status_marker(Status status) {
  switch (status) {
    case Status::ok: return "";
    case Status::zero: return "-";
    case Status::secret: return ".";
    case Status::not_applicable: return "x";
    case Status::not_yet: return "...";
    case Status::unreliable: return "/";
    case Status::limited: return "()";
    case Status::provisional: return "p";
    case Status::revised: return "r";
    case Status::estimated: return "e";
  }
  return "?";
}

std::optional<Status> status_from_marker(std::string_view m) {
  if (m.empty()) return Status::ok;
  if (m == "-") return Status::zero;
  if (m == ".") return Status::secret;
  if (m == "x" || m == "X") return Status::not_applicable;
  if (m == "..." || m == "\u2026") return Status::not_yet;
  if (m == "/") return Status::unreliable;
  if (m == "()" || m == "( )") return Status::limited;
  if (m == "p") return Status::provisional;
  if (m == "r") return Status::revised;
  if (m == "e") return Status::estimated;
  return std::nullopt;
}

std::string_view status_label_de(Status status) {
  switch (status) {
    case Status::ok: return "";
    case Status::zero: return "genau null (nichts vorhanden)";
    case Status::secret: return "Zahlenwert unbekannt oder geheim zu halten";
    case Status::not_applicable: return "Tabellenfach gesperrt, Aussage nicht sinnvoll";
    case Status::not_yet: return "Angabe fällt später an";
    case Status::unreliable: return "keine Angabe, da Zahlenwert nicht sicher genug";
    case Status::limited: return "Aussagewert eingeschränkt";
    case Status::provisional: return "vorläufige Zahl";
    case Status::revised: return "berichtigte Zahl";
    case Status::estimated: return "geschätzte Zahl";
  }
  return "";
}

std::optional<CellValue> parse_cell_value(std::string_view text, text::NumberStyle style) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (auto number = text::parse_number(text, style)) return CellValue{number, Status::ok};
  // Markers standing alone. "p", "r" and "e" only qualify values.
  if (auto status = status_from_marker(text); status && *status != Status::ok && !status_has_value(*status)) {
    return CellValue{std::nullopt, *status};
  }
  if (text == "()" || text == "( )") return CellValue{std::nullopt, Status::limited};
  if (text.size() > 2 && text.front() == '(' && text.back() == ')') {
    if (auto number = text::parse_number(text.substr(1, text.size() - 2), style)) {
      return CellValue{number, Status::limited};
    }
    return std::nullopt;
  }
  char flag = text.back();
  if (flag == 'p' || flag == 'r' || flag == 'e') {
    auto number = text::parse_number(text.substr(0, text.size() - 1), style);
    if (number) {
      Status s = flag == 'p' ? Status::provisional : flag == 'r' ? Status::revised : Status::estimated;
      return CellValue{number, s};
    }
  }
  return std::nullopt;
}

}  // namespace rf::monitor

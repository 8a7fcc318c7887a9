#include "network/workflow.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace rf::network {
namespace {

constexpr std::string_view kKnownRoles[] = {
    "admin", "editor", "data_steward", "partner", "school", "training_institution", "board_member"};
constexpr std::string_view kActors[] = {"", "proposer", "deciding_member"};
constexpr std::string_view kFields[] = {"remarks",    "reasons",       "meeting", "joint_recommendation",
                                        "evaluation", "public_summary"};
constexpr std::string_view kRecipients[] = {"proposer", "office", "advisory_body", "deciding_body", "followers"};

template <std::size_t N>
bool one_of(const std::string_view (&list)[N], std::string_view value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

class Reader {
 public:
  Reader(std::string_view file, std::vector<std::string>& problems) : file_(file), problems_(problems) {}

  void error(const YAML::Node& at, const std::string& message) {
    problems_.push_back(std::string(file_) + ", Zeile " + std::to_string(at.Mark().line + 1) + ": " + message);
  }
  std::string text(const YAML::Node& map, const char* key, bool required) {
    auto node = map[key];
    if (!node) {
      if (required) error(map, "'" + std::string(key) + "' fehlt");
      return {};
    }
    if (!node.IsScalar()) {
      error(node, "'" + std::string(key) + "' muss ein Text sein");
      return {};
    }
    return node.as<std::string>();
  }
  std::vector<std::string> list(const YAML::Node& map, const char* key) {
    std::vector<std::string> out;
    auto node = map[key];
    if (!node) return out;
    if (!node.IsSequence()) {
      error(node, "'" + std::string(key) + "' muss eine Liste sein, z. B. [a, b]");
      return out;
    }
    for (const auto& item : node) out.push_back(item.as<std::string>());
    return out;
  }
  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed) {
    for (const auto& item : map) {
      auto key = item.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        error(item.first, "unbekannter Schlüssel '" + key + "'");
      }
    }
  }

 private:
  std::string_view file_;
  std::vector<std::string>& problems_;
};

}  // namespace

bool WorkflowTransition::allowed_from(std::string_view state) const {
  return std::find(from.begin(), from.end(), state) != from.end();
}

bool Actor::has_role(std::string_view role) const {
  for (const auto& r : roles) {
    if (r == role || r == "admin") return true;
  }
  return false;
}

std::optional<Workflow> Workflow::load(const std::filesystem::path& file, std::vector<std::string>& problems) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problems.push_back(file.string() + ": Datei nicht lesbar");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.filename().string(), problems);
}

std::optional<Workflow> Workflow::parse(std::string_view yaml, std::string_view file_name,
                                        std::vector<std::string>& problems) {
  const auto before = problems.size();
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    problems.push_back(std::string(file_name) + ", Zeile " + std::to_string(e.mark.line + 1) + ", Spalte " +
                       std::to_string(e.mark.column + 1) + ": kein gültiges YAML (" + e.msg + ")");
    return std::nullopt;
  }
  if (!root.IsMap()) {
    problems.push_back(std::string(file_name) + ": erwartet werden die Schlüssel 'states' und 'transitions'");
    return std::nullopt;
  }
  Reader r(file_name, problems);
  r.check_keys(root, {"advisory_body", "deciding_body", "initial", "states", "transitions"});
  Workflow w;
  w.advisory_body_ = r.text(root, "advisory_body", true);
  w.deciding_body_ = r.text(root, "deciding_body", true);
  w.initial_ = r.text(root, "initial", true);

  std::set<std::string> state_ids;
  for (const auto& node : root["states"]) {
    r.check_keys(node, {"id", "label", "deadline_days", "final"});
    WorkflowState s;
    s.id = r.text(node, "id", true);
    s.label = r.text(node, "label", true);
    if (node["deadline_days"]) {
      int days = node["deadline_days"].as<int>(0);
      if (days <= 0) r.error(node["deadline_days"], "'deadline_days' muss eine positive ganze Zahl sein");
      s.deadline_days = days;
    }
    s.final = node["final"] && node["final"].as<bool>(false);
    if (!state_ids.insert(s.id).second) r.error(node, "Zustand '" + s.id + "' ist doppelt");
    w.states_.push_back(std::move(s));
  }
  if (w.states_.empty()) problems.push_back(std::string(file_name) + ": keine Zustände ('states')");
  if (!w.initial_.empty() && !state_ids.count(w.initial_)) {
    r.error(root["initial"], "Anfangszustand '" + w.initial_ + "' ist kein Zustand");
  }

  std::set<std::string> transition_ids;
  for (const auto& node : root["transitions"]) {
    r.check_keys(node, {"id", "label", "from", "to", "roles", "actor", "requires", "notify"});
    WorkflowTransition t;
    t.id = r.text(node, "id", true);
    t.label = r.text(node, "label", true);
    t.from = r.list(node, "from");
    t.to = r.text(node, "to", true);
    t.roles = r.list(node, "roles");
    t.actor = r.text(node, "actor", false);
    t.requires_fields = r.list(node, "requires");
    t.notify = r.list(node, "notify");
    if (!transition_ids.insert(t.id).second) r.error(node, "Übergang '" + t.id + "' ist doppelt");
    if (t.from.empty()) r.error(node, "Übergang '" + t.id + "': 'from' fehlt");
    for (const auto& s : t.from) {
      if (!state_ids.count(s)) r.error(node, "Übergang '" + t.id + "': unbekannter Zustand '" + s + "'");
    }
    if (!t.to.empty() && !state_ids.count(t.to)) {
      r.error(node, "Übergang '" + t.id + "': unbekannter Zielzustand '" + t.to + "'");
    }
    if (t.roles.empty()) r.error(node, "Übergang '" + t.id + "': 'roles' fehlt");
    for (const auto& role : t.roles) {
      if (!one_of(kKnownRoles, role)) r.error(node, "Übergang '" + t.id + "': unbekannte Rolle '" + role + "'");
    }
    if (!one_of(kActors, t.actor)) r.error(node, "Übergang '" + t.id + "': unbekannte Bedingung '" + t.actor + "'");
    for (const auto& f : t.requires_fields) {
      if (!one_of(kFields, f)) r.error(node, "Übergang '" + t.id + "': unbekanntes Pflichtfeld '" + f + "'");
    }
    for (const auto& n : t.notify) {
      if (!one_of(kRecipients, n)) r.error(node, "Übergang '" + t.id + "': unbekannter Empfänger '" + n + "'");
    }
    w.transitions_.push_back(std::move(t));
  }
  for (const auto& s : w.states_) {
    if (s.final && !w.transitions_from(s.id).empty()) {
      problems.push_back(std::string(file_name) + ": Endzustand '" + s.id + "' hat ausgehende Übergänge");
    }
  }
  if (problems.size() != before) return std::nullopt;
  return w;
}

const WorkflowState* Workflow::state(std::string_view id) const {
  for (const auto& s : states_) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const WorkflowTransition* Workflow::transition(std::string_view id) const {
  for (const auto& t : transitions_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

std::vector<const WorkflowTransition*> Workflow::transitions_from(std::string_view state) const {
  std::vector<const WorkflowTransition*> out;
  for (const auto& t : transitions_) {
    if (t.allowed_from(state)) out.push_back(&t);
  }
  return out;
}

std::string_view Workflow::state_label(std::string_view id) const {
  const auto* s = state(id);
  return s ? std::string_view(s->label) : id;
}

bool Workflow::may_take(const WorkflowTransition& t, std::string_view current, const Actor& actor) const {
  if (!t.allowed_from(current)) return false;
  bool role_ok = std::any_of(t.roles.begin(), t.roles.end(), [&](const auto& r) { return actor.has_role(r); });
  if (!role_ok) return false;
  // The office (editor) and admin act for the partner or the body; the actor
  // condition binds the other roles only.
  if (actor.has_role("editor")) return true;
  if (t.actor == "proposer") return actor.is_proposer;
  if (t.actor == "deciding_member") return actor.is_deciding_member;
  return true;
}

std::vector<std::string> Workflow::check(const WorkflowTransition& t, std::string_view current, const Actor& actor,
                                         const StepFields& fields) const {
  std::vector<std::string> problems;
  if (!t.allowed_from(current)) {
    problems.push_back("Der Schritt „" + t.label + "“ ist im jetzigen Stand der Maßnahme („" +
                       std::string(state_label(current)) + "“) nicht möglich.");
    return problems;
  }
  if (!may_take(t, current, actor)) {
    if (t.actor == "deciding_member") {
      problems.push_back(
          "Diesen Schritt dürfen nur Mitglieder des entscheidenden Gremiums oder die Geschäftsstelle gehen.");
    } else if (t.actor == "proposer") {
      problems.push_back("Diesen Schritt darf nur der einreichende Partner oder die Geschäftsstelle gehen.");
    } else {
      problems.push_back("Für den Schritt „" + t.label + "“ fehlt Ihnen die Berechtigung.");
    }
    return problems;
  }
  auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
  for (const auto& f : t.requires_fields) {
    if (f == "remarks" && blank(fields.remarks))
      problems.push_back("Bitte schreiben Sie Ihre Anmerkungen für den Partner.");
    if (f == "reasons" && blank(fields.reasons)) problems.push_back("Bitte geben Sie die Gründe an.");
    if (f == "meeting" && !fields.meeting_id)
      problems.push_back("Bitte wählen Sie die Sitzung, in der entschieden wurde.");
    if (f == "joint_recommendation" && fields.joint_recommendation != "approve" &&
        fields.joint_recommendation != "conditions" && fields.joint_recommendation != "reject") {
      problems.push_back(
          "Bitte wählen Sie die gemeinsame Empfehlung (bewilligen, mit Auflagen bewilligen oder ablehnen).");
    }
    if (f == "evaluation" && blank(fields.evaluation))
      problems.push_back("Bitte tragen Sie das Ergebnis der Evaluation ein.");
    if (f == "public_summary" && blank(fields.public_summary)) {
      problems.push_back("Bitte schreiben Sie den Text des Praxisbeispiels.");
    }
  }
  // A recommendation with conditions or a rejection always carries reasons.
  if ((fields.joint_recommendation == "conditions" || fields.joint_recommendation == "reject") &&
      blank(fields.reasons) &&
      std::find(t.requires_fields.begin(), t.requires_fields.end(), "joint_recommendation") !=
          t.requires_fields.end()) {
    if (std::find(t.requires_fields.begin(), t.requires_fields.end(), "reasons") == t.requires_fields.end()) {
      problems.push_back("Eine Ablehnung oder Auflage braucht immer eine Begründung.");
    }
  }
  return problems;
}

}  // namespace rf::network

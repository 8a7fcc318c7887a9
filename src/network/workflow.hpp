// The measure workflow as data: states, transitions, who may take them, what
// they require, their deadlines and whom they notify, read from
// data/network/workflow.yaml. The engine here only answers "may this actor
// take this transition now, and if not, why not (in German)"; storing the
// step is the store's business (network/measures.hpp).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rf::network {

struct WorkflowState {
  std::string id;
  std::string label;  // German
  std::optional<int> deadline_days;
  bool final = false;
};

struct WorkflowTransition {
  std::string id;
  std::string label;  // German, the button text
  std::vector<std::string> from;
  std::string to;
  std::vector<std::string> roles;  // admin may always
  std::string actor;               // "", "proposer", "deciding_member"
  std::vector<std::string>
      requires_fields;              // remarks, reasons, meeting, joint_recommendation, evaluation, public_summary
  std::vector<std::string> notify;  // proposer, office, advisory_body, deciding_body, followers
  bool allowed_from(std::string_view state) const;
};

// Who wants to take a step: their roles and how they relate to the measure.
struct Actor {
  std::vector<std::string> roles;
  bool is_proposer = false;         // a partner of the measure's lead organisation
  bool is_deciding_member = false;  // a member of the deciding body
  bool has_role(std::string_view role) const;
};

// The filled-in fields of a step form (only presence matters to the engine).
struct StepFields {
  std::string remarks;
  std::string reasons;
  std::optional<std::int64_t> meeting_id;
  std::string joint_recommendation;
  std::string evaluation;
  std::string public_summary;
};

class Workflow {
 public:
  // Parses the file; on failure returns nullopt and fills `problems` with
  // German messages naming the file and line.
  static std::optional<Workflow> load(const std::filesystem::path& file, std::vector<std::string>& problems);
  static std::optional<Workflow> parse(std::string_view yaml, std::string_view file_name,
                                       std::vector<std::string>& problems);

  const WorkflowState* state(std::string_view id) const;
  const WorkflowTransition* transition(std::string_view id) const;
  // Transitions leaving `state`, in file order.
  std::vector<const WorkflowTransition*> transitions_from(std::string_view state) const;
  std::string_view state_label(std::string_view id) const;  // the id itself when unknown

  const std::vector<WorkflowState>& states() const { return states_; }
  const std::vector<WorkflowTransition>& transitions() const { return transitions_; }
  const std::string& initial() const { return initial_; }
  const std::string& advisory_body() const { return advisory_body_; }  // body slug
  const std::string& deciding_body() const { return deciding_body_; }  // body slug

  // Why `actor` may not take `transition` from `current` with `fields`: German
  // messages, empty when the step is allowed.
  std::vector<std::string> check(const WorkflowTransition& transition, std::string_view current, const Actor& actor,
                                 const StepFields& fields) const;
  // Only role and actor conditions (for showing the buttons a user may press).
  bool may_take(const WorkflowTransition& transition, std::string_view current, const Actor& actor) const;

 private:
  std::vector<WorkflowState> states_;
  std::vector<WorkflowTransition> transitions_;
  std::string initial_;
  std::string advisory_body_;
  std::string deciding_body_;
};

}  // namespace rf::network

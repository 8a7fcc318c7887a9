// Expected bad input as a value: every reader and parser of the program
// returns a Result that holds either what it read or why it could not, so a
// caller cannot forget to look and no error text travels through an
// out-parameter. Exceptions stay for bugs and for I/O that should not fail.
// (std::expected arrives with C++23; this is the small part of it we need.)
//
//   text::Result<Config> parse(std::string_view yaml);
//   auto config = parse(text);
//   if (!config) return show(config.error().message);
//   use(*config);
//
// The error type is a parameter: text::Failure (a German message the caller
// shows or prefixes with where it comes from) unless a reader has more to
// say; the monitor's imports use their ImportError (file, line, column,
// message, the quoted line) as monitor::Result<T>.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace rf::text {

// Why an input was refused: a German message for the user, without the file
// name when the caller knows the file better (it puts the name in front).
struct Failure {
  std::string message;
};

template <class T, class E = Failure>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit like std::expected
  Result(E error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const E& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

template <class E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  Result(E error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const E& error() const { return error_; }

 private:
  E error_{};
  bool ok_ = true;
};

}  // namespace rf::text

// Propagates the error of an expression returning a Result to the caller,
// whose own Result has the same error type.
#define RF_TRY(expr)                                         \
  do {                                                       \
    auto rf_try_result_ = (expr);                            \
    if (!rf_try_result_.ok()) return rf_try_result_.error(); \
  } while (0)

// Survey storage for bench/survey.sh.
//
//   rf_bench_survey setup DB_URL ROOT N TOKENS_FILE
//       migrates, loads the shipped forms, opens a wave of the TAB checklist
//       and invites N colleagues through the survey store (survey::create_wave,
//       survey::invite); writes "TOKEN STAFF_GROUP" lines for the wrk script.
//   rf_bench_survey loop DB_URL ROOT N [grouped]
//       the database's own limit: N TAB responses written by a plain loop,
//       one transaction per response with the rows a submit writes (the
//       invitation used up, the response row and its answer rows in long
//       form, the survey's results stamp; prepared statements reused);
//       prints "seconds=S". With "grouped": the same rows through
//       db::Pool::write_async (group commit, checkpoints on the pool's thread),
//       as the server writes its submits.
//   rf_bench_survey fill DB_URL TOTAL
//       adds submitted TAB responses in one transaction until the checklist
//       has TOTAL; prints "responses=N".
//   rf_bench_survey count DB_URL
//       prints the checklist's submitted responses and their answer rows.
//
// Every mode writes the same answers the wrk script posts (tab_answers below:
// personalgruppe, erfahrung, the nine topic priorities that apply, up to
// three formats, person-days, time slot).
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "db/migrations.hpp"
#include "db/pool.hpp"
#include "survey/store.hpp"
#include "survey/survey.hpp"
#include "web/accounts.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace survey = rf::survey;

const std::vector<std::string> kGroups{"lehrkraft", "paedagogisch", "alltagshilfe", "verwaltung"};
const std::vector<std::string> kExperience{"unter2", "2bis10", "ueber10"};
const std::vector<std::string> kPriorities{"hoch", "mittel", "gering", "kein"};
const std::vector<std::string> kTopics{"daz",    "inklusion",  "digital",    "klassenfuehrung",
                                       "eltern", "demokratie", "gesundheit", "berufsorientierung",
                                       "ganztag"};
const std::vector<std::string> kFormats{"schilf", "praesenz", "online", "blended", "hospitation", "abruf"};
const std::vector<std::string> kTimes{"vormittag", "nachmittag", "paedtag", "ferien"};

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

// A complete TAB response as the answering pages store it (normalised values).
survey::Answers tab_answers(std::mt19937& rng, const std::string& group) {
  survey::Answers a;
  a[{"personalgruppe", 0}] = group;
  a[{"erfahrung", 0}] = pick(rng, kExperience);
  for (const auto& topic : kTopics) {
    if (topic == "berufsorientierung" && group == "alltagshilfe") continue;  // not relevant for them
    a[{"thema_" + topic, 0}] = pick(rng, kPriorities);
  }
  std::string formats;  // 1 to 3, in list order
  int wanted = std::uniform_int_distribution<int>(1, 3)(rng);
  std::vector<bool> on(kFormats.size(), false);
  for (int i = 0; i < wanted; ++i) on[std::uniform_int_distribution<std::size_t>(0, kFormats.size() - 1)(rng)] = true;
  for (std::size_t i = 0; i < kFormats.size(); ++i)
    if (on[i]) formats += (formats.empty() ? "" : " ") + kFormats[i];
  a[{"formate", 0}] = formats;
  int halves = std::uniform_int_distribution<int>(0, 10)(rng);
  a[{"personentage", 0}] = halves % 2 ? std::to_string(halves / 2) + ".5" : std::to_string(halves / 2);
  a[{"zeitfenster", 0}] = pick(rng, kTimes);
  return a;
}

std::int64_t tab_survey(rf::db::Database& db) {
  auto s = survey::find_survey(db, "tab-checkliste");
  if (!s) throw std::runtime_error("the shipped survey tab-checkliste is missing");
  return s->id;
}

// A wave of the checklist open from yesterday for four weeks.
std::int64_t open_wave(rf::db::Database& db, const std::string& title) {
  auto survey_id = tab_survey(db);
  survey::NewWave wave;
  wave.survey_id = survey_id;
  wave.version_id = *survey::latest_version(db, survey_id);
  wave.title = title;
  wave.opens_on = survey::add_days(survey::today_iso(), -1);
  wave.closes_on = survey::add_days(survey::today_iso(), 28);
  return survey::create_wave(db, wave).first;
}

std::unique_ptr<rf::db::Database> open_migrated(const std::string& url, const std::string& root) {
  auto db = rf::db::open(url);
  rf::db::migrate(*db, root + "/migrations");
  survey::load_shipped_surveys(*db, root);
  return db;
}

int setup(const std::string& url, const std::string& root, int n, const std::string& tokens_file) {
  auto db = open_migrated(url, root);
  std::ofstream out(tokens_file);
  rf::db::Transaction tx(*db);
  auto wave = open_wave(*db, "Benchmark: Einladungen");
  for (int i = 0; i < n; ++i) {
    const std::string& group = kGroups[i % kGroups.size()];
    out << survey::invite(*db, wave, "kollegin" + std::to_string(i) + "@schule.example", group) << ' ' << group << '\n';
  }
  tx.commit();
  std::cout << "wave=" << wave << "\ninvitations=" << n << "\n";
  return out.good() ? 0 : 1;
}

// The statements of one response's rows, prepared once on one connection.
struct ResponseWriter {
  explicit ResponseWriter(rf::db::Database& db)
      : use_invitation(db.prepare(
            "UPDATE survey_invitations SET answered_on = ?, draft_id = NULL WHERE id = ? AND answered_on IS NULL")),
        stamp(db.prepare("UPDATE surveys SET results_stamp = ? WHERE id = ?")),
        insert_response(db.prepare(
            "INSERT INTO survey_responses (id, wave_id, status, submitted_on, respondent, staff_group, page) "
            "VALUES (?, ?, 'submitted', ?, '', ?, 0)")),
        insert_answer(
            db.prepare("INSERT INTO survey_answers (response_id, question, instance, value) VALUES (?, ?, ?, ?)")) {}

  // Response i's rows, in one transaction (a savepoint inside Pool::write's); returns its answer rows.
  std::size_t write(rf::db::Database& db, int i) {
    const std::string& group = kGroups[i % kGroups.size()];
    auto answers = tab_answers(rng, group);
    std::string id = rf::web::random_token(16);
    rf::db::Transaction tx(db);
    use_invitation->bind_all({week, invitations[static_cast<std::size_t>(i)]}).execute();
    use_invitation->reset();
    insert_response->bind_all({id, wave, week, group}).execute();
    insert_response->reset();
    for (const auto& [key, value] : answers) {
      insert_answer->bind_all({id, key.first, std::int64_t(key.second), value}).execute();
      insert_answer->reset();
    }
    stamp->bind_all({rf::web::random_token(12), survey_id}).execute();
    stamp->reset();
    tx.commit();
    return answers.size();
  }

  std::unique_ptr<rf::db::Statement> use_invitation, stamp, insert_response, insert_answer;
  std::mt19937 rng{15};
  std::string week = survey::iso_week(survey::today_iso());
  std::int64_t wave = 0, survey_id = 0;
  std::vector<std::int64_t> invitations;
};

// mode "": one connection, one transaction per response, SQLite's own
// checkpoints. mode "grouped": the same rows through db::Pool::write_async,
// all N queued at once: the pool's writer thread commits up to 64 responses
// per transaction and its own thread checkpoints, as the server's submits.
int loop(const std::string& url, const std::string& root, int n, const std::string& mode) {
  auto db = open_migrated(url, root);
  auto wave = open_wave(*db, "Benchmark: Schleife");
  auto survey_id = tab_survey(*db);
  // The invitations the responses use up, made before the clock starts (as setup does for wrk).
  {
    rf::db::Transaction tx(*db);
    for (int i = 0; i < n; ++i)
      survey::invite(*db, wave, "kollege" + std::to_string(i) + "@schule.example", kGroups[i % kGroups.size()]);
    tx.commit();
  }
  std::vector<std::int64_t> invitations;
  for (const auto& row : db->query("SELECT id FROM survey_invitations WHERE wave_id = ? ORDER BY id", {wave}))
    invitations.push_back(row.integer(0));
  std::size_t rows = 0;
  double seconds = 0;
  auto init = [&](ResponseWriter& w) {
    w.wave = wave;
    w.survey_id = survey_id;
    w.invitations = invitations;
  };
  if (mode == "grouped") {
    db.reset();
    rf::db::Pool pool(url, 2);
    std::unique_ptr<ResponseWriter> writer;  // made on the writer connection by the first response
    std::mutex mutex;
    std::condition_variable all_done;
    int done = 0;
    auto start = Clock::now();
    for (int i = 0; i < n; ++i)
      pool.write_async(
          [&, i](rf::db::Database& w) {
            if (!writer) {
              writer = std::make_unique<ResponseWriter>(w);
              init(*writer);
            }
            rows += writer->write(w, i);
            return true;
          },
          [&](bool, std::exception_ptr error) {
            if (error) std::rethrow_exception(error);
            std::lock_guard lock(mutex);
            if (++done == n) all_done.notify_one();
          });
    std::unique_lock lock(mutex);
    all_done.wait(lock, [&] { return done == n; });
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
    lock.unlock();
    writer.reset();  // its statements before the pool's connections
  } else {
    ResponseWriter writer(*db);
    init(writer);
    auto start = Clock::now();
    for (int i = 0; i < n; ++i) rows += writer.write(*db, i);
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
  }
  std::cout << "seconds=" << seconds << "\nresponses=" << n << "\nanswer_rows=" << rows << "\n";
  return 0;
}

long long submitted(rf::db::Database& db) {
  return db
      .query_one(
          "SELECT COUNT(*) FROM survey_responses r JOIN survey_waves w ON w.id = r.wave_id "
          "WHERE w.survey_id = ? AND r.status = 'submitted'",
          {tab_survey(db)})
      ->integer(0);
}

int fill(const std::string& url, long long total) {
  auto db = rf::db::open(url);
  long long have = submitted(*db);
  std::string week = survey::iso_week(survey::today_iso());
  std::mt19937 rng(100);
  rf::db::Transaction tx(*db);
  auto wave = open_wave(*db, "Benchmark: Bestand");
  {
    auto responses = db->bulk_insert("survey_responses",
                                     {"id", "wave_id", "status", "submitted_on", "respondent", "staff_group", "page"});
    auto answers = db->bulk_insert("survey_answers", {"response_id", "question", "instance", "value"});
    std::vector<std::pair<std::string, survey::Answers>> batch;
    for (long long i = have; i < total; ++i) {
      const std::string& group = kGroups[static_cast<std::size_t>(i) % kGroups.size()];
      std::string id = rf::web::random_token(16);
      responses->add({id, wave, std::string("submitted"), week, std::string(), group, std::int64_t(0)});
      batch.emplace_back(id, tab_answers(rng, group));
    }
    responses->finish();
    for (const auto& [id, a] : batch)
      for (const auto& [key, value] : a) answers->add({id, key.first, std::int64_t(key.second), value});
    answers->finish();
  }
  // As a submit does: the results pages compute anew (migration 0102).
  db->execute("UPDATE surveys SET results_stamp = ? WHERE slug = 'tab-checkliste'", {rf::web::random_token(12)});
  tx.commit();
  std::cout << "responses=" << submitted(*db) << "\n";
  return 0;
}

int count(const std::string& url) {
  auto db = rf::db::open(url);
  auto rows = db->query_one(
      "SELECT COUNT(*) FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id "
      "JOIN survey_waves w ON w.id = r.wave_id WHERE w.survey_id = ? AND r.status = 'submitted'",
      {tab_survey(*db)});
  std::cout << "responses=" << submitted(*db) << "\nanswer_rows=" << rows->integer(0) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 5 && args[0] == "setup") return setup(args[1], args[2], std::stoi(args[3]), args[4]);
    if ((args.size() == 4 || args.size() == 5) && args[0] == "loop")
      return loop(args[1], args[2], std::stoi(args[3]), args.size() == 5 ? args[4] : "");
    if (args.size() == 3 && args[0] == "fill") return fill(args[1], std::stoll(args[2]));
    if (args.size() == 2 && args[0] == "count") return count(args[1]);
  } catch (const std::exception& e) {
    std::cerr << "rf_bench_survey: " << e.what() << "\n";
    return 1;
  }
  std::cerr
      << "usage: rf_bench_survey setup DB_URL ROOT N TOKENS_FILE | loop DB_URL ROOT N [grouped] | fill DB_URL TOTAL | "
         "count DB_URL\n";
  return 2;
}

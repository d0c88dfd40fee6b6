// SQLite FTS5 peer: a contentless FTS5 table (content='': the index only,
// no copy of the text, like Xapian without document data) in a database
// file with journaling and syncs off, bulk loaded in one transaction, then
// merged into one segment by the 'optimize' command (Quiver's in-process
// build also ends with one segment). Queries run through a prepared
// `... MATCH ?1 ORDER BY rank LIMIT ?2` (rank = bm25(), FTS5's k1=1.2,
// b=0.75), with a 1 GiB mmap window and page cache so that reads come
// from memory as Quiver's mmap'd segment does.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "text_engine.h"

namespace quiver::bench {

namespace {

class SqliteEngine : public TextEngine {
 public:
  explicit SqliteEngine(Analysis analysis) : english_(analysis == Analysis::kEnglish) {}
  ~SqliteEngine() override {
    sqlite3_finalize(search_);
    sqlite3_finalize(count_);
    sqlite3_close(db_);
  }

  std::string name() const override { return "FTS5"; }

  std::string Describe() const override {
    return std::string("SQLite ") + sqlite3_libversion() + " FTS5, contentless, tokenize=" +
           (english_ ? "'porter unicode61' (Porter 1980 stemmer, no stopwords)"
                     : "'unicode61' (splits at every non-alphanumeric character, lowercase, "
                       "removes diacritics; no stemming, no stopwords)") +
           ", detail=full (positions); ORDER BY rank = bm25() (k1=1.2, b=0.75)";
  }

  IndexStats Index(const Corpus& corpus, const std::string& dir) override {
    auto start = std::chrono::steady_clock::now();
    std::string path = dir + "/fts5.db";
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) Fail("open");
    Exec("PRAGMA journal_mode=OFF");
    Exec("PRAGMA synchronous=OFF");
    Exec("PRAGMA cache_size=-1048576");
    Exec("PRAGMA mmap_size=1073741824");
    Exec(std::string("CREATE VIRTUAL TABLE docs USING fts5(text, content='', tokenize=") +
         (english_ ? "'porter unicode61'" : "'unicode61'") + ")");
    Exec("BEGIN");
    sqlite3_stmt* insert = nullptr;
    Prepare("INSERT INTO docs(rowid, text) VALUES(?1, ?2)", &insert);
    for (size_t i = 0; i < corpus.texts.size(); ++i) {
      sqlite3_bind_int64(insert, 1, static_cast<int64_t>(i));
      sqlite3_bind_text(insert, 2, corpus.texts[i].data(), static_cast<int>(corpus.texts[i].size()),
                        SQLITE_STATIC);
      if (sqlite3_step(insert) != SQLITE_DONE) Fail("insert");
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    Exec("COMMIT");
    auto loaded = std::chrono::steady_clock::now();
    Exec("INSERT INTO docs(docs) VALUES('optimize')");
    auto done = std::chrono::steady_clock::now();
    IndexStats stats;
    stats.seconds = std::chrono::duration<double>(done - start).count();
    stats.extra_seconds = std::chrono::duration<double>(done - loaded).count();
    int64_t pages = Int("PRAGMA page_count"), free_pages = Int("PRAGMA freelist_count");
    stats.index_bytes = static_cast<uint64_t>((pages - free_pages) * Int("PRAGMA page_size"));
    stats.size_note =
        "pages in use (page_count - freelist_count) of the database file: FTS5 "
        "index + docsize table; " +
        std::to_string(free_pages) + " free pages left by optimize not counted";
    Prepare("SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT ?2", &search_);
    Prepare("SELECT count(*) FROM docs WHERE docs MATCH ?1", &count_);
    return stats;
  }

  void Search(const BenchQuery& query, size_t k, std::vector<uint64_t>* docs) override {
    std::string match = Match(query);
    sqlite3_bind_text(search_, 1, match.data(), static_cast<int>(match.size()), SQLITE_STATIC);
    sqlite3_bind_int64(search_, 2, static_cast<int64_t>(k));
    docs->clear();
    int rc;
    while ((rc = sqlite3_step(search_)) == SQLITE_ROW) {
      docs->push_back(static_cast<uint64_t>(sqlite3_column_int64(search_, 0)));
    }
    if (rc != SQLITE_DONE) Fail("search " + match);
    sqlite3_reset(search_);
  }

  uint64_t Count(const BenchQuery& query) override {
    std::string match = Match(query);
    sqlite3_bind_text(count_, 1, match.data(), static_cast<int>(match.size()), SQLITE_STATIC);
    uint64_t n = 0;
    if (sqlite3_step(count_) == SQLITE_ROW) n = sqlite3_column_int64(count_, 0);
    sqlite3_reset(count_);
    return n;
  }

 private:
  // FTS5 query syntax; every word is a quoted string so that words such as
  // "and", "or", "not", "near" are never read as operators.
  static std::string Match(const BenchQuery& query) {
    std::string out;
    if (query.type == QueryType::kPhrase) return "\"" + query.text + "\"";
    const char* op = query.type == QueryType::kOr ? " OR " : " AND ";
    for (const auto& w : query.words) {
      if (!out.empty()) out += op;
      out += "\"" + w + "\"";
    }
    return out;
  }

  [[noreturn]] void Fail(const std::string& what) {
    std::fprintf(stderr, "fulltext_bench: sqlite %s: %s\n", what.c_str(),
                 db_ ? sqlite3_errmsg(db_) : "no database");
    std::exit(1);
  }
  void Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string message = err ? err : "?";
      sqlite3_free(err);
      Fail(sql + ": " + message);
    }
  }
  void Prepare(const char* sql, sqlite3_stmt** stmt) {
    if (sqlite3_prepare_v2(db_, sql, -1, stmt, nullptr) != SQLITE_OK) Fail(sql);
  }
  int64_t Int(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    Prepare(sql, &stmt);
    int64_t v = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    return v;
  }

  bool english_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* search_ = nullptr;
  sqlite3_stmt* count_ = nullptr;
};

}  // namespace

std::unique_ptr<TextEngine> MakeSqliteEngine(Analysis analysis) {
  return std::make_unique<SqliteEngine>(analysis);
}

}  // namespace quiver::bench

// Xapian peer: a Glass database on disk (DB_NO_SYNC, as Quiver's segment is
// not fsynced either), documents indexed by Xapian::TermGenerator with
// positions, queries built directly from the words (no QueryParser) and
// ranked by BM25Weight with Lucene's k1 and b.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "analysis/stopwords.h"
#include "text_engine.h"

namespace quiver::bench {

namespace {

class XapianEngine : public TextEngine {
 public:
  explicit XapianEngine(Analysis analysis) : english_(analysis == Analysis::kEnglish) {
    if (english_) {
      stem_ = Xapian::Stem("english");
      std::vector<std::string> stopwords = analysis::NamedStopWords("_english_").value();
      for (const auto& w : stopwords) stopper_.add(w);
    }
  }

  std::string name() const override { return "Xapian"; }

  std::string Describe() const override {
    std::string s = "Xapian " + std::string(Xapian::version_string()) +
                    ", Glass backend, TermGenerator with positions (its own word splitting, "
                    "Unicode lowercase)";
    s += english_ ? ", Stem(\"english\") (Snowball Porter2, as Quiver) with STEM_ALL and the "
                    "_english_ stopwords (STOP_ALL); query words stemmed and stopped alike"
                  : ", no stemmer (STEM_NONE), no stopwords";
    return s +
           "; BM25Weight(k1=1.2, k2=0, k3=1, b=0.75, min_normlen=0.5); default flush "
           "threshold (10k docs), then Database::compact";
  }

  IndexStats Index(const Corpus& corpus, const std::string& index_dir) override {
    std::string dir = index_dir;
    dir_ = dir;
    auto start = std::chrono::steady_clock::now();
    {
      Xapian::WritableDatabase db(
          dir, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC | Xapian::DB_BACKEND_GLASS);
      Xapian::TermGenerator tg;
      if (english_) {
        tg.set_stemmer(stem_);
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
        tg.set_stopper(&stopper_);
        tg.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
      } else {
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
      }
      for (size_t i = 0; i < corpus.texts.size(); ++i) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(corpus.texts[i]);
        db.replace_document(static_cast<Xapian::docid>(i + 1), doc);
      }
      db.commit();
      db.close();
    }
    auto loaded = std::chrono::steady_clock::now();
    uint64_t loaded_bytes = DirBytes(dir);
    // xapian-compact's work: rewrites the B-trees full and in order (Glass
    // leaves them part-empty after incremental flushes), as FTS5's optimize
    // and Quiver's single written segment are compact.
    const std::string compact = dir + ".compact";
    Xapian::Database(dir).compact(compact);
    auto done = std::chrono::steady_clock::now();
    IndexStats stats;
    stats.seconds = std::chrono::duration<double>(done - start).count();
    stats.extra_seconds = std::chrono::duration<double>(done - loaded).count();
    stats.index_bytes = DirBytes(compact);
    stats.size_note = "Glass database after compact (postings, positions, termlists, doclen); " +
                      std::to_string(loaded_bytes) + " B before compact";
    dir = compact;
    db_ = Xapian::Database(dir);
    enquire_ = std::make_unique<Xapian::Enquire>(db_);
    enquire_->set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
    return stats;
  }

  void Search(const BenchQuery& query, size_t k, std::vector<uint64_t>* docs) override {
    enquire_->set_query(Build(query));
    Xapian::MSet mset = enquire_->get_mset(0, static_cast<Xapian::doccount>(k));
    docs->clear();
    for (auto it = mset.begin(); it != mset.end(); ++it) docs->push_back(*it - 1);
  }

  uint64_t Count(const BenchQuery& query) override {
    enquire_->set_query(Build(query));
    Xapian::MSet mset = enquire_->get_mset(0, 0, db_.get_doccount());
    return mset.get_matches_lower_bound();
  }

 private:
  static uint64_t DirBytes(const std::string& dir) {
    uint64_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.is_regular_file()) n += e.file_size();
    }
    return n;
  }

  Xapian::Query Build(const BenchQuery& query) {
    std::vector<std::string> terms;
    for (const auto& w : query.words) {
      if (english_ && stopper_(w)) continue;
      terms.push_back(english_ ? stem_(w) : w);
    }
    if (terms.empty()) return Xapian::Query::MatchNothing;
    switch (query.type) {
      case QueryType::kTerm:
        return Xapian::Query(terms[0]);
      case QueryType::kAnd:
        return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
      case QueryType::kOr:
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
      case QueryType::kPhrase:
        return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                             static_cast<Xapian::termcount>(terms.size()));
    }
    return Xapian::Query::MatchNothing;
  }

  bool english_;
  Xapian::Stem stem_;
  Xapian::SimpleStopper stopper_;
  std::string dir_;
  Xapian::Database db_;
  std::unique_ptr<Xapian::Enquire> enquire_;
};

}  // namespace

std::unique_ptr<TextEngine> MakeXapianEngine(Analysis analysis) {
  return std::make_unique<XapianEngine>(analysis);
}

}  // namespace quiver::bench

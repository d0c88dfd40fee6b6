#include "query/exec/bm25.h"

#include <cmath>

#include "common/strings.h"
#include "text/norm_encoding.h"

namespace quiver::query {
namespace {

std::string FloatText(float v) {
  std::string s;
  AppendJsonFloat(&s, v);
  return s;
}

}  // namespace

float Bm25Weight::Idf(int64_t doc_freq, int64_t doc_count) {
  return static_cast<float>(
      std::log(1 + (static_cast<double>(doc_count - doc_freq) + 0.5) /
                       (static_cast<double>(doc_freq) + 0.5)));
}

float Bm25Weight::AvgFieldLength(const FieldStats& field) {
  if (field.doc_count <= 0) return 1.0f;
  return static_cast<float>(static_cast<double>(field.sum_total_term_freq) /
                            static_cast<double>(field.doc_count));
}

Bm25Weight::Bm25Weight(float boost, const FieldStats& field, const TermStats& term, Bm25Params p)
    : params_(p) {
  doc_freq_ = term.doc_freq;
  doc_count_ = field.doc_count;
  Init(boost, Idf(term.doc_freq, field.doc_count), field);
}

Bm25Weight::Bm25Weight(float boost, float idf, const FieldStats& field, Bm25Params p)
    : params_(p) {
  doc_count_ = field.doc_count;
  Init(boost, idf, field);
}

void Bm25Weight::Init(float boost, float idf, const FieldStats& field) {
  boost_ = boost;
  idf_ = idf;
  avgdl_ = AvgFieldLength(field);
  weight_ = boost * idf;
  for (int i = 0; i < 256; ++i) {
    float dl = static_cast<float>(text::DecodeNorm(static_cast<uint8_t>(i)));
    cache_[i] = 1.0f / (params_.k1 * ((1 - params_.b) + params_.b * dl / avgdl_));
  }
}

Explanation Bm25Weight::Explain(float freq, uint8_t norm, bool has_norms,
                                const std::string& what) const {
  float score = Score(freq, norm);
  std::vector<Explanation> tf_details;
  tf_details.push_back(Explanation::Match(freq, "freq, occurrences of term within document"));
  tf_details.push_back(Explanation::Match(params_.k1, "k1, term saturation parameter"));
  tf_details.push_back(Explanation::Match(params_.b, "b, length normalization parameter"));
  if (has_norms) {
    tf_details.push_back(Explanation::Match(static_cast<float>(text::DecodeNorm(norm)),
                                            "dl, length of field (approximate)"));
    tf_details.push_back(Explanation::Match(avgdl_, "avgdl, average length of field"));
  } else {
    tf_details.push_back(Explanation::Match(1.0f, "dl, length of field"));
    tf_details.push_back(Explanation::Match(avgdl_, "avgdl, average length of field"));
  }
  float norm_inverse = cache_[norm];
  float tf = freq / (freq + 1.0f / norm_inverse);
  std::vector<Explanation> idf_details = {
      Explanation::Match(static_cast<float>(doc_freq_), "n, number of documents containing term"),
      Explanation::Match(static_cast<float>(doc_count_), "N, total number of documents with field")};
  std::vector<Explanation> parts;
  parts.push_back(Explanation::Match(boost_, "boost"));
  parts.push_back(Explanation::Match(
      idf_, "idf, computed as log(1 + (N - n + 0.5) / (n + 0.5)) from:", std::move(idf_details)));
  parts.push_back(Explanation::Match(
      tf, "tf, computed as freq / (freq + k1 * (1 - b + b * dl / avgdl)) from:",
      std::move(tf_details)));
  Explanation score_expl = Explanation::Match(
      score, "score(freq=" + FloatText(freq) + "), computed as boost * idf * tf from:",
      std::move(parts));
  return Explanation::Match(score, "weight(" + what + ") [PerFieldSimilarity], result of:",
                            {std::move(score_expl)});
}

}  // namespace quiver::query

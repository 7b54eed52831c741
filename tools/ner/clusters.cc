#include "tools/ner/clusters.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace newsflow::tools::ner {
namespace {

struct SparseVec {
  std::vector<uint32_t> idx;
  std::vector<float> val;
};

// Spherical k-means over `members` (indices into vecs, most frequent first). Returns the
// cluster of each member.
std::vector<int> KMeans(const std::vector<SparseVec>& vecs, const std::vector<uint32_t>& members,
                        int k, size_t dim, int iterations) {
  const size_t m = members.size();
  std::vector<int> assign(m, 0);
  if (m <= static_cast<size_t>(k)) {
    for (size_t i = 0; i < m; ++i) assign[i] = static_cast<int>(i);
    return assign;
  }
  std::vector<float> centroids(static_cast<size_t>(k) * dim, 0.f);
  // Seeds spread over the frequency ranking: deterministic and not all from the head.
  for (int c = 0; c < k; ++c) {
    const SparseVec& v = vecs[members[c * m / k]];
    for (size_t j = 0; j < v.idx.size(); ++j) centroids[c * dim + v.idx[j]] = v.val[j];
  }
  for (int it = 0; it < iterations; ++it) {
    for (size_t i = 0; i < m; ++i) {
      const SparseVec& v = vecs[members[i]];
      int best = 0;
      float best_dot = -1e30f;
      for (int c = 0; c < k; ++c) {
        const float* cen = &centroids[c * dim];
        float dot = 0;
        for (size_t j = 0; j < v.idx.size(); ++j) dot += cen[v.idx[j]] * v.val[j];
        if (dot > best_dot) {
          best_dot = dot;
          best = c;
        }
      }
      assign[i] = best;
    }
    std::vector<float> next(centroids.size(), 0.f);
    std::vector<uint32_t> sizes(k, 0);
    for (size_t i = 0; i < m; ++i) {
      const SparseVec& v = vecs[members[i]];
      float* cen = &next[assign[i] * dim];
      ++sizes[assign[i]];
      for (size_t j = 0; j < v.idx.size(); ++j) cen[v.idx[j]] += v.val[j];
    }
    for (int c = 0; c < k; ++c) {
      float* cen = &next[c * dim];
      if (sizes[c] == 0) {  // keep an emptied centroid where it was
        std::copy(&centroids[c * dim], &centroids[c * dim] + dim, cen);
        continue;
      }
      double norm = 0;
      for (size_t d = 0; d < dim; ++d) norm += static_cast<double>(cen[d]) * cen[d];
      auto inv = static_cast<float>(norm > 0 ? 1.0 / std::sqrt(norm) : 0.0);
      for (size_t d = 0; d < dim; ++d) cen[d] *= inv;
    }
    centroids.swap(next);
  }
  return assign;
}

}  // namespace

std::unordered_map<std::string, std::array<uint16_t, 3>> InduceClusters(
    const std::vector<std::vector<std::string>>& sentences, const ClusterOptions& opt) {
  std::unordered_map<std::string, uint32_t> freq;
  for (const auto& s : sentences) {
    for (const auto& w : s) ++freq[w];
  }
  std::vector<std::pair<std::string, uint32_t>> ranked(freq.begin(), freq.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::unordered_map<std::string, uint32_t> word_id, ctx_id;
  for (const auto& [w, c] : ranked) {
    if (c < opt.min_count || word_id.size() >= opt.max_words) break;
    word_id.emplace(w, static_cast<uint32_t>(word_id.size()));
  }
  for (const auto& [w, c] : ranked) {
    if (ctx_id.size() >= opt.context_words) break;
    ctx_id.emplace(w, static_cast<uint32_t>(ctx_id.size()));
  }
  const uint32_t boundary = opt.context_words;  // sentence edge as a context word
  const size_t side = opt.context_words + 1;
  const size_t dim = 2 * side;
  const size_t nw = word_id.size();
  std::vector<std::unordered_map<uint32_t, float>> counts(nw);
  std::vector<double> ctx_total(dim, 0);
  double total = 0;
  for (const auto& s : sentences) {
    for (size_t i = 0; i < s.size(); ++i) {
      auto w = word_id.find(s[i]);
      if (w == word_id.end()) continue;
      // Neighbours outside the context vocabulary are skipped (UINT32_MAX); the sentence edge
      // counts as a context word of its own.
      uint32_t left = boundary, right = boundary;
      if (i > 0) {
        auto c = ctx_id.find(s[i - 1]);
        left = c == ctx_id.end() ? UINT32_MAX : c->second;
      }
      if (i + 1 < s.size()) {
        auto c = ctx_id.find(s[i + 1]);
        right = c == ctx_id.end() ? UINT32_MAX : c->second;
      }
      if (left != UINT32_MAX) {
        counts[w->second][left] += 1;
        ctx_total[left] += 1;
        total += 1;
      }
      if (right != UINT32_MAX) {
        counts[w->second][side + right] += 1;
        ctx_total[side + right] += 1;
        total += 1;
      }
    }
  }
  std::vector<SparseVec> vecs(nw);
  for (size_t w = 0; w < nw; ++w) {
    double wt = 0;
    for (const auto& [c, n] : counts[w]) wt += n;
    std::vector<std::pair<uint32_t, float>> entries;
    for (const auto& [c, n] : counts[w]) {
      double pmi = std::log(n * total / (wt * ctx_total[c]));
      if (pmi > 0) entries.emplace_back(c, static_cast<float>(pmi));
    }
    std::sort(entries.begin(), entries.end());
    double norm = 0;
    for (const auto& e : entries) norm += e.second * e.second;
    float inv = norm > 0 ? static_cast<float>(1 / std::sqrt(norm)) : 0.f;
    for (const auto& e : entries) {
      vecs[w].idx.push_back(e.first);
      vecs[w].val.push_back(e.second * inv);
    }
  }
  // Hierarchy: 16 coarse clusters, each split 16 ways, each of those split 8 ways.
  std::vector<std::array<uint16_t, 3>> ids(nw);
  std::vector<uint32_t> all(nw);
  for (uint32_t i = 0; i < nw; ++i) all[i] = i;  // word ids are in frequency order
  std::vector<int> a1 = KMeans(vecs, all, 16, dim, opt.iterations);
  for (int c1 = 0; c1 < 16; ++c1) {
    std::vector<uint32_t> m1;
    for (uint32_t i = 0; i < nw; ++i) {
      if (a1[i] == c1) m1.push_back(i);
    }
    std::vector<int> a2 = KMeans(vecs, m1, 16, dim, opt.iterations);
    for (int c2 = 0; c2 < 16; ++c2) {
      std::vector<uint32_t> m2;
      for (size_t j = 0; j < m1.size(); ++j) {
        if (a2[j] == c2) m2.push_back(m1[j]);
      }
      std::vector<int> a3 = KMeans(vecs, m2, 8, dim, opt.iterations);
      for (size_t j = 0; j < m2.size(); ++j) {
        ids[m2[j]] = {static_cast<uint16_t>(c1 + 1), static_cast<uint16_t>(c1 * 16 + c2 + 1),
                      static_cast<uint16_t>((c1 * 16 + c2) * 8 + a3[j] + 1)};
      }
    }
  }
  std::unordered_map<std::string, std::array<uint16_t, 3>> out;
  for (const auto& [w, id] : word_id) out.emplace(w, ids[id]);
  return out;
}

}  // namespace newsflow::tools::ner

#pragma once
// Distributional word clusters induced from unlabelled sentences: each frequent word is a
// PPMI-weighted vector of its left and right neighbours, grouped by hierarchical spherical
// k-means (16 → 16 → 8 way), which gives three nested granularities like Brown-cluster bit-string
// prefixes. Deterministic: no randomness, ties broken by order. Single-threaded.

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsflow::tools::ner {

struct ClusterOptions {
  uint32_t min_count = 3;
  uint32_t max_words = 40000;
  uint32_t context_words = 1000;
  int iterations = 8;
};

// `sentences` hold LowerKey forms. Returns word → cluster ids (coarse, middle, fine), all >= 1.
std::unordered_map<std::string, std::array<uint16_t, 3>> InduceClusters(
    const std::vector<std::vector<std::string>>& sentences, const ClusterOptions& options);

}  // namespace newsflow::tools::ner

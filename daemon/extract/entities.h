#pragma once
// Entity spans produced by the named-entity recognizer, consumed by actors, quotes and
// locations. Spans are token ranges of one TokenizedText.

#include <cstdint>
#include <vector>

namespace newsflow::extract {

enum class EntityType : uint8_t { kPerson = 0, kOrganization = 1, kLocation = 2, kMisc = 3 };

struct EntitySpan {
  uint32_t first_token = 0;
  uint32_t end_token = 0;  // exclusive
  EntityType type = EntityType::kMisc;
};

using EntitySpans = std::vector<EntitySpan>;

}  // namespace newsflow::extract

#include "daemon/extract/huge_pages.h"

#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace newsflow::extract {

void* AllocateHugePages(size_t bytes) {
  void* p = std::aligned_alloc(kHugePageBytes, bytes);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Advice only: a failure (THP compiled out or "never") leaves ordinary pages.
  if (p != nullptr) (void)madvise(p, bytes, MADV_HUGEPAGE);
#endif
  return p;
}

void FreeHugePages(void* p) { std::free(p); }

}  // namespace newsflow::extract

#pragma once
// HugePageAllocator: a std::allocator for the large read-mostly tables of the models (the NER
// scores, weights and hash indexes, tens of MB). Tagging reads them at random, one word type
// or word pair at a time, so with 4 KB pages nearly every rare word costs a TLB miss on top of
// the cache miss. Blocks of 2 MB and more are therefore allocated 2 MB-aligned, in whole 2 MB
// units, and the kernel is asked to back them with transparent huge pages before they are
// touched (Linux `madvise(MADV_HUGEPAGE)`; it is only advice: where THP is off, or on other
// systems, the memory is ordinary). Smaller blocks go to operator new.
//
// Stateless; any instance frees what any other allocated. Thread safety: as malloc.

#include <cstddef>
#include <new>

namespace newsflow::extract {

inline constexpr size_t kHugePageBytes = size_t{2} << 20;

// Allocates `bytes` (a multiple of kHugePageBytes) aligned to kHugePageBytes and advises huge
// pages for it; nullptr when out of memory. Free with FreeHugePages.
void* AllocateHugePages(size_t bytes);
void FreeHugePages(void* p);

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding is implicit

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePageBytes) return static_cast<T*>(::operator new(bytes));
    void* p = AllocateHugePages(RoundUp(bytes));
    if (p == nullptr) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHugePageBytes) {
      ::operator delete(p);
    } else {
      FreeHugePages(p);
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }

 private:
  static size_t RoundUp(size_t bytes) {
    return (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  }
};

}  // namespace newsflow::extract

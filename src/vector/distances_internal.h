// Per-ISA kernel tables, defined in distances_<isa>.cc. Internal to the
// dispatcher (distances.cc) and the kernel tests.
#pragma once

#include "vector/distances.h"

namespace quiver::vector::internal {

extern const DistanceKernels kScalarKernels;
#if defined(QUIVER_VECTOR_HAVE_AVX2)
extern const DistanceKernels kAvx2Kernels;
#endif
#if defined(QUIVER_VECTOR_HAVE_AVX512)
extern const DistanceKernels kAvx512Kernels;
#endif
#if defined(QUIVER_VECTOR_HAVE_NEON)
extern const DistanceKernels kNeonKernels;
#endif

}  // namespace quiver::vector::internal

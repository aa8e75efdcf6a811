#ifndef EVIDENCE_CZLIBINFLATE_SHIM_H
#define EVIDENCE_CZLIBINFLATE_SHIM_H

#include <zlib.h>

/// inflateInit2 is a macro, which Swift cannot call: a raw deflate stream (no zlib header), as a
/// zip entry holds it.
static inline int evidence_inflateInitRaw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

#endif

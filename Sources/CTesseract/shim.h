#ifndef EVIDENCE_CTESSERACT_SHIM_H
#define EVIDENCE_CTESSERACT_SHIM_H

#include <tesseract/capi.h>
#include <leptonica/allheaders.h>

/// Leptonica's message threshold that prints nothing (a macro-free constant for Swift).
static inline int evidence_lept_severity_none(void) {
    return L_SEVERITY_NONE;
}

#endif

#ifndef EVIDENCE_CPOPPLER_SHIM_H
#define EVIDENCE_CPOPPLER_SHIM_H

#include <gio/gio.h>
#include <poppler.h>
#include <cairo.h>

/// POPPLER_ERROR is a macro over a function call, which Swift does not import.
static inline GQuark evidence_poppler_error_quark(void) {
    return POPPLER_ERROR;
}

/// The poppler-glib the program runs with, as "22.12.0".
static inline const char *evidence_poppler_version(void) {
    return poppler_get_version();
}

#endif

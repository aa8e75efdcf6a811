#ifndef EVIDENCE_CLIBXML2_SHIM_H
#define EVIDENCE_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; its encoding.h would then pull the system
   ICU headers into this module and clash with Foundation's own ICU module.
   The streaming reader needs nothing from ICU. */
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/// xmlFree is a global function pointer, which Swift cannot call directly.
static inline void evidence_xmlFree(void *pointer) {
    xmlFree(pointer);
}

/// The libxml2 the program runs with, as "20914" for 2.9.14.
static inline const char *evidence_xmlParserVersion(void) {
    return xmlParserVersion;
}

#endif

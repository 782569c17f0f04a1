#ifndef CLAIMEX_CLIBXML2_SHIM_H
#define CLAIMEX_CLIBXML2_SHIM_H
/* Debian builds libxml2 with ICU, so its encoding.h pulls in ICU's headers, whose
 * UErrorCode clashes with the copy inside Foundation (_FoundationICU) in any module that
 * sees both. We hide the ICU part: it only adds trailing converter fields to
 * xmlCharEncodingHandler, a struct we never allocate, copy or read a field of (we hold it
 * by pointer at most), so its layout as libxml2 itself sees it is untouched.
 * SAFETY: never use sizeof(xmlCharEncodingHandler) or its uconv fields from Swift. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
/* xmlCreateIOParserCtxt, xmlParserInputGrow, xmlSwitchToEncoding: a SAX parse set up as htmlReadMemory
 * does, the page read through a callback. */
#include <libxml/parserInternals.h>

/* xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state. */
static inline void cx_xml_free(void *p) { xmlFree(p); }
#endif

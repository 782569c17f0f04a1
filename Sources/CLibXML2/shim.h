#ifndef CLAIMEX_CLIBXML2_SHIM_H
#define CLAIMEX_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state. */
static inline void cx_xml_free(void *p) { xmlFree(p); }
#endif

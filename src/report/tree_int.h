/*
 * tree_int.h - the pieces of the -V printer (private to report/tree*.c):
 * indented lines, Wireshark's bit-field notation, and the per-layer
 * printers.
 */
#ifndef TCPLENS_REPORT_TREE_INT_H
#define TCPLENS_REPORT_TREE_INT_H

#include "report/tree.h"

/* One line at depth (four spaces each), printf-style, with a newline. */
void tree_line(struct sb *o, int depth, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* "0100 .... = Label: value": the bits of `mask` in a width-bit field
 * shown as 0/1, the others as dots, in groups of four; then the label and
 * value text from fmt. */
void tree_bits(struct sb *o, int depth, uint32_t value, uint32_t mask, int width,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* "Set" / "Not set" */
static inline const char *tree_set(bool b) { return b ? "Set" : "Not set"; }

/* "[Expert Info (Note/Sequence): text]" with its three children. */
void tree_expert(struct sb *o, int depth, const char *severity, const char *group,
                 const char *text);

/* TCP: the whole subtree, with the analysis and tcplens's verdicts. */
void tree_tcp(struct sb *o, const struct pkt *p, int i, const struct seg_view *v);

#endif

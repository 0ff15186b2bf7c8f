/*
 * export.h - `tcplens follow --all -o DIR`: every connection's payload,
 * one file per direction, plus DIR/index.tsv, as tcpflow users expect.
 *
 * A direction's file is named from the stream index and the sender's and
 * receiver's address and port, tcpflow style (IPv4 octets and ports
 * zero-padded):  12-010.000.000.001.40012-010.000.000.002.08080
 * It holds the bytes reassembly delivered, in order; a hole the capture
 * lacks is left out and counted in the index.  Files are written as data
 * arrives, through a small set of open files, so memory stays bounded by
 * the live connections and the out-of-order limit.
 */
#ifndef TCPLENS_REPORT_EXPORT_H
#define TCPLENS_REPORT_EXPORT_H

#include <stdbool.h>

#include "base/diag.h"
#include "track/track.h"

struct exporter;

/* Creates dir if needed; NULL with err set on failure. */
struct exporter *export_new(const char *dir, char err[DIAG_ERRLEN]);
/* Close every file; false with err set if any write failed. */
bool export_finish(struct exporter *e, char err[DIAG_ERRLEN]);
void export_free(struct exporter *e);

extern const struct follow_hooks export_hooks;

#endif

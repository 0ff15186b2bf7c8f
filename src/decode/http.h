/*
 * http.h - just enough HTTP for tcpdump's one-line summary: does a segment
 * start a request or response, and where are its text lines.
 *
 * Pure functions over the captured payload; `len` is the payload length
 * the TCP header implies, which may exceed what was captured.
 */
#ifndef TCPLENS_DECODE_HTTP_H
#define TCPLENS_DECODE_HTTP_H

#include <stdbool.h>
#include <stdint.h>

#include "base/rd.h"

/* First token a known method, or the second token a 3-digit status. */
bool http_starts_message(struct bytes cap, uint32_t len);

enum txt_end {
    TXT_LINE,      /* a line ended by LF or CR LF; `next` follows it */
    TXT_BINARY,    /* a byte that is not text (or a bare CR): stop quietly */
    TXT_UNENDED,   /* text up to `len` without a line end: print, then [|proto] */
    TXT_CAPTURE,   /* ran past the captured bytes: [|proto] only */
};

struct txt_line {
    uint32_t start, len; /* the line's text, without its end */
    uint32_t next;       /* index after the line end */
    uint8_t end;         /* enum txt_end */
};

/* The text line that starts at idx. */
struct txt_line txt_line_at(struct bytes cap, uint32_t len, uint32_t idx);

#endif

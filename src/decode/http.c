/* http.c - HTTP request/response recognition and text-line splitting,
 * with the same rules as tcpdump's text-protocol printer. */
#include "decode/http.h"

#include <string.h>
#include <strings.h>

#define MAX_TOKEN 128

static const char *const http_methods[] = {
    "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL",
    "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY",
    "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST",
    "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY",
    "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL",
};

static bool is_print(uint8_t c) { return c >= 0x20 && c < 0x7f; }

/*
 * Token at idx into tok; returns the index after it and the blanks that
 * follow (up to a line end), or 0 when there is no token there.
 */
static uint32_t token_at(struct bytes cap, uint32_t len, uint32_t idx, char tok[MAX_TOKEN + 1])
{
    size_t n = 0;
    for (; idx < len; idx++) {
        if (idx >= cap.len)
            return 0;
        uint8_t c = cap.p[idx];
        if (c & 0x80)
            return 0;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            break;
        if (!is_print(c) || n + 2 > MAX_TOKEN + 1)
            return 0;
        tok[n++] = (char)c;
    }
    if (n == 0)
        return 0;
    tok[n] = '\0';
    while (idx < len && idx < cap.len && cap.p[idx] == ' ')
        idx++; /* blanks before the next token (a tab ends the skip) */
    return idx;
}

bool http_starts_message(struct bytes cap, uint32_t len)
{
    char tok[MAX_TOKEN + 1];
    uint32_t idx = token_at(cap, len, 0, tok);
    if (idx == 0)
        return false;
    bool found = false;
    for (size_t i = 0; i < sizeof http_methods / sizeof http_methods[0]; i++)
        found |= strcasecmp(tok, http_methods[i]) == 0;
    idx = token_at(cap, len, idx, tok);
    if (idx != 0 && tok[0] >= '0' && tok[0] <= '9' && tok[1] >= '0' && tok[1] <= '9' &&
        tok[2] >= '0' && tok[2] <= '9' && tok[3] == '\0')
        found = true;
    return found;
}

struct txt_line txt_line_at(struct bytes cap, uint32_t len, uint32_t idx)
{
    struct txt_line l = {idx, 0, idx, TXT_BINARY};
    for (; idx < len; idx++) {
        if (idx >= cap.len) {
            l.end = TXT_CAPTURE;
            return l;
        }
        uint8_t c = cap.p[idx];
        if (c == '\n') {
            l.len = idx - l.start;
            l.next = idx + 1;
            l.end = TXT_LINE;
            return l;
        }
        if (c == '\r') {
            if (idx + 1 >= len)
                return l;
            if (idx + 1 >= cap.len) {
                l.end = TXT_CAPTURE;
                return l;
            }
            if (cap.p[idx + 1] != '\n')
                return l;
            l.len = idx - l.start;
            l.next = idx + 2;
            l.end = TXT_LINE;
            return l;
        }
        if (!is_print(c) && c != '\t')
            return l;
    }
    l.len = idx - l.start;
    l.next = idx;
    l.end = TXT_UNENDED;
    return l;
}

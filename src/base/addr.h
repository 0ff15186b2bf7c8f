/*
 * addr.h - IPv4/IPv6 address value type: compare, hash, format.
 *
 * Addresses are kept in network byte order in a 16-byte array; an IPv4
 * address uses the first 4 bytes and the rest stay zero, so comparing and
 * hashing need no special case.  Formatting never resolves names.
 */
#ifndef TCPLENS_BASE_ADDR_H
#define TCPLENS_BASE_ADDR_H

#include <stdint.h>
#include <string.h>

#include "base/sb.h"

struct addr {
    uint8_t family; /* 4 or 6; 0 for "none" */
    uint8_t b[16];
};

static inline int addr_cmp(const struct addr *x, const struct addr *y)
{
    if (x->family != y->family)
        return x->family < y->family ? -1 : 1;
    return memcmp(x->b, y->b, x->family == 4 ? 4 : 16);
}

static inline unsigned addr_len(const struct addr *a) { return a->family == 4 ? 4u : 16u; }

/* Dotted quad or RFC 4291 text form with the longest zero run shortened
 * (runs of one word are not), IPv4-mapped and -compatible forms written
 * with a dotted tail: the same text tcpdump and inet_ntop produce. */
void addr_format(struct sb *out, const struct addr *a);

/* "10.0.0.1:80" or "[fd00::1]:80", as Wireshark writes an endpoint (an
 * address of family 0 is written empty: ":0"). */
void addr_port_format(struct sb *out, const struct addr *a, uint16_t port);

/* The same into a NUL-terminated buffer of at least ADDR_STRLEN bytes. */
#define ADDR_STRLEN 48
const char *addr_str(const struct addr *a, char buf[ADDR_STRLEN]);

#endif

/* cksum.c - Internet checksum arithmetic (RFC 1071, RFC 1624 style fold). */
#include "base/cksum.h"

uint64_t cksum_add(uint64_t sum, struct bytes b)
{
    uint32_t i = 0;
    for (; i + 1 < b.len; i += 2)
        sum += (uint32_t)(b.p[i] << 8 | b.p[i + 1]);
    if (i < b.len)
        sum += (uint32_t)b.p[i] << 8;
    return sum;
}

uint64_t cksum_add16(uint64_t sum, uint16_t v) { return sum + v; }

static uint16_t fold(uint64_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)sum;
}

uint16_t cksum_finish(uint64_t sum) { return (uint16_t)~fold(sum); }

uint16_t cksum_shouldbe(uint16_t field, uint16_t computed)
{
    return fold((uint64_t)field + computed);
}

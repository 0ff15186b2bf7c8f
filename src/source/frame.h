/*
 * frame.h - one captured frame as the source hands it on.
 *
 * `data` holds `caplen` bytes and stays valid until the next source_next();
 * `wirelen` is the length on the wire.  Both lengths travel all the way to
 * the printers: truncation and tcpdump's `length` depend on them.
 */
#ifndef TCPLENS_SOURCE_FRAME_H
#define TCPLENS_SOURCE_FRAME_H

#include <stdint.h>

struct frame {
    int64_t ts_sec;
    int64_t ts_nsec;    /* nanoseconds, whatever the file's precision (a bogus
                         * record may hold more than 10^9) */
    uint32_t caplen;
    uint32_t wirelen;
    int linktype;       /* LINKTYPE_ value of the capture */
    uint64_t num;       /* 1-based frame number in the source */
    const uint8_t *data;
};

/* A capture time in nanoseconds since the epoch, saturated at about the
 * year 2255 either way: pcapng time stamps can count seconds far beyond
 * what 64-bit nanoseconds hold, and bogus ones do. */
static inline int64_t frame_time_ns(int64_t sec, int64_t nsec)
{
    const int64_t limit = 9000000000LL;
    sec = sec > limit ? limit : sec < -limit ? -limit : sec;
    return sec * 1000000000LL + nsec;
}

/* Link-layer header types we decode (LINKTYPE_ numbers, pcap-linktype(7)). */
enum {
    LINKTYPE_NULL = 0,
    LINKTYPE_ETHERNET = 1,
    LINKTYPE_RAW = 101,
    LINKTYPE_LOOP = 108,
    LINKTYPE_LINUX_SLL = 113,
    LINKTYPE_IPV4 = 228,
    LINKTYPE_IPV6 = 229,
    LINKTYPE_LINUX_SLL2 = 276,
};

#endif

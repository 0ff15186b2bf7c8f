/*
 * floor.c - the speed floors `make bench` shows beside tcplens.
 *
 *   floor pcap FILE   a bare libpcap read loop: pcap_next_ex on every
 *                     packet, counting them, nothing else.  What any
 *                     libpcap-based reader pays before doing any work.
 *   floor mmap FILE   mmap a classic pcap file (either byte order, micro-
 *                     or nanosecond magic; Ethernet with up to two VLAN
 *                     tags, raw IP or Linux cooked) and walk its records,
 *                     hashing the 5-tuple of every IPv4 and IPv6 TCP
 *                     packet.  What a reader that touches every header
 *                     pays without libpcap's per-packet copy and callback.
 *
 * Both print one line to stdout: packets, TCP packets and a hash folded
 * over all 5-tuples (so the compiler cannot drop the work).  Exit status 1
 * on an unreadable or malformed file.  Not used by the tests.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int floor_pcap(const char *path)
{
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(path, err);
    if (!p) {
        fprintf(stderr, "floor: %s\n", err);
        return 1;
    }
    struct pcap_pkthdr *h;
    const u_char *data;
    uint64_t n = 0;
    int rc;
    while ((rc = pcap_next_ex(p, &h, &data)) == 1)
        n++;
    if (rc == PCAP_ERROR) {
        fprintf(stderr, "floor: %s: %s\n", path, pcap_geterr(p));
        pcap_close(p);
        return 1;
    }
    pcap_close(p);
    printf("%" PRIu64 " packets\n", n);
    return 0;
}

static uint32_t rd32(const uint8_t *p, int swap)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return swap ? __builtin_bswap32(v) : v;
}

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 29);
}

/* Hash of one packet's TCP 5-tuple from its network header, or 0. */
static uint64_t tuple_hash(const uint8_t *ip, size_t len, uint16_t type)
{
    uint64_t a, b, h;
    if (type == 0x0800) {
        if (len < 20 || (ip[0] >> 4) != 4 || ip[9] != 6)
            return 0;
        size_t hl = (size_t)(ip[0] & 15) * 4;
        if (hl < 20 || len < hl + 4)
            return 0;
        memcpy(&a, ip + 12, 8);                  /* both addresses */
        h = mix(6, a);
        memcpy(&b, ip + hl, 4);                  /* both ports */
        return mix(h, (uint32_t)b) | 1;
    }
    if (type == 0x86dd) {
        if (len < 44 || (ip[0] >> 4) != 6 || ip[6] != 6)
            return 0;
        h = 6;
        for (int i = 8; i < 40; i += 8) {
            memcpy(&a, ip + i, 8);
            h = mix(h, a);
        }
        memcpy(&b, ip + 40, 4);
        return mix(h, (uint32_t)b) | 1;
    }
    return 0;
}

/* The network header of a frame: sets *type (ethertype) and *len. */
static const uint8_t *net_header(const uint8_t *f, size_t caplen,
                                 uint32_t linktype, uint16_t *type,
                                 size_t *len)
{
    size_t off;
    if (linktype == 1) {                         /* Ethernet */
        if (caplen < 14)
            return NULL;
        off = 12;
        *type = be16(f + off);
        for (int tags = 0; tags < 2 && (*type == 0x8100 || *type == 0x88a8)
                           && caplen >= off + 8; tags++) {
            off += 4;
            *type = be16(f + off);
        }
        off += 2;
    } else if (linktype == 113) {                /* Linux cooked */
        if (caplen < 16)
            return NULL;
        *type = be16(f + 14);
        off = 16;
    } else if (linktype == 101 || linktype == 12) {  /* raw IP */
        if (caplen < 1)
            return NULL;
        *type = (f[0] >> 4) == 6 ? 0x86dd : 0x0800;
        off = 0;
    } else {
        return NULL;
    }
    *len = caplen - off;
    return f + off;
}

static int floor_mmap(const char *path)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(path);
        return 1;
    }
    size_t size = (size_t)st.st_size;
    if (size < 24) {
        fprintf(stderr, "floor: %s: not a pcap file\n", path);
        return 1;
    }
    const uint8_t *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED) {
        perror(path);
        return 1;
    }
    madvise((void *)m, size, MADV_SEQUENTIAL);
    uint32_t magic;
    memcpy(&magic, m, 4);
    int swap = magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u;
    if (!swap && magic != 0xa1b2c3d4u && magic != 0xa1b23c4du) {
        fprintf(stderr, "floor: %s: not a classic pcap file\n", path);
        return 1;
    }
    uint32_t linktype = rd32(m + 20, swap) & 0xffff;
    uint64_t n = 0, tcp = 0, hash = 0;
    size_t off = 24;
    while (off + 16 <= size) {
        size_t caplen = rd32(m + off + 8, swap);
        const uint8_t *f = m + off + 16;
        if (caplen > size - off - 16) {
            fprintf(stderr, "floor: %s: truncated record\n", path);
            return 1;
        }
        off += 16 + caplen;
        n++;
        uint16_t type = 0;
        size_t len = 0;
        const uint8_t *ip = net_header(f, caplen, linktype, &type, &len);
        uint64_t h = ip ? tuple_hash(ip, len, type) : 0;
        if (h) {
            tcp++;
            hash += h;
        }
    }
    munmap((void *)m, size);
    printf("%" PRIu64 " packets, %" PRIu64 " TCP, hash %016" PRIx64 "\n",
           n, tcp, hash);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "pcap"))
        return floor_pcap(argv[2]);
    if (argc == 3 && !strcmp(argv[1], "mmap"))
        return floor_mmap(argv[2]);
    fprintf(stderr, "usage: floor pcap|mmap FILE\n");
    return 2;
}

/*
 * pcap_map.c - classic pcap files read from a memory mapping (see
 * pcap_map.h for what it takes and what it declines).
 *
 * Every field is read through field16() or field32() once its offset has
 * been checked against the file size; offsets are 64-bit, so files past
 * 4 GB read like any other.  A file that another program cuts short while
 * it is read is noticed every 4 MiB (fstat), and what is gone reads as a
 * cut record; a cut inside the 4 MiB being read can still end the process
 * with SIGBUS, as with any mapped file.  Pages already walked past are dropped from the mapping as
 * the cursor moves (they stay in the page cache), so resident memory stays
 * a few megabytes whatever the size of the file.
 *
 * The record checks mirror libpcap 1.10's savefile reader, message for
 * message: a record header cut short, a captured length over 262144 (the
 * most libpcap accepts for these link types), a captured length over the
 * file's snapshot length (the record is cut to the snapshot length and the
 * rest skipped), and record data cut short.
 */
#include "source/pcap_map.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_HEADER 24u
#define RECORD_HEADER 16u
#define MAX_SNAPLEN 262144u           /* libpcap's MAXIMUM_SNAPLEN */
#define RELEASE_STEP (4u << 20)       /* drop walked pages every 4 MiB */
#define PREFETCH_AHEAD 4096u          /* stream a page ahead of the cursor */

#define MAGIC_USEC 0xa1b2c3d4u
#define MAGIC_NSEC 0xa1b23c4du

struct pcap_map {
    const uint8_t *base;
    uint64_t mapped;   /* bytes mapped (the size at open) */
    uint64_t size;     /* bytes that may be read: less if the file shrank */
    int fd;
    bool shrank;       /* the file got shorter while being read */
    uint64_t pos;      /* next record header */
    uint64_t released; /* pages below this are dropped from the mapping */
    bool swapped;      /* written in the other byte order */
    bool nano;         /* nanosecond time stamps */
    int linktype;
    uint32_t snaplen;
};

static uint32_t swap32(uint32_t v)
{
    return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
}

/* The 32-bit field at off (the caller has checked off + 4 <= size). */
static uint32_t field32(const struct pcap_map *m, uint64_t off)
{
    uint32_t v;
    memcpy(&v, m->base + off, sizeof v);
    return m->swapped ? swap32(v) : v;
}

/* The 16-bit field at off (the caller has checked off + 2 <= size). */
static uint16_t field16(const struct pcap_map *m, uint64_t off)
{
    uint16_t v;
    memcpy(&v, m->base + off, sizeof v);
    return m->swapped ? (uint16_t)(v >> 8 | v << 8) : v;
}

/* The link types whose LINKTYPE_ and DLT_ numbers tcplens maps itself. */
static bool linktype_known(uint32_t lt)
{
    switch (lt) {
    case LINKTYPE_NULL:
    case LINKTYPE_ETHERNET:
    case LINKTYPE_RAW:
    case LINKTYPE_LOOP:
    case LINKTYPE_LINUX_SLL:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
    case LINKTYPE_LINUX_SLL2:
        return true;
    default:
        return false;
    }
}

/* Fill m from the file header; false when this reader declines the file. */
static bool read_header(struct pcap_map *m)
{
    uint32_t magic;
    memcpy(&magic, m->base, sizeof magic);
    if (magic != MAGIC_USEC && magic != MAGIC_NSEC) {
        magic = swap32(magic);
        if (magic != MAGIC_USEC && magic != MAGIC_NSEC)
            return false;
        m->swapped = true;
    }
    m->nano = magic == MAGIC_NSEC;
    uint16_t major = field16(m, 4), minor = field16(m, 6);
    uint32_t snaplen = field32(m, 16), linktype = field32(m, 20);
    if (major != 2 || minor != 4 || !linktype_known(linktype))
        return false;
    m->linktype = (int)linktype;
    m->snaplen = snaplen == 0 || snaplen > MAX_SNAPLEN ? MAX_SNAPLEN : snaplen;
    m->pos = m->released = FILE_HEADER;
    return true;
}

struct pcap_map *pcap_map_open(const char *path)
{
    if (strcmp(path, "-") == 0)
        return NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    struct pcap_map *m = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= (off_t)FILE_HEADER &&
        (uint64_t)st.st_size <= SIZE_MAX && (m = calloc(1, sizeof *m)) != NULL) {
        m->fd = fd;
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            m->base = p;
            m->mapped = m->size = (uint64_t)st.st_size;
            (void)madvise(p, (size_t)m->size, MADV_SEQUENTIAL);
        }
    } else {
        close(fd);
    }
    if (m && (!m->base || !read_header(m))) {
        pcap_map_close(m);
        m = NULL;
    }
    return m;
}

int pcap_map_linktype(const struct pcap_map *m) { return m->linktype; }

int pcap_map_snaplen(const struct pcap_map *m) { return (int)m->snaplen; }

/* Every RELEASE_STEP: drop the pages wholly before the record at m->pos
 * from the mapping, and look whether the file shrank (truncated by another
 * program while being read): reading a mapped page past its new end would
 * kill the process with SIGBUS, so what is gone becomes a cut record. */
static void release_behind(struct pcap_map *m)
{
    if (m->pos < m->released + RELEASE_STEP)
        return;
    struct stat st;
    if (fstat(m->fd, &st) == 0 && (uint64_t)st.st_size < m->size) {
        m->size = st.st_size < (off_t)m->pos ? m->pos : (uint64_t)st.st_size;
        m->shrank = true;
    }
    uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
    uint64_t upto = m->pos / page * page;
    uint64_t from = m->released / page * page;
    (void)madvise((void *)(m->base + from), (size_t)(upto - from), MADV_DONTNEED);
    m->released = upto;
}

int pcap_map_next(struct pcap_map *m, struct frame *out, char err[DIAG_ERRLEN])
{
    release_behind(m);
    uint64_t left = m->size - m->pos;
    if (left == 0 && m->shrank) {
        diag_set(err, "the file was cut short while being read");
        return -1;
    }
    if (left == 0)
        return 0;
    if (left < RECORD_HEADER) {
        diag_set(err, "truncated dump file; tried to read %u header bytes, only got %llu",
                 RECORD_HEADER, (unsigned long long)left);
        return -1;
    }
    int32_t sec = (int32_t)field32(m, m->pos), frac = (int32_t)field32(m, m->pos + 4);
    uint32_t caplen = field32(m, m->pos + 8), wirelen = field32(m, m->pos + 12);
    uint64_t body = m->pos + RECORD_HEADER;
    left -= RECORD_HEADER;
    if (caplen > MAX_SNAPLEN) {
        diag_set(err, "invalid packet capture length %u, bigger than snaplen of %u", caplen,
                 m->snaplen);
        return -1;
    }
    uint32_t kept = caplen > m->snaplen ? m->snaplen : caplen;
    if (left < caplen) {
        diag_set(err, "truncated dump file; tried to read %u captured bytes, only got %llu",
                 left < kept ? kept : caplen, (unsigned long long)left);
        return -1;
    }
    out->ts_sec = sec;
    out->ts_nsec = m->nano ? (int64_t)frac : (int64_t)frac * 1000;
    out->caplen = kept;
    out->wirelen = wirelen;
    out->linktype = m->linktype;
    out->data = m->base + body;
    m->pos = body + caplen;
    /* While this frame is worked on, bring the next record's header and
     * protocol headers into the cache, and the bytes a page further on (the
     * hardware prefetcher stops at page boundaries): a cache miss there was
     * a fifth of the time of tcplens conns on a file already in memory. */
    if (m->size - m->pos >= PREFETCH_AHEAD + 128) {
        __builtin_prefetch(m->base + m->pos);
        __builtin_prefetch(m->base + m->pos + 64);
        __builtin_prefetch(m->base + m->pos + PREFETCH_AHEAD);
        __builtin_prefetch(m->base + m->pos + PREFETCH_AHEAD + 64);
    }
    return 1;
}

void pcap_map_close(struct pcap_map *m)
{
    if (!m)
        return;
    if (m->base)
        munmap((void *)m->base, (size_t)m->mapped);
    close(m->fd);
    free(m);
}

/*
 * export.c - every followed connection written to files (export.h).
 *
 * Files are plain descriptors with a buffer each (stdio's FILE costs a
 * walk of every open stream on each fclose, which thousands of open files
 * make quadratic).  At most MAX_OPEN_FILES are open, within the process's
 * descriptor limit (raised toward its hard ceiling if need be), kept on a
 * list in order of use, so the least recently written one is closed in
 * constant time when a new one needs room; a direction whose file was
 * closed is reopened for appending.  Finished connections stop writing,
 * so their files are the ones that go.  The first open of a file
 * truncates it, so a rerun into the same directory starts clean.
 */
#include "report/export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/sb.h"

#define MAX_OPEN_FILES 8192
#define SPARE_FDS 64 /* descriptors left for everything else */
#define FILE_BUFFER 4096
#define NAME_MAX_LEN 128

struct exported;

struct slot {
    int fd;          /* -1: free */
    char *buf;       /* FILE_BUFFER bytes, allocated on first use */
    size_t len;      /* bytes waiting in buf */
    struct exported *owner;
    int node;
    int prev, next;  /* neighbours in order of use (-1: none) */
};

/* One connection being written. */
struct exported {
    struct exporter *e;
    uint64_t stream;
    char name[2][NAME_MAX_LEN]; /* file of node 0's data, node 1's */
    bool created[2];
    int slot[2];                /* its open file, or -1 */
    int first;                  /* side of node 0 */
};

struct exporter {
    char *dir;
    FILE *index;
    struct slot *slots;
    int nslots;
    int head, tail;  /* most and least recently used slot */
    bool failed;
    char err[DIAG_ERRLEN];
};

static void fail(struct exporter *e, const char *what, const char *name)
{
    if (e->failed)
        return;
    e->failed = true;
    diag_set(e->err, "%s/%s: %s: %s", e->dir, name, what, strerror(errno));
}

/* How many files may be open at once: MAX_OPEN_FILES if the descriptor
 * limit allows (raising the soft limit toward the hard one), fewer if not. */
static int open_file_budget(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return 16;
    rlim_t want = MAX_OPEN_FILES + SPARE_FDS;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
        (void)setrlimit(RLIMIT_NOFILE, &rl);
        (void)getrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want)
        return MAX_OPEN_FILES;
    return rl.rlim_cur > 2 * SPARE_FDS ? (int)(rl.rlim_cur - SPARE_FDS) : 16;
}

struct exporter *export_new(const char *dir, char err[DIAG_ERRLEN])
{
    if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
        diag_set(err, "%s: %s", dir, strerror(errno));
        return NULL;
    }
    struct exporter *e = calloc(1, sizeof *e);
    int n = open_file_budget();
    if (!e || !(e->dir = strdup(dir)) || !(e->slots = calloc((size_t)n, sizeof *e->slots))) {
        if (e)
            free(e->dir);
        free(e);
        diag_set(err, "out of memory");
        return NULL;
    }
    e->nslots = n;
    for (int i = 0; i < n; i++) {
        e->slots[i].fd = -1;
        e->slots[i].prev = i - 1;
        e->slots[i].next = i + 1 < n ? i + 1 : -1;
    }
    e->head = 0;
    e->tail = n - 1;
    char path[4096];
    snprintf(path, sizeof path, "%s/index.tsv", dir);
    e->index = fopen(path, "w");
    if (!e->index) {
        diag_set(err, "%s: %s", path, strerror(errno));
        export_free(e);
        return NULL;
    }
    fputs("stream\tclient\tserver\tfile_client\tfile_server\tbytes_client\tbytes_server"
          "\tgaps\tmissing_bytes\tconflict_bytes\tunchecked_bytes\tafter_fin_bytes\n",
          e->index);
    return e;
}

/* ---- names ------------------------------------------------------------- */

static void endpoint_name(struct sb *b, const struct endpoint *ep)
{
    if (ep->addr.family == 4) {
        for (int i = 0; i < 4; i++) {
            sb_u32w(b, ep->addr.b[i], 3);
            sb_ch(b, '.');
        }
    } else {
        addr_format(b, &ep->addr);
        sb_ch(b, '.');
    }
    sb_u32w(b, ep->port, 5);
}

static void file_name(char out[NAME_MAX_LEN], const struct conn *c, int from)
{
    struct sb b;
    sb_init(&b, out, NAME_MAX_LEN - 1, NULL);
    sb_u64(&b, c->stream);
    sb_ch(&b, '-');
    endpoint_name(&b, &c->ep[from]);
    sb_ch(&b, '-');
    endpoint_name(&b, &c->ep[!from]);
    out[b.len] = '\0';
}

/* ---- files ------------------------------------------------------------- */

static void unlink_slot(struct exporter *e, int i)
{
    struct slot *s = &e->slots[i];
    if (s->prev >= 0)
        e->slots[s->prev].next = s->next;
    else
        e->head = s->next;
    if (s->next >= 0)
        e->slots[s->next].prev = s->prev;
    else
        e->tail = s->prev;
}

/* Slot i becomes the most recently used (to_head) or the next to go. */
static void move_slot(struct exporter *e, int i, bool to_head)
{
    if (i == (to_head ? e->head : e->tail))
        return;
    unlink_slot(e, i);
    struct slot *s = &e->slots[i];
    if (to_head) {
        s->prev = -1;
        s->next = e->head;
        e->slots[e->head].prev = i;
        e->head = i;
    } else {
        s->next = -1;
        s->prev = e->tail;
        e->slots[e->tail].next = i;
        e->tail = i;
    }
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static void flush_slot(struct exporter *e, struct slot *s)
{
    if (s->len && !write_all(s->fd, s->buf, s->len))
        fail(e, "write", s->owner->name[s->node]);
    s->len = 0;
}

static void close_slot(struct exporter *e, int i)
{
    struct slot *s = &e->slots[i];
    if (s->fd < 0)
        return;
    flush_slot(e, s);
    if (close(s->fd) != 0)
        fail(e, "write", s->owner->name[s->node]);
    s->owner->slot[s->node] = -1;
    s->fd = -1;
    s->owner = NULL;
    move_slot(e, i, false);
}

/* Append n bytes to a slot's file through its buffer. */
static void slot_write(struct exporter *e, struct slot *s, const uint8_t *p, size_t n)
{
    if (s->len + n > FILE_BUFFER)
        flush_slot(e, s);
    if (n >= FILE_BUFFER) {
        if (!write_all(s->fd, (const char *)p, n))
            fail(e, "write", s->owner->name[s->node]);
        return;
    }
    memcpy(s->buf + s->len, p, n);
    s->len += n;
}

static struct slot *file_for(struct exported *x, int node)
{
    struct exporter *e = x->e;
    int i = x->slot[node];
    if (i < 0) {
        i = e->tail;
        close_slot(e, i);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", e->dir, x->name[node]);
        struct slot *s = &e->slots[i];
        if (!s->buf && !(s->buf = malloc(FILE_BUFFER))) {
            fail(e, "open", x->name[node]);
            return NULL;
        }
        int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (x->created[node] ? O_APPEND : O_TRUNC);
        int fd = open(path, flags, 0666);
        if (fd < 0) {
            fail(e, "open", x->name[node]);
            return NULL;
        }
        x->created[node] = true;
        e->slots[i].fd = fd;
        e->slots[i].owner = x;
        e->slots[i].node = node;
        x->slot[node] = i;
    }
    move_slot(e, i, true);
    return &e->slots[i];
}

/* ---- the hooks ---------------------------------------------------------- */

static void *on_open(void *ctx, const struct conn *c)
{
    struct exporter *e = ctx;
    struct exported *x = calloc(1, sizeof *x);
    if (!x) {
        errno = ENOMEM;
        fail(e, "connection", "");
        return NULL;
    }
    x->e = e;
    x->stream = c->stream;
    x->first = c->flipped ? SERVER : CLIENT;
    for (int node = 0; node < 2; node++) {
        file_name(x->name[node], c, x->first ^ node);
        x->slot[node] = -1;
    }
    return x;
}

static void on_data(void *ctx, int node, uint64_t frame, nstime ts, uint64_t off,
                    const uint8_t *p, uint32_t n)
{
    struct exported *x = ctx;
    (void)frame;
    (void)ts;
    (void)off;
    struct slot *s = file_for(x, node);
    if (s)
        slot_write(x->e, s, p, n);
}

static void endpoint_text(FILE *f, const struct endpoint *ep)
{
    char buf[64];
    struct sb b;
    sb_init(&b, buf, sizeof buf, f);
    addr_port_format(&b, &ep->addr, ep->port);
    sb_flush(&b);
}

static void on_close(void *conn_ctx, const struct conn *c, const struct reasm *r)
{
    struct exported *x = conn_ctx;
    struct exporter *e = x->e;
    FILE *f = e->index;
    fprintf(f, "%llu\t", (unsigned long long)c->stream);
    endpoint_text(f, &c->ep[CLIENT]);
    fputc('\t', f);
    endpoint_text(f, &c->ep[SERVER]);
    const struct reasm_counts *k[2];
    for (int side = 0; side < 2; side++) {
        int node = side ^ x->first;
        k[side] = reasm_counts(r, node);
        fprintf(f, "\t%s", x->created[node] ? x->name[node] : "-");
    }
    fprintf(f, "\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\n",
            (unsigned long long)k[0]->delivered, (unsigned long long)k[1]->delivered,
            (unsigned long long)(k[0]->gaps + k[1]->gaps),
            (unsigned long long)(k[0]->missing + k[1]->missing),
            (unsigned long long)(k[0]->conflicts + k[1]->conflicts),
            (unsigned long long)(k[0]->unchecked + k[1]->unchecked),
            (unsigned long long)(k[0]->after_fin + k[1]->after_fin));
    for (int node = 0; node < 2; node++)
        if (x->slot[node] >= 0)
            close_slot(e, x->slot[node]);
    free(x);
}

/* gaps, conflicts and data after a FIN are counted by reassembly and
 * reported in the index */
static const struct reasm_sink sink = {.data = on_data};

const struct follow_hooks export_hooks = {.open = on_open, .sink = &sink, .close = on_close};

bool export_finish(struct exporter *e, char err[DIAG_ERRLEN])
{
    for (int i = 0; i < e->nslots; i++)
        close_slot(e, i);
    if (e->index && fclose(e->index) != 0)
        fail(e, "write", "index.tsv");
    e->index = NULL;
    if (e->failed)
        diag_set(err, "%s", e->err);
    return !e->failed;
}

void export_free(struct exporter *e)
{
    if (!e)
        return;
    for (int i = 0; e->slots && i < e->nslots; i++) {
        close_slot(e, i);
        free(e->slots[i].buf);
    }
    if (e->index)
        fclose(e->index);
    free(e->slots);
    free(e->dir);
    free(e);
}

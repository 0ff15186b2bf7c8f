/*
 * export.c - every followed connection written to files (export.h).
 *
 * Open files are few (OPEN_FILES), kept in order of use; a direction
 * whose file was closed to make room is reopened for appending.  The first
 * open of a file truncates it, so a rerun into the same directory starts
 * clean.
 */
#include "report/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/sb.h"

#define OPEN_FILES 64
#define NAME_MAX_LEN 128

struct exported;

struct slot {
    FILE *f;
    struct exported *owner;
    int node;
    uint64_t used;   /* when it was last written (a counter) */
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
    struct slot slots[OPEN_FILES];
    uint64_t clock;
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

struct exporter *export_new(const char *dir, char err[DIAG_ERRLEN])
{
    if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
        diag_set(err, "%s: %s", dir, strerror(errno));
        return NULL;
    }
    struct exporter *e = calloc(1, sizeof *e);
    if (!e || !(e->dir = strdup(dir))) {
        free(e);
        diag_set(err, "out of memory");
        return NULL;
    }
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

static void close_slot(struct exporter *e, int i)
{
    struct slot *s = &e->slots[i];
    if (!s->f)
        return;
    if (fclose(s->f) != 0)
        fail(e, "write", s->owner->name[s->node]);
    s->owner->slot[s->node] = -1;
    s->f = NULL;
    s->owner = NULL;
}

static FILE *file_for(struct exported *x, int node)
{
    struct exporter *e = x->e;
    int i = x->slot[node];
    if (i < 0) {
        i = 0;
        for (int j = 0; j < OPEN_FILES; j++) {
            if (!e->slots[j].f) {
                i = j;
                break;
            }
            if (e->slots[j].used < e->slots[i].used)
                i = j;
        }
        close_slot(e, i);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", e->dir, x->name[node]);
        FILE *f = fopen(path, x->created[node] ? "ab" : "wb");
        if (!f) {
            fail(e, "open", x->name[node]);
            return NULL;
        }
        x->created[node] = true;
        e->slots[i] = (struct slot){.f = f, .owner = x, .node = node};
        x->slot[node] = i;
    }
    e->slots[i].used = ++e->clock;
    return e->slots[i].f;
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
    FILE *f = file_for(x, node);
    if (f && fwrite(p, 1, n, f) != n)
        fail(x->e, "write", x->name[node]);
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
    for (int i = 0; i < OPEN_FILES; i++)
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
    for (int i = 0; i < OPEN_FILES; i++)
        close_slot(e, i);
    if (e->index)
        fclose(e->index);
    free(e->dir);
    free(e);
}

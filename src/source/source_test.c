/* source_test.c - the libpcap source: files that read, files that fail
 * (missing, not a capture, cut short), filters, and -w round trips.  The
 * captures are written by the test itself, byte by byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "source/source.h"

static char dir[] = "/tmp/tcplens-source-XXXXXX";

/* A classic little-endian pcap of link type 101 (raw IP) holding `n`
 * copies of one 20-byte IPv4 header (protocol 6 or 17 alternately),
 * the last record cut to `last_cut` bytes if non-zero. */
static const char *write_capture(const char *name, int n, uint32_t last_cut)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    const uint32_t hdr[6] = {0xa1b2c3d4, 0x00040002, 0, 0, 65535, 101};
    fwrite(hdr, 4, 6, f);
    for (int i = 0; i < n; i++) {
        uint8_t ip[20] = {0x45, 0, 0, 20, 0, 0, 0, 0, 64, (uint8_t)(i % 2 ? 17 : 6), 0, 0,
                          10, 0, 0, 1, 10, 0, 0, 2};
        const uint32_t rec[4] = {1700000000u + (uint32_t)i, 500, 20, 20};
        fwrite(rec, 4, 4, f);
        fwrite(ip, 1, i == n - 1 && last_cut ? last_cut : 20, f);
    }
    fclose(f);
    return path;
}

static int count_frames(struct source *s, enum source_status *end)
{
    char err[DIAG_ERRLEN];
    struct frame fr;
    int n = 0;
    while ((*end = source_next(s, &fr, err)) == SOURCE_FRAME) {
        assert_int_equal(fr.caplen, 20);
        assert_int_equal(fr.linktype, LINKTYPE_RAW);
        assert_int_equal(fr.ts_nsec, 500000); /* 500 us, kept at nanosecond precision */
        assert_int_equal(fr.num, (uint64_t)++n);
    }
    return n;
}

static int count_frames_filtered(struct source *s)
{
    char err[DIAG_ERRLEN];
    struct frame fr;
    int n = 0;
    while (source_next(s, &fr, err) == SOURCE_FRAME) {
        assert_int_equal(fr.data[9], 17);
        n++;
    }
    return n;
}

static void reads_every_frame(void **state)
{
    (void)state;
    char err[DIAG_ERRLEN];
    struct source *s = source_open_file(write_capture("ok.pcap", 4, 0), err);
    assert_non_null(s);
    enum source_status end;
    assert_int_equal(count_frames(s, &end), 4);
    assert_int_equal(end, SOURCE_END);
    source_close(s);
}

static void filter_selects(void **state)
{
    (void)state;
    char err[DIAG_ERRLEN];
    struct source *s = source_open_file(write_capture("f.pcap", 4, 0), err);
    assert_int_equal(source_set_filter(s, "udp", err), 0);
    assert_int_equal(count_frames_filtered(s), 2); /* frames 2 and 4 are UDP */
    source_close(s);
}

static void bad_filter_is_reported(void **state)
{
    (void)state;
    char err[DIAG_ERRLEN];
    struct source *s = source_open_file(write_capture("b.pcap", 1, 0), err);
    assert_int_equal(source_set_filter(s, "tcp port", err), -1);
    assert_non_null(strstr(err, "bad filter expression 'tcp port'"));
    source_close(s);
}

static void missing_and_bogus_files(void **state)
{
    (void)state;
    char err[DIAG_ERRLEN], path[256];
    snprintf(path, sizeof path, "%s/none.pcap", dir);
    assert_null(source_open_file(path, err));
    assert_non_null(strstr(err, "No such file"));
    snprintf(path, sizeof path, "%s/text.pcap", dir);
    FILE *f = fopen(path, "w");
    fputs("not a capture at all, just some text\n", f);
    fclose(f);
    assert_null(source_open_file(path, err));
    assert_non_null(strstr(err, "unknown file format"));
}

static void record_cut_short(void **state)
{
    (void)state;
    char err[DIAG_ERRLEN];
    struct source *s = source_open_file(write_capture("cut.pcap", 3, 7), err);
    struct frame fr;
    assert_int_equal(source_next(s, &fr, err), SOURCE_FRAME);
    assert_int_equal(source_next(s, &fr, err), SOURCE_FRAME);
    assert_int_equal(source_next(s, &fr, err), SOURCE_ERROR); /* the first two survive */
    assert_non_null(strstr(err, "truncated"));
    source_close(s);
}

static void write_then_read_back(void **state)
{
    (void)state;
    char err[DIAG_ERRLEN], out[256];
    struct source *s = source_open_file(write_capture("w.pcap", 3, 0), err);
    snprintf(out, sizeof out, "%s/out.pcap", dir);
    struct dump *d = dump_open(s, out, err);
    assert_non_null(d);
    struct frame fr;
    while (source_next(s, &fr, err) == SOURCE_FRAME)
        dump_frame(d, &fr);
    assert_int_equal(dump_close(d, err), 0);
    source_close(s);
    s = source_open_file(out, err);
    assert_non_null(s);
    enum source_status end;
    assert_int_equal(count_frames(s, &end), 3);
    source_close(s);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_every_frame),       cmocka_unit_test(filter_selects),
        cmocka_unit_test(bad_filter_is_reported),  cmocka_unit_test(missing_and_bogus_files),
        cmocka_unit_test(record_cut_short),        cmocka_unit_test(write_then_read_back),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

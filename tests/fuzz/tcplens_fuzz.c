/*
 * tcplens_fuzz.c - libFuzzer entry for the whole program: the input is a
 * capture file (pcap or pcapng, any bytes at all), and each input is run
 * through the real command line and pipeline in every output mode - the
 * file reader, decode, track, and every printer: tcpdump lines with all
 * the detail options, -V, --explain, --json, conns (table, CSV, JSON, with
 * eviction and idle expiry), follow in every format, --all export, the
 * ladder and its SVG, and the -w writer.
 *
 * Built by `make fuzz` (meson -Dfuzz=true, clang, -fsanitize=fuzzer,
 * address, undefined).  Standard output goes to /dev/null; scratch files
 * live in a private directory under /tmp, emptied after every input and
 * removed at exit.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli.h"
#include "run.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char capture[64]; /* /proc/self/fd/N of the input's memfd */
static int capture_fd = -1;
static char scratch[64]; /* export directory */
static char svg[96];
static char dump[96];

/* Every mode, with as many of its options as one run can take.  "@" stands
 * for the capture, "%e" for the export directory, "%s" for the SVG file,
 * "%w" for the -w file. */
static const char *const modes[][16] = {
    {"-n", "-r", "@"},
    {"-#", "-vvv", "-e", "-x", "-S", "-tttt", "--states", "--analysis", "-r", "@"},
    {"-A", "-q", "-ttt", "--nano", "-r", "@"},
    {"-X", "-v", "-ttttt", "--explain", "-r", "@"},
    {"-V", "--explain", "-r", "@"},
    {"--json", "-r", "@"},
    {"-w", "%w", "--print", "-n", "-r", "@", "tcp"},
    {"conns", "-r", "@"},
    {"conns", "--json", "--max-conns", "3", "-r", "@"},
    {"conns", "--csv", "--idle-timeout", "1", "-r", "@"},
    {"follow", "0", "-r", "@"},
    {"follow", "1", "--format", "hex", "-r", "@"},
    {"follow", "0", "--format", "yaml", "-r", "@"},
    {"follow", "0", "--format", "bin", "--dir", "server", "-r", "@"},
    {"follow", "--all", "-o", "%e", "-r", "@"},
    {"ladder", "0", "--full", "--color", "--svg", "%s", "-r", "@"},
    {"ladder", "1", "-r", "@"},
};

static const char *expand(const char *arg)
{
    if (strcmp(arg, "@") == 0)
        return capture;
    if (strcmp(arg, "%e") == 0)
        return scratch;
    if (strcmp(arg, "%s") == 0)
        return svg;
    if (strcmp(arg, "%w") == 0)
        return dump;
    return arg;
}

static void empty_scratch(void)
{
    DIR *d = opendir(scratch);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
}

static void remove_scratch(void)
{
    empty_scratch();
    rmdir(scratch);
    unlink(svg);
    unlink(dump);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!freopen("/dev/null", "w", stdout))
        abort();
    capture_fd = memfd_create("capture", 0);
    strcpy(scratch, "/tmp/tcplens-fuzz-XXXXXX");
    if (capture_fd < 0 || !mkdtemp(scratch))
        abort();
    snprintf(capture, sizeof capture, "/proc/self/fd/%d", capture_fd);
    snprintf(svg, sizeof svg, "%s.svg", scratch);
    snprintf(dump, sizeof dump, "%s.pcap", scratch);
    atexit(remove_scratch);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (ftruncate(capture_fd, 0) < 0 || pwrite(capture_fd, data, size, 0) != (ssize_t)size)
        abort();
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        char *argv[18] = {"tcplens"};
        int argc = 1;
        for (size_t i = 0; i < 16 && modes[m][i]; i++)
            argv[argc++] = (char *)expand(modes[m][i]);
        struct config cfg;
        char err[DIAG_ERRLEN] = "";
        if (cli_parse(argc, argv, &cfg, err) != CLI_RUN)
            abort(); /* the option sets above are all valid */
        run(&cfg);
        cli_free(&cfg);
    }
    empty_scratch();
    return 0;
}

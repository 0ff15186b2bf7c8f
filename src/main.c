/*
 * main.c - the tcplens command: parses the command line and either
 * answers it directly (--version, -D) or hands it to run().
 */
#include <stdio.h>

#include "base/diag.h"
#include "cli.h"
#include "run.h"
#include "source/source.h"
#include "track/track.h"

int main(int argc, char **argv)
{
    struct config cfg;
    char err[DIAG_ERRLEN] = "";
    switch (cli_parse(argc, argv, &cfg, err)) {
    case CLI_EXIT_OK:
        cli_free(&cfg);
        return EXIT_OK;
    case CLI_ERROR:
        diag_warn("%s", err);
        cli_usage(stderr);
        cli_free(&cfg);
        return EXIT_USAGE;
    case CLI_RUN:
        break;
    }
    int rc;
    if (cfg.show_version) {
        printf("tcplens version %s\n%s\n%zu bytes per tracked connection\n", TCPLENS_VERSION,
               source_lib_version(), track_conn_bytes());
        cli_free(&cfg);
        return EXIT_OK;
    }
    if (cfg.list_ifaces) {
        rc = source_list_interfaces(err) == 0 ? EXIT_OK : EXIT_FAIL;
        if (rc != EXIT_OK)
            diag_warn("%s", err);
    } else {
        rc = run(&cfg);
    }
    cli_free(&cfg);
    return rc;
}

/*
 * run.h - one run of tcplens over a parsed command line: the whole
 * pipeline (source -> decode -> track -> report) from opening the source
 * to the exit code.  main() calls it once; the fuzz target calls it over
 * and over, so it keeps no state between calls.
 */
#ifndef TCPLENS_RUN_H
#define TCPLENS_RUN_H

#include "cli.h"

/* Run cfg to the end of its input; returns the process exit code. */
int run(const struct config *cfg);

#endif

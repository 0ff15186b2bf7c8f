/*
 * diag.h - one-line diagnostics and the exit codes of tcplens.
 *
 * Library code never prints or exits: it fills a caller-owned `char
 * err[DIAG_ERRLEN]` and returns a failure value.  Only main() turns that
 * into "tcplens: <what>: <why>" on stderr and an exit code.
 */
#ifndef TCPLENS_BASE_DIAG_H
#define TCPLENS_BASE_DIAG_H

#include <stddef.h>

#define DIAG_ERRLEN 512

enum exit_code {
    EXIT_OK = 0,
    EXIT_FAIL = 1,  /* bad input file, filter, interface, permission, write error */
    EXIT_USAGE = 2, /* bad command line */
};

/* Format into err (always NUL-terminated, cut if too long). */
void diag_set(char err[DIAG_ERRLEN], const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "tcplens: " + message + newline on stderr. */
void diag_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

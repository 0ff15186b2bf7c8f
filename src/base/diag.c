/* diag.c - error-buffer formatting and stderr warnings. */
#include "base/diag.h"

#include <stdarg.h>
#include <stdio.h>

void diag_set(char err[DIAG_ERRLEN], const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, DIAG_ERRLEN, fmt, ap);
    va_end(ap);
}

void diag_warn(const char *fmt, ...)
{
    va_list ap;
    fputs("tcplens: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

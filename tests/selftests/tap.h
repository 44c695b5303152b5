/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal TAP producer for the in-host tests.  Each check prints one
 * "ok N - name" or "not ok N - name" line; tap_done() prints the plan
 * and returns the exit status (non-zero when anything failed).
 */
#ifndef KVM_E500_TAP_H
#define KVM_E500_TAP_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failures;

static inline void tap_start(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n");
}

static inline int tap_begin(int cond)
{
	tap_count++;
	if (!cond)
		tap_failures++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	return cond;
}

/*
 * tap_check(cond, fmt, ...): one test point; evaluates to cond.  A
 * macro so that the compiler checks the format against its arguments.
 */
#define tap_check(cond, ...) ({				\
	int __ok = tap_begin(!!(cond));			\
	printf(__VA_ARGS__);				\
	printf("\n");					\
	__ok;						\
})

/* tap_diag(fmt, ...): a diagnostic line */
#define tap_diag(...) ({				\
	printf("# ");					\
	printf(__VA_ARGS__);				\
	printf("\n");					\
})

/* ret == -1 with errno == err; says what happened otherwise */
static inline int tap_errno(long ret, int err, const char *name)
{
	int e = errno;
	int good = ret == -1 && e == err;

	if (!good)
		tap_diag("%s: got %ld, errno %d (%s); want -1, errno %d (%s)",
			 name, ret, ret == -1 ? e : 0,
			 ret == -1 ? strerror(e) : "-", err, strerror(err));
	return tap_check(good, "%s fails with %s", name, strerror(err));
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failures ? 1 : 0;
}

#endif /* KVM_E500_TAP_H */

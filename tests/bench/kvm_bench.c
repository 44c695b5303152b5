// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm_bench guest ROW | bare ROW | list
 *
 * One benchmark workload per run, on a KVM host (guest: ours or the
 * upstream backend, standard uapi only) or natively on the bare host.
 * Prints "@@BENCH <row> <value> <unit>", or "@@BENCH <row> FAIL ..."
 * and exits 1.  See bench.h and Documentation/performance.md.
 */
#include <signal.h>
#include <stdlib.h>

#include "bench.h"

/* seconds of emulated host time: 10^10 instructions, no row needs 10% */
#define TIME_LIMIT	10

struct row {
	const char *name;
	int (*guest)(const char *row);
	int (*bare)(const char *row);
};

static const struct row rows[] = {
	{ "hcall", guest_simple, bare_syscall },
	{ "mmio", guest_mmio, bare_kernel },
	{ "ioeventfd", guest_ioeventfd, bare_eventfd },
	{ "mfspr", guest_simple, bare_kernel },
	{ "mtmsr", guest_simple, bare_kernel },
	{ "tlbmiss", guest_tlbmiss, bare_tlbmiss },
	{ "walk4k", guest_walk, bare_walk },
	{ "walkhuge", guest_walk, bare_walk },
	{ "irqfd", guest_irqfd, bare_kernel },
};

static const char *current;

static void timeout(int sig)
{
	char msg[96];
	int len = snprintf(msg, sizeof(msg), "@@BENCH %s FAIL time limit\n",
			   current ? current : "?");

	(void)sig;
	if (write(1, msg, len) < 0)
		_exit(3);
	_exit(2);
}

int main(int argc, char **argv)
{
	unsigned int i;

	if (argc == 2 && !strcmp(argv[1], "list")) {
		for (i = 0; i < ARRAY_LEN(rows); i++)
			printf("%s\n", rows[i].name);
		return 0;
	}
	if (argc != 3 || (strcmp(argv[1], "guest") && strcmp(argv[1], "bare"))) {
		fprintf(stderr, "usage: kvm_bench guest|bare ROW, kvm_bench list\n");
		return 2;
	}
	for (i = 0; i < ARRAY_LEN(rows); i++) {
		if (strcmp(rows[i].name, argv[2]))
			continue;
		current = rows[i].name;
		signal(SIGALRM, timeout);
		alarm(TIME_LIMIT);
		return argv[1][0] == 'g' ? rows[i].guest(current) :
					   rows[i].bare(current);
	}
	fprintf(stderr, "kvm_bench: no row '%s' (kvm_bench list)\n", argv[2]);
	return 2;
}

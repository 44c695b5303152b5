// SPDX-License-Identifier: GPL-2.0-only
/*
 * A guest loop of MMIO round trips: each iteration loads a word from
 * MMIO (userspace answers with the iteration number) and stores it back
 * plus one, so every exit is checked.  (The MMIO exit's cost is
 * scripts/bench's mmio row.)
 */
#include "mmio_loop.h"
#include "tap.h"

/* @n load+store round trips; returns the number that were right */
static unsigned long loop(struct guest *g, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		if (!mmio_loop_round(g, i))
			break;
	return i;
}

int main(void)
{
	unsigned long n = 100000, done;
	struct guest g;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create a guest for the MMIO loop"))
		return tap_done();
	mmio_loop_load(&g);
	done = loop(&g, n);
	tap_check(done == n, "%lu guest MMIO load+store round trips, each checked (%lu done)",
		  n, done);
	guest_destroy(&g);
	return tap_done();
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * A guest loop of MMIO round trips: each iteration loads a word from
 * MMIO (userspace answers with the iteration number) and stores it back
 * plus one, so every exit is checked.  (The MMIO exit's cost is
 * scripts/bench's mmio row.)
 */
#include "guest_mem_asm.h"

/* @n load+store round trips; returns the number that were right */
static unsigned long loop(struct guest *g, unsigned long n)
{
	struct kvm_run *run = g->run;
	unsigned long i;

	for (i = 0; i < n; i++) {
		if (ioctl(g->vcpu, KVM_RUN, 0) || run->exit_reason != KVM_EXIT_MMIO ||
		    run->mmio.phys_addr != GUEST_MMIO || run->mmio.is_write ||
		    run->mmio.len != 4)
			break;
		mmio_fill(run, i);
		if (ioctl(g->vcpu, KVM_RUN, 0) || run->exit_reason != KVM_EXIT_MMIO ||
		    run->mmio.phys_addr != GUEST_MMIO + 4 || !run->mmio.is_write ||
		    mmio_value(run) != (u32)i + 1)
			break;
	}
	return i;
}

int main(void)
{
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		I_LWZ(3, 0, 4),
		I_ADDI(3, 3, 1),
		I_STW(3, 4, 4),
		I_B(-12),
	};
	unsigned long n = 100000, done;
	struct guest g;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create a guest for the MMIO loop"))
		return tap_done();
	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_set_pc(&g, GUEST_CODE, 0);
	done = loop(&g, n);
	tap_check(done == n, "%lu guest MMIO load+store round trips, each checked (%lu done)",
		  n, done);
	guest_destroy(&g);
	return tap_done();
}

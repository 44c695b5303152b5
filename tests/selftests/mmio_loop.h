/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest loop of MMIO round trips that guest_mmio_loop_test and
 * migrate_test run: the guest loads a word from GUEST_MMIO, which
 * userspace answers with the round's number, and stores it plus one
 * to GUEST_MMIO + 4, for ever; userspace checks both exits.
 */
#ifndef KVM_E500_MMIO_LOOP_H
#define KVM_E500_MMIO_LOOP_H

#include "guest_asm.h"

/* the loop at GUEST_CODE, the vCPU about to start it; 0 or -1 */
static inline int mmio_loop_load(struct guest *g)
{
	static const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		I_LWZ(3, 0, 4),
		I_ADDI(3, 3, 1),
		I_STW(3, 4, 4),
		I_B(-12),
	};

	guest_code(g, GUEST_CODE, code, ARRAY_LEN(code));
	return guest_set_pc(g, GUEST_CODE, 0);
}

/* round @i: the load answered with @i, the store of @i + 1; 1 if right */
static inline int mmio_loop_round(struct guest *g, u32 i)
{
	struct kvm_run *run = g->run;

	if (ioctl(g->vcpu, KVM_RUN, 0) || run->exit_reason != KVM_EXIT_MMIO ||
	    run->mmio.phys_addr != GUEST_MMIO || run->mmio.is_write ||
	    run->mmio.len != 4)
		return 0;
	mmio_fill(run, i);
	return !ioctl(g->vcpu, KVM_RUN, 0) && run->exit_reason == KVM_EXIT_MMIO &&
	       run->mmio.phys_addr == GUEST_MMIO + 4 && run->mmio.is_write &&
	       mmio_value(run) == i + 1;
}

#endif /* KVM_E500_MMIO_LOOP_H */

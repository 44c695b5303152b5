// SPDX-License-Identifier: GPL-2.0-only
/*
 * The binary-statistics counter of each exit reason (enum e500v2_why).
 *
 * struct kvm_vcpu_stat is the kernel's (asm/kvm_host.h) and has named
 * fields for only some of our reasons; adding fields means patching
 * every host kernel.  The reasons without a field of their own use
 * fields Book E never updates otherwise, under their own names in the
 * stats file (stats.c): light_exits, halt_successful_wait, dbell_exits
 * (the e500v2 has no doorbells), gdbell_exits and pthru_bad_aff; ld
 * already holds the hypercalls.
 */
#include <linux/kvm_host.h>

#include "e500v2.h"

#define WHY(why, field) \
	[E500V2_WHY_##why] = offsetof(struct kvm_vcpu_stat, field)

const u16 e500v2_why_stat[E500V2_NR_WHY] = {
	WHY(EMULATED, emulated_inst_exits),
	WHY(PROGRAM, light_exits),		/* "program_exits" */
	WHY(HCALL, ld),				/* "hcalls" */
	WHY(SYSCALL, syscall_exits),
	WHY(DEC, dec_exits),
	WHY(EXTERNAL, ext_intr_exits),
	WHY(DSI, dsi_exits),
	WHY(ISI, isi_exits),
	WHY(ITLB_REAL, itlb_real_miss_exits),
	WHY(ITLB_VIRT, itlb_virt_miss_exits),
	WHY(DTLB_REAL, dtlb_real_miss_exits),
	WHY(DTLB_VIRT, dtlb_virt_miss_exits),
	WHY(MMIO, mmio_exits),
	WHY(ALIGNMENT, halt_successful_wait),	/* "alignment_exits" */
	WHY(SPE, dbell_exits),			/* "spe_exits" */
	WHY(DEBUG, gdbell_exits),		/* "debug_exits" */
	WHY(OTHER, pthru_bad_aff),		/* "other_exits" */
};

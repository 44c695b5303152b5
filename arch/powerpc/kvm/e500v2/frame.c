// SPDX-License-Identifier: GPL-2.0-only
/*
 * Build-time check that the assembly offsets in frame.h describe
 * struct e500v2_frame.
 */
#include <linux/build_bug.h>
#include <linux/stddef.h>

#include "frame.h"

#define CHECK(field, off) \
	static_assert(offsetof(struct e500v2_frame, field) == (off))

CHECK(gpr, EF_GPR(0));
CHECK(cr, EF_CR);
CHECK(xer, EF_XER);
CHECK(lr, EF_LR);
CHECK(ctr, EF_CTR);
CHECK(pc, EF_PC);
CHECK(msr, EF_MSR);
CHECK(dear, EF_DEAR);
CHECK(esr, EF_ESR);
CHECK(exit_nr, EF_EXIT);
CHECK(pid, EF_PID);
CHECK(ivpr, EF_IVPR);
CHECK(sprg3, EF_SPRG3);
CHECK(sprg7, EF_SPRG7);
CHECK(usprg0, EF_USPRG0);
CHECK(h_msr, EF_H_MSR);
CHECK(h_r1, EF_H_R1);
CHECK(h_r2, EF_H_R2);
CHECK(h_lr, EF_H_LR);
CHECK(h_cr, EF_H_CR);
CHECK(h_ivpr, EF_H_IVPR);
CHECK(h_pid, EF_H_PID);
CHECK(h_sprg3, EF_H_SPRG3);
CHECK(h_usprg0, EF_H_USPRG0);
CHECK(h_nv, EF_H_NV(13));
CHECK(spefscr, EF_SPEFSCR);
CHECK(h_spefscr, EF_H_SPEFSCR);
CHECK(regs, EF_REGS);
CHECK(pid1, EF_PID1);
CHECK(h_pid1, EF_H_PID1);
static_assert(sizeof(unsigned long) == 4);
static_assert(sizeof(struct e500v2_frame) >= EF_SIZE);

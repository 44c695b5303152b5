/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The e500v2 world-switch frame: guest registers the switch code loads
 * and saves, and the host state it puts back.  Shared by C and assembly,
 * so the layout is given as byte offsets; frame.c checks them against
 * the C structure at build time.
 *
 * The frame must live in the kernel's linear mapping: the switch code
 * touches it while the guest's interrupt vectors are installed, when a
 * TLB miss on a vmalloc or module address could not be handled.
 */
#ifndef KVM_E500V2_FRAME_H
#define KVM_E500V2_FRAME_H

#define EF_GPR(n)	((n) * 4)	/* only r5: the vector stubs' stash */
#define EF_CR		0x80
#define EF_XER		0x84
#define EF_LR		0x88
#define EF_CTR		0x8c
#define EF_PC		0x90	/* entry: where the guest resumes; exit: SRR0 */
#define EF_MSR		0x94	/* entry: shadow MSR; exit: SRR1 */
#define EF_DEAR		0x98	/* exit: DEAR */
#define EF_ESR		0x9c	/* exit: ESR */
#define EF_EXIT		0xa0	/* exit: interrupt vector number */
#define EF_PID		0xa4	/* host PID0 the guest runs under */
#define EF_IVPR		0xa8	/* our vector area */
#define EF_SPRG3	0xac	/* guest SPRG3..7: user-readable, so live */
#define EF_SPRG4	0xb0
#define EF_SPRG5	0xb4
#define EF_SPRG6	0xb8
#define EF_SPRG7	0xbc
#define EF_USPRG0	0xc0	/* user read/write: guest value while it runs */
#define EF_H_MSR	0xc4	/* host state */
#define EF_H_R1		0xc8
#define EF_H_R2		0xcc
#define EF_H_LR		0xd0
#define EF_H_CR		0xd4
#define EF_H_IVPR	0xd8
#define EF_H_PID	0xdc
#define EF_H_SPRG3	0xe0
#define EF_H_USPRG0	0xe4
#define EF_H_NV(n)	(0xe8 + ((n) - 13) * 4)	/* host r13..r31 */
#define EF_SPEFSCR	0x134	/* user-accessible: switched with the guest */
#define EF_H_SPEFSCR	0x138
#define EF_REGS		0x13c	/* the vCPU's r0..r31 (pt_regs.gpr) */
#define EF_PID1		0x140	/* host PID1 the guest runs under */
#define EF_H_PID1	0x144
#define EF_SIZE		0x148

/* guest r0..r31 are loaded from and saved to *EF_REGS directly */
#define EF_VGPR(n)	((n) * 4)

/* The frame's address sits in SPRG2 while the guest's vectors are live. */
#define SPRN_EF_FRAME	SPRN_SPRG2
/* Scratch for the vector stubs (SPRG0) and for machine checks (SPRG1). */
#define SPRN_EF_SCRATCH	SPRN_SPRG0
#define SPRN_EF_MC_SCRATCH	SPRN_SPRG1

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct e500v2_frame {
	u32 gpr[32];		/* gpr[5] only, see EF_GPR */
	u32 cr, xer, lr, ctr;
	u32 pc, msr;
	u32 dear, esr;
	u32 exit_nr;
	u32 pid;
	u32 ivpr;
	u32 sprg3, sprg4, sprg5, sprg6, sprg7;
	u32 usprg0;
	u32 h_msr, h_r1, h_r2, h_lr, h_cr, h_ivpr, h_pid, h_sprg3, h_usprg0;
	u32 h_nv[19];		/* r13 too: user r13 survives syscalls in it */
	u32 spefscr, h_spefscr;
	unsigned long *regs;	/* &vcpu->arch.regs.gpr[0], same object */
	u32 pid1, h_pid1;
} __aligned(32);

/* enter the guest described by @f; returns the exit's vector number */
u32 e500v2_enter(struct e500v2_frame *f, unsigned long switch_entry);

/* the position-independent switch block, copied into the vector area */
extern const u32 e500v2_switch_begin[], e500v2_switch_end[];
extern const u32 e500v2_switch_enter[], e500v2_switch_exit[];
#endif

#endif /* KVM_E500V2_FRAME_H */

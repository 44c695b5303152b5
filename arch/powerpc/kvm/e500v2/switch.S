/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * e500v2 world switch.
 *
 * e500v2_enter() runs in module text.  It saves the host's non-volatile
 * registers in the frame and calls the switch block, a position-
 * independent copy of [e500v2_switch_begin, e500v2_switch_end) placed
 * in the 64 KiB vector area (kernel linear mapping) beside the vector
 * stubs, so that nothing it touches can take a TLB miss while the
 * guest's IVPR is installed.
 *
 * While the guest's vectors are live (from the IVPR write on entry to
 * the IVPR write on exit) MSR[CE] and MSR[DE] are 0 in host and guest
 * alike, so only machine checks can interrupt the switch code.
 *
 * The guest runs with PID0 and PID1 set to the host TIDs of its current
 * translation context (mmu.c); the host's values come back at exit.
 */
#include <linux/linkage.h>
#include <asm/ppc_asm.h>
#include <asm/reg.h>

#include "frame.h"

#define HOST_STACK	16

/* u32 e500v2_enter(struct e500v2_frame *f, unsigned long switch_entry) */
_GLOBAL(e500v2_enter)
	mflr	r0
	stw	r0, 4(r1)
	stwu	r1, -HOST_STACK(r1)
	mfcr	r0
	stw	r0, EF_H_CR(r3)
	.irp n, 13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	stw	\n, EF_H_NV(\n)(r3)
	.endr
	mtctr	r4
	bctrl
	/* back in the host: r3 = frame */
	.irp n, 13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	lwz	\n, EF_H_NV(\n)(r3)
	.endr
	lwz	r0, EF_H_CR(r3)
	mtcr	r0
	lwz	r3, EF_EXIT(r3)
	addi	r1, r1, HOST_STACK
	lwz	r0, 4(r1)
	mtlr	r0
	blr

	.balign	4
	.globl	e500v2_switch_begin
e500v2_switch_begin:

/* r3 = frame, MSR[EE] = 0; returns (blr) to e500v2_enter after an exit */
	.globl	e500v2_switch_enter
e500v2_switch_enter:
	mflr	r0
	stw	r0, EF_H_LR(r3)
	stw	r1, EF_H_R1(r3)
	stw	r2, EF_H_R2(r3)
	mfmsr	r0
	stw	r0, EF_H_MSR(r3)
	rlwinm	r0, r0, 0, 15, 13	/* clear MSR[CE] */
	rlwinm	r0, r0, 0, 23, 21	/* clear MSR[DE] */
	mtmsr	r0
	isync
	mfspr	r0, SPRN_IVPR
	stw	r0, EF_H_IVPR(r3)
	mfspr	r0, SPRN_PID
	stw	r0, EF_H_PID(r3)
	mfspr	r0, SPRN_PID1
	stw	r0, EF_H_PID1(r3)
	mfspr	r0, SPRN_SPRG3
	stw	r0, EF_H_SPRG3(r3)
	mfspr	r0, SPRN_USPRG0
	stw	r0, EF_H_USPRG0(r3)
	mfspr	r0, SPRN_SPEFSCR
	stw	r0, EF_H_SPEFSCR(r3)
	lwz	r0, EF_SPEFSCR(r3)
	mtspr	SPRN_SPEFSCR, r0
	mtspr	SPRN_EF_FRAME, r3
	lwz	r0, EF_SPRG3(r3)
	mtspr	SPRN_SPRG3, r0
	lwz	r0, EF_SPRG4(r3)
	mtspr	SPRN_SPRG4W, r0
	lwz	r0, EF_SPRG5(r3)
	mtspr	SPRN_SPRG5W, r0
	lwz	r0, EF_SPRG6(r3)
	mtspr	SPRN_SPRG6W, r0
	lwz	r0, EF_SPRG7(r3)
	mtspr	SPRN_SPRG7W, r0
	lwz	r0, EF_USPRG0(r3)
	mtspr	SPRN_USPRG0, r0
	lwz	r0, EF_PID(r3)
	mtspr	SPRN_PID, r0
	lwz	r0, EF_PID1(r3)
	mtspr	SPRN_PID1, r0
	lwz	r0, EF_IVPR(r3)
	mtspr	SPRN_IVPR, r0
	isync
	lwz	r0, EF_PC(r3)
	mtspr	SPRN_SRR0, r0
	lwz	r0, EF_MSR(r3)
	mtspr	SPRN_SRR1, r0
	lwz	r0, EF_CR(r3)
	mtcr	r0
	lwz	r0, EF_XER(r3)
	mtxer	r0
	lwz	r0, EF_LR(r3)
	mtlr	r0
	lwz	r0, EF_CTR(r3)
	mtctr	r0
	lwz	r3, EF_REGS(r3)
	.irp n, 0,1,2,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	lwz	\n, EF_VGPR(\n)(r3)
	.endr
	lwz	r3, EF_VGPR(3)(r3)
	rfi

/*
 * From a vector stub: r4 = frame, r5 = vector number, the guest's r4 in
 * SPRN_EF_SCRATCH, its r5 in the frame's gpr[5], its PC and MSR in
 * SRR0/SRR1 (the stubs of critical-class vectors copy them there).
 * The guest's GPRs go straight to the vCPU's pt_regs (EF_REGS): no
 * copy between frame and vCPU on either side of the switch.
 */
	.globl	e500v2_switch_exit
e500v2_switch_exit:
	stw	r5, EF_EXIT(r4)
	lwz	r5, EF_REGS(r4)
	.irp n, 0,1,2,3,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	stw	\n, EF_VGPR(\n)(r5)
	.endr
	lwz	r6, EF_GPR(5)(r4)
	stw	r6, EF_VGPR(5)(r5)
	mfspr	r6, SPRN_EF_SCRATCH
	stw	r6, EF_VGPR(4)(r5)
	mfspr	r5, SPRN_SRR0
	stw	r5, EF_PC(r4)
	mfspr	r5, SPRN_SRR1
	stw	r5, EF_MSR(r4)
	mfcr	r5
	stw	r5, EF_CR(r4)
	mfxer	r5
	stw	r5, EF_XER(r4)
	mflr	r5
	stw	r5, EF_LR(r4)
	mfctr	r5
	stw	r5, EF_CTR(r4)
	mfspr	r5, SPRN_DEAR
	stw	r5, EF_DEAR(r4)
	mfspr	r5, SPRN_ESR
	stw	r5, EF_ESR(r4)
	mfspr	r5, SPRN_USPRG0
	stw	r5, EF_USPRG0(r4)
	mfspr	r5, SPRN_SPEFSCR
	stw	r5, EF_SPEFSCR(r4)
	lwz	r5, EF_H_SPEFSCR(r4)
	mtspr	SPRN_SPEFSCR, r5
	lwz	r5, EF_H_IVPR(r4)
	mtspr	SPRN_IVPR, r5
	lwz	r5, EF_H_PID(r4)
	mtspr	SPRN_PID, r5
	lwz	r5, EF_H_PID1(r4)
	mtspr	SPRN_PID1, r5
	lwz	r5, EF_H_SPRG3(r4)
	mtspr	SPRN_SPRG3, r5
	lwz	r5, EF_H_USPRG0(r4)
	mtspr	SPRN_USPRG0, r5
	isync
	lwz	r1, EF_H_R1(r4)
	lwz	r2, EF_H_R2(r4)
	lwz	r5, EF_H_LR(r4)
	mtlr	r5
	mr	r3, r4
	lwz	r5, EF_H_MSR(r4)
	mtmsr	r5
	isync
	blr

	.globl	e500v2_switch_end
e500v2_switch_end:

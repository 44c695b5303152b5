/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest exception code of the powerpc (e500) selftests port.
 *
 * ppc_vectors_start..ppc_vectors_end is a position-independent blob that
 * the library copies to a 64 KiB aligned guest-physical page (IVPR); it
 * runs in address space 0, where the vCPU's boot TLB1 entry maps the
 * first 64 MiB one to one.  SPRG5 holds the guest-physical address of
 * the vCPU's exception area (ex_layout.h).
 *
 * - DTLB/ITLB miss: walk the library's page table, write a 4 KiB TLB0
 *   entry for address space 1, return.  Scratch: SPRG4 and the area.
 * - Anything else (and a miss on an unmapped page): record vector,
 *   SRR0/1 (CSRR/MCSRR for critical and machine check), ESR, DEAR and CR
 *   in the area, keep r3/r4 in SPRG0/1, and rfi to ppc_ex_entry in
 *   address space 1 with r3 = the area's address there.
 *
 * ppc_ex_entry (ordinary text, address space 1) builds a struct ex_regs
 * on the interrupted stack, calls route_exception() and returns with rfi.
 */
#define __ASSEMBLY__
#include "processor.h"

/* MAS1: valid, TS = 1, TID 0 (any PID), 4 KiB */
#define TLB_MAS1	0x80001100
/* MAS3 permissions: supervisor and user read, write, execute */
#define TLB_PERMS	0x3f

	.text

/* one 16-byte stub per vector: keep r3, load the vector, go */
#define STUB(vec, target)					\
	.org	ppc_vectors_start + VEC_STUBS + (vec) * VEC_STUB_SIZE;	\
	mtspr	SPRN_SPRG0, 3;					\
	li	3, (vec);					\
	b	target

#define TLB_STUB(vec, target)					\
	.org	ppc_vectors_start + VEC_STUBS + (vec) * VEC_STUB_SIZE;	\
	b	target

	.globl	ppc_vectors_start
	.balign	16
ppc_vectors_start:
	STUB(0, ex_critical)
	STUB(1, ex_machine_check)
	STUB(2, ex_common)
	STUB(3, ex_common)
	STUB(4, ex_common)
	STUB(5, ex_common)
	STUB(6, ex_common)
	STUB(7, ex_common)
	STUB(8, ex_common)
	STUB(9, ex_common)
	STUB(10, ex_common)
	STUB(11, ex_common)
	STUB(12, ex_critical)
	TLB_STUB(13, dtlb_miss)
	TLB_STUB(14, itlb_miss)
	STUB(15, ex_critical)
	/* IVOR32..35 use stubs 16..19, as vm_arch_vcpu_add() sets them */
	STUB(16, ex_common_hi)
	STUB(17, ex_common_hi)
	STUB(18, ex_common_hi)
	STUB(19, ex_common_hi)

dtlb_miss:
	mtspr	SPRN_SPRG4, 10
	mfspr	10, SPRN_SPRG5
	stw	11, EXA_T11(10)
	li	11, 13
	stw	11, EXA_TVEC(10)
	mfspr	11, SPRN_DEAR
	b	tlb_walk

itlb_miss:
	mtspr	SPRN_SPRG4, 10
	mfspr	10, SPRN_SPRG5
	stw	11, EXA_T11(10)
	li	11, 14
	stw	11, EXA_TVEC(10)
	mfspr	11, SPRN_SRR0

	/* r10 = area, r11 = faulting address */
tlb_walk:
	stw	12, EXA_T12(10)
	stw	13, EXA_T13(10)
	mfcr	12
	stw	12, EXA_TCR(10)
	lwz	12, EXA_PGD(10)
	rlwinm	13, 11, 12, 20, 29	/* (EA >> 22) * 4 */
	lwzx	12, 12, 13
	andi.	13, 12, PDE_VALID
	beq	tlb_unmapped
	rlwinm	12, 12, 0, 0, 19	/* level-2 table */
	rlwinm	13, 11, 22, 20, 29	/* ((EA >> 12) & 0x3ff) * 4 */
	lwzx	12, 12, 13
	andi.	13, 12, PTE_VALID
	beq	tlb_unmapped
	/* MAS0 (TLB0, next victim way) was loaded by the miss */
	lis	13, TLB_MAS1@h
	ori	13, 13, TLB_MAS1@l
	mtspr	SPRN_MAS1, 13
	rlwinm	13, 11, 0, 0, 19	/* EPN, WIMGE = 0 */
	mtspr	SPRN_MAS2, 13
	rlwinm	13, 12, 12 - PTE_PFN_SHIFT, 0, 19	/* PA bits 12..31 */
	ori	13, 13, TLB_PERMS
	mtspr	SPRN_MAS3, 13
	rlwinm	13, 12, 12 - PTE_PFN_SHIFT, 28, 31	/* PA bits 32..35 */
	mtspr	SPRN_MAS7, 13
	isync
	tlbwe
	isync
	lwz	12, EXA_TCR(10)
	mtcr	12
	lwz	11, EXA_T11(10)
	lwz	12, EXA_T12(10)
	lwz	13, EXA_T13(10)
	mfspr	10, SPRN_SPRG4
	rfi

	/* no mapping: a real fault, reported like any other exception */
tlb_unmapped:
	lwz	12, EXA_TCR(10)
	mtcr	12
	lwz	11, EXA_T11(10)
	lwz	12, EXA_T12(10)
	lwz	13, EXA_T13(10)
	mtspr	SPRN_SPRG0, 3
	lwz	3, EXA_TVEC(10)
	mfspr	10, SPRN_SPRG4
	b	ex_common

	/* stubs 16..19 are IVOR32..35 */
ex_common_hi:
	addi	3, 3, 32 - 16
	b	ex_common

	/*
	 * r3 = vector, the interrupted r3 is in SPRG0.  Keep r4 in SPRG1,
	 * find the area and refuse to go on while the previous exception has
	 * not reached route_exception() yet: its saved state stays intact.
	 */
#define EX_PROLOGUE						\
	mtspr	SPRN_SPRG1, 4;					\
	mfspr	4, SPRN_SPRG5;					\
	stw	3, EXA_NVEC(4);					\
	mfcr	3;						\
	stw	3, EXA_NCR(4);					\
	lwz	3, EXA_BUSY(4);					\
	cmpwi	3, 0;						\
	bne	ex_double_fault;				\
	lwz	3, EXA_NVEC(4);					\
	stw	3, EXA_VEC(4)

ex_common:
	EX_PROLOGUE
	mfspr	3, SPRN_SRR0
	stw	3, EXA_SRR0(4)
	mfspr	3, SPRN_SRR1
	b	ex_save

ex_critical:
	EX_PROLOGUE
	mfspr	3, SPRN_CSRR0
	stw	3, EXA_SRR0(4)
	mfspr	3, SPRN_CSRR1
	b	ex_save

ex_machine_check:
	EX_PROLOGUE
	mfspr	3, SPRN_MCSRR0
	stw	3, EXA_SRR0(4)
	mfspr	3, SPRN_MCSRR1

	/* r3 = interrupted MSR, r4 = area; r4 is in SPRG1 */
ex_save:
	stw	3, EXA_SRR1(4)
	lwz	3, EXA_NCR(4)
	stw	3, EXA_CR(4)
	li	3, 1
	stw	3, EXA_BUSY(4)
	mfspr	3, SPRN_ESR
	stw	3, EXA_ESR(4)
	mfspr	3, SPRN_DEAR
	stw	3, EXA_DEAR(4)
	lwz	3, EXA_ENTRY(4)
	mtspr	SPRN_SRR0, 3
	lwz	3, EXA_MSR(4)
	mtspr	SPRN_SRR1, 3
	lwz	3, EXA_GVA(4)
	rfi

	/*
	 * An exception before the previous one reached route_exception():
	 * the exception path itself is broken (e.g. an unmapped stack).  The
	 * area still holds the first exception; record where the second one
	 * happened and tell the host through the ucall MMIO word.  Never
	 * returns.
	 */
ex_double_fault:
	mfspr	3, SPRN_SRR0
	stw	3, EXA_NSRR0(4)
	lwz	3, EXA_NVEC(4)
	ori	3, 3, DOUBLE_FAULT_MAGIC
	lwz	4, EXA_MMIO(4)
1:	stw	3, 0(4)
	b	1b

	.globl	ppc_vectors_end
ppc_vectors_end:

/*
 * Address space 1, r3 = exception area, r1 = interrupted stack, the
 * interrupted r3/r4 in SPRG0/SPRG1.  A TLB miss may happen anywhere here:
 * the miss handler keeps SPRG0/1 and the area's saved fields.
 */
	.globl	ppc_ex_entry
	.balign	64
ppc_ex_entry:
	stwu	1, -FRAME_SIZE(1)
	stw	0, FRAME_REGS + EXR_GPR(0)(1)
	stw	2, FRAME_REGS + EXR_GPR(2)(1)
	stmw	5, FRAME_REGS + EXR_GPR(5)(1)
	mfspr	0, SPRN_SPRG0
	stw	0, FRAME_REGS + EXR_GPR(3)(1)
	mfspr	0, SPRN_SPRG1
	stw	0, FRAME_REGS + EXR_GPR(4)(1)
	addi	0, 1, FRAME_SIZE
	stw	0, FRAME_REGS + EXR_GPR(1)(1)
	mflr	0
	stw	0, FRAME_REGS + EXR_LR(1)
	mfctr	0
	stw	0, FRAME_REGS + EXR_CTR(1)
	mfxer	0
	stw	0, FRAME_REGS + EXR_XER(1)
	lwz	0, EXA_CR(3)
	stw	0, FRAME_REGS + EXR_CR(1)
	lwz	0, EXA_SRR0(3)
	stw	0, FRAME_REGS + EXR_SRR0(1)
	lwz	0, EXA_SRR1(3)
	stw	0, FRAME_REGS + EXR_SRR1(1)
	lwz	0, EXA_ESR(3)
	stw	0, FRAME_REGS + EXR_ESR(1)
	lwz	0, EXA_DEAR(3)
	stw	0, FRAME_REGS + EXR_DEAR(1)
	lwz	0, EXA_VEC(3)
	stw	0, FRAME_REGS + EXR_VECTOR(1)
	li	0, 0
	stw	0, EXA_BUSY(3)
	addi	3, 1, FRAME_REGS
	bl	route_exception

	lwz	0, FRAME_REGS + EXR_LR(1)
	mtlr	0
	lwz	0, FRAME_REGS + EXR_CTR(1)
	mtctr	0
	lwz	0, FRAME_REGS + EXR_XER(1)
	mtxer	0
	lwz	0, FRAME_REGS + EXR_CR(1)
	mtcr	0
	lwz	2, FRAME_REGS + EXR_GPR(2)(1)
	lmw	3, FRAME_REGS + EXR_GPR(3)(1)
	b	ex_return

	/*
	 * From the first mtspr to rfi nothing may take a TLB miss, which
	 * would overwrite SRR0/1: touch every word used below first (a miss
	 * then happens here, before SRR0/1 are live), keep the sequence in
	 * one aligned block, and take no other miss in between (only misses
	 * evict TLB entries).
	 */
	.balign	64
ex_return:
	lwz	0, FRAME_REGS + EXR_SRR0(1)
	lwz	0, FRAME_REGS + EXR_SRR1(1)
	lwz	0, FRAME_REGS + EXR_GPR(1)(1)
	lwz	0, FRAME_REGS + EXR_GPR(0)(1)
	lwz	0, FRAME_REGS + EXR_SRR0(1)
	mtspr	SPRN_SRR0, 0
	lwz	0, FRAME_REGS + EXR_SRR1(1)
	mtspr	SPRN_SRR1, 0
	lwz	0, FRAME_REGS + EXR_GPR(0)(1)
	lwz	1, FRAME_REGS + EXR_GPR(1)(1)
	rfi

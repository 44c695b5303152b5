/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Layouts shared by the guest's exception code (handlers.S) and the C side
 * of the powerpc (e500) selftests port: the per-vCPU exception area and
 * the register frame handed to route_exception().  Byte offsets only, so
 * that assembly can include this file; processor.c checks them against
 * the C structures at build time.
 */
#ifndef SELFTEST_KVM_PPC_EX_LAYOUT_H
#define SELFTEST_KVM_PPC_EX_LAYOUT_H

/* struct ppc_ex_area: one page per vCPU, SPRG5 holds its guest-physical address */
#define EXA_BUSY	0	/* an exception is between its vector and route_exception() */
#define EXA_VEC		4	/* vector (IVOR number) of that exception */
#define EXA_SRR0	8	/* its SRR0/SRR1 (CSRR or MCSRR for those classes) */
#define EXA_SRR1	12
#define EXA_ESR		16
#define EXA_DEAR	20
#define EXA_CR		24	/* the interrupted CR */
#define EXA_ENTRY	28	/* AS1 address of ppc_ex_entry */
#define EXA_MSR		32	/* MSR for ppc_ex_entry */
#define EXA_GVA		36	/* this area's AS1 address */
#define EXA_PGD		40	/* guest-physical address of the page table root */
#define EXA_MMIO	44	/* guest-physical address of the ucall MMIO word */
#define EXA_T11		48	/* TLB miss handler scratch */
#define EXA_T12		52
#define EXA_T13		56
#define EXA_TCR		60
#define EXA_TVEC	64	/* vector of the TLB miss being handled */
#define EXA_NVEC	68	/* vector of the exception being entered */
#define EXA_NCR		72	/* CR at that point */
#define EXA_NSRR0	76	/* SRR0 of an exception that found EXA_BUSY set */
#define EXA_SIZE	80

/* struct ex_regs, at FRAME_REGS(r1) while route_exception() runs */
#define EXR_GPR(n)	((n) * 4)
#define EXR_LR		128
#define EXR_CR		132
#define EXR_CTR		136
#define EXR_XER		140
#define EXR_SRR0	144
#define EXR_SRR1	148
#define EXR_ESR		152
#define EXR_DEAR	156
#define EXR_VECTOR	160
#define EXR_SIZE	176

#define FRAME_REGS	16	/* back chain and LR save word, then padding */
#define FRAME_SIZE	(FRAME_REGS + EXR_SIZE)

/* the vector blob: one 16-byte stub per vector, from VEC_STUBS */
#define VEC_STUBS	0x100
#define VEC_STUB_SIZE	16

/* page table entries: 4 KiB pages, 36-bit physical addresses */
#define PTE_VALID	0x1
#define PTE_PFN_SHIFT	8	/* PFN (24 bits) in bits 8..31 */
#define PDE_VALID	0x1	/* level-1 entry: table address | PDE_VALID */

/* the MMIO word that says "an exception hit the exception path itself" */
#define DOUBLE_FAULT_MAGIC	0xdf00

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Code assembled word by word (encoders in guest_asm.h), to run as
 * guest code or natively: shared by large_page_test and kvm_bench, so
 * that the 64 MiB walk is the very same instruction sequence in both.
 */
#ifndef KVM_E500_GUEST_PROG_H
#define KVM_E500_GUEST_PROG_H

#include "guest_asm.h"

struct prog {
	u32 w[256];
	unsigned int n;
};

/* words past the end are dropped; the users size their programs */
static inline void emit(struct prog *p, u32 insn)
{
	if (p->n < ARRAY_LEN(p->w))
		p->w[p->n++] = insn;
}

/* r = v, in two instructions whatever v is */
static inline void emit_load32(struct prog *p, unsigned int r, u32 v)
{
	emit(p, I_LIS(r, v >> 16));
	emit(p, I_ORI(r, r, v & 0xffff));
}

/*
 * The walk: r3 base, r4 accesses per pass, r5 passes (at least 1), r10
 * stride.  Leaves the sum of the 32-bit words read in r6 and, in r7,
 * the address one stride past the last access.  Four instructions per
 * access: lwz, add, add, bdnz.
 */
static inline void emit_walk(struct prog *p)
{
	emit(p, I_LI(6, 0));
	emit(p, I_MTCTR(4));		/* pass: */
	emit(p, I_OR(7, 3, 3));
	emit(p, I_LWZ(8, 0, 7));	/* access: */
	emit(p, I_ADD(6, 6, 8));
	emit(p, I_ADD(7, 7, 10));
	emit(p, I_BDNZ(-12));		/* to access */
	emit(p, I_ADDIC_(5, 5, -1));
	emit(p, I_BNE(-28));		/* to pass */
}

#endif /* KVM_E500_GUEST_PROG_H */

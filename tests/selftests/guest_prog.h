/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A program assembled word by word (encoders in guest_asm.h), to run as
 * guest code or natively: the one builder of the in-host tests and of
 * kvm_bench (so that, for one, the 64 MiB walk is the very same
 * instruction sequence in large_page_test and in the benchmark).
 *
 * A word emitted past PROG_WORDS is not stored but counted; whatever
 * takes the words out (prog_words(), so prog_put() and prog_load())
 * then ends the process with a TAP "Bail out!" line and exit status 1,
 * so a program that outgrew the buffer fails its test instead of
 * running cut short.
 */
#ifndef KVM_E500_GUEST_PROG_H
#define KVM_E500_GUEST_PROG_H

#include <stdio.h>
#include <stdlib.h>

#include "guest_asm.h"

/* room for the largest program of the tests and benchmarks */
#define PROG_WORDS	512

struct prog {
	u32 w[PROG_WORDS];
	unsigned int n;		/* words stored */
	unsigned int lost;	/* words emitted after w[] was full */
};

static inline void emit(struct prog *p, u32 insn)
{
	if (p->n < PROG_WORDS)
		p->w[p->n++] = insn;
	else
		p->lost++;
}

/* empty the program, to build another in the same buffer */
static inline void prog_reset(struct prog *p)
{
	p->n = 0;
	p->lost = 0;
}

/* the address the next word will have, the program placed at @base */
static inline u32 prog_here(const struct prog *p, u32 base)
{
	return base + 4 * p->n;
}

/* the program's p->n words; never returns for one that overflowed */
static inline const u32 *prog_words(const struct prog *p)
{
	if (p->lost) {
		printf("Bail out! a program of %u words overflows struct prog (%u words)\n",
		       p->n + p->lost, PROG_WORDS);
		fflush(stdout);
		exit(1);
	}
	return p->w;
}

/* copy the program to guest physical @gpa */
static inline void prog_put(struct guest *g, u32 gpa, const struct prog *p)
{
	guest_code(g, gpa, prog_words(p), p->n);
}

/* put the program at @gpa and run from there with @msr */
static inline int prog_load(struct guest *g, const struct prog *p, u32 gpa,
			    u32 msr)
{
	prog_put(g, gpa, p);
	return guest_set_pc(g, gpa, msr);
}

/* r = v, in two instructions whatever v is */
static inline void emit_li32(struct prog *p, unsigned int r, u32 v)
{
	emit(p, I_LIS(r, v >> 16));
	emit(p, I_ORI(r, r, v & 0xffff));
}

/*
 * Guest TLB1 entry @esel (uses r11): 2^@size_code KiB (MAS1[TSIZE]) at
 * effective address @ea = its guest physical address, valid, TID 0,
 * supervisor read/write/execute.
 */
static inline void emit_tlb1(struct prog *p, u32 esel, u32 size_code, u32 ea)
{
	emit_li32(p, 11, 0x10000000u | (esel << 16));
	emit(p, I_MTSPR(SPR_MAS0, 11));
	emit_li32(p, 11, 0x80000000u | (size_code << 7));
	emit(p, I_MTSPR(SPR_MAS1, 11));
	emit_li32(p, 11, ea);
	emit(p, I_MTSPR(SPR_MAS2, 11));
	emit_li32(p, 11, ea | 0x15);
	emit(p, I_MTSPR(SPR_MAS3, 11));
	emit(p, I_LI(11, 0));
	emit(p, I_MTSPR(SPR_MAS7, 11));
	emit(p, I_TLBWE);
	emit(p, I_ISYNC);
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

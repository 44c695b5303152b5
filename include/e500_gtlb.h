/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest's TLBs as an e500 (MMU architecture 1.0) defines them: TLB0
 * set-associative with 4 KiB pages, TLB1 fully associative with
 * variable page sizes and IPROT, the MAS registers the TLB instructions
 * read and write.  Pure data and functions: no vCPU, no host TLB, so
 * KUnit can check every rule.  The caller invalidates shadow
 * translations when a function reports that an entry changed.
 */
#ifndef KVM_E500_GTLB_H
#define KVM_E500_GTLB_H

#include <linux/types.h>
#include <uapi/linux/kvm.h>

/* TLBnCFG fields (Book E 2.06) */
#define E500_TLBCFG_ASSOC(c)	((c) >> 24)
#define E500_TLBCFG_MAXSIZE(c)	(((c) >> 16) & 0xf)

/* MAS7 holds physical address bits 32-35: 36-bit physical addresses */
#define E500_MAS7_MASK		0xfu
#define E500_MAS7_3_MAX		(((u64)E500_MAS7_MASK << 32) | 0xffffffffu)
#define E500_TLBCFG_IPROT	0x00008000
#define E500_TLBCFG_NENTRY(c)	((c) & 0xfff)

/*
 * One entry, laid out as struct kvm_book3e_206_tlb_entry so that a
 * KVM_CAP_SW_TLB array shared with userspace can hold the TLBs.
 */
struct e500_gtlb_entry {
	u32 mas8;	/* unused on e500v2 */
	u32 mas1;	/* V, IPROT, TID, TS, TSIZE */
	u64 mas2;	/* EPN, WIMGE (the low 32 bits count) */
	u64 mas7_3;	/* RPN and permissions */
};

struct e500_gtlb {
	u32 tlb0cfg, tlb1cfg, mmucfg;
	unsigned int ways0, sets0, n1;
	unsigned int nv0;		/* next TLB0 victim way */
	struct e500_gtlb_entry *tlb0;	/* [set * ways0 + way] */
	struct e500_gtlb_entry *tlb1;	/* follows tlb0 in one array */
	bool user_array;		/* the array is not ours to free */
	/* MAS registers: the TLB instructions' operands */
	u32 mas0, mas1, mas2, mas4, mas6;
	u64 mas7_3;
};

/* what a search matches against: the PIDs and the address space */
struct e500_gtlb_ctx {
	u32 pid[3];
	bool as;
};

int e500_gtlb_init(struct e500_gtlb *t, u32 tlb0cfg, u32 tlb1cfg, u32 mmucfg);
void e500_gtlb_free(struct e500_gtlb *t);
int e500_gtlb_geometry(u32 tlb0cfg, u32 tlb1cfg, unsigned int *ways0,
		       unsigned int *sets0, unsigned int *n1);
void e500_gtlb_use_array(struct e500_gtlb *t, struct e500_gtlb_entry *array,
			 u32 tlb0cfg, u32 tlb1cfg);

u64 e500_gtlb_size(const struct e500_gtlb_entry *e, bool tlb0);
const struct e500_gtlb_entry *e500_gtlb_lookup(const struct e500_gtlb *t,
					       u32 ea,
					       const struct e500_gtlb_ctx *ctx,
					       bool *in_tlb0);
u64 e500_gtlb_gpa(const struct e500_gtlb_entry *e, bool tlb0, u32 ea);

const struct e500_gtlb_entry *e500_gtlb_selected(const struct e500_gtlb *t,
						 bool *tlb0);

/* The instructions.  Each returns true when an entry changed. */
bool e500_gtlb_tlbwe(struct e500_gtlb *t);
void e500_gtlb_tlbre(struct e500_gtlb *t);
void e500_gtlb_tlbsx(struct e500_gtlb *t, u32 ea);
bool e500_gtlb_tlbivax(struct e500_gtlb *t, u32 ea);
bool e500_gtlb_flash(struct e500_gtlb *t, bool tlb0, bool tlb1);

/* tlbilx T field (e500mc guests) */
#define E500_TLBILX_ALL	0
#define E500_TLBILX_PID	1
#define E500_TLBILX_VA	3
int e500_gtlb_tlbilx(struct e500_gtlb *t, unsigned int type, u32 ea,
		     bool *changed);

/* MAS state after a guest TLB miss on @ea (the interrupt's side effect) */
void e500_gtlb_miss(struct e500_gtlb *t, u32 ea, u32 pid0, bool as);

#endif /* KVM_E500_GTLB_H */

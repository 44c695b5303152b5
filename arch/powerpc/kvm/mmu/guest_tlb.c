// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest TLB model (see include/e500_gtlb.h).
 */
#include <linux/build_bug.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <asm/mmu.h>

#include "e500_gtlb.h"

/* tlbivax operand bits (low bits of the effective address) */
#define TLBIVAX_TLB1	0x8
#define TLBIVAX_ALL	0x4

#define TID_OF(mas1)	(((mas1) >> 16) & 0xff)

/* a KVM_CAP_SW_TLB array is read and written as our entries */
static_assert(sizeof(struct e500_gtlb_entry) ==
	      sizeof(struct kvm_book3e_206_tlb_entry));
static_assert(offsetof(struct e500_gtlb_entry, mas1) ==
	      offsetof(struct kvm_book3e_206_tlb_entry, mas1));
static_assert(offsetof(struct e500_gtlb_entry, mas2) ==
	      offsetof(struct kvm_book3e_206_tlb_entry, mas2));
static_assert(offsetof(struct e500_gtlb_entry, mas7_3) ==
	      offsetof(struct kvm_book3e_206_tlb_entry, mas7_3));

/*
 * The geometry TLB0CFG and TLB1CFG describe: TLB0 a power-of-two number
 * of sets of ways0 entries, TLB1 n1 entries.  0 or -EINVAL.
 */
int e500_gtlb_geometry(u32 tlb0cfg, u32 tlb1cfg, unsigned int *ways0,
		       unsigned int *sets0, unsigned int *n1)
{
	unsigned int n0 = E500_TLBCFG_NENTRY(tlb0cfg);

	*ways0 = E500_TLBCFG_ASSOC(tlb0cfg);
	*n1 = E500_TLBCFG_NENTRY(tlb1cfg);
	if (!*ways0 || !n0 || n0 % *ways0 || !*n1)
		return -EINVAL;
	*sets0 = n0 / *ways0;
	if (*sets0 & (*sets0 - 1))
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_GPL(e500_gtlb_geometry);

int e500_gtlb_init(struct e500_gtlb *t, u32 tlb0cfg, u32 tlb1cfg, u32 mmucfg)
{
	unsigned int n0;
	int r;

	memset(t, 0, sizeof(*t));
	t->tlb0cfg = tlb0cfg;
	t->tlb1cfg = tlb1cfg;
	t->mmucfg = mmucfg;
	r = e500_gtlb_geometry(tlb0cfg, tlb1cfg, &t->ways0, &t->sets0, &t->n1);
	if (r)
		return r;
	n0 = t->sets0 * t->ways0;
	t->tlb0 = kcalloc(n0 + t->n1, sizeof(*t->tlb0), GFP_KERNEL_ACCOUNT);
	if (!t->tlb0)
		return -ENOMEM;
	t->tlb1 = t->tlb0 + n0;
	return 0;
}
EXPORT_SYMBOL_GPL(e500_gtlb_init);

/*
 * Hold the TLBs in @array from now on (KVM_CAP_SW_TLB): TLB0 then TLB1,
 * the geometry of @tlb0cfg/@tlb1cfg, already checked with
 * e500_gtlb_geometry().  The array's contents are the new TLBs; the
 * old array is freed if it was ours.  MAS registers are kept.
 */
void e500_gtlb_use_array(struct e500_gtlb *t, struct e500_gtlb_entry *array,
			 u32 tlb0cfg, u32 tlb1cfg)
{
	e500_gtlb_free(t);
	t->tlb0cfg = tlb0cfg;
	t->tlb1cfg = tlb1cfg;
	e500_gtlb_geometry(tlb0cfg, tlb1cfg, &t->ways0, &t->sets0, &t->n1);
	t->tlb0 = array;
	t->tlb1 = array + t->sets0 * t->ways0;
	t->user_array = true;
	t->nv0 = 0;
}
EXPORT_SYMBOL_GPL(e500_gtlb_use_array);

void e500_gtlb_free(struct e500_gtlb *t)
{
	if (!t->user_array)
		kfree(t->tlb0);
	t->tlb0 = NULL;
	t->tlb1 = NULL;
	t->user_array = false;
}
EXPORT_SYMBOL_GPL(e500_gtlb_free);

/*
 * Page size: 4 KiB in TLB0; in TLB1 the TSIZE field, whose low bit does
 * not exist in MMU architecture 1.0 (sizes are powers of 4 KiB).
 */
u64 e500_gtlb_size(const struct e500_gtlb_entry *e, bool tlb0)
{
	unsigned int tsize = MAS1_GET_TSIZE(e->mas1) & ~1u;

	if (tlb0 || tsize < BOOK3E_PAGESZ_4K)
		return 4096;
	return 1024ull << tsize;
}
EXPORT_SYMBOL_GPL(e500_gtlb_size);

static bool entry_hits(const struct e500_gtlb_entry *e, bool tlb0, u32 ea,
		       const u32 *pids, unsigned int npids, bool as)
{
	u64 mask = ~(e500_gtlb_size(e, tlb0) - 1);
	u32 tid = TID_OF(e->mas1);
	unsigned int i;

	if (!(e->mas1 & MAS1_VALID) || !!(e->mas1 & MAS1_TS) != as)
		return false;
	if (((u64)ea & mask) != ((u64)e->mas2 & MAS2_EPN & mask))
		return false;
	if (!tid)
		return true;
	for (i = 0; i < npids; i++)
		if (tid == pids[i])
			return true;
	return false;
}

static unsigned int set_of(const struct e500_gtlb *t, u32 ea)
{
	return (ea >> 12) & (t->sets0 - 1);
}

/* search both TLBs; *in_tlb0 says where the hit is; *index its slot */
static struct e500_gtlb_entry *search(const struct e500_gtlb *t, u32 ea,
				      const u32 *pids, unsigned int npids,
				      bool as, bool *in_tlb0,
				      unsigned int *index)
{
	unsigned int base = set_of(t, ea) * t->ways0, i;

	for (i = 0; i < t->ways0; i++) {
		if (entry_hits(&t->tlb0[base + i], true, ea, pids, npids, as)) {
			*in_tlb0 = true;
			*index = i;
			return &t->tlb0[base + i];
		}
	}
	for (i = 0; i < t->n1; i++) {
		if (entry_hits(&t->tlb1[i], false, ea, pids, npids, as)) {
			*in_tlb0 = false;
			*index = i;
			return &t->tlb1[i];
		}
	}
	return NULL;
}

const struct e500_gtlb_entry *e500_gtlb_lookup(const struct e500_gtlb *t,
					       u32 ea,
					       const struct e500_gtlb_ctx *ctx,
					       bool *in_tlb0)
{
	unsigned int index;

	return search(t, ea, ctx->pid, ARRAY_SIZE(ctx->pid), ctx->as,
		      in_tlb0, &index);
}
EXPORT_SYMBOL_GPL(e500_gtlb_lookup);

u64 e500_gtlb_gpa(const struct e500_gtlb_entry *e, bool tlb0, u32 ea)
{
	u64 size = e500_gtlb_size(e, tlb0);

	return ((e->mas7_3 & ~0xfffull) & ~(size - 1)) | (ea & (size - 1));
}
EXPORT_SYMBOL_GPL(e500_gtlb_gpa);

/* the entry MAS0 (and, for TLB0, MAS2's EPN) selects; NULL if none */
static struct e500_gtlb_entry *selected(const struct e500_gtlb *t,
					bool *tlb0)
{
	unsigned int esel = (t->mas0 & MAS0_ESEL_MASK) >> MAS0_ESEL_SHIFT;

	*tlb0 = MAS0_GET_TLBSEL(t->mas0) == 0;
	if (*tlb0)
		return &t->tlb0[set_of(t, t->mas2) * t->ways0 +
				(esel & (t->ways0 - 1))];
	if (MAS0_GET_TLBSEL(t->mas0) != 1 || esel >= t->n1)
		return NULL;
	return &t->tlb1[esel];
}

/* the entry tlbwe and tlbre would use now, NULL if MAS0 names none */
const struct e500_gtlb_entry *e500_gtlb_selected(const struct e500_gtlb *t,
						 bool *tlb0)
{
	return selected(t, tlb0);
}
EXPORT_SYMBOL_GPL(e500_gtlb_selected);

bool e500_gtlb_tlbwe(struct e500_gtlb *t)
{
	struct e500_gtlb_entry *e;
	bool tlb0;

	e = selected(t, &tlb0);
	if (!e)
		return false;	/* no such entry: the write is dropped */
	e->mas1 = t->mas1;
	e->mas2 = t->mas2;
	e->mas7_3 = t->mas7_3;
	if (tlb0) {
		/* TLB0 has no IPROT and only 4 KiB pages */
		e->mas1 = (e->mas1 & ~(MAS1_IPROT | MAS1_TSIZE_MASK)) |
			  MAS1_TSIZE(BOOK3E_PAGESZ_4K);
		if (((t->mas0 & MAS0_ESEL_MASK) >> MAS0_ESEL_SHIFT) ==
		    t->nv0)
			t->nv0 = (t->nv0 + 1) % t->ways0;
	}
	return true;
}
EXPORT_SYMBOL_GPL(e500_gtlb_tlbwe);

void e500_gtlb_tlbre(struct e500_gtlb *t)
{
	const struct e500_gtlb_entry *e;
	bool tlb0;

	e = selected(t, &tlb0);
	if (!e) {
		t->mas1 = 0;
		return;
	}
	t->mas1 = e->mas1;
	t->mas2 = (u32)e->mas2;
	t->mas7_3 = e->mas7_3;
	if (tlb0)
		t->mas0 = (t->mas0 & ~0xfff) | MAS0_NV(t->nv0);
}
EXPORT_SYMBOL_GPL(e500_gtlb_tlbre);

void e500_gtlb_tlbsx(struct e500_gtlb *t, u32 ea)
{
	u32 spid = (t->mas6 & MAS6_SPID_MASK) >> MAS6_SPID_SHIFT;
	bool as = t->mas6 & MAS6_SAS, tlb0;
	struct e500_gtlb_entry *e;
	unsigned int index;

	e = search(t, ea, &spid, 1, as, &tlb0, &index);
	if (e) {
		t->mas0 = MAS0_TLBSEL(tlb0 ? 0 : 1) | MAS0_ESEL(index) |
			  MAS0_NV(t->nv0);
		t->mas1 = e->mas1;
		t->mas2 = (u32)e->mas2;
		t->mas7_3 = e->mas7_3;
		return;
	}
	/* miss: defaults from MAS4, as the hardware loads them */
	t->mas0 = (t->mas4 & MAS4_TLBSEL_MASK) | MAS0_NV(t->nv0);
	t->mas1 = MAS1_TID(spid) | (as ? MAS1_TS : 0) |
		  (t->mas4 & MAS4_TSIZED_MASK);
	t->mas2 = (ea & MAS2_EPN) | (t->mas4 & MAS4_WIMGED_MASK);
	t->mas7_3 = 0;
}
EXPORT_SYMBOL_GPL(e500_gtlb_tlbsx);

static bool invalidate(struct e500_gtlb_entry *e, unsigned int n, u32 ea,
		       bool all, bool tlb0)
{
	bool changed = false;
	unsigned int i;

	for (i = 0; i < n; i++) {
		u64 mask = ~(e500_gtlb_size(&e[i], tlb0) - 1);

		if (!(e[i].mas1 & MAS1_VALID) || (e[i].mas1 & MAS1_IPROT))
			continue;
		if (!all && ((u64)ea & mask) != ((u64)e[i].mas2 & MAS2_EPN & mask))
			continue;
		e[i].mas1 &= ~MAS1_VALID;
		changed = true;
	}
	return changed;
}

/* tlbivax: by address (any PID, any AS) or all, in the TLB named by EA */
bool e500_gtlb_tlbivax(struct e500_gtlb *t, u32 ea)
{
	bool all = ea & TLBIVAX_ALL;

	if (ea & TLBIVAX_TLB1)
		return invalidate(t->tlb1, t->n1, ea, all, false);
	if (all)
		return invalidate(t->tlb0, t->sets0 * t->ways0, ea, true, true);
	return invalidate(&t->tlb0[set_of(t, ea) * t->ways0], t->ways0, ea,
			  false, true);
}
EXPORT_SYMBOL_GPL(e500_gtlb_tlbivax);

/* MMUCSR0 flash invalidation: every entry without IPROT */
bool e500_gtlb_flash(struct e500_gtlb *t, bool tlb0, bool tlb1)
{
	bool changed = false;

	if (tlb0)
		changed |= invalidate(t->tlb0, t->sets0 * t->ways0, 0, true, true);
	if (tlb1)
		changed |= invalidate(t->tlb1, t->n1, 0, true, false);
	return changed;
}
EXPORT_SYMBOL_GPL(e500_gtlb_flash);

/* one TLB's share of tlbilx; @ea is only looked at for T = 3 */
static bool ilx_one(struct e500_gtlb_entry *e, unsigned int n, bool tlb0,
		    unsigned int type, u32 pid, bool as, u32 ea)
{
	bool changed = false;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (!(e[i].mas1 & MAS1_VALID) || (e[i].mas1 & MAS1_IPROT))
			continue;
		if (type == E500_TLBILX_PID && TID_OF(e[i].mas1) != pid)
			continue;
		if (type == E500_TLBILX_VA &&
		    !entry_hits(&e[i], tlb0, ea, &pid, 1, as))
			continue;
		e[i].mas1 &= ~MAS1_VALID;
		changed = true;
	}
	return changed;
}

/*
 * tlbilx, the local invalidation of e500mc guests: T = 0 every entry,
 * T = 1 the entries whose TID is MAS6[SPID], T = 3 those translating
 * @ea for MAS6[SPID] (a TID of 0 matches too) in address space
 * MAS6[SAS].  Entries with IPROT stay, as for tlbivax; T = 2 is
 * reserved (the caller refuses it: -EINVAL).
 */
int e500_gtlb_tlbilx(struct e500_gtlb *t, unsigned int type, u32 ea,
		     bool *changed)
{
	u32 pid = (t->mas6 & MAS6_SPID_MASK) >> MAS6_SPID_SHIFT;
	bool as = t->mas6 & MAS6_SAS;

	if (type != E500_TLBILX_ALL && type != E500_TLBILX_PID &&
	    type != E500_TLBILX_VA)
		return -EINVAL;
	*changed = ilx_one(t->tlb0, t->sets0 * t->ways0, true, type, pid, as,
			   ea);
	*changed |= ilx_one(t->tlb1, t->n1, false, type, pid, as, ea);
	return 0;
}
EXPORT_SYMBOL_GPL(e500_gtlb_tlbilx);

void e500_gtlb_miss(struct e500_gtlb *t, u32 ea, u32 pid0, bool as)
{
	t->mas0 = (t->mas4 & MAS4_TLBSEL_MASK) | MAS0_NV(t->nv0);
	if (MAS0_GET_TLBSEL(t->mas0) == 0)
		t->mas0 |= MAS0_ESEL(t->nv0);
	t->mas1 = MAS1_VALID | MAS1_TID(pid0) | (as ? MAS1_TS : 0) |
		  (t->mas4 & MAS4_TSIZED_MASK);
	t->mas2 = (ea & MAS2_EPN) | (t->mas4 & MAS4_WIMGED_MASK);
	t->mas7_3 = 0;
	t->mas6 = (t->mas6 & ~(MAS6_SPID_MASK | MAS6_SAS)) |
		  (pid0 << MAS6_SPID_SHIFT) | (as ? MAS6_SAS : 0);
}
EXPORT_SYMBOL_GPL(e500_gtlb_miss);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the guest TLB model against the e500 MMU rules.  Geometry is
 * an e500v2's: TLB0 512 entries 4-way, TLB1 16 entries.
 */
#include <kunit/test.h>
#include <asm/mmu.h>

#include "e500_gtlb.h"

#define TLB0CFG	0x04110200	/* 4-way, 4 KiB, 512 entries */
#define TLB1CFG	0x101bc010	/* 16-way, 4 KiB..4 GiB, IPROT, 16 */
#define RWX_S	(MAS3_SX | MAS3_SW | MAS3_SR)

static struct e500_gtlb *new_tlb(struct kunit *test)
{
	struct e500_gtlb *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, e500_gtlb_init(t, TLB0CFG, TLB1CFG, 0), 0);
	return t;
}

static void write(struct e500_gtlb *t, u32 mas0, u32 mas1, u32 mas2,
		  u64 mas7_3)
{
	t->mas0 = mas0;
	t->mas1 = mas1;
	t->mas2 = mas2;
	t->mas7_3 = mas7_3;
	e500_gtlb_tlbwe(t);
}

static void gtlb_geometry(struct kunit *test)
{
	struct e500_gtlb *t = new_tlb(test), bad;

	KUNIT_EXPECT_EQ(test, t->ways0, 4u);
	KUNIT_EXPECT_EQ(test, t->sets0, 128u);
	KUNIT_EXPECT_EQ(test, t->n1, 16u);
	/* 500 entries do not divide into 4 ways of a power-of-2 sets */
	KUNIT_EXPECT_EQ(test, e500_gtlb_init(&bad, 0x040001f4, TLB1CFG, 0),
			-EINVAL);
	e500_gtlb_free(t);
}

static void gtlb_tlb1_translate(struct kunit *test)
{
	struct e500_gtlb *t = new_tlb(test);
	struct e500_gtlb_ctx ctx = { .pid = { 0, 0, 0 }, .as = false };
	const struct e500_gtlb_entry *e;
	bool tlb0;

	write(t, MAS0_TLBSEL(1) | MAS0_ESEL(3),
	      MAS1_VALID | MAS1_TSIZE(BOOK3E_PAGESZ_16M), 0x10000000,
	      0x02000000 | RWX_S);
	e = e500_gtlb_lookup(t, 0x10123456, &ctx, &tlb0);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_FALSE(test, tlb0);
	KUNIT_EXPECT_EQ(test, e500_gtlb_gpa(e, tlb0, 0x10123456), 0x02123456ull);
	KUNIT_EXPECT_NULL(test, e500_gtlb_lookup(t, 0x11000000, &ctx, &tlb0));
	/* a TLB1 write beyond the last entry changes nothing */
	t->mas0 = MAS0_TLBSEL(1) | MAS0_ESEL(16);
	KUNIT_EXPECT_FALSE(test, e500_gtlb_tlbwe(t));
	e500_gtlb_free(t);
}

static void gtlb_tlb0_rules(struct kunit *test)
{
	struct e500_gtlb *t = new_tlb(test);
	struct e500_gtlb_ctx ctx = { .pid = { 0, 0, 0 } };
	const struct e500_gtlb_entry *e;
	bool tlb0;

	/* IPROT and a large TSIZE are not kept in TLB0 */
	write(t, MAS0_TLBSEL(0) | MAS0_ESEL(2),
	      MAS1_VALID | MAS1_IPROT | MAS1_TSIZE(BOOK3E_PAGESZ_16M),
	      0x00345000, 0x00777000 | RWX_S);
	e = e500_gtlb_lookup(t, 0x00345abc, &ctx, &tlb0);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_TRUE(test, tlb0);
	KUNIT_EXPECT_PTR_EQ(test, e, &t->tlb0[(0x345 & 127) * 4 + 2]);
	KUNIT_EXPECT_FALSE(test, e->mas1 & MAS1_IPROT);
	KUNIT_EXPECT_EQ(test, e500_gtlb_size(e, true), 4096ull);
	KUNIT_EXPECT_EQ(test, e500_gtlb_gpa(e, true, 0x00345abc), 0x00777abcull);
	KUNIT_EXPECT_NULL(test, e500_gtlb_lookup(t, 0x00346000, &ctx, &tlb0));
	e500_gtlb_free(t);
}

/* the entry tlbwe would replace: TLB0 by MAS2's set and ESEL, TLB1 */
static void gtlb_selected(struct kunit *test)
{
	struct e500_gtlb *t = new_tlb(test);
	bool tlb0;

	t->mas0 = MAS0_TLBSEL(0) | MAS0_ESEL(6);	/* way 6 & 3 = 2 */
	t->mas2 = 0x20345000;
	KUNIT_EXPECT_PTR_EQ(test, e500_gtlb_selected(t, &tlb0),
			    (const struct e500_gtlb_entry *)
			    &t->tlb0[(0x345 & 127) * 4 + 2]);
	KUNIT_EXPECT_TRUE(test, tlb0);
	t->mas0 = MAS0_TLBSEL(1) | MAS0_ESEL(15);
	KUNIT_EXPECT_PTR_EQ(test, e500_gtlb_selected(t, &tlb0),
			    (const struct e500_gtlb_entry *)&t->tlb1[15]);
	KUNIT_EXPECT_FALSE(test, tlb0);
	t->mas0 = MAS0_TLBSEL(1) | MAS0_ESEL(16);
	KUNIT_EXPECT_NULL(test, e500_gtlb_selected(t, &tlb0));
	e500_gtlb_free(t);
}

static void gtlb_pid_and_as(struct kunit *test)
{
	struct e500_gtlb *t = new_tlb(test);
	struct e500_gtlb_ctx ctx = { .pid = { 5, 0, 0 } };
	bool tlb0;

	write(t, MAS0_TLBSEL(1) | MAS0_ESEL(0),
	      MAS1_VALID | MAS1_TID(5) | MAS1_TS | MAS1_TSIZE(BOOK3E_PAGESZ_4K),
	      0x40000000, 0x1000 | RWX_S);
	KUNIT_EXPECT_NULL(test, e500_gtlb_lookup(t, 0x40000000, &ctx, &tlb0));
	ctx.as = true;
	KUNIT_EXPECT_NOT_NULL(test, e500_gtlb_lookup(t, 0x40000000, &ctx, &tlb0));
	ctx.pid[0] = 6;
	KUNIT_EXPECT_NULL(test, e500_gtlb_lookup(t, 0x40000000, &ctx, &tlb0));
	ctx.pid[1] = 5;		/* PID1 matches too */
	KUNIT_EXPECT_NOT_NULL(test, e500_gtlb_lookup(t, 0x40000000, &ctx, &tlb0));
	e500_gtlb_free(t);
}

static void gtlb_tlbsx_tlbre(struct kunit *test)
{
	struct e500_gtlb *t = new_tlb(test);

	write(t, MAS0_TLBSEL(1) | MAS0_ESEL(7),
	      MAS1_VALID | MAS1_TID(9) | MAS1_TSIZE(BOOK3E_PAGESZ_64K),
	      0x20010000 | MAS2_M, 0x30000 | RWX_S);
	t->mas6 = 9 << MAS6_SPID_SHIFT;
	e500_gtlb_tlbsx(t, 0x2001f000);
	KUNIT_EXPECT_EQ(test, t->mas0 & (MAS0_TLBSEL_MASK | MAS0_ESEL_MASK),
			(u32)(MAS0_TLBSEL(1) | MAS0_ESEL(7)));
	KUNIT_EXPECT_TRUE(test, t->mas1 & MAS1_VALID);
	KUNIT_EXPECT_EQ(test, t->mas2, (u32)(0x20010000 | MAS2_M));

	/* miss: defaults from MAS4, V clear */
	t->mas4 = MAS4_TLBSELD(1) | MAS4_TSIZED(BOOK3E_PAGESZ_4K) | MAS4_MD;
	e500_gtlb_tlbsx(t, 0x50000000);
	KUNIT_EXPECT_FALSE(test, t->mas1 & MAS1_VALID);
	KUNIT_EXPECT_EQ(test, MAS0_GET_TLBSEL(t->mas0), 1u);
	KUNIT_EXPECT_EQ(test, t->mas1 & MAS1_TSIZE_MASK,
			(u32)MAS1_TSIZE(BOOK3E_PAGESZ_4K));
	KUNIT_EXPECT_EQ(test, (t->mas1 >> 16) & 0xff, 9u);
	KUNIT_EXPECT_EQ(test, t->mas2, (u32)(0x50000000 | MAS2_M));

	/* tlbre reads the entry MAS0 names */
	t->mas0 = MAS0_TLBSEL(1) | MAS0_ESEL(7);
	t->mas1 = 0;
	e500_gtlb_tlbre(t);
	KUNIT_EXPECT_EQ(test, t->mas7_3, (u64)(0x30000 | RWX_S));
	KUNIT_EXPECT_TRUE(test, t->mas1 & MAS1_VALID);
	e500_gtlb_free(t);
}

static void gtlb_invalidate(struct kunit *test)
{
	struct e500_gtlb *t = new_tlb(test);
	struct e500_gtlb_ctx ctx = { .pid = { 0, 0, 0 } };
	bool tlb0;

	write(t, MAS0_TLBSEL(1) | MAS0_ESEL(0),
	      MAS1_VALID | MAS1_IPROT | MAS1_TSIZE(BOOK3E_PAGESZ_64M), 0, RWX_S);
	write(t, MAS0_TLBSEL(1) | MAS0_ESEL(1),
	      MAS1_VALID | MAS1_TSIZE(BOOK3E_PAGESZ_1M), 0x10000000, RWX_S);
	write(t, MAS0_TLBSEL(0) | MAS0_ESEL(0),
	      MAS1_VALID, 0x20000000, 0x5000 | RWX_S);

	/* by address in TLB1: the unprotected 1M entry goes */
	KUNIT_EXPECT_TRUE(test, e500_gtlb_tlbivax(t, 0x10080000 | 0x8));
	KUNIT_EXPECT_NULL(test, e500_gtlb_lookup(t, 0x10000000, &ctx, &tlb0));
	/* IPROT survives invalidate-all */
	KUNIT_EXPECT_FALSE(test, e500_gtlb_tlbivax(t, 0x8 | 0x4));
	KUNIT_EXPECT_NOT_NULL(test, e500_gtlb_lookup(t, 0x100, &ctx, &tlb0));
	/* TLB0 by address */
	KUNIT_EXPECT_TRUE(test, e500_gtlb_tlbivax(t, 0x20000000));
	KUNIT_EXPECT_NULL(test, e500_gtlb_lookup(t, 0x20000000, &ctx, &tlb0));
	/* flash invalidation keeps IPROT too */
	KUNIT_EXPECT_FALSE(test, e500_gtlb_flash(t, true, true));
	KUNIT_EXPECT_NOT_NULL(test, e500_gtlb_lookup(t, 0x100, &ctx, &tlb0));
	e500_gtlb_free(t);
}

/* tlbilx (e500mc): all, by PID, by address with PID and AS; IPROT stays */
static void gtlb_tlbilx(struct kunit *test)
{
	struct e500_gtlb *t = new_tlb(test);
	struct e500_gtlb_ctx pid5 = { .pid = { 5, 0, 0 } };
	struct e500_gtlb_ctx pid7 = { .pid = { 7, 0, 0 } };
	struct e500_gtlb_ctx as1 = { .pid = { 5, 0, 0 }, .as = true };
	bool tlb0, changed;

	write(t, MAS0_TLBSEL(1) | MAS0_ESEL(0), MAS1_VALID | MAS1_IPROT |
	      MAS1_TID(5) | MAS1_TSIZE(BOOK3E_PAGESZ_64M), 0, RWX_S);
	write(t, MAS0_TLBSEL(1) | MAS0_ESEL(1), MAS1_VALID | MAS1_TID(5) |
	      MAS1_TSIZE(BOOK3E_PAGESZ_1M), 0x10000000, RWX_S);
	write(t, MAS0_TLBSEL(0) | MAS0_ESEL(0), MAS1_VALID | MAS1_TID(7),
	      0x20000000, 0x5000 | RWX_S);
	write(t, MAS0_TLBSEL(0) | MAS0_ESEL(1), MAS1_VALID | MAS1_TID(5) |
	      MAS1_TS, 0x30000000, 0x6000 | RWX_S);
	write(t, MAS0_TLBSEL(0) | MAS0_ESEL(2), MAS1_VALID, 0x40000000,
	      0x7000 | RWX_S);

	/* T = 2 is reserved: refused, nothing changes */
	KUNIT_EXPECT_EQ(test, e500_gtlb_tlbilx(t, 2, 0, &changed), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test,
			      e500_gtlb_lookup(t, 0x20000000, &pid7, &tlb0));
	/* T = 3: EA with SPID 5 and SAS 1 takes only the AS 1 entry */
	t->mas6 = (5 << MAS6_SPID_SHIFT) | MAS6_SAS;
	KUNIT_EXPECT_EQ(test, e500_gtlb_tlbilx(t, E500_TLBILX_VA, 0x30000000,
					       &changed), 0);
	KUNIT_EXPECT_TRUE(test, changed);
	KUNIT_EXPECT_NULL(test, e500_gtlb_lookup(t, 0x30000000, &as1, &tlb0));
	/* T = 3 with SPID 9: the TID 0 entry matches any PID */
	t->mas6 = 9 << MAS6_SPID_SHIFT;
	KUNIT_EXPECT_EQ(test, e500_gtlb_tlbilx(t, E500_TLBILX_VA, 0x40000000,
					       &changed), 0);
	KUNIT_EXPECT_TRUE(test, changed);
	KUNIT_EXPECT_NULL(test, e500_gtlb_lookup(t, 0x40000000, &pid7, &tlb0));
	/* T = 1 by PID 5: the 1 MiB entry goes, PID 7 and IPROT stay */
	t->mas6 = 5 << MAS6_SPID_SHIFT;
	KUNIT_EXPECT_EQ(test, e500_gtlb_tlbilx(t, E500_TLBILX_PID, 0,
					       &changed), 0);
	KUNIT_EXPECT_TRUE(test, changed);
	KUNIT_EXPECT_NULL(test, e500_gtlb_lookup(t, 0x10000000, &pid5, &tlb0));
	KUNIT_EXPECT_NOT_NULL(test,
			      e500_gtlb_lookup(t, 0x20000000, &pid7, &tlb0));
	KUNIT_EXPECT_NOT_NULL(test, e500_gtlb_lookup(t, 0x100, &pid5, &tlb0));
	/* T = 0: everything but IPROT */
	KUNIT_EXPECT_EQ(test, e500_gtlb_tlbilx(t, E500_TLBILX_ALL, 0,
					       &changed), 0);
	KUNIT_EXPECT_TRUE(test, changed);
	KUNIT_EXPECT_NULL(test, e500_gtlb_lookup(t, 0x20000000, &pid7, &tlb0));
	KUNIT_EXPECT_NOT_NULL(test, e500_gtlb_lookup(t, 0x100, &pid5, &tlb0));
	KUNIT_EXPECT_EQ(test, e500_gtlb_tlbilx(t, E500_TLBILX_ALL, 0,
					       &changed), 0);
	KUNIT_EXPECT_FALSE(test, changed);
	e500_gtlb_free(t);
}

static void gtlb_miss_state(struct kunit *test)
{
	struct e500_gtlb *t = new_tlb(test);

	t->mas4 = MAS4_TLBSELD(0) | MAS4_TSIZED(BOOK3E_PAGESZ_4K) | MAS4_MD;
	e500_gtlb_miss(t, 0xc0012345, 3, true);
	KUNIT_EXPECT_EQ(test, MAS0_GET_TLBSEL(t->mas0), 0u);
	KUNIT_EXPECT_TRUE(test, t->mas1 & MAS1_VALID);
	KUNIT_EXPECT_TRUE(test, t->mas1 & MAS1_TS);
	KUNIT_EXPECT_EQ(test, (t->mas1 >> 16) & 0xff, 3u);
	KUNIT_EXPECT_EQ(test, t->mas2, (u32)(0xc0012000 | MAS2_M));
	KUNIT_EXPECT_EQ(test, t->mas6, (u32)((3 << MAS6_SPID_SHIFT) | MAS6_SAS));
	e500_gtlb_free(t);
}

/* MMU architecture 1.0 has no odd TSIZE: the low bit is ignored */
static void gtlb_tsize_v1(struct kunit *test)
{
	struct e500_gtlb_entry e = { .mas1 = MAS1_VALID | MAS1_TSIZE(5) };

	KUNIT_EXPECT_EQ(test, e500_gtlb_size(&e, false), 16384ull);
	e.mas1 = MAS1_VALID | MAS1_TSIZE(0);
	KUNIT_EXPECT_EQ(test, e500_gtlb_size(&e, false), 4096ull);
}

/* KVM_CAP_SW_TLB: the TLBs in an array the model does not own */
static void gtlb_user_array(struct kunit *test)
{
	struct e500_gtlb *t = new_tlb(test);
	struct e500_gtlb_ctx ctx = { .pid = { 0, 0, 0 } };
	struct e500_gtlb_entry *a;
	const struct e500_gtlb_entry *e;
	bool tlb0;

	a = kunit_kcalloc(test, 256 + 8, sizeof(*a), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	/* TLB0 2-way 256 entries, TLB1 8 entries */
	e500_gtlb_use_array(t, a, (TLB0CFG & 0x00fff000) | 0x02000100,
			    (TLB1CFG & 0x00fff000) | 0x08000008);
	KUNIT_EXPECT_EQ(test, t->ways0, 2u);
	KUNIT_EXPECT_EQ(test, t->sets0, 128u);
	KUNIT_EXPECT_EQ(test, t->n1, 8u);
	KUNIT_EXPECT_PTR_EQ(test, t->tlb1, &a[256]);
	/* an entry written in the array translates */
	a[256 + 2].mas1 = MAS1_VALID | MAS1_TSIZE(BOOK3E_PAGESZ_4K);
	a[256 + 2].mas2 = 0x30000000;
	a[256 + 2].mas7_3 = 0x00044000 | RWX_S;
	e = e500_gtlb_lookup(t, 0x30000123, &ctx, &tlb0);
	KUNIT_EXPECT_PTR_EQ(test, e, (const struct e500_gtlb_entry *)&a[258]);
	/* tlbwe lands in the array: TLB0 set 5 way 1 is a[5 * 2 + 1] */
	write(t, MAS0_TLBSEL(0) | MAS0_ESEL(1), MAS1_VALID, 0x00005000,
	      0x00077000 | RWX_S);
	KUNIT_EXPECT_EQ(test, a[11].mas2, 0x00005000ull);
	KUNIT_EXPECT_EQ(test, a[11].mas7_3, 0x00077000ull | RWX_S);
	/* freeing leaves the array alone (kunit frees it) */
	e500_gtlb_free(t);
	KUNIT_EXPECT_NULL(test, t->tlb0);
	KUNIT_EXPECT_FALSE(test, t->user_array);
}

static struct kunit_case gtlb_cases[] = {
	KUNIT_CASE(gtlb_geometry),
	KUNIT_CASE(gtlb_tlb1_translate),
	KUNIT_CASE(gtlb_tlb0_rules),
	KUNIT_CASE(gtlb_selected),
	KUNIT_CASE(gtlb_pid_and_as),
	KUNIT_CASE(gtlb_tlbsx_tlbre),
	KUNIT_CASE(gtlb_invalidate),
	KUNIT_CASE(gtlb_tlbilx),
	KUNIT_CASE(gtlb_miss_state),
	KUNIT_CASE(gtlb_tsize_v1),
	KUNIT_CASE(gtlb_user_array),
	{}
};

static struct kunit_suite gtlb_suite = {
	.name = "kvm_e500_gtlb",
	.test_cases = gtlb_cases,
};

kunit_test_suite(gtlb_suite);

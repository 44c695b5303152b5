// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the large shadow page rule (e500_shadow.h).  Each case names
 * the one constraint that decides the size: the guest page, the host
 * TLB1 maximum, the memory slot, the contiguous host range, or EA and
 * host-physical address disagreeing modulo a size.
 */
#include <kunit/test.h>

#include "e500_shadow.h"

#define KIB(x)	((u64)(x) << 10)
#define MIB(x)	((u64)(x) << 20)
#define GIB(x)	((u64)(x) << 30)

static const struct e500_span any = { 0, 1ull << 36 };

static void shadow_max_bytes(struct kunit *test)
{
	/* TLB1CFG[MAXSIZE] is 4^n KiB */
	KUNIT_EXPECT_EQ(test, e500_tlb1_max_bytes(0x000b0000), GIB(4));
	KUNIT_EXPECT_EQ(test, e500_tlb1_max_bytes(0x00090000), MIB(256));
	KUNIT_EXPECT_EQ(test, e500_tlb1_max_bytes(0x00010000), KIB(4));
	/* other fields (NENTRY, ASSOC, MINSIZE, IPROT) do not count */
	KUNIT_EXPECT_EQ(test, e500_tlb1_max_bytes(0x101b8010), GIB(4));
	/* no MAXSIZE at all: 4 KiB pages only */
	KUNIT_EXPECT_EQ(test, e500_tlb1_max_bytes(0x10008010), KIB(4));
}

static void shadow_guest_page_bounds(struct kunit *test)
{
	/* a 64 MiB guest page over 64 MiB of aligned contiguous memory */
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x10123456, 0x20123456,
					       0x40123456, MIB(64), &any,
					       &any, GIB(4)), MIB(64));
	/* the same memory, a 16 MiB guest page */
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x10123456, 0x20123456,
					       0x40123456, MIB(16), &any,
					       &any, GIB(4)), MIB(16));
	/* a 32 KiB page is not 4^n KiB: 16 KiB fits, 64 KiB would not */
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x10007000, 0x7000, 0x47000,
					       KIB(32), &any, &any, GIB(4)),
			KIB(16));
	/* a 4 KiB guest page never gets more */
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x10000000, 0, 0, KIB(4),
					       &any, &any, GIB(4)), KIB(4));
}

static void shadow_host_max(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x10000000, 0x10000000,
					       0x10000000, GIB(1), &any, &any,
					       MIB(64)), MIB(64));
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x10000000, 0x10000000,
					       0x10000000, GIB(1), &any, &any,
					       KIB(4)), KIB(4));
}

static void shadow_slot_bounds(struct kunit *test)
{
	struct e500_span slot = { MIB(16), MIB(16) + MIB(20) };

	/* 20 MiB slot at 16 MiB: 16 MiB blocks at its start fit */
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x01000000, MIB(16), MIB(64),
					       MIB(64), &slot, &any, GIB(4)),
			MIB(16));
	/* the last 4 MiB: only 4 MiB blocks (16 MiB would pass its end) */
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x02300000, MIB(35),
					       MIB(83), MIB(64), &slot, &any,
					       GIB(4)), MIB(4));
	/* the very last page of the slot */
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x023fffff,
					       MIB(36) - 1, MIB(84) - 1,
					       MIB(64), &slot, &any, GIB(4)),
			MIB(4));
	/* a slot starting 4 KiB into an otherwise aligned block */
	slot.lo = MIB(16) + KIB(4);
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x01001000, MIB(16) + KIB(4),
					       MIB(64) + KIB(4), MIB(64),
					       &slot, &any, GIB(4)), KIB(4));
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x01004000, MIB(16) + KIB(16),
					       MIB(64) + KIB(16), MIB(64),
					       &slot, &any, GIB(4)), KIB(16));
}

static void shadow_host_bounds(struct kunit *test)
{
	/* one 16 MiB hugepage behind a 64 MiB guest page */
	struct e500_span huge = { MIB(48), MIB(64) };

	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x00000000, 0, MIB(48),
					       MIB(64), &any, &huge, GIB(4)),
			MIB(16));
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x00ffffff, MIB(16) - 1,
					       MIB(64) - 1, MIB(64), &any,
					       &huge, GIB(4)), MIB(16));
	/* a 4 MiB host page */
	huge.lo = MIB(52);
	huge.hi = MIB(56);
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x00400000, MIB(4), MIB(52),
					       MIB(64), &any, &huge, GIB(4)),
			MIB(4));
	/* an empty range (no known contiguity) */
	huge.hi = huge.lo;
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x00400000, MIB(4), MIB(52),
					       MIB(64), &any, &huge, GIB(4)),
			KIB(4));
}

static void shadow_alignment(struct kunit *test)
{
	/* host memory 4 KiB off the guest's alignment: no large page */
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x10000000, 0x10000000,
					       0x40001000, MIB(64), &any,
					       &any, GIB(4)), KIB(4));
	/* 64 KiB off: 16 and 64 KiB blocks agree, 256 KiB do not */
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0x10000000, 0x10000000,
					       0x40010000, MIB(64), &any,
					       &any, GIB(4)), KIB(64));
	/* a slot ending at the top of the 36-bit space does not wrap */
	KUNIT_EXPECT_EQ(test, e500_shadow_size(0xff000000, 0xfff000000ull,
					       0xff000000, MIB(16), &any,
					       &any, GIB(4)), MIB(16));
}

static struct kunit_case shadow_size_cases[] = {
	KUNIT_CASE(shadow_max_bytes),
	KUNIT_CASE(shadow_guest_page_bounds),
	KUNIT_CASE(shadow_host_max),
	KUNIT_CASE(shadow_slot_bounds),
	KUNIT_CASE(shadow_host_bounds),
	KUNIT_CASE(shadow_alignment),
	{}
};

static struct kunit_suite shadow_size_suite = {
	.name = "kvm_e500_shadow_size",
	.test_cases = shadow_size_cases,
};

kunit_test_suite(shadow_size_suite);

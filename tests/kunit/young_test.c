// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the page-aging bitmap (mmu/young.c): allocation with the slot,
 * kept across a move or a flags change, marking a mapping's pages,
 * testing and clearing a range clipped to the slot.
 */
#include <kunit/test.h>
#include <linux/kvm_host.h>

#include "e500_mmu.h"

#define BASE	0x1000
#define PAGES	200

static void young_slot(struct kunit *test, struct kvm_memory_slot *slot)
{
	*slot = (struct kvm_memory_slot){ .base_gfn = BASE, .npages = PAGES };
	KUNIT_ASSERT_EQ(test, e500_young_prepare(NULL, slot, KVM_MR_CREATE),
			0);
}

/* the bits, read through the interface: page @i young? */
static bool young(const struct kvm_memory_slot *slot, unsigned int i)
{
	return e500_young_range(slot, slot->base_gfn + i,
				slot->base_gfn + i + 1, false);
}

static void young_create_free(struct kunit *test)
{
	struct kvm_memory_slot slot;
	unsigned int i;

	young_slot(test, &slot);
	/* a new slot: nothing young */
	for (i = 0; i < PAGES; i++)
		KUNIT_EXPECT_FALSE(test, young(&slot, i));
	KUNIT_EXPECT_FALSE(test, e500_young_range(&slot, BASE,
						  BASE + PAGES, false));
	e500_mmu_mark_young(&slot, BASE + 3, 1);
	KUNIT_EXPECT_TRUE(test, young(&slot, 3));
	e500_young_free(&slot);
	/* freed, or a slot never registered: nothing marked, never young */
	e500_mmu_mark_young(&slot, BASE + 3, 1);
	KUNIT_EXPECT_FALSE(test, e500_young_range(&slot, BASE, BASE + PAGES,
						  true));
	e500_mmu_mark_young(NULL, BASE, 1);
	KUNIT_EXPECT_FALSE(test, e500_young_range(NULL, BASE, BASE + 1,
						  true));
}

static void young_mark_exact(struct kunit *test)
{
	struct kvm_memory_slot slot;
	unsigned int i;

	young_slot(test, &slot);
	/* a 16-page large mapping and a 4 KiB one */
	e500_mmu_mark_young(&slot, BASE + 64, 16);
	e500_mmu_mark_young(&slot, BASE + 130, 1);
	for (i = 0; i < PAGES; i++)
		KUNIT_EXPECT_EQ_MSG(test, young(&slot, i),
				    (i >= 64 && i < 80) || i == 130,
				    "page %u", i);
	/* a mapping reaching past the slot's end is clipped to it */
	e500_mmu_mark_young(&slot, BASE + PAGES - 2, 16);
	KUNIT_EXPECT_TRUE(test, young(&slot, PAGES - 1));
	KUNIT_EXPECT_TRUE(test, young(&slot, PAGES - 2));
	KUNIT_EXPECT_FALSE(test, young(&slot, PAGES - 3));
	e500_young_free(&slot);
}

static void young_test_and_clear(struct kunit *test)
{
	struct kvm_memory_slot slot;
	unsigned int i;

	young_slot(test, &slot);
	e500_mmu_mark_young(&slot, BASE + 64, 16);
	e500_mmu_mark_young(&slot, BASE + 130, 1);
	/* ranges next to the marked pages are not young */
	KUNIT_EXPECT_FALSE(test, e500_young_range(&slot, BASE, BASE + 64,
						  false));
	KUNIT_EXPECT_FALSE(test, e500_young_range(&slot, BASE + 80,
						  BASE + 130, true));
	KUNIT_EXPECT_FALSE(test, e500_young_range(&slot, BASE + 131,
						  BASE + PAGES, true));
	/* testing does not clear */
	KUNIT_EXPECT_TRUE(test, e500_young_range(&slot, BASE + 79,
						 BASE + 80, false));
	KUNIT_EXPECT_TRUE(test, e500_young_range(&slot, BASE + 79,
						 BASE + 80, false));
	/* clearing one page leaves its neighbours */
	KUNIT_EXPECT_TRUE(test, e500_young_range(&slot, BASE + 70,
						 BASE + 71, true));
	KUNIT_EXPECT_FALSE(test, e500_young_range(&slot, BASE + 70,
						  BASE + 71, false));
	for (i = 64; i < 80; i++)
		KUNIT_EXPECT_EQ_MSG(test, young(&slot, i),
				    i != 70, "page %u", i);
	/* a range overlapping the slot's start is clipped, then cleared */
	KUNIT_EXPECT_TRUE(test, e500_young_range(&slot, 0, BASE + 65, true));
	KUNIT_EXPECT_FALSE(test, young(&slot, 64));
	KUNIT_EXPECT_TRUE(test, young(&slot, 65));
	/* outside the slot: never young, nothing cleared */
	KUNIT_EXPECT_FALSE(test, e500_young_range(&slot, BASE + PAGES,
						  BASE + PAGES + 8, true));
	KUNIT_EXPECT_FALSE(test, e500_young_range(&slot, 0, BASE, true));
	/* the whole slot: young once, then clear */
	KUNIT_EXPECT_TRUE(test, e500_young_range(&slot, BASE, BASE + PAGES,
						 true));
	KUNIT_EXPECT_FALSE(test, e500_young_range(&slot, BASE, BASE + PAGES,
						  false));
	e500_young_free(&slot);
}

static void young_kept_across_changes(struct kunit *test)
{
	struct kvm_memory_slot old, new, moved;

	young_slot(test, &old);
	e500_mmu_mark_young(&old, BASE + 5, 1);
	/* dirty logging switched on: the new struct has the bits */
	new = old;
	new.flags = KVM_MEM_LOG_DIRTY_PAGES;
	KUNIT_EXPECT_EQ(test, e500_young_prepare(&old, &new,
						 KVM_MR_FLAGS_ONLY), 0);
	e500_young_commit(&old, KVM_MR_FLAGS_ONLY);
	KUNIT_EXPECT_TRUE(test, young(&new, 5));
	KUNIT_EXPECT_FALSE(test, young(&new, 6));
	/* the old struct is forgotten (generic KVM frees it) */
	KUNIT_EXPECT_FALSE(test, young(&old, 5));
	/* moved: the same host page, still young, at its new frame */
	moved = new;
	moved.base_gfn = 0x8000;
	KUNIT_EXPECT_EQ(test, e500_young_prepare(&new, &moved, KVM_MR_MOVE),
			0);
	e500_young_commit(&new, KVM_MR_MOVE);
	KUNIT_EXPECT_TRUE(test, e500_young_range(&moved, 0x8005, 0x8006,
						 false));
	KUNIT_EXPECT_FALSE(test, young(&new, 5));
	/* delete: nothing to prepare; the slot's free drops the bitmap */
	KUNIT_EXPECT_EQ(test, e500_young_prepare(&moved, NULL,
						 KVM_MR_DELETE), 0);
	e500_young_commit(&moved, KVM_MR_DELETE);
	KUNIT_EXPECT_TRUE(test, young(&moved, 5));
	e500_young_free(&moved);
	KUNIT_EXPECT_FALSE(test, young(&moved, 5));
}

static struct kunit_case young_cases[] = {
	KUNIT_CASE(young_create_free),
	KUNIT_CASE(young_mark_exact),
	KUNIT_CASE(young_test_and_clear),
	KUNIT_CASE(young_kept_across_changes),
	{}
};

static struct kunit_suite young_suite = {
	.name = "kvm_e500_young",
	.test_cases = young_cases,
};

kunit_test_suite(young_suite);

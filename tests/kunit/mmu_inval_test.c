// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the shadow fault protocol's staleness check and the dirty
 * hook (e500_mmu.h), on a bare struct kvm and memory slot.
 */
#include <kunit/test.h>
#include <linux/kvm_host.h>

#include "e500_mmu.h"

static struct kvm *bare_kvm(struct kunit *test)
{
	struct kvm *kvm = kunit_kzalloc(test, sizeof(*kvm), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, kvm);
	spin_lock_init(&kvm->mmu_lock);
	return kvm;
}

/* nobody holds mmu_lock */
static bool lock_free(struct kvm *kvm)
{
	if (!spin_trylock(&kvm->mmu_lock))
		return false;
	spin_unlock(&kvm->mmu_lock);
	return true;
}

/* true: the lock is held, and released here */
static bool try_install(struct kvm *kvm, unsigned long seq, gfn_t gfn,
			unsigned long n)
{
	if (!e500_mmu_fault_lock(kvm, seq, gfn, n))
		return false;
	e500_mmu_fault_unlock(kvm);
	return true;
}

static void mmu_fault_seq(struct kunit *test)
{
	struct kvm *kvm = bare_kvm(test);
	unsigned long seq;

	kvm->mmu_invalidate_seq = 7;
	seq = e500_mmu_fault_begin(kvm);
	KUNIT_EXPECT_EQ(test, seq, 7ul);
	KUNIT_EXPECT_TRUE(test, try_install(kvm, seq, 0x100, 1));
	/* an invalidation completed between lookup and install */
	kvm->mmu_invalidate_seq++;
	KUNIT_EXPECT_FALSE(test, e500_mmu_fault_lock(kvm, seq, 0x100, 1));
	/* refused: the lock is not left held */
	KUNIT_EXPECT_TRUE(test, lock_free(kvm));
}

static void mmu_fault_in_progress(struct kunit *test)
{
	struct kvm *kvm = bare_kvm(test);

	kvm->mmu_invalidate_in_progress = 1;
	kvm->mmu_invalidate_range_start = 100;
	kvm->mmu_invalidate_range_end = 200;
	/* outside the range being invalidated: go ahead */
	KUNIT_EXPECT_TRUE(test, try_install(kvm, 0, 50, 50));
	KUNIT_EXPECT_TRUE(test, try_install(kvm, 0, 200, 16));
	/* any overlap, including a large mapping's tail: retry */
	KUNIT_EXPECT_FALSE(test, e500_mmu_fault_lock(kvm, 0, 100, 1));
	KUNIT_EXPECT_FALSE(test, e500_mmu_fault_lock(kvm, 0, 199, 1));
	KUNIT_EXPECT_FALSE(test, e500_mmu_fault_lock(kvm, 0, 64, 64));
	KUNIT_EXPECT_FALSE(test, e500_mmu_fault_lock(kvm, 0, 0, 4096));
	KUNIT_EXPECT_TRUE(test, lock_free(kvm));
}

static void mmu_mark_dirty(struct kunit *test)
{
	struct kvm *kvm = bare_kvm(test);
	struct kvm_memory_slot slot = {
		.base_gfn = 0x1000, .npages = 64,
		.flags = KVM_MEM_LOG_DIRTY_PAGES,
	};
	unsigned long *bm = kunit_kzalloc(test, 8, GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, bm);
	slot.dirty_bitmap = bm;
	e500_mmu_mark_dirty(kvm, &slot, 0x1004, 3);
	for (i = 0; i < 64; i++)
		KUNIT_EXPECT_EQ_MSG(test, test_bit_le(i, bm), i >= 4 && i < 7,
				    "page %u", i);
	/* a slot without dirty logging, or none: nothing happens */
	slot.flags = 0;
	e500_mmu_mark_dirty(kvm, &slot, 0x1010, 1);
	KUNIT_EXPECT_FALSE(test, test_bit_le(0x10, bm));
	e500_mmu_mark_dirty(kvm, NULL, 0x1010, 1);
}

static struct kunit_case mmu_inval_cases[] = {
	KUNIT_CASE(mmu_fault_seq),
	KUNIT_CASE(mmu_fault_in_progress),
	KUNIT_CASE(mmu_mark_dirty),
	{}
};

static struct kunit_suite mmu_inval_suite = {
	.name = "kvm_e500_mmu_inval",
	.test_cases = mmu_inval_cases,
};

kunit_test_suite(mmu_inval_suite);

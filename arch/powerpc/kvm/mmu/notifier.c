// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shadow invalidation driven by the host: MMU-notifier events on the
 * VM's memory (munmap, madvise(MADV_DONTNEED), mprotect, migration,
 * reclaim) and memory slot changes.
 *
 * Shadow mappings live in each vCPU's host TLB0 and its list of pinned
 * pages; neither is indexed by guest frame.  So every invalidation asks
 * each vCPU to flush: KVM_REQ_TLB_FLUSH (a waiting request) kicks the
 * vCPUs that are in the guest and returns once they are out, and a vCPU
 * handles the request (flush, pins released) before it enters the guest
 * again.  A mapping being installed while the invalidation runs is
 * caught by the mmu_invalidate_seq check (e500_mmu_fault_lock()).
 */
#include <linux/kvm_host.h>

#include "e500_mmu.h"

/*
 * Called by generic KVM under kvm->mmu_lock for every memslot range the
 * notifier event touches; true makes it flush every vCPU
 * (kvm_flush_remote_tlbs()) before the notifier returns.
 */
bool kvm_unmap_gfn_range(struct kvm *kvm, struct kvm_gfn_range *range)
{
	return true;
}

/* page aging (kvm_age_gfn(), kvm_test_age_gfn()) is in mmu/young.c */

/*
 * A slot is deleted or moved.  Generic KVM has already made it
 * KVM_MEMSLOT_INVALID and waited for kvm->srcu, so no vCPU can map it
 * again (the fault path retries on an invalid slot); mappings made
 * before must go before the change completes.
 */
void kvm_arch_flush_shadow_memslot(struct kvm *kvm,
				   struct kvm_memory_slot *slot)
{
	kvm_flush_remote_tlbs(kvm);
}

/*
 * Delete and move were flushed above, a new slot has no mappings yet.
 * A flags change (dirty logging switched on or off) flushes so that
 * writable mappings are made again through the dirty hook.  The page
 * aging bitmap follows a moved or changed slot (mmu/young.c).
 */
void kvm_arch_commit_memory_region(struct kvm *kvm,
				   struct kvm_memory_slot *old,
				   const struct kvm_memory_slot *new,
				   enum kvm_mr_change change)
{
	if (change == KVM_MR_FLAGS_ONLY)
		kvm_flush_remote_tlbs(kvm);
	e500_young_commit(old, change);
}

/* the invalidation sequence, read before the pfn lookup */
unsigned long e500_mmu_fault_begin(struct kvm *kvm)
{
	unsigned long seq = READ_ONCE(kvm->mmu_invalidate_seq);

	/* pairs with the smp_wmb() in kvm_mmu_invalidate_end() */
	smp_rmb();
	return seq;
}
EXPORT_SYMBOL_GPL(e500_mmu_fault_begin);

/*
 * Take kvm->mmu_lock to install a mapping of [gfn, gfn + npages) from a
 * pfn looked up after e500_mmu_fault_begin() returned @seq.  False (lock
 * not held) when an invalidation overlapping the range is running or
 * one has completed since: the pfn may be stale, fault again.
 */
bool e500_mmu_fault_lock(struct kvm *kvm, unsigned long seq, gfn_t gfn,
			 unsigned long npages)
{
	spin_lock(&kvm->mmu_lock);
	/* begin and range_add happen in one mmu_lock section: a range is set */
	if (kvm->mmu_invalidate_in_progress &&
	    gfn < kvm->mmu_invalidate_range_end &&
	    gfn + npages > kvm->mmu_invalidate_range_start)
		goto stale;
	if (kvm->mmu_invalidate_seq != seq)
		goto stale;
	return true;
stale:
	spin_unlock(&kvm->mmu_lock);
	return false;
}
EXPORT_SYMBOL_GPL(e500_mmu_fault_lock);

void e500_mmu_fault_unlock(struct kvm *kvm)
{
	spin_unlock(&kvm->mmu_lock);
}
EXPORT_SYMBOL_GPL(e500_mmu_fault_unlock);

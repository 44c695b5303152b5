// SPDX-License-Identifier: GPL-2.0-only
/*
 * Dirty logging (KVM_MEM_LOG_DIRTY_PAGES, KVM_GET_DIRTY_LOG,
 * KVM_CLEAR_DIRTY_LOG with KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2; the
 * ioctls are generic KVM's, KVM_GENERIC_DIRTYLOG_READ_PROTECT).
 *
 * In a slot that logs dirty pages the shadow code maps pages read-only
 * until the guest stores to them: the store faults, the page is marked
 * dirty here and mapped writable.  A writable shadow mapping lets the
 * guest write every page it covers without another exit, so all of them
 * are marked when it is made (outside a logged slot this does nothing).
 *
 * Write-protecting pages again once userspace has fetched or cleared
 * their bits: shadow entries are not indexed by guest frame, so generic
 * KVM's flush after harvesting (kvm_flush_remote_tlbs_memslot(), a
 * waiting KVM_REQ_TLB_FLUSH to every vCPU) drops every vCPU's shadow
 * before the ioctl returns; the next store to any page faults again.
 * A store made through a writable entry before that flush hits a page
 * reported dirty by this very ioctl, which userspace reads after it
 * returns; a page marked after the harvest stays in the bitmap for the
 * next one.
 */
#include <linux/kvm_host.h>

#include "e500_mmu.h"

void e500_mmu_mark_dirty(struct kvm *kvm,
			 const struct kvm_memory_slot *slot, gfn_t gfn,
			 unsigned long npages)
{
	unsigned long i;

	if (!slot || !kvm_slot_dirty_track_enabled(slot))
		return;
	for (i = 0; i < npages; i++)
		mark_page_dirty_in_slot(kvm, slot, gfn + i);
}
EXPORT_SYMBOL_GPL(e500_mmu_mark_dirty);

/*
 * Called under kvm->mmu_lock for each word of bits just harvested.
 * Nothing to do per page: the flush that follows (see above) removes
 * every writable mapping at once.
 */
void kvm_arch_mmu_enable_log_dirty_pt_masked(struct kvm *kvm,
					     struct kvm_memory_slot *slot,
					     gfn_t gfn_offset,
					     unsigned long mask)
{
}

/* the bitmap is written at fault time: nothing to gather */
void kvm_arch_sync_dirty_log(struct kvm *kvm, struct kvm_memory_slot *memslot)
{
}

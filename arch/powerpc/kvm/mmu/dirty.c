// SPDX-License-Identifier: GPL-2.0-only
/*
 * The dirty-logging hook of the shadow TLB: a writable shadow mapping
 * lets the guest write every page it covers without another exit, so
 * all of them are marked dirty when it is made.  Write-protecting pages
 * again when userspace fetches the log (KVM_GET_DIRTY_LOG) is not done
 * yet, which is why memory slots with KVM_MEM_LOG_DIRTY_PAGES are still
 * refused (vm.c); the hook is in place for that work.
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

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page aging for the host (MMU notifier clear_young, clear_flush_young
 * and test_young: page_idle, reclaim's referenced check).
 *
 * e500 TLB entries have no referenced bit, so "the guest used this page"
 * is recorded in software: a bit per page of a memory slot, set when the
 * fault path installs a shadow mapping of the page under kvm->mmu_lock,
 * for every page the mapping covers (a large shadow entry lets the guest
 * reach all of them without another fault).  Aging tests and clears the
 * bits of the range and, when one was set, flushes every vCPU's shadow
 * (the shadow is not indexed by guest frame): the guest's next access
 * to the page faults and sets the bit again.  Testing only reads the
 * bits.  Every access to a bitmap's bits is made under kvm->mmu_lock.
 *
 * The bitmaps are found by slot address in one xarray: powerpc's
 * struct kvm_arch_memory_slot has no member for e500 and adding one is
 * a kernel patch.  A slot's bitmap is registered when the slot is made
 * (KVM_MR_CREATE), passed on to the new slot struct generic KVM builds
 * for a move or a flags change (same npages, same host memory) and
 * freed with the slot.  The temporary copy generic KVM makes of a slot
 * being deleted or moved has no bitmap: no fault maps it, and aging it
 * answers "not young".
 */
#include <linux/kvm_host.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "e500_mmu.h"

static DEFINE_XARRAY(young_maps);

static unsigned long young_key(const struct kvm_memory_slot *slot)
{
	return (unsigned long)slot / sizeof(long);
}

static unsigned long *young_map(const struct kvm_memory_slot *slot)
{
	return slot ? xa_load(&young_maps, young_key(slot)) : NULL;
}

/* kvm_arch_prepare_memory_region(): the last step that may fail */
int e500_young_prepare(const struct kvm_memory_slot *old,
		       struct kvm_memory_slot *new, enum kvm_mr_change change)
{
	unsigned long *map;
	int r;

	switch (change) {
	case KVM_MR_CREATE:
		map = kvcalloc(BITS_TO_LONGS(new->npages), sizeof(long),
			       GFP_KERNEL_ACCOUNT);
		if (!map)
			return -ENOMEM;
		r = xa_err(xa_store(&young_maps, young_key(new), map,
				    GFP_KERNEL_ACCOUNT));
		if (r)
			kvfree(map);
		return r;
	case KVM_MR_MOVE:
	case KVM_MR_FLAGS_ONLY:
		map = young_map(old);
		if (!map)
			return 0;
		return xa_err(xa_store(&young_maps, young_key(new), map,
				       GFP_KERNEL_ACCOUNT));
	default:
		return 0;
	}
}
EXPORT_SYMBOL_GPL(e500_young_prepare);

/*
 * kvm_arch_commit_memory_region(): after a move or a flags change
 * generic KVM frees the old struct without kvm_arch_free_memslot(); its
 * bitmap lives on with the new one.
 */
void e500_young_commit(const struct kvm_memory_slot *old,
		       enum kvm_mr_change change)
{
	if (change == KVM_MR_MOVE || change == KVM_MR_FLAGS_ONLY)
		xa_erase(&young_maps, young_key(old));
}
EXPORT_SYMBOL_GPL(e500_young_commit);

/* slot deleted or VM destroyed: no vCPU or notifier can see it any more */
void e500_young_free(struct kvm_memory_slot *slot)
{
	kvfree(xa_erase(&young_maps, young_key(slot)));
}
EXPORT_SYMBOL_GPL(e500_young_free);

/* clip [start, end) to the slot, as bit numbers */
static unsigned long *young_bits(const struct kvm_memory_slot *slot,
				 gfn_t start, gfn_t end,
				 unsigned long *first, unsigned long *n)
{
	unsigned long *map = young_map(slot);

	if (!map)
		return NULL;
	start = max(start, slot->base_gfn);
	end = min(end, slot->base_gfn + slot->npages);
	if (start >= end)
		return NULL;
	*first = start - slot->base_gfn;
	*n = end - start;
	return map;
}

/* a shadow mapping of [gfn, gfn + npages) is being made: mmu_lock held */
void e500_mmu_mark_young(const struct kvm_memory_slot *slot, gfn_t gfn,
			 unsigned long npages)
{
	unsigned long first, n, *map;

	map = young_bits(slot, gfn, gfn + npages, &first, &n);
	if (map)
		bitmap_set(map, first, n);
}
EXPORT_SYMBOL_GPL(e500_mmu_mark_young);

/*
 * Was a page of [start, end) mapped since its bit was last cleared?
 * @clear: clear the range's bits too.  mmu_lock held.
 */
bool e500_young_range(const struct kvm_memory_slot *slot, gfn_t start,
		      gfn_t end, bool clear)
{
	unsigned long first, n, *map;
	bool young;

	map = young_bits(slot, start, end, &first, &n);
	if (!map)
		return false;
	young = find_next_bit(map, first + n, first) < first + n;
	if (young && clear)
		bitmap_clear(map, first, n);
	return young;
}
EXPORT_SYMBOL_GPL(e500_young_range);

/*
 * clear_young and clear_flush_young.  Generic KVM flushes after
 * clear_flush_young when this returns true, but not after clear_young
 * (which page_idle uses), so the flush that makes the next access fault
 * is made here in both cases; the second one clear_flush_young adds
 * finds the vCPUs already flushed.  Called under mmu_lock, like
 * kvm_unmap_gfn_range()'s flush.
 */
bool kvm_age_gfn(struct kvm *kvm, struct kvm_gfn_range *range)
{
	if (!e500_young_range(range->slot, range->start, range->end, true))
		return false;
	kvm_flush_remote_tlbs(kvm);
	return true;
}

bool kvm_test_age_gfn(struct kvm *kvm, struct kvm_gfn_range *range)
{
	return e500_young_range(range->slot, range->start, range->end, false);
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the shadow-TLB code of a backend uses to stay coherent with the
 * host's page tables and with dirty logging (mmu/notifier.c,
 * mmu/dirty.c).
 *
 * Installing a shadow mapping of guest frames [gfn, gfn + npages):
 *
 *	seq = e500_mmu_fault_begin(kvm);
 *	pfn = __gfn_to_pfn_memslot(...);	(may sleep)
 *	if (!e500_mmu_fault_lock(kvm, seq, gfn, npages))
 *		release pfn, let the guest fault again;
 *	write the host TLB entry (interrupts off only around that);
 *	e500_mmu_mark_young(slot, gfn, npages);
 *	e500_mmu_fault_unlock(kvm);
 *	if writable: e500_mmu_mark_dirty(kvm, slot, gfn, npages);
 *
 * An MMU-notifier invalidation that overlaps the frames between the
 * two calls makes e500_mmu_fault_lock() fail; one that starts after it
 * finds the mapping installed and flushes it (every vCPU gets
 * KVM_REQ_TLB_FLUSH and is out of the guest before the notifier
 * returns).
 */
#ifndef KVM_E500_MMU_H
#define KVM_E500_MMU_H

#include <linux/kvm_host.h>

unsigned long e500_mmu_fault_begin(struct kvm *kvm);
bool e500_mmu_fault_lock(struct kvm *kvm, unsigned long seq, gfn_t gfn,
			 unsigned long npages);
void e500_mmu_fault_unlock(struct kvm *kvm);

void e500_mmu_mark_dirty(struct kvm *kvm,
			 const struct kvm_memory_slot *slot, gfn_t gfn,
			 unsigned long npages);

/* page aging (mmu/young.c): a bit per slot page, under kvm->mmu_lock */
int e500_young_prepare(const struct kvm_memory_slot *old,
		       struct kvm_memory_slot *new, enum kvm_mr_change change);
void e500_young_commit(const struct kvm_memory_slot *old,
		       enum kvm_mr_change change);
void e500_young_free(struct kvm_memory_slot *slot);
void e500_mmu_mark_young(const struct kvm_memory_slot *slot, gfn_t gfn,
			 unsigned long npages);
bool e500_young_range(const struct kvm_memory_slot *slot, gfn_t start,
		      gfn_t end, bool clear);

#endif /* KVM_E500_MMU_H */

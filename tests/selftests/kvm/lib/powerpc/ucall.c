// SPDX-License-Identifier: GPL-2.0-only
/*
 * ucall for the powerpc (e500) port: the guest stores the host address of
 * its struct ucall (ucall.hva), as one 32-bit word, to a page outside every
 * memory slot;
 * KVM reports the store as KVM_EXIT_MMIO.  The page is mapped in address
 * space 1 at a free guest virtual address (the default MMIO GPA may lie
 * above 4 GiB one day, so it is not identity-mapped).  Its guest-physical
 * address is also what the exception path writes to when an exception
 * hits the exception path itself (DOUBLE_FAULT_MAGIC | vector).
 */
#include <endian.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"

u32 *ucall_exit_mmio_addr;

void ucall_arch_init(struct kvm_vm *vm, vm_paddr_t mmio_gpa)
{
	vm_vaddr_t gva = vm_vaddr_unused_gap(vm, vm->page_size, KVM_UTIL_MIN_VADDR);

	virt_map(vm, gva, mmio_gpa, 1);
	vm->ucall_mmio_addr = mmio_gpa;
	write_guest_global(vm, ucall_exit_mmio_addr, (u32 *)(uintptr_t)gva);
}

void *ucall_arch_get_ucall(struct kvm_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	u32 word;

	if (run->exit_reason != KVM_EXIT_MMIO ||
	    run->mmio.phys_addr != vcpu->vm->ucall_mmio_addr)
		return NULL;

	TEST_ASSERT(run->mmio.is_write && run->mmio.len == 4,
		    "ucall: expected a 4-byte store, got a %u-byte %s",
		    run->mmio.len, run->mmio.is_write ? "store" : "load");
	memcpy(&word, run->mmio.data, sizeof(word));
	word = be32toh(word);
	if ((word & ~0xffu) == DOUBLE_FAULT_MAGIC)
		ppc_report_double_fault(vcpu, word & 0xff);
	if (!word)
		return NULL;
	/* the word is the struct's host address (struct ucall.hva) */
	return (void *)(uintptr_t)word;
}

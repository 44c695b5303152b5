/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SELFTEST_KVM_UCALL_H
#define SELFTEST_KVM_UCALL_H

#include "kvm_util.h"

/* a ucall is a 32-bit store of the ucall's address to an unbacked page */
#define UCALL_EXIT_REASON	KVM_EXIT_MMIO

/* guest address of the ucall MMIO word (mapped in address space 1) */
extern u32 *ucall_exit_mmio_addr;

static inline void ucall_arch_do_ucall(vm_vaddr_t uc)
{
	WRITE_ONCE(*ucall_exit_mmio_addr, (u32)uc);
}

#endif

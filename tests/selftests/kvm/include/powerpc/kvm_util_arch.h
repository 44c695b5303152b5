/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SELFTEST_KVM_UTIL_ARCH_H
#define SELFTEST_KVM_UTIL_ARCH_H

#include <stdint.h>

/* per-VM state of the powerpc (e500) port */
struct kvm_vm_arch {
	u64 vectors_gpa;	/* 64 KiB aligned vector blob (IVPR); 0: not yet */
};

#endif

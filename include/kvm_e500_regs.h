/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kvm-e500's own ONE_REG ids (not in the upstream uapi): the state of
 * the paravirt shared page that is not a register, so that a VMM can
 * move a guest that mapped the page to a new VM.  Kernel and userspace
 * (the tests) include this file; it needs only <linux/kvm.h>.
 *
 * The project range starts at KVM_REG_PPC | 0x1000, far above every
 * upstream KVM_REG_PPC_* number (the highest plain one is below 0x100;
 * the TM ones have bit 31 set).  All are 64 bits.
 */
#ifndef KVM_E500_REGS_H
#define KVM_E500_REGS_H

#include <linux/const.h>
#include <linux/kvm.h>

#define KVM_REG_PPC_E500(n)	(KVM_REG_PPC | KVM_REG_SIZE_U64 | (0x1000 + (n)))

/*
 * The mapping: 0 when the guest has not mapped the page, otherwise
 * KVM_REG_PPC_E500_MAGIC_MAPPED | the effective address | the flags the
 * guest passed (MAGIC_PAGE_FLAG_NOT_MAPPED_NX), as r4 of
 * KVM_HC_PPC_MAP_MAGIC_PAGE.  Set it after KVM_REG_PPC_E500_MAGIC_PA.
 */
#define KVM_REG_PPC_E500_MAGIC_PAGE	KVM_REG_PPC_E500(0)
#define KVM_REG_PPC_E500_MAGIC_MAPPED	_BITULL(32)
/* the guest-physical address the guest named (r3 of the hypercall) */
#define KVM_REG_PPC_E500_MAGIC_PA	KVM_REG_PPC_E500(1)
/* words of struct kvm_vcpu_arch_shared that hold no register */
#define KVM_REG_PPC_E500_PV_SCRATCH1	KVM_REG_PPC_E500(2)
#define KVM_REG_PPC_E500_PV_SCRATCH2	KVM_REG_PPC_E500(3)
#define KVM_REG_PPC_E500_PV_SCRATCH3	KVM_REG_PPC_E500(4)
#define KVM_REG_PPC_E500_PV_CRITICAL	KVM_REG_PPC_E500(5)

#endif /* KVM_E500_REGS_H */

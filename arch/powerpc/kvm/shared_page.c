// SPDX-License-Identifier: GPL-2.0-only
/*
 * The paravirt ("magic") page: struct kvm_vcpu_arch_shared.
 *
 * The page is the storage of MSR, SRR0/1, SPRG0-7, DEAR, ESR and PIR
 * for the emulation, SREGS, ONE_REG and KVM_GET/SET_REGS alike, mapped
 * into the guest or not.  A guest that mapped it reads and writes those
 * fields without trapping; while it runs nothing else touches them, so
 * the run loop only has to:
 *
 * - before each entry, once the page is mapped: tell the guest whether
 *   an interrupt is pending (int_pending), and copy the guest TLB's MAS registers into the page
 *   (kept in the TLB model, which tlbwe/tlbre/tlbsx use);
 * - after each exit: take the MAS registers back, and cut what the
 *   guest may have stored to what the registers can hold (32 bits, MSR
 *   bits the core has), so that no guest store reaches userspace or the
 *   emulation as a state the core cannot be in.
 *
 * A 32-bit guest reads and writes the low word of the 64-bit fields
 * (offset + 4, big-endian).
 */
#include <linux/kvm_host.h>
#include <asm/epapr_hcalls.h>
#include <asm/kvm_para.h>
#include <asm/reg.h>

#include "e500_gtlb.h"
#include "e500_irq.h"
#include "e500_pv.h"

static bool pv_mas(const struct e500_pv *pv)
{
	return pv->mapped && (pv->features & KVM_MAGIC_FEAT_MAS0_TO_SPRG7);
}

void e500_pv_before_entry(struct kvm_vcpu *vcpu, struct e500_pv *pv,
			  struct e500_gtlb *t)
{
	struct kvm_vcpu_arch_shared *sh = vcpu->arch.shared;

	/* nobody reads the page before it is mapped: no cost until then */
	if (!pv->mapped)
		return;
	sh->int_pending = e500_irq_any(vcpu);
	if (!pv_mas(pv))
		return;
	sh->mas0 = t->mas0;
	sh->mas1 = t->mas1;
	sh->mas2 = t->mas2;
	sh->mas7_3 = t->mas7_3;
	sh->mas4 = t->mas4;
	sh->mas6 = t->mas6;
}
EXPORT_SYMBOL_GPL(e500_pv_before_entry);

/* 64-bit fields holding 32-bit registers */
static const u16 reg32_fields[] = {
	offsetof(struct kvm_vcpu_arch_shared, sprg0),
	offsetof(struct kvm_vcpu_arch_shared, sprg1),
	offsetof(struct kvm_vcpu_arch_shared, sprg2),
	offsetof(struct kvm_vcpu_arch_shared, sprg3),
	offsetof(struct kvm_vcpu_arch_shared, srr0),
	offsetof(struct kvm_vcpu_arch_shared, srr1),
	offsetof(struct kvm_vcpu_arch_shared, dar),
	offsetof(struct kvm_vcpu_arch_shared, sprg4),
	offsetof(struct kvm_vcpu_arch_shared, sprg5),
	offsetof(struct kvm_vcpu_arch_shared, sprg6),
	offsetof(struct kvm_vcpu_arch_shared, sprg7),
};

void e500_pv_after_exit(struct kvm_vcpu *vcpu, struct e500_pv *pv,
			struct e500_gtlb *t, u32 msr_mask)
{
	struct kvm_vcpu_arch_shared *sh = vcpu->arch.shared;
	unsigned int i;

	if (!pv->mapped)
		return;
	for (i = 0; i < ARRAY_SIZE(reg32_fields); i++) {
		u64 *f = (u64 *)((char *)sh + reg32_fields[i]);

		*f = (u32)*f;
	}
	sh->msr = (u32)sh->msr & msr_mask;
	sh->pir = vcpu->vcpu_id;
	if (!pv_mas(pv))
		return;
	t->mas0 = sh->mas0;
	t->mas1 = sh->mas1;
	t->mas2 = (u32)sh->mas2;
	t->mas7_3 = sh->mas7_3 & E500_MAS7_3_MAX;
	t->mas4 = sh->mas4;
	t->mas6 = sh->mas6;
}
EXPORT_SYMBOL_GPL(e500_pv_after_exit);

/*
 * The guest is in a critical section (its patched code saves registers
 * in the page's scratch words, with critical = r1): no interrupt of the
 * MSR[EE] class may come in.  Guest supervisor mode only, once the
 * guest mapped the page, and never for critical = 0: Linux stores r1, a
 * stack pointer, and a guest that never used the word (critical = 0)
 * may well run with r1 = 0.
 */
bool e500_pv_critical(struct kvm_vcpu *vcpu, const struct e500_pv *pv)
{
	struct kvm_vcpu_arch_shared *sh = vcpu->arch.shared;
	u32 crit = sh->critical;

	return pv->mapped && !(sh->msr & MSR_PR) && crit &&
	       crit == (u32)vcpu->arch.regs.gpr[1];
}
EXPORT_SYMBOL_GPL(e500_pv_critical);

/*
 * KVM_HC_PPC_MAP_MAGIC_PAGE, the checks that need no guest translation:
 * both addresses page aligned (the effective address may carry
 * MAGIC_PAGE_FLAG_NOT_MAPPED_NX: the page is never executable anyway),
 * no other flag, and the guest-physical address outside guest memory,
 * where the page would hide RAM.  Returns an EV_* status.
 */
int e500_pv_check_map(struct kvm_vcpu *vcpu, u64 pa, u32 ea_flags)
{
	if (pa & ~PAGE_MASK)
		return EV_EINVAL;
	if (ea_flags & ~PAGE_MASK & ~MAGIC_PAGE_FLAG_NOT_MAPPED_NX)
		return EV_EINVAL;
	if (gfn_to_memslot(vcpu->kvm, pa >> PAGE_SHIFT))
		return EV_EINVAL;
	return EV_SUCCESS;
}
EXPORT_SYMBOL_GPL(e500_pv_check_map);

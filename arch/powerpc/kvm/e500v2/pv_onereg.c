// SPDX-License-Identifier: GPL-2.0-only
/*
 * ONE_REG for the paravirt page's state that is no register (ids in
 * kvm_e500_regs.h): the mapping the guest asked for and the page's
 * scratch and critical words, so that a guest moved to a new VM keeps
 * reaching the page at its effective address without mapping it again.
 * The registers the page holds already travel in their own ids.
 *
 * MAGIC_PAGE is checked as KVM_HC_PPC_MAP_MAGIC_PAGE checks its
 * arguments where that needs no guest TLB (alignment, flags, the
 * guest-physical address from MAGIC_PA outside every memory slot),
 * so userspace sets MAGIC_PA first, and the memory slots before both.
 * A refused value is -EINVAL and changes nothing; 0 unmaps.  Either way
 * the shadow TLB is flushed before the next entry.
 */
#include <linux/kvm_host.h>
#include <asm/epapr_hcalls.h>
#include <asm/kvm_para.h>

#include "e500v2.h"
#include "kvm_e500_regs.h"

u64 e500v2_get_magic(struct kvm_vcpu *vcpu, const struct e500_onereg *r)
{
	const struct e500_pv *pv = &to_e500v2(vcpu)->pv;

	if (!pv->mapped)
		return 0;
	return KVM_REG_PPC_E500_MAGIC_MAPPED | pv->ea | pv->flags;
}

int e500v2_set_magic(struct kvm_vcpu *vcpu, const struct e500_onereg *r,
		     u64 val)
{
	struct e500v2_vcpu *v = to_e500v2(vcpu);
	struct e500_pv *pv = &v->pv;
	u32 ea_flags = lower_32_bits(val);

	if (!val) {
		pv->mapped = false;
		pv->ea = 0;
		pv->flags = 0;
		pv->features = 0;
	} else {
		if (upper_32_bits(val) != upper_32_bits(KVM_REG_PPC_E500_MAGIC_MAPPED) ||
		    e500_pv_check_map(vcpu, pv->pa, ea_flags) != EV_SUCCESS)
			return -EINVAL;
		pv->mapped = true;
		pv->ea = ea_flags & PAGE_MASK;
		pv->flags = ea_flags & ~PAGE_MASK;
		/* all this backend ever gives a guest that maps the page */
		pv->features = KVM_MAGIC_FEAT_MAS0_TO_SPRG7;
	}
	v->shadow_stale = true;
	return 0;
}

u64 e500v2_get_magic_pa(struct kvm_vcpu *vcpu, const struct e500_onereg *r)
{
	return to_e500v2(vcpu)->pv.pa;
}

/* a 32-bit, page-aligned address; outside memory while mapped */
int e500v2_set_magic_pa(struct kvm_vcpu *vcpu, const struct e500_onereg *r,
			u64 val)
{
	struct e500_pv *pv = &to_e500v2(vcpu)->pv;

	if (upper_32_bits(val) || (val & ~PAGE_MASK))
		return -EINVAL;
	if (pv->mapped &&
	    e500_pv_check_map(vcpu, val, pv->ea | pv->flags) != EV_SUCCESS)
		return -EINVAL;
	pv->pa = val;
	return 0;
}

/* a u64 word of the page; arg = its offset */
static u64 *pv_word(struct kvm_vcpu *vcpu, const struct e500_onereg *r)
{
	return (u64 *)((char *)vcpu->arch.shared + r->arg);
}

u64 e500v2_get_pv_word(struct kvm_vcpu *vcpu, const struct e500_onereg *r)
{
	return *pv_word(vcpu, r);
}

/* memory, not a register: any value is one the guest could store */
int e500v2_set_pv_word(struct kvm_vcpu *vcpu, const struct e500_onereg *r,
		       u64 val)
{
	*pv_word(vcpu, r) = val;
	return 0;
}

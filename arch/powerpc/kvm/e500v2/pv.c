// SPDX-License-Identifier: GPL-2.0-only
/*
 * e500v2 paravirtualization.  Without Embedded.Hypervisor the guest
 * kernel's hypercall is a system call made in guest supervisor mode
 * with the KVM magic in r0, the sequence KVM_PPC_GET_PVINFO hands out;
 * any other sc is the guest's own system call.  The shared page is a
 * host page mapped at the effective address the guest chose, in guest
 * supervisor mode only, read/write, never executable; it takes
 * precedence over the guest's own TLB at that address.
 */
#include <linux/kvm_host.h>
#include <asm/epapr_hcalls.h>
#include <asm/kvm_para.h>
#include <asm/reg.h>

#include "e500v2.h"

const u32 e500v2_pv_hcall[4] = {
	E500_PV_HCALL_LIS_R0, E500_PV_HCALL_ORI_R0,
	E500_PV_HCALL_SC, E500_PV_HCALL_NOP,
};

/* a system call exit: the guest kernel's hypercall? */
bool e500v2_is_hcall(struct e500v2_vcpu *v)
{
	return !(e500v2_msr(v) & MSR_PR) &&
	       (u32)v->vcpu.arch.regs.gpr[0] == KVM_SC_MAGIC_R0;
}

/* the PC is already past the sc: only the registers change */
enum e500v2_resume e500v2_hypercall(struct e500v2_vcpu *v)
{
	switch (e500_hcall(&v->vcpu, &v->pv)) {
	case E500_HCALL_USER:
		return E500V2_RESUME_USER;
	case E500_HCALL_IDLE:
		v->idle = true;
		return E500V2_RESUME_GUEST;
	default:
		return E500V2_RESUME_GUEST;
	}
}

/*
 * Is @ea in the shared page for a data access now?  The guest's
 * supervisor mode sees it there over whatever its TLB maps.
 */
bool e500v2_is_magic(struct e500v2_vcpu *v, u32 ea)
{
	return v->pv.mapped && !(e500v2_msr(v) & MSR_PR) &&
	       (ea & PAGE_MASK) == v->pv.ea;
}

/* a host data TLB miss at the shared page: map it, true if it was */
bool e500v2_magic_fault(struct e500v2_vcpu *v, u32 ea)
{
	if (!e500v2_is_magic(v, ea))
		return false;
	e500v2_shadow_map_host(v, v->pv.ea,
			       __pa(v->vcpu.arch.shared) >> PAGE_SHIFT,
			       MAS3_UR | MAS3_UW);
	return true;
}

/*
 * KVM_HC_PPC_MAP_MAGIC_PAGE.  Besides e500_pv_check_map(): where the
 * guest's TLB maps the effective address, it must map guest RAM (the
 * page would hide a device: EV_EINVAL), and not the page of the
 * calling instruction (the guest would pull its own code from under
 * itself).  A new mapping replaces the previous one.
 */
long e500v2_map_magic(struct kvm_vcpu *vcpu, struct e500_pv *pv,
		      unsigned long pa, unsigned long ea_flags)
{
	struct e500v2_vcpu *v = to_e500v2(vcpu);
	u32 ea = ea_flags & PAGE_MASK;
	u32 sc = vcpu->arch.regs.nip - 4;
	u64 gpa, code;
	int r = e500_pv_check_map(vcpu, pa, ea_flags);

	if (r)
		return r;
	if ((sc & PAGE_MASK) == ea)
		return EV_EINVAL;
	if (e500v2_translate(v, false, ea, &gpa)) {
		if (!gfn_to_memslot(vcpu->kvm, gpa >> PAGE_SHIFT))
			return EV_EINVAL;
		if (e500v2_translate(v, true, sc, &code) &&
		    (code >> PAGE_SHIFT) == (gpa >> PAGE_SHIFT))
			return EV_EINVAL;
	}
	pv->mapped = true;
	pv->ea = ea;
	pv->flags = ea_flags & ~PAGE_MASK;
	pv->pa = pa;
	pv->features = KVM_MAGIC_FEAT_MAS0_TO_SPRG7;
	/* drop shadow entries of whatever was mapped there before */
	v->shadow_stale = true;
	return EV_SUCCESS;
}

/*
 * KVM_ENABLE_CAP(KVM_CAP_EXIT_HYPERCALL) on a vCPU: args[0] = 1 sends
 * the byte-channel hypercalls to userspace, 0 answers them
 * EV_UNIMPLEMENTED (the default).
 */
int e500v2_enable_cap(struct kvm_vcpu *vcpu, const struct kvm_enable_cap *cap)
{
	if (cap->cap != KVM_CAP_EXIT_HYPERCALL || cap->args[0] > 1)
		return -EINVAL;
	to_e500v2(vcpu)->pv.user_hcalls = cap->args[0];
	return 0;
}

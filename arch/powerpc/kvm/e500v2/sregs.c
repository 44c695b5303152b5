// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_GET/SET_SREGS groups only the e500v2 backend holds: the MMU
 * (KVM_SREGS_E_ARCH206_MMU), the debug registers (KVM_SREGS_E_DEBUG),
 * MCSR (in the BASE group) and the FSL implementation block (SVR, MCAR,
 * HID0 and, with KVM_SREGS_E_FSL_PIDn, PID1/PID2).
 *
 * Everything is checked before anything changes: a value a register
 * cannot hold, another value for a read-only configuration register
 * (MMUCFG, TLBnCFG, SVR), or a value in a register the e500v2 does not
 * have (IAC3/4, DVC1/2, TLB2/3CFG) is -EINVAL.  The counts num_iac,
 * num_dac, num_dvc and PIR are read-only and ignored on SET.
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500v2.h"

#define NR_IAC		2
#define NR_DAC		2

static bool fits32(u64 val)
{
	return !upper_32_bits(val);
}

static int check_mmu(struct e500v2_vcpu *v, const struct kvm_sregs *s)
{
	const struct e500_gtlb *t = &v->gtlb;

	if (s->u.e.mmucfg != t->mmucfg || s->u.e.tlbcfg[0] != t->tlb0cfg ||
	    s->u.e.tlbcfg[1] != t->tlb1cfg || s->u.e.tlbcfg[2] ||
	    s->u.e.tlbcfg[3])
		return -EINVAL;
	if (!fits32(s->u.e.mas2) || s->u.e.mas7_3 > E500_MAS7_3_MAX)
		return -EINVAL;
	return 0;
}

static int check_debug(const struct kvm_sregs *s)
{
	if (s->u.e.iac[2] || s->u.e.iac[3] || s->u.e.dvc[0] || s->u.e.dvc[1])
		return -EINVAL;
	return 0;
}

static int check_fsl(struct e500v2_vcpu *v, const struct kvm_sregs *s)
{
	if (s->u.e.impl_id == KVM_SREGS_E_IMPL_NONE)
		return 0;
	if (s->u.e.impl_id != KVM_SREGS_E_IMPL_FSL ||
	    (s->u.e.impl.fsl.features & ~KVM_SREGS_E_FSL_PIDn) ||
	    s->u.e.impl.fsl.svr != v->impl.svr ||
	    !fits32(s->u.e.impl.fsl.mcar))
		return -EINVAL;
	if ((s->u.e.impl.fsl.features & KVM_SREGS_E_FSL_PIDn) &&
	    (s->u.e.impl.fsl.pid1 > 0xff || s->u.e.impl.fsl.pid2 > 0xff))
		return -EINVAL;
	return 0;
}

static int check(struct e500v2_vcpu *v, const struct kvm_sregs *s)
{
	u32 f = s->u.e.features;
	int r = 0;

	if ((f & KVM_SREGS_E_BASE) &&
	    (s->u.e.update_special & KVM_SREGS_E_UPDATE_MCSR) &&
	    !fits32(s->u.e.mcsr))
		return -EINVAL;
	if (f & KVM_SREGS_E_ARCH206_MMU)
		r = check_mmu(v, s);
	if (!r && (f & KVM_SREGS_E_DEBUG))
		r = check_debug(s);
	if (!r)
		r = check_fsl(v, s);
	return r;
}

void e500v2_get_sregs(struct kvm_vcpu *vcpu, struct kvm_sregs *s)
{
	struct e500v2_vcpu *v = to_e500v2(vcpu);
	const struct e500_gtlb *t = &v->gtlb;

	s->u.e.mcsr = v->impl.mcsr;

	s->u.e.mas0 = t->mas0;
	s->u.e.mas1 = t->mas1;
	s->u.e.mas2 = t->mas2;
	s->u.e.mas7_3 = t->mas7_3;
	s->u.e.mas4 = t->mas4;
	s->u.e.mas6 = t->mas6;
	s->u.e.mmucfg = t->mmucfg;
	s->u.e.tlbcfg[0] = t->tlb0cfg;
	s->u.e.tlbcfg[1] = t->tlb1cfg;

	s->u.e.dbsr = v->impl.dbsr;
	s->u.e.dbcr[0] = v->impl.dbcr0;
	s->u.e.dbcr[1] = v->impl.dbcr1;
	s->u.e.dbcr[2] = v->impl.dbcr2;
	s->u.e.iac[0] = v->impl.iac1;
	s->u.e.iac[1] = v->impl.iac2;
	s->u.e.dac[0] = v->impl.dac1;
	s->u.e.dac[1] = v->impl.dac2;
	s->u.e.num_iac = NR_IAC;
	s->u.e.num_dac = NR_DAC;
	s->u.e.num_dvc = 0;

	s->u.e.impl.fsl.features = KVM_SREGS_E_FSL_PIDn;
	s->u.e.impl.fsl.svr = v->impl.svr;
	s->u.e.impl.fsl.mcar = v->impl.mcar;
	s->u.e.impl.fsl.hid0 = v->impl.hid0;
	s->u.e.impl.fsl.pid1 = v->impl.pid1;
	s->u.e.impl.fsl.pid2 = v->impl.pid2;
}

static void set_mmu(struct e500v2_vcpu *v, const struct kvm_sregs *s)
{
	struct e500_gtlb *t = &v->gtlb;

	t->mas0 = s->u.e.mas0;
	t->mas1 = s->u.e.mas1;
	t->mas2 = s->u.e.mas2;
	t->mas7_3 = s->u.e.mas7_3;
	t->mas4 = s->u.e.mas4;
	t->mas6 = s->u.e.mas6;
}

static void set_debug(struct e500v2_vcpu *v, const struct kvm_sregs *s)
{
	if (s->u.e.update_special & KVM_SREGS_E_UPDATE_DBSR)
		v->impl.dbsr = s->u.e.dbsr;
	v->impl.dbcr0 = s->u.e.dbcr[0];
	v->impl.dbcr1 = s->u.e.dbcr[1];
	v->impl.dbcr2 = s->u.e.dbcr[2];
	v->impl.iac1 = s->u.e.iac[0];
	v->impl.iac2 = s->u.e.iac[1];
	v->impl.dac1 = s->u.e.dac[0];
	v->impl.dac2 = s->u.e.dac[1];
}

static void set_fsl(struct e500v2_vcpu *v, const struct kvm_sregs *s)
{
	v->impl.mcar = s->u.e.impl.fsl.mcar;
	v->impl.hid0 = s->u.e.impl.fsl.hid0;
	if (!(s->u.e.impl.fsl.features & KVM_SREGS_E_FSL_PIDn))
		return;
	v->impl.pid1 = s->u.e.impl.fsl.pid1;
	v->impl.pid2 = s->u.e.impl.fsl.pid2;
}

int e500v2_set_sregs(struct kvm_vcpu *vcpu, const struct kvm_sregs *s)
{
	struct e500v2_vcpu *v = to_e500v2(vcpu);
	u32 f = s->u.e.features;
	int r = check(v, s);

	if (r)
		return r;
	if ((f & KVM_SREGS_E_BASE) &&
	    (s->u.e.update_special & KVM_SREGS_E_UPDATE_MCSR))
		v->impl.mcsr = s->u.e.mcsr;
	if (f & KVM_SREGS_E_ARCH206_MMU)
		set_mmu(v, s);
	if (f & KVM_SREGS_E_DEBUG)
		set_debug(v, s);
	if (s->u.e.impl_id == KVM_SREGS_E_IMPL_FSL)
		set_fsl(v, s);
	return 0;
}

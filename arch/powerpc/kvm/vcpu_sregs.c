// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_GET_SREGS / KVM_SET_SREGS for Book E (struct kvm_sregs.u.e).
 *
 * Each feature bit names a group of registers; we offer the groups the
 * backend declares (e500_backend.sregs_features) and accept exactly
 * those on KVM_SET_SREGS.  Unset bits leave their registers alone, as
 * the ABI says; bits we do not offer are refused with -EINVAL, so that a
 * VMM restoring state we cannot hold learns it instead of losing it.
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>
#include <asm/time.h>

#include "e500_core.h"
#include "e500_irq.h"

#define NR_IVOR_HIGH	4	/* IVOR32..35 */

static void get_base(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs)
{
	struct kvm_vcpu_arch *a = &vcpu->arch;

	sregs->u.e.csrr0 = a->csrr0;
	sregs->u.e.csrr1 = a->csrr1;
	sregs->u.e.esr = a->shared->esr;
	sregs->u.e.dear = a->shared->dar;
	sregs->u.e.tsr = READ_ONCE(a->tsr);
	sregs->u.e.tcr = a->tcr;
	sregs->u.e.dec = e500_dec_read(vcpu);
	sregs->u.e.tb = get_tb();
	sregs->u.e.vrsave = a->vrsave;
}

static void set_base(struct kvm_vcpu *vcpu, const struct kvm_sregs *sregs)
{
	struct kvm_vcpu_arch *a = &vcpu->arch;

	a->csrr0 = sregs->u.e.csrr0;
	a->csrr1 = sregs->u.e.csrr1;
	a->shared->esr = sregs->u.e.esr;
	a->shared->dar = sregs->u.e.dear;
	a->vrsave = sregs->u.e.vrsave;
	e500_tcr_write(vcpu, sregs->u.e.tcr);
	if (sregs->u.e.update_special & KVM_SREGS_E_UPDATE_TSR) {
		e500_tsr_clear(vcpu, ~0u);
		e500_tsr_set(vcpu, sregs->u.e.tsr);
	}
	if (sregs->u.e.update_special & KVM_SREGS_E_UPDATE_DEC)
		e500_dec_write(vcpu, sregs->u.e.dec);
	/* the time base is the host's and cannot be set */
}

static void get_arch206(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs)
{
	struct kvm_vcpu_arch *a = &vcpu->arch;

	sregs->u.e.pir = vcpu->vcpu_id;
	sregs->u.e.mcsrr0 = a->mcsrr0;
	sregs->u.e.mcsrr1 = a->mcsrr1;
	sregs->u.e.decar = a->decar;
	sregs->u.e.ivpr = a->ivpr;
}

static void set_arch206(struct kvm_vcpu *vcpu, const struct kvm_sregs *sregs)
{
	struct kvm_vcpu_arch *a = &vcpu->arch;

	/* PIR is read-only: it is the vCPU id */
	a->mcsrr0 = sregs->u.e.mcsrr0;
	a->mcsrr1 = sregs->u.e.mcsrr1;
	a->decar = sregs->u.e.decar;
	a->ivpr = sregs->u.e.ivpr & 0xffff0000;
}

static void get_ivors(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sregs->u.e.ivor_low); i++)
		sregs->u.e.ivor_low[i] = vcpu->arch.ivor[i];
	for (i = 0; i < NR_IVOR_HIGH; i++)
		sregs->u.e.ivor_high[i] = vcpu->arch.ivor[32 + i];
}

static void set_ivors(struct kvm_vcpu *vcpu, const struct kvm_sregs *sregs)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sregs->u.e.ivor_low); i++)
		vcpu->arch.ivor[i] = sregs->u.e.ivor_low[i] & 0xfff0;
	for (i = 0; i < NR_IVOR_HIGH; i++)
		vcpu->arch.ivor[32 + i] = sregs->u.e.ivor_high[i] & 0xfff0;
}

int kvm_arch_vcpu_ioctl_get_sregs(struct kvm_vcpu *vcpu,
				  struct kvm_sregs *sregs)
{
	u32 features = e500_be->sregs_features;

	if (!features)
		return -EOPNOTSUPP;
	memset(sregs, 0, sizeof(*sregs));
	sregs->pvr = vcpu->arch.pvr;
	sregs->u.e.features = features;
	sregs->u.e.impl_id = KVM_SREGS_E_IMPL_FSL;
	get_base(vcpu, sregs);
	get_arch206(vcpu, sregs);
	get_ivors(vcpu, sregs);
	if (e500_be->get_sregs)
		e500_be->get_sregs(vcpu, sregs);
	return 0;
}

int kvm_arch_vcpu_ioctl_set_sregs(struct kvm_vcpu *vcpu,
				  struct kvm_sregs *sregs)
{
	u32 offered = e500_be->sregs_features;
	u32 asked = sregs->u.e.features;
	int r;

	if (!offered)
		return -EOPNOTSUPP;
	if (sregs->pvr != vcpu->arch.pvr || (asked & ~offered))
		return -EINVAL;
	/* the backend checks its registers before anything is written */
	if (e500_be->set_sregs) {
		r = e500_be->set_sregs(vcpu, sregs);
		if (r)
			return r;
	}
	if (asked & KVM_SREGS_E_BASE)
		set_base(vcpu, sregs);
	if (asked & KVM_SREGS_E_ARCH206)
		set_arch206(vcpu, sregs);
	if (asked & KVM_SREGS_E_IVOR)
		set_ivors(vcpu, sregs);
	return 0;
}

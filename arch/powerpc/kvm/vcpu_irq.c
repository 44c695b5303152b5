// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pending guest interrupts and their priorities.
 *
 * Level inputs (external, critical) are bits in pending_exceptions,
 * set by userspace or an in-kernel device from any thread.  Timer
 * interrupts are not stored separately: they are pending exactly when
 * their TSR status bit and TCR enable bit are both set, as on hardware.
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500_irq.h"

void e500_irq_raise(struct kvm_vcpu *vcpu, unsigned int input)
{
	set_bit(input, &vcpu->arch.pending_exceptions);
	kvm_vcpu_kick(vcpu);
}
EXPORT_SYMBOL_GPL(e500_irq_raise);

void e500_irq_lower(struct kvm_vcpu *vcpu, unsigned int input)
{
	clear_bit(input, &vcpu->arch.pending_exceptions);
}
EXPORT_SYMBOL_GPL(e500_irq_lower);

/*
 * The backend has just delivered interrupt @ivor into the guest.  An
 * external interrupt with KVM_CAP_PPC_EPR on fills EPR: from the
 * in-kernel MPIC if the vCPU is wired to it, else from userspace
 * (KVM_EXIT_EPR before the guest runs again).
 */
void e500_irq_delivered(struct kvm_vcpu *vcpu, int ivor)
{
	if (vcpu->arch.mpic)
		e500_mpic_irq_taken(vcpu, ivor);
	else if (ivor == E500_IVOR_EXTERNAL && vcpu->arch.epr_flags)
		kvm_make_request(KVM_REQ_EPR_EXIT, vcpu);
}
EXPORT_SYMBOL_GPL(e500_irq_delivered);

/* one row per source, highest priority first */
struct irq_source {
	unsigned int ivor;
	u32 msr_enable;		/* MSR[CE] or MSR[EE] */
	int input;		/* pending_exceptions bit, or -1 */
	u32 tsr, tcr;		/* status and enable for timer sources */
};

static const struct irq_source irq_sources[] = {
	{ E500_IVOR_CRITICAL, MSR_CE, E500_PENDING_CRITICAL, 0, 0 },
	{ E500_IVOR_WATCHDOG, MSR_CE, -1, TSR_WIS, TCR_WIE },
	{ E500_IVOR_EXTERNAL, MSR_EE, E500_PENDING_EXTERNAL, 0, 0 },
	{ E500_IVOR_FIT, MSR_EE, -1, TSR_FIS, TCR_FIE },
	{ E500_IVOR_DEC, MSR_EE, -1, TSR_DIS, TCR_DIE },
};

static bool source_pending(struct kvm_vcpu *vcpu, const struct irq_source *s)
{
	if (s->input >= 0)
		return test_bit(s->input, &vcpu->arch.pending_exceptions);
	return (READ_ONCE(vcpu->arch.tsr) & s->tsr) && (vcpu->arch.tcr & s->tcr);
}

int e500_irq_next(struct kvm_vcpu *vcpu)
{
	u32 msr = vcpu->arch.shared->msr;
	unsigned int i;

	/* nothing latched and no timer status: the common case, no scan */
	if (!READ_ONCE(vcpu->arch.pending_exceptions) &&
	    !(READ_ONCE(vcpu->arch.tsr) & (TSR_WIS | TSR_FIS | TSR_DIS)))
		return -1;
	for (i = 0; i < ARRAY_SIZE(irq_sources); i++) {
		const struct irq_source *s = &irq_sources[i];

		if ((msr & s->msr_enable) && source_pending(vcpu, s))
			return s->ivor;
	}
	return -1;
}
EXPORT_SYMBOL_GPL(e500_irq_next);

/*
 * Whether any source is pending, enabled by the guest's MSR or not: a
 * paravirt guest that sets MSR[EE] through the shared page checks this
 * (int_pending) to know it must trap so that the interrupt comes in.
 */
bool e500_irq_any(struct kvm_vcpu *vcpu)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(irq_sources); i++)
		if (source_pending(vcpu, &irq_sources[i]))
			return true;
	return false;
}
EXPORT_SYMBOL_GPL(e500_irq_any);

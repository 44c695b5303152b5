// SPDX-License-Identifier: GPL-2.0-only
/*
 * e500v2 SPE state, switched lazily.
 *
 * The guest enters with MSR[SPE] = 0 in its shadow MSR, so its first SPE
 * instruction traps (SPE unavailable).  If the guest's own MSR[SPE] is
 * set we take the SPE unit from the host thread (enable_kernel_spe()
 * saves the thread's user state, which reloads on its next SPE use),
 * load the guest's upper GPR halves and ACC, and let the guest run with
 * MSR[SPE] = 1 until the vCPU is put (end of the ioctl, preemption):
 * then they are saved back to vcpu->arch.evr/acc.  32-bit instructions
 * leave the upper halves alone, so host code running between guest
 * entries does not disturb them.
 */
#include <linux/kvm_host.h>
#include <linux/preempt.h>
#include <asm/reg.h>
#include <asm/switch_to.h>

#include "e500v2.h"

static void spe_acquire(struct e500v2_vcpu *v)
{
	preempt_disable();
	enable_kernel_spe();
	e500v2_spe_restore(v->vcpu.arch.evr, &v->vcpu.arch.acc);
	disable_kernel_spe();
	v->spe_loaded = true;
	preempt_enable();
}

/* the vCPU leaves this CPU or KVM_RUN: the guest's state goes home */
void e500v2_spe_put(struct e500v2_vcpu *v)
{
	unsigned long flags;

	/* also called from the preempt notifier, with interrupts off */
	local_irq_save(flags);
	if (v->spe_loaded) {
		msr_check_and_set(MSR_SPE);
		e500v2_spe_save(v->vcpu.arch.evr, &v->vcpu.arch.acc);
		disable_kernel_spe();
		v->spe_loaded = false;
	}
	local_irq_restore(flags);
}

/* shadow MSR[SPE] for the next entry; called with interrupts off */
u32 e500v2_spe_shadow_msr(struct e500v2_vcpu *v)
{
	return v->spe_loaded && (e500v2_msr(v) & MSR_SPE) ? MSR_SPE : 0;
}

/* SPE unavailable: load the guest's state, or reflect the interrupt */
enum e500v2_resume e500v2_spe_unavailable(struct e500v2_vcpu *v)
{
	if (e500v2_msr(v) & MSR_SPE) {
		if (!v->spe_loaded)
			spe_acquire(v);
		return E500V2_RESUME_GUEST;	/* the instruction runs again */
	}
	v->vcpu.arch.shared->esr = ESR_SPV;
	e500v2_deliver(v, E500V2_EXIT_SPE_UNAVAIL, v->vcpu.arch.regs.nip);
	return E500V2_RESUME_GUEST;
}

/*
 * SPE floating-point data or round exception: the guest's own.  Its
 * SPEFSCR, with the status the hardware set, is in the frame.
 */
enum e500v2_resume e500v2_spe_exception(struct e500v2_vcpu *v)
{
	v->vcpu.arch.shared->esr = ESR_SPV;
	e500v2_deliver(v, v->frame.exit_nr, v->vcpu.arch.regs.nip);
	return E500V2_RESUME_GUEST;
}

/* a 64-bit GPR of the guest, for SPE loads and stores the host performs */
u64 e500v2_spe_gpr64(struct e500v2_vcpu *v, unsigned int n)
{
	e500v2_spe_put(v);
	return (u64)v->vcpu.arch.evr[n] << 32 | v->vcpu.arch.regs.gpr[n];
}

void e500v2_spe_set_gpr64(struct e500v2_vcpu *v, unsigned int n, u64 val)
{
	e500v2_spe_put(v);
	v->vcpu.arch.evr[n] = val >> 32;
	v->vcpu.arch.regs.gpr[n] = (u32)val;
}

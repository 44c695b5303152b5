// SPDX-License-Identifier: GPL-2.0-only
/*
 * Delivering interrupts into an e500v2 guest: save and restore
 * registers, MSR effects and the vector, as Book E defines them.
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500v2.h"
#include "../trace.h"

/* MSR bits an interrupt of each class leaves alone; the rest clear */
static u32 msr_kept(unsigned int ivor)
{
	switch (ivor) {
	case E500V2_EXIT_CRITICAL:
	case E500V2_EXIT_WATCHDOG:
	case E500V2_EXIT_DEBUG:
		/* critical class: DE clears too (no Embedded.Enhanced Debug) */
		return MSR_ME;
	case E500V2_EXIT_MCHECK:
		return 0;
	default:
		return MSR_CE | MSR_ME | MSR_DE;
	}
}

/*
 * Take interrupt @ivor in the guest, with @srr0 as the address to
 * return to.  ESR and DEAR are the caller's to set.
 */
void e500v2_deliver(struct e500v2_vcpu *v, unsigned int ivor, u32 srr0)
{
	struct kvm_vcpu_arch_shared *sh = v->vcpu.arch.shared;

	switch (ivor) {
	case E500V2_EXIT_CRITICAL:
	case E500V2_EXIT_WATCHDOG:
	case E500V2_EXIT_DEBUG:
		v->vcpu.arch.csrr0 = srr0;
		v->vcpu.arch.csrr1 = e500v2_msr(v);
		break;
	case E500V2_EXIT_MCHECK:
		v->vcpu.arch.mcsrr0 = srr0;
		v->vcpu.arch.mcsrr1 = e500v2_msr(v);
		break;
	default:
		sh->srr0 = srr0;
		sh->srr1 = e500v2_msr(v);
		e500v2_debug_irpt(v);
		break;
	}
	e500v2_set_msr(v, e500v2_msr(v) & msr_kept(ivor));
	v->vcpu.arch.regs.nip = (v->vcpu.arch.ivpr & 0xffff0000) |
				(v->vcpu.arch.ivor[ivor] & 0xfff0);
	trace_kvm_e500_deliver(v->vcpu.vcpu_id, ivor, srr0,
			       v->vcpu.arch.regs.nip);
}

/* program interrupt for the instruction at the current PC */
void e500v2_program(struct e500v2_vcpu *v, u32 esr)
{
	v->vcpu.arch.shared->esr = esr;
	e500v2_deliver(v, E500V2_EXIT_PROGRAM, v->vcpu.arch.regs.nip);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Machine checks on e500v2.
 *
 * A machine check taken while the guest runs is an error of the host
 * hardware on the guest's behalf (the guest touches nothing but its RAM
 * while it runs: MMIO is emulated).  The kernel's own handler
 * (machine_check_exception) is not exported to modules and we carry no
 * kernel patch, so we do what it would do for a user task that caused
 * the error: log the cause (MCSR, MCAR), taint the kernel, clear the
 * host's MCSR, and hand the error to the context that caused it, the
 * guest, as the core would: a machine check interrupt when its MSR[ME]
 * is set, a checkstop (KVM_EXIT_SYSTEM_EVENT, KVM_SYSTEM_EVENT_CRASH)
 * when it is not.  The host's MCAR is a host physical address and is
 * not given to the guest.
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500v2.h"

/*
 * Reflect a machine check with cause @mcsr at the guest's PC: true when
 * the guest takes it, false when its MSR[ME] = 0 (checkstop).
 */
bool e500v2_machine_check(struct e500v2_vcpu *v, u32 mcsr)
{
	if (!(e500v2_msr(v) & MSR_ME))
		return false;
	v->impl.mcsr |= mcsr;
	e500v2_deliver(v, E500V2_EXIT_MCHECK, v->vcpu.arch.regs.nip);
	return true;
}
EXPORT_SYMBOL_GPL(e500v2_machine_check);	/* for KUnit */

/* exit handler: the host took a machine check in the guest window */
int e500v2_exit_mcheck(struct e500v2_vcpu *v)
{
	struct kvm_run *run = v->vcpu.run;
	u32 mcsr = mfspr(SPRN_MCSR);

	pr_err_ratelimited("kvm-e500v2: machine check in guest: MCSR 0x%08x MCAR 0x%08lx, guest pc 0x%08x msr 0x%08x\n",
			   mcsr, mfspr(SPRN_MCAR), v->frame.pc, e500v2_msr(v));
	add_taint(TAINT_MACHINE_CHECK, LOCKDEP_STILL_OK);
	mtspr(SPRN_MCSR, mcsr);		/* write 1 to clear what we took */
	if (e500v2_machine_check(v, mcsr))
		return E500V2_RESUME_GUEST;
	memset(&run->system_event, 0, sizeof(run->system_event));
	run->exit_reason = KVM_EXIT_SYSTEM_EVENT;
	run->system_event.type = KVM_SYSTEM_EVENT_CRASH;
	return E500V2_RESUME_USER;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Debug on e500v2: the guest's own debug events that the emulator sees
 * anyway, and software breakpoints for userspace (KVM_SET_GUEST_DEBUG).
 *
 * Guest events, with DBCR0[IDM] and the event's DBCR0 enable set:
 * TRAP (a trap instruction whose condition holds), RET (an emulated
 * rfi) and IRPT (a base-class interrupt taken).  The event sets its
 * DBSR bit; with MSR[DE] = 0 also DBSR[IDE].  The debug interrupt is a
 * level, as on the core: taken whenever DBCR0[IDM], MSR[DE] and a DBSR
 * event bit are set, so an event recorded with MSR[DE] = 0 is delivered
 * once the guest sets MSR[DE] (imprecise).  A TRAP or RET event with
 * MSR[DE] = 1 is taken at the instruction, which does not execute.
 * The e500v2 takes debug interrupts as critical class (CSRR0/CSRR1,
 * rfci); it has no debug APU.
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500v2.h"

/* DBSR bits that are debug events (not the reset type or IDE) */
#define DBSR_EVENTS	(~(DBSR_MRR | DBSR_IDE))

static bool enabled(struct e500v2_vcpu *v, u32 dbcr0_event)
{
	return (v->impl.dbcr0 & DBCR0_IDM) && (v->impl.dbcr0 & dbcr0_event);
}

/* a debug interrupt the guest takes now (before it runs again) */
bool e500v2_debug_pending(struct e500v2_vcpu *v)
{
	return (v->impl.dbcr0 & DBCR0_IDM) && (e500v2_msr(v) & MSR_DE) &&
	       (v->impl.dbsr & DBSR_EVENTS);
}

static void record(struct e500v2_vcpu *v, u32 dbsr_event)
{
	v->impl.dbsr |= dbsr_event;
	if (!(e500v2_msr(v) & MSR_DE))
		v->impl.dbsr |= DBSR_IDE;
}

/*
 * An event at the instruction at PC: true when the debug interrupt was
 * taken there (the instruction is not executed).
 */
static bool precise_event(struct e500v2_vcpu *v, u32 dbcr0_event,
			  u32 dbsr_event)
{
	if (!enabled(v, dbcr0_event))
		return false;
	record(v, dbsr_event);
	if (!(e500v2_msr(v) & MSR_DE))
		return false;
	e500v2_deliver(v, E500V2_EXIT_DEBUG, v->vcpu.arch.regs.nip);
	return true;
}

/* a trap instruction trapped: false means a program interrupt follows */
bool e500v2_debug_trap(struct e500v2_vcpu *v)
{
	return precise_event(v, DBCR0_TDE, DBSR_TIE);
}

/* an rfi is about to execute: false means it goes ahead */
bool e500v2_debug_rfi(struct e500v2_vcpu *v)
{
	return precise_event(v, DBCR0_RET, DBSR_RET);
}

/* a base-class interrupt was just taken */
void e500v2_debug_irpt(struct e500v2_vcpu *v)
{
	if (enabled(v, DBCR0_IRPT))
		record(v, DBSR_IRPT);
}

/* ---- userspace debugging: software breakpoints only ---- */

int e500v2_set_guest_debug(struct kvm_vcpu *vcpu, struct kvm_guest_debug *dbg)
{
	u32 allowed = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP;

	if (dbg->control & ~allowed)
		return -EINVAL;
	vcpu->guest_debug = (dbg->control & KVM_GUESTDBG_ENABLE) ?
			    dbg->control : 0;
	return 0;
}

/*
 * The guest executed @insn, an illegal instruction: if it is the
 * breakpoint and userspace asked for software breakpoints, exit with
 * KVM_EXIT_DEBUG, the PC still on the breakpoint.
 */
bool e500v2_sw_breakpoint(struct e500v2_vcpu *v, u32 insn)
{
	struct kvm_run *run = v->vcpu.run;

	if (insn != E500V2_SW_BREAKPOINT ||
	    !(v->vcpu.guest_debug & KVM_GUESTDBG_USE_SW_BP))
		return false;
	run->exit_reason = KVM_EXIT_DEBUG;
	run->debug.arch.address = v->vcpu.arch.regs.nip;
	run->debug.arch.status = 0;
	return true;
}

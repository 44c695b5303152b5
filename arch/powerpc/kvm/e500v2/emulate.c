// SPDX-License-Identifier: GPL-2.0-only
/*
 * e500v2 instruction emulation: privileged instructions the guest
 * kernel executes in user mode.  SPRs are in spr.c, loads and stores
 * to MMIO in mmio.c.
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500_insn.h"
#include "e500_irq.h"
#include "e500v2.h"
#include "../trace.h"

#define GPR(v, n)	((v)->vcpu.arch.regs.gpr[n])
#define PC(v)		((v)->vcpu.arch.regs.nip)

#define ARCH(v)		(&(v)->vcpu.arch)
#define GTLB(v)		(&(v)->gtlb)

#define XO_MFMSR	83
#define XO_MTMSR	146
#define XO_WRTEE	131
#define XO_WRTEEI	163
#define XO19_RFI	50
#define XO19_RFCI	51
#define XO19_RFMCI	38
#define XO_TLBSX	914
#define XO_TLBIVAX	786
#define XO_TLBRE	946
#define XO_TLBWE	978
#define XO_TLBSYNC	566
#define XO_DCBI		470
#define XO_MFPMR	334
#define XO_MTPMR	462
/* cache locking (category E.CL) */
#define XO_DCBTLS	166
#define XO_DCBTSTLS	134
#define XO_DCBLC	390
#define XO_ICBTLS	486
#define XO_ICBLC	230

#define E500_L1CSR1_ICUL	0x00000400	/* I-cache unable to lock */

/* EA of an X-form operand pair: (RA|0) + RB */
static u32 x_form_ea(struct e500v2_vcpu *v, u32 insn)
{
	unsigned int ra = e500_insn_ra(insn);

	return (ra ? GPR(v, ra) : 0) + GPR(v, e500_insn_rb(insn));
}

/*
 * Cache locking: we lock nothing in the host's caches and report what
 * a core that cannot lock the line reports, L1CSR0[CUL] / L1CSR1[ICUL];
 * the unlock forms do nothing.  False for another instruction.
 */
static bool cache_lock_op(struct e500v2_vcpu *v, u32 insn)
{
	if (e500_insn_opcd(insn) != 31)
		return false;
	switch (e500_insn_xo(insn)) {
	case XO_DCBTLS:
	case XO_DCBTSTLS:
		v->impl.l1csr0 |= L1CSR0_CUL;
		return true;
	case XO_ICBTLS:
		v->impl.l1csr1 |= E500_L1CSR1_ICUL;
		return true;
	case XO_DCBLC:
	case XO_ICBLC:
		return true;
	default:
		return false;
	}
}

/* returns false for an encoding we do not emulate (illegal) */
static bool emulate_priv(struct e500v2_vcpu *v, u32 insn)
{
	unsigned int rt = e500_insn_rt(insn);
	u32 val;

	if (e500_insn_opcd(insn) == 19) {
		switch (e500_insn_xo(insn)) {
		case XO19_RFI:
			if (e500v2_debug_rfi(v))
				return true;
			PC(v) = v->vcpu.arch.shared->srr0 & ~3u;
			e500v2_set_msr(v, v->vcpu.arch.shared->srr1);
			return true;
		case XO19_RFCI:
			PC(v) = ARCH(v)->csrr0 & ~3u;
			e500v2_set_msr(v, ARCH(v)->csrr1);
			return true;
		case XO19_RFMCI:
			PC(v) = ARCH(v)->mcsrr0 & ~3u;
			e500v2_set_msr(v, ARCH(v)->mcsrr1);
			return true;
		}
		return false;
	}
	if (e500_insn_opcd(insn) != 31)
		return false;

	switch (e500_insn_xo(insn)) {
	case XO_TLBWE:
		e500v2_guest_tlbwe(v);
		break;
	case XO_TLBRE:
		e500_gtlb_tlbre(GTLB(v));
		break;
	case XO_TLBSX:
		e500_gtlb_tlbsx(GTLB(v), x_form_ea(v, insn));
		break;
	case XO_TLBIVAX:
		e500v2_tlbivax(v, x_form_ea(v, insn));
		break;
	case XO_DCBTLS:
	case XO_DCBTSTLS:
	case XO_ICBTLS:
	case XO_DCBLC:
	case XO_ICBLC:
		cache_lock_op(v, insn);
		break;
	case XO_TLBSYNC:	/* tlbivax completed on every vCPU already */
	case XO_DCBI:
		/* ordering and cache invalidation need nothing here */
		break;
	case XO_MFMSR:
		GPR(v, rt) = e500v2_msr(v);
		break;
	case XO_MTMSR:
		e500v2_set_msr(v, GPR(v, rt));
		break;
	case XO_WRTEE:
		e500v2_set_msr(v, (e500v2_msr(v) & ~MSR_EE) | (GPR(v, rt) & MSR_EE));
		break;
	case XO_WRTEEI:
		e500v2_set_msr(v, (e500v2_msr(v) & ~MSR_EE) | (insn & MSR_EE));
		break;
	case E500_XO_MFSPR:
		if (!e500v2_mfspr(v, e500_insn_sprn(insn), &val))
			return false;
		GPR(v, rt) = val;
		break;
	case E500_XO_MTSPR:
		if (!e500v2_mtspr(v, e500_insn_sprn(insn), GPR(v, rt)))
			return false;
		break;
	case XO_MFPMR:
		if (!e500v2_mfpmr(v, e500_insn_sprn(insn), &val))
			return false;
		GPR(v, rt) = val;
		break;
	case XO_MTPMR:
		if (!e500v2_mtpmr(v, e500_insn_sprn(insn), GPR(v, rt)))
			return false;
		break;
	default:
		return false;
	}
	PC(v) += 4;
	return true;
}

static bool is_cache_lock(u32 insn)
{
	switch (e500_insn_xo(insn)) {
	case XO_DCBTLS:
	case XO_DCBTSTLS:
	case XO_ICBTLS:
	case XO_DCBLC:
	case XO_ICBLC:
		return e500_insn_opcd(insn) == 31;
	default:
		return false;
	}
}

/* rfci, rfmci: QEMU 7.2's e500v2 may call them illegal */
static bool is_rfci_rfmci(u32 insn)
{
	return e500_insn_opcd(insn) == 19 &&
	       (e500_insn_xo(insn) == XO19_RFCI || e500_insn_xo(insn) == XO19_RFMCI);
}

static bool is_pmr_access(u32 insn)
{
	return e500_insn_opcd(insn) == 31 &&
	       (e500_insn_xo(insn) == XO_MFPMR || e500_insn_xo(insn) == XO_MTPMR);
}

/*
 * Guest user mode (MSR[PR] = 1).  What the e500v2 does: cache locking
 * without MSR[UCLE] is a DSI with ESR[DLK]/[ILK], with it allowed;
 * mfpmr of a user alias reads it; other privileged instructions and
 * SPR/PMR numbers are ESR[PPR]; a trapped mfspr/mtspr/mfpmr of a
 * user-level number (0x10 clear) is not a register the core has:
 * ESR[PIL].  True when the instruction was emulated.
 */
static bool emulate_user(struct e500v2_vcpu *v, u32 insn)
{
	unsigned int xo = e500_insn_xo(insn), n = e500_insn_sprn(insn);
	u32 val;

	if (is_cache_lock(insn)) {
		if (e500v2_msr(v) & MSR_UCLE) {
			cache_lock_op(v, insn);
			PC(v) += 4;
			return true;
		}
		v->vcpu.arch.shared->esr = (xo == XO_ICBTLS || xo == XO_ICBLC) ?
					   ESR_ILK : ESR_DLK;
		v->vcpu.arch.shared->dar = x_form_ea(v, insn);
		e500v2_deliver(v, E500V2_EXIT_DSI, PC(v));
		return false;
	}
	if (is_pmr_access(insn) && xo == XO_MFPMR && !(n & 0x10) &&
	    e500v2_mfpmr(v, n, &val)) {
		GPR(v, e500_insn_rt(insn)) = val;
		PC(v) += 4;
		return true;
	}
	if (e500_insn_opcd(insn) == 31 && !(n & 0x10) &&
	    (xo == E500_XO_MFSPR || xo == E500_XO_MTSPR || xo == XO_MFPMR)) {
		e500v2_program(v, ESR_PIL);
		return false;
	}
	e500v2_program(v, ESR_PPR);
	return false;
}

/*
 * A program interrupt from the guest: emulate or reflect it.  The host
 * core may call an instruction the e500v2 has illegal (QEMU does for
 * mfpmr/mtpmr and most cache-locking forms): those are handled as the
 * e500v2 would, whichever way the host reported them.  *insn: the
 * instruction word, 0 for a trap (not fetched).
 */
static enum e500_emul_outcome emulate(struct e500v2_vcpu *v, u32 *insn)
{
	u32 esr = v->frame.esr;

	*insn = 0;
	if (!(esr & (ESR_PPR | ESR_PIL))) {
		/* trap: a debug event, or the guest's own program interrupt */
		if (e500v2_debug_trap(v))
			return E500_EMUL_DEBUG;
		e500v2_program(v, esr & ESR_PTR);
		return E500_EMUL_REFLECTED;
	}
	if (e500v2_fetch_insn(v, insn)) {
		/* the page went away under us: retry the instruction */
		return E500_EMUL_RETRY;
	}
	if (e500v2_sw_breakpoint(v, *insn))
		return E500_EMUL_BREAKPOINT;
	/*
	 * Every privileged instruction has primary opcode 19 (the rfi
	 * family) or 31.  Any other word at the PC of a privileged-
	 * instruction interrupt was written after the trap, by another
	 * vCPU (Linux patches its mfmsr/mfspr into loads from the shared
	 * page while other CPUs run): run the new word.
	 */
	if ((esr & ESR_PPR) && e500_insn_opcd(*insn) != 19 &&
	    e500_insn_opcd(*insn) != 31)
		return E500_EMUL_RETRY;
	if ((esr & ESR_PIL) && !is_cache_lock(*insn) && !is_pmr_access(*insn) &&
	    !is_rfci_rfmci(*insn)) {
		e500v2_program(v, ESR_PIL);
		return E500_EMUL_REFLECTED;
	}
	if (e500v2_msr(v) & MSR_PR)
		return emulate_user(v, *insn) ? E500_EMUL_DONE :
						 E500_EMUL_REFLECTED;
	if (emulate_priv(v, *insn))
		return E500_EMUL_DONE;
	e500v2_program(v, ESR_PIL);
	return E500_EMUL_REFLECTED;
}

/* the exit reason each outcome counts under */
static const u8 outcome_why[] = {
	[E500_EMUL_DONE] = E500V2_WHY_EMULATED,
	[E500_EMUL_REFLECTED] = E500V2_WHY_PROGRAM,
	[E500_EMUL_DEBUG] = E500V2_WHY_DEBUG,
	[E500_EMUL_BREAKPOINT] = E500V2_WHY_DEBUG,
	[E500_EMUL_RETRY] = E500V2_WHY_OTHER,
};

enum e500v2_resume e500v2_emulate(struct e500v2_vcpu *v)
{
	u32 pc = PC(v), insn;
	enum e500_emul_outcome how = emulate(v, &insn);

	trace_kvm_e500_emulate(v->vcpu.vcpu_id, insn, pc, how);
	v->why = outcome_why[how];
	return how == E500_EMUL_BREAKPOINT ? E500V2_RESUME_USER :
					     E500V2_RESUME_GUEST;
}

/*
 * A cache-locking instruction in user mode with MSR[UCLE] = 0 is a data
 * storage interrupt with ESR[DLK] or ESR[ILK] on the e500 (cores that
 * raise a privileged-instruction program interrupt instead reach
 * emulate_priv()); the guest kernel always runs that way.  When the
 * guest itself is in supervisor mode or has set MSR[UCLE], the
 * instruction is allowed (cache_lock_op()).  Returns RESUME_USER (with
 * nothing filled in) when the DSI is the guest's own, for the caller to
 * reflect.
 */
enum e500v2_resume e500v2_cache_lock(struct e500v2_vcpu *v)
{
	u32 insn, msr = e500v2_msr(v);

	if ((msr & MSR_PR) && !(msr & MSR_UCLE))
		return E500V2_RESUME_USER;
	if (e500v2_fetch_insn(v, &insn)) {
		v->why = E500V2_WHY_OTHER;
		return E500V2_RESUME_GUEST;	/* retry the instruction */
	}
	if (!cache_lock_op(v, insn))
		return E500V2_RESUME_USER;
	trace_kvm_e500_emulate(v->vcpu.vcpu_id, insn, PC(v), E500_EMUL_DONE);
	v->why = E500V2_WHY_EMULATED;
	PC(v) += 4;
	return E500V2_RESUME_GUEST;
}

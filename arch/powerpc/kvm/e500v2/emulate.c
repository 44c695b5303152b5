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

#define GPR(v, n)	((v)->vcpu.arch.regs.gpr[n])
#define PC(v)		((v)->vcpu.arch.regs.nip)

#define ARCH(v)		(&(v)->vcpu.arch)
#define GTLB(v)		(&(v)->gtlb)

int e500v2_fetch_insn(struct e500v2_vcpu *v, u32 *insn)
{
	u64 gpa;

	if (!e500v2_translate(v, true, PC(v), &gpa))
		return -EFAULT;
	if (kvm_vcpu_read_guest(&v->vcpu, gpa, insn, 4))
		return -EFAULT;
	return 0;
}

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

/* EA of an X-form operand pair: (RA|0) + RB */
static u32 x_form_ea(struct e500v2_vcpu *v, u32 insn)
{
	unsigned int ra = e500_insn_ra(insn);

	return (ra ? GPR(v, ra) : 0) + GPR(v, e500_insn_rb(insn));
}

/* returns false for an encoding we do not emulate (illegal) */
static bool emulate_priv(struct e500v2_vcpu *v, u32 insn)
{
	unsigned int rt = e500_insn_rt(insn);
	u32 val;

	if (e500_insn_opcd(insn) == 19) {
		switch (e500_insn_xo(insn)) {
		case XO19_RFI:
			PC(v) = v->vcpu.arch.shared->srr0;
			e500v2_set_msr(v, v->vcpu.arch.shared->srr1);
			return true;
		case XO19_RFCI:
			PC(v) = ARCH(v)->csrr0;
			e500v2_set_msr(v, ARCH(v)->csrr1);
			return true;
		case XO19_RFMCI:
			PC(v) = ARCH(v)->mcsrr0;
			e500v2_set_msr(v, ARCH(v)->mcsrr1);
			return true;
		}
		return false;
	}
	if (e500_insn_opcd(insn) != 31)
		return false;

	switch (e500_insn_xo(insn)) {
	case XO_TLBWE:
		if (e500_gtlb_tlbwe(GTLB(v)))
			v->shadow_stale = true;
		break;
	case XO_TLBRE:
		e500_gtlb_tlbre(GTLB(v));
		break;
	case XO_TLBSX:
		e500_gtlb_tlbsx(GTLB(v), x_form_ea(v, insn));
		break;
	case XO_TLBIVAX:
		/* this vCPU only: the broadcast comes with guest SMP */
		if (e500_gtlb_tlbivax(GTLB(v), x_form_ea(v, insn)))
			v->shadow_stale = true;
		break;
	case XO_TLBSYNC:
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
	default:
		return false;
	}
	PC(v) += 4;
	return true;
}

/* A program interrupt from the guest: emulate or reflect it. */
enum e500v2_resume e500v2_emulate(struct e500v2_vcpu *v)
{
	u32 esr = v->frame.esr;
	u32 insn;

	if (!(esr & ESR_PPR)) {
		/* illegal or trap: the guest's own program interrupt */
		e500v2_program(v, esr & (ESR_PIL | ESR_PTR));
		return E500V2_RESUME_GUEST;
	}
	if (e500v2_fetch_insn(v, &insn)) {
		/* the page went away under us: retry the instruction */
		return E500V2_RESUME_GUEST;
	}
	if (e500v2_msr(v) & MSR_PR) {
		e500v2_program(v, ESR_PPR);
		return E500V2_RESUME_GUEST;
	}
	if (!emulate_priv(v, insn))
		e500v2_program(v, ESR_PIL);
	return E500V2_RESUME_GUEST;
}


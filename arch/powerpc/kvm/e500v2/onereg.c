// SPDX-License-Identifier: GPL-2.0-only
/*
 * ONE_REG rows of registers only the e500v2 backend holds: the MMU
 * (MAS registers, MMUCFG, TLB0CFG, TLB1CFG) and the debug registers
 * that have ids (IAC1/2, DAC1/2, DBSR), and the paravirt page's mapping
 * and words (project ids, pv_onereg.c).
 *
 * MMU architecture 1.0 has two TLBs and no page-size or EPT
 * configuration registers, so TLB2CFG, TLB3CFG, TLBnPS and EPTCFG are
 * unknown ids (-ENOENT).  The configuration registers are read-only:
 * SET of the value they hold is 0, of any other value -EINVAL.  MAS
 * registers read and write as the guest's mfspr/mtspr do.  DBSR is set
 * directly (no write-1-to-clear from userspace), as SREGS defines.
 */
#include <linux/kvm_host.h>
#include <asm/kvm_para.h>
#include <asm/reg.h>

#include "e500_core.h"
#include "e500v2.h"
#include "kvm_e500_regs.h"

#define GET(name)	static u64 name(struct kvm_vcpu *vcpu, const struct e500_onereg *r)
#define SET(name)	static int name(struct kvm_vcpu *vcpu, const struct e500_onereg *r, u64 val)

/* ---- registers the guest reaches with mfspr/mtspr; arg = SPR number ---- */

GET(get_spr)
{
	u32 val = 0;

	e500v2_mfspr(to_e500v2(vcpu), r->arg, &val);
	return val;
}

SET(set_spr)
{
	if (upper_32_bits(val))
		return -EINVAL;
	e500v2_mtspr(to_e500v2(vcpu), r->arg, val);
	return 0;
}

/* read-only: only the value it has is accepted */
SET(set_const)
{
	return val == get_spr(vcpu, r) ? 0 : -EINVAL;
}

/* MAS7_3: MAS7 (physical address bits 32-35) above MAS3 */
GET(get_mas7_3)
{
	return to_e500v2(vcpu)->gtlb.mas7_3;
}

SET(set_mas7_3)
{
	if (val > E500_MAS7_3_MAX)
		return -EINVAL;
	to_e500v2(vcpu)->gtlb.mas7_3 = val;
	return 0;
}

/* the software breakpoint instruction (read-only) */
GET(get_debug_inst)
{
	return E500V2_SW_BREAKPOINT;
}

SET(set_debug_inst)
{
	return val == E500V2_SW_BREAKPOINT ? 0 : -EINVAL;
}

/* ---- debug registers: u32 fields of the vCPU; arg = offset ---- */

static u32 *field(struct kvm_vcpu *vcpu, const struct e500_onereg *r)
{
	return (u32 *)((char *)to_e500v2(vcpu) + r->arg);
}

GET(get_field)
{
	return *field(vcpu, r);
}

SET(set_field)
{
	if (upper_32_bits(val))
		return -EINVAL;
	*field(vcpu, r) = val;
	return 0;
}

#define SPR(id, sprn)	{ id, sprn, get_spr, set_spr }
#define CONST(id, sprn)	{ id, sprn, get_spr, set_const }
#define FIELD(id, f)	{ id, offsetof(struct e500v2_vcpu, impl.f), get_field, set_field }
#define PV_WORD(id, f)	{ id, offsetof(struct kvm_vcpu_arch_shared, f), \
			  e500v2_get_pv_word, e500v2_set_pv_word }

const struct e500_onereg e500v2_oneregs[] = {
	SPR(KVM_REG_PPC_MAS0, SPRN_MAS0),
	SPR(KVM_REG_PPC_MAS1, SPRN_MAS1),
	SPR(KVM_REG_PPC_MAS2, SPRN_MAS2),
	{ KVM_REG_PPC_MAS7_3, 0, get_mas7_3, set_mas7_3 },
	SPR(KVM_REG_PPC_MAS4, SPRN_MAS4),
	SPR(KVM_REG_PPC_MAS6, SPRN_MAS6),
	CONST(KVM_REG_PPC_MMUCFG, SPRN_MMUCFG),
	CONST(KVM_REG_PPC_TLB0CFG, SPRN_TLB0CFG),
	CONST(KVM_REG_PPC_TLB1CFG, SPRN_TLB1CFG),
	FIELD(KVM_REG_PPC_IAC1, iac1),
	FIELD(KVM_REG_PPC_IAC2, iac2),
	FIELD(KVM_REG_PPC_DAC1, dac1),
	FIELD(KVM_REG_PPC_DAC2, dac2),
	FIELD(KVM_REG_PPC_DBSR, dbsr),
	{ KVM_REG_PPC_DEBUG_INST, 0, get_debug_inst, set_debug_inst },
	/* the paravirt page (pv_onereg.c): PA before the mapping */
	{ KVM_REG_PPC_E500_MAGIC_PA, 0, e500v2_get_magic_pa, e500v2_set_magic_pa },
	{ KVM_REG_PPC_E500_MAGIC_PAGE, 0, e500v2_get_magic, e500v2_set_magic },
	PV_WORD(KVM_REG_PPC_E500_PV_SCRATCH1, scratch1),
	PV_WORD(KVM_REG_PPC_E500_PV_SCRATCH2, scratch2),
	PV_WORD(KVM_REG_PPC_E500_PV_SCRATCH3, scratch3),
	PV_WORD(KVM_REG_PPC_E500_PV_CRITICAL, critical),
	{ 0 }
};

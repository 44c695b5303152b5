// SPDX-License-Identifier: GPL-2.0-only
/*
 * The powerpc (e500v2) part of the kernel's get-reg-list test: the ONE_REG
 * ids KVM_GET_REG_LIST must report for an e500v2 vCPU, and their names.
 *
 * Two groups: "base", the registers every e500 backend keeps (timer,
 * VRSAVE, DEAR), and "e500v2", those of the MMU architecture 1.0 backend
 * (MAS registers, the read-only MMU configuration registers, the debug
 * registers that have ids, the software breakpoint instruction, EPR and the
 * project ids of the paravirt page, include/kvm_e500_regs.h).  The
 * generic test reads each listed register and writes the value back, so
 * every one here must accept its own value.  Write-only pseudo registers
 * (KVM_REG_PPC_OR_TSR, KVM_REG_PPC_CLEAR_TSR) are never listed.
 */
#include <stdio.h>
#include <linux/kvm.h>

#include "kvm_util.h"
#include "../../../../include/kvm_e500_regs.h"

#define NAMED(id)	{ id, #id }

struct reg_name {
	__u64 id;
	const char *name;
};

static const struct reg_name reg_names[] = {
	NAMED(KVM_REG_PPC_TCR),
	NAMED(KVM_REG_PPC_TSR),
	NAMED(KVM_REG_PPC_VRSAVE),
	NAMED(KVM_REG_PPC_DAR),
	NAMED(KVM_REG_PPC_MAS0),
	NAMED(KVM_REG_PPC_MAS1),
	NAMED(KVM_REG_PPC_MAS2),
	NAMED(KVM_REG_PPC_MAS7_3),
	NAMED(KVM_REG_PPC_MAS4),
	NAMED(KVM_REG_PPC_MAS6),
	NAMED(KVM_REG_PPC_MMUCFG),
	NAMED(KVM_REG_PPC_TLB0CFG),
	NAMED(KVM_REG_PPC_TLB1CFG),
	NAMED(KVM_REG_PPC_IAC1),
	NAMED(KVM_REG_PPC_IAC2),
	NAMED(KVM_REG_PPC_DAC1),
	NAMED(KVM_REG_PPC_DAC2),
	NAMED(KVM_REG_PPC_DBSR),
	NAMED(KVM_REG_PPC_DEBUG_INST),
	NAMED(KVM_REG_PPC_EPR),
	NAMED(KVM_REG_PPC_E500_MAGIC_PA),
	NAMED(KVM_REG_PPC_E500_MAGIC_PAGE),
	NAMED(KVM_REG_PPC_E500_PV_SCRATCH1),
	NAMED(KVM_REG_PPC_E500_PV_SCRATCH2),
	NAMED(KVM_REG_PPC_E500_PV_SCRATCH3),
	NAMED(KVM_REG_PPC_E500_PV_CRITICAL),
	NAMED(KVM_REG_PPC_OR_TSR),
	NAMED(KVM_REG_PPC_CLEAR_TSR),
};

/* a line the blessed lists below can take as it is */
void print_reg(const char *prefix, __u64 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(reg_names); i++) {
		if (reg_names[i].id == id) {
			printf("\t%s,\n", reg_names[i].name);
			return;
		}
	}
	printf("\t0x%llx,\t/* %s: not a KVM_REG_PPC id we know */\n",
	       (unsigned long long)id, prefix);
}

static __u64 base_regs[] = {
	KVM_REG_PPC_TCR,
	KVM_REG_PPC_TSR,
	KVM_REG_PPC_VRSAVE,
	KVM_REG_PPC_DAR,
};

static __u64 e500v2_regs[] = {
	KVM_REG_PPC_MAS0,
	KVM_REG_PPC_MAS1,
	KVM_REG_PPC_MAS2,
	KVM_REG_PPC_MAS7_3,
	KVM_REG_PPC_MAS4,
	KVM_REG_PPC_MAS6,
	KVM_REG_PPC_MMUCFG,
	KVM_REG_PPC_TLB0CFG,
	KVM_REG_PPC_TLB1CFG,
	KVM_REG_PPC_IAC1,
	KVM_REG_PPC_IAC2,
	KVM_REG_PPC_DAC1,
	KVM_REG_PPC_DAC2,
	KVM_REG_PPC_DBSR,
	KVM_REG_PPC_DEBUG_INST,
	KVM_REG_PPC_EPR,
	KVM_REG_PPC_E500_MAGIC_PA,
	KVM_REG_PPC_E500_MAGIC_PAGE,
	KVM_REG_PPC_E500_PV_SCRATCH1,
	KVM_REG_PPC_E500_PV_SCRATCH2,
	KVM_REG_PPC_E500_PV_SCRATCH3,
	KVM_REG_PPC_E500_PV_CRITICAL,
};

static struct vcpu_reg_list e500v2_config = {
	.sublists = {
		{
			.name = "base",
			.capability = KVM_CAP_ONE_REG,
			.regs = base_regs,
			.regs_n = ARRAY_SIZE(base_regs),
		},
		{
			.name = "e500v2",
			.capability = KVM_CAP_ONE_REG,
			.regs = e500v2_regs,
			.regs_n = ARRAY_SIZE(e500v2_regs),
		},
		{0},
	},
};

struct vcpu_reg_list *vcpu_configs[] = {
	&e500v2_config,
};

int vcpu_configs_n = ARRAY_SIZE(vcpu_configs);

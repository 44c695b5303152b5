/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers of the paravirt tests (hcall_test, pv_page_test, the pv
 * benchmark), on guest_prog.h's program builder: the hypercall
 * sequence from KVM_PPC_GET_PVINFO, the shared page's fields at
 * effective address -4096 (where Linux maps it), binary statistics
 * (kvm_stats.h).
 */
#ifndef KVM_E500_PV_ASM_H
#define KVM_E500_PV_ASM_H

#include <linux/kvm_para.h>
#include <asm/kvm_para.h>
#include <stddef.h>
#include <stdlib.h>

#include "guest_prog.h"
#include "kvm_stats.h"

#define I_WRTEE(rs)	((31u << 26) | ((rs) << 21) | (131u << 1))
#define I_NOP		0x60000000u
#define MSR_PR		0x00004000u

#define MAGIC_EA	0xfffff000u
/*
 * A shared-page field at MAGIC_EA as a displacement from (r0|0) = 0:
 * PV32 for a 32-bit field, PV64 for the low word of a 64-bit one.
 */
#define SH_OFF(f)	((int)offsetof(struct kvm_vcpu_arch_shared, f))
#define PV32(f)		(SH_OFF(f) - 4096)
#define PV64(f)		(SH_OFF(f) + 4 - 4096)

#define MAGIC_TOKEN	KVM_HCALL_TOKEN(KVM_HC_PPC_MAP_MAGIC_PAGE)

static struct kvm_ppc_pvinfo pvinfo;

static inline int pv_info(int vm)
{
	return ioctl(vm, KVM_PPC_GET_PVINFO, &pvinfo);
}

/* r11 = token, r3.. = args, then the hypercall from PVINFO */
static inline void emit_hcall(struct prog *p, u32 token, const u32 *args,
			      unsigned int nargs)
{
	unsigned int i;

	emit_li32(p, 11, token);
	for (i = 0; i < nargs; i++)
		emit_li32(p, 3 + i, args[i]);
	for (i = 0; i < 4; i++)
		emit(p, pvinfo.hcall[i]);
}

/* IVPR = 0 and IVOR @ivor = 0x2000, where the tests put a handler (r5) */
static inline void emit_vector(struct prog *p, unsigned int ivor)
{
	emit(p, I_LI(5, 0));
	emit(p, I_MTSPR(SPR_IVPR, 5));
	emit(p, I_LI(5, 0x2000));
	emit(p, I_MTSPR(spr_ivor(ivor), 5));
}

/* report register @r as an MMIO store to GUEST_MMIO + @off (r12 = base) */
static inline void emit_report(struct prog *p, unsigned int r, unsigned int off)
{
	emit(p, I_LIS(12, GUEST_MMIO >> 16));
	emit(p, I_STW(r, off, 12));
}

/* run until the next MMIO store; its offset from GUEST_MMIO and value */
static inline int next_store(struct guest *g, u32 *off, u32 *val)
{
	if (ioctl(g->vcpu, KVM_RUN, 0) || g->run->exit_reason != KVM_EXIT_MMIO ||
	    !g->run->mmio.is_write)
		return 0;
	*off = g->run->mmio.phys_addr - GUEST_MMIO;
	*val = mmio_value(g->run);
	return 1;
}

/* run and collect the stores at offsets 0, 4, .. 4 * (n - 1) in order */
static inline int collect(struct guest *g, u32 *vals, unsigned int n)
{
	unsigned int i;
	u32 off;

	for (i = 0; i < n; i++)
		if (!next_store(g, &off, &vals[i]) || off != 4 * i)
			return 0;
	return 1;
}

/* a vCPU binary statistic by name, -1 when absent */
static inline long long stat_get(int vcpu, const char *name)
{
	return (long long)kvm_stat(vcpu, name);
}

#endif /* KVM_E500_PV_ASM_H */

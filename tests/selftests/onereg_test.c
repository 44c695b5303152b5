// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_GET/SET_ONE_REG and KVM_GET_REG_LIST on e500v2: the list, round
 * trips of every listed register, the TSR pseudo registers, refusals,
 * and the guest's view of registers set this way (and ours of its).
 */
#include <stdlib.h>

#include "guest_asm.h"
#include "tap.h"
#include "../../include/kvm_e500_regs.h"

static int get_reg(int vcpu, __u64 id, __u64 *val)
{
	__u32 v32 = 0;
	struct kvm_one_reg r = { .id = id };
	int ret;

	*val = 0;
	if ((id & KVM_REG_SIZE_MASK) == KVM_REG_SIZE_U32) {
		r.addr = (uintptr_t)&v32;
		ret = ioctl(vcpu, KVM_GET_ONE_REG, &r);
		*val = v32;
		return ret;
	}
	r.addr = (uintptr_t)val;
	return ioctl(vcpu, KVM_GET_ONE_REG, &r);
}

static int set_reg(int vcpu, __u64 id, __u64 val)
{
	__u32 v32 = val;
	struct kvm_one_reg r = { .id = id };

	r.addr = (id & KVM_REG_SIZE_MASK) == KVM_REG_SIZE_U32 ?
		 (uintptr_t)&v32 : (uintptr_t)&val;
	return ioctl(vcpu, KVM_SET_ONE_REG, &r);
}

/* every listed register, with a value it holds as written */
static const struct { __u64 id; __u64 pattern; const char *name; } regs[] = {
	{ KVM_REG_PPC_TCR, 0x00400000, "TCR" },
	{ KVM_REG_PPC_TSR, 0x04000000, "TSR" },
	{ KVM_REG_PPC_VRSAVE, 0x12345678, "VRSAVE" },
	{ KVM_REG_PPC_DAR, 0xdeadbeef, "DEAR" },
	{ KVM_REG_PPC_MAS0, 0x10030000, "MAS0" },
	{ KVM_REG_PPC_MAS1, 0x80000500, "MAS1" },
	{ KVM_REG_PPC_MAS2, 0x00400004, "MAS2" },
	{ KVM_REG_PPC_MAS7_3, 0x0000000300500015ull, "MAS7_3" },
	{ KVM_REG_PPC_MAS4, 0x00000100, "MAS4" },
	{ KVM_REG_PPC_MAS6, 0x00050001, "MAS6" },
	{ KVM_REG_PPC_IAC1, 0xc0001000, "IAC1" },
	{ KVM_REG_PPC_IAC2, 0xc0002000, "IAC2" },
	{ KVM_REG_PPC_DAC1, 0xc0003000, "DAC1" },
	{ KVM_REG_PPC_DAC2, 0xc0004000, "DAC2" },
	{ KVM_REG_PPC_DBSR, 0x00000100, "DBSR" },
	{ KVM_REG_PPC_EPR, 0x00000077, "EPR" },
	/* project ids (pv_migrate_test maps the page through them) */
	{ KVM_REG_PPC_E500_MAGIC_PA, 0x7ffff000, "E500_MAGIC_PA" },
	{ KVM_REG_PPC_E500_MAGIC_PAGE, 0, "E500_MAGIC_PAGE (unmapped)" },
	{ KVM_REG_PPC_E500_PV_SCRATCH1, 0x1111222233334444ull, "E500_PV_SCRATCH1" },
	{ KVM_REG_PPC_E500_PV_SCRATCH2, 0x5555666677778888ull, "E500_PV_SCRATCH2" },
	{ KVM_REG_PPC_E500_PV_SCRATCH3, 0x99990000aaaabbbbull, "E500_PV_SCRATCH3" },
	{ KVM_REG_PPC_E500_PV_CRITICAL, 0x0000000000007ff0ull, "E500_PV_CRITICAL" },
};

/* listed, read-only */
static const struct { __u64 id; const char *name; } config_regs[] = {
	{ KVM_REG_PPC_MMUCFG, "MMUCFG" },
	{ KVM_REG_PPC_TLB0CFG, "TLB0CFG" },
	{ KVM_REG_PPC_TLB1CFG, "TLB1CFG" },
	{ KVM_REG_PPC_DEBUG_INST, "DEBUG_INST" },
};

/* ids that do not apply to an e500v2 (MMU v1, no EPCR, two IACs) */
static const struct { __u64 id; const char *name; } absent_regs[] = {
	{ KVM_REG_PPC_TLB2CFG, "TLB2CFG" },
	{ KVM_REG_PPC_TLB3CFG, "TLB3CFG" },
	{ KVM_REG_PPC_TLB0PS, "TLB0PS" },
	{ KVM_REG_PPC_TLB1PS, "TLB1PS" },
	{ KVM_REG_PPC_EPTCFG, "EPTCFG" },
	{ KVM_REG_PPC_EPCR, "EPCR" },
	{ KVM_REG_PPC_IAC3, "IAC3" },
	{ KVM_REG_PPC_HIOR, "HIOR (Book3S)" },
};

static void reg_list(struct guest *g)
{
	struct kvm_reg_list *list = calloc(1, sizeof(*list) + 64 * sizeof(__u64));
	unsigned int i, j, found = 0, want = ARRAY_LEN(regs) + ARRAY_LEN(config_regs);
	int r;

	list->n = 0;
	r = ioctl(g->vcpu, KVM_GET_REG_LIST, list);
	tap_errno(r, E2BIG, "KVM_GET_REG_LIST with room for none");
	tap_check(list->n == want, "it reports the count needed (%llu)",
		  (unsigned long long)list->n);
	list->n = want - 1;
	r = ioctl(g->vcpu, KVM_GET_REG_LIST, list);
	tap_errno(r, E2BIG, "KVM_GET_REG_LIST with room for one too few");
	list->n = 64;
	r = ioctl(g->vcpu, KVM_GET_REG_LIST, list);
	tap_check(r == 0, "KVM_GET_REG_LIST with room");
	for (i = 0; i < list->n; i++) {
		for (j = 0; j < ARRAY_LEN(regs); j++)
			found += list->reg[i] == regs[j].id;
		for (j = 0; j < ARRAY_LEN(config_regs); j++)
			found += list->reg[i] == config_regs[j].id;
		if (list->reg[i] == KVM_REG_PPC_OR_TSR ||
		    list->reg[i] == KVM_REG_PPC_CLEAR_TSR)
			found = 1000;
	}
	tap_check(found == want && list->n == want,
		  "the list holds the %u registers (MMU, debug, timers, paravirt page) and no write-only pseudo register",
		  want);
	free(list);
}

static void round_trips(struct guest *g)
{
	unsigned int i;
	__u64 v;

	for (i = 0; i < ARRAY_LEN(regs); i++) {
		int ok = set_reg(g->vcpu, regs[i].id, regs[i].pattern) == 0 &&
			 get_reg(g->vcpu, regs[i].id, &v) == 0 &&
			 v == regs[i].pattern;

		tap_check(ok, "ONE_REG %s round trip (0x%llx)", regs[i].name,
			  (unsigned long long)v);
	}
	set_reg(g->vcpu, KVM_REG_PPC_OR_TSR, 0x08000000);
	get_reg(g->vcpu, KVM_REG_PPC_TSR, &v);
	tap_check(v == 0x0c000000, "KVM_REG_PPC_OR_TSR sets bits (TSR 0x%llx)",
		  (unsigned long long)v);
	set_reg(g->vcpu, KVM_REG_PPC_CLEAR_TSR, 0x04000000);
	get_reg(g->vcpu, KVM_REG_PPC_TSR, &v);
	tap_check(v == 0x08000000, "KVM_REG_PPC_CLEAR_TSR clears bits (TSR 0x%llx)",
		  (unsigned long long)v);
	set_reg(g->vcpu, KVM_REG_PPC_CLEAR_TSR, 0xffffffff);

	tap_errno(get_reg(g->vcpu, KVM_REG_PPC_OR_TSR, &v), EINVAL,
		  "GET of the write-only KVM_REG_PPC_OR_TSR");
	for (i = 0; i < ARRAY_LEN(absent_regs); i++) {
		char name[64];

		snprintf(name, sizeof(name), "GET of %s", absent_regs[i].name);
		tap_errno(get_reg(g->vcpu, absent_regs[i].id, &v), ENOENT, name);
	}
	tap_errno(set_reg(g->vcpu, (KVM_REG_PPC_TCR & ~KVM_REG_SIZE_MASK) |
			  KVM_REG_SIZE_U64, 0), ENOENT,
		  "SET of TCR with the wrong size");
}

/* read-only configuration: the same value is accepted, another is not */
static void config(struct guest *g)
{
	unsigned int i;
	__u64 v, after;
	char name[80];

	for (i = 0; i < ARRAY_LEN(config_regs); i++) {
		int ok = get_reg(g->vcpu, config_regs[i].id, &v) == 0;

		tap_check(ok, "GET %s (0x%llx)", config_regs[i].name,
			  (unsigned long long)v);
		tap_check(set_reg(g->vcpu, config_regs[i].id, v) == 0,
			  "SET %s to the value it holds", config_regs[i].name);
		snprintf(name, sizeof(name), "SET %s to another value",
			 config_regs[i].name);
		tap_errno(set_reg(g->vcpu, config_regs[i].id, v ^ 1), EINVAL, name);
		get_reg(g->vcpu, config_regs[i].id, &after);
		tap_check(after == v, "%s unchanged by the refused SET (0x%llx)",
			  config_regs[i].name, (unsigned long long)after);
	}
	tap_errno(set_reg(g->vcpu, KVM_REG_PPC_MAS2, 0x100000000ull), EINVAL,
		  "SET of MAS2 with bits above 32 (32-bit core)");
	tap_errno(set_reg(g->vcpu, KVM_REG_PPC_MAS7_3, 0x0000001000000000ull), EINVAL,
		  "SET of MAS7_3 beyond the 36-bit physical address");
	tap_errno(set_reg(g->vcpu, KVM_REG_PPC_IAC1, 0x100000000ull), EINVAL,
		  "SET of IAC1 with bits above 32");
}

/* MAS and debug registers set here are what the guest's mfspr reads */
static void guest_mmu_view(struct guest *g)
{
	static const struct { unsigned int spr; __u64 id; u32 want; } v[] = {
		{ 624, KVM_REG_PPC_MAS0, 0x10030000 },
		{ 625, KVM_REG_PPC_MAS1, 0x80000500 },
		{ 626, KVM_REG_PPC_MAS2, 0x00400004 },
		{ 627, KVM_REG_PPC_MAS7_3, 0x00500015 },	/* MAS3 */
		{ 944, KVM_REG_PPC_MAS7_3, 0x00000003 },	/* MAS7 */
		{ 628, KVM_REG_PPC_MAS4, 0x00000100 },
		{ 630, KVM_REG_PPC_MAS6, 0x00050001 },
		{ 312, KVM_REG_PPC_IAC1, 0xc0001000 },
		{ 317, KVM_REG_PPC_DAC2, 0xc0004000 },
		{ 304, KVM_REG_PPC_DBSR, 0x00000100 },
	};
	u32 code[ARRAY_LEN(v) * 2 + 8];
	unsigned int i, n = 0;
	u32 val;
	__u64 r;

	code[n++] = I_LIS(4, GUEST_MMIO >> 16);
	for (i = 0; i < ARRAY_LEN(v); i++) {
		code[n++] = I_MFSPR(3, v[i].spr);
		code[n++] = I_STW(3, 4 * i, 4);
	}
	/* the guest writes MAS1; ONE_REG must see it */
	code[n++] = I_LIS(3, 0x4000);
	code[n++] = I_MTSPR(625, 3);
	code[n++] = I_STW(3, 0x100, 4);
	code[n++] = I_SELF_LOOP;
	guest_code(g, GUEST_CODE, code, n);
	guest_set_pc(g, GUEST_CODE, 0);
	for (i = 0; i < ARRAY_LEN(v); i++)
		tap_check(guest_store_exit(g, GUEST_MMIO + 4 * i, &val) &&
			  val == v[i].want,
			  "guest mfspr %u reads what ONE_REG 0x%llx set (0x%08x)",
			  v[i].spr, (unsigned long long)v[i].id, val);
	tap_check(guest_store_exit(g, GUEST_MMIO + 0x100, &val) &&
		  get_reg(g->vcpu, KVM_REG_PPC_MAS1, &r) == 0 && r == 0x40000000,
		  "ONE_REG reads the MAS1 the guest wrote (0x%llx)",
		  (unsigned long long)r);
}

static void guest_view(struct guest *g)
{
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		I_MFSPR(3, SPR_USPRG0), I_STW(3, 0, 4),
		I_LIS(3, 0x7777), I_MTSPR(SPR_USPRG0, 3),	/* no trap */
		I_STW(3, 4, 4),
		I_SELF_LOOP,
	};
	u32 val;
	__u64 v;

	set_reg(g->vcpu, KVM_REG_PPC_VRSAVE, 0xabcd0123);
	guest_code(g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_set_pc(g, GUEST_CODE, 0);
	tap_check(guest_store_exit(g, GUEST_MMIO, &val) && val == 0xabcd0123,
		  "the guest reads VRSAVE set through ONE_REG (0x%x)", val);
	tap_check(guest_store_exit(g, GUEST_MMIO + 4, &val) &&
		  get_reg(g->vcpu, KVM_REG_PPC_VRSAVE, &v) == 0 && v == 0x77770000,
		  "ONE_REG reads the VRSAVE the guest wrote without trapping (0x%llx)",
		  (unsigned long long)v);
}

int main(void)
{
	struct guest g;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();
	tap_check(ioctl(g.kvm, KVM_CHECK_EXTENSION, KVM_CAP_ONE_REG) == 1,
		  "KVM_CAP_ONE_REG is advertised");
	reg_list(&g);
	round_trips(&g);
	guest_mmu_view(&g);
	config(&g);
	guest_view(&g);
	guest_destroy(&g);
	return tap_done();
}

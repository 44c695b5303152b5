// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_GET/SET_ONE_REG and KVM_GET_REG_LIST on e500v2: the list, round
 * trips of every listed register, the TSR pseudo registers, refusals,
 * and the guest's view of registers set this way (and ours of its).
 */
#include <stdlib.h>

#include "guest_asm.h"
#include "tap.h"

#define SPR_USPRG0	256

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

static const struct { __u64 id; __u64 pattern; const char *name; } regs[] = {
	{ KVM_REG_PPC_TCR, 0x00400000, "TCR" },
	{ KVM_REG_PPC_TSR, 0x04000000, "TSR" },
	{ KVM_REG_PPC_VRSAVE, 0x12345678, "VRSAVE" },
	{ KVM_REG_PPC_DAR, 0xdeadbeef, "DEAR" },
};

static void reg_list(struct guest *g)
{
	struct kvm_reg_list *list = calloc(1, sizeof(*list) + 16 * sizeof(__u64));
	unsigned int i, j, found = 0;
	int r;

	list->n = 0;
	r = ioctl(g->vcpu, KVM_GET_REG_LIST, list);
	tap_errno(r, E2BIG, "KVM_GET_REG_LIST with room for none");
	tap_check(list->n == ARRAY_LEN(regs), "it reports the count needed (%llu)",
		  (unsigned long long)list->n);
	list->n = 16;
	r = ioctl(g->vcpu, KVM_GET_REG_LIST, list);
	tap_check(r == 0, "KVM_GET_REG_LIST with room");
	for (i = 0; i < list->n; i++) {
		for (j = 0; j < ARRAY_LEN(regs); j++)
			found += list->reg[i] == regs[j].id;
		if (list->reg[i] == KVM_REG_PPC_OR_TSR ||
		    list->reg[i] == KVM_REG_PPC_CLEAR_TSR)
			found = 1000;
	}
	tap_check(found == ARRAY_LEN(regs),
		  "the list holds TCR, TSR, VRSAVE, DEAR and no write-only pseudo register");
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
	tap_errno(get_reg(g->vcpu, KVM_REG_PPC_HIOR, &v), ENOENT,
		  "GET of a Book3S-only register");
	tap_errno(set_reg(g->vcpu, (KVM_REG_PPC_TCR & ~KVM_REG_SIZE_MASK) |
			  KVM_REG_SIZE_U64, 0), ENOENT,
		  "SET of TCR with the wrong size");
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
	guest_view(&g);
	guest_destroy(&g);
	return tap_done();
}

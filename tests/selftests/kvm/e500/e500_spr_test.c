// SPDX-License-Identifier: GPL-2.0-only
/*
 * SPR round trips with guest code in C: the guest writes each SPR of the
 * table and reads it back (mtspr/mfspr, emulated), reads the user-mode
 * aliases of SPRG3/6/7 (not trapped: the backend must have loaded the real
 * registers with the guest's values), then the host checks what it sees
 * through KVM_GET_REGS/KVM_GET_SREGS, writes new values with
 * KVM_SET_REGS/KVM_SET_SREGS and the guest checks that it reads them.
 * SPRG0, SPRG1, SPRG4 and SPRG5 belong to the library's exception code.
 */
#include <stddef.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"

/* mfspr/mtspr take the SPR number as an immediate: one function each */
#define SPR_READER(name, n)	static u32 read_##name(void) { return mfspr(n); }
#define SPR_WRITER(name, n)	static void write_##name(u32 v) { mtspr(n, v); }

SPR_READER(sprg2, SPRN_SPRG2)
SPR_WRITER(sprg2, SPRN_SPRG2)
SPR_READER(sprg3, SPRN_SPRG3)
SPR_WRITER(sprg3, SPRN_SPRG3)
SPR_READER(sprg6, SPRN_SPRG6)
SPR_WRITER(sprg6, SPRN_SPRG6)
SPR_READER(sprg7, SPRN_SPRG7)
SPR_WRITER(sprg7, SPRN_SPRG7)
SPR_READER(pid, SPRN_PID)
SPR_WRITER(pid, SPRN_PID)
SPR_READER(usprg0, SPRN_USPRG0)
SPR_WRITER(usprg0, SPRN_USPRG0)
SPR_READER(csrr0, SPRN_CSRR0)
SPR_WRITER(csrr0, SPRN_CSRR0)
SPR_READER(csrr1, SPRN_CSRR1)
SPR_WRITER(csrr1, SPRN_CSRR1)
SPR_READER(mcsrr0, SPRN_MCSRR0)
SPR_WRITER(mcsrr0, SPRN_MCSRR0)
SPR_READER(mcsrr1, SPRN_MCSRR1)
SPR_WRITER(mcsrr1, SPRN_MCSRR1)
SPR_READER(decar, SPRN_DECAR)
SPR_WRITER(decar, SPRN_DECAR)
SPR_READER(dear, SPRN_DEAR)
SPR_WRITER(dear, SPRN_DEAR)
SPR_READER(esr, SPRN_ESR)
SPR_WRITER(esr, SPRN_ESR)
SPR_READER(sprg3r, SPRN_SPRG3R)
SPR_READER(sprg6r, SPRN_SPRG6R)
SPR_READER(sprg7r, SPRN_SPRG7R)

enum where { GUEST_ONLY, IN_REGS, IN_SREGS };

struct spr_case {
	const char *name;
	u32 (*read)(void);
	void (*write)(u32 v);
	u32 guest_val;		/* the guest writes this */
	u32 host_val;		/* then the host writes this */
	enum where where;	/* where the host sees the register */
	size_t offset;		/* of its field in struct kvm_regs/kvm_sregs */
	size_t size;
};

/* every kvm_regs field is 64 bits wide; sregs fields are 64 or 32 */
#define R_OFF(f)	offsetof(struct kvm_regs, f)
#define S_OFF(f)	offsetof(struct kvm_sregs, u.e.f)

/*
 * DEAR and ESR are checked inside the guest only: any guest TLB miss
 * (the ucall, say) rewrites them.
 */
static const struct spr_case cases[] = {
	{ "sprg2", read_sprg2, write_sprg2, 0x2badc0de, 0x12345678,
	  IN_REGS, R_OFF(sprg2), 8 },
	{ "sprg3", read_sprg3, write_sprg3, 0x33330000, 0x0000c0c0,
	  IN_REGS, R_OFF(sprg3), 8 },
	{ "sprg6", read_sprg6, write_sprg6, 0x66600666, 0x600d600d,
	  IN_REGS, R_OFF(sprg6), 8 },
	{ "sprg7", read_sprg7, write_sprg7, 0x77000077, 0x7f7f7f7f,
	  IN_REGS, R_OFF(sprg7), 8 },
	{ "pid", read_pid, write_pid, 0x5a, 0x3c,
	  IN_REGS, R_OFF(pid), 8 },
	{ "usprg0", read_usprg0, write_usprg0, 0x0badf00d, 0xfeedface,
	  IN_SREGS, S_OFF(vrsave), 4 },
	{ "csrr0", read_csrr0, write_csrr0, 0xc5440000, 0x00c5c500,
	  IN_SREGS, S_OFF(csrr0), 8 },
	{ "csrr1", read_csrr1, write_csrr1, 0x00021000, 0x00001000,
	  IN_SREGS, S_OFF(csrr1), 4 },
	{ "mcsrr0", read_mcsrr0, write_mcsrr0, 0x3c3c3c3c, 0x4d4d4d4c,
	  IN_SREGS, S_OFF(mcsrr0), 8 },
	{ "mcsrr1", read_mcsrr1, write_mcsrr1, 0x00029000, 0x00008000,
	  IN_SREGS, S_OFF(mcsrr1), 4 },
	{ "decar", read_decar, write_decar, 0x00123456, 0x00654321,
	  IN_SREGS, S_OFF(decar), 4 },
	{ "dear", read_dear, write_dear, 0xdeadbeef, 0, GUEST_ONLY },
	{ "esr", read_esr, write_esr, 0x00800000, 0, GUEST_ONLY },
};

/* user-mode aliases: the register they read, by its case */
static const struct {
	u32 (*read)(void);
	int of;
} aliases[] = {
	{ read_sprg3r, 1 },
	{ read_sprg6r, 2 },
	{ read_sprg7r, 3 },
};

static void guest_code(void)
{
	unsigned int i;
	u32 got;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		cases[i].write(cases[i].guest_val);
		got = cases[i].read();
		__GUEST_ASSERT(got == cases[i].guest_val,
			       "%s: wrote 0x%x, read 0x%x", cases[i].name,
			       cases[i].guest_val, got);
	}
	for (i = 0; i < ARRAY_SIZE(aliases); i++) {
		got = aliases[i].read();
		__GUEST_ASSERT(got == cases[aliases[i].of].guest_val,
			       "user alias of %s reads 0x%x, expected 0x%x",
			       cases[aliases[i].of].name, got,
			       cases[aliases[i].of].guest_val);
	}
	GUEST_SYNC(1);

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (cases[i].where == GUEST_ONLY)
			continue;
		got = cases[i].read();
		__GUEST_ASSERT(got == cases[i].host_val,
			       "%s: host wrote 0x%x, guest reads 0x%x",
			       cases[i].name, cases[i].host_val, got);
	}
	got = read_sprg6r();
	__GUEST_ASSERT(got == 0x600d600d, "SPRG6R reads 0x%x after the host's write", got);
	GUEST_DONE();
}

static void *field(const struct spr_case *c, struct kvm_regs *regs,
		   struct kvm_sregs *sregs)
{
	return (char *)(c->where == IN_REGS ? (void *)regs : (void *)sregs) + c->offset;
}

static u64 get_field(const struct spr_case *c, struct kvm_regs *regs,
		     struct kvm_sregs *sregs)
{
	void *p = field(c, regs, sregs);

	return c->size == 8 ? *(u64 *)p : *(u32 *)p;
}

static void set_field(const struct spr_case *c, struct kvm_regs *regs,
		      struct kvm_sregs *sregs, u32 v)
{
	void *p = field(c, regs, sregs);

	if (c->size == 8)
		*(u64 *)p = v;
	else
		*(u32 *)p = v;
}

static void run_expect(struct kvm_vcpu *vcpu, u64 cmd)
{
	struct ucall uc;

	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, UCALL_EXIT_REASON);
	if (get_ucall(vcpu, &uc) == UCALL_ABORT)
		REPORT_GUEST_ASSERT(uc);
	TEST_ASSERT(uc.cmd == cmd, "ucall %llu, expected %llu", uc.cmd, cmd);
}

int main(void)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	unsigned int i;

	vm = vm_create_with_one_vcpu(&vcpu, guest_code);

	run_expect(vcpu, UCALL_SYNC);
	vcpu_regs_get(vcpu, &regs);
	vcpu_sregs_get(vcpu, &sregs);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (cases[i].where == GUEST_ONLY)
			continue;
		TEST_ASSERT(get_field(&cases[i], &regs, &sregs) == cases[i].guest_val,
			    "%s: guest wrote 0x%x, the host reads 0x%llx",
			    cases[i].name, cases[i].guest_val,
			    get_field(&cases[i], &regs, &sregs));
		set_field(&cases[i], &regs, &sregs, cases[i].host_val);
	}
	sregs.u.e.update_special = 0;
	vcpu_regs_set(vcpu, &regs);
	vcpu_sregs_set(vcpu, &sregs);

	run_expect(vcpu, UCALL_DONE);
	kvm_vm_free(vm);
	return 0;
}

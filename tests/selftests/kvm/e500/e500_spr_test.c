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
#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"

/*
 * X(spr, value the guest writes, value the host writes, where the host
 * sees it: regs or sregs, field).  DEAR and ESR are only checked inside
 * the guest: any guest TLB miss rewrites them.
 */
#define SPR_TABLE(X)							\
	X(SPRN_SPRG2, 0x2badc0de, 0x12345678, regs, sprg2)		\
	X(SPRN_SPRG3, 0x33330000, 0x0000c0c0, regs, sprg3)		\
	X(SPRN_SPRG6, 0x66600666, 0x600d600d, regs, sprg6)		\
	X(SPRN_SPRG7, 0x77000077, 0x7f7f7f7f, regs, sprg7)		\
	X(SPRN_PID, 0x5a, 0x3c, regs, pid)				\
	X(SPRN_USPRG0, 0x0badf00d, 0xfeedface, sregs, u.e.vrsave)	\
	X(SPRN_CSRR0, 0xc5440000, 0x00c5c500, sregs, u.e.csrr0)	\
	X(SPRN_CSRR1, 0x00021000, 0x00001000, sregs, u.e.csrr1)	\
	X(SPRN_MCSRR0, 0x3c3c3c3c, 0x4d4d4d4c, sregs, u.e.mcsrr0)	\
	X(SPRN_MCSRR1, 0x00029000, 0x00008000, sregs, u.e.mcsrr1)	\
	X(SPRN_DECAR, 0x00123456, 0x00654321, sregs, u.e.decar)

#define GUEST_ONLY_TABLE(X)						\
	X(SPRN_DEAR, 0xdeadbeef)					\
	X(SPRN_ESR, 0x00800000)

static void guest_code(void)
{
	u32 got;

#define WRITE_READ(spr, gv, ...)					\
	do {								\
		mtspr(spr, gv);						\
		got = mfspr(spr);					\
		__GUEST_ASSERT(got == (gv), "SPR %d: wrote 0x%x, read 0x%x", \
			       spr, (u32)(gv), got);		\
	} while (0);
	SPR_TABLE(WRITE_READ)
	GUEST_ONLY_TABLE(WRITE_READ)

	/* the user-readable aliases are the real registers, not trapped */
	GUEST_ASSERT_EQ(mfspr(SPRN_SPRG3R), 0x33330000);
	GUEST_ASSERT_EQ(mfspr(SPRN_SPRG6R), 0x66600666);
	GUEST_ASSERT_EQ(mfspr(SPRN_SPRG7R), 0x77000077);
	GUEST_SYNC(1);

#define READ_HOST(spr, gv, hv, ...)					\
	do {								\
		got = mfspr(spr);					\
		__GUEST_ASSERT(got == (hv), "SPR %d: host wrote 0x%x, guest reads 0x%x", \
			       spr, (u32)(hv), got);		\
	} while (0);
	SPR_TABLE(READ_HOST)
	GUEST_ASSERT_EQ(mfspr(SPRN_SPRG6R), 0x600d600d);
	GUEST_DONE();
}

static void run_expect(struct kvm_vcpu *vcpu, u64 cmd)
{
	struct ucall uc;

	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, UCALL_EXIT_REASON);
	switch (get_ucall(vcpu, &uc)) {
	case UCALL_ABORT:
		REPORT_GUEST_ASSERT(uc);
		break;
	default:
		TEST_ASSERT(uc.cmd == cmd, "ucall %llu, expected %llu",
			    uc.cmd, cmd);
	}
}

int main(void)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;

	vm = vm_create_with_one_vcpu(&vcpu, guest_code);

	run_expect(vcpu, UCALL_SYNC);
	vcpu_regs_get(vcpu, &regs);
	vcpu_sregs_get(vcpu, &sregs);
#define CHECK_HOST(spr, gv, hv, where, field)				\
	TEST_ASSERT(where.field == (gv),				\
		    "SPR %d: guest wrote 0x%x, " #where "." #field " is 0x%llx", \
		    spr, (u32)(gv), (unsigned long long)where.field);
	SPR_TABLE(CHECK_HOST)

#define SET_HOST(spr, gv, hv, where, field)	where.field = (hv);
	SPR_TABLE(SET_HOST)
	sregs.u.e.update_special = 0;
	vcpu_regs_set(vcpu, &regs);
	vcpu_sregs_set(vcpu, &sregs);

	run_expect(vcpu, UCALL_DONE);
	kvm_vm_free(vm);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the hypercall table's dispatch (tokens, status and result
 * registers, statistics, the userspace exit and its completion) and the
 * shared page's entry/exit rules (int_pending, MAS copies, what a guest
 * store is cut to, the critical word), on a bare vCPU structure.
 */
#include <kunit/test.h>
#include <linux/kvm_host.h>
#include <asm/epapr_hcalls.h>
#include <asm/kvm_para.h>

#include "e500_gtlb.h"
#include "e500_irq.h"
#include "e500_pv.h"

static struct kvm_vcpu *fake_vcpu(struct kunit *test)
{
	struct kvm_vcpu *vcpu = kunit_kzalloc(test, sizeof(*vcpu), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, vcpu);
	vcpu->arch.shared = kunit_kzalloc(test, sizeof(*vcpu->arch.shared),
					  GFP_KERNEL);
	vcpu->run = kunit_kzalloc(test, sizeof(*vcpu->run), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, vcpu->arch.shared);
	KUNIT_ASSERT_NOT_NULL(test, vcpu->run);
	return vcpu;
}

static void set_args(struct kvm_vcpu *vcpu, u32 token)
{
	unsigned int i;

	vcpu->arch.regs.gpr[11] = token;
	for (i = 0; i < E500_HCALL_NREGS; i++)
		vcpu->arch.regs.gpr[3 + i] = 0x100 + i;
}

static void hcall_unknown(struct kunit *test)
{
	static const u32 tokens[] = {
		KVM_HCALL_TOKEN(77), _EV_HCALL_TOKEN(9, EV_IDLE),
		EV_HCALL_TOKEN(EV_MSGSND), 0xffffffff,
	};
	struct kvm_vcpu *vcpu = fake_vcpu(test);
	struct e500_pv pv = { };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tokens); i++) {
		set_args(vcpu, tokens[i]);
		KUNIT_EXPECT_EQ(test, e500_hcall(vcpu, &pv), E500_HCALL_DONE);
		KUNIT_EXPECT_EQ(test, vcpu->arch.regs.gpr[3], (ulong)EV_UNIMPLEMENTED);
		KUNIT_EXPECT_EQ(test, vcpu->arch.regs.gpr[4], 0x101ul);
		KUNIT_EXPECT_EQ(test, vcpu->arch.regs.gpr[10], 0x107ul);
	}
	/* every call is counted by the backend's exit accounting, not here */
	KUNIT_EXPECT_EQ(test, vcpu->stat.ld, 0ull);
	KUNIT_EXPECT_EQ(test, vcpu->stat.st, 4ull);
}

static void hcall_idle(struct kunit *test)
{
	struct kvm_vcpu *vcpu = fake_vcpu(test);
	struct e500_pv pv = { };

	set_args(vcpu, EV_HCALL_TOKEN(EV_IDLE));
	KUNIT_EXPECT_EQ(test, e500_hcall(vcpu, &pv), E500_HCALL_IDLE);
	KUNIT_EXPECT_EQ(test, vcpu->arch.regs.gpr[3], (ulong)EV_SUCCESS);
	KUNIT_EXPECT_EQ(test, vcpu->arch.regs.gpr[4], 0x101ul);
	KUNIT_EXPECT_EQ(test, vcpu->stat.ld, 0ull);
	KUNIT_EXPECT_EQ(test, vcpu->stat.st, 0ull);
}

static void hcall_user(struct kunit *test)
{
	struct kvm_vcpu *vcpu = fake_vcpu(test);
	u32 token = EV_HCALL_TOKEN(EV_BYTE_CHANNEL_RECEIVE);
	struct e500_pv pv = { };
	struct kvm_run *run = vcpu->run;

	/* not asked for: EV_UNIMPLEMENTED */
	set_args(vcpu, token);
	KUNIT_EXPECT_EQ(test, e500_hcall(vcpu, &pv), E500_HCALL_DONE);
	KUNIT_EXPECT_EQ(test, vcpu->arch.regs.gpr[3], (ulong)EV_UNIMPLEMENTED);

	pv.user_hcalls = true;
	set_args(vcpu, token);
	KUNIT_EXPECT_EQ(test, e500_hcall(vcpu, &pv), E500_HCALL_USER);
	KUNIT_EXPECT_EQ(test, run->exit_reason, (u32)KVM_EXIT_HYPERCALL);
	KUNIT_EXPECT_EQ(test, run->hypercall.nr, (u64)token);
	KUNIT_EXPECT_EQ(test, run->hypercall.args[0], 0x100ull);
	KUNIT_EXPECT_EQ(test, run->hypercall.args[5], 0x105ull);
	/* registers unchanged until userspace answers */
	KUNIT_EXPECT_EQ(test, vcpu->arch.regs.gpr[3], 0x100ul);
	KUNIT_EXPECT_TRUE(test, pv.hcall_pending);

	run->hypercall.ret = EV_SUCCESS;
	run->hypercall.args[1] = 3;
	run->hypercall.args[2] = 0x41424300;
	e500_hcall_complete(vcpu, &pv);
	KUNIT_EXPECT_FALSE(test, pv.hcall_pending);
	KUNIT_EXPECT_EQ(test, vcpu->arch.regs.gpr[3], 0ul);
	KUNIT_EXPECT_EQ(test, vcpu->arch.regs.gpr[4], 3ul);
	KUNIT_EXPECT_EQ(test, vcpu->arch.regs.gpr[5], 0x41424300ul);
	KUNIT_EXPECT_EQ(test, vcpu->arch.regs.gpr[6], 0x103ul);
	/* a second completion changes nothing */
	run->hypercall.ret = 7;
	e500_hcall_complete(vcpu, &pv);
	KUNIT_EXPECT_EQ(test, vcpu->arch.regs.gpr[3], 0ul);
}

static void page_entry_exit(struct kunit *test)
{
	struct kvm_vcpu *vcpu = fake_vcpu(test);
	struct kvm_vcpu_arch_shared *sh = vcpu->arch.shared;
	struct e500_pv pv = { .mapped = true,
			      .features = KVM_MAGIC_FEAT_MAS0_TO_SPRG7 };
	struct e500_gtlb t = { .mas0 = 0x10000000, .mas1 = 0x80000100,
			       .mas2 = 0x5000, .mas4 = 4, .mas6 = 6,
			       .mas7_3 = 0x3000000015ull };

	vcpu->vcpu_id = 2;
	e500_pv_before_entry(vcpu, &pv, &t);
	KUNIT_EXPECT_EQ(test, sh->int_pending, 0u);
	KUNIT_EXPECT_EQ(test, sh->mas1, 0x80000100u);
	KUNIT_EXPECT_EQ(test, sh->mas7_3, 0x3000000015ull);
	KUNIT_EXPECT_EQ(test, sh->mas6, 6u);

	set_bit(E500_PENDING_EXTERNAL, &vcpu->arch.pending_exceptions);
	e500_pv_before_entry(vcpu, &pv, &t);
	KUNIT_EXPECT_EQ(test, sh->int_pending, 1u);

	/* guest stores: MAS through the page, junk the registers cannot hold */
	sh->mas2 = 0xffffffff00006000ull;
	sh->mas7_3 = 0xff00000000000020ull;
	sh->mas4 = 0x44;
	sh->srr0 = 0x1234567800001000ull;
	sh->sprg7 = 0xffffffff00000007ull;
	sh->msr = 0xffffffff80008000ull;
	sh->pir = 9;
	e500_pv_after_exit(vcpu, &pv, &t, MSR_EE);
	KUNIT_EXPECT_EQ(test, t.mas2, 0x6000u);
	KUNIT_EXPECT_EQ(test, t.mas7_3, 0x20ull);
	KUNIT_EXPECT_EQ(test, t.mas4, 0x44u);
	KUNIT_EXPECT_EQ(test, sh->srr0, 0x1000ull);
	KUNIT_EXPECT_EQ(test, sh->sprg7, 7ull);
	KUNIT_EXPECT_EQ(test, sh->msr, (u64)MSR_EE);
	KUNIT_EXPECT_EQ(test, sh->pir, 2u);

	/* not mapped: nothing is copied either way */
	pv.mapped = false;
	sh->mas4 = 0x99;
	e500_pv_after_exit(vcpu, &pv, &t, MSR_EE);
	KUNIT_EXPECT_EQ(test, t.mas4, 0x44u);
	t.mas6 = 0x66;
	e500_pv_before_entry(vcpu, &pv, &t);
	KUNIT_EXPECT_EQ(test, sh->mas6, 6u);
}

static void page_critical(struct kunit *test)
{
	struct kvm_vcpu *vcpu = fake_vcpu(test);
	struct kvm_vcpu_arch_shared *sh = vcpu->arch.shared;
	struct e500_pv pv = { .mapped = true };

	vcpu->arch.regs.gpr[1] = 0x7ff0;
	sh->critical = 0x7ff0;
	KUNIT_EXPECT_TRUE(test, e500_pv_critical(vcpu, &pv));
	/* only the low word counts */
	sh->critical = 0xabcd000000007ff0ull;
	KUNIT_EXPECT_TRUE(test, e500_pv_critical(vcpu, &pv));
	sh->msr = MSR_PR;
	KUNIT_EXPECT_FALSE(test, e500_pv_critical(vcpu, &pv));
	sh->msr = 0;
	sh->critical = 0x7ff4;
	KUNIT_EXPECT_FALSE(test, e500_pv_critical(vcpu, &pv));
	/* critical = r1 = 0 is no section */
	sh->critical = 0;
	vcpu->arch.regs.gpr[1] = 0;
	KUNIT_EXPECT_FALSE(test, e500_pv_critical(vcpu, &pv));
	/* nor is anything before the page is mapped */
	sh->critical = 0x10;
	vcpu->arch.regs.gpr[1] = 0x10;
	pv.mapped = false;
	KUNIT_EXPECT_FALSE(test, e500_pv_critical(vcpu, &pv));
}

static struct kunit_case pv_cases[] = {
	KUNIT_CASE(hcall_unknown),
	KUNIT_CASE(hcall_idle),
	KUNIT_CASE(hcall_user),
	KUNIT_CASE(page_entry_exit),
	KUNIT_CASE(page_critical),
	{}
};

static struct kunit_suite pv_suite = {
	.name = "kvm_e500_pv",
	.test_cases = pv_cases,
};

kunit_test_suite(pv_suite);

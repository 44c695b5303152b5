// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: delivery of a machine check into an e500v2 guest (what the
 * backend does with a host machine check taken in the guest window):
 * MCSRR0/MCSRR1, MSR, the vector, MCSR accumulating, and the checkstop
 * when the guest's MSR[ME] is 0.  A host machine check cannot be raised
 * under QEMU, so the vCPU here is a bare structure.
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "../../e500v2/e500v2.h"

static struct e500v2_vcpu *fake_vcpu(struct kunit *test, u32 msr)
{
	struct e500v2_vcpu *v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, v);
	v->vcpu.arch.shared = kunit_kzalloc(test, sizeof(*v->vcpu.arch.shared),
					    GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, v->vcpu.arch.shared);
	v->vcpu.arch.shared->msr = msr;
	v->vcpu.arch.shared->srr0 = 0x5550;
	v->vcpu.arch.csrr0 = 0x6660;
	v->vcpu.arch.regs.nip = 0x1234;
	v->vcpu.arch.ivpr = 0x00100000;
	v->vcpu.arch.ivor[1] = 0x0200;
	v->impl.mcsr = 0x00000100;
	return v;
}

static void mcheck_taken(struct kunit *test)
{
	u32 msr = MSR_ME | MSR_EE | MSR_PR | MSR_DE | MSR_CE | MSR_IS | MSR_DS;
	struct e500v2_vcpu *v = fake_vcpu(test, msr);

	KUNIT_EXPECT_TRUE(test, e500v2_machine_check(v, 0x80000000));
	KUNIT_EXPECT_EQ(test, v->vcpu.arch.mcsrr0, 0x1234ul);
	KUNIT_EXPECT_EQ(test, v->vcpu.arch.mcsrr1, (ulong)msr);
	/* a machine check clears every MSR bit, ME included */
	KUNIT_EXPECT_EQ(test, v->vcpu.arch.shared->msr, 0ull);
	KUNIT_EXPECT_EQ(test, v->vcpu.arch.regs.nip, 0x00100200ul);
	/* MCSR keeps the bits the guest has not cleared yet */
	KUNIT_EXPECT_EQ(test, v->impl.mcsr, 0x80000100u);
	/* the other save/restore registers are not touched */
	KUNIT_EXPECT_EQ(test, v->vcpu.arch.shared->srr0, 0x5550ull);
	KUNIT_EXPECT_EQ(test, v->vcpu.arch.csrr0, 0x6660ul);
}

static void mcheck_checkstop(struct kunit *test)
{
	struct e500v2_vcpu *v = fake_vcpu(test, MSR_EE | MSR_PR | MSR_DE);

	KUNIT_EXPECT_FALSE(test, e500v2_machine_check(v, 0x80000000));
	KUNIT_EXPECT_EQ(test, v->vcpu.arch.regs.nip, 0x1234ul);
	KUNIT_EXPECT_EQ(test, v->vcpu.arch.mcsrr0, 0ul);
	KUNIT_EXPECT_EQ(test, v->vcpu.arch.shared->msr,
			(u64)(MSR_EE | MSR_PR | MSR_DE));
	KUNIT_EXPECT_EQ(test, v->impl.mcsr, 0x00000100u);
}

static struct kunit_case mcheck_cases[] = {
	KUNIT_CASE(mcheck_taken),
	KUNIT_CASE(mcheck_checkstop),
	{}
};

static struct kunit_suite mcheck_suite = {
	.name = "kvm_e500v2_mcheck",
	.test_cases = mcheck_cases,
};

kunit_test_suite(mcheck_suite);

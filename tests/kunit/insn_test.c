// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: instruction field decode.  The instruction words are encoded
 * by hand from the Power ISA field layout, so a mistake in a decoder
 * shows up against an independent source.
 */
#include <kunit/test.h>

#include "e500_insn.h"

/* mfspr r3, SPRN_PVR (287): 0x7c7f42a6 */
static void insn_mfspr_pvr(struct kunit *test)
{
	u32 insn = 0x7c7f42a6;

	KUNIT_EXPECT_EQ(test, e500_insn_opcd(insn), 31u);
	KUNIT_EXPECT_EQ(test, e500_insn_xo(insn), 339u);
	KUNIT_EXPECT_EQ(test, e500_insn_rt(insn), 3u);
	KUNIT_EXPECT_EQ(test, e500_insn_sprn(insn), 287u);
	KUNIT_EXPECT_FALSE(test, e500_insn_rc(insn));
}

/* mtspr SPRN_IVOR15 (415), r9: 0x7d3f63a6 */
static void insn_mtspr_ivor15(struct kunit *test)
{
	u32 insn = 0x7d3f63a6;

	KUNIT_EXPECT_EQ(test, e500_insn_opcd(insn), 31u);
	KUNIT_EXPECT_EQ(test, e500_insn_xo(insn), 467u);
	KUNIT_EXPECT_EQ(test, e500_insn_rt(insn), 9u);
	KUNIT_EXPECT_EQ(test, e500_insn_sprn(insn), 415u);
}

/* The SPR field encoder and decoder invert each other for all 1024. */
static void insn_sprn_roundtrip(struct kunit *test)
{
	unsigned int sprn;

	for (sprn = 0; sprn < 1024; sprn++) {
		u32 insn = (31u << 26) | (339u << 1) | e500_insn_sprn_field(sprn);

		KUNIT_ASSERT_EQ(test, e500_insn_sprn(insn), sprn);
	}
}

/* lwz r5, -8(r1): 0x80a1fff8 */
static void insn_dform_negative(struct kunit *test)
{
	u32 insn = 0x80a1fff8;

	KUNIT_EXPECT_EQ(test, e500_insn_opcd(insn), 32u);
	KUNIT_EXPECT_EQ(test, e500_insn_rt(insn), 5u);
	KUNIT_EXPECT_EQ(test, e500_insn_ra(insn), 1u);
	KUNIT_EXPECT_EQ(test, e500_insn_d(insn), -8);
}

/* stwx r4, r5, r6 with Rc set (not a valid form, fields still decode) */
static void insn_xform_fields(struct kunit *test)
{
	u32 insn = (31u << 26) | (4u << 21) | (5u << 16) | (6u << 11) |
		   (151u << 1) | 1u;

	KUNIT_EXPECT_EQ(test, e500_insn_xo(insn), 151u);
	KUNIT_EXPECT_EQ(test, e500_insn_rt(insn), 4u);
	KUNIT_EXPECT_EQ(test, e500_insn_ra(insn), 5u);
	KUNIT_EXPECT_EQ(test, e500_insn_rb(insn), 6u);
	KUNIT_EXPECT_TRUE(test, e500_insn_rc(insn));
}

static struct kunit_case insn_cases[] = {
	KUNIT_CASE(insn_mfspr_pvr),
	KUNIT_CASE(insn_mtspr_ivor15),
	KUNIT_CASE(insn_sprn_roundtrip),
	KUNIT_CASE(insn_dform_negative),
	KUNIT_CASE(insn_xform_fields),
	{}
};

static struct kunit_suite insn_suite = {
	.name = "kvm_e500_insn",
	.test_cases = insn_cases,
};

kunit_test_suite(insn_suite);

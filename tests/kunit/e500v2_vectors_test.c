// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the e500v2 guest vector area plan.  Host IVOR values below are
 * those of our e500v2 host kernel (interrupt_base at 0x420); the other
 * cases are made up to hit the error paths.
 */
#include <kunit/test.h>

#include "e500_insn.h"
#include "../../e500v2/vectors.h"

static const u32 host_ivors[E500V2_NR_IVORS] = {
	[0] = 0x420, [1] = 0x5e0, [2] = 0x7c0, [3] = 0x940, [4] = 0xaa0,
	[5] = 0xc00, [6] = 0xda0, [7] = 0xf40, [8] = 0x10a0, [9] = 0x10e0,
	[10] = 0x1240, [11] = 0x13a0, [12] = 0x1500, [13] = 0x16c0,
	[14] = 0x17a0, [15] = 0x2420, [32] = 0x18a0, [33] = 0x1a00,
	[34] = 0x1b60, [35] = 0x1d40,
};

static bool overlaps(u32 a, u32 alen, u32 b, u32 blen)
{
	return a < b + blen && b < a + alen;
}

static void vectors_host_layout(struct kunit *test)
{
	struct e500v2_layout lay;
	unsigned int i, j;

	KUNIT_ASSERT_EQ(test, e500v2_plan_layout(host_ivors, 0x300, &lay), 0);
	for (i = 0; i < E500V2_NR_IVORS; i++) {
		if (e500v2_vec_class(i) == E500V2_VEC_NONE) {
			KUNIT_EXPECT_EQ(test, lay.stub_len[i], 0u);
			continue;
		}
		KUNIT_EXPECT_EQ(test, lay.stub_off[i], host_ivors[i]);
		KUNIT_EXPECT_LE(test, lay.stub_len[i], (u32)E500V2_STUB_MAX);
		KUNIT_EXPECT_FALSE(test, overlaps(lay.stub_off[i], lay.stub_len[i],
						  lay.block_off, 0x300));
		for (j = i + 1; j < E500V2_NR_IVORS; j++) {
			bool clash = overlaps(lay.stub_off[i], lay.stub_len[i],
					      lay.stub_off[j], lay.stub_len[j]);

			KUNIT_EXPECT_FALSE(test, lay.stub_len[j] && clash);
		}
	}
	KUNIT_EXPECT_LE(test, lay.block_off + 0x300, (u32)E500V2_AREA_SIZE);
}

/* a critical-class stub (9 words) cannot sit 0x20 below another vector */
static void vectors_too_close(struct kunit *test)
{
	u32 ivor[E500V2_NR_IVORS];
	struct e500v2_layout lay;

	memcpy(ivor, host_ivors, sizeof(ivor));
	ivor[1] = ivor[0] + 0x20;
	KUNIT_EXPECT_EQ(test, e500v2_plan_layout(ivor, 0x100, &lay), -ENOSPC);
}

static void vectors_block_too_big(struct kunit *test)
{
	struct e500v2_layout lay;

	KUNIT_EXPECT_EQ(test, e500v2_plan_layout(host_ivors, 0x10000, &lay),
			-ENOSPC);
}

/* IVOR bits outside the offset field are ignored, as by hardware */
static void vectors_ivor_mask(struct kunit *test)
{
	u32 ivor[E500V2_NR_IVORS];
	struct e500v2_layout lay;

	memcpy(ivor, host_ivors, sizeof(ivor));
	ivor[4] |= 0xffff000f;
	KUNIT_ASSERT_EQ(test, e500v2_plan_layout(ivor, 0x100, &lay), 0);
	KUNIT_EXPECT_EQ(test, lay.stub_off[4], host_ivors[4]);
}

static void vectors_stub_words(struct kunit *test)
{
	u32 buf[E500V2_STUB_MAX / 4];
	unsigned int n;
	u32 b;

	/* base class: 5 words, exit number in "li r5, n", branch to exit */
	n = e500v2_gen_stub(8, 0x10a0, 0x4000, buf);
	KUNIT_ASSERT_EQ(test, n, 5u);
	KUNIT_EXPECT_EQ(test, buf[0], e500_enc_mtspr(SPRN_SPRG0, 4));
	KUNIT_EXPECT_EQ(test, buf[3], e500_enc_li(5, 8));
	b = buf[4];
	KUNIT_EXPECT_EQ(test, e500_insn_opcd(b), 18u);
	/* the branch sits at 0x10a0 + 16 and must land on 0x4000 */
	KUNIT_EXPECT_EQ(test, (u32)(0x10a0 + 16 + (b & 0x03fffffc)), 0x4000u);

	/* critical class copies CSRR0/1 first: 9 words */
	n = e500v2_gen_stub(0, 0x420, 0x4000, buf);
	KUNIT_EXPECT_EQ(test, n, 9u);
	KUNIT_EXPECT_EQ(test, buf[1], e500_enc_mfspr(4, SPRN_CSRR0));

	/* a backward branch encodes a negative displacement */
	n = e500v2_gen_stub(13, 0x16c0, 0x400, buf);
	b = buf[n - 1];
	KUNIT_EXPECT_EQ(test, (u32)(0x16c0 + (n - 1) * 4 +
				    sign_extend32(b & 0x03fffffc, 25)), 0x400u);
}

static struct kunit_case vectors_cases[] = {
	KUNIT_CASE(vectors_host_layout),
	KUNIT_CASE(vectors_too_close),
	KUNIT_CASE(vectors_block_too_big),
	KUNIT_CASE(vectors_ivor_mask),
	KUNIT_CASE(vectors_stub_words),
	{}
};

static struct kunit_suite vectors_suite = {
	.name = "kvm_e500v2_vectors",
	.test_cases = vectors_cases,
};

kunit_test_suite(vectors_suite);
MODULE_DESCRIPTION("KUnit tests for the kvm-e500v2 vector area");
MODULE_LICENSE("GPL");

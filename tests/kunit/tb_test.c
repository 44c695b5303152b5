// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the e500 FIT/watchdog time-base arithmetic (e500_tb.h).  TCR
 * values are built by hand from the field layout (WP at bits 30-31,
 * WPEXT 17-20, FP 24-25, FPEXT 13-16, counted from the LSB), and the
 * watchdog ones checked against the "period N selects TB bit N from
 * the MSB" rule the Linux booke watchdog driver relies on.
 */
#include <kunit/test.h>

#include "e500_tb.h"

/* TCR with the 6-bit watchdog period @p: low 2 bits in WP, high in WPEXT */
static u32 tcr_wp(unsigned int p)
{
	return ((p & 3) << 30) | ((p >> 2) << 17);
}

static u32 tcr_fp(unsigned int p)
{
	return ((p & 3) << 24) | ((p >> 2) << 13);
}

static void tb_period_fields(struct kunit *test)
{
	unsigned int p;

	/* all zero: the MSB, which never changes in practice */
	KUNIT_EXPECT_EQ(test, e500_tcr_fit_bit(0), 63u);
	KUNIT_EXPECT_EQ(test, e500_tcr_wdt_bit(0), 63u);
	for (p = 0; p < 64; p++) {
		KUNIT_EXPECT_EQ(test, e500_tcr_wdt_bit(tcr_wp(p)), 63u - p);
		KUNIT_EXPECT_EQ(test, e500_tcr_fit_bit(tcr_fp(p)), 63u - p);
		/* the two fields do not see each other */
		KUNIT_EXPECT_EQ(test, e500_tcr_fit_bit(tcr_wp(p)), 63u);
		KUNIT_EXPECT_EQ(test, e500_tcr_wdt_bit(tcr_fp(p)), 63u);
	}
	/* other TCR bits (WRC, WIE, DIE, FIE, ARE) change nothing */
	KUNIT_EXPECT_EQ(test, e500_tcr_wdt_bit(0x3fc00000 | tcr_wp(45)), 18u);
	KUNIT_EXPECT_EQ(test, e500_tcr_fit_bit(0xfcc00000 | tcr_fp(45)), 18u);
}

static void tb_next_rise(struct kunit *test)
{
	/* bit 0 rises at every odd value */
	KUNIT_EXPECT_EQ(test, e500_tb_next_rise(0, 0), 1ull);
	KUNIT_EXPECT_EQ(test, e500_tb_next_rise(1, 0), 3ull);
	KUNIT_EXPECT_EQ(test, e500_tb_next_rise(2, 0), 3ull);
	/* bit 3: 8, 24, 40, ... */
	KUNIT_EXPECT_EQ(test, e500_tb_next_rise(0, 3), 8ull);
	KUNIT_EXPECT_EQ(test, e500_tb_next_rise(7, 3), 8ull);
	KUNIT_EXPECT_EQ(test, e500_tb_next_rise(8, 3), 24ull);
	KUNIT_EXPECT_EQ(test, e500_tb_next_rise(23, 3), 24ull);
	KUNIT_EXPECT_EQ(test, e500_tb_next_rise(24, 3), 40ull);
	/* a large time base */
	KUNIT_EXPECT_EQ(test, e500_tb_next_rise(0x123456789abcull, 16),
			0x12345679 * 0x10000ull);
}

static void tb_rose(struct kunit *test)
{
	/* bit 3 rises at 8 and 24 */
	KUNIT_EXPECT_TRUE(test, e500_tb_rose(8, 8, 3));
	KUNIT_EXPECT_TRUE(test, e500_tb_rose(1, 9, 3));
	KUNIT_EXPECT_FALSE(test, e500_tb_rose(9, 23, 3));
	KUNIT_EXPECT_TRUE(test, e500_tb_rose(9, 24, 3));
	KUNIT_EXPECT_FALSE(test, e500_tb_rose(25, 24, 3));
	/* "never armed" (U64_MAX) and 0 account for nothing */
	KUNIT_EXPECT_FALSE(test, e500_tb_rose(U64_MAX, 100, 3));
	KUNIT_EXPECT_FALSE(test, e500_tb_rose(0, 100, 3));
}

static struct kunit_case tb_cases[] = {
	KUNIT_CASE(tb_period_fields),
	KUNIT_CASE(tb_next_rise),
	KUNIT_CASE(tb_rose),
	{}
};

static struct kunit_suite tb_suite = {
	.name = "kvm_e500_tb",
	.test_cases = tb_cases,
};

kunit_test_suite(tb_suite);

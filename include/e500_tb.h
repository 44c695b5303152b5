/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time-base arithmetic of the e500 timers, pure so KUnit can check it:
 * which TB bit the FIT and watchdog period fields of TCR select, and
 * when that bit next goes from 0 to 1 (the event both timers count).
 * Bits are numbered from the LSB here (0 = LSB), the manuals' TCR
 * fields from the MSB.
 */
#ifndef KVM_E500_TB_H
#define KVM_E500_TB_H

#include <linux/types.h>

/* e500 TCR period extensions (FIT and watchdog), above FP and WP */
#define E500_TCR_WP_MASK	0xc0000000
#define E500_TCR_WPEXT_MASK	0x001e0000
#define E500_TCR_FP_MASK	0x03000000
#define E500_TCR_FPEXT_MASK	0x0001e000

/* TCR[FPEXT] || TCR[FP] is a TB bit number counted from the MSB */
static inline unsigned int e500_tcr_fit_bit(u32 tcr)
{
	u32 sel = ((tcr & E500_TCR_FP_MASK) >> 24) |
		  (((tcr & E500_TCR_FPEXT_MASK) >> 13) << 2);

	return 63 - sel;
}

/* TCR[WPEXT] || TCR[WP], the same for the watchdog */
static inline unsigned int e500_tcr_wdt_bit(u32 tcr)
{
	u32 sel = ((tcr & E500_TCR_WP_MASK) >> 30) |
		  (((tcr & E500_TCR_WPEXT_MASK) >> 17) << 2);

	return 63 - sel;
}

/* the first TB value after @now at which bit @bit goes from 0 to 1 */
static inline u64 e500_tb_next_rise(u64 now, unsigned int bit)
{
	u64 period = 2ull << bit;
	u64 t = (now & ~(period - 1)) + (period >> 1);

	return t > now ? t : t + period;
}

/* did bit @bit go from 0 to 1 at a TB value in [@from, @now]? */
static inline bool e500_tb_rose(u64 from, u64 now, unsigned int bit)
{
	return from && from <= now && e500_tb_next_rise(from - 1, bit) <= now;
}

#endif /* KVM_E500_TB_H */

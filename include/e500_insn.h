/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Field extraction for 32-bit Power ISA instruction words, as the
 * emulator sees them.  Bit numbers in comments are the ISA's (bit 0 is
 * the most significant).
 */
#ifndef KVM_E500_INSN_H
#define KVM_E500_INSN_H

#include <linux/types.h>

/* primary opcode, bits 0:5 */
static inline unsigned int e500_insn_opcd(u32 insn)
{
	return insn >> 26;
}

/* extended opcode of X/XFX/XL forms, bits 21:30 */
static inline unsigned int e500_insn_xo(u32 insn)
{
	return (insn >> 1) & 0x3ff;
}

/* RT/RS, bits 6:10 */
static inline unsigned int e500_insn_rt(u32 insn)
{
	return (insn >> 21) & 0x1f;
}

/* RA, bits 11:15 */
static inline unsigned int e500_insn_ra(u32 insn)
{
	return (insn >> 16) & 0x1f;
}

/* RB, bits 16:20 */
static inline unsigned int e500_insn_rb(u32 insn)
{
	return (insn >> 11) & 0x1f;
}

/* Rc / LK, bit 31 */
static inline bool e500_insn_rc(u32 insn)
{
	return insn & 1;
}

/* D field of D-form loads and stores, bits 16:31, sign-extended */
static inline s32 e500_insn_d(u32 insn)
{
	return (s16)(insn & 0xffff);
}

/*
 * SPR number of mfspr/mtspr.  The instruction holds it in bits 11:20
 * with its two 5-bit halves swapped: the low half of the number comes
 * first.
 */
static inline unsigned int e500_insn_sprn(u32 insn)
{
	unsigned int field = (insn >> 11) & 0x3ff;

	return ((field & 0x1f) << 5) | (field >> 5);
}

/* The inverse, for building instruction words (tests, patching). */
static inline u32 e500_insn_sprn_field(unsigned int sprn)
{
	return (((sprn & 0x1f) << 5) | ((sprn >> 5) & 0x1f)) << 11;
}

#endif /* KVM_E500_INSN_H */

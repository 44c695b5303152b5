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

/*
 * Encoders, for code the backend generates at run time (exception
 * vector stubs) and for tests.
 */
#define E500_OP_ADDI	14
#define E500_OP_B	18
#define E500_OP_X	31
#define E500_OP_STW	36
#define E500_XO_MFSPR	339
#define E500_XO_MTSPR	467

static inline u32 e500_enc_mfspr(unsigned int rt, unsigned int sprn)
{
	return (E500_OP_X << 26) | (rt << 21) | e500_insn_sprn_field(sprn) |
	       (E500_XO_MFSPR << 1);
}

static inline u32 e500_enc_mtspr(unsigned int sprn, unsigned int rs)
{
	return (E500_OP_X << 26) | (rs << 21) | e500_insn_sprn_field(sprn) |
	       (E500_XO_MTSPR << 1);
}

/* li rt, imm (addi rt, 0, imm) */
static inline u32 e500_enc_li(unsigned int rt, s16 imm)
{
	return (E500_OP_ADDI << 26) | (rt << 21) | (u16)imm;
}

/* stw rs, d(ra) */
static inline u32 e500_enc_stw(unsigned int rs, s16 d, unsigned int ra)
{
	return (E500_OP_STW << 26) | (rs << 21) | (ra << 16) | (u16)d;
}

/* b to a target @offset bytes away: offset must be a multiple of 4 */
static inline bool e500_branch_reaches(long offset)
{
	return offset >= -0x2000000 && offset < 0x2000000 && !(offset & 3);
}

static inline u32 e500_enc_b(long offset)
{
	return (E500_OP_B << 26) | ((u32)offset & 0x03fffffc);
}

#endif /* KVM_E500_INSN_H */

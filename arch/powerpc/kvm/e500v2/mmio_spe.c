// SPDX-License-Identifier: GPL-2.0-only
/*
 * SPE loads and stores (evld*, evst*, evl*splat) to MMIO: what each
 * form moves between a 64-bit register and memory.  The doubleword
 * forms are one 8-byte access; the others 4 or 2 bytes.  Byte order is
 * the guest's: big-endian, element 0 (the upper word) first.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/unaligned.h>

#include "e500_insn.h"
#include "e500v2.h"

static u64 pair(u32 hi, u32 lo)
{
	return (u64)hi << 32 | lo;
}

static u64 ld_dword(const u8 *p)
{
	return get_unaligned_be64(p);
}

static u64 ld_half_even_splat(const u8 *p)
{
	u32 w = (u32)get_unaligned_be16(p) << 16;

	return pair(w, w);
}

static u64 ld_half_odd_splat(const u8 *p)
{
	u32 w = get_unaligned_be16(p);

	return pair(w, w);
}

static u64 ld_half_signed_splat(const u8 *p)
{
	u32 w = (s16)get_unaligned_be16(p);

	return pair(w, w);
}

static u64 ld_halves_even(const u8 *p)
{
	return pair((u32)get_unaligned_be16(p) << 16,
		    (u32)get_unaligned_be16(p + 2) << 16);
}

static u64 ld_halves_odd(const u8 *p)
{
	return pair(get_unaligned_be16(p), get_unaligned_be16(p + 2));
}

static u64 ld_halves_signed(const u8 *p)
{
	return pair((s16)get_unaligned_be16(p), (s16)get_unaligned_be16(p + 2));
}

static u64 ld_word_splat(const u8 *p)
{
	u32 w = get_unaligned_be32(p);

	return pair(w, w);
}

static u64 ld_halves_splat(const u8 *p)
{
	u32 h0 = get_unaligned_be16(p), h1 = get_unaligned_be16(p + 2);

	return pair(h0 << 16 | h0, h1 << 16 | h1);
}

static void st_dword(u64 rs, u8 *p)
{
	put_unaligned_be64(rs, p);
}

static void st_halves_even(u64 rs, u8 *p)
{
	put_unaligned_be16(rs >> 48, p);
	put_unaligned_be16(rs >> 16, p + 2);
}

static void st_halves_odd(u64 rs, u8 *p)
{
	put_unaligned_be16(rs >> 32, p);
	put_unaligned_be16(rs, p + 2);
}

static void st_word_even(u64 rs, u8 *p)
{
	put_unaligned_be32(rs >> 32, p);
}

static void st_word_odd(u64 rs, u8 *p)
{
	put_unaligned_be32(rs, p);
}

/* keyed by the low 11 bits with bit 0 (immediate-offset form) clear */
static const struct e500v2_spe_form spe_forms[] = {
	{ 0x300, 8, ld_dword, NULL },			/* evldd(x) */
	{ 0x302, 8, ld_dword, NULL },			/* evldw(x) */
	{ 0x304, 8, ld_dword, NULL },			/* evldh(x) */
	{ 0x308, 2, ld_half_even_splat, NULL },		/* evlhhesplat(x) */
	{ 0x30c, 2, ld_half_odd_splat, NULL },		/* evlhhousplat(x) */
	{ 0x30e, 2, ld_half_signed_splat, NULL },	/* evlhhossplat(x) */
	{ 0x310, 4, ld_halves_even, NULL },		/* evlwhe(x) */
	{ 0x314, 4, ld_halves_odd, NULL },		/* evlwhou(x) */
	{ 0x316, 4, ld_halves_signed, NULL },		/* evlwhos(x) */
	{ 0x318, 4, ld_word_splat, NULL },		/* evlwwsplat(x) */
	{ 0x31c, 4, ld_halves_splat, NULL },		/* evlwhsplat(x) */
	{ 0x320, 8, NULL, st_dword },			/* evstdd(x) */
	{ 0x322, 8, NULL, st_dword },			/* evstdw(x) */
	{ 0x324, 8, NULL, st_dword },			/* evstdh(x) */
	{ 0x330, 4, NULL, st_halves_even },		/* evstwhe(x) */
	{ 0x334, 4, NULL, st_halves_odd },		/* evstwho(x) */
	{ 0x338, 4, NULL, st_word_even },		/* evstwwe(x) */
	{ 0x33c, 4, NULL, st_word_odd },		/* evstwwo(x) */
};

/* the form of an SPE (primary opcode 4) load or store; NULL if not one */
const struct e500v2_spe_form *e500v2_spe_mmio_decode(u32 insn)
{
	unsigned int xo = insn & 0x7fe, i;

	if (e500_insn_opcd(insn) != 4)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(spe_forms); i++)
		if (spe_forms[i].xo == xo)
			return &spe_forms[i];
	return NULL;
}
EXPORT_SYMBOL_GPL(e500v2_spe_mmio_decode);	/* for KUnit */

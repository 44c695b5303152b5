// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the SPE load/store forms e500v2 emulates against MMIO: decode
 * of both the indexed and the immediate-offset encodings, access sizes,
 * and what each form moves between a 64-bit register and memory.
 */
#include <kunit/test.h>

#include "../../e500v2/e500v2.h"

struct spe_case {
	const char *name;
	u16 xo;			/* indexed form; +1 is the immediate form */
	u8 len;
	u64 reg;		/* load: result; store: source */
	u8 mem[8];		/* load: source; store: result (len bytes) */
};

static const u8 src[8] = { 0x80, 0x01, 0x7f, 0xff, 0x12, 0x34, 0x56, 0x78 };

static const struct spe_case loads[] = {
	{ "evlddx", 0x300, 8, 0x80017fff12345678ull },
	{ "evldwx", 0x302, 8, 0x80017fff12345678ull },
	{ "evldhx", 0x304, 8, 0x80017fff12345678ull },
	{ "evlhhesplatx", 0x308, 2, 0x8001000080010000ull },
	{ "evlhhousplatx", 0x30c, 2, 0x0000800100008001ull },
	{ "evlhhossplatx", 0x30e, 2, 0xffff8001ffff8001ull },
	{ "evlwhex", 0x310, 4, 0x800100007fff0000ull },
	{ "evlwhoux", 0x314, 4, 0x0000800100007fffull },
	{ "evlwhosx", 0x316, 4, 0xffff800100007fffull },
	{ "evlwwsplatx", 0x318, 4, 0x80017fff80017fffull },
	{ "evlwhsplatx", 0x31c, 4, 0x800180017fff7fffull },
};

static const struct spe_case stores[] = {
	{ "evstddx", 0x320, 8, 0, { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 } },
	{ "evstdwx", 0x322, 8, 0, { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 } },
	{ "evstdhx", 0x324, 8, 0, { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 } },
	{ "evstwhex", 0x330, 4, 0, { 0x11, 0x22, 0x55, 0x66 } },
	{ "evstwhox", 0x334, 4, 0, { 0x33, 0x44, 0x77, 0x88 } },
	{ "evstwwex", 0x338, 4, 0, { 0x11, 0x22, 0x33, 0x44 } },
	{ "evstwwox", 0x33c, 4, 0, { 0x55, 0x66, 0x77, 0x88 } },
};

static u32 spe_insn(u16 xo)
{
	return 4u << 26 | 6u << 21 | 4u << 16 | 1u << 11 | xo;
}

static void spe_mmio_loads(struct kunit *test)
{
	const struct e500v2_spe_form *f, *imm;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(loads); i++) {
		f = e500v2_spe_mmio_decode(spe_insn(loads[i].xo));
		imm = e500v2_spe_mmio_decode(spe_insn(loads[i].xo + 1));
		KUNIT_ASSERT_NOT_NULL_MSG(test, f, "%s", loads[i].name);
		KUNIT_EXPECT_PTR_EQ_MSG(test, f, imm, "%s", loads[i].name);
		KUNIT_EXPECT_EQ_MSG(test, f->len, loads[i].len, "%s", loads[i].name);
		KUNIT_ASSERT_NOT_NULL_MSG(test, f->load, "%s", loads[i].name);
		KUNIT_EXPECT_NULL_MSG(test, f->store, "%s", loads[i].name);
		KUNIT_EXPECT_EQ_MSG(test, f->load(src), loads[i].reg, "%s",
				    loads[i].name);
	}
}

static void spe_mmio_stores(struct kunit *test)
{
	const struct e500v2_spe_form *f;
	unsigned int i;
	u8 mem[8];

	for (i = 0; i < ARRAY_SIZE(stores); i++) {
		f = e500v2_spe_mmio_decode(spe_insn(stores[i].xo + 1));
		KUNIT_ASSERT_NOT_NULL_MSG(test, f, "%s", stores[i].name);
		KUNIT_EXPECT_EQ_MSG(test, f->len, stores[i].len, "%s", stores[i].name);
		KUNIT_ASSERT_NOT_NULL_MSG(test, f->store, "%s", stores[i].name);
		memset(mem, 0, sizeof(mem));
		f->store(0x1122334455667788ull, mem);
		KUNIT_EXPECT_MEMEQ_MSG(test, mem, stores[i].mem, f->len, "%s",
				       stores[i].name);
	}
}

/* SPE arithmetic and other primary opcodes are not memory forms */
static void spe_mmio_not_memory(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, e500v2_spe_mmio_decode(spe_insn(0x22d)));
	KUNIT_EXPECT_NULL(test, e500v2_spe_mmio_decode(spe_insn(0x306)));
	KUNIT_EXPECT_NULL(test, e500v2_spe_mmio_decode(0x80640000));	/* lwz */
	KUNIT_EXPECT_NULL(test, e500v2_spe_mmio_decode(31u << 26 | 0x320));
}

static struct kunit_case spe_mmio_cases[] = {
	KUNIT_CASE(spe_mmio_loads),
	KUNIT_CASE(spe_mmio_stores),
	KUNIT_CASE(spe_mmio_not_memory),
	{}
};

static struct kunit_suite spe_mmio_suite = {
	.name = "kvm_e500v2_spe_mmio",
	.test_cases = spe_mmio_cases,
};

kunit_test_suite(spe_mmio_suite);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: host core identification and the backend each core needs.
 * PVR values are those of real parts (revision fields included) and of
 * QEMU's CPU models.
 */
#include <kunit/test.h>

#include "e500_core.h"

struct pvr_case {
	u32 pvr;
	enum e500_core core;
	enum e500_mode mode;
	const char *name;
};

static const struct pvr_case pvr_cases[] = {
	{ 0x80200020, E500_CORE_E500V1, E500_MODE_PR, "e500v1" },
	{ 0x80210030, E500_CORE_E500V2, E500_MODE_PR, "e500v2" },
	{ 0x80210051, E500_CORE_E500V2, E500_MODE_PR, "e500v2" },
	{ 0x80230020, E500_CORE_E500MC, E500_MODE_HV, "e500mc" },
	{ 0x80240012, E500_CORE_E5500, E500_MODE_HV, "e5500" },
	{ 0x80400020, E500_CORE_E6500, E500_MODE_HV, "e6500" },
	/* not e500: 440, 604, POWER9, and a zero PVR */
	{ 0x422218d3, E500_CORE_UNKNOWN, E500_MODE_NONE, "unknown" },
	{ 0x00090201, E500_CORE_UNKNOWN, E500_MODE_NONE, "unknown" },
	{ 0x004e1202, E500_CORE_UNKNOWN, E500_MODE_NONE, "unknown" },
	{ 0x00000000, E500_CORE_UNKNOWN, E500_MODE_NONE, "unknown" },
};

static void core_id_table(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pvr_cases); i++) {
		const struct pvr_case *c = &pvr_cases[i];
		enum e500_core core = e500_core_from_pvr(c->pvr);

		KUNIT_EXPECT_EQ_MSG(test, core, c->core, "PVR 0x%08x", c->pvr);
		KUNIT_EXPECT_EQ_MSG(test, e500_core_mode(core), c->mode,
				    "PVR 0x%08x", c->pvr);
		KUNIT_EXPECT_STREQ(test, e500_core_name(core), c->name);
	}
}

/* Each mode names the module that drives it, and only that one. */
static void core_id_module_names(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, e500_mode_module(E500_MODE_PR), "kvm-e500v2");
	KUNIT_EXPECT_STREQ(test, e500_mode_module(E500_MODE_HV), "kvm-e500mc");
	KUNIT_EXPECT_STREQ(test, e500_mode_module(E500_MODE_NONE), "none");
}

static struct kunit_case core_id_cases[] = {
	KUNIT_CASE(core_id_table),
	KUNIT_CASE(core_id_module_names),
	{}
};

static struct kunit_suite core_id_suite = {
	.name = "kvm_e500_core_id",
	.test_cases = core_id_cases,
};

kunit_test_suite(core_id_suite);
MODULE_DESCRIPTION("KUnit tests for kvm-e500");
MODULE_LICENSE("GPL");

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host core identification: which e500 family runs here, and which
 * kvm-e500 backend module can drive it.  Pure functions of the PVR so
 * that KUnit can check them for every core without the hardware.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <asm/reg.h>

#include "e500_core.h"

struct core_desc {
	u16 pvr_ver;
	enum e500_core core;
	const char *name;
	enum e500_mode mode;
};

static const struct core_desc core_table[] = {
	{ PVR_VER_E500V1, E500_CORE_E500V1, "e500v1", E500_MODE_PR },
	{ PVR_VER_E500V2, E500_CORE_E500V2, "e500v2", E500_MODE_PR },
	{ PVR_VER_E500MC, E500_CORE_E500MC, "e500mc", E500_MODE_HV },
	{ PVR_VER_E5500,  E500_CORE_E5500,  "e5500",  E500_MODE_HV },
	{ PVR_VER_E6500,  E500_CORE_E6500,  "e6500",  E500_MODE_HV },
};

static const struct core_desc *core_desc_of(enum e500_core core)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(core_table); i++)
		if (core_table[i].core == core)
			return &core_table[i];
	return NULL;
}

enum e500_core e500_core_from_pvr(u32 pvr)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(core_table); i++)
		if (core_table[i].pvr_ver == PVR_VER(pvr))
			return core_table[i].core;
	return E500_CORE_UNKNOWN;
}
EXPORT_SYMBOL_GPL(e500_core_from_pvr);

const char *e500_core_name(enum e500_core core)
{
	const struct core_desc *d = core_desc_of(core);

	return d ? d->name : "unknown";
}
EXPORT_SYMBOL_GPL(e500_core_name);

enum e500_mode e500_core_mode(enum e500_core core)
{
	const struct core_desc *d = core_desc_of(core);

	return d ? d->mode : E500_MODE_NONE;
}
EXPORT_SYMBOL_GPL(e500_core_mode);

const char *e500_mode_module(enum e500_mode mode)
{
	switch (mode) {
	case E500_MODE_PR:
		return "kvm-e500v2";
	case E500_MODE_HV:
		return "kvm-e500mc";
	default:
		return "none";
	}
}
EXPORT_SYMBOL_GPL(e500_mode_module);

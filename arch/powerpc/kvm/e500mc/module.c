// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm-e500mc.ko: the Embedded.Hypervisor backend for e500mc, e5500
 * and e6500 hosts.
 */
#include <linux/module.h>

#include "e500_core.h"

static const struct e500_backend e500mc_backend = {
	.name = KBUILD_MODNAME,
	.mode = E500_MODE_HV,
	.owner = THIS_MODULE,
};

static int __init e500mc_init(void)
{
	int r = e500_backend_probe(KBUILD_MODNAME, E500_MODE_HV);

	if (r)
		return r;
	return e500_backend_register(&e500mc_backend);
}

static void __exit e500mc_exit(void)
{
	e500_backend_unregister(&e500mc_backend);
}

module_init(e500mc_init);
module_exit(e500mc_exit);
MODULE_DESCRIPTION("KVM backend for e500mc/e5500/e6500 hosts (Embedded.Hypervisor)");
MODULE_LICENSE("GPL");

// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm-e500v2.ko: the trap-and-emulate backend for e500v1/e500v2 hosts.
 */
#include <linux/module.h>

#include "e500_core.h"

static const struct e500_backend e500v2_backend = {
	.name = KBUILD_MODNAME,
	.mode = E500_MODE_PR,
	.owner = THIS_MODULE,
};

static int __init e500v2_init(void)
{
	int r = e500_backend_probe(KBUILD_MODNAME, E500_MODE_PR);

	if (r)
		return r;
	return e500_backend_register(&e500v2_backend);
}

static void __exit e500v2_exit(void)
{
	e500_backend_unregister(&e500v2_backend);
}

module_init(e500v2_init);
module_exit(e500v2_exit);
MODULE_DESCRIPTION("KVM backend for e500v2 hosts (trap and emulate)");
MODULE_LICENSE("GPL");

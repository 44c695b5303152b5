// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm.ko for e500 hosts: generic KVM plus the kvm-e500 common core.
 *
 * The common core does not create /dev/kvm by itself: a backend module
 * (kvm-e500v2 or kvm-e500mc) probes the host core and registers here,
 * and registration brings up generic KVM with the backend as owner of
 * the /dev/kvm file operations.  While any KVM file descriptor is open
 * the backend module is therefore pinned and cannot be unloaded.
 */
#include <linux/cpumask.h>
#include <linux/kvm_host.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <asm/cputable.h>
#include <asm/reg.h>

#include "e500_core.h"

/*
 * The registered backend.  Written only under backend_lock, before
 * kvm_init() and after kvm_exit(); every reader is a KVM ioctl or file
 * release, which cannot run outside that window, so readers take no lock.
 */
const struct e500_backend *e500_be;
EXPORT_SYMBOL_GPL(e500_be);

static DEFINE_MUTEX(backend_lock);

int e500_backend_probe(const char *modname, enum e500_mode mode)
{
	u32 pvr = mfspr(SPRN_PVR);
	enum e500_core core = e500_core_from_pvr(pvr);
	enum e500_mode have = e500_core_mode(core);

	if (have != mode) {
		pr_err("%s: host core is %s (PVR 0x%08x), which this module cannot drive; use %s\n",
		       modname, e500_core_name(core), pvr,
		       e500_mode_module(have));
		return -ENODEV;
	}
	if (mode == E500_MODE_HV && !cpu_has_feature(CPU_FTR_EMB_HV)) {
		pr_err("%s: host core %s (PVR 0x%08x) does not implement the Embedded.Hypervisor category (MMUCFG[LPIDSIZE] = 0)\n",
		       modname, e500_core_name(core), pvr);
		return -ENODEV;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(e500_backend_probe);

int e500_backend_register(const struct e500_backend *be)
{
	int r;

	mutex_lock(&backend_lock);
	if (e500_be) {
		pr_err("%s: backend %s is already registered\n",
		       be->name, e500_be->name);
		r = -EBUSY;
		goto out;
	}
	e500_be = be;
	r = kvm_init(be->vcpu_size ?: sizeof(struct kvm_vcpu), be->vcpu_align,
		     be->owner);
	if (r) {
		pr_err("%s: generic KVM initialisation failed: %d\n",
		       be->name, r);
		e500_be = NULL;
		goto out;
	}
	pr_info("%s: registered, host core %s\n", be->name,
		e500_core_name(e500_core_from_pvr(mfspr(SPRN_PVR))));
out:
	mutex_unlock(&backend_lock);
	return r;
}
EXPORT_SYMBOL_GPL(e500_backend_register);

void e500_backend_unregister(const struct e500_backend *be)
{
	mutex_lock(&backend_lock);
	if (e500_be == be) {
		kvm_exit();
		e500_be = NULL;
	}
	mutex_unlock(&backend_lock);
}
EXPORT_SYMBOL_GPL(e500_backend_unregister);

/*
 * Capabilities the common core answers.  A capability absent from this
 * table and from the generic KVM list is asked of the backend, and is 0
 * when the backend has no answer either.
 */
struct e500_cap {
	long cap;
	int value;
	int (*fn)(struct kvm *kvm);
};

static int cap_nr_vcpus(struct kvm *kvm)
{
	return min_t(int, num_online_cpus(), KVM_MAX_VCPUS);
}

/* features of the common core that need a backend able to run guests */
static int cap_if_runs(struct kvm *kvm)
{
	return e500_be && e500_be->run ? 1 : 0;
}

/* KVM_PPC_GET_PVINFO: the backend has guests that make hypercalls */
static int cap_pvinfo(struct kvm *kvm)
{
	return e500_be && e500_be->pv_hcall ? 1 : 0;
}

/* the in-kernel MPIC: KVM_DEV_TYPE_FSL_MPIC_20/42, resamplefd */
static int cap_mpic(struct kvm *kvm)
{
	return IS_ENABLED(CONFIG_KVM_E500_MPIC) ? cap_if_runs(kvm) : 0;
}

static const struct e500_cap common_caps[] = {
	{ KVM_CAP_PPC_GET_PVINFO, 0, cap_pvinfo },
	{ KVM_CAP_IRQ_MPIC, 0, cap_mpic },
	/* EPR from the in-kernel MPIC, or from userspace (KVM_EXIT_EPR) */
	{ KVM_CAP_PPC_EPR, 0, cap_if_runs },
	{ KVM_CAP_IRQFD_RESAMPLE, 0, cap_mpic },
	/* vCPU KVM_ENABLE_CAP: watchdog final expiry -> KVM_EXIT_WATCHDOG */
	{ KVM_CAP_PPC_BOOKE_WATCHDOG, 0, cap_if_runs },
	{ KVM_CAP_NR_VCPUS, 0, cap_nr_vcpus },
	{ KVM_CAP_MAX_VCPUS, KVM_MAX_VCPUS },
	{ KVM_CAP_MAX_VCPU_ID, KVM_MAX_VCPU_IDS },
};

int kvm_vm_ioctl_check_extension(struct kvm *kvm, long ext)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(common_caps); i++) {
		const struct e500_cap *c = &common_caps[i];

		if (c->cap == ext)
			return c->fn ? c->fn(kvm) : c->value;
	}
	if (e500_be && e500_be->check_extension)
		return e500_be->check_extension(kvm, ext);
	return 0;
}

static int __init e500_core_init(void)
{
	return 0;
}

static void __exit e500_core_exit(void)
{
}

module_init(e500_core_init);
module_exit(e500_core_exit);

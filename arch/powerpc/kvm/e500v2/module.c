// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm-e500v2.ko: the trap-and-emulate backend for e500v1/e500v2 hosts.
 */
#include <linux/module.h>
#include <asm/reg.h>

#include "e500_core.h"
#include "e500_irq.h"
#include "e500v2.h"
#include "vectors.h"
#include "../trace.h"

static int e500v2_vcpu_create(struct kvm_vcpu *vcpu)
{
	struct e500v2_vcpu *v = to_e500v2(vcpu);
	int r;

	vcpu->arch.pvr = mfspr(SPRN_PVR);
	/* configuration registers the guest sees as the host's */
	v->impl.l1cfg0 = mfspr(SPRN_L1CFG0);
	v->impl.l1cfg1 = mfspr(SPRN_L1CFG1);
	v->impl.svr = mfspr(SPRN_SVR);
	/* as firmware leaves it on a multicore system: tlbivax broadcasts */
	v->impl.hid1 = HID1_ABE;
	v->frame.ivpr = e500v2_area;
	v->shadow_stale = true;
	v->ctx.cur_msr = U32_MAX;
	e500v2_ivax_init(v);
	r = e500v2_tlb_init(v);
	if (r)
		return r;
	e500_timer_init(vcpu);
	return 0;
}

/* the vCPU leaves its CPU (end of an ioctl, preemption) */
static void e500v2_vcpu_put(struct kvm_vcpu *vcpu)
{
	e500v2_spe_put(to_e500v2(vcpu));
}

static void e500v2_vcpu_destroy(struct kvm_vcpu *vcpu)
{
	struct e500v2_vcpu *v = to_e500v2(vcpu);

	e500_timer_destroy(vcpu);
	e500v2_shadow_forget(v);
	local_irq_disable();
	e500v2_shadow_flush(v, E500_FLUSH_DESTROY);
	local_irq_enable();
	e500_gtlb_free(&v->gtlb);
	e500v2_swtlb_release(v);
}

/* capabilities only this backend provides */
static const long e500v2_caps[] = {
	KVM_CAP_ONE_REG,
	KVM_CAP_IOEVENTFD,
	KVM_CAP_PPC_IRQ_LEVEL,
	KVM_CAP_PPC_UNSET_IRQ,
	KVM_CAP_IMMEDIATE_EXIT,
	KVM_CAP_SET_GUEST_DEBUG,
	KVM_CAP_SW_TLB,
	/* the byte-channel hypercalls, see pv.c */
	KVM_CAP_EXIT_HYPERCALL,
	KVM_CAP_READONLY_MEM,
};

static int e500v2_check_extension(struct kvm *kvm, long ext)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(e500v2_caps); i++)
		if (e500v2_caps[i] == ext)
			return 1;
	return 0;
}

static const struct e500_backend e500v2_backend = {
	.name = KBUILD_MODNAME,
	.mode = E500_MODE_PR,
	.owner = THIS_MODULE,
	.sregs_features = KVM_SREGS_E_BASE | KVM_SREGS_E_ARCH206 |
			  KVM_SREGS_E_IVOR | KVM_SREGS_E_SPE | KVM_SREGS_E_PM |
			  KVM_SREGS_E_ARCH206_MMU | KVM_SREGS_E_DEBUG,
	.get_sregs = e500v2_get_sregs,
	.set_sregs = e500v2_set_sregs,
	.set_guest_debug = e500v2_set_guest_debug,
	.config_tlb = e500v2_config_tlb,
	.dirty_tlb = e500v2_dirty_tlb,
	.vcpu_size = sizeof(struct e500v2_vcpu),
	.vcpu_align = __alignof__(struct e500v2_vcpu),
	.pv_hcall = e500v2_pv_hcall,
	.map_magic = e500v2_map_magic,
	.enable_cap = e500v2_enable_cap,
	.oneregs = e500v2_oneregs,
	.check_extension = e500v2_check_extension,
	.vcpu_create = e500v2_vcpu_create,
	.vcpu_destroy = e500v2_vcpu_destroy,
	.run = e500v2_vcpu_run,
	.vcpu_put = e500v2_vcpu_put,
};

static int __init e500v2_init(void)
{
	int r = e500_backend_probe(KBUILD_MODNAME, E500_MODE_PR);

	if (r)
		return r;
	r = e500v2_vectors_init();
	if (r)
		return r;
	e500v2_host_tlb1_init();
	r = e500_backend_register(&e500v2_backend);
	if (r)
		e500v2_vectors_exit();
	return r;
}

static void __exit e500v2_exit(void)
{
	e500_backend_unregister(&e500v2_backend);
	e500v2_vectors_exit();
}

module_init(e500v2_init);
module_exit(e500v2_exit);
MODULE_DESCRIPTION("KVM backend for e500v2 hosts (trap and emulate)");
MODULE_LICENSE("GPL");

// SPDX-License-Identifier: GPL-2.0-only
/*
 * vCPU lifecycle, register ioctls and the run entry point.
 */
#include <linux/kvm_host.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/reg.h>

#include "e500_core.h"
#include "e500_irq.h"

int kvm_arch_vcpu_precreate(struct kvm *kvm, unsigned int id)
{
	return 0;
}

int kvm_arch_vcpu_create(struct kvm_vcpu *vcpu)
{
	int r;

	vcpu->arch.waitp = &vcpu->arch.wait;
	/* one page: the guest may later map it as its paravirt page */
	vcpu->arch.shared = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
	if (!vcpu->arch.shared)
		return -ENOMEM;
	/* what a paravirt guest reads instead of mfspr PIR */
	vcpu->arch.shared->pir = vcpu->vcpu_id;
	if (e500_be->vcpu_create) {
		r = e500_be->vcpu_create(vcpu);
		if (r) {
			free_page((unsigned long)vcpu->arch.shared);
			return r;
		}
	}
	return 0;
}

void kvm_arch_vcpu_postcreate(struct kvm_vcpu *vcpu)
{
}

void kvm_arch_vcpu_destroy(struct kvm_vcpu *vcpu)
{
	e500_mpic_vcpu_destroy(vcpu);
	if (e500_be->vcpu_destroy)
		e500_be->vcpu_destroy(vcpu);
	free_page((unsigned long)vcpu->arch.shared);
}

/*
 * vcpu->cpu is where generic KVM sends the IPI of a kick or a waiting
 * request (KVM_REQ_TLB_FLUSH, ...) to a vCPU in guest mode; left at -1
 * it sends none, and a request would "complete" while the guest still
 * ran on its old translations.
 */
void kvm_arch_vcpu_load(struct kvm_vcpu *vcpu, int cpu)
{
	WRITE_ONCE(vcpu->cpu, cpu);
}

void kvm_arch_vcpu_put(struct kvm_vcpu *vcpu)
{
	if (e500_be->vcpu_put)
		e500_be->vcpu_put(vcpu);
	WRITE_ONCE(vcpu->cpu, -1);
}

int kvm_arch_vcpu_runnable(struct kvm_vcpu *vcpu)
{
	/* the watchdog's final expiry must end a MSR[WE] wait too */
	return e500_irq_next(vcpu) >= 0 ||
	       kvm_test_request(KVM_REQ_WATCHDOG, vcpu);
}

bool kvm_arch_dy_runnable(struct kvm_vcpu *vcpu)
{
	return false;
}

bool kvm_arch_vcpu_in_kernel(struct kvm_vcpu *vcpu)
{
	return false;
}

int kvm_arch_vcpu_should_kick(struct kvm_vcpu *vcpu)
{
	return 1;
}

int kvm_arch_vcpu_ioctl_run(struct kvm_vcpu *vcpu)
{
	int r;

	if (!e500_be->run)
		return -EOPNOTSUPP;
	/*
	 * load/put (and the preempt notifier between them) bracket the
	 * run, so that the backend learns when the vCPU leaves its CPU
	 */
	vcpu_load(vcpu);
	r = e500_be->run(vcpu);
	vcpu_put(vcpu);
	return r;
}

int kvm_arch_vcpu_ioctl_get_regs(struct kvm_vcpu *vcpu, struct kvm_regs *regs)
{
	struct kvm_vcpu_arch_shared *sh = vcpu->arch.shared;
	int i;

	memset(regs, 0, sizeof(*regs));
	regs->pc = vcpu->arch.regs.nip;
	regs->cr = vcpu->arch.regs.ccr;
	regs->ctr = vcpu->arch.regs.ctr;
	regs->lr = vcpu->arch.regs.link;
	regs->xer = vcpu->arch.regs.xer;
	regs->msr = sh->msr;
	regs->srr0 = sh->srr0;
	regs->srr1 = sh->srr1;
	regs->pid = vcpu->arch.pid;
	regs->sprg0 = sh->sprg0;
	regs->sprg1 = sh->sprg1;
	regs->sprg2 = sh->sprg2;
	regs->sprg3 = sh->sprg3;
	regs->sprg4 = sh->sprg4;
	regs->sprg5 = sh->sprg5;
	regs->sprg6 = sh->sprg6;
	regs->sprg7 = sh->sprg7;
	for (i = 0; i < ARRAY_SIZE(regs->gpr); i++)
		regs->gpr[i] = vcpu->arch.regs.gpr[i];
	return 0;
}

int kvm_arch_vcpu_ioctl_set_regs(struct kvm_vcpu *vcpu, struct kvm_regs *regs)
{
	struct kvm_vcpu_arch_shared *sh = vcpu->arch.shared;
	int i;

	vcpu->arch.regs.nip = regs->pc;
	vcpu->arch.regs.ccr = regs->cr;
	vcpu->arch.regs.ctr = regs->ctr;
	vcpu->arch.regs.link = regs->lr;
	vcpu->arch.regs.xer = regs->xer;
	sh->msr = regs->msr;
	sh->srr0 = regs->srr0;
	sh->srr1 = regs->srr1;
	vcpu->arch.pid = regs->pid;
	sh->sprg0 = regs->sprg0;
	sh->sprg1 = regs->sprg1;
	sh->sprg2 = regs->sprg2;
	sh->sprg3 = regs->sprg3;
	sh->sprg4 = regs->sprg4;
	sh->sprg5 = regs->sprg5;
	sh->sprg6 = regs->sprg6;
	sh->sprg7 = regs->sprg7;
	for (i = 0; i < ARRAY_SIZE(regs->gpr); i++)
		vcpu->arch.regs.gpr[i] = regs->gpr[i];
	return 0;
}

/* Register classes that are not implemented yet say so plainly. */
int kvm_arch_vcpu_ioctl_translate(struct kvm_vcpu *vcpu,
				  struct kvm_translation *xlate)
{
	return -EOPNOTSUPP;
}

/* e500v2 has no classic FPU; e500mc FP state arrives with that backend */
int kvm_arch_vcpu_ioctl_set_fpu(struct kvm_vcpu *vcpu, struct kvm_fpu *f)
{
	return -EOPNOTSUPP;
}

int kvm_arch_vcpu_ioctl_get_fpu(struct kvm_vcpu *vcpu, struct kvm_fpu *f)
{
	return -EOPNOTSUPP;
}

int kvm_arch_vcpu_ioctl_get_mpstate(struct kvm_vcpu *vcpu,
				    struct kvm_mp_state *mp_state)
{
	return -EOPNOTSUPP;
}

int kvm_arch_vcpu_ioctl_set_mpstate(struct kvm_vcpu *vcpu,
				    struct kvm_mp_state *mp_state)
{
	return -EOPNOTSUPP;
}

int kvm_arch_vcpu_ioctl_set_guest_debug(struct kvm_vcpu *vcpu,
					struct kvm_guest_debug *dbg)
{
	if (!e500_be->set_guest_debug)
		return -EOPNOTSUPP;
	return e500_be->set_guest_debug(vcpu, dbg);
}

/* KVM_CAP_SW_TLB: args[0] points to a struct kvm_config_tlb */
static int vcpu_config_tlb(struct kvm_vcpu *vcpu, u64 uaddr)
{
	struct kvm_config_tlb cfg;

	if (!e500_be->config_tlb)
		return -EINVAL;
	if (uaddr != (unsigned long)uaddr ||
	    copy_from_user(&cfg, u64_to_user_ptr(uaddr), sizeof(cfg)))
		return -EFAULT;
	return e500_be->config_tlb(vcpu, &cfg);
}

/*
 * KVM_ENABLE_CAP on a vCPU: the Book E watchdog exit, the shared TLB,
 * the in-kernel MPIC (args[0] its fd, args[1] the MPIC CPU number),
 * EPR (args[0] non-zero: on) and what the backend offers
 * (KVM_CAP_EXIT_HYPERCALL)
 */
static int vcpu_enable_cap(struct kvm_vcpu *vcpu, void __user *argp)
{
	struct kvm_enable_cap cap;

	if (copy_from_user(&cap, argp, sizeof(cap)))
		return -EFAULT;
	if (cap.flags || cap.args[2] || cap.args[3])
		return -EINVAL;
	if (cap.cap == KVM_CAP_IRQ_MPIC)
		return e500_mpic_connect_vcpu(vcpu, cap.args[0], cap.args[1]);
	if (cap.args[1])
		return -EINVAL;
	if (cap.cap == KVM_CAP_PPC_EPR && e500_be->run) {
		vcpu->arch.epr_flags = cap.args[0] ? KVMPPC_EPR_USER : 0;
		return 0;
	}
	if (cap.cap == KVM_CAP_SW_TLB)
		return vcpu_config_tlb(vcpu, cap.args[0]);
	if (cap.cap != KVM_CAP_PPC_BOOKE_WATCHDOG)
		return e500_be->enable_cap ? e500_be->enable_cap(vcpu, &cap) :
					     -EINVAL;
	if (cap.args[0] || !e500_be->run)
		return -EINVAL;
	vcpu->arch.watchdog_enabled = true;
	return 0;
}

static int vcpu_dirty_tlb(struct kvm_vcpu *vcpu, void __user *argp)
{
	struct kvm_dirty_tlb d;

	if (copy_from_user(&d, argp, sizeof(d)))
		return -EFAULT;
	if (!e500_be->dirty_tlb)
		return -EINVAL;
	return e500_be->dirty_tlb(vcpu, &d);
}

long kvm_arch_vcpu_ioctl(struct file *filp, unsigned int ioctl,
			 unsigned long arg)
{
	struct kvm_vcpu *vcpu = filp->private_data;
	void __user *argp = (void __user *)arg;
	struct kvm_one_reg reg;

	switch (ioctl) {
	case KVM_ENABLE_CAP:
		return vcpu_enable_cap(vcpu, argp);
	case KVM_GET_ONE_REG:
	case KVM_SET_ONE_REG:
		if (copy_from_user(&reg, argp, sizeof(reg)))
			return -EFAULT;
		return e500_one_reg(vcpu, ioctl == KVM_SET_ONE_REG, &reg);
	case KVM_GET_REG_LIST:
		return e500_reg_list(vcpu, argp);
	case KVM_DIRTY_TLB:
		return vcpu_dirty_tlb(vcpu, argp);
	default:
		return -ENOTTY;
	}
}

vm_fault_t kvm_arch_vcpu_fault(struct kvm_vcpu *vcpu, struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

void kvm_arch_create_vcpu_debugfs(struct kvm_vcpu *vcpu,
				  struct dentry *debugfs_dentry)
{
}

/*
 * A pending timer that the guest's MSR masks must not end a MSR[WE]
 * wait: the wait would return at once and the run loop spin on it.
 * Deliverable timer interrupts already make the vCPU runnable.
 */
int kvm_cpu_has_pending_timer(struct kvm_vcpu *vcpu)
{
	return 0;
}

/* ioctls that must not wait for a running vCPU to leave the guest */
long kvm_arch_vcpu_async_ioctl(struct file *filp, unsigned int ioctl,
			       unsigned long arg)
{
	struct kvm_vcpu *vcpu = filp->private_data;
	struct kvm_interrupt irq;

	if (ioctl != KVM_INTERRUPT)
		return -ENOIOCTLCMD;
	if (!e500_be->run)
		return -EOPNOTSUPP;
	if (copy_from_user(&irq, (void __user *)arg, sizeof(irq)))
		return -EFAULT;
	switch (irq.irq) {
	case KVM_INTERRUPT_SET:
	case KVM_INTERRUPT_SET_LEVEL:
		e500_irq_raise(vcpu, E500_PENDING_EXTERNAL);
		return 0;
	case KVM_INTERRUPT_UNSET:
		e500_irq_lower(vcpu, E500_PENDING_EXTERNAL);
		return 0;
	default:
		return -EINVAL;
	}
}

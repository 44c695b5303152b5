// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_DEV_TYPE_FSL_MPIC_20/42: device creation, attributes, the MMIO
 * region on the in-kernel bus, and the wiring of vCPUs to the MPIC's
 * outputs (KVM_CAP_IRQ_MPIC), including EPR delivery.
 */
#include <linux/file.h>
#include <linux/kvm_host.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/unaligned.h>

#include "device.h"
#include "e500_irq.h"
#include "kvm_e500_mpic.h"

static struct openpic *to_op(struct vmpic *m)
{
	return container_of(m, struct openpic, m);
}

void e500_mpic_lock(struct openpic *op, unsigned long *flags)
{
	spin_lock_irqsave(&op->m.lock, *flags);
}

void e500_mpic_unlock(struct openpic *op, unsigned long flags)
{
	DECLARE_BITMAP(acked, MPIC_SRCS);
	unsigned int src;

	/*
	 * Most accesses EOI no level source: test the words before the
	 * copy, which gcc expands into byte loads and stores on e500v2.
	 */
	if (bitmap_empty(op->m.acked, MPIC_SRCS)) {
		spin_unlock_irqrestore(&op->m.lock, flags);
		return;
	}
	bitmap_copy(acked, op->m.acked, MPIC_SRCS);
	bitmap_zero(op->m.acked, MPIC_SRCS);
	spin_unlock_irqrestore(&op->m.lock, flags);
	/* resamplefd: may come back in through kvm_set_irq() */
	for_each_set_bit(src, acked, MPIC_SRCS)
		kvm_notify_acked_irq(op->kvm, 0, src);
}

static void vmpic_output(struct vmpic *m, unsigned int cpu,
			 enum vmpic_line line, bool level)
{
	struct kvm_vcpu *vcpu = to_op(m)->vcpu[cpu];
	unsigned int input = line == MPIC_OUT_INT ? E500_PENDING_EXTERNAL :
						    E500_PENDING_CRITICAL;

	if (!vcpu)
		return;
	if (level)
		e500_irq_raise(vcpu, input);
	else
		e500_irq_lower(vcpu, input);
}

static const struct vmpic_ops kvm_mpic_model_ops = {
	.output = vmpic_output,
};

/* ---- MMIO: the guest's accesses, from the vCPU's thread */

static struct openpic *iodev_op(struct kvm_io_device *dev)
{
	return container_of(dev, struct openpic, iodev);
}

static int vcpu_cpu(struct openpic *op, struct kvm_vcpu *vcpu)
{
	return vcpu && vcpu->arch.mpic == op ? vcpu->arch.irq_cpu_id : -1;
}

/*
 * Word accesses only; any other size or alignment, and offsets that are
 * no register, read 0 and ignore writes (design.md, "In-kernel MPIC").
 */
static int mmio_read(struct kvm_vcpu *vcpu, struct kvm_io_device *dev,
		     gpa_t addr, int len, void *val)
{
	struct openpic *op = iodev_op(dev);
	unsigned long flags;
	u32 off = addr - op->base, v = 0;

	if (len == 4 && !(off & 3)) {
		e500_mpic_lock(op, &flags);
		vmpic_reg_read(&op->m, vcpu_cpu(op, vcpu), off, &v);
		e500_mpic_unlock(op, flags);
	}
	memset(val, 0, len);
	if (len == 4)
		put_unaligned_be32(v, val);
	return 0;
}

static int mmio_write(struct kvm_vcpu *vcpu, struct kvm_io_device *dev,
		      gpa_t addr, int len, const void *val)
{
	struct openpic *op = iodev_op(dev);
	unsigned long flags;
	u32 off = addr - op->base;

	if (len != 4 || (off & 3))
		return 0;
	e500_mpic_lock(op, &flags);
	vmpic_reg_write(&op->m, vcpu_cpu(op, vcpu), off, get_unaligned_be32(val));
	e500_mpic_unlock(op, flags);
	return 0;
}

static const struct kvm_io_device_ops vmpic_mmio_ops = {
	.read = mmio_read,
	.write = mmio_write,
};

/* ---- attributes */

static int set_base(struct openpic *op, u64 base)
{
	struct kvm *kvm = op->kvm;
	int r = 0;

	if (base & (MPIC_SIZE - 1) || base >> 36)
		return -EINVAL;
	mutex_lock(&kvm->slots_lock);
	if (base == op->base)
		goto out;
	if (op->base)
		kvm_io_bus_unregister_dev(kvm, KVM_MMIO_BUS, &op->iodev);
	op->base = 0;
	if (base) {
		r = kvm_io_bus_register_dev(kvm, KVM_MMIO_BUS, base, MPIC_SIZE,
					    &op->iodev);
		if (!r)
			op->base = base;
	}
out:
	mutex_unlock(&kvm->slots_lock);
	return r;
}

static int reg_attr(struct openpic *op, u64 attr, bool set, u32 *val)
{
	unsigned long flags;
	int r;

	if (attr >= MPIC_SIZE)
		return -ENXIO;
	if (attr & 3)
		return -EINVAL;
	e500_mpic_lock(op, &flags);
	if (set)
		r = vmpic_reg_write(&op->m, -1, attr, *val);
	else
		r = vmpic_reg_read(&op->m, -1, attr, val);
	e500_mpic_unlock(op, flags);
	return r;
}

static int irq_attr(struct openpic *op, u64 attr, bool set, u32 *val)
{
	struct vmpic_irq *q;
	unsigned long flags;

	if (attr >= MPIC_SRCS || (set && *val > 1))
		return -EINVAL;
	q = &op->m.irq[attr];
	e500_mpic_lock(op, &flags);
	if (set)
		vmpic_set_line(&op->m, attr, *val);
	else
		*val = (q->ivpr & IVPR_S) ? q->line :
					    vmpic_pending(&op->m, attr);
	e500_mpic_unlock(op, flags);
	return 0;
}

static int state_attr(struct openpic *op, u64 attr, bool set, u32 *val)
{
	unsigned long flags;
	int r;

	e500_mpic_lock(op, &flags);
	r = vmpic_state_attr(&op->m, attr, set, val);
	e500_mpic_unlock(op, flags);
	return r;
}

static int vmpic_attr(struct kvm_device *dev, struct kvm_device_attr *attr,
		      bool set)
{
	struct openpic *op = dev->private;
	void __user *uaddr = u64_to_user_ptr(attr->addr);
	u64 base;
	u32 val;
	int r;

	switch (attr->group) {
	case KVM_DEV_MPIC_GRP_MISC:
		if (attr->attr != KVM_DEV_MPIC_BASE_ADDR)
			return -ENXIO;
		if (!set)
			return put_user(READ_ONCE(op->base), (u64 __user *)uaddr);
		if (get_user(base, (u64 __user *)uaddr))
			return -EFAULT;
		return set_base(op, base);
	case KVM_DEV_MPIC_GRP_REGISTER:
	case KVM_DEV_MPIC_GRP_IRQ_ACTIVE:
	case KVM_DEV_MPIC_GRP_E500_STATE:
		if (set && get_user(val, (u32 __user *)uaddr))
			return -EFAULT;
		if (attr->group == KVM_DEV_MPIC_GRP_REGISTER)
			r = reg_attr(op, attr->attr, set, &val);
		else if (attr->group == KVM_DEV_MPIC_GRP_IRQ_ACTIVE)
			r = irq_attr(op, attr->attr, set, &val);
		else
			r = state_attr(op, attr->attr, set, &val);
		if (r || set)
			return r;
		return put_user(val, (u32 __user *)uaddr);
	}
	return -ENXIO;
}

static int vmpic_set_attr(struct kvm_device *dev, struct kvm_device_attr *attr)
{
	return vmpic_attr(dev, attr, true);
}

static int vmpic_get_attr(struct kvm_device *dev, struct kvm_device_attr *attr)
{
	return vmpic_attr(dev, attr, false);
}

static int vmpic_has_attr(struct kvm_device *dev, struct kvm_device_attr *attr)
{
	switch (attr->group) {
	case KVM_DEV_MPIC_GRP_MISC:
		return attr->attr == KVM_DEV_MPIC_BASE_ADDR ? 0 : -ENXIO;
	case KVM_DEV_MPIC_GRP_REGISTER:
		if (attr->attr >= MPIC_SIZE || (attr->attr & 3))
			return -ENXIO;
		/* probe the decode table without side effects */
		return vmpic_reg_probe(attr->attr);
	case KVM_DEV_MPIC_GRP_IRQ_ACTIVE:
		return attr->attr < MPIC_SRCS ? 0 : -ENXIO;
	case KVM_DEV_MPIC_GRP_E500_STATE: {
		u32 val;

		/* a read has no side effects */
		return state_attr(dev->private, attr->attr, false, &val);
	}
	}
	return -ENXIO;
}

/* ---- life cycle; create runs under kvm->lock */

static int vmpic_create(struct kvm_device *dev, u32 type)
{
	struct kvm *kvm = dev->kvm;
	struct openpic *op;
	int r;

	if (kvm->arch.mpic)
		return -EEXIST;
	op = kzalloc(sizeof(*op), GFP_KERNEL_ACCOUNT);
	if (!op)
		return -ENOMEM;
	op->kvm = kvm;
	vmpic_timers_init(&op->m);
	vmpic_model_init(&op->m, type == KVM_DEV_TYPE_FSL_MPIC_42,
			 &kvm_mpic_model_ops);
	kvm_iodevice_init(&op->iodev, &vmpic_mmio_ops);
	r = e500_mpic_default_routing(kvm);
	if (r) {
		kfree(op);
		return r;
	}
	dev->private = op;
	/* routing and irqfd paths read it locklessly: publish it whole */
	smp_store_release(&kvm->arch.mpic, op);
	return 0;
}

/*
 * VM teardown: the io bus (with our region) and the vCPUs are gone
 * already (kvm_destroy_vm() frees them first).
 */
static void vmpic_destroy(struct kvm_device *dev)
{
	struct openpic *op = dev->private;

	vmpic_timers_destroy(&op->m);
	dev->kvm->arch.mpic = NULL;
	kfree(op);
	kfree(dev);
}

struct kvm_device_ops kvm_mpic_ops = {
	.name = "kvm-mpic",
	.create = vmpic_create,
	.destroy = vmpic_destroy,
	.set_attr = vmpic_set_attr,
	.get_attr = vmpic_get_attr,
	.has_attr = vmpic_has_attr,
};

/* ---- vCPUs */

/* KVM_ENABLE_CAP(KVM_CAP_IRQ_MPIC): args[0] the device fd, args[1] CPU */
int e500_mpic_connect_vcpu(struct kvm_vcpu *vcpu, u64 fd, u64 cpu)
{
	struct kvm_device *dev;
	struct openpic *op;
	unsigned long flags;
	struct fd f;
	int r = 0;

	if (fd > INT_MAX || cpu >= MPIC_MAX_CPUS)
		return -EINVAL;
	f = fdget(fd);
	if (!fd_file(f))
		return -EBADF;
	dev = kvm_device_from_filp(fd_file(f));
	if (!dev || dev->ops != &kvm_mpic_ops || dev->kvm != vcpu->kvm) {
		r = -EPERM;
		goto out;
	}
	op = dev->private;
	e500_mpic_lock(op, &flags);
	if (op->vcpu[cpu] || vcpu->arch.irq_type != KVMPPC_IRQ_DEFAULT) {
		r = -EEXIST;
	} else {
		op->vcpu[cpu] = vcpu;
		vcpu->arch.irq_cpu_id = cpu;
		vcpu->arch.mpic = op;
		vcpu->arch.irq_type = KVMPPC_IRQ_MPIC;
		op->m.ncpus = max_t(unsigned int, op->m.ncpus, cpu + 1);
		vmpic_update(&op->m);	/* CPUs beyond ncpus were not */
		/* outputs raised before the vCPU came */
		if (op->m.cpu[cpu].out[MPIC_OUT_INT])
			e500_irq_raise(vcpu, E500_PENDING_EXTERNAL);
		if (op->m.cpu[cpu].out[MPIC_OUT_CINT])
			e500_irq_raise(vcpu, E500_PENDING_CRITICAL);
	}
	e500_mpic_unlock(op, flags);
out:
	fdput(f);
	return r;
}

void e500_mpic_vcpu_destroy(struct kvm_vcpu *vcpu)
{
	struct openpic *op = vcpu->arch.mpic;
	unsigned long flags;

	if (!op)
		return;
	e500_mpic_lock(op, &flags);
	op->vcpu[vcpu->arch.irq_cpu_id] = NULL;
	vcpu->arch.mpic = NULL;
	vcpu->arch.irq_type = KVMPPC_IRQ_DEFAULT;
	e500_mpic_unlock(op, flags);
}

/*
 * The backend just delivered interrupt @ivor into the guest.  External,
 * with KVM_CAP_PPC_EPR on: acknowledge into EPR, as the core does in
 * external proxy mode.  Critical: edge sources routed there are done.
 * Runs on the vCPU's thread, interrupts off.
 */
void e500_mpic_irq_taken(struct kvm_vcpu *vcpu, int ivor)
{
	struct openpic *op = vcpu->arch.mpic;
	unsigned long flags;

	if (!op)
		return;
	if (ivor == E500_IVOR_EXTERNAL && vcpu->arch.epr_flags) {
		e500_mpic_lock(op, &flags);
		vcpu->arch.epr = vmpic_iack(&op->m, vcpu->arch.irq_cpu_id);
		e500_mpic_unlock(op, flags);
	} else if (ivor == E500_IVOR_CRITICAL) {
		e500_mpic_lock(op, &flags);
		vmpic_critical_taken(&op->m, vcpu->arch.irq_cpu_id);
		e500_mpic_unlock(op, flags);
	}
}

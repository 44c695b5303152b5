// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_GET_ONE_REG / KVM_SET_ONE_REG / KVM_GET_REG_LIST.
 *
 * One table row per register id: how to read it, how to write it, and
 * whether it belongs in the register list (registers a VMM saves and
 * restores).  Write-only pseudo registers (KVM_REG_PPC_OR_TSR,
 * KVM_REG_PPC_CLEAR_TSR) are accepted by SET but not listed, and GET of
 * one is -EINVAL.  An id not in the table (the id encodes the size, so
 * this includes a known register with the wrong size) is -ENOENT.
 */
#include <linux/kvm_host.h>
#include <linux/uaccess.h>

#include "e500_core.h"
#include "e500_irq.h"

struct onereg {
	u64 id;
	u64 (*get)(struct kvm_vcpu *vcpu);
	void (*set)(struct kvm_vcpu *vcpu, u64 val);
};

static u64 get_tcr(struct kvm_vcpu *vcpu)
{
	return vcpu->arch.tcr;
}

static void set_tcr(struct kvm_vcpu *vcpu, u64 val)
{
	e500_tcr_write(vcpu, val);
}

static u64 get_tsr(struct kvm_vcpu *vcpu)
{
	return READ_ONCE(vcpu->arch.tsr);
}

static void set_tsr(struct kvm_vcpu *vcpu, u64 val)
{
	e500_tsr_clear(vcpu, ~(u32)val);
	e500_tsr_set(vcpu, val);
}

static void or_tsr(struct kvm_vcpu *vcpu, u64 val)
{
	e500_tsr_set(vcpu, val);
}

static void clear_tsr(struct kvm_vcpu *vcpu, u64 val)
{
	e500_tsr_clear(vcpu, val);
}

static u64 get_vrsave(struct kvm_vcpu *vcpu)
{
	return vcpu->arch.vrsave;
}

static void set_vrsave(struct kvm_vcpu *vcpu, u64 val)
{
	vcpu->arch.vrsave = val;
}

static u64 get_dear(struct kvm_vcpu *vcpu)
{
	return vcpu->arch.shared->dar;
}

static void set_dear(struct kvm_vcpu *vcpu, u64 val)
{
	vcpu->arch.shared->dar = val;
}

static const struct onereg onereg_table[] = {
	{ KVM_REG_PPC_TCR, get_tcr, set_tcr },
	{ KVM_REG_PPC_TSR, get_tsr, set_tsr },
	{ KVM_REG_PPC_OR_TSR, NULL, or_tsr },
	{ KVM_REG_PPC_CLEAR_TSR, NULL, clear_tsr },
	{ KVM_REG_PPC_VRSAVE, get_vrsave, set_vrsave },
	{ KVM_REG_PPC_DAR, get_dear, set_dear },
};

static const struct onereg *onereg_find(u64 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(onereg_table); i++)
		if (onereg_table[i].id == id)
			return &onereg_table[i];
	return NULL;
}

static unsigned int reg_size(u64 id)
{
	return 1u << ((id & KVM_REG_SIZE_MASK) >> KVM_REG_SIZE_SHIFT);
}

/* values travel in the id's size, big-endian like the guest */
static int copy_out(u64 id, u64 val, void __user *addr)
{
	u32 v32 = val;

	if (reg_size(id) == sizeof(u32))
		return copy_to_user(addr, &v32, sizeof(v32)) ? -EFAULT : 0;
	return copy_to_user(addr, &val, sizeof(val)) ? -EFAULT : 0;
}

static int copy_in(u64 id, u64 *val, void __user *addr)
{
	u32 v32;

	if (reg_size(id) == sizeof(u32)) {
		if (copy_from_user(&v32, addr, sizeof(v32)))
			return -EFAULT;
		*val = v32;
		return 0;
	}
	return copy_from_user(val, addr, sizeof(*val)) ? -EFAULT : 0;
}

int e500_one_reg(struct kvm_vcpu *vcpu, bool set, struct kvm_one_reg *reg)
{
	const struct onereg *r = onereg_find(reg->id);
	void __user *addr = u64_to_user_ptr(reg->addr);
	u64 val;
	int ret;

	/* the id encodes the size, so a wrong size is an unknown id */
	if (!e500_be->run || !r)
		return -ENOENT;
	if (!set) {
		if (!r->get)
			return -EINVAL;		/* write-only pseudo register */
		return copy_out(reg->id, r->get(vcpu), addr);
	}
	ret = copy_in(reg->id, &val, addr);
	if (!ret)
		r->set(vcpu, val);
	return ret;
}

/* KVM_GET_REG_LIST: n in, n out; -E2BIG with the needed n if too small */
int e500_reg_list(struct kvm_vcpu *vcpu, struct kvm_reg_list __user *user)
{
	struct kvm_reg_list head;
	u64 __user *ids = user->reg;
	unsigned int i, n = 0;

	if (copy_from_user(&head, user, sizeof(head)))
		return -EFAULT;
	if (e500_be->run)
		for (i = 0; i < ARRAY_SIZE(onereg_table); i++)
			n += !!onereg_table[i].get;
	if (put_user(n, &user->n))
		return -EFAULT;
	if (head.n < n)
		return -E2BIG;
	if (!e500_be->run)
		return 0;
	for (i = 0; i < ARRAY_SIZE(onereg_table); i++) {
		if (!onereg_table[i].get)
			continue;
		if (put_user(onereg_table[i].id, ids++))
			return -EFAULT;
	}
	return 0;
}

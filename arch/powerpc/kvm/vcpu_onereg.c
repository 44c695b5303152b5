// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_GET_ONE_REG / KVM_SET_ONE_REG / KVM_GET_REG_LIST.
 *
 * One table row per register id: how to read it, how to write it, and
 * whether it belongs in the register list (registers a VMM saves and
 * restores).  The common rows are here; a backend adds the rows of
 * registers only it holds (e500_backend.oneregs).  A value that does
 * not fit the register (upper bits of a 32-bit register behind a 64-bit
 * id, a different value for a read-only one) is -EINVAL.  Write-only
 * pseudo registers (KVM_REG_PPC_OR_TSR, KVM_REG_PPC_CLEAR_TSR) are
 * accepted by SET but not listed, and GET of one is -EINVAL.  An id
 * not in the tables (the id encodes the size, so this includes a known
 * register with the wrong size) is -ENOENT.
 */
#include <linux/kvm_host.h>
#include <linux/uaccess.h>

#include "e500_core.h"
#include "e500_irq.h"

#define GET(name)	static u64 name(struct kvm_vcpu *vcpu, const struct e500_onereg *r)
#define SET(name)	static int name(struct kvm_vcpu *vcpu, const struct e500_onereg *r, u64 val)

GET(get_tcr)
{
	return vcpu->arch.tcr;
}

SET(set_tcr)
{
	e500_tcr_write(vcpu, val);
	return 0;
}

GET(get_tsr)
{
	return READ_ONCE(vcpu->arch.tsr);
}

SET(set_tsr)
{
	e500_tsr_clear(vcpu, ~(u32)val);
	e500_tsr_set(vcpu, val);
	return 0;
}

SET(or_tsr)
{
	e500_tsr_set(vcpu, val);
	return 0;
}

SET(clear_tsr)
{
	e500_tsr_clear(vcpu, val);
	return 0;
}

GET(get_vrsave)
{
	return vcpu->arch.vrsave;
}

SET(set_vrsave)
{
	vcpu->arch.vrsave = val;
	return 0;
}

GET(get_dear)
{
	return (u32)vcpu->arch.shared->dar;
}

/* DEAR is a 32-bit register behind a 64-bit id */
SET(set_dear)
{
	if (upper_32_bits(val))
		return -EINVAL;
	vcpu->arch.shared->dar = val;
	return 0;
}

/* the vector the last external interrupt left (KVM_CAP_PPC_EPR) */
GET(get_epr)
{
	return vcpu->arch.epr;
}

SET(set_epr)
{
	vcpu->arch.epr = val;
	return 0;
}

static const struct e500_onereg common_regs[] = {
	{ KVM_REG_PPC_TCR, 0, get_tcr, set_tcr },
	{ KVM_REG_PPC_TSR, 0, get_tsr, set_tsr },
	{ KVM_REG_PPC_OR_TSR, 0, NULL, or_tsr },
	{ KVM_REG_PPC_CLEAR_TSR, 0, NULL, clear_tsr },
	{ KVM_REG_PPC_VRSAVE, 0, get_vrsave, set_vrsave },
	{ KVM_REG_PPC_DAR, 0, get_dear, set_dear },
	{ KVM_REG_PPC_EPR, 0, get_epr, set_epr },
	{ 0 }
};

/* tables end with a zero id; a backend may have none (NULL) */
static const struct e500_onereg *find_in(const struct e500_onereg *t, u64 id)
{
	for (; t && t->id; t++)
		if (t->id == id)
			return t;
	return NULL;
}

static const struct e500_onereg *onereg_find(u64 id)
{
	return find_in(common_regs, id) ?: find_in(e500_be->oneregs, id);
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
	const struct e500_onereg *r = onereg_find(reg->id);
	void __user *addr = u64_to_user_ptr(reg->addr);
	u64 val;
	int ret;

	/* the id encodes the size, so a wrong size is an unknown id */
	if (!e500_be->run || !r)
		return -ENOENT;
	if (!set) {
		if (!r->get)
			return -EINVAL;		/* write-only pseudo register */
		return copy_out(reg->id, r->get(vcpu, r), addr);
	}
	ret = copy_in(reg->id, &val, addr);
	return ret ?: r->set(vcpu, r, val);
}

/* the listed ids of one table: count them, and copy them out if @ids */
static int list_table(const struct e500_onereg *t, unsigned int *count,
		      u64 __user **ids)
{
	for (; t && t->id; t++) {
		if (!t->get)
			continue;
		(*count)++;
		if (*ids && put_user(t->id, (*ids)++))
			return -EFAULT;
	}
	return 0;
}

/* KVM_GET_REG_LIST: n in, n out; -E2BIG with the needed n if too small */
int e500_reg_list(struct kvm_vcpu *vcpu, struct kvm_reg_list __user *user)
{
	struct kvm_reg_list head;
	u64 __user *ids = NULL;
	unsigned int n = 0;

	if (copy_from_user(&head, user, sizeof(head)))
		return -EFAULT;
	if (e500_be->run) {
		list_table(common_regs, &n, &ids);
		list_table(e500_be->oneregs, &n, &ids);
	}
	if (put_user(n, &user->n))
		return -EFAULT;
	if (head.n < n)
		return -E2BIG;
	if (!e500_be->run)
		return 0;
	n = 0;
	ids = user->reg;
	return list_table(common_regs, &n, &ids) ?:
	       list_table(e500_be->oneregs, &n, &ids);
}

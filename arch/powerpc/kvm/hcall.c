// SPDX-License-Identifier: GPL-2.0-only
/*
 * ePAPR 1.1 hypercalls: one table row per call the kernel knows.
 *
 * The guest puts the token in r11 (vendor << 16 | number) and the
 * arguments in r3..r10; it gets the status in r3 and any results in
 * r4..r10.  A token with no row, or a row whose handler the backend
 * lacks, answers EV_UNIMPLEMENTED and counts in the vCPU's
 * hcall_unimplemented statistic (the backend counts every hypercall,
 * "hcalls", with its other exit reasons).  Calls that belong to
 * userspace (the byte channels: a VMM's consoles) end KVM_RUN with
 * KVM_EXIT_HYPERCALL once userspace has asked for them
 * (KVM_CAP_EXIT_HYPERCALL on the vCPU), and answer EV_UNIMPLEMENTED
 * otherwise.
 */
#include <linux/kvm_host.h>
#include <asm/epapr_hcalls.h>
#include <asm/kvm_para.h>

#include "e500_core.h"
#include "e500_pv.h"
#include "trace.h"

/*
 * One call.  @r points at the vCPU's own r3..r10 (r[0] is r3): handlers
 * read their arguments there and write their results there, so nothing
 * is copied (a memcpy() of them, from a pointer gcc cannot assume
 * aligned, was 64 byte loads and stores each way on e500v2).  A handler
 * that returns E500_HCALL_USER writes none of them: userspace's answer
 * goes in at the next KVM_RUN (e500_hcall_complete()).
 */
struct hcall {
	struct kvm_vcpu *vcpu;
	struct e500_pv *pv;
	u32 token;
	unsigned long *r;
};

typedef enum e500_hcall_result (*hcall_fn)(struct hcall *c);

struct hcall_row {
	u16 vendor, num;
	hcall_fn fn;
};

/* KVM_HC_FEATURES: r4 = the KVM_FEATURE_* bits */
static enum e500_hcall_result hc_features(struct hcall *c)
{
	c->r[0] = EV_SUCCESS;
	c->r[1] = e500_be->map_magic ? 1u << KVM_FEATURE_MAGIC_PAGE : 0;
	return E500_HCALL_DONE;
}

/*
 * KVM_HC_PPC_MAP_MAGIC_PAGE: r3 = guest-physical address, r4 =
 * effective address | MAGIC_PAGE_FLAG_*; r4 = KVM_MAGIC_FEAT_* back.
 */
static enum e500_hcall_result hc_map_magic(struct hcall *c)
{
	long st;

	if (!e500_be->map_magic) {
		c->r[0] = EV_UNIMPLEMENTED;
		c->vcpu->stat.st++;
		return E500_HCALL_DONE;
	}
	st = e500_be->map_magic(c->vcpu, c->pv, c->r[0], c->r[1]);
	c->r[0] = st;
	if (st == EV_SUCCESS)
		c->r[1] = c->pv->features;
	return E500_HCALL_DONE;
}

/* EV_IDLE: the vCPU sleeps until an interrupt it can take is pending */
static enum e500_hcall_result hc_idle(struct hcall *c)
{
	c->r[0] = EV_SUCCESS;
	return E500_HCALL_IDLE;
}

/*
 * Byte channels: userspace's.  KVM_EXIT_HYPERCALL: nr = the token,
 * args[i] = r(3 + i); userspace sets ret (r3) and may change args[1..5]
 * (r4..r8) before the next KVM_RUN.
 */
static enum e500_hcall_result hc_user(struct hcall *c)
{
	struct kvm_run *run = c->vcpu->run;
	unsigned int i;

	if (!c->pv->user_hcalls) {
		c->r[0] = EV_UNIMPLEMENTED;
		c->vcpu->stat.st++;
		return E500_HCALL_DONE;
	}
	run->exit_reason = KVM_EXIT_HYPERCALL;
	run->hypercall.nr = c->token;
	for (i = 0; i < ARRAY_SIZE(run->hypercall.args); i++)
		run->hypercall.args[i] = c->r[i];
	run->hypercall.ret = EV_UNIMPLEMENTED;
	run->hypercall.flags = 0;
	c->pv->hcall_pending = true;
	return E500_HCALL_USER;
}

static const struct hcall_row hcalls[] = {
	{ EV_KVM_VENDOR_ID, KVM_HC_FEATURES, hc_features },
	{ EV_KVM_VENDOR_ID, KVM_HC_PPC_MAP_MAGIC_PAGE, hc_map_magic },
	{ EV_EPAPR_VENDOR_ID, EV_IDLE, hc_idle },
	{ EV_EPAPR_VENDOR_ID, EV_BYTE_CHANNEL_SEND, hc_user },
	{ EV_EPAPR_VENDOR_ID, EV_BYTE_CHANNEL_RECEIVE, hc_user },
	{ EV_EPAPR_VENDOR_ID, EV_BYTE_CHANNEL_POLL, hc_user },
};

static const struct hcall_row *hcall_find(u32 token)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hcalls); i++)
		if (_EV_HCALL_TOKEN(hcalls[i].vendor, hcalls[i].num) == token)
			return &hcalls[i];
	return NULL;
}

enum e500_hcall_result e500_hcall(struct kvm_vcpu *vcpu, struct e500_pv *pv)
{
	unsigned long *gpr = vcpu->arch.regs.gpr;
	struct hcall c = {
		.vcpu = vcpu, .pv = pv, .token = gpr[11], .r = &gpr[3],
	};
	const struct hcall_row *row = hcall_find(c.token);
	enum e500_hcall_result res;

	BUILD_BUG_ON(3 + E500_HCALL_NREGS > ARRAY_SIZE(vcpu->arch.regs.gpr));
	/* stat.st: a field Book E has no other use for, see stats.c */
	if (row) {
		res = row->fn(&c);
	} else {
		c.r[0] = EV_UNIMPLEMENTED;
		vcpu->stat.st++;
		res = E500_HCALL_DONE;
	}
	trace_kvm_e500_hcall(vcpu->vcpu_id, c.token, c.r[0], res);
	return res;
}
EXPORT_SYMBOL_GPL(e500_hcall);

void e500_hcall_complete(struct kvm_vcpu *vcpu, struct e500_pv *pv)
{
	struct kvm_run *run = vcpu->run;
	unsigned int i;

	if (!pv->hcall_pending)
		return;
	pv->hcall_pending = false;
	vcpu->arch.regs.gpr[3] = (u32)run->hypercall.ret;
	for (i = 1; i < ARRAY_SIZE(run->hypercall.args); i++)
		vcpu->arch.regs.gpr[3 + i] = (u32)run->hypercall.args[i];
}
EXPORT_SYMBOL_GPL(e500_hcall_complete);

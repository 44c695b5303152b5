// SPDX-License-Identifier: GPL-2.0-only
/*
 * e500v2 MMIO: loads and stores to guest-physical addresses outside
 * every memory slot are decoded here and handed to userspace as
 * KVM_EXIT_MMIO; a load completes on the next KVM_RUN.
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500_insn.h"
#include "e500v2.h"

#define GPR(v, n)	((v)->vcpu.arch.regs.gpr[n])
#define PC(v)		((v)->vcpu.arch.regs.nip)

struct mem_op {
	unsigned int len;
	bool store, update, sign_extend, reversed, indexed;
};

static bool decode_mem(u32 insn, struct mem_op *op)
{
	static const struct { u8 opcd; u8 len; bool store, update, sign; } dform[] = {
		{ 32, 4, false, false, false },	/* lwz */
		{ 33, 4, false, true, false },	/* lwzu */
		{ 34, 1, false, false, false },	/* lbz */
		{ 35, 1, false, true, false },	/* lbzu */
		{ 36, 4, true, false, false },	/* stw */
		{ 37, 4, true, true, false },	/* stwu */
		{ 38, 1, true, false, false },	/* stb */
		{ 39, 1, true, true, false },	/* stbu */
		{ 40, 2, false, false, false },	/* lhz */
		{ 41, 2, false, true, false },	/* lhzu */
		{ 42, 2, false, false, true },	/* lha */
		{ 43, 2, false, true, true },	/* lhau */
		{ 44, 2, true, false, false },	/* sth */
		{ 45, 2, true, true, false },	/* sthu */
	};
	static const struct { u16 xo; u8 len; bool store, update, sign, rev; } xform[] = {
		{ 23, 4, false, false, false, false },	/* lwzx */
		{ 55, 4, false, true, false, false },	/* lwzux */
		{ 87, 1, false, false, false, false },	/* lbzx */
		{ 119, 1, false, true, false, false },	/* lbzux */
		{ 151, 4, true, false, false, false },	/* stwx */
		{ 183, 4, true, true, false, false },	/* stwux */
		{ 215, 1, true, false, false, false },	/* stbx */
		{ 247, 1, true, true, false, false },	/* stbux */
		{ 279, 2, false, false, false, false },	/* lhzx */
		{ 311, 2, false, true, false, false },	/* lhzux */
		{ 343, 2, false, false, true, false },	/* lhax */
		{ 375, 2, false, true, true, false },	/* lhaux */
		{ 407, 2, true, false, false, false },	/* sthx */
		{ 439, 2, true, true, false, false },	/* sthux */
		{ 534, 4, false, false, false, true },	/* lwbrx */
		{ 662, 4, true, false, false, true },	/* stwbrx */
		{ 790, 2, false, false, false, true },	/* lhbrx */
		{ 918, 2, true, false, false, true },	/* sthbrx */
	};
	unsigned int i;

	memset(op, 0, sizeof(*op));
	for (i = 0; i < ARRAY_SIZE(dform); i++) {
		if (dform[i].opcd != e500_insn_opcd(insn))
			continue;
		op->len = dform[i].len;
		op->store = dform[i].store;
		op->update = dform[i].update;
		op->sign_extend = dform[i].sign;
		return true;
	}
	if (e500_insn_opcd(insn) != 31)
		return false;
	for (i = 0; i < ARRAY_SIZE(xform); i++) {
		if (xform[i].xo != e500_insn_xo(insn))
			continue;
		op->len = xform[i].len;
		op->store = xform[i].store;
		op->update = xform[i].update;
		op->sign_extend = xform[i].sign;
		op->reversed = xform[i].rev;
		op->indexed = true;
		return true;
	}
	return false;
}

static u32 be_value(const u8 *p, unsigned int len)
{
	u32 val = 0;
	unsigned int i;

	for (i = 0; i < len; i++)
		val = (val << 8) | p[i];
	return val;
}

static void be_bytes(u8 *p, u32 val, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		p[len - 1 - i] = val >> (8 * i);
}

static u32 swab_len(u32 val, unsigned int len)
{
	return len == 4 ? swab32(val) : len == 2 ? swab16(val) : val;
}

/*
 * A load or store at guest-physical @gpa outside every memory slot:
 * decode the instruction and hand the access to userspace.
 */
enum e500v2_resume e500v2_emulate_mmio(struct e500v2_vcpu *v, u64 gpa)
{
	struct kvm_run *run = v->vcpu.run;
	unsigned int ra, rs;
	struct mem_op op;
	u32 insn;

	if (e500v2_fetch_insn(v, &insn))
		return E500V2_RESUME_GUEST;
	if (!decode_mem(insn, &op)) {
		/*
		 * not a form we emulate against MMIO: hardware would fail
		 * the access with a data storage interrupt
		 */
		v->vcpu.arch.shared->dar = v->frame.dear;
		v->vcpu.arch.shared->esr = v->frame.esr;
		e500v2_deliver(v, E500V2_EXIT_DSI, PC(v));
		return E500V2_RESUME_GUEST;
	}
	ra = e500_insn_ra(insn);
	rs = e500_insn_rt(insn);
	if (op.update && ra)
		GPR(v, ra) = v->frame.dear;

	run->exit_reason = KVM_EXIT_MMIO;
	run->mmio.phys_addr = gpa;
	run->mmio.len = op.len;
	run->mmio.is_write = op.store;
	memset(run->mmio.data, 0, sizeof(run->mmio.data));
	if (op.store) {
		u32 val = GPR(v, rs);

		be_bytes(run->mmio.data, op.reversed ? swab_len(val, op.len) : val,
			 op.len);
		PC(v) += 4;
	} else {
		v->mmio.pending = true;
		v->mmio.rt = rs;
		v->mmio.len = op.len;
		v->mmio.sign_extend = op.sign_extend;
		v->mmio.reversed = op.reversed;
	}
	return E500V2_RESUME_USER;
}

/* KVM_RUN after a load exit: the data userspace put in kvm_run */
void e500v2_complete_mmio(struct e500v2_vcpu *v)
{
	struct e500v2_mmio *m = &v->mmio;
	u32 val;

	if (!m->pending)
		return;
	val = be_value(v->vcpu.run->mmio.data, m->len);
	if (m->reversed)
		val = swab_len(val, m->len);
	if (m->sign_extend && m->len == 2)
		val = (s16)val;
	GPR(v, m->rt) = val;
	m->pending = false;
	PC(v) += 4;
}

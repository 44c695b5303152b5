// SPDX-License-Identifier: GPL-2.0-only
/*
 * e500v2 MMIO: loads and stores to guest-physical addresses outside
 * every memory slot.  The instruction is decoded here and each access
 * is offered to the in-kernel io bus first (ioeventfd, coalesced MMIO);
 * what no device claims goes to userspace as KVM_EXIT_MMIO, and a load
 * completes on the next KVM_RUN.  lmw/stmw (mmio_multi.c) move one
 * register per access, so they make several exits; SPE forms are in
 * mmio_spe.c.
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500_core.h"
#include "e500_insn.h"
#include "e500v2.h"

#define GPR(v, n)	((v)->vcpu.arch.regs.gpr[n])
#define PC(v)		((v)->vcpu.arch.regs.nip)

#define F_STORE		0x01
#define F_UPDATE	0x02
#define F_SIGN		0x04
#define F_REV		0x08
#define F_NOP		0x10	/* cache hint: nothing to do on MMIO */
#define F_ALIGN		0x20	/* alignment interrupt on caching-inhibited storage */

/* D-forms are keyed by primary opcode, X-forms (opcode 31) by 0x400|XO */
#define D(op)		(op)
#define X(xo)		(0x400 | (xo))

static const struct gpr_form {
	u16 key;
	u8 len;
	u8 flags;
} gpr_forms[] = {
	{ D(32), 4, 0 },			/* lwz */
	{ D(33), 4, F_UPDATE },			/* lwzu */
	{ D(34), 1, 0 },			/* lbz */
	{ D(35), 1, F_UPDATE },			/* lbzu */
	{ D(36), 4, F_STORE },			/* stw */
	{ D(37), 4, F_STORE | F_UPDATE },	/* stwu */
	{ D(38), 1, F_STORE },			/* stb */
	{ D(39), 1, F_STORE | F_UPDATE },	/* stbu */
	{ D(40), 2, 0 },			/* lhz */
	{ D(41), 2, F_UPDATE },			/* lhzu */
	{ D(42), 2, F_SIGN },			/* lha */
	{ D(43), 2, F_SIGN | F_UPDATE },	/* lhau */
	{ D(44), 2, F_STORE },			/* sth */
	{ D(45), 2, F_STORE | F_UPDATE },	/* sthu */
	{ X(23), 4, 0 },			/* lwzx */
	{ X(55), 4, F_UPDATE },			/* lwzux */
	{ X(87), 1, 0 },			/* lbzx */
	{ X(119), 1, F_UPDATE },		/* lbzux */
	{ X(151), 4, F_STORE },			/* stwx */
	{ X(183), 4, F_STORE | F_UPDATE },	/* stwux */
	{ X(215), 1, F_STORE },			/* stbx */
	{ X(247), 1, F_STORE | F_UPDATE },	/* stbux */
	{ X(279), 2, 0 },			/* lhzx */
	{ X(311), 2, F_UPDATE },		/* lhzux */
	{ X(343), 2, F_SIGN },			/* lhax */
	{ X(375), 2, F_SIGN | F_UPDATE },	/* lhaux */
	{ X(407), 2, F_STORE },			/* sthx */
	{ X(439), 2, F_STORE | F_UPDATE },	/* sthux */
	{ X(534), 4, F_REV },			/* lwbrx */
	{ X(662), 4, F_STORE | F_REV },		/* stwbrx */
	{ X(790), 2, F_REV },			/* lhbrx */
	{ X(918), 2, F_STORE | F_REV },		/* sthbrx */
	{ X(54), 0, F_NOP },			/* dcbst */
	{ X(86), 0, F_NOP },			/* dcbf */
	{ X(246), 0, F_NOP },			/* dcbtst */
	{ X(278), 0, F_NOP },			/* dcbt */
	{ X(758), 0, F_NOP },			/* dcba */
	{ X(982), 0, F_NOP },			/* icbi */
	{ X(1014), 0, F_STORE | F_ALIGN },	/* dcbz */
};

#define OP_LMW		46
#define OP_STMW		47
#define OP_SPE		4

static const struct gpr_form *find_gpr_form(u32 insn)
{
	unsigned int key = e500_insn_opcd(insn), i;

	if (key == 31)
		key = X(e500_insn_xo(insn));
	for (i = 0; i < ARRAY_SIZE(gpr_forms); i++)
		if (gpr_forms[i].key == key)
			return &gpr_forms[i];
	return NULL;
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

/* a load's data has arrived (from a device or userspace): retire it */
static void finish_load(struct e500v2_vcpu *v, const u8 *data)
{
	struct e500v2_mmio *m = &v->mmio;
	u32 val;

	switch (m->kind) {
	case E500V2_MMIO_GPR:
		val = be_value(data, m->len);
		if (m->reversed)
			val = swab_len(val, m->len);
		if (m->sign_extend && m->len == 2)
			val = (s16)val;
		GPR(v, m->rt) = val;
		PC(v) += 4;
		break;
	case E500V2_MMIO_MULTI:
		e500v2_multi_loaded(v, data);
		break;
	case E500V2_MMIO_SPE:
		e500v2_spe_set_gpr64(v, m->rt, m->spe->load(data));
		PC(v) += 4;
		break;
	}
}

/* a store has left (to a device or userspace): move past it */
static void finish_store(struct e500v2_vcpu *v)
{
	struct e500v2_mmio *m = &v->mmio;

	if (m->kind == E500V2_MMIO_MULTI)
		e500v2_multi_stored(v);
	else
		PC(v) += 4;
}

/*
 * One access of m->len bytes at @gpa, stores with their bytes in @data:
 * to the io bus if a device claims it, else to userspace.
 */
enum e500v2_resume e500v2_mmio_io(struct e500v2_vcpu *v, u64 gpa, u8 *data)
{
	struct e500v2_mmio *m = &v->mmio;
	struct kvm_run *run = v->vcpu.run;

	if (m->store) {
		if (!kvm_io_bus_write(&v->vcpu, KVM_MMIO_BUS, gpa, m->len, data)) {
			finish_store(v);
			return E500V2_RESUME_GUEST;
		}
	} else if (!e500_mmio_bus_read(&v->vcpu, gpa, m->len, data)) {
		finish_load(v, data);
		return E500V2_RESUME_GUEST;
	}
	run->exit_reason = KVM_EXIT_MMIO;
	run->mmio.phys_addr = gpa;
	run->mmio.len = m->len;
	run->mmio.is_write = m->store;
	memset(run->mmio.data, 0, sizeof(run->mmio.data));
	if (m->store) {
		memcpy(run->mmio.data, data, m->len);
		finish_store(v);
	} else {
		m->waiting = true;
	}
	return E500V2_RESUME_USER;
}

/* hardware's answer to a form we cannot perform: data storage interrupt */
static enum e500v2_resume refuse_dsi(struct e500v2_vcpu *v)
{
	v->vcpu.arch.shared->dar = v->frame.dear;
	v->vcpu.arch.shared->esr = v->frame.esr;
	e500v2_deliver(v, E500V2_EXIT_DSI, PC(v));
	return E500V2_RESUME_GUEST;
}

static enum e500v2_resume start_gpr(struct e500v2_vcpu *v, u32 insn,
				    const struct gpr_form *f, u64 gpa)
{
	struct e500v2_mmio *m = &v->mmio;
	unsigned int ra = e500_insn_ra(insn), rt = e500_insn_rt(insn);
	u8 data[4];
	u32 val;

	if (f->flags & F_NOP) {
		PC(v) += 4;
		return E500V2_RESUME_GUEST;
	}
	if (f->flags & F_ALIGN) {
		v->vcpu.arch.shared->dar = v->frame.dear;
		v->vcpu.arch.shared->esr = ESR_ST;
		e500v2_deliver(v, E500V2_EXIT_ALIGNMENT, PC(v));
		return E500V2_RESUME_GUEST;
	}
	/* update forms with RA = 0, and loads with RA = RT, are invalid */
	if ((f->flags & F_UPDATE) &&
	    (!ra || (!(f->flags & F_STORE) && ra == rt))) {
		e500v2_program(v, ESR_PIL);
		return E500V2_RESUME_GUEST;
	}
	m->kind = E500V2_MMIO_GPR;
	m->store = f->flags & F_STORE;
	m->len = f->len;
	m->rt = rt;
	m->sign_extend = f->flags & F_SIGN;
	m->reversed = f->flags & F_REV;
	if (f->flags & F_UPDATE)
		GPR(v, ra) = v->frame.dear;
	if (m->store) {
		val = GPR(v, rt);
		be_bytes(data, m->reversed ? swab_len(val, m->len) : val, m->len);
	}
	return e500v2_mmio_io(v, gpa, data);
}

/*
 * A load or store at guest-physical @gpa outside every memory slot:
 * decode the instruction and perform its access.
 */
enum e500v2_resume e500v2_emulate_mmio(struct e500v2_vcpu *v, u64 gpa)
{
	struct e500v2_mmio *m = &v->mmio;
	const struct gpr_form *f;
	u8 data[8];
	u32 insn;

	if (e500v2_fetch_insn(v, &insn))
		return E500V2_RESUME_GUEST;
	memset(m, 0, sizeof(*m));
	switch (e500_insn_opcd(insn)) {
	case OP_LMW:
	case OP_STMW:
		return e500v2_multi_start(v, insn);
	case OP_SPE:
		m->spe = e500v2_spe_mmio_decode(insn);
		if (!m->spe)
			return refuse_dsi(v);
		m->kind = E500V2_MMIO_SPE;
		m->rt = e500_insn_rt(insn);
		m->len = m->spe->len;
		m->store = !!m->spe->store;
		if (m->store)
			m->spe->store(e500v2_spe_gpr64(v, m->rt), data);
		return e500v2_mmio_io(v, gpa, data);
	}
	f = find_gpr_form(insn);
	if (!f)
		return refuse_dsi(v);
	return start_gpr(v, insn, f, gpa);
}

/* KVM_RUN after a load exit: the data userspace put in kvm_run */
void e500v2_complete_mmio(struct e500v2_vcpu *v)
{
	if (!v->mmio.waiting)
		return;
	v->mmio.waiting = false;
	finish_load(v, v->vcpu.run->mmio.data);
}

/* an lmw/stmw part way through: carry on before the guest runs again */
bool e500v2_mmio_busy(struct e500v2_vcpu *v)
{
	return v->mmio.active;
}

enum e500v2_resume e500v2_mmio_continue(struct e500v2_vcpu *v)
{
	return e500v2_multi_run(v);
}

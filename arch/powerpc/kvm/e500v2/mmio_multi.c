// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loads and stores of several registers to MMIO: lmw/stmw.  The bytes
 * go in register order from RT, four to a register, most significant
 * byte first.  Each register's bytes are one access (never crossing a
 * page), so one instruction makes several exits; KVM_RUN carries on with
 * the next register before the guest runs again, and the PC moves past
 * the instruction with the last byte.  (The string forms would fit the
 * same walk, with wrapping after r31 and a partial last register, but
 * QEMU's e500v2 treats them as illegal, so they could not be tested;
 * they get a DSI on MMIO.)
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500_insn.h"
#include "e500v2.h"

#define GPR(v, n)	((v)->vcpu.arch.regs.gpr[n])
#define PC(v)		((v)->vcpu.arch.regs.nip)

#define OP_STMW		47

/* register @r is among the @nregs from @rt (wrapping after r31) */
static bool reg_in_range(unsigned int r, unsigned int rt, unsigned int nregs)
{
	return ((r - rt) & 31) < nregs;
}

/* @n bytes moved: on to the next ones, or past the instruction */
static void advance(struct e500v2_vcpu *v, unsigned int n)
{
	struct e500v2_mmio *m = &v->mmio;

	m->off += n;
	m->rt = (m->rt + m->off / 4) & 31;
	m->off %= 4;
	m->ea += n;
	m->count -= n;
	if (m->count)
		return;
	m->active = false;
	PC(v) += 4;
}

void e500v2_multi_loaded(struct e500v2_vcpu *v, const u8 *data)
{
	struct e500v2_mmio *m = &v->mmio;
	unsigned int i, n = m->len;

	for (i = 0; i < n; i++) {
		unsigned int r = (m->rt + (m->off + i) / 4) & 31;
		unsigned int shift = 24 - 8 * ((m->off + i) % 4);

		if (shift == 24)
			GPR(v, r) = 0;
		GPR(v, r) |= (u32)data[i] << shift;
	}
	advance(v, n);
}

void e500v2_multi_stored(struct e500v2_vcpu *v)
{
	advance(v, v->mmio.len);
}

static void gather(struct e500v2_vcpu *v, u8 *data)
{
	struct e500v2_mmio *m = &v->mmio;
	unsigned int i;

	for (i = 0; i < m->len; i++) {
		unsigned int r = (m->rt + (m->off + i) / 4) & 31;

		data[i] = GPR(v, r) >> (24 - 8 * ((m->off + i) % 4));
	}
}

/* the rest of the register at m->rt, up to the end of the data and page */
static unsigned int chunk(struct e500v2_mmio *m)
{
	unsigned int n = min(4 - m->off, m->count);

	return min_t(unsigned int, n, PAGE_SIZE - (m->ea & (PAGE_SIZE - 1)));
}

/* next chunk in RAM or through the MMIO path, until the last byte */
enum e500v2_resume e500v2_multi_run(struct e500v2_vcpu *v)
{
	struct e500v2_mmio *m = &v->mmio;
	struct kvm_memory_slot *slot;
	u8 data[4];
	u64 gpa;

	while (m->active) {
		m->len = chunk(m);
		if (!e500v2_translate(v, false, m->ea, &gpa)) {
			/* the guest's TLB does not map the next bytes */
			m->active = false;
			e500v2_tlb_miss_mas(v, false, m->ea);
			v->vcpu.arch.shared->dar = m->ea;
			v->vcpu.arch.shared->esr = m->store ? ESR_ST : 0;
			e500v2_deliver(v, E500V2_EXIT_DTLB, PC(v));
			return E500V2_RESUME_GUEST;
		}
		slot = gfn_to_memslot(v->vcpu.kvm, gpa >> PAGE_SHIFT);
		if (m->store)
			gather(v, data);
		if (slot && !m->store &&
		    !kvm_vcpu_read_guest(&v->vcpu, gpa, data, m->len)) {
			e500v2_multi_loaded(v, data);
			continue;
		}
		if (slot && m->store && !(slot->flags & KVM_MEM_READONLY) &&
		    !kvm_vcpu_write_guest(&v->vcpu, gpa, data, m->len)) {
			e500v2_multi_stored(v);
			continue;
		}
		if (e500v2_mmio_io(v, gpa, data) == E500V2_RESUME_USER)
			return E500V2_RESUME_USER;
	}
	return E500V2_RESUME_GUEST;
}

/* lmw/stmw: check the form and start */
enum e500v2_resume e500v2_multi_start(struct e500v2_vcpu *v, u32 insn)
{
	struct e500v2_mmio *m = &v->mmio;
	unsigned int ra = e500_insn_ra(insn), rt = e500_insn_rt(insn);
	u32 ea = (ra ? GPR(v, ra) : 0) + e500_insn_d(insn);

	m->store = e500_insn_opcd(insn) == OP_STMW;
	/* lmw loading its own base register is invalid (RA = 0: r0) */
	if (!m->store && reg_in_range(ra, rt, 32 - rt)) {
		e500v2_program(v, ESR_PIL);
		return E500V2_RESUME_GUEST;
	}
	if (ea & 3) {
		v->vcpu.arch.shared->dar = ea;
		v->vcpu.arch.shared->esr = m->store ? ESR_ST : 0;
		e500v2_deliver(v, E500V2_EXIT_ALIGNMENT, PC(v));
		return E500V2_RESUME_GUEST;
	}
	m->kind = E500V2_MMIO_MULTI;
	m->rt = rt;
	m->off = 0;
	m->count = 4 * (32 - rt);
	m->ea = ea;
	m->active = true;
	return e500v2_multi_run(v);
}

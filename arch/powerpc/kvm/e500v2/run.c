// SPDX-License-Identifier: GPL-2.0-only
/*
 * e500v2 run loop and exit dispatch.
 *
 * The guest kernel runs in user mode (MSR[PR] = 1) in address space 1
 * with MSR[EE] = 1, so that host interrupts still reach the host: they
 * leave the guest through our vectors, and the host takes them as soon
 * as the run loop re-enables interrupts.
 */
#include <linux/entry-kvm.h>
#include <linux/kvm_host.h>
#include <asm/interrupt.h>
#include <asm/reg.h>

#include "e500_irq.h"
#include "e500v2.h"
#include "vectors.h"
#include "../trace.h"

#define SHADOW_MSR	(MSR_PR | MSR_EE | MSR_ME | MSR_IS | MSR_DS)

void e500v2_set_msr(struct e500v2_vcpu *v, u32 msr)
{
	v->vcpu.arch.shared->msr = msr & E500V2_MSR_MASK;
}

typedef int (*exit_fn)(struct e500v2_vcpu *v);

/* host interrupts: already handled (host_external) or taken at local_irq_enable */
static int exit_host(struct e500v2_vcpu *v)
{
	return E500V2_RESUME_GUEST;
}

static void reflect_storage(struct e500v2_vcpu *v, unsigned int ivor,
			    u32 dear, u32 esr)
{
	v->vcpu.arch.shared->dar = dear;
	v->vcpu.arch.shared->esr = esr;
	e500v2_deliver(v, ivor, v->vcpu.arch.regs.nip);
}

static int exit_dtlb(struct e500v2_vcpu *v)
{
	u32 ea = v->frame.dear;
	u64 gpa;
	int r;

	if (e500v2_magic_fault(v, ea))
		return E500V2_RESUME_GUEST;
	r = e500v2_tlb_miss(v, false, v->frame.esr & ESR_ST, ea);

	if (r == 1) {
		v->why = E500V2_WHY_DTLB_REAL;
		e500v2_tlb_miss_mas(v, false, ea);
		reflect_storage(v, E500V2_EXIT_DTLB, ea, v->frame.esr & ESR_ST);
		return E500V2_RESUME_GUEST;
	}
	if (r == -ENOENT && e500v2_translate(v, false, ea, &gpa)) {
		v->why = E500V2_WHY_MMIO;
		return e500v2_emulate_mmio(v, gpa);
	}
	return r;
}

static int exit_itlb(struct e500v2_vcpu *v)
{
	u32 ea = v->vcpu.arch.regs.nip;
	int r = e500v2_tlb_miss(v, true, false, ea);

	if (r == 1) {
		v->why = E500V2_WHY_ITLB_REAL;
		e500v2_tlb_miss_mas(v, true, ea);
		e500v2_deliver(v, E500V2_EXIT_ITLB, ea);
		return E500V2_RESUME_GUEST;
	}
	if (r == -ENOENT) {
		/* fetching from outside guest memory: no such storage */
		reflect_storage(v, E500V2_EXIT_ISI, 0, 0);
		return E500V2_RESUME_GUEST;
	}
	return r;
}

static int exit_dsi(struct e500v2_vcpu *v)
{
	u32 ea = v->frame.dear;
	struct kvm_memory_slot *slot;
	u64 gpa;
	int r;

	if ((v->frame.esr & (ESR_DLK | ESR_ILK)) &&
	    e500v2_cache_lock(v) == E500V2_RESUME_GUEST)
		return E500V2_RESUME_GUEST;

	/* a store to a page mapped read-only for dirty logging */
	if (v->frame.esr & ESR_ST) {
		r = e500v2_dirty_store_fault(v, ea);
		if (r != 1)
			return r;
	}
	/* a store to a read-only slot the guest may write: MMIO */
	if ((v->frame.esr & ESR_ST) && e500v2_translate(v, false, ea, &gpa)) {
		slot = gfn_to_memslot(v->vcpu.kvm, gpa >> PAGE_SHIFT);
		if (slot && (slot->flags & KVM_MEM_READONLY)) {
			v->why = E500V2_WHY_MMIO;
			return e500v2_emulate_mmio(v, gpa);
		}
	}
	reflect_storage(v, E500V2_EXIT_DSI, ea, v->frame.esr);
	return E500V2_RESUME_GUEST;
}

static int exit_isi(struct e500v2_vcpu *v)
{
	reflect_storage(v, E500V2_EXIT_ISI, 0, v->frame.esr);
	return E500V2_RESUME_GUEST;
}

static int exit_program(struct e500v2_vcpu *v)
{
	return e500v2_emulate(v);
}

static int exit_syscall(struct e500v2_vcpu *v)
{
	if (e500v2_is_hcall(v)) {
		v->why = E500V2_WHY_HCALL;
		return e500v2_hypercall(v);
	}
	/* SRR0 of a system call already points past the sc */
	e500v2_deliver(v, E500V2_EXIT_SYSCALL, v->vcpu.arch.regs.nip);
	return E500V2_RESUME_GUEST;
}

/*
 * The e500v2 has no FPU, and the guest's MSR[FP] is always 0: a
 * floating-point instruction is the guest's own FP unavailable
 * interrupt (a Linux guest emulates it, MATH_EMULATION).
 */
static int exit_fpu(struct e500v2_vcpu *v)
{
	e500v2_deliver(v, E500V2_EXIT_FPU, v->vcpu.arch.regs.nip);
	return E500V2_RESUME_GUEST;
}

static int exit_alignment(struct e500v2_vcpu *v)
{
	reflect_storage(v, E500V2_EXIT_ALIGNMENT, v->frame.dear, v->frame.esr);
	return E500V2_RESUME_GUEST;
}

static int exit_spe_unavail(struct e500v2_vcpu *v)
{
	return e500v2_spe_unavailable(v);
}

static int exit_spe_fp(struct e500v2_vcpu *v)
{
	return e500v2_spe_exception(v);
}

/* vectors that cannot fire in the guest (MSR[CE,DE] = 0) or are fatal */
static int exit_unexpected(struct e500v2_vcpu *v)
{
	pr_err_ratelimited("kvm-e500v2: unexpected exit %u at guest pc 0x%08x (msr 0x%08x)\n",
			   v->frame.exit_nr, v->frame.pc, v->frame.msr);
	return -EIO;
}

/* per vector: its handler, and the reason the exit counts under */
struct exit_row {
	exit_fn fn;
	u8 why;		/* enum e500v2_why; handlers may refine it */
};

#define EXIT(nr, handler, reason) \
	[E500V2_EXIT_##nr] = { handler, E500V2_WHY_##reason }

static const struct exit_row exit_table[E500V2_NR_EXITS] = {
	EXIT(CRITICAL, exit_unexpected, OTHER),
	EXIT(MCHECK, e500v2_exit_mcheck, OTHER),
	EXIT(DSI, exit_dsi, DSI),
	EXIT(ISI, exit_isi, ISI),
	EXIT(EXTERNAL, exit_host, EXTERNAL),
	EXIT(ALIGNMENT, exit_alignment, ALIGNMENT),
	EXIT(PROGRAM, exit_program, EMULATED),
	EXIT(FPU, exit_fpu, OTHER),
	EXIT(SYSCALL, exit_syscall, SYSCALL),
	EXIT(APU, exit_unexpected, OTHER),
	EXIT(DEC, exit_host, DEC),
	EXIT(FIT, exit_host, OTHER),
	EXIT(WATCHDOG, exit_unexpected, OTHER),
	EXIT(DTLB, exit_dtlb, DTLB_VIRT),
	EXIT(ITLB, exit_itlb, ITLB_VIRT),
	EXIT(DEBUG, exit_unexpected, DEBUG),
	EXIT(SPE_UNAVAIL, exit_spe_unavail, SPE),
	EXIT(SPE_DATA, exit_spe_fp, SPE),
	EXIT(SPE_ROUND, exit_spe_fp, SPE),
	EXIT(PERFMON, exit_host, OTHER),
};

static void load_frame(struct e500v2_vcpu *v)
{
	struct kvm_vcpu_arch_shared *sh = v->vcpu.arch.shared;
	struct pt_regs *r = &v->vcpu.arch.regs;
	struct e500v2_frame *f = &v->frame;

	f->regs = r->gpr;	/* the switch code loads and saves them there */
	f->cr = r->ccr;
	f->xer = r->xer;
	f->lr = r->link;
	f->ctr = r->ctr;
	f->pc = r->nip;
	f->msr = SHADOW_MSR | e500v2_spe_shadow_msr(v);
	f->usprg0 = v->vcpu.arch.vrsave;
	/*
	 * SPRG3..7 are user-readable, so the real registers hold the
	 * guest's values while it runs; the shared page is where they are
	 * kept (mtspr traps, so the guest never changes them behind us).
	 */
	f->sprg3 = sh->sprg3;
	f->sprg4 = sh->sprg4;
	f->sprg5 = sh->sprg5;
	f->sprg6 = sh->sprg6;
	f->sprg7 = sh->sprg7;
}

static void save_frame(struct e500v2_vcpu *v)
{
	struct pt_regs *r = &v->vcpu.arch.regs;
	struct e500v2_frame *f = &v->frame;

	r->ccr = f->cr;
	r->xer = f->xer;
	r->link = f->lr;
	r->ctr = f->ctr;
	r->nip = f->pc;
	v->vcpu.arch.vrsave = f->usprg0;	/* user-writable: may have changed */
}

/*
 * An external interrupt took us out.  With the MPIC in external proxy
 * mode (coreint, which Linux uses on qemu_e500 and corenet) the core
 * acknowledged it when it was delivered, to our stub, and left its
 * vector in EPR: the MPIC no longer asserts it, so the host would never
 * take it, and the source would stay in service and mask everything of
 * its priority and below on this CPU (an IPI lost this way leaves the
 * CPU that sent it waiting for good).  Run the host's handler now, as
 * its vector would have; without proxy mode it acknowledges the MPIC
 * itself and the host finds nothing left when MSR[EE] comes back.
 */
static void host_external(void)
{
	struct pt_regs regs = {};

	regs.gpr[1] = current_stack_pointer;
	regs.nip = _THIS_IP_;
	regs.msr = mfmsr();	/* kernel mode, MSR[EE] = 0 */
	regs.trap = 0x500;
	do_IRQ(&regs);
}

static int enter_once(struct e500v2_vcpu *v)
{
	struct kvm_vcpu *vcpu = &v->vcpu;
	u32 nr;
	int irq;

	local_irq_disable();
	vcpu->mode = IN_GUEST_MODE;
	smp_mb();	/* pairs with kvm_vcpu_kick() reading vcpu->mode */
	if (signal_pending(current) || need_resched() ||
	    kvm_request_pending(vcpu)) {
		vcpu->mode = OUTSIDE_GUEST_MODE;
		local_irq_enable();
		return 1;
	}
	/* the highest-priority interrupt the guest can take goes in now */
	irq = e500_irq_next(vcpu);
	/* debug after critical input and watchdog, before base class */
	if (irq != E500_IVOR_CRITICAL && irq != E500_IVOR_WATCHDOG &&
	    e500v2_debug_pending(v))
		irq = E500V2_EXIT_DEBUG;
	/* a paravirt guest's critical section holds off the MSR[EE] class */
	if (irq == E500_IVOR_EXTERNAL || irq == E500_IVOR_FIT ||
	    irq == E500_IVOR_DEC)
		if (e500_pv_critical(vcpu, &v->pv))
			irq = -1;
	if (irq >= 0) {
		e500v2_deliver(v, irq, vcpu->arch.regs.nip);
		e500_irq_delivered(vcpu, irq);
		/* KVM_EXIT_EPR: userspace fills EPR before the handler runs */
		if (kvm_request_pending(vcpu)) {
			vcpu->mode = OUTSIDE_GUEST_MODE;
			local_irq_enable();
			return 1;
		}
	}
	/* the host PIDs of the guest's context, after any flush due */
	e500v2_shadow_prepare(v);
	if (v->pv.mapped)
		e500_pv_before_entry(vcpu, &v->pv, &v->gtlb);
	load_frame(v);

	/* memslot updates must not wait for the guest */
	kvm_vcpu_srcu_read_unlock(vcpu);
	trace_kvm_e500_enter(vcpu->vcpu_id, v->frame.pc);
	guest_enter_irqoff();
	nr = e500v2_enter(&v->frame, e500v2_switch_entry);
	guest_exit_irqoff();

	vcpu->mode = OUTSIDE_GUEST_MODE;
	save_frame(v);
	if (v->pv.mapped)
		e500_pv_after_exit(vcpu, &v->pv, &v->gtlb, E500V2_MSR_MASK);
	if (nr == E500V2_EXIT_EXTERNAL)
		host_external();
	/*
	 * A host decrementer interrupt took us out.  Book E makes it a
	 * level (TSR[DIS] & TCR[DIE]), so the host takes it as soon as
	 * MSR[EE] is set again; QEMU however drops the request once it has
	 * delivered it (to our stub), and the host CPU would then never see
	 * another timer interrupt.  Rewriting TCR with its own value makes
	 * the model re-evaluate the level; on hardware it changes nothing.
	 * Done too whenever the host's decrementer condition is pending
	 * after any exit, in case the request was dropped on another path.
	 */
	if (nr == E500V2_EXIT_DEC ||
	    ((mfspr(SPRN_TSR) & TSR_DIS) && (mfspr(SPRN_TCR) & TCR_DIE)))
		mtspr(SPRN_TCR, mfspr(SPRN_TCR));
	local_irq_enable();	/* host interrupts that kicked us out run now */
	kvm_vcpu_srcu_read_lock(vcpu);
	return 0;
}

/*
 * Requests other threads posted for this vCPU: <0 ends KVM_RUN with
 * that error, 1 returns to userspace with kvm_run filled in.
 */
static int handle_requests(struct e500v2_vcpu *v)
{
	struct kvm_vcpu *vcpu = &v->vcpu;

	if (!kvm_request_pending(vcpu))
		return 0;
	if (kvm_check_request(KVM_REQ_VM_DEAD, vcpu))
		return -EIO;
	if (kvm_check_request(KVM_REQ_WATCHDOG, vcpu)) {
		e500_watchdog_exit(vcpu);
		return 1;
	}
	if (kvm_check_request(KVM_REQ_EPR_EXIT, vcpu)) {
		vcpu->run->exit_reason = KVM_EXIT_EPR;
		vcpu->run->epr.epr = 0;
		vcpu->arch.epr_needed = 1;
		return 1;
	}
	if (kvm_check_request(KVM_REQ_TLB_FLUSH, vcpu))
		v->shadow_stale = true;
	if (kvm_check_request(KVM_REQ_E500V2_TLBIVAX, vcpu))
		e500v2_ivax_apply(v);
	kvm_check_request(KVM_REQ_UNBLOCK, vcpu);
	kvm_check_request(KVM_REQ_OUTSIDE_GUEST_MODE, vcpu);
	if (kvm_request_pending(vcpu)) {
		pr_warn_once("kvm-e500v2: dropping unknown vCPU requests 0x%llx\n",
			     (unsigned long long)READ_ONCE(vcpu->requests));
		WRITE_ONCE(vcpu->requests, 0);
	}
	return 0;
}

/*
 * MSR[WE] or EV_IDLE: the guest waits for an interrupt; sleep until one
 * comes.  EV_IDLE ends when an interrupt can be delivered (it is, at
 * the instruction after the hypercall); a signal leaves it pending, so
 * KVM_RUN goes on waiting.
 */
static bool guest_waits(struct e500v2_vcpu *v)
{
	if (!(e500v2_msr(v) & MSR_WE) && !v->idle)
		return false;
	if (e500_irq_next(&v->vcpu) >= 0 || e500v2_debug_pending(v)) {
		v->idle = false;
		return false;
	}
	kvm_vcpu_srcu_read_unlock(&v->vcpu);
	kvm_vcpu_halt(&v->vcpu);
	kvm_vcpu_srcu_read_lock(&v->vcpu);
	return true;
}

/*
 * One exit from the guest: handle it and count it once, under the
 * reason its vector or its handler gives.  Exit handlers look up memory
 * slots and the io bus: the caller holds kvm->srcu (see run_loop()).
 */
static int handle_exit(struct e500v2_vcpu *v)
{
	const struct exit_row *row = NULL;
	u32 nr = v->frame.exit_nr;
	int r;

	trace_kvm_e500_exit(v->vcpu.vcpu_id, nr, v->frame.pc, e500v2_msr(v),
			    v->frame.dear, v->frame.esr);
	if (nr < E500V2_NR_EXITS && exit_table[nr].fn)
		row = &exit_table[nr];
	v->why = row ? row->why : E500V2_WHY_OTHER;
	r = row ? row->fn(v) : exit_unexpected(v);
	e500v2_count_exit(v);
	return r;
}

/*
 * Runs with kvm->srcu held, so that the memslots the exit handlers look
 * up (TLB misses, MMIO, instruction fetch) stay valid; enter_once() and
 * guest_waits() drop it while the guest runs or waits.
 */
static int run_loop(struct e500v2_vcpu *v)
{
	struct kvm_vcpu *vcpu = &v->vcpu;
	struct kvm_run *run = vcpu->run;
	int r;

	for (;;) {
		if (signal_pending(current)) {
			run->exit_reason = KVM_EXIT_INTR;
			vcpu->stat.signal_exits++;
			return -EINTR;
		}
		/*
		 * Only when a reschedule is due: the RCU quiescent state an
		 * idle cond_resched() would report is reported at every guest
		 * entry (guest_enter_irqoff()), and this loop enters the guest
		 * or sleeps on every turn that does not return.
		 */
		if (need_resched())
			cond_resched();
		r = handle_requests(v);
		if (r)
			return r < 0 ? r : 0;
		/* an lmw/stmw with words left goes on before the guest runs */
		if (e500v2_mmio_busy(v)) {
			r = e500v2_mmio_continue(v);
		} else {
			if (guest_waits(v) || enter_once(v))
				continue;
			r = handle_exit(v);
		}
		if (r == E500V2_RESUME_GUEST)
			continue;
		return r == E500V2_RESUME_USER ? 0 : r;
	}
}

int e500v2_vcpu_run(struct kvm_vcpu *vcpu)
{
	struct e500v2_vcpu *v = to_e500v2(vcpu);
	int r;

	/* state no e500v2 can be in (see design.md, "Errors") */
	if (e500v2_msr(v) & ~E500V2_MSR_MASK)
		return -EINVAL;
	/* instruction addresses ignore their low two bits, as rfi does */
	vcpu->arch.regs.nip &= ~3ul;
	e500v2_complete_mmio(v);
	e500_hcall_complete(vcpu, &v->pv);
	/* the vector userspace acknowledged for KVM_EXIT_EPR */
	if (vcpu->arch.epr_needed) {
		vcpu->arch.epr = vcpu->run->epr.epr;
		vcpu->arch.epr_needed = 0;
	}
	/*
	 * immediate_exit: leave exit_reason alone, so that userspace that
	 * completes an MMIO exit this way still sees the exit it handled
	 */
	if (!vcpu->wants_to_run)
		return -EINTR;
	kvm_vcpu_srcu_read_lock(vcpu);
	r = run_loop(v);
	kvm_vcpu_srcu_read_unlock(vcpu);
	return r;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kvm-e500 trace events (tracefs: events/kvm_e500/).  Defined in kvm.ko
 * (trace.c), fired by the common core (hypercalls) and the e500v2
 * backend (entry, exit, emulation, shadow TLB writes and full shadow
 * flushes, interrupts it delivers).  Disabled, each costs a static branch.
 */
#ifndef KVM_E500_TRACE_TYPES
#define KVM_E500_TRACE_TYPES
/* what the emulation of one program interrupt came to */
enum e500_emul_outcome {
	E500_EMUL_DONE,		/* the instruction was emulated */
	E500_EMUL_REFLECTED,	/* an interrupt was delivered to the guest */
	E500_EMUL_DEBUG,	/* a guest debug event (TRAP) */
	E500_EMUL_BREAKPOINT,	/* userspace's breakpoint: KVM_EXIT_DEBUG */
	E500_EMUL_RETRY,	/* the page went away: the guest retries */
};

/* why a vCPU's whole shadow went (every entry, every pin) */
enum e500_flush_why {
	E500_FLUSH_STALE,	/* guest TLB1, SW TLB, memslot, notifier, ... */
	E500_FLUSH_CPU,		/* this CPU held another vCPU's or generation's */
	E500_FLUSH_PINS,	/* the pin list was full */
	E500_FLUSH_TIDS,	/* no host TID left for a new guest context */
	E500_FLUSH_DESTROY,	/* the vCPU goes away */
};
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM kvm_e500

#if !defined(KVM_E500_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define KVM_E500_TRACE_H

#include <linux/tracepoint.h>

#include "e500_pv.h"

TRACE_EVENT(kvm_e500_enter,
	    TP_PROTO(unsigned int vcpu_id, u32 pc),
	    TP_ARGS(vcpu_id, pc),
	    TP_STRUCT__entry(__field(unsigned int, vcpu_id)
			     __field(u32, pc)),
	    TP_fast_assign(__entry->vcpu_id = vcpu_id;
			   __entry->pc = pc;),
	    TP_printk("vcpu %u pc 0x%08x", __entry->vcpu_id, __entry->pc));

/* @nr: the host vector that took the guest out; dear/esr as it left them */
TRACE_EVENT(kvm_e500_exit,
	    TP_PROTO(unsigned int vcpu_id, u32 nr, u32 pc, u32 msr, u32 dear,
		     u32 esr),
	    TP_ARGS(vcpu_id, nr, pc, msr, dear, esr),
	    TP_STRUCT__entry(__field(unsigned int, vcpu_id)
			     __field(u32, nr)
			     __field(u32, pc)
			     __field(u32, msr)
			     __field(u32, dear)
			     __field(u32, esr)),
	    TP_fast_assign(__entry->vcpu_id = vcpu_id;
			   __entry->nr = nr;
			   __entry->pc = pc;
			   __entry->msr = msr;
			   __entry->dear = dear;
			   __entry->esr = esr;),
	    TP_printk("vcpu %u nr %u pc 0x%08x msr 0x%08x dear 0x%08x esr 0x%08x",
		      __entry->vcpu_id, __entry->nr, __entry->pc, __entry->msr,
		      __entry->dear, __entry->esr));

/* @insn: 0 when the interrupt was a trap (the word is not fetched) */
TRACE_EVENT(kvm_e500_emulate,
	    TP_PROTO(unsigned int vcpu_id, u32 insn, u32 pc,
		     unsigned int outcome),
	    TP_ARGS(vcpu_id, insn, pc, outcome),
	    TP_STRUCT__entry(__field(unsigned int, vcpu_id)
			     __field(u32, insn)
			     __field(u32, pc)
			     __field(unsigned int, outcome)),
	    TP_fast_assign(__entry->vcpu_id = vcpu_id;
			   __entry->insn = insn;
			   __entry->pc = pc;
			   __entry->outcome = outcome;),
	    TP_printk("vcpu %u insn 0x%08x pc 0x%08x %s", __entry->vcpu_id,
		      __entry->insn, __entry->pc,
		      __print_symbolic(__entry->outcome,
				       { E500_EMUL_DONE, "emulated" },
				       { E500_EMUL_REFLECTED, "reflected" },
				       { E500_EMUL_DEBUG, "debug" },
				       { E500_EMUL_BREAKPOINT, "breakpoint" },
				       { E500_EMUL_RETRY, "retry" })));

/* @status: r3 for the guest (userspace's calls: r3 as the guest set it) */
TRACE_EVENT(kvm_e500_hcall,
	    TP_PROTO(unsigned int vcpu_id, u32 token, u32 status,
		     unsigned int how),
	    TP_ARGS(vcpu_id, token, status, how),
	    TP_STRUCT__entry(__field(unsigned int, vcpu_id)
			     __field(u32, token)
			     __field(u32, status)
			     __field(unsigned int, how)),
	    TP_fast_assign(__entry->vcpu_id = vcpu_id;
			   __entry->token = token;
			   __entry->status = status;
			   __entry->how = how;),
	    TP_printk("vcpu %u token 0x%08x status %u %s", __entry->vcpu_id,
		      __entry->token, __entry->status,
		      __print_symbolic(__entry->how,
				       { E500_HCALL_DONE, "done" },
				       { E500_HCALL_IDLE, "idle" },
				       { E500_HCALL_USER, "user" })));

/* a host TLB entry written for the guest: @tlb 0 (4 KiB) or 1 (large) */
TRACE_EVENT(kvm_e500_shadow,
	    TP_PROTO(u32 ea, u64 pfn, u64 size, unsigned int tlb),
	    TP_ARGS(ea, pfn, size, tlb),
	    TP_STRUCT__entry(__field(u32, ea)
			     __field(u64, pfn)
			     __field(u64, size)
			     __field(unsigned int, tlb)),
	    TP_fast_assign(__entry->ea = ea;
			   __entry->pfn = pfn;
			   __entry->size = size;
			   __entry->tlb = tlb;),
	    TP_printk("ea 0x%08x pfn 0x%llx size 0x%llx tlb%u", __entry->ea,
		      __entry->pfn, __entry->size, __entry->tlb));

/* an interrupt taken in the guest: @ivor, the return address, the handler */
TRACE_EVENT(kvm_e500_deliver,
	    TP_PROTO(unsigned int vcpu_id, unsigned int ivor, u32 srr0, u32 pc),
	    TP_ARGS(vcpu_id, ivor, srr0, pc),
	    TP_STRUCT__entry(__field(unsigned int, vcpu_id)
			     __field(unsigned int, ivor)
			     __field(u32, srr0)
			     __field(u32, pc)),
	    TP_fast_assign(__entry->vcpu_id = vcpu_id;
			   __entry->ivor = ivor;
			   __entry->srr0 = srr0;
			   __entry->pc = pc;),
	    TP_printk("vcpu %u ivor %u srr0 0x%08x handler 0x%08x",
		      __entry->vcpu_id, __entry->ivor, __entry->srr0,
		      __entry->pc));

/*
 * a vCPU's whole shadow flushed, @why; @pins and @tids: pin-list records
 * and context TIDs in use until then
 */
TRACE_EVENT(kvm_e500_flush,
	    TP_PROTO(unsigned int vcpu_id, unsigned int why, unsigned int pins,
		     unsigned int tids),
	    TP_ARGS(vcpu_id, why, pins, tids),
	    TP_STRUCT__entry(__field(unsigned int, vcpu_id)
			     __field(unsigned int, why)
			     __field(unsigned int, pins)
			     __field(unsigned int, tids)),
	    TP_fast_assign(__entry->vcpu_id = vcpu_id;
			   __entry->why = why;
			   __entry->pins = pins;
			   __entry->tids = tids;),
	    TP_printk("vcpu %u %s pins %u tids %u", __entry->vcpu_id,
		      __print_symbolic(__entry->why,
				       { E500_FLUSH_STALE, "stale" },
				       { E500_FLUSH_CPU, "cpu" },
				       { E500_FLUSH_PINS, "pins" },
				       { E500_FLUSH_TIDS, "tids" },
				       { E500_FLUSH_DESTROY, "destroy" }),
		      __entry->pins, __entry->tids));

#endif /* KVM_E500_TRACE_H */

/* define_trace.h finds this file through CFLAGS_trace.o (Kbuild) */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>

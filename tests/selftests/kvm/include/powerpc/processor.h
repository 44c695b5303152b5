/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * powerpc (Book E, e500) definitions for the KVM selftests library:
 * SPR numbers, guest accessors, interrupt vectors and the exception frame.
 */
#ifndef SELFTEST_KVM_PROCESSOR_H
#define SELFTEST_KVM_PROCESSOR_H

#include "ex_layout.h"

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <linux/stringify.h>

#include "kvm_util.h"
#include "ucall_common.h"
#endif

/* SPR numbers (Book E, e500) */
#define SPRN_DEC	22
#define SPRN_SRR0	26
#define SPRN_SRR1	27
#define SPRN_PID	48
#define SPRN_DECAR	54
#define SPRN_CSRR0	58
#define SPRN_CSRR1	59
#define SPRN_DEAR	61
#define SPRN_ESR	62
#define SPRN_IVPR	63
#define SPRN_USPRG0	256
#define SPRN_SPRG3R	259
#define SPRN_SPRG4R	260
#define SPRN_SPRG5R	261
#define SPRN_SPRG6R	262
#define SPRN_SPRG7R	263
#define SPRN_SPRG0	272
#define SPRN_SPRG1	273
#define SPRN_SPRG2	274
#define SPRN_SPRG3	275
#define SPRN_SPRG4	276
#define SPRN_SPRG5	277
#define SPRN_SPRG6	278
#define SPRN_SPRG7	279
#define SPRN_PIR	286
#define SPRN_PVR	287
#define SPRN_TSR	336
#define SPRN_TCR	340
#define SPRN_IVOR0	400	/* IVOR0..15: 400..415 */
#define SPRN_IVOR32	528	/* IVOR32..35: 528..531 */
#define SPRN_MCSRR0	570
#define SPRN_MCSRR1	571
#define SPRN_MAS0	624
#define SPRN_MAS1	625
#define SPRN_MAS2	626
#define SPRN_MAS3	627
#define SPRN_MAS4	628
#define SPRN_MAS6	630
#define SPRN_MAS7	944

#define MSR_CE		0x00020000
#define MSR_EE		0x00008000
#define MSR_PR		0x00004000
#define MSR_ME		0x00001000
#define MSR_DE		0x00000200
#define MSR_IS		0x00000020
#define MSR_DS		0x00000010

/* ESR bits of a program interrupt */
#define ESR_PIL		0x08000000	/* illegal instruction */
#define ESR_PPR		0x04000000	/* privileged instruction */
#define ESR_PTR		0x02000000	/* trap */

/* SPRGs the library's exception code owns while a guest runs */
#define PPC_SPRG_RESERVED	"SPRG0, SPRG1, SPRG4, SPRG5"

#ifndef __ASSEMBLY__

/* interrupt vectors, numbered as their IVORs */
enum ppc_vector {
	VEC_CRITICAL = 0,
	VEC_MACHINE_CHECK = 1,
	VEC_DATA_STORAGE = 2,
	VEC_INSN_STORAGE = 3,
	VEC_EXTERNAL = 4,
	VEC_ALIGNMENT = 5,
	VEC_PROGRAM = 6,
	VEC_FP_UNAVAIL = 7,
	VEC_SYSCALL = 8,
	VEC_AP_UNAVAIL = 9,
	VEC_DECREMENTER = 10,
	VEC_FIT = 11,
	VEC_WATCHDOG = 12,
	VEC_DTLB_MISS = 13,
	VEC_ITLB_MISS = 14,
	VEC_DEBUG = 15,
	VEC_SPE_UNAVAIL = 32,
	VEC_SPE_DATA = 33,
	VEC_SPE_ROUND = 34,
	VEC_PERF_MONITOR = 35,
	NR_VECTORS = 36,
};

/* the interrupted context; handlers may change it (e.g. srr0 += 4) */
struct ex_regs {
	u32 gpr[32];
	u32 lr;
	u32 cr;
	u32 ctr;
	u32 xer;
	u32 srr0;
	u32 srr1;
	u32 esr;
	u32 dear;
	u32 vector;
	u32 pad[3];
};

typedef void (*exception_handler_fn)(struct ex_regs *regs);

/* handlers.S: the vector blob (copied to IVPR) and the AS1 entry */
extern const char ppc_vectors_start[], ppc_vectors_end[];
extern const char ppc_ex_entry[];

void vm_install_exception_handler(struct kvm_vm *vm, int vector,
				  exception_handler_fn handler);
void route_exception(struct ex_regs *regs);
void ppc_report_double_fault(struct kvm_vcpu *vcpu, u32 vector);

#define mfspr(n) ({							\
	u32 __v;							\
	asm volatile("mfspr %0, " __stringify(n) : "=r" (__v));		\
	__v;								\
})

#define mtspr(n, v) ({							\
	asm volatile("mtspr " __stringify(n) ", %0" : : "r" ((u32)(v)) : "memory"); \
})

static inline u32 guest_msr(void)
{
	u32 v;

	asm volatile("mfmsr %0" : "=r" (v));
	return v;
}

static inline void cpu_relax(void)
{
	asm volatile("or 1, 1, 1; or 2, 2, 2" : : : "memory");
}

#endif /* __ASSEMBLY__ */

#endif /* SELFTEST_KVM_PROCESSOR_H */

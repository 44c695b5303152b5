/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * e500v2 backend: per-vCPU state and the functions its files share.
 */
#ifndef KVM_E500V2_H
#define KVM_E500V2_H

#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500_core.h"
#include "e500_gtlb.h"
#include "e500_pv.h"
#include "frame.h"

/*
 * Shadow translations (and pinned pages) between two flushes: the host
 * TLB0 holds 512; with fewer, a paravirt-patched guest over 4 KiB pages
 * (kernel text plus its patch area) refilled the list every few hundred
 * misses and reached /init six times later.
 */
#define E500V2_MAX_PINNED	512

/*
 * Shadow translation contexts (mmu.c): each guest context gets a host
 * TID of its own, 1..E500V2_NR_TIDS, handed out again after every full
 * flush; a hash of the contexts in use finds them.
 */
#define E500V2_NR_TIDS		255
#define E500V2_CTX_SLOTS	512

struct e500v2_ctx_map {
	u32 key[E500V2_CTX_SLOTS];	/* 0: free slot */
	u8 tid[E500V2_CTX_SLOTS];
	unsigned int nr;		/* TIDs handed out since the flush */
	/*
	 * the guest state the frame's PID0/PID1 were set for: MSR[PR,IS,DS]
	 * (U32_MAX: none, after a flush) and the PIDs as they were
	 */
	u32 cur_msr, cur_pid, cur_pid1, cur_pid2;
};

/*
 * Another vCPU's tlbivax to apply to this vCPU's guest TLB before it
 * enters the guest again (tlbivax.c).  Waiting: the sender goes on once
 * every vCPU that was in the guest has left it.
 */
#define KVM_REQ_E500V2_TLBIVAX \
	KVM_ARCH_REQ_FLAGS(8, KVM_REQUEST_WAIT | KVM_REQUEST_NO_WAKEUP)
#define E500V2_IVAX_QUEUE	8

/* tlbivax operands other vCPUs sent this one (tlbivax.c) */
struct e500v2_ivax {
	spinlock_t lock;	/* senders add, the vCPU's own thread takes */
	unsigned int n;
	bool overflow;		/* more than fit: invalidate all unprotected */
	u32 ea[E500V2_IVAX_QUEUE];
};

/* exits: the host interrupt vector that took us out of the guest */
#define E500V2_EXIT_CRITICAL	0
#define E500V2_EXIT_MCHECK	1
#define E500V2_EXIT_DSI		2
#define E500V2_EXIT_ISI		3
#define E500V2_EXIT_EXTERNAL	4
#define E500V2_EXIT_ALIGNMENT	5
#define E500V2_EXIT_PROGRAM	6
#define E500V2_EXIT_FPU		7
#define E500V2_EXIT_SYSCALL	8
#define E500V2_EXIT_APU		9
#define E500V2_EXIT_DEC		10
#define E500V2_EXIT_FIT		11
#define E500V2_EXIT_WATCHDOG	12
#define E500V2_EXIT_DTLB	13
#define E500V2_EXIT_ITLB	14
#define E500V2_EXIT_DEBUG	15
#define E500V2_EXIT_SPE_UNAVAIL	32
#define E500V2_EXIT_SPE_DATA	33
#define E500V2_EXIT_SPE_ROUND	34
#define E500V2_EXIT_PERFMON	35
#define E500V2_NR_EXITS		36

/*
 * The MSR bits an e500v2 implements.  mtmsr, rfi and interrupts keep
 * the guest's MSR within them, as the core does; KVM_RUN refuses a
 * vCPU whose MSR (set by userspace) has any other bit (-EINVAL).
 */
#define E500V2_MSR_MASK	(MSR_UCLE | MSR_SPE | MSR_WE | MSR_CE | MSR_EE | \
			 MSR_PR | MSR_FP | MSR_ME | MSR_FE0 | MSR_DE | \
			 MSR_FE1 | MSR_IS | MSR_DS | MSR_PMM | MSR_RI)

/* a KVM_CAP_SW_TLB array: userspace pages pinned and mapped (swtlb.c) */
struct e500v2_swtlb {
	struct page **pages;
	unsigned int npages;
	void *map;			/* vmap of the pages, NULL: none */
	struct e500_gtlb_entry *entries;	/* inside map */
};

/*
 * Why the guest left, for the binary statistics: every exit counts
 * once, under one reason (exit_stat.c maps each to its counter).  The
 * exit's vector gives the default (run.c's exit table); handlers of
 * vectors with several outcomes set v->why.
 */
enum e500v2_why {
	E500V2_WHY_EMULATED,	/* a privileged instruction emulated */
	E500V2_WHY_PROGRAM,	/* a program interrupt reflected */
	E500V2_WHY_HCALL,	/* a hypercall */
	E500V2_WHY_SYSCALL,	/* the guest's own system call, reflected */
	E500V2_WHY_DEC,		/* host decrementer */
	E500V2_WHY_EXTERNAL,	/* host external interrupt (IPIs too) */
	E500V2_WHY_DSI,		/* data storage: reflected, or dirty logging */
	E500V2_WHY_ISI,		/* instruction storage, reflected */
	E500V2_WHY_ITLB_REAL,	/* the guest's TLB misses too: reflected */
	E500V2_WHY_ITLB_VIRT,	/* the guest's TLB translates */
	E500V2_WHY_DTLB_REAL,
	E500V2_WHY_DTLB_VIRT,
	E500V2_WHY_MMIO,	/* a load or store outside guest RAM */
	E500V2_WHY_ALIGNMENT,	/* reflected */
	E500V2_WHY_SPE,		/* SPE unavailable or SPE exception */
	E500V2_WHY_DEBUG,	/* a guest debug event or userspace breakpoint */
	E500V2_WHY_OTHER,	/* host FIT/perfmon, machine check, the rest */
	E500V2_NR_WHY
};

/* the stat counter of each reason: byte offset in struct kvm_vcpu_stat */
extern const u16 e500v2_why_stat[E500V2_NR_WHY];

/* what an exit handler tells the run loop */
enum e500v2_resume {
	E500V2_RESUME_GUEST,	/* enter the guest again */
	E500V2_RESUME_USER,	/* return to userspace, kvm_run filled in */
};

/* what an MMIO access in flight belongs to */
enum e500v2_mmio_kind {
	E500V2_MMIO_GPR,	/* one load or store of a GPR */
	E500V2_MMIO_MULTI,	/* lmw/stmw: a register per access */
	E500V2_MMIO_SPE,	/* an SPE load or store of a 64-bit GPR */
};

/* an SPE load/store form: access size, register <-> bytes (mmio_spe.c) */
struct e500v2_spe_form {
	u16 xo;
	u8 len;
	u64 (*load)(const u8 *p);
	void (*store)(u64 rs, u8 *p);
};

struct e500v2_mmio {
	bool waiting;		/* a load waits for userspace's data */
	bool active;		/* lmw/stmw part way through */
	bool store;
	enum e500v2_mmio_kind kind;
	unsigned int rt;	/* register; multiple: the next one */
	unsigned int len;
	bool sign_extend;
	bool reversed;
	u32 ea;			/* multiple: address of the next byte */
	unsigned int off;	/* multiple: next byte within register rt */
	unsigned int count;	/* multiple: bytes still to move */
	const struct e500v2_spe_form *spe;
};

/* the last code page an emulated instruction came from (fetch.c) */
struct e500v2_fetch {
	bool valid;
	bool hva_ok;		/* ghc usable; else read gpa uncached */
	u32 page;		/* effective address */
	u64 gpa;
	u32 gen;		/* shadow_gen it was translated under */
	u32 pid, pid1, pid2;
	u32 is;			/* MSR[IS] */
	struct gfn_to_hva_cache ghc;
};

struct e500v2_vcpu {
	struct kvm_vcpu vcpu;
	struct e500v2_frame frame;

	/*
	 * Guest architected state: MSR, SRR0/1, SPRG0-7, DEAR and ESR live
	 * in the shared page; IVPR, IVORs, CSRR/MCSRR, PID, PVR and the
	 * timer registers in vcpu->arch.
	 */

	/*
	 * e500 implementation registers the guest reads back.  Cache and
	 * branch-buffer control have no effect on the host; the debug
	 * registers hold their values but do not yet raise debug events.
	 */
	struct {
		u32 hid0, hid1;
		u32 l1csr0, l1csr1, l1cfg0, l1cfg1;
		u32 bucsr, svr;
		u32 mcsr, mcar;
		u32 pid1, pid2;
		u32 dbcr0, dbcr1, dbcr2, dbsr;
		u32 iac1, iac2, dac1, dac2;
	} impl;

	/* performance monitor registers: kept, not counting (pmr.c) */
	struct {
		u32 pmgc0, pmlca[4], pmlcb[4], pmc[4];
	} pm;

	/* the guest's TLB0/TLB1 and MAS registers */
	struct e500_gtlb gtlb;
	/* where gtlb's entries live after KVM_CAP_SW_TLB, else unused */
	struct e500v2_swtlb swtlb;
	/* other vCPUs' tlbivax not yet applied to gtlb */
	struct e500v2_ivax ivax;

	/* host shadow entries: pages pinned for them, released on flush */
	kvm_pfn_t pinned[E500V2_MAX_PINNED];
	bool pinned_dirty[E500V2_MAX_PINNED];
	/*
	 * references held from pinned[i] up, one per 4 KiB page: 1 (a 4 KiB
	 * shadow, or a large one inside one hugetlb folio, which holds a
	 * single reference to it), or the page count of a large shadow
	 * checked page by page (shadow_large.c)
	 */
	u32 pinned_refs[E500V2_MAX_PINNED];
	unsigned int nr_pinned;
	bool shadow_stale;	/* flush everything before entry */
	u32 shadow_gen;		/* pin-list generation, see mmu.c */
	struct e500v2_ctx_map ctx;	/* host TIDs of guest contexts */
	/* the last TLB miss given to the guest: page, MSR[PR,IS,DS] */
	u32 miss_page, miss_msr;

	struct e500v2_mmio mmio;
	struct e500v2_fetch fetch;
	u8 why;			/* enum e500v2_why of the exit in hand */

	/* paravirt: the shared page's mapping, hypercalls (pv.c) */
	struct e500_pv pv;
	bool idle;		/* EV_IDLE: sleep until an interrupt is due */

	/*
	 * The guest's SPE upper GPR halves and ACC are in the SPE unit
	 * (spe_loaded) from its first SPE instruction until the vCPU is put;
	 * otherwise in vcpu->arch.evr/acc.  SPEFSCR is switched at every
	 * entry and exit (frame.spefscr).
	 */
	bool spe_loaded;
};

static inline struct e500v2_vcpu *to_e500v2(struct kvm_vcpu *vcpu)
{
	return container_of(vcpu, struct e500v2_vcpu, vcpu);
}

static inline u32 e500v2_msr(struct e500v2_vcpu *v)
{
	return v->vcpu.arch.shared->msr;
}

static inline void e500v2_count_exit(struct e500v2_vcpu *v)
{
	u64 *stat = (u64 *)((char *)&v->vcpu.stat + e500v2_why_stat[v->why]);

	(*stat)++;
	v->vcpu.stat.sum_exits++;
}

/* run.c */
int e500v2_vcpu_run(struct kvm_vcpu *vcpu);
void e500v2_set_msr(struct e500v2_vcpu *v, u32 msr);

/* irq.c: architected interrupt delivery into the guest */
void e500v2_deliver(struct e500v2_vcpu *v, unsigned int ivor, u32 srr0);
void e500v2_program(struct e500v2_vcpu *v, u32 esr);

/* mmu.c */
int e500v2_tlb_init(struct e500v2_vcpu *v);
void e500v2_tlb_miss_mas(struct e500v2_vcpu *v, bool insn, u32 ea);
int e500v2_tlb_miss(struct e500v2_vcpu *v, bool insn, bool store, u32 ea);
int e500v2_dirty_store_fault(struct e500v2_vcpu *v, u32 ea);
bool e500v2_translate(struct e500v2_vcpu *v, bool insn, u32 ea, u64 *gpa);
void e500v2_shadow_flush(struct e500v2_vcpu *v, unsigned int why);
void e500v2_shadow_prepare(struct e500v2_vcpu *v);
void e500v2_shadow_forget(struct e500v2_vcpu *v);
void e500v2_shadow_map_host(struct e500v2_vcpu *v, u32 ea, kvm_pfn_t pfn,
			    u32 perms);
void e500v2_guest_tlbwe(struct e500v2_vcpu *v);
void e500v2_shadow_inval_page(struct e500v2_vcpu *v, u32 ea);

/* pv.c: hypercalls and the paravirt page */
extern const u32 e500v2_pv_hcall[4];
bool e500v2_is_hcall(struct e500v2_vcpu *v);
enum e500v2_resume e500v2_hypercall(struct e500v2_vcpu *v);
bool e500v2_is_magic(struct e500v2_vcpu *v, u32 ea);
bool e500v2_magic_fault(struct e500v2_vcpu *v, u32 ea);
long e500v2_map_magic(struct kvm_vcpu *vcpu, struct e500_pv *pv,
		      unsigned long pa, unsigned long ea_flags);
int e500v2_enable_cap(struct kvm_vcpu *vcpu, const struct kvm_enable_cap *cap);

/* pv_onereg.c: the page's mapping and words as ONE_REG rows */
u64 e500v2_get_magic(struct kvm_vcpu *vcpu, const struct e500_onereg *r);
int e500v2_set_magic(struct kvm_vcpu *vcpu, const struct e500_onereg *r,
		     u64 val);
u64 e500v2_get_magic_pa(struct kvm_vcpu *vcpu, const struct e500_onereg *r);
int e500v2_set_magic_pa(struct kvm_vcpu *vcpu, const struct e500_onereg *r,
			u64 val);
u64 e500v2_get_pv_word(struct kvm_vcpu *vcpu, const struct e500_onereg *r);
int e500v2_set_pv_word(struct kvm_vcpu *vcpu, const struct e500_onereg *r,
		       u64 val);

/* tlbivax.c: tlbivax reaches every vCPU of the VM */
void e500v2_ivax_init(struct e500v2_vcpu *v);
void e500v2_tlbivax(struct e500v2_vcpu *v, u32 ea);
void e500v2_ivax_apply(struct e500v2_vcpu *v);

/* host_tlb.c: raw host TLB writes, the host TLB1 entries we may use */
void e500v2_host_tlbwe(u32 mas0, u32 mas1, u32 mas2, u32 mas3, u32 mas7);
void e500v2_host_tlb1_init(void);
u64 e500v2_host_tlb1_max(void);
void e500v2_host_tlb1_write(u32 ea, u64 size, u32 wimge, u64 pa, u32 perms,
			    u32 tid);
void e500v2_host_tlb1_flush(void);
unsigned int e500v2_host_tlb0_inval_page(u32 ea);
bool e500v2_host_tlb_maps(u32 ea, u32 pid0, u32 pid1);

/* shadow_large.c: large shadow pages over contiguous host memory */
u64 e500v2_shadow_large(const struct kvm_memory_slot *slot, u64 gsize,
			u32 ea, u64 gpa, kvm_pfn_t *pfn, bool writable,
			unsigned long *refs);
void e500v2_shadow_release(kvm_pfn_t pfn, unsigned long n, bool dirty);

/* swtlb.c */
int e500v2_config_tlb(struct kvm_vcpu *vcpu, const struct kvm_config_tlb *cfg);
int e500v2_dirty_tlb(struct kvm_vcpu *vcpu, const struct kvm_dirty_tlb *d);
void e500v2_swtlb_release(struct e500v2_vcpu *v);

/* fetch.c */
int e500v2_fetch_insn(struct e500v2_vcpu *v, u32 *insn);

/* emulate.c */
enum e500v2_resume e500v2_emulate(struct e500v2_vcpu *v);

/* spr.c */
bool e500v2_mfspr(struct e500v2_vcpu *v, unsigned int sprn, u32 *val);
bool e500v2_mtspr(struct e500v2_vcpu *v, unsigned int sprn, u32 val);

/* pmr.c */
bool e500v2_mfpmr(struct e500v2_vcpu *v, unsigned int pmr, u32 *val);
bool e500v2_mtpmr(struct e500v2_vcpu *v, unsigned int pmr, u32 val);

/* emulate.c: cache locking from the guest kernel (a DSI on the host) */
enum e500v2_resume e500v2_cache_lock(struct e500v2_vcpu *v);

/*
 * debug.c.  The software breakpoint userspace plants (ONE_REG
 * KVM_REG_PPC_DEBUG_INST): primary opcode 0, illegal on the e500v2, so
 * it traps in guest user and supervisor mode alike.
 */
#define E500V2_SW_BREAKPOINT	0x00e5bb00
bool e500v2_debug_pending(struct e500v2_vcpu *v);
bool e500v2_debug_trap(struct e500v2_vcpu *v);
bool e500v2_debug_rfi(struct e500v2_vcpu *v);
void e500v2_debug_irpt(struct e500v2_vcpu *v);
int e500v2_set_guest_debug(struct kvm_vcpu *vcpu, struct kvm_guest_debug *dbg);
bool e500v2_sw_breakpoint(struct e500v2_vcpu *v, u32 insn);

/* mcheck.c */
bool e500v2_machine_check(struct e500v2_vcpu *v, u32 mcsr);
int e500v2_exit_mcheck(struct e500v2_vcpu *v);

/* sregs.c: the backend's SREGS groups */
void e500v2_get_sregs(struct kvm_vcpu *vcpu, struct kvm_sregs *s);
int e500v2_set_sregs(struct kvm_vcpu *vcpu, const struct kvm_sregs *s);

/* onereg.c: the backend's ONE_REG rows */
extern const struct e500_onereg e500v2_oneregs[];

/* mmio.c */
enum e500v2_resume e500v2_emulate_mmio(struct e500v2_vcpu *v, u64 gpa);
void e500v2_complete_mmio(struct e500v2_vcpu *v);
bool e500v2_mmio_busy(struct e500v2_vcpu *v);
enum e500v2_resume e500v2_mmio_continue(struct e500v2_vcpu *v);

enum e500v2_resume e500v2_mmio_io(struct e500v2_vcpu *v, u64 gpa, u8 *data);

/* mmio_multi.c: lmw/stmw */
enum e500v2_resume e500v2_multi_start(struct e500v2_vcpu *v, u32 insn);
enum e500v2_resume e500v2_multi_run(struct e500v2_vcpu *v);
void e500v2_multi_loaded(struct e500v2_vcpu *v, const u8 *data);
void e500v2_multi_stored(struct e500v2_vcpu *v);

/* mmio_spe.c */
const struct e500v2_spe_form *e500v2_spe_mmio_decode(u32 insn);

/* spe.c: lazily switched SPE state */
enum e500v2_resume e500v2_spe_unavailable(struct e500v2_vcpu *v);
enum e500v2_resume e500v2_spe_exception(struct e500v2_vcpu *v);
void e500v2_spe_put(struct e500v2_vcpu *v);
u32 e500v2_spe_shadow_msr(struct e500v2_vcpu *v);
u64 e500v2_spe_gpr64(struct e500v2_vcpu *v, unsigned int n);
void e500v2_spe_set_gpr64(struct e500v2_vcpu *v, unsigned int n, u64 val);

/* spe_regs.S: MSR[SPE] must be set; the lower GPR halves are untouched */
void e500v2_spe_save(unsigned long *upper, u64 *acc);
void e500v2_spe_restore(const unsigned long *upper, const u64 *acc);

#endif /* KVM_E500V2_H */

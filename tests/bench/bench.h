/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kvm_bench: one workload per invocation, run on any e500v2 KVM host
 * (ours or upstream's: only the standard uapi) or natively on the bare
 * host.  Each prints "@@BENCH <row> <value> <unit>" lines; the value is
 * emulated host instructions per operation (under QEMU -icount
 * shift=0 CLOCK_MONOTONIC advances 1 ns per instruction), measured as
 * the time of 2N operations minus the time of N, divided by N, so
 * that set-up, entry and exit costs cancel.
 */
#ifndef KVM_BENCH_H
#define KVM_BENCH_H

#include <stdint.h>
#include <stdio.h>

#include "guest_prog.h"

#define MIB		(1024u * 1024u)

typedef __u64 u64;

/* guest layout: RAM at GPA 0, one 64 MiB TLB1 entry over it at EA 0 */
#define B_MAP_SIZE	(64 * MIB)
#define B_SMALL_RAM	MIB
#define B_MMIO		0x10000000u	/* 4 KiB TLB1 entry, not RAM */
#define B_EXIT		(B_MMIO + 0)	/* the guest's final store */
#define B_IOEVENT	(B_MMIO + 0x100)
#define B_MPIC		0x11000000u	/* 256 KiB TLB1 entry */

/* registers the harness sets before each run */
#define R_COUNT		9		/* iterations */
#define R_MMIO		30		/* B_MMIO */

/* one VM with one vCPU, its TLBs in an array shared with userspace */
struct bvm {
	struct guest g;
	size_t ram_size;
	struct kvm_book3e_206_tlb_entry *tlb;
};

/* RAM of @size bytes at GPA 0 (@huge: hugetlbfs), code at GUEST_CODE */
int bvm_create(struct bvm *b, size_t size, int huge);
void bvm_destroy(struct bvm *b);
void bvm_load(struct bvm *b, u32 gpa, const struct prog *p);
/*
 * One KVM_RUN from GUEST_CODE with R_COUNT = @count; the guest must end
 * with a store to B_EXIT, whose value goes to @val.  Returns the
 * elapsed time in ns, or -1.
 */
long long bvm_time(struct bvm *b, u32 count, u32 *val);

long long now_ns(void);
void *map_mem(size_t size, int huge);
void report(const char *row, long long delta, unsigned long long ops,
	    const char *unit);
int fail(const char *row, const char *fmt, ...);

/* the workloads: guest_* on a KVM host, bare_* on the bare host */
int guest_simple(const char *row);
int guest_mmio(const char *row);
int guest_ioeventfd(const char *row);
int guest_tlbmiss(const char *row);
int guest_walk(const char *row);
int guest_irqfd(const char *row);
int bare_syscall(const char *row);
int bare_eventfd(const char *row);
int bare_kernel(const char *row);
int bare_walk(const char *row);
int bare_tlbmiss(const char *row);

#endif /* KVM_BENCH_H */

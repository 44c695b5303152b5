// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm_bench's bare rows: each guest row's operation done natively on
 * the bare host (Documentation/performance.md defines each).  Timed
 * like the guest rows: 2N operations minus N, over N.
 */
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>

#include "bench.h"

#define N_OPS		2000
#define DEBUGFS_DIR	"/sys/kernel/debug/kvm_e500_bench/"

static long long time_syscalls(unsigned int n)
{
	long long t0 = now_ns();

	while (n--)
		syscall(SYS_getppid);
	return now_ns() - t0;
}

/* hcall: a null system call */
int bare_syscall(const char *row)
{
	long long t1, t2;

	time_syscalls(N_OPS);		/* warm-up */
	t1 = time_syscalls(N_OPS);
	t2 = time_syscalls(2 * N_OPS);

	report(row, t2 - t1, N_OPS, "insns/op");
	return 0;
}

static long long time_writes(int fd, unsigned int n, int *bad)
{
	u64 one = 1;
	long long t0 = now_ns();

	while (n--)
		*bad |= write(fd, &one, 8) != 8;
	return now_ns() - t0;
}

/* ioeventfd: write(2) of 1 to an eventfd */
int bare_eventfd(const char *row)
{
	int fd = eventfd(0, EFD_NONBLOCK), bad = 0;
	long long t1, t2;
	u64 c = 0;

	if (fd < 0)
		return fail(row, "eventfd");
	time_writes(fd, N_OPS, &bad);	/* warm-up */
	t1 = time_writes(fd, N_OPS, &bad);
	t2 = time_writes(fd, 2 * N_OPS, &bad);
	if (bad || read(fd, &c, 8) != 8 || c != 4 * N_OPS)
		return fail(row, "eventfd count %llu, want %u",
			    (unsigned long long)c, 4 * N_OPS);
	report(row, t2 - t1, N_OPS, "insns/op");
	close(fd);
	return 0;
}

/* mfspr, mtmsr, mmio, irqfd: kernel mode, from kvm-e500-bench.ko */
int bare_kernel(const char *row)
{
	const char *file = !strcmp(row, "irqfd") ? "irq" : row;
	char path[128];
	unsigned long long n = 0;
	long long delta = 0;
	FILE *f;

	snprintf(path, sizeof(path), DEBUGFS_DIR "%s", file);
	f = fopen(path, "r");
	if (!f || fscanf(f, "%llu %lld", &n, &delta) != 2 || !n)
		return fail(row, "reading %s", path);
	fclose(f);
	report(row, delta, n, "insns/op");
	return 0;
}

typedef u32 (*walk_fn)(u32 base, u32 n, u32 passes, u32 r6, u32 r7,
		       u32 r8, u32 r9, u32 stride);

/* the guest's walk instructions, as a function of this process */
static walk_fn native_walk(void)
{
	struct prog p = { .n = 0 };
	void *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (code == MAP_FAILED)
		return NULL;
	emit_walk(&p);
	emit(&p, I_OR(3, 6, 6));
	emit(&p, I_BLR);
	memcpy(code, prog_words(&p), p.n * 4);
	__builtin___clear_cache(code, (char *)code + p.n * 4);
	if (mprotect(code, 4096, PROT_READ | PROT_EXEC))
		return NULL;
	return (walk_fn)code;
}

static int walk_row(const char *row, int huge, u32 stride, u32 passes)
{
	u32 n = B_MAP_SIZE / stride, sum = 0, s1, s2, i, w;
	u8 *mem = map_mem(B_MAP_SIZE, huge);
	walk_fn walk = native_walk();
	long long t1, t2;

	if (!mem || !walk)
		return fail(row, "mapping %s memory", huge ? "hugetlbfs" : "4 KiB");
	for (i = 0; i < B_MAP_SIZE; i += 4)
		*(u32 *)(mem + i) = i * 2654435761u;
	for (i = 0; i < B_MAP_SIZE; i += stride) {
		memcpy(&w, mem + i, 4);
		sum += w;
	}
	s1 = walk((uintptr_t)mem, n, 1, 0, 0, 0, 0, stride);	/* faults */
	t1 = now_ns();
	s1 = walk((uintptr_t)mem, n, passes, 0, 0, 0, 0, stride);
	t1 = now_ns() - t1;
	t2 = now_ns();
	s2 = walk((uintptr_t)mem, n, 2 * passes, 0, 0, 0, 0, stride);
	t2 = now_ns() - t2;
	if (s1 != sum * passes || s2 != sum * 2 * passes)
		return fail(row, "walk sums 0x%x, 0x%x, want 0x%x", s1, s2, sum * passes);
	report(row, t2 - t1, (unsigned long long)n * passes,
	       stride == 4096 ? "insns/op" : "insns/access");
	munmap(mem, B_MAP_SIZE);
	return 0;
}

/* walk4k, walkhuge: the guest's walk over 4 KiB or hugetlbfs memory */
int bare_walk(const char *row)
{
	return walk_row(row, !strcmp(row, "walkhuge"), 32, 2);
}

/*
 * tlbmiss: one load per 4 KiB page over 64 MiB of 4 KiB pages, 32 times
 * the host's 512 TLB0 entries, so every load takes a data TLB miss the
 * host kernel's miss handler refills.
 */
int bare_tlbmiss(const char *row)
{
	return walk_row(row, 0, 4096, 4);
}

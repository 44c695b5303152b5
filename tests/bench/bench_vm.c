// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm_bench's VM: RAM at GPA 0 and the guest TLBs in an array shared
 * with KVM (KVM_CAP_SW_TLB), filled by userspace and announced with
 * KVM_DIRTY_TLB, so that both backends start the guest with the same
 * translations: TLB1[0] maps 64 MiB at EA 0 to GPA 0, TLB1[1] 4 KiB of
 * MMIO at B_MMIO and TLB1[2] 256 KiB at B_MPIC, for
 * the in-kernel MPIC of the irqfd row.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>

#include "bench.h"

#define TLB0_SIZE	512
#define TLB0_WAYS	4
#define TLB1_SIZE	16
#define TLB_ENTRIES	(TLB0_SIZE + TLB1_SIZE)
#define MAS1_V		0x80000000u
#define TSIZE_4K	0x100u
#define TSIZE_256K	0x400u
#define TSIZE_64M	0x800u
#define MAS3_SRWX	0x15u
#define MAP_HUGE	0x40000		/* MAP_HUGETLB */

long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

void *map_mem(size_t size, int huge)
{
	void *m = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | (huge ? MAP_HUGE : 0), -1, 0);

	return m == MAP_FAILED ? NULL : m;
}

void report(const char *row, long long delta, unsigned long long ops,
	    const char *unit)
{
	printf("@@BENCH %s %.2f %s\n", row, (double)delta / ops, unit);
	fflush(stdout);
}

int fail(const char *row, const char *fmt, ...)
{
	va_list ap;

	printf("@@BENCH %s FAIL ", row);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" (errno %d)\n", errno);
	fflush(stdout);
	return 1;
}

static void tlb_set(struct kvm_book3e_206_tlb_entry *e, u32 mas1, u32 ea, u32 pa)
{
	e->mas8 = 0;
	e->mas1 = mas1;
	e->mas2 = ea;
	e->mas7_3 = pa | MAS3_SRWX;
}

static int sw_tlb(struct bvm *b)
{
	static const struct kvm_book3e_206_tlb_params geo = {
		.tlb_sizes = { TLB0_SIZE, TLB1_SIZE },
		.tlb_ways = { TLB0_WAYS, TLB1_SIZE },
	};
	size_t len = TLB_ENTRIES * sizeof(*b->tlb);
	struct kvm_config_tlb cfg = { .mmu_type = KVM_MMU_FSL_BOOKE_NOHV };
	struct kvm_enable_cap cap = { .cap = KVM_CAP_SW_TLB };
	__u64 bits[(TLB_ENTRIES + 63) / 64];
	struct kvm_dirty_tlb d = { .bitmap = (uintptr_t)bits };

	b->tlb = calloc(1, len);
	if (!b->tlb)
		return -1;
	tlb_set(&b->tlb[TLB0_SIZE], MAS1_V | TSIZE_64M, 0, 0);
	tlb_set(&b->tlb[TLB0_SIZE + 1], MAS1_V | TSIZE_4K, B_MMIO, B_MMIO);
	tlb_set(&b->tlb[TLB0_SIZE + 2], MAS1_V | TSIZE_256K, B_MPIC, B_MPIC);
	cfg.params = (uintptr_t)&geo;
	cfg.array = (uintptr_t)b->tlb;
	cfg.array_len = len;
	cap.args[0] = (uintptr_t)&cfg;
	if (ioctl(b->g.vcpu, KVM_ENABLE_CAP, &cap))
		return -1;
	memset(bits, 0xff, sizeof(bits));
	d.num_dirty = TLB_ENTRIES;
	return ioctl(b->g.vcpu, KVM_DIRTY_TLB, &d);
}

int bvm_create(struct bvm *b, size_t size, int huge)
{
	struct kvm_userspace_memory_region reg = { 0 };
	struct guest *g = &b->g;
	int mmap_size;

	memset(b, 0, sizeof(*b));
	b->ram_size = size;
	g->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (g->kvm < 0)
		return -1;
	do
		g->vm = ioctl(g->kvm, KVM_CREATE_VM, 0);
	while (g->vm < 0 && errno == EINTR);
	g->ram = map_mem(size, huge);
	if (g->vm < 0 || !g->ram)
		return -1;
	reg.memory_size = size;
	reg.userspace_addr = (uintptr_t)g->ram;
	if (ioctl(g->vm, KVM_SET_USER_MEMORY_REGION, &reg))
		return -1;
	g->vcpu = ioctl(g->vm, KVM_CREATE_VCPU, 0);
	mmap_size = ioctl(g->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (g->vcpu < 0 || mmap_size <= 0)
		return -1;
	g->run = mmap(NULL, mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      g->vcpu, 0);
	if (g->run == MAP_FAILED) {
		g->run = NULL;
		return -1;
	}
	g->run_size = mmap_size;
	return sw_tlb(b);
}

/*
 * The vCPU's binary stats (KVM_GET_STATS_FD, generic uapi; the names
 * are each backend's own): every non-zero cumulative counter as a
 * "# stat NAME VALUE" line, for explaining a row's figure.
 */
static void bvm_stats(struct bvm *b)
{
	struct kvm_stats_header h;
	struct kvm_stats_desc *d;
	size_t dsize;
	char *descs;
	u32 i;
	int fd = ioctl(b->g.vcpu, KVM_GET_STATS_FD, NULL);

	if (fd < 0 || pread(fd, &h, sizeof(h), 0) != sizeof(h))
		goto out;
	dsize = (sizeof(*d) + h.name_size) * h.num_desc;
	descs = malloc(dsize);
	if (!descs || pread(fd, descs, dsize, h.desc_offset) != (ssize_t)dsize)
		goto out_free;
	for (i = 0; i < h.num_desc; i++) {
		u64 v = 0;

		d = (void *)(descs + i * (sizeof(*d) + h.name_size));
		if ((d->flags & KVM_STATS_TYPE_MASK) != KVM_STATS_TYPE_CUMULATIVE ||
		    pread(fd, &v, sizeof(v), h.data_offset + d->offset) != sizeof(v) ||
		    !v)
			continue;
		printf("# stat %s %llu\n", d->name, (unsigned long long)v);
	}
out_free:
	free(descs);
out:
	if (fd >= 0)
		close(fd);
}

void bvm_destroy(struct bvm *b)
{
	struct guest *g = &b->g;

	bvm_stats(b);

	if (g->run)
		munmap(g->run, g->run_size);
	close(g->vcpu);
	close(g->vm);
	close(g->kvm);
	if (g->ram)
		munmap(g->ram, b->ram_size);
	free(b->tlb);
}

void bvm_load(struct bvm *b, u32 gpa, const struct prog *p)
{
	prog_put(&b->g, gpa, p);
}

long long bvm_time(struct bvm *b, u32 count, u32 *val)
{
	struct kvm_regs regs;
	long long t0, t1;

	if (ioctl(b->g.vcpu, KVM_GET_REGS, &regs))
		return -1;
	regs.pc = GUEST_CODE;
	regs.msr = 0;
	regs.gpr[3] = 0xdeadbeef;
	regs.gpr[R_COUNT] = count;
	regs.gpr[R_MMIO] = B_MMIO;
	if (ioctl(b->g.vcpu, KVM_SET_REGS, &regs))
		return -1;
	t0 = now_ns();
	if (!guest_store_exit(&b->g, B_EXIT, val))
		return -1;
	t1 = now_ns();
	return t1 - t0;
}

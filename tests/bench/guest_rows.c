// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm_bench's guest rows that run as one loop inside one KVM_RUN: the
 * guest does a prologue, R_COUNT iterations of the operation and stores
 * a result to B_EXIT, which is checked.  The time of 2N iterations
 * minus the time of N, over N, is one operation.
 */
#include <stdlib.h>
#include <sys/eventfd.h>

#include "bench.h"

#define N_OPS		2000
#define SPR_IVOR13	413
#define SPR_MAS7_	944
#define SPRG1_MAGIC	0x1234
#define MSR_TARGET	MSR_ME
#define HC_FEATURES	((42u << 16) | 3)	/* KVM vendor, KVM_HC_FEATURES */

/* the loop around a body: count down R_COUNT, then store r3 to B_EXIT */
static void emit_loop(struct prog *p, const u32 *body, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		emit(p, body[i]);
	emit(p, I_ADDIC_(R_COUNT, R_COUNT, -1));
	emit(p, I_BNE(-4 * (int)(n + 1)));
}

static void emit_exit(struct prog *p)
{
	emit(p, I_STW(3, 0, R_MMIO));
	emit(p, I_SELF_LOOP);
}

/* N and 2N iterations, each checked against @want; reports one op */
static int measure(struct bvm *b, const char *row, u32 want, unsigned int per_iter)
{
	long long t1, t2;
	u32 v1 = 0, v2 = 0;

	/* a first run takes the one-time faults and shadow set-up */
	bvm_time(b, N_OPS, &v1);
	t1 = bvm_time(b, N_OPS, &v1);
	t2 = bvm_time(b, 2 * N_OPS, &v2);
	if (t1 < 0 || t2 < 0)
		return fail(row, "the guest did not end with its store to B_EXIT (exit %u)",
			    b->g.run->exit_reason);
	if (v1 != want || v2 != want)
		return fail(row, "guest result 0x%x, 0x%x, want 0x%x", v1, v2, want);
	report(row, t2 - t1, (unsigned long long)N_OPS * per_iter, "insns/op");
	return 0;
}

static int hcall_prog(struct bvm *b, struct prog *p)
{
	struct kvm_ppc_pvinfo pv;
	u32 body[6];

	if (ioctl(b->g.vm, KVM_PPC_GET_PVINFO, &pv))
		return -1;
	body[0] = I_LIS(11, HC_FEATURES >> 16);
	body[1] = I_ORI(11, 11, HC_FEATURES & 0xffff);
	memcpy(&body[2], pv.hcall, sizeof(pv.hcall));
	emit_loop(p, body, 6);
	return 0;
}

/* hcall, mfspr, mtmsr: an emulated operation per iteration, no exit */
int guest_simple(const char *row)
{
	struct prog p = { .n = 0 };
	struct bvm b;
	u32 want, body;
	int r;

	if (bvm_create(&b, B_SMALL_RAM, 0))
		return fail(row, "VM set-up");
	if (!strcmp(row, "hcall")) {
		/* KVM_HC_FEATURES answered in the kernel: r3 = EV_SUCCESS */
		if (hcall_prog(&b, &p))
			return fail(row, "KVM_PPC_GET_PVINFO");
		want = 0;
	} else if (!strcmp(row, "mfspr")) {
		emit(&p, I_LI(5, SPRG1_MAGIC));
		emit(&p, I_MTSPR(SPR_SPRG1, 5));
		body = I_MFSPR(3, SPR_SPRG1);
		emit_loop(&p, &body, 1);
		want = SPRG1_MAGIC;
	} else {
		emit(&p, I_LI(5, MSR_TARGET));
		body = I_MTMSR(5);
		emit_loop(&p, &body, 1);
		emit(&p, I_MFMSR(3));
		want = MSR_TARGET;
	}
	emit_exit(&p);
	bvm_load(&b, GUEST_CODE, &p);
	r = measure(&b, row, want, 1);
	bvm_destroy(&b);
	return r;
}

/* one guest store to MMIO, exit to userspace and back, per operation */
int guest_mmio(const char *row)
{
	const u32 code[] = {
		I_LIS(R_MMIO, B_MMIO >> 16),
		I_LI(5, 0),
		I_STW(5, 0x10, R_MMIO),
		I_ADDI(5, 5, 1),
		I_B(-8),
	};
	struct prog p = { .n = 0 };
	struct kvm_run *run;
	long long t[3];
	unsigned int k, i, v = 0;
	struct bvm b;

	if (bvm_create(&b, B_SMALL_RAM, 0))
		return fail(row, "VM set-up");
	for (i = 0; i < ARRAY_LEN(code); i++)
		emit(&p, code[i]);
	bvm_load(&b, GUEST_CODE, &p);
	guest_set_pc(&b.g, GUEST_CODE, 0);
	run = b.g.run;
	/* k = 0 warms up; then N and 2N round trips */
	for (k = 0; k < 3; k++) {
		unsigned int n = N_OPS * (k ? k : 1);

		t[k] = now_ns();
		for (i = 0; i < n; i++, v++) {
			if (ioctl(b.g.vcpu, KVM_RUN, 0) ||
			    run->exit_reason != KVM_EXIT_MMIO || !run->mmio.is_write ||
			    run->mmio.phys_addr != B_MMIO + 0x10 || mmio_value(run) != v)
				return fail(row, "exit %u: not the store of %u", i, v);
		}
		t[k] = now_ns() - t[k];
	}
	report(row, t[2] - t[1], N_OPS, "insns/op");
	bvm_destroy(&b);
	return 0;
}

/* a guest store to an ioeventfd address: signalled in the kernel */
int guest_ioeventfd(const char *row)
{
	struct prog p = { .n = 0 };
	struct kvm_ioeventfd io = { .addr = B_IOEVENT, .len = 4 };
	u32 body = I_STW(3, B_IOEVENT - B_MMIO, R_MMIO);
	long long t1, t2;
	u64 c1 = 0, c2 = 0;
	u32 v1, v2;
	struct bvm b;

	if (bvm_create(&b, B_SMALL_RAM, 0))
		return fail(row, "VM set-up");
	io.fd = eventfd(0, EFD_NONBLOCK);
	if (io.fd < 0 || ioctl(b.g.vm, KVM_IOEVENTFD, &io))
		return fail(row, "KVM_IOEVENTFD");
	emit(&p, I_LI(3, 0x600));
	emit_loop(&p, &body, 1);
	emit_exit(&p);
	bvm_load(&b, GUEST_CODE, &p);
	bvm_time(&b, N_OPS, &v1);	/* the one-time costs */
	if (read(io.fd, &c1, 8) != 8 || c1 != N_OPS)
		return fail(row, "eventfd counted %llu, want %u",
			    (unsigned long long)c1, N_OPS);
	t1 = bvm_time(&b, N_OPS, &v1);
	if (read(io.fd, &c1, 8) != 8)
		c1 = 0;
	t2 = bvm_time(&b, 2 * N_OPS, &v2);
	if (read(io.fd, &c2, 8) != 8)
		c2 = 0;
	if (t1 < 0 || t2 < 0 || v1 != 0x600 || v2 != 0x600)
		return fail(row, "the guest did not end with its store to B_EXIT");
	if (c1 != N_OPS || c2 != 2 * N_OPS)
		return fail(row, "eventfd counted %llu and %llu, want %u and %u",
			    (unsigned long long)c1, (unsigned long long)c2,
			    N_OPS, 2 * N_OPS);
	report(row, t2 - t1, N_OPS, "insns/op");
	close(io.fd);
	bvm_destroy(&b);
	return 0;
}

/*
 * Two loads per iteration at EAs no TLB entry maps, both in TLB0 set 0:
 * each takes a data TLB miss the guest's own handler (IVOR13) serves by
 * writing way 0 of the set with tlbwe, evicting the other, then rfi.
 */
#define MISS_A		0x20000000u
#define MISS_B		(MISS_A + 128 * 4096)	/* 128 sets of 4 ways */
#define MISS_PA		0x80000u
#define MISS_DATA	0x5a5a5a5au
#define HANDLER		0x800

int guest_tlbmiss(const char *row)
{
	struct prog p = { .n = 0 }, h = { .n = 0 };
	u32 body[2] = { I_LWZ(3, 0, 24), I_LWZ(3, 0, 25) };
	struct bvm b;
	int r;

	if (bvm_create(&b, B_SMALL_RAM, 0))
		return fail(row, "VM set-up");
	memset(b.g.ram + MISS_PA, 0x5a, 4096);
	emit(&p, I_LI(5, 0));
	emit(&p, I_MTSPR(SPR_IVPR, 5));
	emit(&p, I_MTSPR(SPR_MAS7_, 5));
	emit(&p, I_LI(5, HANDLER));
	emit(&p, I_MTSPR(SPR_IVOR13, 5));
	emit_li32(&p, 20, 0x80000100u);			/* MAS1: V, 4 KiB */
	emit_li32(&p, 22, MISS_PA | 0x15);		/* MAS3 */
	emit(&p, I_LI(23, 0));				/* MAS0: TLB0 way 0 */
	emit_li32(&p, 24, MISS_A);
	emit_li32(&p, 25, MISS_B);
	emit_loop(&p, body, 2);
	emit_exit(&p);
	emit(&h, I_MFSPR(21, SPR_DEAR));
	emit(&h, I_RLWINM(21, 21, 0, 0, 19));
	emit(&h, I_MTSPR(SPR_MAS2, 21));
	emit(&h, I_MTSPR(SPR_MAS0, 23));
	emit(&h, I_MTSPR(SPR_MAS1, 20));
	emit(&h, I_MTSPR(SPR_MAS3, 22));
	emit(&h, I_TLBWE);
	emit(&h, I_RFI);
	bvm_load(&b, GUEST_CODE, &p);
	bvm_load(&b, HANDLER, &h);
	r = measure(&b, row, MISS_DATA, 2);
	bvm_destroy(&b);
	return r;
}

/* 64 MiB, one load per 32 bytes: walk4k (anonymous) or walkhuge */
#define WALK_STRIDE	32
#define WALK_PASSES	2

int guest_walk(const char *row)
{
	u32 n = B_MAP_SIZE / WALK_STRIDE, sum = 0, v1 = 0, v2 = 0, i, w;
	struct prog p = { .n = 0 };
	long long t[2];
	struct bvm b;
	int k;

	if (bvm_create(&b, B_MAP_SIZE, !strcmp(row, "walkhuge")))
		return fail(row, "VM set-up over %s memory", row + 4);
	for (i = 0; i < B_MAP_SIZE; i += 4)
		*(u32 *)(b.g.ram + i) = i * 2654435761u;
	emit(&p, I_LI(3, 0));
	emit(&p, I_LIS(4, n >> 16));
	emit(&p, I_ORI(4, 4, n & 0xffff));
	emit(&p, I_OR(5, R_COUNT, R_COUNT));
	emit(&p, I_LI(10, WALK_STRIDE));
	emit_walk(&p);
	emit(&p, I_OR(3, 6, 6));
	emit_exit(&p);
	bvm_load(&b, GUEST_CODE, &p);
	/* what one pass sums, the code page included */
	for (i = 0; i < B_MAP_SIZE; i += WALK_STRIDE) {
		memcpy(&w, b.g.ram + i, 4);
		sum += w;
	}
	/* a first pass takes the one-time faults and shadow set-up */
	if (bvm_time(&b, 1, &v1) < 0 || v1 != sum)
		return fail(row, "first pass summed 0x%x, want 0x%x", v1, sum);
	for (k = 0; k < 2; k++) {
		t[k] = bvm_time(&b, WALK_PASSES * (k + 1), k ? &v2 : &v1);
		if (t[k] < 0)
			return fail(row, "no end of walk");
	}
	if (v1 != sum * WALK_PASSES || v2 != sum * 2 * WALK_PASSES)
		return fail(row, "walk sums 0x%x, 0x%x, want 0x%x, 0x%x", v1, v2,
			    sum * WALK_PASSES, sum * 2 * WALK_PASSES);
	report(row, t[1] - t[0], (unsigned long long)n * WALK_PASSES, "insns/access");
	bvm_destroy(&b);
	return 0;
}

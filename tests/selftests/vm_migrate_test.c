// SPDX-License-Identifier: GPL-2.0-only
/*
 * Whole-VM migration through a file into a new process.  Two vCPUs
 * wired to the in-kernel MPIC, each with its guest TLBs in a
 * KVM_CAP_SW_TLB array, the paravirt page mapped, the decrementer and
 * an MPIC global timer interrupting, run a workload that rewrites 320
 * KiB of memory per vCPU through its own TLB1 and TLB0 entries with a
 * running checksum and checks its own invariants every pass (GPRs,
 * SPRG1/SPRG4, the page's scratch word, the vectors it acknowledged);
 * a broken one is reported by MMIO.  The source pre-copies RAM with
 * KVM_GET_DIRTY_LOG while the vCPUs run, stops them, writes every piece
 * of state (vm_migrate_state.h) to a file, destroys the VM and exec()s
 * itself with --restore; the new process checks the file, builds a new
 * VM in the documented order (Documentation/design.md, "Migration") and
 * the guest goes on: its next report is the one after the last, its
 * checksums hold, its interrupt counters go on counting.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "pv_asm.h"
#include "tap.h"
#include "vm_migrate_state.h"
#include "../../include/kvm_e500_regs.h"

#define I_CMPW(ra, rb)	((31u << 26) | ((ra) << 16) | ((rb) << 11))
#define I_CMPWI(ra, v)	((11u << 26) | ((ra) << 16) | ((v) & 0xffff))
#define I_XFORM(xo, rt, ra, rb) \
	((31u << 26) | ((rt) << 21) | ((ra) << 16) | ((rb) << 11) | ((xo) << 1))
#define I_NOR(ra, rs, rb)	I_XFORM(124u, rs, ra, rb)
#define I_XOR(ra, rs, rb)	I_XFORM(316u, rs, ra, rb)
#define I_MR(ra, rs)		I_ORI(ra, rs, 0)
#define I_XORI(ra, rs, v)	((26u << 26) | ((rs) << 21) | ((ra) << 16) | ((v) & 0xffff))
#define I_LWZU(rt, d, ra)	((33u << 26) | ((rt) << 21) | ((ra) << 16) | ((d) & 0xffff))

#define SPR_SPRG4R	260
#define SPR_CTR		9
#define TCR_DIE		0x04000000u
#define TCR_ARE		0x00400000u
#define TSR_DIS		0x08000000u

/* guest physical layout */
#define H_EXT		0x3000u		/* IVOR4 */
#define H_DEC		0x3100u		/* IVOR10 */
#define H_GUARD		0x3200u		/* every other interrupt */
#define FAIL_PC		0x3300u		/* r9 = failure code */
#define A_EA		0x10000000u	/* TLB1[1]: 256 KiB */
#define A_PA		0x00100000u	/* + 1 MiB per vCPU */
#define A_WORDS		(0x40000u / 4)
#define B_EA		0x20000000u	/* TLB0: 16 pages of 4 KiB */
#define B_PA		0x00180000u
#define B_PAGES		16
#define B_WORDS		(B_PAGES * 1024u)
#define VEC_BASE	0x50		/* MPIC timer t: vector 0x50 + t */
#define INVARIANT	0x5a5a1234u

/* report offsets from GUEST_MMIO */
#define R_PASS		0x00
#define R_DEC		0x04
#define R_EXT		0x08
#define R_FAIL		0x100
#define R_SRR0		0x104

/* MPIC registers the test programs */
#define R_TFRR		0x10f0
#define R_GTBCR(t)	(0x1110 + 0x40 * (t))
#define R_GTVPR(t)	(0x1120 + 0x40 * (t))
#define R_GTDR(t)	(0x1130 + 0x40 * (t))
#define TIMER_HZ	1000000u
#define TIMER_COUNT	2000u		/* 2 ms */

#define V		0x80000000u
#define IPROT		0x40000000u
#define TSIZE(n)	((u32)(n) << 8)	/* 4^n KiB */
#define SXWR		0x15u

static const char *const fail_what[] = {
	[1] = "r22 != ~r20", [2] = "SPRG1 != r23", [3] = "SPRG4 != pass",
	[4] = "page scratch1 != pass", [5] = "an unexpected vector",
	[6] = "memory checksum", [7] = "map-magic-page status",
	[8] = "r23 != invariant",
};

/* ---- the guest program */

/* a branch to @target: conditional ones have a 16-bit field, b 26 bits */
static void br(struct prog *p, u32 insn_base, u32 target)
{
	u32 mask = insn_base >> 26 == 18 ? 0x03fffffcu : 0xfffcu;

	emit(p, insn_base | ((target - prog_here(p, GUEST_CODE)) & mask));
}

/* r9 = code; compare; bne FAIL_PC */
static void check(struct prog *p, unsigned int code, u32 cmp)
{
	emit(p, I_LI(9, code));
	emit(p, cmp);
	br(p, I_BNE(0), FAIL_PC);
}

/* r5 = the EA before the first word, r8 = words: old sum r6, new r7 */
static void walk(struct prog *p, u32 ea, u32 words)
{
	u32 top;

	emit_li32(p, 5, ea - 4);
	emit_li32(p, 8, words);
	emit(p, I_MTSPR(SPR_CTR, 8));
	top = prog_here(p, GUEST_CODE);
	emit(p, I_LWZU(10, 4, 5));
	emit(p, I_ADD(6, 6, 10));
	emit(p, I_ADD(10, 10, 20));
	emit(p, I_ADD(10, 10, 5));
	emit(p, I_STW(10, 0, 5));
	emit(p, I_ADD(7, 7, 10));
	br(p, I_BDNZ(0), top);
}

static void handlers(struct guest *g)
{
	struct prog h = { .n = 0 };

	/* external: IACK, count, check the vector, EOI (no CR, no r0-r25) */
	emit(&h, I_LWZ(29, 0xa0, 28));
	emit(&h, I_ADDI(31, 31, 1));
	emit(&h, I_XOR(29, 29, 26));
	emit(&h, I_OR(27, 27, 29));
	emit(&h, I_STW(29, 0xb0, 28));
	emit(&h, I_RFI);
	prog_put(g, H_EXT, &h);
	prog_reset(&h);
	emit(&h, I_ADDI(30, 30, 1));
	emit(&h, I_LIS(29, TSR_DIS >> 16));
	emit(&h, I_MTSPR(SPR_TSR, 29));
	emit(&h, I_RFI);
	prog_put(g, H_DEC, &h);
	prog_reset(&h);
	emit(&h, I_MFSPR(9, SPR_SRR0));
	emit(&h, I_STW(9, R_SRR0, 12));
	emit(&h, I_LI(9, 0xdead));
	emit(&h, I_STW(9, R_FAIL, 12));
	emit(&h, I_SELF_LOOP);
	prog_put(g, H_GUARD, &h);
	prog_reset(&h);
	emit(&h, I_STW(9, R_FAIL, 12));
	emit(&h, I_SELF_LOOP);
	prog_put(g, FAIL_PC, &h);
}

/* r3 = DECAR on entry; see the file comment for the rest */
static void guest_prog(struct guest *g)
{
	static const unsigned int guarded[] = { 1, 2, 3, 5, 6, 7, 8, 13, 14, 15 };
	const u32 a[2] = { MAGIC_EA, MAGIC_EA | MAGIC_PAGE_FLAG_NOT_MAPPED_NX };
	struct prog p = { .n = 0 };
	unsigned int i;
	u32 loop;

	emit(&p, I_MR(24, 3));
	emit(&p, I_MFSPR(1, SPR_PIR));
	emit(&p, I_RLWINM(2, 1, 20, 0, 11));	/* r2 = PIR << 20 */
	emit(&p, I_LIS(12, GUEST_MMIO >> 16));
	emit(&p, I_LIS(28, MPIC_GPA >> 16));
	emit(&p, I_ADDI(26, 1, VEC_BASE));
	emit(&p, I_LI(27, 0));
	emit(&p, I_LI(30, 0));
	emit(&p, I_LI(31, 0));
	emit(&p, I_LI(5, 0));
	emit(&p, I_MTSPR(SPR_IVPR, 5));
	emit(&p, I_LI(5, H_EXT));
	emit(&p, I_MTSPR(spr_ivor(4), 5));
	emit(&p, I_LI(5, H_DEC));
	emit(&p, I_MTSPR(spr_ivor(10), 5));
	emit(&p, I_LI(5, H_GUARD));
	for (i = 0; i < ARRAY_LEN(guarded); i++)
		emit(&p, I_MTSPR(spr_ivor(guarded[i]), 5));
	/* its own TLB1[1] and 16 TLB0 entries, at PAs by vCPU */
	emit(&p, I_LIS(5, 0x1001));
	emit(&p, I_MTSPR(SPR_MAS0, 5));
	emit_li32(&p, 5, V | TSIZE(4));
	emit(&p, I_MTSPR(SPR_MAS1, 5));
	emit(&p, I_LIS(5, A_EA >> 16));
	emit(&p, I_MTSPR(SPR_MAS2, 5));
	emit(&p, I_LIS(5, A_PA >> 16));
	emit(&p, I_ADD(5, 5, 2));
	emit(&p, I_ORI(5, 5, SXWR));
	emit(&p, I_MTSPR(SPR_MAS3, 5));
	emit(&p, I_LI(5, 0));
	emit(&p, I_MTSPR(SPR_MAS7, 5));
	emit(&p, I_TLBWE);
	emit(&p, I_MTSPR(SPR_MAS0, 5));
	emit_li32(&p, 5, V | TSIZE(1));
	emit(&p, I_MTSPR(SPR_MAS1, 5));
	emit(&p, I_LIS(6, B_EA >> 16));
	emit(&p, I_LIS(7, B_PA >> 16));
	emit(&p, I_ADD(7, 7, 2));
	emit(&p, I_ORI(7, 7, SXWR));
	emit(&p, I_LI(8, B_PAGES));
	emit(&p, I_MTSPR(SPR_CTR, 8));
	loop = prog_here(&p, GUEST_CODE);
	emit(&p, I_MTSPR(SPR_MAS2, 6));
	emit(&p, I_MTSPR(SPR_MAS3, 7));
	emit(&p, I_TLBWE);
	emit(&p, I_ADDI(6, 6, 0x1000));
	emit(&p, I_ADDI(7, 7, 0x1000));
	br(&p, I_BDNZ(0), loop);
	/* the paravirt page, then the invariants' registers */
	emit_hcall(&p, MAGIC_TOKEN, a, 2);
	check(&p, 7, I_CMPWI(3, 0));
	emit(&p, I_LI(20, 0));
	emit(&p, I_NOR(22, 20, 20));
	emit(&p, I_LI(21, 0));
	emit_li32(&p, 23, INVARIANT);
	emit(&p, I_XOR(23, 23, 1));
	emit(&p, I_MTSPR(SPR_SPRG1, 23));
	emit(&p, I_MTSPR(SPR_SPRG4W, 20));
	emit(&p, I_STW(20, PV64(scratch1), 0));
	/* CTPR 0, decrementer, MSR[EE] */
	emit(&p, I_LI(5, 0));
	emit(&p, I_STW(5, 0x80, 28));
	/* auto-reload before the first count: a late TCR would stop it */
	emit_li32(&p, 5, TCR_DIE | TCR_ARE);
	emit(&p, I_MTSPR(SPR_TCR, 5));
	emit(&p, I_MTSPR(SPR_DECAR, 24));
	emit(&p, I_MTSPR(SPR_DEC, 24));
	emit(&p, I_WRTEEI(1));

	loop = prog_here(&p, GUEST_CODE);
	emit(&p, I_NOR(5, 20, 20));
	check(&p, 1, I_CMPW(5, 22));
	emit(&p, I_MFSPR(5, SPR_SPRG1));
	check(&p, 2, I_CMPW(5, 23));
	emit_li32(&p, 5, INVARIANT);
	emit(&p, I_XOR(5, 5, 1));
	check(&p, 8, I_CMPW(5, 23));
	emit(&p, I_MFSPR(5, SPR_SPRG4R));
	check(&p, 3, I_CMPW(5, 20));
	emit(&p, I_LWZ(5, PV64(scratch1), 0));
	check(&p, 4, I_CMPW(5, 20));
	check(&p, 5, I_CMPWI(27, 0));
	emit(&p, I_ADDI(20, 20, 1));
	emit(&p, I_NOR(22, 20, 20));
	emit(&p, I_MTSPR(SPR_SPRG4W, 20));
	emit(&p, I_STW(20, PV64(scratch1), 0));
	emit(&p, I_LI(6, 0));
	emit(&p, I_LI(7, 0));
	walk(&p, A_EA, A_WORDS);
	walk(&p, B_EA, B_WORDS);
	check(&p, 6, I_CMPW(6, 21));
	emit(&p, I_MR(21, 7));
	emit(&p, I_STW(20, R_PASS, 12));
	emit(&p, I_STW(30, R_DEC, 12));
	emit(&p, I_STW(31, R_EXT, 12));
	br(&p, I_B(0), loop);
	prog_put(g, GUEST_CODE, &p);
	handlers(g);
}

/* ---- the VM */

struct vcpu {
	int fd;
	struct kvm_run *run;
	struct kvm_book3e_206_tlb_entry *tlb;
	pthread_t thread;
	/* written by the vCPU's thread */
	u32 pass, dec, ext, reports, fail, srr0;
	int err;
};

struct vm {
	struct guest g;		/* kvm, vm, ram; g.vcpu unused */
	int mpic;
	struct vcpu c[NVCPU];
	int run_size;
	int stop;		/* __atomic */
};

static u32 tb_freq(void)
{
	static const char *const paths[] = {
		"/proc/device-tree/cpus/PowerPC,e500v2@0/timebase-frequency",
		"/proc/device-tree/cpus/cpu@0/timebase-frequency",
	};
	unsigned char b[4];
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(paths); i++) {
		int fd = open(paths[i], O_RDONLY);
		int n = fd < 0 ? -1 : read(fd, b, 4);

		if (fd >= 0)
			close(fd);
		if (n == 4)
			return b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
	}
	return 400000000;
}

static int mpic_attr(int dev, int set, u32 group, __u64 attr, u32 *val)
{
	struct kvm_device_attr a = {
		.group = group, .attr = attr, .addr = (uintptr_t)val,
	};

	return ioctl(dev, set ? KVM_SET_DEVICE_ATTR : KVM_GET_DEVICE_ATTR, &a);
}

static int mpic_set(int dev, u32 off, u32 val)
{
	return mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_REGISTER, off, &val);
}

static int enable_cap(int fd, __u32 cap, __u64 a0, __u64 a1)
{
	struct kvm_enable_cap c = { .cap = cap, .args = { a0, a1 } };

	return ioctl(fd, KVM_ENABLE_CAP, &c);
}

static int sw_tlb(struct vcpu *c)
{
	static const struct kvm_book3e_206_tlb_params params = {
		.tlb_sizes = { TLB0_SIZE, TLB1_SIZE },
		.tlb_ways = { TLB0_WAYS, TLB1_SIZE },
	};
	struct kvm_config_tlb cfg = {
		.params = (uintptr_t)&params, .array = (uintptr_t)c->tlb,
		.mmu_type = KVM_MMU_FSL_BOOKE_NOHV, .array_len = TLB_BYTES,
	};
	__u64 bits[(NTLB + 63) / 64];
	struct kvm_dirty_tlb d = {
		.bitmap = (uintptr_t)bits, .num_dirty = NTLB,
	};

	memset(bits, 0xff, sizeof(bits));
	if (enable_cap(c->fd, KVM_CAP_SW_TLB, (uintptr_t)&cfg, 0))
		return -1;
	return ioctl(c->fd, KVM_DIRTY_TLB, &d);
}

/*
 * A VM in the order a restore needs: the memory slot (logging dirty
 * pages on the source), the MPIC at MPIC_GPA, the vCPUs with their SW
 * TLB arrays (@tlbs, or the boot entry alone) and wired to the MPIC.
 */
static int vm_create(struct vm *v, int log, const struct mig_vcpu *saved)
{
	struct kvm_userspace_memory_region reg = {
		.flags = log ? KVM_MEM_LOG_DIRTY_PAGES : 0,
		.memory_size = RAM_SIZE,
	};
	struct kvm_create_device dev = { .type = KVM_DEV_TYPE_FSL_MPIC_20 };
	__u64 base = MPIC_GPA;
	struct kvm_device_attr base_attr = {
		.group = KVM_DEV_MPIC_GRP_MISC, .attr = KVM_DEV_MPIC_BASE_ADDR,
		.addr = (uintptr_t)&base,
	};
	unsigned int i;

	memset(v, 0, sizeof(*v));
	v->g.kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (v->g.kvm < 0)
		return -1;
	do
		v->g.vm = ioctl(v->g.kvm, KVM_CREATE_VM, 0);
	while (v->g.vm < 0 && errno == EINTR);
	v->g.ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (v->g.vm < 0 || v->g.ram == MAP_FAILED)
		return -1;
	reg.userspace_addr = (uintptr_t)v->g.ram;
	if (ioctl(v->g.vm, KVM_SET_USER_MEMORY_REGION, &reg) ||
	    ioctl(v->g.vm, KVM_CREATE_DEVICE, &dev))
		return -1;
	v->mpic = dev.fd;
	if (ioctl(v->mpic, KVM_SET_DEVICE_ATTR, &base_attr))
		return -1;
	v->run_size = ioctl(v->g.kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	for (i = 0; i < NVCPU; i++) {
		struct vcpu *c = &v->c[i];

		c->fd = ioctl(v->g.vm, KVM_CREATE_VCPU, i);
		if (c->fd < 0)
			return -1;
		c->run = mmap(NULL, v->run_size, PROT_READ | PROT_WRITE,
			      MAP_SHARED, c->fd, 0);
		c->tlb = mmap(NULL, TLB_BYTES, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (c->run == MAP_FAILED || c->tlb == MAP_FAILED)
			return -1;
		if (saved) {
			memcpy(c->tlb, saved[i].tlb, TLB_BYTES);
		} else {
			c->tlb[TLB0_SIZE].mas1 = V | IPROT | TSIZE(8);
			c->tlb[TLB0_SIZE].mas7_3 = SXWR;
		}
		if (sw_tlb(c) ||
		    enable_cap(c->fd, KVM_CAP_IRQ_MPIC, v->mpic, i))
			return -1;
	}
	return 0;
}

static void vm_destroy(struct vm *v)
{
	unsigned int i;

	for (i = 0; i < NVCPU; i++) {
		munmap(v->c[i].run, v->run_size);
		close(v->c[i].fd);
		munmap(v->c[i].tlb, TLB_BYTES);
	}
	close(v->mpic);
	close(v->g.vm);
	close(v->g.kvm);
	munmap(v->g.ram, RAM_SIZE);
}

/* ---- running: one thread per vCPU takes the guest's reports */

struct runner {
	struct vm *v;
	unsigned int i;
};

static void on_signal(int sig)
{
}

static void take(struct vcpu *c, u32 off, u32 val)
{
	switch (off) {
	case R_PASS:
		if (val != c->pass + 1 && !c->err)
			c->err = 1000 + val;	/* a pass lost or repeated */
		c->pass = val;
		__atomic_add_fetch(&c->reports, 1, __ATOMIC_SEQ_CST);
		break;
	case R_DEC:
		c->dec = val;
		break;
	case R_EXT:
		c->ext = val;
		break;
	case R_SRR0:
		c->srr0 = val;
		break;
	case R_FAIL:
		c->fail = val;
		break;
	default:
		c->err = 2;
	}
}

static void *vcpu_thread(void *arg)
{
	struct runner *r = arg;
	struct vcpu *c = &r->v->c[r->i];

	for (;;) {
		int ret = ioctl(c->fd, KVM_RUN, 0);

		if (ret && errno == EINTR) {
			if (__atomic_load_n(&r->v->stop, __ATOMIC_SEQ_CST))
				break;
			continue;
		}
		if (ret || c->run->exit_reason != KVM_EXIT_MMIO ||
		    !c->run->mmio.is_write) {
			c->err = ret ? errno : 3;
			break;
		}
		take(c, c->run->mmio.phys_addr - GUEST_MMIO, mmio_value(c->run));
		if (c->fail)
			break;
	}
	return NULL;
}

static struct runner runners[NVCPU];

static void start(struct vm *v)
{
	unsigned int i;

	__atomic_store_n(&v->stop, 0, __ATOMIC_SEQ_CST);
	for (i = 0; i < NVCPU; i++) {
		runners[i] = (struct runner){ .v = v, .i = i };
		v->c[i].run->immediate_exit = 0;
		pthread_create(&v->c[i].thread, NULL, vcpu_thread, &runners[i]);
	}
}

/*
 * Stop: immediate_exit, then a signal.  A vCPU in KVM_RUN leaves with
 * EINTR; a thread between runs gets EINTR at its next KVM_RUN, which
 * still completes the MMIO store it just reported.
 */
static void stop(struct vm *v)
{
	unsigned int i;

	__atomic_store_n(&v->stop, 1, __ATOMIC_SEQ_CST);
	for (i = 0; i < NVCPU; i++)
		v->c[i].run->immediate_exit = 1;
	for (i = 0; i < NVCPU; i++)
		pthread_kill(v->c[i].thread, SIGUSR1);
	for (i = 0; i < NVCPU; i++)
		pthread_join(v->c[i].thread, NULL);
}

static int healthy(const struct vm *v)
{
	unsigned int i;

	for (i = 0; i < NVCPU; i++)
		if (v->c[i].fail || v->c[i].err)
			return 0;
	return 1;
}

static void report_health(const struct vm *v, const char *when)
{
	unsigned int i;

	for (i = 0; i < NVCPU; i++) {
		const struct vcpu *c = &v->c[i];
		u32 f = c->fail;

		tap_check(!f && !c->err,
			  "%s: vCPU %u reports no broken invariant (fail %u: %s, srr0 0x%x, err %d)",
			  when, i, f,
			  f < ARRAY_LEN(fail_what) && fail_what[f] ? fail_what[f] :
			  f ? "interrupt" : "-", c->srr0, c->err);
	}
}

/* wait until every vCPU made @n more passes (10 s at most) */
static int passes(struct vm *v, u32 n)
{
	u32 want[NVCPU];
	unsigned int i, t;

	for (i = 0; i < NVCPU; i++)
		want[i] = __atomic_load_n(&v->c[i].reports, __ATOMIC_SEQ_CST) + n;
	for (t = 0; t < 10000; t++) {
		int done = 1;

		if (!healthy(v))
			return 0;
		for (i = 0; i < NVCPU; i++)
			done &= __atomic_load_n(&v->c[i].reports,
						__ATOMIC_SEQ_CST) >= want[i];
		if (done)
			return 1;
		usleep(1000);
	}
	return 0;
}

/* ---- source side */

/* the dirty bitmap: one bit per page, little-endian bit order in bytes */
static int dirty_bit(const u8 *bits, unsigned int page)
{
	return bits[page / 8] >> (page % 8) & 1;
}

static int dirty_log(struct vm *v, u8 *bits)
{
	struct kvm_dirty_log l = { .slot = 0, .dirty_bitmap = bits };

	memset(bits, 0, RAM_PAGES / 8);
	return ioctl(v->g.vm, KVM_GET_DIRTY_LOG, &l);
}

/* copy the pages set in @bits (all with NULL); how many */
static unsigned int copy_pages(struct vm *v, u8 *img, const u8 *bits)
{
	unsigned int p, n = 0;

	for (p = 0; p < RAM_PAGES; p++) {
		if (bits && !dirty_bit(bits, p))
			continue;
		memcpy(img + p * 4096ul, v->g.ram + p * 4096ul, 4096);
		n++;
	}
	return n;
}

static void save_vcpu(struct vcpu *c, struct mig_vcpu *s, unsigned int i)
{
	struct kvm_reg_list *l = calloc(1, sizeof(*l) + MAX_REGS * sizeof(__u64));
	int ok = !!l;
	unsigned int k;

	s->last_pass = c->pass;
	s->dec = c->dec;
	s->ext = c->ext;
	if (ok) {
		l->n = MAX_REGS;
		ok = !ioctl(c->fd, KVM_GET_REG_LIST, l);
	}
	ok = ok && !ioctl(c->fd, KVM_GET_REGS, &s->regs) &&
	     !ioctl(c->fd, KVM_GET_SREGS, &s->sregs);
	for (k = 0; ok && k < l->n; k++) {
		s->ids[k] = l->reg[k];
		ok = !mig_one_reg(c->fd, 0, l->reg[k], &s->vals[k]);
	}
	s->nregs = ok ? l->n : 0;
	memcpy(s->tlb, c->tlb, TLB_BYTES);
	tap_check(ok && s->nregs > 20,
		  "saved vCPU %u: REGS, SREGS (features 0x%x), %u ONE_REG ids, the SW TLB array; pass %u, PC 0x%llx",
		  i, s->sregs.u.e.features,
		  s->nregs, s->last_pass, (unsigned long long)s->regs.pc);
	free(l);
}

/*
 * A vCPU stopped in its external handler after the IACK and before the
 * EOI has its timer in service at the MPIC, and only then.
 */
static void in_service_matches_pc(const struct mig_state *st, unsigned int i)
{
	u32 pc = st->vcpu[i].regs.pc, word = ~0u;
	unsigned int k;
	int in_handler = pc > H_EXT && pc <= H_EXT + 0x10;

	for (k = 0; k < MPIC_NSTATE; k++)
		if (st->mpic.state_attr[k] == KVM_E500_MPIC_IN_SERVICE(i, 8))
			word = st->mpic.state_val[k];
	tap_check(word == (in_handler ? 1u << i : 0),
		  "vCPU %u stopped at PC 0x%x (%s its IACK..EOI window): MPIC CPU %u in-service word 8 is 0x%x",
		  i, pc, in_handler ? "inside" : "outside", i, word);
}

static int run_source(const char *file)
{
	static __u64 words[RAM_PAGES / 64];	/* 8-byte aligned */
	u8 *bits = (u8 *)words;
	static struct mig_state st;
	unsigned int i, round, n;
	u8 *img = malloc(RAM_SIZE);
	struct vm v;
	int ok;

	if (!tap_check(img && vm_create(&v, 1, NULL) == 0 && pv_info(v.g.vm) == 0,
		       "source side: VM with 2 vCPUs, MPIC, SW TLB, dirty-logged 4 MiB"))
		return -1;
	guest_prog(&v.g);
	ok = mpic_set(v.mpic, R_TFRR, TIMER_HZ) == 0;
	for (i = 0; i < NVCPU; i++) {
		struct kvm_regs regs;

		ok = ok && mpic_set(v.mpic, R_GTVPR(i), (5u << 16) | (VEC_BASE + i)) == 0 &&
		     mpic_set(v.mpic, R_GTDR(i), 1u << i) == 0 &&
		     mpic_set(v.mpic, R_GTBCR(i), TIMER_COUNT) == 0 &&
		     ioctl(v.c[i].fd, KVM_GET_REGS, &regs) == 0;
		regs.pc = GUEST_CODE;
		regs.msr = MSR_ME;
		regs.gpr[3] = tb_freq() / 1000;
		ok = ok && ioctl(v.c[i].fd, KVM_SET_REGS, &regs) == 0;
	}
	tap_check(ok, "MPIC timers 0 and 1 every 2 ms to CPUs 0 and 1, PCs set");
	start(&v);
	ok = passes(&v, 3);
	tap_check(ok, "the guest runs: 3 passes on each vCPU (%u, %u), dec %u/%u, ext %u/%u",
		  v.c[0].pass, v.c[1].pass, v.c[0].dec, v.c[1].dec,
		  v.c[0].ext, v.c[1].ext);
	/* pre-copy while the vCPUs run */
	ok = ok && dirty_log(&v, bits) == 0;
	n = copy_pages(&v, img, NULL);
	for (round = 1; ok && round <= 2; round++) {
		passes(&v, 2);
		ok = dirty_log(&v, bits) == 0;
		n = copy_pages(&v, img, bits);
		tap_check(ok && n >= 2 * (B_PAGES + A_WORDS / 1024) && n < RAM_PAGES,
			  "pre-copy round %u while running: %u dirty pages copied", round, n);
	}
	stop(&v);
	report_health(&v, "source side");
	ok = dirty_log(&v, bits) == 0;
	n = copy_pages(&v, img, bits);
	st.hdr.ram_sum = mig_sum(v.g.ram, RAM_SIZE);
	for (i = 0; i < RAM_PAGES; i++)
		if (memcmp(img + i * 4096, v.g.ram + i * 4096, 4096))
			tap_diag("page %u differs from the copy, not reported dirty", i);
	tap_check(ok && mig_sum(img, RAM_SIZE) == st.hdr.ram_sum,
		  "stopped; final round %u pages: the pre-copied image matches the source RAM (sum 0x%llx)",
		  n, (unsigned long long)st.hdr.ram_sum);
	for (i = 0; i < NVCPU; i++)
		save_vcpu(&v.c[i], &st.vcpu[i], i);
	ok = mig_save_mpic(v.mpic, &st.mpic) == 0;
	tap_check(ok, "saved %u MPIC registers, 256 input lines and %u state attributes",
		  MPIC_NREGS, MPIC_NSTATE);
	for (i = 0; ok && i < NVCPU; i++)
		in_service_matches_pc(&st, i);
	ok = mig_write(file, &st, img) == 0;
	tap_check(ok, "state written to %s", file);
	vm_destroy(&v);
	free(img);
	return ok ? 0 : -1;
}

/* ---- destination side */

static void bad_files(const char *file)
{
	static struct mig_state st;
	static char path[256], msg[128];
	u8 *img = malloc(RAM_SIZE);
	struct stat sb;
	int fd, r;

	snprintf(path, sizeof(path), "%s.bad", file);
	r = stat(file, &sb) ? -1 : mig_copy(file, path, sb.st_size / 2, -1);
	r = r ? r : mig_read(path, &st, img, msg, sizeof(msg));
	tap_check(r == -1 && strstr(msg, "truncated"),
		  "a truncated state file is refused: \"%s\"", msg);
	r = mig_copy(file, path, sb.st_size, sizeof(struct mig_hdr) + 4096 * 7 + 5);
	r = r ? r : mig_read(path, &st, img, msg, sizeof(msg));
	tap_check(r == -1 && strstr(msg, "checksum"),
		  "a state file with one byte changed is refused: \"%s\"", msg);
	fd = open(path, O_WRONLY | O_TRUNC);
	r = fd < 0 ? -1 : (int)write(fd, "not a state file, no", 20);
	if (fd >= 0)
		close(fd);
	r = r == 20 ? mig_read(path, &st, img, msg, sizeof(msg)) : 0;
	tap_check(r == -1 && strstr(msg, "truncated"),
		  "a 20-byte file is refused: \"%s\"", msg);
	unlink(path);
	free(img);
}

static void bad_mpic(int dev)
{
	u32 v = 0, one = 2;

	tap_errno(mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_REGISTER, 0x10002, &v),
		  EINVAL, "MPIC register at a misaligned offset");
	tap_errno(mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_REGISTER, 0x1010, &v),
		  ENXIO, "MPIC register in a hole (0x1010)");
	tap_errno(mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_REGISTER, 0x40000, &v),
		  ENXIO, "MPIC register beyond 256 KiB");
	tap_errno(mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_REGISTER, 0xa0, &v),
		  ENXIO, "MPIC current-CPU IACK alias");
	tap_errno(mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_IRQ_ACTIVE, 256, &v),
		  EINVAL, "MPIC line 256");
	tap_errno(mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_IRQ_ACTIVE, 3, &one),
		  EINVAL, "MPIC line value 2");
	v = 1u << 8;		/* interrupt 264: there is none */
	tap_errno(mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_E500_STATE,
			    KVM_E500_MPIC_IN_SERVICE(0, 8), &v),
		  EINVAL, "MPIC in-service bit of no interrupt");
	v = 1u << 4;		/* 260: an IPI, which IPI_PENDING holds */
	tap_errno(mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_E500_STATE,
			    KVM_E500_MPIC_PENDING(8), &v),
		  EINVAL, "MPIC pending bit of an IPI");
	v = 0x100;
	tap_errno(mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_E500_STATE,
			    KVM_E500_MPIC_IPI_PENDING(0), &v),
		  EINVAL, "MPIC IPI pending for CPU 8");
	tap_errno(mpic_attr(dev, 0, KVM_DEV_MPIC_GRP_E500_STATE, 0x999, &v),
		  ENXIO, "MPIC state attribute 0x999");
}

/* what the new vCPU reads back is what was saved */
static void check_vcpu(struct vcpu *c, const struct mig_vcpu *s, unsigned int i)
{
	struct kvm_regs regs;
	struct kvm_sregs sr;
	unsigned int k, same = 0;

	for (k = 0; k < s->nregs; k++) {
		__u64 val = ~0ull;

		if (!mig_one_reg(c->fd, 0, s->ids[k], &val) && val == s->vals[k])
			same++;
		else
			tap_diag("vCPU %u id 0x%llx: 0x%llx, saved 0x%llx", i,
				 (unsigned long long)s->ids[k],
				 (unsigned long long)val,
				 (unsigned long long)s->vals[k]);
	}
	tap_check(!ioctl(c->fd, KVM_GET_REGS, &regs) &&
		  !memcmp(&regs, &s->regs, sizeof(regs)) &&
		  !ioctl(c->fd, KVM_GET_SREGS, &sr) &&
		  sr.u.e.tcr == s->sregs.u.e.tcr &&
		  sr.u.e.decar == s->sregs.u.e.decar &&
		  sr.u.e.ivpr == s->sregs.u.e.ivpr &&
		  !memcmp(sr.u.e.ivor_low, s->sregs.u.e.ivor_low,
			  sizeof(sr.u.e.ivor_low)) &&
		  same == s->nregs,
		  "vCPU %u reads back REGS (pass r20 %u, dec r30 %u, ext r31 %u), SREGS and %u/%u ONE_REG ids",
		  i, (u32)regs.gpr[20], (u32)regs.gpr[30], (u32)regs.gpr[31],
		  same, s->nregs);
}

static int run_destination(const char *file)
{
	static struct mig_state st;
	static char msg[128];
	u8 *img = malloc(RAM_SIZE);
	unsigned int i, same;
	struct vm v;
	int ok;

	bad_files(file);
	ok = img && mig_read(file, &st, img, msg, sizeof(msg)) == 0;
	tap_check(ok, "new process: state file read and checked (%s)", ok ? "ok" : msg);
	unlink(file);
	ok = ok && vm_create(&v, 0, st.vcpu) == 0;
	if (!tap_check(ok, "new VM: memory slot, MPIC, vCPUs with the saved SW TLB arrays, wired"))
		return -1;
	memcpy(v.g.ram, img, RAM_SIZE);
	tap_check(mig_sum(v.g.ram, RAM_SIZE) == st.hdr.ram_sum,
		  "the destination RAM matches the source's (sum 0x%llx)",
		  (unsigned long long)st.hdr.ram_sum);
	bad_mpic(v.mpic);
	for (i = 0; i < NVCPU; i++)
		tap_check(mig_restore_vcpu(v.c[i].fd, &st.vcpu[i]) == 0,
			  "vCPU %u: SREGS, REGS, ONE_REG ids restored in list order", i);
	tap_check(mig_restore_mpic(v.mpic, &st.mpic) == 0,
		  "MPIC registers and input lines restored");
	for (i = 0; i < NVCPU; i++)
		check_vcpu(&v.c[i], &st.vcpu[i], i);
	same = mig_compare_mpic(v.mpic, &st.mpic);
	tap_check(same == MPIC_NREGS, "%u/%u MPIC registers read back as saved",
		  same, MPIC_NREGS);
	same = mig_compare_state(v.mpic, &st.mpic);
	tap_check(same == MPIC_NSTATE,
		  "%u/%u MPIC state attributes (in service, pending, IPIs, MSIRs, timer counts) read back as saved",
		  same, MPIC_NSTATE);
	for (i = 0; i < NVCPU; i++)
		v.c[i].pass = st.vcpu[i].last_pass;
	start(&v);
	ok = passes(&v, 4);
	stop(&v);
	for (i = 0; i < NVCPU; i++) {
		const struct vcpu *c = &v.c[i];
		const struct mig_vcpu *s = &st.vcpu[i];

		tap_check(ok && c->reports >= 4 && c->err == 0,
			  "vCPU %u continues: passes %u..%u follow the last one reported before the move (%u) with none lost or repeated",
			  i, s->last_pass + 1, c->pass, s->last_pass);
		tap_check(c->dec > (u32)s->regs.gpr[30] && c->ext > (u32)s->regs.gpr[31],
			  "vCPU %u: its decrementer (%u -> %u) and MPIC timer (%u -> %u) interrupts go on",
			  i, (u32)s->regs.gpr[30], c->dec, (u32)s->regs.gpr[31], c->ext);
	}
	report_health(&v, "destination side");
	vm_destroy(&v);
	free(img);
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };	/* no SA_RESTART */
	const char *file = "/tmp/vm_migrate.state";
	char count[16], failures[16];

	sigaction(SIGUSR1, &sa, NULL);
	if (argc == 5 && !strcmp(argv[1], "--restore")) {
		setvbuf(stdout, NULL, _IOLBF, 0);
		tap_count = atoi(argv[3]);
		tap_failures = atoi(argv[4]);
		run_destination(argv[2]);
		return tap_done();
	}
	tap_start();
	if (run_source(file))
		return tap_done();
	snprintf(count, sizeof(count), "%d", tap_count);
	snprintf(failures, sizeof(failures), "%d", tap_failures);
	tap_diag("exec: %s --restore %s", argv[0], file);
	fflush(stdout);
	execl("/proc/self/exe", argv[0], "--restore", file, count, failures,
	      (char *)NULL);
	tap_check(0, "exec /proc/self/exe: %s", strerror(errno));
	return tap_done();
}

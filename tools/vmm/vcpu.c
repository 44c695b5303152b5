// SPDX-License-Identifier: GPL-2.0-only
/*
 * vCPUs: one thread each.  vCPU 0 starts at the kernel's entry in the
 * ePAPR boot state; the others wait, outside KVM_RUN, until the guest
 * writes their spin table entry, then start at the address it gave.
 * The main thread enforces -timeout.  vmm_stop() ends every KVM_RUN.
 */
#include <endian.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "vmm.h"

#define MSR_ME		0x1000u
#define MPIC_SPVE	0x10e0	/* spurious vector register */

int vmm_status = -1;
static struct vmm *the_vmm;
static u64 tb_start, tb_end;

/* the 64-bit time base, read as the upper word twice around the lower */
static u64 mftb(void)
{
	u32 hi, lo, hi2;

	do {
		asm volatile("mfspr %0, 269" : "=r"(hi));
		asm volatile("mfspr %0, 268" : "=r"(lo));
		asm volatile("mfspr %0, 269" : "=r"(hi2));
	} while (hi != hi2);
	return (u64)hi << 32 | lo;
}

static void kick(int sig)
{
}

int vmm_stopped(void)
{
	return __atomic_load_n(&vmm_status, __ATOMIC_ACQUIRE) >= 0;
}

void vmm_stop(struct vmm *v, enum vmm_status st)
{
	pthread_t self = pthread_self();
	int i;

	if (!__sync_bool_compare_and_swap(&vmm_status, -1, st))
		return;
	tb_end = mftb();
	uart_stop();
	for (i = 0; i < v->nr_vcpus; i++) {
		struct vmm_vcpu *c = &v->vcpus[i];

		c->run->immediate_exit = 1;
		if (c->thread && !pthread_equal(c->thread, self))
			pthread_kill(c->thread, SIGUSR1);
	}
}

static void enable_cap(struct vmm_vcpu *c, u32 cap, u64 a0, u64 a1)
{
	struct kvm_enable_cap e = { .cap = cap, .args = { a0, a1 } };

	if (ioctl(c->fd, KVM_ENABLE_CAP, &e))
		die("vCPU %d: KVM_ENABLE_CAP(%u): %s", c->id, cap, strerror(errno));
}

/* the ePAPR entry state: r3, r6 = magic, r7 = size of the boot mapping */
static void boot_regs(struct vmm *v, struct vmm_vcpu *c, u64 pc, u64 r3)
{
	struct kvm_regs r;

	if (ioctl(c->fd, KVM_GET_REGS, &r))
		die("vCPU %d: KVM_GET_REGS: %s", c->id, strerror(errno));
	memset(r.gpr, 0, sizeof(r.gpr));
	r.pc = pc;
	r.msr = MSR_ME;
	r.gpr[3] = r3;
	r.gpr[6] = EPAPR_MAGIC;
	r.gpr[7] = v->ima_size;
	if (ioctl(c->fd, KVM_SET_REGS, &r))
		die("vCPU %d: KVM_SET_REGS: %s", c->id, strerror(errno));
}

static void vcpu_create(struct vmm *v, struct vmm_vcpu *c, int id)
{
	int sz = ioctl(v->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);

	c->id = id;
	c->fd = ioctl(v->vm, KVM_CREATE_VCPU, id);
	if (c->fd < 0)
		die("KVM_CREATE_VCPU %d: %s", id, strerror(errno));
	c->run = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, 0);
	if (c->run == MAP_FAILED)
		die("vCPU %d: mmap of kvm_run: %s", id, strerror(errno));
	enable_cap(c, KVM_CAP_PPC_EPR, 1, 0);
	enable_cap(c, KVM_CAP_IRQ_MPIC, v->mpic, id);
	c->spin = v->spin_base + 32 * id;
	tlb_boot_entry(v, c);
}

static u32 spin_word(struct vmm *v, struct vmm_vcpu *c, int off)
{
	u32 w;

	w = __atomic_load_n((u32 *)gpa(v, c->spin + off, 4), __ATOMIC_ACQUIRE);
	return be32toh(w);
}

/* a secondary: wait for the guest to release it through the spin table */
static int wait_release(struct vmm *v, struct vmm_vcpu *c)
{
	struct timespec ms = { 0, 1000000 };

	while (!vmm_stopped()) {
		if (spin_word(v, c, 4) != 1) {
			boot_regs(v, c, spin_word(v, c, 4), spin_word(v, c, 12));
			fprintf(stderr, "vmm: vCPU %d released at %#x\n", c->id,
				spin_word(v, c, 4));
			return 0;
		}
		nanosleep(&ms, NULL);
	}
	return -1;
}

static void fail(struct vmm *v, struct vmm_vcpu *c, const char *why)
{
	struct kvm_regs r = { 0 };

	ioctl(c->fd, KVM_GET_REGS, &r);
	fprintf(stderr, "\nvmm: vCPU %d: %s (pc %#llx msr %#llx lr %#llx)\n",
		c->id, why, (unsigned long long)r.pc,
		(unsigned long long)r.msr, (unsigned long long)r.lr);
	vmm_stop(v, VMM_VCPU_FAIL);
}

/*
 * KVM_EXIT_EPR on a vCPU wired to the in-kernel MPIC.  Ours fills EPR
 * from its MPIC when KVM_CAP_PPC_EPR is on and never exits for it;
 * upstream's backend reads the capability as "userspace supplies EPR"
 * even then, and fills EPR from its MPIC itself (in the proxy mode the
 * guest selects) only with the capability off.  Nothing has been
 * acknowledged at this point: answer the spurious vector the guest
 * programmed (its handler does nothing with it and the source stays
 * pending, to be delivered again) and turn the capability off.
 */
static void epr_from_mpic(struct vmm *v, struct vmm_vcpu *c)
{
	struct kvm_enable_cap e = { .cap = KVM_CAP_PPC_EPR };
	u32 spve = 0xffff;
	struct kvm_device_attr attr = {
		.group = KVM_DEV_MPIC_GRP_REGISTER,
		.attr = MPIC_SPVE,
		.addr = (uintptr_t)&spve,
	};

	if (ioctl(v->mpic, KVM_GET_DEVICE_ATTR, &attr))
		fprintf(stderr, "vmm: MPIC spurious vector: %s\n", strerror(errno));
	c->run->epr.epr = spve & 0xffff;
	if (ioctl(c->fd, KVM_ENABLE_CAP, &e))
		die("vCPU %d: KVM_ENABLE_CAP(KVM_CAP_PPC_EPR, 0): %s", c->id,
		    strerror(errno));
	fprintf(stderr, "vmm: vCPU %d: KVM_EXIT_EPR with the in-kernel MPIC: %s\n",
		c->id, "KVM_CAP_PPC_EPR off, EPR from the MPIC's proxy mode");
}

static void *vcpu_thread(void *arg)
{
	struct vmm_vcpu *c = arg;
	struct vmm *v = the_vmm;
	struct kvm_run *run = c->run;
	char why[96];
	int unknown = 0;

	if (c->id && wait_release(v, c))
		return NULL;
	while (!vmm_stopped()) {
		if (ioctl(c->fd, KVM_RUN, 0)) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			snprintf(why, sizeof(why), "KVM_RUN: %s", strerror(errno));
			fail(v, c, why);
			break;
		}
		c->exits[run->exit_reason & 63]++;
		switch (run->exit_reason) {
		case KVM_EXIT_MMIO:
			if (board_mmio(v, run) && unknown++ < 8)
				fprintf(stderr, "vmm: vCPU %d: %s of nothing at %#llx\n",
					c->id, run->mmio.is_write ? "write" : "read",
					(unsigned long long)run->mmio.phys_addr);
			break;
		case KVM_EXIT_INTR:
			break;
		case KVM_EXIT_EPR:
			epr_from_mpic(v, c);
			break;
		case KVM_EXIT_WATCHDOG:
			fprintf(stderr, "\nvmm: vCPU %d: watchdog reset\n", c->id);
			vmm_stop(v, VMM_RESET);
			break;
		default:
			snprintf(why, sizeof(why), "unhandled exit reason %u",
				 run->exit_reason);
			fail(v, c, why);
			break;
		}
	}
	return NULL;
}

static const char *const exit_names[64] = {
	[KVM_EXIT_MMIO] = "mmio", [KVM_EXIT_INTR] = "intr",
	[KVM_EXIT_HYPERCALL] = "hypercall", [KVM_EXIT_WATCHDOG] = "watchdog",
	[KVM_EXIT_EPR] = "epr", [KVM_EXIT_DEBUG] = "debug",
};

static void summary(struct vmm *v)
{
	static const char *const st[] = { "powered off", "error", "reset",
					  "timeout", "vCPU failure" };
	u64 ticks = tb_end - tb_start;
	int i, r;

	fprintf(stderr, "vmm: guest %s after %llu timebase ticks (%llu ms)\n",
		st[vmm_status], (unsigned long long)ticks,
		(unsigned long long)(ticks * 1000 / v->tb_freq));
	for (i = 0; i < v->nr_vcpus; i++)
		for (r = 0; r < 64; r++)
			if (v->vcpus[i].exits[r])
				fprintf(stderr, "vmm: vCPU %d: %llu %s exits to userspace\n",
					i, (unsigned long long)v->vcpus[i].exits[r],
					exit_names[r] ? exit_names[r] : "other");
	tlb_summary(v);
	uart_summary();
	stats_summary(v);
	stamp_summary();
}

void vcpus_run(struct vmm *v)
{
	struct sigaction sa = { .sa_handler = kick };
	struct timespec start, now, tick = { 0, 20000000 };
	int i;

	the_vmm = v;
	sigaction(SIGUSR1, &sa, NULL);
	for (i = 0; i < v->nr_vcpus; i++)
		vcpu_create(v, &v->vcpus[i], i);
	boot_regs(v, &v->vcpus[0], v->entry, v->fdt_addr);
	fprintf(stderr, "vmm: %d vCPU(s), kernel entry %#llx, device tree at %#llx\n",
		v->nr_vcpus, (unsigned long long)v->entry,
		(unsigned long long)v->fdt_addr);
	stamp_run();
	clock_gettime(CLOCK_MONOTONIC, &start);
	tb_start = mftb();
	for (i = 0; i < v->nr_vcpus; i++)
		if (pthread_create(&v->vcpus[i].thread, NULL, vcpu_thread,
				   &v->vcpus[i]))
			die("cannot start vCPU %d's thread", i);
	while (!vmm_stopped()) {
		nanosleep(&tick, NULL);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (v->timeout && now.tv_sec - start.tv_sec >= v->timeout) {
			fprintf(stderr, "\nvmm: timeout: the guest ran %u s without powering off\n",
				v->timeout);
			vmm_stop(v, VMM_TIMEOUT);
		}
	}
	for (i = 0; i < v->nr_vcpus; i++)
		pthread_join(v->vcpus[i].thread, NULL);
	summary(v);
}

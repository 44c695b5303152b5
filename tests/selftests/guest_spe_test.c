// SPDX-License-Identifier: GPL-2.0-only
/*
 * SPE in the guest: the upper GPR halves and ACC belong to the vCPU and
 * survive exits to userspace and rescheduling; a guest with MSR[SPE] = 0
 * takes its own SPE unavailable interrupt; SPE loads and stores to MMIO
 * move the 64-bit registers (8-byte exits for the doubleword forms).
 * The test process and a child use SPE on their own r14 meanwhile and
 * must find their values intact.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include "guest_mem_asm.h"

#define EV_ENC(xo, d, a, b)	((4u << 26) | ((d) << 21) | ((a) << 16) | ((b) << 11) | (xo))

/* this process's r14 upper half (SPE): set from r0, read into r0 */
static void host_set_upper(u32 v)
{
	asm volatile("mr 0, %0\n\t.long %1"
		     : : "r"(v), "i"(EV_ENC(0x22d, 14, 0, 14)) : "r0");
}

static u32 host_upper(void)
{
	u32 v;

	asm volatile(".long %1\n\tmr %0, 0"
		     : "=r"(v) : "i"(EV_ENC(0x22c, 0, 0, 14)) : "r0");
	return v;
}

/* a child using SPE on its own r14 while the guest runs */
static pid_t spawn_spe_user(void)
{
	pid_t pid = fork();
	u32 i;

	if (pid)
		return pid;
	for (i = 0; i < 3000; i++) {
		host_set_upper(0xc0de0000 | i);
		sched_yield();
		if (host_upper() != (0xc0de0000 | i))
			_exit(1);
	}
	_exit(0);
}

#define REPORT		(GUEST_MMIO + 0x800)
#define ROUNDS		40

static void build(struct prog *p, u32 *at_first, u32 *at_second)
{
	unsigned int n;

	emit(p, I_LIS(4, GUEST_MMIO >> 16));
	emit_li32(p, 31, REPORT);
	emit_li32(p, 9, GUEST_MMIO + 0x300);
	emit(p, I_LI(3, 0));
	emit(p, I_MTSPR(SPR_IVPR, 3));
	emit(p, I_LI(3, 0x2000));
	emit(p, I_MTSPR(spr_ivor(32), 3));
	for (n = 14; n <= 20; n++)
		emit(p, I_LI(n, n));
	/* MSR[SPE] = 0: the guest's own SPE unavailable handler enables it */
	emit(p, I_LI(3, 0x1111));
	*at_first = prog_here(p, GUEST_CODE);
	emit(p, I_EVMERGELO(14, 3, 14));
	for (n = 15; n <= 20; n++) {
		emit(p, I_LI(3, 0x1111 * (n - 13)));
		emit(p, I_EVMERGELO(n, 3, n));
	}
	emit_li32(p, 3, 0xacc01234);
	emit_li32(p, 5, 0x0000beef);
	emit(p, I_EVMERGELO(3, 3, 5));
	emit(p, I_EVMRA(21, 3));		/* ACC = 0xacc01234_0000beef */
	for (n = 0; n < ROUNDS; n++) {
		emit(p, I_EVMERGEHI(22, 22, 14));
		emit(p, I_STW(22, 0x40, 4));
	}
	for (n = 14; n <= 20; n++) {
		emit(p, I_EVMERGEHI(3, 3, n));
		emit(p, I_STW(3, 0x100 + 4 * (n - 14), 4));
	}
	emit(p, I_EVXOR(6, 6, 6));
	emit(p, I_EVMWUMIAA(6, 6, 6));		/* r6 = ACC */
	emit(p, I_EVMERGEHI(3, 3, 6));
	emit(p, I_STW(3, 0x200, 4));
	emit(p, I_STW(6, 0x204, 4));
	/* SPE loads and stores to MMIO, base r9 = GUEST_MMIO + 0x300 */
	emit(p, I_EVSTDD(14, 0, 9));
	emit(p, I_EVLDD(15, 8, 9));
	emit(p, I_EVMERGEHI(3, 3, 15));
	emit(p, I_STW(3, 0x10, 9));
	emit(p, I_STW(15, 0x14, 9));
	emit(p, I_EVLWHOS(16, 0x18, 9));
	emit(p, I_EVSTDD(16, 0x20, 9));
	emit(p, I_EVSTWWO(14, 0x28, 9));
	emit(p, I_EVSTWHE(15, 0x2c, 9));
	emit(p, I_EVLHHESPLAT(18, 0x30, 9));
	emit(p, I_EVSTDD(18, 0x38, 9));
	/* the guest turns SPE off: its next SPE instruction must trap */
	emit(p, I_MFMSR(3));
	emit(p, I_LIS(5, 0x0200));
	emit(p, I_ANDC(3, 3, 5));
	emit(p, I_MTMSR(3));
	*at_second = prog_here(p, GUEST_CODE);
	emit(p, I_EVMERGELO(19, 3, 19));
	emit(p, I_STW(4, 0x404, 4));
	emit(p, I_SELF_LOOP);
}

static void expect64(struct guest *g, u32 addr, unsigned long long want,
		     const char *what)
{
	if (!mem_run(g, addr, 1, 8)) {
		tap_check(0, "%s", what);
		return;
	}
	tap_check(mmio_value64(g->run) == want, "%s (0x%016llx)", what,
		  mmio_value64(g->run));
}

static void spe_state(void)
{
	const u32 handler[] = {
		I_MFSPR(30, SPR_SRR0), I_STW(30, 0, 31),
		I_MFSPR(30, SPR_ESR), I_STW(30, 4, 31),
		I_MFSPR(30, SPR_SRR1), I_ORIS(30, 30, MSR_SPE_BIT >> 16),
		I_MTSPR(SPR_SRR1, 30), I_RFI,
	};
	struct prog p = { .n = 0 };
	u32 at_first, at_second;
	int ok = 1, host_ok = 1, status = -1;
	struct kvm_regs regs;
	struct guest g;
	unsigned int i;
	pid_t child;

	if (!tap_check(guest_create(&g) == 0, "create a guest for SPE"))
		return;
	build(&p, &at_first, &at_second);
	if (!tap_check(!p.lost, "the SPE guest program fits (%u words)", p.n))
		return;
	prog_put(&g, GUEST_CODE, &p);
	guest_code(&g, 0x2000, handler, ARRAY_LEN(handler));
	guest_set_pc(&g, GUEST_CODE, 0);

	child = spawn_spe_user();
	host_set_upper(0xdeadbeef);
	expect_store(&g, REPORT, at_first,
		     "guest with MSR[SPE] = 0: SPE unavailable interrupt at the instruction");
	expect_store(&g, REPORT + 4, ESR_SPV_BIT, "SPE unavailable: ESR[SPV]");

	for (i = 0; i < ROUNDS && ok; i++) {
		if (!mem_run(&g, GUEST_MMIO + 0x40, 1, 4) ||
		    mmio_value(g.run) != 0x1111) {
			tap_diag("round %u: 0x%08x", i, mmio_value(g.run));
			ok = 0;
		}
		if (host_upper() != 0xdeadbeef)
			host_ok = 0;
		host_set_upper(0xdeadbeef);
		sched_yield();
	}
	tap_check(ok, "r14's upper half survives %d exits to userspace and yields",
		  ROUNDS);
	tap_check(host_ok, "the test process's own r14 upper half is not disturbed by the guest");
	for (i = 0; i < 7; i++) {
		char what[80];

		snprintf(what, sizeof(what), "upper half of r%u survives", 14 + i);
		expect_store(&g, GUEST_MMIO + 0x100 + 4 * i, 0x1111 * (i + 1), what);
	}
	expect_store(&g, GUEST_MMIO + 0x200, 0xacc01234, "ACC upper word survives");
	expect_store(&g, GUEST_MMIO + 0x204, 0x0000beef, "ACC lower word survives");

	expect64(&g, GUEST_MMIO + 0x300, 0x000011110000000eull,
		 "evstdd to MMIO: one 8-byte store of both halves of r14");
	if (tap_check(mem_run(&g, GUEST_MMIO + 0x308, 0, 8), "evldd from MMIO: one 8-byte load"))
		mmio_fill64(g.run, 0x1122334455667788ull);
	expect_store(&g, GUEST_MMIO + 0x310, 0x11223344, "evldd filled r15's upper half");
	expect_store(&g, GUEST_MMIO + 0x314, 0x55667788, "evldd filled r15's lower half");
	if (tap_check(mem_run(&g, GUEST_MMIO + 0x318, 0, 4), "evlwhos from MMIO: 4-byte load"))
		mmio_fill(g.run, 0x80017fff);
	expect64(&g, GUEST_MMIO + 0x320, 0xffff800100007fffull,
		 "evlwhos sign-extends each halfword into its word");
	expect_store(&g, GUEST_MMIO + 0x328, 0x0000000e, "evstwwo stores the lower word");
	expect_store(&g, GUEST_MMIO + 0x32c, 0x11225566, "evstwhe stores both even halfwords");
	if (tap_check(mem_run(&g, GUEST_MMIO + 0x330, 0, 2), "evlhhesplat: 2-byte load"))
		mmio_fill(g.run, 0xabcd);
	expect64(&g, GUEST_MMIO + 0x338, 0xabcd0000abcd0000ull,
		 "evlhhesplat puts the halfword in both even halves");
	expect_store(&g, REPORT, at_second,
		     "guest clears MSR[SPE] while its state is loaded: next SPE instruction traps");
	expect_store(&g, REPORT + 4, ESR_SPV_BIT, "second SPE unavailable: ESR[SPV]");
	expect_store(&g, GUEST_MMIO + 0x404, GUEST_MMIO, "the guest finishes");

	memset(&regs, 0, sizeof(regs));
	ioctl(g.vcpu, KVM_GET_REGS, &regs);
	tap_check(regs.gpr[14] == 14 && regs.gpr[15] == 0x55667788,
		  "KVM_GET_REGS: lower halves r14 0x%llx r15 0x%llx",
		  (unsigned long long)regs.gpr[14], (unsigned long long)regs.gpr[15]);
	tap_check(host_upper() == 0xdeadbeef,
		  "the test process's r14 upper half is intact at the end (0x%08x)",
		  host_upper());
	waitpid(child, &status, 0);
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "a child using SPE concurrently kept its own r14 (status 0x%x)", status);
	guest_destroy(&g);
}

static int stop_spinning;

static void on_term(int sig)
{
	__atomic_store_n(&stop_spinning, 1, __ATOMIC_RELAXED);
}

/* a child on the vCPU's CPU, keeping its own r14 upper half busy */
static pid_t spawn_spinner(void)
{
	struct sigaction sa = { .sa_handler = on_term };
	pid_t pid = fork();
	u32 i = 0;

	if (pid)
		return pid;
	sigaction(SIGTERM, &sa, NULL);
	while (!__atomic_load_n(&stop_spinning, __ATOMIC_RELAXED)) {
		unsigned int spin;

		host_set_upper(0xc1d00000 | (i & 0xffff));
		for (spin = 0; spin < 1000; spin++)
			asm volatile("" : : : "memory");	/* keep the loop */
		if (host_upper() != (0xc1d00000 | (i & 0xffff)))
			_exit(1);
		i++;
	}
	_exit(0);
}

/* involuntary context switches of this thread so far */
static long preemptions(void)
{
	char line[128];
	long n = -1;
	FILE *f = fopen("/proc/thread-self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "nonvoluntary_ctxt_switches: %ld", &n) == 1)
			break;
	fclose(f);
	return n;
}

#define SPIN_ROUNDS	4000000

/*
 * The guest checks its r14 upper half in a long loop while a child
 * using SPE shares the CPU: the vCPU is preempted inside KVM_RUN (the
 * preempt notifier saves the guest's state) and must never see the
 * child's value.
 */
static void spe_preempted(void)
{
	struct prog p = { .n = 0 };
	int status = -1, exited;
	long before, after;
	u32 loop, bne, fail;
	cpu_set_t one, all;
	struct guest g;
	pid_t child;

	if (!tap_check(guest_create(&g) == 0, "create a guest for SPE under preemption"))
		return;
	emit(&p, I_LIS(4, GUEST_MMIO >> 16));
	emit_li32(&p, 3, 0x5a5a0001);
	emit(&p, I_EVMERGELO(14, 3, 14));
	emit_li32(&p, 5, SPIN_ROUNDS);
	emit(&p, I_MTCTR(5));
	loop = prog_here(&p, GUEST_CODE);
	emit(&p, I_EVMERGEHI(22, 22, 14));
	emit(&p, I_CMPW(22, 3));
	bne = prog_here(&p, GUEST_CODE);
	emit(&p, 0);
	emit(&p, I_BDNZ(loop - prog_here(&p, GUEST_CODE)));
	emit(&p, I_STW(3, 0, 4));
	emit(&p, I_SELF_LOOP);
	fail = prog_here(&p, GUEST_CODE);
	emit(&p, I_STW(22, 4, 4));
	emit(&p, I_SELF_LOOP);
	p.w[(bne - GUEST_CODE) / 4] = I_BNE(fail - bne);
	prog_put(&g, GUEST_CODE, &p);
	guest_set_pc(&g, GUEST_CODE, MSR_SPE_BIT);

	sched_getaffinity(0, sizeof(all), &all);
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	sched_setaffinity(0, sizeof(one), &one);
	child = spawn_spinner();
	before = preemptions();
	expect_store(&g, GUEST_MMIO, 0x5a5a0001,
		     "guest r14 upper half held through 4M checks beside an SPE-using child");
	after = preemptions();
	kill(child, SIGTERM);
	waitpid(child, &status, 0);
	sched_setaffinity(0, sizeof(all), &all);
	tap_check(after > before,
		  "the vCPU thread was preempted during KVM_RUN (%ld times)",
		  after - before);
	exited = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	tap_check(exited, "the child sharing the CPU kept its own r14 (status 0x%x)",
		  status);
	guest_destroy(&g);
}

int main(void)
{
	tap_start();
	spe_state();
	spe_preempted();
	return tap_done();
}

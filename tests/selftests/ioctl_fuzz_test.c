// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host survives random and malformed arguments at every ioctl.
 *
 * For each /dev/kvm, VM and vCPU ioctl we handle (and some we do not),
 * call it with a NULL pointer, an unmapped address, a misaligned
 * buffer, a read-only buffer, random contents and huge size fields;
 * then KVM_RUN a vCPU after random SET_REGS / SET_SREGS / SET_ONE_REG
 * contents with random guest RAM, so the emulator sees random
 * instructions.  Every call must return (success or an errno) within
 * MAX_CALL_MS; KVM_RUN is interrupted by a one-shot timer signal (and
 * by the parent's periodic one).
 * Afterwards a new VM must still run guest code correctly.  The PRNG
 * seed is fixed, so a failure repeats.  Host WARNING/BUG/oops reports
 * fail the run in the harness.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include "guest_asm.h"
#include "tap.h"

#define SEED		0x6b766d21u
#define ROUNDS		12	/* per ioctl and argument kind */
#define RUN_ROUNDS	40
/*
 * Guest-visible time is QEMU's instruction count and jumps ahead while
 * both host CPUs idle, so a KVM_(UN)REGISTER_COALESCED_MMIO waiting for
 * SRCU grace periods can take seconds of it; a minute is a hang.
 */
#define MAX_CALL_MS	60000
#define RUN_SLICE_US	2000
#define BUF_SIZE	8192

static __u64 rng = SEED;
static int kmsg = -1;

/*
 * Progress on the console (the runner's protocol, as "@@ #" comments):
 * a long fuzz run is not taken for a stalled host, and if the host
 * does stop, the last line says in which call or with which state.
 */
static void progress(const char *what, unsigned int n)
{
	char line[240];
	int len;

	if (kmsg < 0)
		kmsg = open("/dev/kmsg", O_WRONLY);
	len = snprintf(line, sizeof(line), "<3>@@ # fuzz %s %u\n", what, n);
	if (kmsg >= 0 && write(kmsg, line, len) < 0)
		kmsg = -2;
}

static u32 rnd(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (rng * 0x2545f4914f6cdd1dull) >> 32;
}

static void fill_random(void *p, size_t n)
{
	u8 *b = p;

	while (n--)
		*b++ = rnd();
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void on_alarm(int sig)
{
	(void)sig;	/* only there to interrupt KVM_RUN */
}

/* arm a one-shot SIGALRM @us from now (0 disarms) */
static void slice(long us)
{
	struct itimerval it = { .it_value = { us / 1000000, us % 1000000 } };

	setitimer(ITIMER_REAL, &it, NULL);
}

struct fds {
	int kvm, vm, vcpu;
};

enum target { SYS, VM, VCPU };

struct fuzz_ioctl {
	enum target on;
	unsigned long nr;
	const char *name;
};

#define IO(t, n)	{ t, n, #n }

/* KVM_CREATE_VM, KVM_CREATE_VCPU and KVM_RUN are exercised separately */
static const struct fuzz_ioctl ioctls[] = {
	IO(SYS, KVM_GET_API_VERSION),
	IO(SYS, KVM_CHECK_EXTENSION),
	IO(SYS, KVM_GET_VCPU_MMAP_SIZE),
	IO(SYS, _IOWR(KVMIO, 0x02, __u64)),	/* x86's GET_MSR_INDEX_LIST */
	IO(SYS, _IOWR(KVMIO, 0x05, __u64)),	/* x86's GET_SUPPORTED_CPUID */
	IO(VM, KVM_CHECK_EXTENSION),
	IO(VM, KVM_SET_USER_MEMORY_REGION),
	IO(VM, KVM_SET_USER_MEMORY_REGION2),
	IO(VM, KVM_GET_DIRTY_LOG),
	IO(VM, KVM_CLEAR_DIRTY_LOG),
	IO(VM, KVM_IRQ_LINE),
	IO(VM, KVM_IRQ_LINE_STATUS),
	IO(VM, KVM_CREATE_IRQCHIP),
	IO(VM, KVM_IRQFD),
	IO(VM, KVM_IOEVENTFD),
	IO(VM, KVM_SIGNAL_MSI),
	IO(VM, KVM_SET_GSI_ROUTING),
	IO(VM, KVM_ENABLE_CAP),
	IO(VM, KVM_PPC_GET_PVINFO),
	IO(VM, KVM_PPC_GET_SMMU_INFO),
	IO(VM, KVM_SET_TSS_ADDR),
	IO(VM, KVM_REGISTER_COALESCED_MMIO),
	IO(VM, KVM_UNREGISTER_COALESCED_MMIO),
	IO(VM, KVM_SET_MEMORY_ATTRIBUTES),
	IO(VCPU, KVM_GET_REGS),
	IO(VCPU, KVM_SET_REGS),
	IO(VCPU, KVM_GET_SREGS),
	IO(VCPU, KVM_SET_SREGS),
	IO(VCPU, KVM_TRANSLATE),
	IO(VCPU, KVM_INTERRUPT),
	IO(VCPU, KVM_GET_ONE_REG),
	IO(VCPU, KVM_SET_ONE_REG),
	IO(VCPU, KVM_GET_REG_LIST),
	IO(VCPU, KVM_ENABLE_CAP),
	IO(VCPU, KVM_GET_FPU),
	IO(VCPU, KVM_SET_FPU),
	IO(VCPU, KVM_GET_MP_STATE),
	IO(VCPU, KVM_SET_MP_STATE),
	IO(VCPU, KVM_SET_GUEST_DEBUG),
	IO(VCPU, KVM_SET_SIGNAL_MASK),
	IO(VCPU, KVM_DIRTY_TLB),
	IO(VCPU, KVM_KVMCLOCK_CTRL),
	IO(VCPU, KVM_GET_STATS_FD),
	IO(VCPU, _IO(KVMIO, 0xfe)),
	IO(VM, _IOWR(KVMIO, 0xfd, struct kvm_regs)),
};

enum arg_kind { A_NULL, A_UNMAPPED, A_MISALIGNED, A_READONLY, A_RANDOM,
		A_HUGE, A_SMALLINT, NR_KINDS };

static u8 *buf, *ro_page;
static void *unmapped;

/* random contents, with every 32- and 64-bit size-like field huge */
static void fill_huge(void *p, size_t n)
{
	u32 *w = p;
	size_t i;

	fill_random(p, n);
	for (i = 0; i < n / 4; i++)
		if (rnd() & 1)
			w[i] = (rnd() & 1) ? 0xffffffffu : 0x7ffffff0u;
}

static unsigned long make_arg(enum arg_kind k)
{
	switch (k) {
	case A_NULL:
		return 0;
	case A_UNMAPPED:
		return (unsigned long)unmapped + (rnd() & 0xffc);
	case A_MISALIGNED:
		fill_random(buf, BUF_SIZE);
		return (unsigned long)buf + 1 + (rnd() % 7);
	case A_READONLY:
		return (unsigned long)ro_page;
	case A_RANDOM:
		fill_random(buf, BUF_SIZE);
		return (unsigned long)buf;
	case A_HUGE:
		fill_huge(buf, BUF_SIZE);
		return (unsigned long)buf;
	default:
		return rnd() % 300;
	}
}

static int fd_of(const struct fds *f, enum target t)
{
	return t == SYS ? f->kvm : t == VM ? f->vm : f->vcpu;
}

/* the call returned: close the file it created, tell how long it took */
static double call(int fd, unsigned long nr, unsigned long arg, int *err)
{
	double t0 = now_ms();
	long r;

	r = ioctl(fd, nr, arg);
	*err = r < 0 ? errno : 0;
	if (r > 2 && nr == KVM_GET_STATS_FD)
		close(r);
	return now_ms() - t0;
}

static void fuzz_ioctls(const struct fds *f)
{
	unsigned int i, k, n;

	for (i = 0; i < ARRAY_LEN(ioctls); i++) {
		const struct fuzz_ioctl *io = &ioctls[i];
		double worst = 0;
		unsigned int ok = 0, failed = 0;
		int err, last_err = 0;

		progress(io->name, i);
		for (k = 0; k < NR_KINDS; k++) {
			for (n = 0; n < ROUNDS; n++) {
				double t = call(fd_of(f, io->on), io->nr,
						make_arg(k), &err);

				if (t > worst)
					worst = t;
				if (err) {
					failed++;
					last_err = err;
				} else {
					ok++;
				}
			}
		}
		/* KVM_SET_SIGNAL_MASK garbage must not block our timer */
		ioctl(f->vcpu, KVM_SET_SIGNAL_MASK, NULL);
		tap_check(worst < MAX_CALL_MS,
			  "%s: %u calls (%u ok, %u errors, last %s), slowest %.0f ms",
			  io->name, ok + failed, ok, failed,
			  last_err ? strerror(last_err) : "-", worst);
	}
}

/* ONE_REG ids worth hitting with random values */
static const __u64 reg_ids[] = {
	KVM_REG_PPC_TCR, KVM_REG_PPC_TSR, KVM_REG_PPC_OR_TSR,
	KVM_REG_PPC_CLEAR_TSR, KVM_REG_PPC_VRSAVE, KVM_REG_PPC_DAR,
	KVM_REG_PPC_MAS0, KVM_REG_PPC_MAS1, KVM_REG_PPC_MAS2,
	KVM_REG_PPC_MAS7_3, KVM_REG_PPC_MAS4, KVM_REG_PPC_MAS6,
	KVM_REG_PPC_MMUCFG, KVM_REG_PPC_IAC1, KVM_REG_PPC_DAC2,
	KVM_REG_PPC_DBSR,
};

/* the MSR bits an e500v2 has: keep some runs valid */
#define MSR_VALID	0x0606fb36u

static void random_state(struct guest *g)
{
	struct kvm_regs regs;
	struct kvm_sregs sregs;
	struct kvm_one_reg one;
	__u64 val;
	unsigned int i;

	fill_random(&regs, sizeof(regs));
	if (rnd() & 1)
		regs.msr &= MSR_VALID;
	if (rnd() & 1)
		regs.pc = rnd() % GUEST_RAM_SIZE;
	ioctl(g->vcpu, KVM_SET_REGS, &regs);

	if (rnd() & 1) {
		ioctl(g->vcpu, KVM_GET_SREGS, &sregs);
		fill_random(&sregs.u.e, sizeof(sregs.u.e));
		if (rnd() & 1)
			sregs.u.e.features &= 0x3f;
		ioctl(g->vcpu, KVM_SET_SREGS, &sregs);
	}
	for (i = rnd() % 4; i; i--) {
		val = ((__u64)rnd() << 32) | rnd();
		if (rnd() & 1)
			val &= 0xffffffff;
		one.id = reg_ids[rnd() % ARRAY_LEN(reg_ids)];
		one.addr = (uintptr_t)&val;
		ioctl(g->vcpu, KVM_SET_ONE_REG, &one);
	}
	if (rnd() % 4 == 0) {
		struct kvm_interrupt irq = { .irq = rnd() % 3 ?
					     KVM_INTERRUPT_SET : rnd() };

		ioctl(g->vcpu, KVM_INTERRUPT, &irq);
	}
	/* random instructions for the emulator, in part of guest RAM */
	fill_random(g->ram + (rnd() % 16) * 0x10000, 0x10000);
}

static void fuzz_run(void)
{
	unsigned int i, ok = 0, einval = 0, intr = 0, other = 0;
	double worst = 0, t;
	struct guest g;
	int r;

	if (!tap_check(guest_create(&g) == 0, "KVM_RUN fuzz: create guest"))
		return;
	for (i = 0; i < RUN_ROUNDS; i++) {
		struct kvm_sregs sregs;
		struct kvm_regs regs;
		char line[160];

		random_state(&g);
		ioctl(g.vcpu, KVM_SET_SIGNAL_MASK, NULL);
		ioctl(g.vcpu, KVM_GET_REGS, &regs);
		ioctl(g.vcpu, KVM_GET_SREGS, &sregs);
		snprintf(line, sizeof(line),
			 "run: pc %llx msr %llx tcr %x tsr %x dec %x decar %x, round",
			 (unsigned long long)regs.pc, (unsigned long long)regs.msr,
			 sregs.u.e.tcr, sregs.u.e.tsr, sregs.u.e.dec, sregs.u.e.decar);
		progress(line, i);
		t = now_ms();
		slice(RUN_SLICE_US);
		r = ioctl(g.vcpu, KVM_RUN, 0);
		slice(0);
		t = now_ms() - t;
		if (t > worst)
			worst = t;
		if (r == 0)
			ok++;
		else if (errno == EINVAL)
			einval++;
		else if (errno == EINTR)
			intr++;
		else
			other++;
	}
	tap_check(worst < MAX_CALL_MS,
		  "KVM_RUN after random state: %u runs (%u exits, %u EINVAL, %u EINTR, %u other), slowest %.0f ms",
		  RUN_ROUNDS, ok, einval, intr, other, worst);
	tap_check(ok + intr > 0, "some random states did run guest code");
	/* EIO would be an exit the backend did not expect */
	tap_check(other == 0, "KVM_RUN never failed other than EINVAL/EINTR (%u)",
		  other);
	guest_destroy(&g);
}

/* create VMs and vCPUs with random arguments */
static void fuzz_create(int kvm)
{
	unsigned int i, made = 0;
	double worst = 0, t;
	int vm, fd, err;

	for (i = 0; i < 32; i++) {
		unsigned long type = i < 8 ? i : rnd();

		t = now_ms();
		/* EINTR: a signal came while the MMU notifier registered */
		do
			vm = ioctl(kvm, KVM_CREATE_VM, type);
		while (vm < 0 && errno == EINTR);
		err = vm < 0 ? errno : 0;
		t = now_ms() - t;
		worst = t > worst ? t : worst;
		if (vm < 0)
			continue;
		made++;
		fd = ioctl(vm, KVM_CREATE_VCPU, rnd() % 4 ? rnd() : rnd() % 8);
		if (fd >= 0)
			close(fd);
		fd = ioctl(vm, KVM_CREATE_VCPU, -1);
		if (fd >= 0)
			close(fd);
		close(vm);
	}
	(void)err;
	tap_check(worst < MAX_CALL_MS && made > 0,
		  "KVM_CREATE_VM/KVM_CREATE_VCPU with random arguments (%u VMs), slowest %.0f ms",
		  made, worst);
}

/* the host still runs a guest correctly */
static void healthy(void)
{
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		I_LIS(3, 0x600d), I_ORI(3, 3, 0xf00d),
		I_MTSPR(SPR_SPRG1, 3), I_MFSPR(5, SPR_SPRG1),
		I_STW(5, 0, 4),
		I_SELF_LOOP,
	};
	struct guest g;
	sigset_t alrm, old;
	u32 val;
	int ok;

	if (!tap_check(guest_create(&g) == 0, "after fuzzing: create a new guest"))
		return;
	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_set_pc(&g, GUEST_CODE, 0);
	/* the parent's 10 ms SIGALRMs must not cut this run short */
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_BLOCK, &alrm, &old);
	ok = guest_store_exit(&g, GUEST_MMIO, &val);
	sigprocmask(SIG_SETMASK, &old, NULL);
	tap_check(ok && val == 0x600df00d,
		  "after fuzzing: a new guest runs and emulates correctly (0x%08x)",
		  val);
	guest_destroy(&g);
}

static void fuzz_all(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct fds f;
	struct guest g;

	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: KVM_RUN returns */
	buf = aligned_alloc(4096, BUF_SIZE);
	ro_page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unmapped = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(unmapped, 4096);
	if (!tap_check(buf && ro_page != MAP_FAILED && guest_create(&g) == 0,
		       "set up buffers and a guest"))
		return;
	f.kvm = g.kvm;
	f.vm = g.vm;
	f.vcpu = g.vcpu;

	fuzz_ioctls(&f);
	guest_destroy(&g);
	fuzz_run();
	fuzz_create(open("/dev/kvm", O_RDWR));
	healthy();
}

static pid_t child;

static void on_deadline(int sig)
{
	(void)sig;
	kill(child, SIGKILL);
}

/*
 * The fuzzing runs in a child; the parent's alarm() kills it if it
 * does not finish in time, which is a failure ("hangs"), and the
 * child's TAP count comes back through a pipe.
 */
int main(void)
{
	struct sigaction sa = { .sa_handler = on_deadline };
	struct sigaction child_sa = { .sa_handler = on_alarm };
	int pipefd[2], counts[2] = { 0, 0 }, status = 0;
	pid_t r;

	tap_start();
	if (pipe(pipefd))
		return 1;
	/*
	 * The child inherits its SIGALRM handler: the parent's first 10 ms
	 * SIGALRM may come before the child runs fuzz_all(), and would
	 * kill it (seen on a loaded build machine: status 0xe).
	 */
	sigaction(SIGALRM, &child_sa, NULL);
	child = fork();
	if (child == 0) {
		close(pipefd[0]);
		fuzz_all();
		counts[0] = tap_count;
		counts[1] = tap_failures;
		if (write(pipefd[1], counts, sizeof(counts)) != sizeof(counts))
			_exit(2);
		_exit(0);
	}
	close(pipefd[1]);
	sigaction(SIGALRM, &sa, NULL);
	alarm(110);
	/*
	 * Besides its own timer, the child gets a SIGALRM from here every
	 * 10 ms: a CPU whose host timer interrupt went missing (see
	 * testing.md, "Known problems") would otherwise never end a
	 * KVM_RUN on it, and the fuzzer would be reported as hung.
	 */
	while ((r = waitpid(child, &status, WNOHANG)) == 0) {
		usleep(10000);
		kill(child, SIGALRM);
	}
	while (r < 0 && errno == EINTR)
		r = waitpid(child, &status, 0);
	alarm(0);
	if (read(pipefd[0], counts, sizeof(counts)) == sizeof(counts)) {
		tap_count = counts[0];
		tap_failures = counts[1];
	}
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "the fuzzer finished within 110 s (status 0x%x)", status);
	return tap_done();
}

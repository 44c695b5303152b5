// SPDX-License-Identifier: GPL-2.0-only
/*
 * ePAPR hypercalls on the e500v2 backend: KVM_PPC_GET_PVINFO and its
 * capability, each hypercall from a guest (arguments, results, the
 * registers it leaves alone), unknown tokens and vendors
 * (EV_UNIMPLEMENTED, counted in the binary statistics), system calls
 * that are not hypercalls, byte-channel calls handed to userspace
 * (KVM_EXIT_HYPERCALL), and EV_IDLE woken by the decrementer and by
 * KVM_INTERRUPT from another thread.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>

#include "pv_asm.h"
#include "tap.h"

#define TCR_DIE		0x04000000u
#define TSR_DIS		0x08000000u
#define EV_UNIMPL	12

static void pvinfo_checks(struct guest *g)
{
	int r;

	tap_check(ioctl(g->kvm, KVM_CHECK_EXTENSION, KVM_CAP_PPC_GET_PVINFO) == 1,
		  "KVM_CAP_PPC_GET_PVINFO is 1");
	tap_check(ioctl(g->vm, KVM_CHECK_EXTENSION, KVM_CAP_EXIT_HYPERCALL) == 1,
		  "KVM_CAP_EXIT_HYPERCALL is 1 (the byte-channel calls)");
	memset(&pvinfo, 0xff, sizeof(pvinfo));
	r = pv_info(g->vm);
	tap_check(r == 0 && pvinfo.flags == KVM_PPC_PVINFO_FLAGS_EV_IDLE,
		  "KVM_PPC_GET_PVINFO: flags = EV_IDLE (0x%x)", pvinfo.flags);
	tap_check(pvinfo.hcall[0] == 0x3c004b56 && pvinfo.hcall[1] == 0x60004d21 &&
		  pvinfo.hcall[2] == I_SC && pvinfo.hcall[3] == I_NOP,
		  "PVINFO hcall: lis r0,0x4b56; ori r0,r0,0x4d21; sc; nop (%08x %08x %08x %08x)",
		  pvinfo.hcall[0], pvinfo.hcall[1], pvinfo.hcall[2], pvinfo.hcall[3]);
	for (r = 0; r < (int)sizeof(pvinfo.pad) && !pvinfo.pad[r]; r++)
		;
	tap_check(r == sizeof(pvinfo.pad), "PVINFO padding is zeroed");
	r = ioctl(g->vm, KVM_PPC_GET_PVINFO, (void *)8);
	tap_errno(r, EFAULT, "KVM_PPC_GET_PVINFO to an unmapped address");
}

/* one hypercall with r3..r10 = @in; out = r3..r10 afterwards */
static int hcall(struct guest *g, u32 token, const u32 *in, u32 *out)
{
	struct prog p = { .n = 0 };
	unsigned int i;

	emit_hcall(&p, token, in, 8);
	for (i = 0; i < 8; i++)
		emit_report(&p, 3 + i, 4 * i);
	emit(&p, I_SELF_LOOP);
	prog_load(g, &p, GUEST_CODE, 0);
	return collect(g, out, 8);
}

static const u32 args[8] = {
	0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a,
};

static void features_and_unknown(struct guest *g)
{
	const u32 tokens[] = {
		KVM_HCALL_TOKEN(99),			/* KVM vendor, no such call */
		_EV_HCALL_TOKEN(7, KVM_HC_FEATURES),	/* another vendor */
		EV_HCALL_TOKEN(EV_INT_SET_MASK),	/* ePAPR, not offered */
		EV_HCALL_TOKEN(EV_BYTE_CHANNEL_SEND),	/* userspace's, not asked */
	};
	long long calls, unimpl;
	u32 out[8];
	unsigned int i;
	int ok;

	calls = stat_get(g->vcpu, "hcalls");
	unimpl = stat_get(g->vcpu, "hcall_unimplemented");
	tap_check(calls == 0 && unimpl == 0,
		  "binary stats hcalls and hcall_unimplemented start at 0 (%lld, %lld)",
		  calls, unimpl);

	ok = hcall(g, KVM_HCALL_TOKEN(KVM_HC_FEATURES), args, out);
	tap_check(ok && out[0] == 0 && out[1] == 1u << KVM_FEATURE_MAGIC_PAGE,
		  "KVM_HC_FEATURES: r3 = EV_SUCCESS, r4 = KVM_FEATURE_MAGIC_PAGE bit (%u, 0x%x)",
		  out[0], out[1]);
	for (i = 2; i < 8 && out[i] == args[i]; i++)
		;
	tap_check(ok && i == 8, "KVM_HC_FEATURES leaves r5..r10 alone");

	for (i = 0; i < ARRAY_LEN(tokens); i++) {
		ok = hcall(g, tokens[i], args, out);
		tap_check(ok && out[0] == EV_UNIMPL && out[1] == args[1],
			  "token 0x%08x answers EV_UNIMPLEMENTED, r4 unchanged (r3 = %u)",
			  tokens[i], out[0]);
	}
	calls = stat_get(g->vcpu, "hcalls");
	unimpl = stat_get(g->vcpu, "hcall_unimplemented");
	tap_check(calls == 5 && unimpl == 4,
		  "hcalls counts 5 calls, hcall_unimplemented 4 (%lld, %lld)",
		  calls, unimpl);
}

/* the handler at 0x2000: reports SRR0, r3 and SPR @spr, then spins */
static void put_handler(struct guest *g, unsigned int spr)
{
	struct prog h = { .n = 0 };

	emit(&h, I_MFSPR(5, SPR_SRR0));
	emit_report(&h, 5, 0);
	emit_report(&h, 3, 4);
	emit(&h, I_MFSPR(5, spr));
	emit_report(&h, 5, 8);
	emit(&h, I_SELF_LOOP);
	prog_put(g, 0x2000, &h);
}

/* a system call that is not a hypercall reaches the guest's IVOR8 */
static void plain_syscalls(struct guest *g)
{
	struct prog p = { .n = 0 }, u = { .n = 0 };
	u32 out[3], sc_at, user_sc;

	put_handler(g, SPR_SRR1);

	/* sc with r0 = 0: the guest's own system call */
	emit_vector(&p, 8);
	emit(&p, I_LI(0, 0));
	emit_li32(&p, 11, KVM_HCALL_TOKEN(KVM_HC_FEATURES));
	emit(&p, I_LI(3, 0x77));
	emit(&p, I_SC);
	sc_at = prog_here(&p, GUEST_CODE);
	emit(&p, I_SELF_LOOP);
	prog_load(g, &p, GUEST_CODE, 0);
	tap_check(collect(g, out, 3) && out[0] == sc_at && out[1] == 0x77,
		  "sc without the KVM magic in r0 is a guest system call (SRR0 0x%x, r3 0x%x)",
		  out[0], out[1]);

	/*
	 * The hypercall sequence from guest user mode: a system call too.
	 * TLB1 entry 0 gets user permissions, then rfi to user mode.
	 */
	emit_hcall(&u, KVM_HCALL_TOKEN(KVM_HC_FEATURES), NULL, 0);
	user_sc = prog_here(&u, 0x3000) - 4;	/* past the sc: the nop */
	emit(&u, I_SELF_LOOP);
	prog_put(g, 0x3000, &u);
	prog_reset(&p);
	emit_vector(&p, 8);
	emit_li32(&p, 5, 0x10000000);		/* MAS0: TLB1 entry 0 */
	emit(&p, I_MTSPR(SPR_MAS0, 5));
	emit_li32(&p, 5, 0xc0000800);		/* V, IPROT, 64 MiB */
	emit(&p, I_MTSPR(SPR_MAS1, 5));
	emit(&p, I_LI(5, 0));
	emit(&p, I_MTSPR(SPR_MAS2, 5));
	emit(&p, I_MTSPR(SPR_MAS7, 5));
	emit(&p, I_LI(5, 0x3f));		/* UX SX UW SW UR SR */
	emit(&p, I_MTSPR(SPR_MAS3, 5));
	emit(&p, I_TLBWE);
	emit(&p, I_LI(3, 0x55));
	emit(&p, I_LI(5, 0x3000));
	emit(&p, I_MTSPR(SPR_SRR0, 5));
	emit(&p, I_LI(5, MSR_PR));
	emit(&p, I_MTSPR(SPR_SRR1, 5));
	emit(&p, I_RFI);
	prog_load(g, &p, GUEST_CODE, 0);
	tap_check(collect(g, out, 3) && out[0] == user_sc && out[1] == 0x55 &&
		  (out[2] & MSR_PR),
		  "the hypercall sequence in guest user mode is a system call (SRR0 0x%x, r3 0x%x, SRR1 0x%x)",
		  out[0], out[1], out[2]);
}

static void user_exit(void)
{
	struct kvm_enable_cap cap = { .cap = KVM_CAP_EXIT_HYPERCALL };
	u32 token = EV_HCALL_TOKEN(EV_BYTE_CHANNEL_SEND), out[8];
	struct prog p = { .n = 0 };
	struct guest g;
	unsigned int i;
	int ok;

	if (!tap_check(guest_create(&g) == 0, "user exit: create guest"))
		return;
	cap.args[0] = 2;
	tap_errno(ioctl(g.vcpu, KVM_ENABLE_CAP, &cap), EINVAL,
		  "KVM_CAP_EXIT_HYPERCALL with args[0] = 2");
	cap.args[0] = 1;
	tap_check(ioctl(g.vcpu, KVM_ENABLE_CAP, &cap) == 0,
		  "KVM_ENABLE_CAP(KVM_CAP_EXIT_HYPERCALL, 1) on the vCPU");

	emit_hcall(&p, token, args, 8);
	for (i = 0; i < 8; i++)
		emit_report(&p, 3 + i, 4 * i);
	emit(&p, I_SELF_LOOP);
	prog_load(&g, &p, GUEST_CODE, 0);
	ok = ioctl(g.vcpu, KVM_RUN, 0) == 0 &&
	     g.run->exit_reason == KVM_EXIT_HYPERCALL;
	tap_check(ok && g.run->hypercall.nr == token,
		  "EV_BYTE_CHANNEL_SEND ends KVM_RUN with KVM_EXIT_HYPERCALL, nr = the token (reason %u, nr 0x%llx)",
		  g.run->exit_reason, (unsigned long long)g.run->hypercall.nr);
	for (i = 0; ok && i < 6 && g.run->hypercall.args[i] == args[i]; i++)
		;
	tap_check(ok && i == 6, "KVM_EXIT_HYPERCALL args[0..5] = r3..r8");
	g.run->hypercall.ret = 0;
	g.run->hypercall.args[1] = 0x1234;
	ok = collect(&g, out, 8);
	tap_check(ok && out[0] == 0 && out[1] == 0x1234 && out[2] == args[2] &&
		  out[7] == args[7],
		  "userspace's answer: r3 = ret, r4 = args[1], the rest unchanged (%x %x %x %x)",
		  out[0], out[1], out[2], out[7]);
	guest_destroy(&g);
}

static long long halts(int vcpu)
{
	return stat_get(vcpu, "halt_wakeup") +
	       stat_get(vcpu, "halt_successful_poll");
}

/* guest: vector @ivor at 0x2000 reports SRR0, r3, TSR; EE on; EV_IDLE */
static u32 idle_guest(struct guest *g, unsigned int ivor, int dec)
{
	struct prog p = { .n = 0 };
	u32 resume;

	put_handler(g, SPR_TSR);

	emit_vector(&p, ivor);
	if (dec) {
		emit(&p, I_LIS(5, TCR_DIE >> 16));
		emit(&p, I_MTSPR(SPR_TCR, 5));
		emit(&p, I_LIS(5, 0x0100));	/* 16M ticks */
		emit(&p, I_MTSPR(SPR_DEC, 5));
	}
	emit(&p, I_WRTEEI(1));
	emit_hcall(&p, EV_HCALL_TOKEN(EV_IDLE), NULL, 0);
	resume = prog_here(&p, GUEST_CODE) - 4;	/* the nop after sc */
	emit(&p, I_SELF_LOOP);
	prog_load(g, &p, GUEST_CODE, 0);
	return resume;
}

static void idle_dec(void)
{
	struct guest g;
	long long h0;
	u32 out[3], resume;

	if (!tap_check(guest_create(&g) == 0, "EV_IDLE: create guest"))
		return;
	resume = idle_guest(&g, 10, 1);
	h0 = halts(g.vcpu);
	tap_check(collect(&g, out, 3) && out[0] == resume && out[1] == 0 &&
		  (out[2] & TSR_DIS),
		  "EV_IDLE returns EV_SUCCESS and the decrementer interrupt comes in after the sc (SRR0 0x%x, r3 %u, TSR 0x%x)",
		  out[0], out[1], out[2]);
	tap_check(halts(g.vcpu) > h0,
		  "the vCPU slept in the kernel's halt until the decrementer (halt_wakeup + halt_successful_poll grew)");
	guest_destroy(&g);
}

struct kick {
	int vcpu, r;
};

static void *raise_later(void *arg)
{
	struct kvm_interrupt irq = { .irq = KVM_INTERRUPT_SET };
	struct kick *k = arg;

	usleep(200000);
	k->r = ioctl(k->vcpu, KVM_INTERRUPT, &irq);
	return NULL;
}

static void idle_interrupt(void)
{
	struct timespec t0, t1;
	struct kick k = { 0 };
	struct guest g;
	pthread_t th;
	long ms;
	u32 out[2], resume;
	int ok;

	if (!tap_check(guest_create(&g) == 0, "EV_IDLE/KVM_INTERRUPT: create guest"))
		return;
	resume = idle_guest(&g, 4, 0);
	k.vcpu = g.vcpu;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_create(&th, NULL, raise_later, &k);
	ok = collect(&g, out, 2);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	pthread_join(th, NULL);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	tap_check(ok && k.r == 0 && out[0] == resume && out[1] == 0,
		  "EV_IDLE is woken by KVM_INTERRUPT from another thread: external interrupt after the sc (SRR0 0x%x, r3 %u)",
		  out[0], out[1]);
	tap_check(ms >= 150, "the vCPU waited for the interrupt (%ld ms)", ms);
	guest_destroy(&g);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* a signal ends KVM_RUN during EV_IDLE; the next KVM_RUN waits on */
static void idle_signal(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value = { 0, 50000 } };
	struct kick k = { 0 };
	struct guest g;
	pthread_t th;
	u32 out[2], resume;
	int r, e;

	if (!tap_check(guest_create(&g) == 0, "EV_IDLE/signal: create guest"))
		return;
	resume = idle_guest(&g, 4, 0);
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART */
	setitimer(ITIMER_REAL, &it, NULL);
	r = ioctl(g.vcpu, KVM_RUN, 0);
	e = errno;
	tap_check(r == -1 && e == EINTR && g.run->exit_reason == KVM_EXIT_INTR,
		  "a signal ends KVM_RUN while the guest idles (r %d, errno %d, reason %u)",
		  r, e, g.run->exit_reason);
	k.vcpu = g.vcpu;
	pthread_create(&th, NULL, raise_later, &k);
	tap_check(collect(&g, out, 2) && out[0] == resume && out[1] == 0,
		  "the next KVM_RUN goes on idling: the interrupt comes in after the sc, not in the loop behind it (SRR0 0x%x)",
		  out[0]);
	pthread_join(th, NULL);
	guest_destroy(&g);
}

int main(void)
{
	struct guest g;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create guest"))
		return tap_done();
	pvinfo_checks(&g);
	features_and_unknown(&g);
	plain_syscalls(&g);
	guest_destroy(&g);
	user_exit();
	idle_dec();
	idle_interrupt();
	idle_signal();
	return tap_done();
}

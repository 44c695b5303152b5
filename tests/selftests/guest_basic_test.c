// SPDX-License-Identifier: GPL-2.0-only
/*
 * First guest code on the e500v2 backend: the world switch, MMIO exits
 * in both directions, emulated privileged instructions and interrupts
 * delivered through the guest's IVPR/IVORs.  Guest-visible results are
 * read back through MMIO stores and KVM_GET_REGS.
 */
#include <signal.h>

#include "guest_asm.h"
#include "tap.h"

/* run until the next exit; true if it is an MMIO exit at @addr */
static int run_mmio(struct guest *g, u32 addr, int is_write,
		    unsigned int len)
{
	int r = ioctl(g->vcpu, KVM_RUN, 0);

	if (r) {
		tap_diag("KVM_RUN: %s", strerror(errno));
		return 0;
	}
	if (g->run->exit_reason != KVM_EXIT_MMIO) {
		tap_diag("exit reason %u, want KVM_EXIT_MMIO", g->run->exit_reason);
		return 0;
	}
	if (g->run->mmio.phys_addr != addr || g->run->mmio.is_write != is_write ||
	    g->run->mmio.len != len) {
		tap_diag("MMIO at 0x%llx write %d len %u; want 0x%x write %d len %u",
			 (unsigned long long)g->run->mmio.phys_addr,
			 g->run->mmio.is_write, g->run->mmio.len, addr,
			 is_write, len);
		return 0;
	}
	return 1;
}

static void mmio_and_spr(void)
{
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		I_LIS(3, 0x1234),
		I_ORI(3, 3, 0x5678),
		I_STW(3, 0, 4),			/* write 0x12345678 */
		I_LWZ(5, 4, 4),			/* read: userspace says 0xcafef00d */
		I_STW(5, 8, 4),			/* echo it */
		I_MTSPR(SPR_SPRG1, 5),
		I_MFSPR(7, SPR_SPRG1),
		I_STW(7, 12, 4),		/* SPRG1 round trip */
		I_MFMSR(8),
		I_STW(8, 16, 4),		/* guest MSR */
		I_MFSPR(9, SPR_PVR),
		I_STW(9, 20, 4),		/* PVR */
		I_LI(10, 0x77),
		I_MTSPR(SPR_SPRG4W, 10),
		I_MFSPR(11, SPR_USPRG4),	/* user-readable alias, no trap */
		I_STW(11, 24, 4),
		I_LHA(12, 28, 4),		/* sign-extending halfword load */
		I_STW(12, 32, 4),
		I_SELF_LOOP,
	};
	struct guest g;
	struct kvm_regs regs;

	if (!tap_check(guest_create(&g) == 0, "create a guest with 1 MiB of RAM"))
		return;
	guest_code(&g, GUEST_CODE, code, sizeof(code) / 4);
	guest_set_pc(&g, GUEST_CODE, 0);

	if (tap_check(run_mmio(&g, GUEST_MMIO, 1, 4),
		      "guest store to unbacked memory exits with KVM_EXIT_MMIO"))
		tap_check(mmio_value(g.run) == 0x12345678,
			  "MMIO store carries the stored word (0x%08x)",
			  mmio_value(g.run));

	if (tap_check(run_mmio(&g, GUEST_MMIO + 4, 0, 4), "guest load exits as an MMIO read"))
		mmio_fill(g.run, 0xcafef00d);
	if (tap_check(run_mmio(&g, GUEST_MMIO + 8, 1, 4), "guest echoes the loaded word"))
		tap_check(mmio_value(g.run) == 0xcafef00d,
			  "the load completed into the register (0x%08x)",
			  mmio_value(g.run));

	if (run_mmio(&g, GUEST_MMIO + 12, 1, 4))
		tap_check(mmio_value(g.run) == 0xcafef00d,
			  "mtspr/mfspr SPRG1 round trip in the guest (0x%08x)",
			  mmio_value(g.run));
	else
		tap_check(0, "mtspr/mfspr SPRG1 round trip in the guest");

	if (run_mmio(&g, GUEST_MMIO + 16, 1, 4))
		tap_check(mmio_value(g.run) == 0,
			  "mfmsr returns the guest's MSR, not the shadow (0x%08x)",
			  mmio_value(g.run));
	else
		tap_check(0, "mfmsr returns the guest's MSR");

	if (run_mmio(&g, GUEST_MMIO + 20, 1, 4))
		tap_check((mmio_value(g.run) >> 16) == 0x8021,
			  "mfspr PVR reports an e500v2 (0x%08x)", mmio_value(g.run));
	else
		tap_check(0, "mfspr PVR reports an e500v2");

	if (run_mmio(&g, GUEST_MMIO + 24, 1, 4))
		tap_check(mmio_value(g.run) == 0x77,
			  "SPRG4 written by mtspr is live for the user-mode alias (0x%x)",
			  mmio_value(g.run));
	else
		tap_check(0, "SPRG4 written by mtspr is live for the user-mode alias");

	if (run_mmio(&g, GUEST_MMIO + 28, 0, 2))
		mmio_fill(g.run, 0x8001);
	if (run_mmio(&g, GUEST_MMIO + 32, 1, 4))
		tap_check(mmio_value(g.run) == 0xffff8001,
			  "lha from MMIO sign-extends (0x%08x)", mmio_value(g.run));
	else
		tap_check(0, "lha from MMIO sign-extends");

	memset(&regs, 0, sizeof(regs));
	ioctl(g.vcpu, KVM_GET_REGS, &regs);
	tap_check(regs.gpr[5] == 0xcafef00d && regs.gpr[3] == 0x12345678,
		  "KVM_GET_REGS sees the guest's registers (r3 0x%llx r5 0x%llx)",
		  (unsigned long long)regs.gpr[3], (unsigned long long)regs.gpr[5]);
	tap_check(regs.pc == GUEST_CODE + 4 * 19,
		  "the guest PC is on its last instruction (0x%llx)",
		  (unsigned long long)regs.pc);
	guest_destroy(&g);
}

static void guest_exceptions(void)
{
	/* vectors: IVPR 0, program at 0x2000, system call at 0x2100 */
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		I_LI(3, 0),
		I_MTSPR(SPR_IVPR, 3),
		I_LI(3, 0x2000),
		I_MTSPR(spr_ivor(6), 3),
		I_LI(3, 0x2100),
		I_MTSPR(spr_ivor(8), 3),
		I_ILLEGAL,			/* at GUEST_CODE + 0x1c */
	};
	const u32 program[] = {
		I_MFSPR(3, SPR_SRR0),
		I_STW(3, 0, 4),
		I_MFSPR(3, SPR_ESR),
		I_STW(3, 4, 4),
		I_MFMSR(3),
		I_STW(3, 8, 4),
		I_SC,				/* at 0x2018 */
	};
	const u32 syscall[] = {
		I_MFSPR(3, SPR_SRR0),
		I_STW(3, 12, 4),
		I_SELF_LOOP,
	};
	struct guest g;

	if (!tap_check(guest_create(&g) == 0, "create a guest for exceptions"))
		return;
	guest_code(&g, GUEST_CODE, code, sizeof(code) / 4);
	guest_code(&g, 0x2000, program, sizeof(program) / 4);
	guest_code(&g, 0x2100, syscall, sizeof(syscall) / 4);
	/* EE and ME set: the handler must see them cleared / kept */
	guest_set_pc(&g, GUEST_CODE, 0x9000);

	if (run_mmio(&g, GUEST_MMIO, 1, 4))
		tap_check(mmio_value(g.run) == GUEST_CODE + 0x1c,
			  "illegal instruction: SRR0 is its address (0x%x)",
			  mmio_value(g.run));
	else
		tap_check(0, "illegal instruction reaches the guest's program handler");
	if (run_mmio(&g, GUEST_MMIO + 4, 1, 4))
		tap_check(mmio_value(g.run) == 0x08000000,
			  "illegal instruction: ESR is ESR[PIL] (0x%08x)",
			  mmio_value(g.run));
	else
		tap_check(0, "illegal instruction: ESR");
	if (run_mmio(&g, GUEST_MMIO + 8, 1, 4))
		tap_check(mmio_value(g.run) == 0x1000,
			  "program interrupt clears MSR[EE] and keeps MSR[ME] (0x%08x)",
			  mmio_value(g.run));
	else
		tap_check(0, "program interrupt MSR");
	if (run_mmio(&g, GUEST_MMIO + 12, 1, 4))
		tap_check(mmio_value(g.run) == 0x2018 + 4,
			  "sc: the system call handler's SRR0 is past the sc (0x%x)",
			  mmio_value(g.run));
	else
		tap_check(0, "sc reaches the guest's system call handler");
	guest_destroy(&g);
}

static void on_alarm(int sig)
{
}

/* a guest spinning forever must not hold KVM_RUN against a signal */
static void signal_exit(void)
{
	const u32 code[] = { I_SELF_LOOP };
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
	struct guest g;
	int r, e, i, ok = 1;

	if (!tap_check(guest_create(&g) == 0, "create a spinning guest"))
		return;
	guest_code(&g, GUEST_CODE, code, 1);
	guest_set_pc(&g, GUEST_CODE, 0x8000);	/* MSR[EE] = 1 */
	sigaction(SIGALRM, &sa, NULL);
	for (i = 0; i < 2; i++) {
		alarm(1);
		r = ioctl(g.vcpu, KVM_RUN, 0);
		e = errno;
		if (r != -1 || e != EINTR || g.run->exit_reason != KVM_EXIT_INTR) {
			tap_diag("run %d: ret %d errno %d exit %u", i, r, e,
				 g.run->exit_reason);
			ok = 0;
		}
	}
	tap_check(ok,
		  "SIGALRM ends KVM_RUN of a spinning guest with EINTR and KVM_EXIT_INTR, twice");
	guest_destroy(&g);
}

int main(void)
{
	tap_start();
	signal_exit();
	mmio_and_spr();
	guest_exceptions();
	return tap_done();
}

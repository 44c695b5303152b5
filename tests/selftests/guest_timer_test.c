// SPDX-License-Identifier: GPL-2.0-only
/*
 * The e500v2 fixed-interval timer and watchdog, from the guest's side:
 * TSR[FIS] and the FIT interrupt (IVOR11, SRR0/SRR1), the watchdog's
 * two stages (TSR[ENW], then TSR[WIS] and the critical-class interrupt
 * through IVOR12 with CSRR0/CSRR1 and its MSR effects), TCR[WRC] being
 * write-once for the guest, and the final expiry leaving KVM_RUN as a
 * reset request, or as KVM_EXIT_WATCHDOG once userspace enabled
 * KVM_CAP_PPC_BOOKE_WATCHDOG.  Time is QEMU's instruction count, so
 * every run sees the same sequence.
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>

#include "guest_asm.h"
#include "tap.h"

#define TCR_WIE		0x08000000u
#define TCR_FIE		0x00800000u
#define TCR_WRC_CHIP	0x20000000u
#define TSR_ENW		0x80000000u
#define TSR_WIS		0x40000000u
#define TSR_WRS_CHIP	0x20000000u
#define TSR_FIS		0x04000000u
#define MSR_CE		0x00020000u

#define SPR_TBL		268

/* andis. and beq, for polling TSR */
#define I_ANDIS_(ra, rs, v) ((29u << 26) | ((rs) << 21) | ((ra) << 16) | ((v) & 0xffff))
#define I_ORIS(ra, rs, v)   ((25u << 26) | ((rs) << 21) | ((ra) << 16) | ((v) & 0xffff))
#define I_BEQ(off)	    ((16u << 26) | (12u << 21) | (2u << 16) | ((off) & 0xfffc))

/* TCR period fields selecting time base bit @bit (0 = LSB) */
static u32 tcr_fit(unsigned int bit)
{
	u32 sel = 63 - bit;

	return ((sel & 3) << 24) | ((sel >> 2) << 13);
}

static u32 tcr_wdt(unsigned int bit)
{
	u32 sel = 63 - bit;

	return ((sel & 3) << 30) | ((sel >> 2) << 17);
}

static int set_reg32(int vcpu, __u64 id, u32 val)
{
	struct kvm_one_reg r = { .id = id, .addr = (uintptr_t)&val };

	return ioctl(vcpu, KVM_SET_ONE_REG, &r);
}

static u32 get_reg32(int vcpu, __u64 id)
{
	u32 val = 0xdeadbeef;
	struct kvm_one_reg r = { .id = id, .addr = (uintptr_t)&val };

	ioctl(vcpu, KVM_GET_ONE_REG, &r);
	return val;
}

static void fit(void)
{
	/* FIT handler at 0x2000: TSR, SRR0, SRR1, then stop, ack, report TSR */
	const u32 handler[] = {
		I_MFSPR(3, SPR_TSR), I_STW(3, 8, 4),
		I_MFSPR(3, SPR_SRR0), I_STW(3, 12, 4),
		I_MFSPR(3, SPR_SRR1), I_STW(3, 16, 4),
		/* stop the FIT (bit 63), so no new expiry races the read */
		I_LI(3, 0), I_MTSPR(SPR_TCR, 3),
		I_LIS(3, TSR_FIS >> 16), I_MTSPR(SPR_TSR, 3),
		I_MFSPR(3, SPR_TSR), I_STW(3, 20, 4),
		I_SELF_LOOP,
	};
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16), I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, 0x2000), I_MTSPR(spr_ivor(11), 3),
		/* FIT on bit 18, interrupt disabled: poll TSR[FIS] */
		I_LIS(3, tcr_fit(18) >> 16), I_ORI(3, 3, tcr_fit(18) & 0xffff),
		I_MTSPR(SPR_TCR, 3),
		I_MFSPR(5, SPR_TSR),			/* GUEST_CODE + 0x20 */
		I_ANDIS_(6, 5, TSR_FIS >> 16),
		I_BEQ(-8),
		I_STW(5, 0, 4),
		/* now with TCR[FIE]: the status is already set */
		I_ORIS(3, 3, TCR_FIE >> 16), I_MTSPR(SPR_TCR, 3),
		I_STW(3, 4, 4),				/* reached with EE = 0 */
		I_WRTEEI(1),
		I_SELF_LOOP,				/* GUEST_CODE + 0x40 */
	};
	struct guest g;
	u32 val;

	if (!tap_check(guest_create(&g) == 0, "FIT: create guest"))
		return;
	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_code(&g, 0x2000, handler, ARRAY_LEN(handler));
	guest_set_pc(&g, GUEST_CODE, 0);

	tap_check(guest_store_exit(&g, GUEST_MMIO, &val) && (val & TSR_FIS),
		  "FIT: TSR[FIS] sets on its own with TCR[FIE] = 0 (TSR 0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 4, &val) &&
		  val == (tcr_fit(18) | TCR_FIE),
		  "FIT: no interrupt while MSR[EE] = 0 (TCR 0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 8, &val) && (val & TSR_FIS),
		  "FIT interrupt through IVOR11 with TSR[FIS] set (0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 12, &val) &&
		  val == GUEST_CODE + 0x40,
		  "FIT interrupt: SRR0 is past the wrteei (0x%x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 16, &val) && val == MSR_EE,
		  "FIT interrupt: SRR1 is the interrupted MSR (0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 20, &val) && !(val & TSR_FIS),
		  "FIT: writing 1 to TSR[FIS] clears it (TSR 0x%08x)", val);
	guest_destroy(&g);
}

#define WDT_BIT		20
#define WDT_PERIOD	(2u << WDT_BIT)	/* TB ticks between two expiries */

static void watchdog_stages(void)
{
	/* watchdog handler at 0x3000 (critical class) */
	const u32 handler[] = {
		I_MFSPR(3, SPR_TSR), I_STW(3, 4, 4),
		I_MFSPR(3, SPR_CSRR0), I_STW(3, 8, 4),
		I_MFSPR(3, SPR_CSRR1), I_STW(3, 12, 4),
		I_MFMSR(3), I_STW(3, 16, 4),
		I_LIS(3, (TSR_ENW | TSR_WIS) >> 16),
		I_MFSPR(12, SPR_TBL), I_MTSPR(SPR_TSR, 3),
		I_MFSPR(3, SPR_TSR), I_MFSPR(13, SPR_TBL),
		I_STW(3, 20, 4), I_STW(12, 0x48, 4), I_STW(13, 0x4c, 4),
		I_SELF_LOOP,
	};
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16), I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, 0x3000), I_MTSPR(spr_ivor(12), 3),
		I_LIS(3, (tcr_wdt(WDT_BIT) | TCR_WIE) >> 16),
		I_ORI(3, 3, tcr_wdt(WDT_BIT) & 0xffff),
		I_MTSPR(SPR_TCR, 3),
		I_MFSPR(10, SPR_TBL),
		I_MFSPR(5, SPR_TSR),			/* GUEST_CODE + 0x24 */
		I_ANDIS_(6, 5, TSR_ENW >> 16),
		I_BEQ(-8),
		I_MFSPR(11, SPR_TBL),
		I_STW(5, 0, 4),				/* first expiry */
		I_STW(10, 0x40, 4), I_STW(11, 0x44, 4),
		I_LIS(3, (MSR_CE | MSR_ME | MSR_DE) >> 16),
		I_ORI(3, 3, (MSR_CE | MSR_ME | MSR_DE) & 0xffff),
		I_MTMSR(3),
		I_SELF_LOOP,				/* GUEST_CODE + 0x4c */
	};
	u32 val, tb0 = 0, tb1 = 0;
	struct guest g;
	int ok;

	if (!tap_check(guest_create(&g) == 0, "watchdog: create guest"))
		return;
	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_code(&g, 0x3000, handler, ARRAY_LEN(handler));
	guest_set_pc(&g, GUEST_CODE, 0);

	ok = guest_store_exit(&g, GUEST_MMIO, &val) &&
	     guest_store_exit(&g, GUEST_MMIO + 0x40, &tb0) &&
	     guest_store_exit(&g, GUEST_MMIO + 0x44, &tb1);
	/*
	 * Polled within one period of the TCR write, only the first
	 * expiry can have happened.  A host that held the vCPU longer
	 * (see testing.md, "Known problems") may show both; say so.
	 */
	if ((u32)(tb1 - tb0) >= WDT_PERIOD)
		tap_diag("watchdog: first look at TSR %u ticks after the TCR write",
			 tb1 - tb0);
	tap_check(ok && (val & TSR_ENW) &&
		  ((u32)(tb1 - tb0) >= WDT_PERIOD || !(val & TSR_WIS)),
		  "watchdog first expiry sets TSR[ENW] only (TSR 0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 4, &val) &&
		  (val & (TSR_ENW | TSR_WIS)) == (TSR_ENW | TSR_WIS),
		  "second expiry sets TSR[WIS]: watchdog interrupt via IVOR12 (TSR 0x%08x)",
		  val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 8, &val) &&
		  val == GUEST_CODE + 0x4c,
		  "watchdog interrupt: CSRR0 is the interrupted loop (0x%x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 12, &val) &&
		  val == (MSR_CE | MSR_ME | MSR_DE),
		  "watchdog interrupt: CSRR1 is the interrupted MSR (0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 16, &val) && val == MSR_ME,
		  "watchdog interrupt: MSR keeps ME only, CE and DE clear (0x%08x)",
		  val);
	ok = guest_store_exit(&g, GUEST_MMIO + 20, &val) &&
	     guest_store_exit(&g, GUEST_MMIO + 0x48, &tb0) &&
	     guest_store_exit(&g, GUEST_MMIO + 0x4c, &tb1);
	if ((u32)(tb1 - tb0) >= WDT_PERIOD)
		tap_diag("watchdog: TSR read back %u ticks after the clear", tb1 - tb0);
	tap_check(ok && ((u32)(tb1 - tb0) >= WDT_PERIOD ||
			 !(val & (TSR_ENW | TSR_WIS))),
		  "writing 1s to TSR[ENW,WIS] clears them (TSR 0x%08x)", val);
	guest_destroy(&g);
}

static void watchdog_exit(void)
{
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		/* WRC with the period field 0 (TB bit 63: no expiry) */
		I_LIS(3, TCR_WRC_CHIP >> 16), I_MTSPR(SPR_TCR, 3),
		I_LI(3, 0), I_MTSPR(SPR_TCR, 3),	/* WRC is write-once */
		I_MFSPR(3, SPR_TCR), I_STW(3, 0, 4),
		/* now a 1 ms watchdog period; WRC stays */
		I_LIS(3, tcr_wdt(16) >> 16), I_ORI(3, 3, tcr_wdt(16) & 0xffff),
		I_MTSPR(SPR_TCR, 3),
		I_SELF_LOOP,
	};
	struct kvm_enable_cap cap = { .cap = KVM_CAP_PPC_BOOKE_WATCHDOG };
	struct guest g;
	u32 val;
	int r;

	if (!tap_check(guest_create(&g) == 0, "watchdog exit: create guest"))
		return;
	tap_check(ioctl(g.vm, KVM_CHECK_EXTENSION, KVM_CAP_PPC_BOOKE_WATCHDOG) == 1,
		  "KVM_CAP_PPC_BOOKE_WATCHDOG is advertised");
	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_set_pc(&g, GUEST_CODE, 0);

	tap_check(guest_store_exit(&g, GUEST_MMIO, &val) && val == TCR_WRC_CHIP,
		  "the guest cannot clear TCR[WRC] once set (TCR 0x%08x)", val);
	r = ioctl(g.vcpu, KVM_RUN, 0);
	tap_check(r == 0 && g.run->exit_reason == KVM_EXIT_SYSTEM_EVENT &&
		  g.run->system_event.type == KVM_SYSTEM_EVENT_RESET,
		  "without the capability the third expiry is a reset request (exit %u)",
		  g.run->exit_reason);
	val = get_reg32(g.vcpu, KVM_REG_PPC_TSR);
	tap_check(val == (TSR_ENW | TSR_WIS | TSR_WRS_CHIP),
		  "TSR[WRS] records the reset TCR[WRC] asked for (TSR 0x%08x)", val);

	cap.args[0] = 1;
	tap_errno(ioctl(g.vcpu, KVM_ENABLE_CAP, &cap), EINVAL,
		  "KVM_ENABLE_CAP(BOOKE_WATCHDOG) with a non-zero argument");
	cap.args[0] = 0;
	cap.cap = KVM_CAP_PPC_PAPR;
	tap_errno(ioctl(g.vcpu, KVM_ENABLE_CAP, &cap), EINVAL,
		  "KVM_ENABLE_CAP of a capability we do not have");
	cap.cap = KVM_CAP_PPC_BOOKE_WATCHDOG;
	tap_check(ioctl(g.vcpu, KVM_ENABLE_CAP, &cap) == 0,
		  "KVM_ENABLE_CAP(BOOKE_WATCHDOG) on the vCPU");
	/* userspace "resets": the watchdog starts over */
	set_reg32(g.vcpu, KVM_REG_PPC_CLEAR_TSR, 0xffffffff);
	r = ioctl(g.vcpu, KVM_RUN, 0);
	tap_check(r == 0 && g.run->exit_reason == KVM_EXIT_WATCHDOG,
		  "with it, the third expiry exits with KVM_EXIT_WATCHDOG (exit %u)",
		  g.run->exit_reason);
	val = get_reg32(g.vcpu, KVM_REG_PPC_TSR);
	tap_check(val == (TSR_ENW | TSR_WIS | TSR_WRS_CHIP),
		  "TSR after KVM_EXIT_WATCHDOG (0x%08x)", val);
	guest_destroy(&g);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static double cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/*
 * MSR[WE] with MSR[EE] = 0 and a pending decrementer (TSR[DIS] and
 * TCR[DIE]): nothing can be taken, so the vCPU sleeps until a signal;
 * it must not spin in the host.
 */
static void masked_wait(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value = { 0, 200000 } };
	const u32 code[] = { I_SELF_LOOP };
	struct guest g;
	double cpu;
	int r;

	if (!tap_check(guest_create(&g) == 0, "masked wait: create guest"))
		return;
	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));
	set_reg32(g.vcpu, KVM_REG_PPC_TCR, 0x04000000);		/* DIE */
	set_reg32(g.vcpu, KVM_REG_PPC_OR_TSR, 0x08000000);	/* DIS */
	guest_set_pc(&g, GUEST_CODE, 0x00040000);		/* WE only */
	sigaction(SIGALRM, &sa, NULL);
	cpu = cpu_ms();
	setitimer(ITIMER_REAL, &it, NULL);
	r = ioctl(g.vcpu, KVM_RUN, 0);
	cpu = cpu_ms() - cpu;
	tap_errno(r, EINTR, "a wait nothing can end lasts until a signal");
	tap_check(cpu < 100, "the waiting vCPU sleeps: %.0f ms of CPU in a 200 ms wait",
		  cpu);
	guest_destroy(&g);
}

int main(void)
{
	tap_start();
	fit();
	watchdog_stages();
	watchdog_exit();
	masked_wait();
	return tap_done();
}

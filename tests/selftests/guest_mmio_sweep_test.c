// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every encoding of the X-form (opcode 31) space, the D-form opcodes
 * 32..63 and the SPE load/store range, aimed at MMIO: each must end in
 * MMIO exits, a guest interrupt, or nothing, and the guest then goes
 * on.  Never a KVM_RUN error, another exit reason, or a hang.  A guest
 * that misbehaves on purpose must not reach the host.
 */
#include <signal.h>

#include "guest_mem_asm.h"

#define REPORT		(GUEST_MMIO + 0xf00)
#define HANDLERS	0x2000
#define MAX_EXITS	64

static const unsigned int vectors[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 32, 33, 34, 35,
};

static void on_alarm(int sig)
{
}

/* each interrupt vector k reports k at REPORT + 4 and stops */
static int set_vectors(struct guest *g)
{
	struct kvm_sregs sregs;
	unsigned int k;

	for (k = 0; k < ARRAY_LEN(vectors); k++) {
		u32 h[] = {
			I_LIS(30, REPORT >> 16),
			I_LI(29, vectors[k]),
			I_STW(29, (REPORT & 0xffff) + 4, 30),
			I_SELF_LOOP,
		};

		guest_code(g, HANDLERS + 0x20 * k, h, ARRAY_LEN(h));
	}
	if (ioctl(g->vcpu, KVM_GET_SREGS, &sregs))
		return -1;
	sregs.u.e.features = KVM_SREGS_E_IVOR | KVM_SREGS_E_ARCH206;
	sregs.u.e.ivpr = 0;
	for (k = 0; k < ARRAY_LEN(vectors); k++) {
		if (vectors[k] < 16)
			sregs.u.e.ivor_low[vectors[k]] = HANDLERS + 0x20 * k;
		else
			sregs.u.e.ivor_high[vectors[k] - 32] = HANDLERS + 0x20 * k;
	}
	return ioctl(g->vcpu, KVM_SET_SREGS, &sregs);
}

struct tally {
	unsigned int fell_through, interrupted, mmio, failed;
};

/*
 * Run @insn at GUEST_CODE with r4 = GUEST_MMIO; 0 when it ended well.
 * Loads from MMIO read zero.
 */
static int try_insn(struct guest *g, u32 insn, struct tally *t)
{
	const u32 after[] = {
		I_LIS(30, REPORT >> 16),
		I_STW(30, REPORT & 0xffff, 30),
		I_SELF_LOOP,
	};
	struct kvm_run *run = g->run;
	struct kvm_regs regs;
	unsigned int exits;
	int r;

	guest_code(g, GUEST_CODE, &insn, 1);
	guest_code(g, GUEST_CODE + 4, after, ARRAY_LEN(after));
	memset(&regs, 0, sizeof(regs));
	regs.pc = GUEST_CODE;
	regs.msr = MSR_SPE_BIT;
	regs.gpr[4] = GUEST_MMIO;
	if (ioctl(g->vcpu, KVM_SET_REGS, &regs))
		return -1;
	for (exits = 0; exits < MAX_EXITS; exits++) {
		alarm(2);
		r = ioctl(g->vcpu, KVM_RUN, 0);
		alarm(0);
		if (r) {
			tap_diag("0x%08x: KVM_RUN %s", insn, strerror(errno));
			return -1;
		}
		if (run->exit_reason != KVM_EXIT_MMIO) {
			tap_diag("0x%08x: exit reason %u", insn, run->exit_reason);
			return -1;
		}
		if (run->mmio.phys_addr == REPORT) {
			t->fell_through++;
			return 0;
		}
		if (run->mmio.phys_addr == REPORT + 4) {
			t->interrupted++;
			return 0;
		}
		t->mmio++;
		if (!run->mmio.is_write)
			memset(run->mmio.data, 0, sizeof(run->mmio.data));
	}
	tap_diag("0x%08x: more than %d MMIO exits", insn, MAX_EXITS);
	return -1;
}

static void sweep(const char *what, u32 base, u32 step, unsigned int n)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct tally t = { 0 };
	unsigned int i, bad = 0;
	struct guest g;

	if (!tap_check(guest_create(&g) == 0 && set_vectors(&g) == 0,
		       "create a guest with a handler on every vector (%s)", what))
		return;
	sigaction(SIGALRM, &sa, NULL);
	for (i = 0; i < n; i++) {
		if (try_insn(&g, base + i * step, &t)) {
			bad++;
			/* a guest left in an unknown state: start a fresh one */
			guest_destroy(&g);
			if (guest_create(&g) || set_vectors(&g))
				break;
		}
	}
	tap_diag("%s: %u went on, %u interrupted, %u MMIO exits", what,
		 t.fell_through, t.interrupted, t.mmio);
	tap_check(!bad && t.fell_through + t.interrupted == n,
		  "%s: %u encodings on MMIO end in exits or guest interrupts (%u bad)",
		  what, n, bad);
	guest_destroy(&g);
}

int main(void)
{
	tap_start();
	/* RT = 5, RA = 0, RB = 4 and RT = 5, RA = 4, RB = 6 (r6 = 0) */
	sweep("X-form, RA = 0", I_XFORM(0u, 5, 0, 4), 2, 1024);
	sweep("X-form, RA = r4", I_XFORM(0u, 5, 4, 6), 2, 1024);
	/* D-form opcodes 32..63, RT = 5, RA = 4, displacement 8 */
	sweep("D-form", I_DFORM(32u, 5, 8, 4), 1u << 26, 32);
	/* SPE opcode 4, extended opcodes 0x300..0x33f: RD = 5, RA = 4, RB = 0 */
	sweep("SPE loads and stores", I_EV(0x300u, 5, 4, 0), 1, 0x40);
	return tap_done();
}

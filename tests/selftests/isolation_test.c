// SPDX-License-Identifier: GPL-2.0-only
/*
 * A guest can reach only its own memory.  The guest writes a TLB1
 * entry for every step of the 36-bit physical space: 256 MiB pages,
 * 1 GiB pages, and the largest page a 32-bit address can use (4 GiB,
 * when TLB1CFG allows it; in address space 1 at EA 0, the code being
 * fetched through address space 0 with MSR[DS] = 1, so that the report
 * store goes through the big page too).  It loads from two addresses
 * in each page: the first word and a word in the page's first MiB.
 * Every load must either read the VM's own RAM (1 MiB at 0, every word
 * holding the VM's tag and its offset) or be an MMIO exit at exactly
 * the guest-physical address it names, never anything else: not host
 * memory, not the other VM, which runs the same sweep at the same time
 * in a child process with another tag.
 */
#include <stdbool.h>
#include <sys/wait.h>

#include "guest_watch.h"
#include "tap.h"

#define SWEEP_CODE	0x1000
#define EA_256M		0x10000000u
#define EA_1G		0x40000000u
#define TSIZE_256M	18		/* MAS1[TSIZE]: 1 KiB << TSIZE */
#define TSIZE_1G	20
#define TSIZE_4G	22
#define MAS1_TS		0x00001000u
#define MSR_DS		0x00000010u
#define PA_LIMIT	0x1000000000ull	/* 36-bit physical addresses */

static const char *why;

static u32 pattern(u32 tag, u32 off)
{
	return tag << 24 | (off >> 2);
}

/* r20..r24: MAS0/1/2/3/7, r25: the address to load */
static void put_code(struct guest *g)
{
	const u32 code[] = {
		I_MTSPR(SPR_MAS0, 20), I_MTSPR(SPR_MAS1, 21),
		I_MTSPR(SPR_MAS2, 22), I_MTSPR(SPR_MAS3, 23),
		I_MTSPR(SPR_MAS7, 24), I_TLBWE, I_ISYNC,
		I_LWZ(6, 0, 25), I_STW(6, 0, 4),
		I_SELF_LOOP,
	};

	guest_code(g, SWEEP_CODE, code, ARRAY_LEN(code));
}

/* one load of guest-physical @pa through a page of @tsize at @ea */
static int probe(struct guest *g, u32 tag, unsigned int tsize, u32 ea,
		 u64 page_pa, u32 off)
{
	bool as1 = tsize == TSIZE_4G;
	/* in AS1 the report store goes through the big page too */
	u64 pa = page_pa + off, report = as1 ? page_pa + GUEST_MMIO : GUEST_MMIO;
	struct kvm_regs regs;
	u32 want;

	ioctl(g->vcpu, KVM_GET_REGS, &regs);
	regs.pc = SWEEP_CODE;
	regs.msr = as1 ? MSR_DS : 0;
	regs.gpr[4] = GUEST_MMIO;
	regs.gpr[20] = 0x10010000;			/* TLB1 entry 1 */
	regs.gpr[21] = 0x80000000 | tsize << 7 |	/* V, TSIZE, TS */
		       (as1 ? MAS1_TS : 0);
	regs.gpr[22] = ea;
	regs.gpr[23] = ((u32)page_pa & 0xfffff000) | 0x15;	/* SX SW SR */
	regs.gpr[24] = page_pa >> 32;
	regs.gpr[25] = ea + off;
	if (ioctl(g->vcpu, KVM_SET_REGS, &regs))
		return why = "KVM_SET_REGS", 0;

	if (pa < GUEST_RAM_SIZE) {
		want = pattern(tag, pa);
	} else {
		want = 0xdead0000 | (u32)(pa >> 20);
		if (ioctl(g->vcpu, KVM_RUN, 0) ||
		    g->run->exit_reason != KVM_EXIT_MMIO ||
		    g->run->mmio.is_write || g->run->mmio.len != 4 ||
		    g->run->mmio.phys_addr != pa)
			return why = "no MMIO load exit at the address", 0;
		mmio_fill(g->run, want);
	}
	if (ioctl(g->vcpu, KVM_RUN, 0) ||
	    g->run->exit_reason != KVM_EXIT_MMIO ||
	    !g->run->mmio.is_write || g->run->mmio.phys_addr != report)
		return why = "no report store exit at its address", 0;
	if (mmio_value(g->run) != want)
		return why = "read something other than its own memory", 0;
	return 1;
}

/* the sweep of one page size; the number of bad probes */
static unsigned int sweep(struct guest *g, u32 tag, unsigned int tsize,
			  u32 ea, unsigned int *probes)
{
	u64 size = 1024ull << tsize, pa;
	unsigned int bad = 0;

	for (pa = 0; pa < PA_LIMIT; pa += size) {
		if (!probe(g, tag, tsize, ea, pa, 0)) {
			tap_diag("VM %02x: page 0x%llx + 0: %s", tag,
				 (unsigned long long)pa, why);
			bad++;
		}
		if (!probe(g, tag, tsize, ea, pa, 0x80000 + 4 * (u32)(pa >> 28))) {
			tap_diag("VM %02x: page 0x%llx + 0x80000: %s", tag,
				 (unsigned long long)pa, why);
			bad++;
		}
		*probes += 2;
	}
	return bad;
}

/* a VM with its tag in RAM; its bad probes (0: isolated) */
static unsigned int run_vm(u32 tag, unsigned int max_tsize,
			   unsigned int *probes)
{
	unsigned int bad, off;
	struct guest g;

	*probes = 0;
	if (guest_create(&g))
		return 1;
	for (off = 0; off < GUEST_RAM_SIZE; off += 4)
		put_be32(g.ram + off, pattern(tag, off));
	put_code(&g);
	bad = sweep(&g, tag, TSIZE_256M, EA_256M, probes);
	if (max_tsize >= TSIZE_1G)
		bad += sweep(&g, tag, TSIZE_1G, EA_1G, probes);
	if (max_tsize >= TSIZE_4G)
		bad += sweep(&g, tag, TSIZE_4G, 0, probes);
	guest_destroy(&g);
	return bad;
}

int main(void)
{
	struct kvm_one_reg reg;
	unsigned int max_tsize, probes, bad, cprobes;
	struct guest g;
	u32 cfg = 0;
	int status;
	pid_t child;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();
	reg.id = KVM_REG_PPC_TLB1CFG;
	reg.addr = (uintptr_t)&cfg;
	tap_check(ioctl(g.vcpu, KVM_GET_ONE_REG, &reg) == 0,
		  "TLB1CFG 0x%08x", cfg);
	guest_destroy(&g);
	/* TLB1CFG[MAXSIZE] counts powers of 4 KiB: 4 KiB is 1, TSIZE 2 */
	max_tsize = 2 * ((cfg >> 16) & 0xf);
	tap_check(max_tsize >= TSIZE_4G,
		  "TLB1 takes pages up to 4 GiB (MAXSIZE %u)", (cfg >> 16) & 0xf);

	fflush(stdout);
	child = fork();
	if (child == 0) {
		/* the other VM: no TAP lines, its count is its exit status */
		tap_count = 0;
		bad = run_vm(0x22, max_tsize, &cprobes);
		_exit(bad > 255 ? 255 : bad);
	}
	bad = run_vm(0x11, max_tsize, &probes);
	tap_check(!bad && probes,
		  "%u probes over 64 GiB with 256 MiB, 1 GiB and 4 GiB pages: each its own RAM or an MMIO exit at the address (%u bad)",
		  probes, bad);
	tap_check(child > 0 && waitpid(child, &status, 0) == child &&
		  WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "a second VM sweeping at the same time saw only its own memory too (status 0x%x)",
		  status);
	return tap_done();
}

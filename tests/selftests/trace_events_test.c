// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kvm_e500 trace events: enabled through tracefs (mounted here if
 * it is not), a guest runs the mix of exit_stats.h and the trace buffer
 * must hold its events with the right fields: the three mfspr emulated
 * at their pcs, the illegal word reflected, the one hypercall with its
 * token, the four interrupts delivered with their return addresses and
 * handlers, exits with the vector number and DEAR, as many entries as
 * exits, and one shadow event per shadow entry the statistics count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "exit_stats.h"
#include "tap.h"

#define TRACEFS		"/sys/kernel/tracing"
#define EXIT_PROGRAM	6
#define EXIT_DTLB	13

static int tfs_write(const char *file, const char *val, int trunc)
{
	char path[128];
	int fd, ok;

	snprintf(path, sizeof(path), TRACEFS "/%s", file);
	fd = open(path, O_WRONLY | (trunc ? O_TRUNC : 0));
	if (fd < 0)
		return 0;
	ok = write(fd, val, strlen(val)) == (ssize_t)strlen(val);
	close(fd);
	return ok;
}

static int tracing(int on)
{
	return tfs_write("events/kvm_e500/enable", on ? "1" : "0", 0) &&
	       tfs_write("tracing_on", on ? "1" : "0", 0);
}

/* what the window's trace holds */
struct seen {
	unsigned int enter, exit, emulate, hcall, deliver, shadow;
	unsigned int mfspr, mfspr_ok, illegal_ok, hcall_ok, dtlb_ok, mmio_ok;
	unsigned int prog_exits_ok, shadow_ok;
	unsigned int deliver_ok[4];
};

static void parse_emulate(const char *p, const struct mix *m, struct seen *s)
{
	u32 insn, pc;
	char how[16];
	unsigned int vcpu;

	if (sscanf(p, "kvm_e500_emulate: vcpu %u insn %x pc %x %15s",
		   &vcpu, &insn, &pc, how) != 4)
		return;
	s->emulate++;
	if (insn == I_MFSPR(5, SPR_PVR)) {
		if (s->mfspr < 3 && pc == m->mfspr_pc[s->mfspr] &&
		    !strcmp(how, "emulated"))
			s->mfspr_ok++;
		s->mfspr++;
	}
	if (insn == I_ILLEGAL && pc == m->illegal_pc && !strcmp(how, "reflected"))
		s->illegal_ok++;
}

static void parse_exit(const char *p, const struct mix *m, struct seen *s)
{
	u32 nr, pc, msr, dear, esr;
	unsigned int vcpu, i;

	s->exit++;
	if (sscanf(p, "kvm_e500_exit: vcpu %u nr %u pc %x msr %x dear %x esr %x",
		   &vcpu, &nr, &pc, &msr, &dear, &esr) != 6)
		return;
	for (i = 0; i < 3; i++)
		s->prog_exits_ok += nr == EXIT_PROGRAM && pc == m->mfspr_pc[i];
	s->dtlb_ok += nr == EXIT_DTLB && pc == m->load_pc && dear == UNMAPPED_EA;
	s->mmio_ok += nr == EXIT_DTLB && (dear == GUEST_MMIO + 4 ||
					  dear == GUEST_MMIO + 8);
}

static void parse_deliver(const char *p, const struct mix *m, struct seen *s)
{
	const u32 want[4][3] = {	/* ivor, srr0, handler */
		{ 8, m->sc_next, H_SYSCALL },
		{ 6, m->illegal_pc, H_PROGRAM },
		{ 13, m->load_pc, H_DTLB },
		{ 10, m->wait_next, H_DEC },
	};
	unsigned int vcpu, ivor, i;
	u32 srr0, pc;

	s->deliver++;
	if (sscanf(p, "kvm_e500_deliver: vcpu %u ivor %u srr0 %x handler %x",
		   &vcpu, &ivor, &srr0, &pc) != 4)
		return;
	for (i = 0; i < 4; i++)
		if (ivor == want[i][0] && srr0 == want[i][1] && pc == want[i][2])
			s->deliver_ok[i]++;
}

static void parse_line(const char *line, const struct mix *m, struct seen *s)
{
	unsigned int vcpu, tlb, status;
	unsigned long long pfn, size;
	char how[16];
	const char *p;
	u32 token, ea;

	p = strstr(line, "kvm_e500_");
	if (!p)
		return;
	if (!strncmp(p, "kvm_e500_enter:", 15)) {
		s->enter++;
	} else if (!strncmp(p, "kvm_e500_exit:", 14)) {
		parse_exit(p, m, s);
	} else if (!strncmp(p, "kvm_e500_emulate:", 17)) {
		parse_emulate(p, m, s);
	} else if (!strncmp(p, "kvm_e500_deliver:", 17)) {
		parse_deliver(p, m, s);
	} else if (sscanf(p, "kvm_e500_hcall: vcpu %u token %x status %u %15s",
			  &vcpu, &token, &status, how) == 4) {
		s->hcall++;
		s->hcall_ok += token == KVM_HCALL_TOKEN(KVM_HC_FEATURES) &&
			       status == 0 && !strcmp(how, "done");
	} else if (sscanf(p, "kvm_e500_shadow: ea %x pfn %llx size %llx tlb%u",
			  &ea, &pfn, &size, &tlb) == 4) {
		s->shadow++;
		s->shadow_ok += pfn && ((tlb == 0 && size == 4096) ||
					(tlb == 1 && size > 4096));
	}
}

static int read_trace(const struct mix *m, struct seen *s)
{
	char line[512];
	FILE *f = fopen(TRACEFS "/trace", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		parse_line(line, m, s);
	fclose(f);
	return 1;
}

static int tracefs_ready(void)
{
	struct stat st;

	if (stat(TRACEFS "/tracing_on", &st) &&
	    mount("nodev", TRACEFS, "tracefs", 0, NULL))
		return 0;
	return !stat(TRACEFS "/events/kvm_e500/enable", &st);
}

int main(void)
{
	static struct stats a, b;
	struct seen s = { 0 };
	long long shadows, exits;
	struct guest g;
	struct mix m;
	u32 out[3];
	int ok;

	tap_start();
	if (!tap_check(guest_create(&g) == 0 && pv_info(g.vm) == 0,
		       "create guest"))
		return tap_done();
	if (!tap_check(tracefs_ready(), "tracefs at " TRACEFS " has events/kvm_e500"))
		return tap_done();
	mix_load(&g, &m);
	ok = collect(&g, out, 1) && stats_read(g.vcpu, &a);
	ok = ok && tracing(0) && tfs_write("trace", "", 1) && tracing(1);
	ok = ok && next_store(&g, &out[1], &out[2]) && out[1] == 4 &&
	     next_store(&g, &out[1], &out[2]) && out[1] == 8;
	ok = tracing(0) && ok && stats_read(g.vcpu, &b);
	if (!tap_check(ok, "the mix ran with the kvm_e500 events enabled"))
		return tap_done();
	tap_check(read_trace(&m, &s), "read " TRACEFS "/trace");

	tap_check(s.mfspr_ok == 3 && s.mfspr == 3,
		  "exactly three emulate events for mfspr r5,PVR (0x%08x), at their pcs (%u, %u)",
		  I_MFSPR(5, SPR_PVR), s.mfspr_ok, s.mfspr);
	tap_check(s.emulate == 20, "20 emulate events: 19 emulated, 1 reflected (%u)",
		  s.emulate);
	tap_check(s.illegal_ok == 1, "one emulate event: the illegal word at 0x%x reflected",
		  m.illegal_pc);
	tap_check(s.hcall == 1 && s.hcall_ok == 1,
		  "one hcall event: token 0x%08x, status 0, done (%u)",
		  KVM_HCALL_TOKEN(KVM_HC_FEATURES), s.hcall);
	tap_check(s.deliver == 4 && s.deliver_ok[0] == 1 && s.deliver_ok[1] == 1 &&
		  s.deliver_ok[2] == 1 && s.deliver_ok[3] == 1,
		  "four deliver events: system call, program, DTLB error, decrementer, each with its srr0 and handler (%u)",
		  s.deliver);
	tap_check(s.prog_exits_ok == 3, "program exits (nr 6) at the three mfspr pcs");
	tap_check(s.dtlb_ok == 1 && s.mmio_ok == 2,
		  "DTLB exits (nr 13) with DEAR: the unmapped load and the two MMIO stores");
	exits = stats_get(&b, "sum_exits") - stats_get(&a, "sum_exits");
	tap_check(s.exit == exits && s.enter == s.exit,
		  "an exit event per exit sum_exits counts (%lld), an entry event per exit (%u, %u)",
		  exits, s.exit, s.enter);
	shadows = stats_get(&b, "shadow_4k_installs") + stats_get(&b, "shadow_large_installs") -
		  stats_get(&a, "shadow_4k_installs") - stats_get(&a, "shadow_large_installs");
	tap_check(s.shadow == shadows && s.shadow_ok == s.shadow,
		  "a shadow event per shadow entry counted, with pfn and size (%u, %lld)",
		  s.shadow, shadows);
	guest_destroy(&g);
	return tap_done();
}

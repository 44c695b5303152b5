// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-exit-reason binary statistics: a guest runs a known mix of exits
 * (exit_stats.h) and every reason counter moves by exactly what the mix
 * causes, every exit counts under one reason (the reasons add up to
 * sum_exits), and the stats file has no exit counter we do not know.
 *
 * Host interrupts (decrementer, external, FIT) may land in the window
 * at any time: a window that caught one is run again, up to ATTEMPTS
 * times, so that their counters can be asserted at 0 too.  Host TLB
 * misses the guest's TLB translates depend on what else used the host
 * TLB: each must have written one shadow entry.
 */
#include <stdio.h>

#include "exit_stats.h"
#include "tap.h"

#define ATTEMPTS	10

/* the reasons: each exit from the guest counts in exactly one */
static const char *const reasons[] = {
	"emulated_inst_exits", "program_exits", "hcalls", "syscall_exits",
	"dec_exits", "ext_intr_exits", "dsi_exits", "isi_exits",
	"itlb_real_miss_exits", "dtlb_real_miss_exits",
	"itlb_virt_miss_exits", "dtlb_virt_miss_exits", "mmio_exits",
	"alignment_exits", "spe_exits", "debug_exits", "other_exits",
};

/* what the mix adds to each reason; the host's and the virt misses apart */
static const struct {
	const char *name;
	long long delta;
} expect[] = {
	{ "emulated_inst_exits", 19 }, { "program_exits", 1 },
	{ "hcalls", 1 }, { "syscall_exits", 1 }, { "dec_exits", 0 },
	{ "ext_intr_exits", 0 }, { "dsi_exits", 0 }, { "isi_exits", 0 },
	{ "itlb_real_miss_exits", 0 }, { "dtlb_real_miss_exits", 1 },
	{ "mmio_exits", 2 }, { "alignment_exits", 0 }, { "spe_exits", 0 },
	{ "debug_exits", 0 }, { "other_exits", 0 }, { "signal_exits", 0 },
	{ "hcall_unimplemented", 0 },
};

static long long delta(const struct stats *a, const struct stats *b,
		       const char *name)
{
	return stats_get(b, name) - stats_get(a, name);
}

static int is_reason(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(reasons); i++)
		if (!strcmp(reasons[i], name))
			return 1;
	return 0;
}

/* one window: the mix between the first and the third report */
static int run_mix(struct stats *a, struct stats *b, struct mix *m)
{
	struct guest g;
	u32 out[3];
	int ok;

	if (guest_create(&g) || pv_info(g.vm))
		return 0;
	mix_load(&g, m);
	ok = collect(&g, out, 1) && stats_read(g.vcpu, a) &&
	     next_store(&g, &out[1], &out[2]) && out[1] == 4 &&
	     next_store(&g, &out[1], &out[2]) && out[1] == 8 &&
	     stats_read(g.vcpu, b);
	guest_destroy(&g);
	return ok;
}

static long long host_exits(const struct stats *a, const struct stats *b)
{
	return delta(a, b, "dec_exits") + delta(a, b, "ext_intr_exits") +
	       delta(a, b, "other_exits");
}

int main(void)
{
	static struct stats a, b;
	long long sum = 0, d, virt, shadow;
	unsigned int i, tries = 0;
	struct mix m;
	int ok;

	tap_start();
	do
		ok = run_mix(&a, &b, &m);
	while (ok && host_exits(&a, &b) && ++tries < ATTEMPTS);
	if (!tap_check(ok, "the mix ran: reports at +0, +4, +8"))
		return tap_done();
	tap_diag("%u window(s) caught a host interrupt and ran again", tries);

	for (i = 0; i < b.n; i++)
		if (strstr(b.name[i], "_exits") && strcmp(b.name[i], "sum_exits") &&
		    strcmp(b.name[i], "signal_exits") && !is_reason(b.name[i]))
			break;
	tap_check(i == b.n, "every *_exits statistic is a known reason (%s)",
		  i < b.n ? b.name[i] : "none else");
	for (i = 0; i < ARRAY_LEN(reasons); i++) {
		d = delta(&a, &b, reasons[i]);
		if (stats_get(&b, reasons[i]) < 0)
			break;
		sum += d;
	}
	tap_check(i == ARRAY_LEN(reasons), "all %zu reason counters are in the stats file",
		  ARRAY_LEN(reasons));
	d = delta(&a, &b, "sum_exits");
	tap_check(sum == d, "the reasons add up to sum_exits (%lld, %lld)", sum, d);

	for (i = 0; i < ARRAY_LEN(expect); i++) {
		d = delta(&a, &b, expect[i].name);
		tap_check(d == expect[i].delta, "%s moves by %lld (%lld)",
			  expect[i].name, expect[i].delta, d);
	}
	virt = delta(&a, &b, "itlb_virt_miss_exits") +
	       delta(&a, &b, "dtlb_virt_miss_exits");
	shadow = delta(&a, &b, "shadow_4k_installs") +
		 delta(&a, &b, "shadow_large_installs");
	tap_check(virt == shadow && virt <= 4,
		  "each translated TLB miss wrote one shadow entry (%lld misses, %lld entries)",
		  virt, shadow);
	d = delta(&a, &b, "sum_exits");
	tap_check(d == 25 + virt, "sum_exits moves by the mix's 25 exits + %lld TLB fills (%lld)",
		  virt, d);
	return tap_done();
}

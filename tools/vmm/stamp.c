// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console timing for benchmarks: every guest console line that starts
 * with "GUEST: " is stamped with the VMM's CLOCK_MONOTONIC (from the
 * start of main()) at its first byte and at its newline; under QEMU's
 * -icount shift=0 the emulated host's clock advances 1 ns per
 * instruction, so the stamps are host instructions.  When the first
 * "GUEST: init reached" line is complete, the host's /proc/meminfo and
 * the VMM's own memory (/proc/self/status) are read again, to show what
 * the booted guest costs the host.  The summary prints both, and when
 * the set-up (memory, images, device tree, vCPUs) was done.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "vmm.h"

#define MAX_STAMPS	32
#define PREFIX		"GUEST: "
#define INIT_LINE	"GUEST: init reached"

struct stamp {
	u64 first, last;	/* ns after the VMM started */
	char text[64];
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * What is read and how the summary names it: host /proc/meminfo fields
 * (kB, HugePages_Free in pages), as a drop for the free counts (sign
 * -1) and as growth for the others; the VMM's /proc/self/status fields
 * (kB) as they are.
 */
struct mem_field {
	const char *field, *name;
	int sign;
};

static const struct mem_field mem_fields[] = {
	{ "MemFree", "memfree_drop_kb", -1 },
	{ "Slab", "slab_kb", 1 },
	{ "KernelStack", "kernelstack_kb", 1 },
	{ "PageTables", "pagetables_kb", 1 },
	{ "HugePages_Free", "hugepages_used", -1 },
};

static const struct mem_field self_fields[] = {
	{ "RssAnon", "vmm_rssanon_kb", 1 },
	{ "HugetlbPages", "vmm_hugetlb_kb", 1 },
};

#define NR_MEM	ARRAY_SIZE(mem_fields)
#define NR_SELF	ARRAY_SIZE(self_fields)

/* written by the vCPU thread that holds the UART lock, read at the end */
static struct {
	u64 t0, first, run;
	struct stamp s[MAX_STAMPS];
	int nr, len, mem_done;
	char line[64];
	long long mem0[NR_MEM], mem1[NR_MEM], self1[NR_SELF];
} st;

static u64 now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000ull + t.tv_nsec;
}

/* "Name:   123 kB" lines of FILE, for the fields given */
static void read_kb(const char *file, const struct mem_field *fields, int n,
		    long long *kb)
{
	char buf[256], name[64];
	long long v;
	FILE *f = fopen(file, "r");
	int i;

	memset(kb, 0, n * sizeof(*kb));
	if (!f)
		return;
	while (fgets(buf, sizeof(buf), f)) {
		if (sscanf(buf, "%63[^:]: %lld", name, &v) != 2)
			continue;
		for (i = 0; i < n; i++)
			if (!strcmp(name, fields[i].field))
				kb[i] = v;
	}
	fclose(f);
}

void stamp_start(void)
{
	read_kb("/proc/meminfo", mem_fields, NR_MEM, st.mem0);
	st.t0 = now();
}

/* the vCPU threads are about to start: the end of the VMM's set-up */
void stamp_run(void)
{
	st.run = now() - st.t0;
}

void stamp_byte(u8 c)
{
	struct stamp *s;

	if (c == '\r')
		return;
	if (c != '\n') {
		if (!st.len)
			st.first = now() - st.t0;
		if (st.len < (int)sizeof(st.line) - 1)
			st.line[st.len++] = c;
		return;
	}
	st.line[st.len] = 0;
	if (st.nr < MAX_STAMPS && !strncmp(st.line, PREFIX, strlen(PREFIX))) {
		s = &st.s[st.nr++];
		s->first = st.first;
		s->last = now() - st.t0;
		memcpy(s->text, st.line, sizeof(s->text));
		if (!st.mem_done && !strncmp(st.line, INIT_LINE, strlen(INIT_LINE))) {
			read_kb("/proc/meminfo", mem_fields, NR_MEM, st.mem1);
			read_kb("/proc/self/status", self_fields, NR_SELF, st.self1);
			st.mem_done = 1;
		}
	}
	st.len = 0;
}

void stamp_summary(void)
{
	unsigned int i;
	int n;

	fprintf(stderr, "vmm: set-up done at %llu\n", (unsigned long long)st.run);
	for (n = 0; n < st.nr; n++)
		fprintf(stderr, "vmm: stamp %llu %llu %s\n",
			(unsigned long long)st.s[n].first,
			(unsigned long long)st.s[n].last, st.s[n].text);
	if (!st.mem_done)
		return;
	fprintf(stderr, "vmm: memory at init:");
	for (i = 0; i < NR_MEM; i++)
		fprintf(stderr, " %s %lld", mem_fields[i].name,
			mem_fields[i].sign * (st.mem1[i] - st.mem0[i]));
	for (i = 0; i < NR_SELF; i++)
		fprintf(stderr, " %s %lld", self_fields[i].name, st.self1[i]);
	fprintf(stderr, "\n");
}

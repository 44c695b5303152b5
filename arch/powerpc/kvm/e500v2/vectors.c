// SPDX-License-Identifier: GPL-2.0-only
/*
 * Build the e500v2 guest vector area (see vectors.h).
 *
 * Stubs are generated here rather than copied from assembly: each one
 * is a handful of instruction words whose exit number and branch
 * distance depend on where the host put its vectors, which we only
 * learn at load time by reading the IVORs.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <asm/cacheflush.h>
#include <asm/reg.h>

#include "e500_insn.h"
#include "frame.h"
#include "vectors.h"

unsigned long e500v2_area;
unsigned long e500v2_switch_entry;

enum e500v2_vec_class e500v2_vec_class(unsigned int ivor)
{
	switch (ivor) {
	case 0:		/* critical input */
	case 12:	/* watchdog */
	case 15:	/* debug */
		return E500V2_VEC_CRIT;
	case 1:
		return E500V2_VEC_MCHK;
	case 2 ... 11:
	case 13:
	case 14:
	case 32 ... 35:
		return E500V2_VEC_BASE;
	default:
		return E500V2_VEC_NONE;
	}
}
EXPORT_SYMBOL_GPL(e500v2_vec_class);

/* SRR pair the stub copies from, for critical-class vectors */
static void class_srrs(enum e500v2_vec_class c, unsigned int *srr0,
		       unsigned int *srr1)
{
	if (c == E500V2_VEC_MCHK) {
		*srr0 = SPRN_MCSRR0;
		*srr1 = SPRN_MCSRR1;
	} else {
		*srr0 = SPRN_CSRR0;
		*srr1 = SPRN_CSRR1;
	}
}

unsigned int e500v2_gen_stub(unsigned int ivor, u32 at, u32 exit_at, u32 *buf)
{
	enum e500v2_vec_class c = e500v2_vec_class(ivor);
	unsigned int n = 0, srr0, srr1;

	buf[n++] = e500_enc_mtspr(SPRN_EF_SCRATCH, 4);
	if (c != E500V2_VEC_BASE) {
		class_srrs(c, &srr0, &srr1);
		buf[n++] = e500_enc_mfspr(4, srr0);
		buf[n++] = e500_enc_mtspr(SPRN_SRR0, 4);
		buf[n++] = e500_enc_mfspr(4, srr1);
		buf[n++] = e500_enc_mtspr(SPRN_SRR1, 4);
	}
	buf[n++] = e500_enc_mfspr(4, SPRN_EF_FRAME);
	buf[n++] = e500_enc_stw(5, EF_GPR(5), 4);
	buf[n++] = e500_enc_li(5, ivor);
	buf[n] = e500_enc_b((long)exit_at - (long)(at + n * 4));
	return n + 1;
}
EXPORT_SYMBOL_GPL(e500v2_gen_stub);

struct span {
	u32 start, end;
};

static int span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

int e500v2_plan_layout(const u32 *ivor, u32 block_len,
		       struct e500v2_layout *out)
{
	struct span used[E500V2_NR_IVORS];
	u32 buf[E500V2_STUB_MAX / 4], free_at = 0;
	unsigned int i, n = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < E500V2_NR_IVORS; i++) {
		if (e500v2_vec_class(i) == E500V2_VEC_NONE)
			continue;
		/* IVOR bits 0:15 and 28:31 are not part of the offset */
		out->stub_off[i] = ivor[i] & 0xfff0;
		out->stub_len[i] = e500v2_gen_stub(i, 0, 0, buf) * 4;
		used[n].start = out->stub_off[i];
		used[n].end = out->stub_off[i] + out->stub_len[i];
		n++;
	}
	sort(used, n, sizeof(used[0]), span_cmp, NULL);
	for (i = 1; i < n; i++)
		if (used[i].start < used[i - 1].end)
			return -ENOSPC;

	/* first gap that holds the block */
	for (i = 0; i <= n; i++) {
		u32 limit = i < n ? used[i].start : E500V2_AREA_SIZE;

		if (free_at + block_len <= limit) {
			out->block_off = free_at;
			return 0;
		}
		if (i < n)
			free_at = ALIGN(used[i].end, 16);
	}
	return -ENOSPC;
}
EXPORT_SYMBOL_GPL(e500v2_plan_layout);

#define HOST_IVOR(n)	mfspr(SPRN_IVOR##n)

/* the host's vector offsets, indexed by IVOR number */
static void read_host_ivors(u32 *ivor)
{
	const u32 base[] = {
		HOST_IVOR(0), HOST_IVOR(1), HOST_IVOR(2), HOST_IVOR(3),
		HOST_IVOR(4), HOST_IVOR(5), HOST_IVOR(6), HOST_IVOR(7),
		HOST_IVOR(8), HOST_IVOR(9), HOST_IVOR(10), HOST_IVOR(11),
		HOST_IVOR(12), HOST_IVOR(13), HOST_IVOR(14), HOST_IVOR(15),
	};
	const u32 ext[] = {
		HOST_IVOR(32), HOST_IVOR(33), HOST_IVOR(34), HOST_IVOR(35),
	};

	memcpy(ivor, base, sizeof(base));
	memcpy(ivor + 32, ext, sizeof(ext));
}

int e500v2_vectors_init(void)
{
	u32 block_len = (e500v2_switch_end - e500v2_switch_begin) * 4;
	u32 ivor[E500V2_NR_IVORS] = {};
	struct e500v2_layout lay;
	unsigned long area;
	u32 exit_at;
	unsigned int i;
	int r;

	read_host_ivors(ivor);
	r = e500v2_plan_layout(ivor, block_len, &lay);
	if (r) {
		pr_err("kvm-e500v2: host IVORs leave no room for the guest vector stubs\n");
		return r;
	}
	area = __get_free_pages(GFP_KERNEL | __GFP_ZERO,
				get_order(E500V2_AREA_SIZE));
	if (!area)
		return -ENOMEM;

	memcpy((void *)(area + lay.block_off), e500v2_switch_begin, block_len);
	exit_at = lay.block_off +
		  (e500v2_switch_exit - e500v2_switch_begin) * 4;
	for (i = 0; i < E500V2_NR_IVORS; i++)
		if (lay.stub_len[i])
			e500v2_gen_stub(i, lay.stub_off[i], exit_at,
					(u32 *)(area + lay.stub_off[i]));
	flush_icache_range(area, area + E500V2_AREA_SIZE);

	e500v2_area = area;
	e500v2_switch_entry = area + lay.block_off +
		(e500v2_switch_enter - e500v2_switch_begin) * 4;
	return 0;
}

void e500v2_vectors_exit(void)
{
	free_pages(e500v2_area, get_order(E500V2_AREA_SIZE));
	e500v2_area = 0;
}

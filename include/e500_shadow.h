/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which host page size shadows a guest access: the rule behind the
 * e500v2 large shadow entries, kept pure so that KUnit checks it.
 *
 * Host TLB1 pages are 4 KiB * 4^n.  A shadow entry of size S for the
 * access at guest effective address EA covers the S-aligned block
 * around EA, and must stay inside the guest's own page, inside the
 * memory slot (in guest-physical terms) and inside the host memory
 * known to be physically contiguous behind it; EA and the host
 * physical address must agree modulo S.  Each condition that holds for
 * a size holds for every smaller one, so the search stops at the first
 * size that fails.
 */
#ifndef KVM_E500_SHADOW_H
#define KVM_E500_SHADOW_H

#include <linux/types.h>

#define E500_SHADOW_MIN	0x1000ull

/* a half-open range [lo, hi) of guest- or host-physical addresses */
struct e500_span {
	u64 lo, hi;
};

static inline bool e500_span_holds(const struct e500_span *s, u64 base,
				   u64 size)
{
	return base >= s->lo && base + size <= s->hi && base + size > base;
}

/* the largest page TLB1CFG[MAXSIZE] allows (4^MAXSIZE KiB) */
static inline u64 e500_tlb1_max_bytes(u32 tlb1cfg)
{
	unsigned int maxsize = (tlb1cfg >> 16) & 0xf;

	return maxsize ? 1024ull << (2 * maxsize) : E500_SHADOW_MIN;
}

/*
 * @ea, @gpa, @hpa: the access, its guest-physical and host-physical
 * address; @gsize: the size of the guest page that translates it
 * (a power of two, EA and GPA congruent modulo it); @slot: the memory
 * slot's guest-physical range; @host: host-physical range known to be
 * contiguous and to back the slot linearly around @gpa; @max: the
 * largest host page.  Returns the shadow size, E500_SHADOW_MIN when no
 * larger page fits.
 */
static inline u64 e500_shadow_size(u32 ea, u64 gpa, u64 hpa, u64 gsize,
				   const struct e500_span *slot,
				   const struct e500_span *host, u64 max)
{
	u64 best = E500_SHADOW_MIN, s, off;

	for (s = E500_SHADOW_MIN << 2; s <= max && s <= gsize; s <<= 2) {
		off = ea & (s - 1);
		if ((hpa & (s - 1)) != off || (gpa & (s - 1)) != off)
			break;
		if (!e500_span_holds(slot, gpa - off, s) ||
		    !e500_span_holds(host, hpa - off, s))
			break;
		best = s;
	}
	return best;
}

#endif /* KVM_E500_SHADOW_H */

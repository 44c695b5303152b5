/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vm_migrate_test's saved state: what a VMM must keep of an e500v2 VM
 * with the in-kernel MPIC and SW TLB arrays (Documentation/design.md,
 * "Migration"), the file it goes to (the state, RAM, an FNV-1a sum of
 * both), and the save/restore steps for the vCPUs and the MPIC.
 */
#ifndef KVM_E500_VM_MIGRATE_STATE_H
#define KVM_E500_VM_MIGRATE_STATE_H

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../../include/kvm_e500_mpic.h"

#define NVCPU		2
#define RAM_SIZE	0x400000u
#define RAM_PAGES	(RAM_SIZE / 4096)
#define MPIC_GPA	0x02000000u
#define TLB0_SIZE	256
#define TLB0_WAYS	4
#define TLB1_SIZE	16
#define NTLB		(TLB0_SIZE + TLB1_SIZE)
#define TLB_BYTES	(NTLB * sizeof(struct kvm_book3e_206_tlb_entry))
#define MAX_REGS	128
#define MIG_MAGIC	"E500MIG"
#define MIG_VERSION	1

/* MPIC registers saved, in restore order (see mig_mpic_offsets) */
#define MPIC_NCPUS	8
#define MPIC_NREGS	(5 + 2 * 256 + 4 + 3 * 4 + MPIC_NCPUS)
#define MPIC_IVPR_A	0x40000000u
/* KVM_DEV_MPIC_GRP_E500_STATE: in service, pending, IPIs, MSIRs, timers */
#define MPIC_NSTATE	(MPIC_NCPUS * KVM_E500_MPIC_WORDS + KVM_E500_MPIC_WORDS + 4 + 8 + 4)

struct mig_hdr {
	char magic[8];
	__u32 version;
	__u32 nvcpu;
	__u64 len;		/* of the whole file */
	__u64 ram_sum;		/* mig_sum() of the source's RAM */
};

struct mig_vcpu {
	__u32 last_pass, dec, ext;	/* the guest's last report */
	__u32 nregs;
	struct kvm_regs regs;
	struct kvm_sregs sregs;
	__u64 ids[MAX_REGS], vals[MAX_REGS];
	struct kvm_book3e_206_tlb_entry tlb[NTLB];
};

struct mig_mpic {
	__u32 off[MPIC_NREGS], val[MPIC_NREGS];
	__u32 line[256];
	__u32 state_attr[MPIC_NSTATE], state_val[MPIC_NSTATE];
};

struct mig_state {
	struct mig_hdr hdr;
	struct mig_vcpu vcpu[NVCPU];
	struct mig_mpic mpic;
};

#define MIG_FILE_LEN	(sizeof(struct mig_state) + RAM_SIZE + sizeof(__u64))

static inline __u64 mig_sum_more(__u64 h, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	while (len--)
		h = (h ^ *p++) * 0x100000001b3ull;
	return h;
}

static inline __u64 mig_sum(const void *buf, size_t len)
{
	return mig_sum_more(0xcbf29ce484222325ull, buf, len);
}

/* ONE_REG get (@set 0) or set of a 32- or 64-bit id through a u64 */
static inline int mig_one_reg(int vcpu, int set, __u64 id, __u64 *val)
{
	__u32 v32 = *val;
	int is32 = (id & KVM_REG_SIZE_MASK) == KVM_REG_SIZE_U32;
	struct kvm_one_reg r = {
		.id = id, .addr = is32 ? (uintptr_t)&v32 : (uintptr_t)val,
	};
	int ret = ioctl(vcpu, set ? KVM_SET_ONE_REG : KVM_GET_ONE_REG, &r);

	if (is32 && !set)
		*val = v32;
	return ret;
}

/*
 * Restore order of one vCPU, after the memory slots, the MPIC device
 * and KVM_CAP_SW_TLB (SREGS carries TLBnCFG, which must match the
 * array's geometry): SREGS with the TSR and DEC updates, REGS, then the
 * ONE_REG ids in KVM_GET_REG_LIST order (MAGIC_PA before MAGIC_PAGE).
 */
static inline int mig_restore_vcpu(int fd, const struct mig_vcpu *s)
{
	struct kvm_sregs sr = s->sregs;
	unsigned int i;

	sr.u.e.update_special = KVM_SREGS_E_UPDATE_TSR | KVM_SREGS_E_UPDATE_DEC;
	if (ioctl(fd, KVM_SET_SREGS, &sr) || ioctl(fd, KVM_SET_REGS, &s->regs))
		return -1;
	for (i = 0; i < s->nregs; i++) {
		__u64 v = s->vals[i];

		if (mig_one_reg(fd, 1, s->ids[i], &v)) {
			fprintf(stdout, "# ONE_REG 0x%llx = 0x%llx: %s\n",
				(unsigned long long)s->ids[i],
				(unsigned long long)v, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/*
 * Every MPIC register without side effects, in the order a restore
 * writes them: global configuration (TFRR before the timers), sources,
 * IPIs, timers (GTBCR last: it starts the count), per-CPU CTPR.
 */
static inline void mig_mpic_offsets(__u32 *off)
{
	static const __u32 global[] = { 0x1020, 0x1090, 0x10e0, 0x10f0, 0x1300 };
	unsigned int n = 0, i;

	for (i = 0; i < 5; i++)
		off[n++] = global[i];
	for (i = 0; i < 256; i++) {
		off[n++] = 0x10000 + 0x20 * i;		/* IVPR */
		off[n++] = 0x10010 + 0x20 * i;		/* IDR */
	}
	for (i = 0; i < 4; i++)
		off[n++] = 0x10a0 + 0x10 * i;		/* IPIVPR */
	for (i = 0; i < 4; i++) {
		off[n++] = 0x1120 + 0x40 * i;		/* GTVPR */
		off[n++] = 0x1130 + 0x40 * i;		/* GTDR */
		off[n++] = 0x1110 + 0x40 * i;		/* GTBCR */
	}
	for (i = 0; i < MPIC_NCPUS; i++)
		off[n++] = 0x20080 + 0x1000 * i;	/* CTPR */
}

/* a vector/priority register: its A (activity) bit is not state */
static inline int mig_is_vpr(__u32 off)
{
	return (off >= 0x10000 && off < 0x12000 && !(off & 0x10)) ||
	       (off >= 0x10a0 && off < 0x10e0) ||
	       (off >= 0x1100 && off < 0x1200 && (off & 0x3f) == 0x20);
}

/* the project's state attributes, timer counts last (after GTBCR) */
static inline void mig_state_attrs(__u32 *attr)
{
	unsigned int n = 0, c, i;

	for (c = 0; c < MPIC_NCPUS; c++)
		for (i = 0; i < KVM_E500_MPIC_WORDS; i++)
			attr[n++] = KVM_E500_MPIC_IN_SERVICE(c, i);
	for (i = 0; i < KVM_E500_MPIC_WORDS; i++)
		attr[n++] = KVM_E500_MPIC_PENDING(i);
	for (i = 0; i < 4; i++)
		attr[n++] = KVM_E500_MPIC_IPI_PENDING(i);
	for (i = 0; i < 8; i++)
		attr[n++] = KVM_E500_MPIC_MSIR(i);
	for (i = 0; i < 4; i++)
		attr[n++] = KVM_E500_MPIC_TIMER_COUNT(i);
}

static inline int mig_is_timer_count(__u32 attr)
{
	return attr >= KVM_E500_MPIC_TIMER_COUNT(0) &&
	       attr < KVM_E500_MPIC_TIMER_COUNT(4);
}

static inline int mig_mpic_attr(int dev, int set, __u32 group, __u64 attr,
				__u32 *val)
{
	struct kvm_device_attr a = {
		.group = group, .attr = attr, .addr = (uintptr_t)val,
	};

	return ioctl(dev, set ? KVM_SET_DEVICE_ATTR : KVM_GET_DEVICE_ATTR, &a);
}

static inline int mig_save_mpic(int dev, struct mig_mpic *m)
{
	unsigned int i;

	mig_mpic_offsets(m->off);
	for (i = 0; i < MPIC_NREGS; i++)
		if (mig_mpic_attr(dev, 0, KVM_DEV_MPIC_GRP_REGISTER, m->off[i],
				  &m->val[i]))
			return -1;
	for (i = 0; i < 256; i++)
		if (mig_mpic_attr(dev, 0, KVM_DEV_MPIC_GRP_IRQ_ACTIVE, i,
				  &m->line[i]))
			return -1;
	mig_state_attrs(m->state_attr);
	for (i = 0; i < MPIC_NSTATE; i++)
		if (mig_mpic_attr(dev, 0, KVM_DEV_MPIC_GRP_E500_STATE,
				  m->state_attr[i], &m->state_val[i]))
			return -1;
	return 0;
}

static inline int mig_restore_mpic(int dev, const struct mig_mpic *m)
{
	unsigned int i;

	for (i = 0; i < MPIC_NREGS; i++) {
		__u32 v = m->val[i];

		if (mig_is_vpr(m->off[i]))
			v &= ~MPIC_IVPR_A;
		if (mig_mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_REGISTER, m->off[i], &v))
			return -1;
	}
	for (i = 0; i < 256; i++) {
		__u32 v = m->line[i];

		if (mig_mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_IRQ_ACTIVE, i, &v))
			return -1;
	}
	for (i = 0; i < MPIC_NSTATE; i++) {
		__u32 v = m->state_val[i];

		if (mig_mpic_attr(dev, 1, KVM_DEV_MPIC_GRP_E500_STATE,
				  m->state_attr[i], &v))
			return -1;
	}
	return 0;
}

/* how many registers read back as saved (A bits aside) */
static inline unsigned int mig_compare_mpic(int dev, const struct mig_mpic *m)
{
	unsigned int i, same = 0;

	for (i = 0; i < MPIC_NREGS; i++) {
		__u32 v = ~0u, mask = mig_is_vpr(m->off[i]) ? ~MPIC_IVPR_A : ~0u;

		if (!mig_mpic_attr(dev, 0, KVM_DEV_MPIC_GRP_REGISTER, m->off[i], &v) &&
		    (v & mask) == (m->val[i] & mask))
			same++;
		else
			fprintf(stdout, "# MPIC 0x%x: 0x%08x, saved 0x%08x\n",
				m->off[i], v, m->val[i]);
	}
	return same;
}

/* the saved base count (GTBCR) of global timer t, without its CI bit */
static inline __u32 mig_timer_base(const struct mig_mpic *m, unsigned int t)
{
	unsigned int i;

	for (i = 0; i < MPIC_NREGS; i++)
		if (m->off[i] == 0x1110 + 0x40 * t)
			return m->val[i] & 0x7fffffffu;
	return 0;
}

/*
 * How many state attributes read back as saved: exactly, except the
 * running timers' counts, which go on from the saved count as soon as
 * the attributes are restored: the same TOG and a count no higher than
 * the saved one, or, once the saved count ran out and the timer
 * reloaded (maybe several times on a slow host: a period is 2 ms), a
 * count no higher than the saved base count.
 */
static inline unsigned int mig_compare_state(int dev, const struct mig_mpic *m)
{
	unsigned int i, same = 0;

	for (i = 0; i < MPIC_NSTATE; i++) {
		__u32 v = ~0u, s = m->state_val[i], a = m->state_attr[i];
		int ok = !mig_mpic_attr(dev, 0, KVM_DEV_MPIC_GRP_E500_STATE,
					a, &v);

		if (ok && mig_is_timer_count(a))
			ok = (!((v ^ s) & 0x80000000u) &&
			      (v & 0x7fffffffu) <= (s & 0x7fffffffu)) ||
			     (v & 0x7fffffffu) <=
			     mig_timer_base(m, a - KVM_E500_MPIC_TIMER_COUNT(0));
		else
			ok = ok && v == s;
		if (ok)
			same++;
		else
			fprintf(stdout, "# MPIC state 0x%x: 0x%08x, saved 0x%08x\n",
				m->state_attr[i], v, s);
	}
	return same;
}

static inline int mig_write(const char *file, struct mig_state *st,
			    const void *ram)
{
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	__u64 sum;
	int ok;

	if (fd < 0)
		return -1;
	memcpy(st->hdr.magic, MIG_MAGIC, sizeof(st->hdr.magic));
	st->hdr.version = MIG_VERSION;
	st->hdr.nvcpu = NVCPU;
	st->hdr.len = MIG_FILE_LEN;
	sum = mig_sum_more(mig_sum(st, sizeof(*st)), ram, RAM_SIZE);
	ok = write(fd, st, sizeof(*st)) == sizeof(*st) &&
	     write(fd, ram, RAM_SIZE) == RAM_SIZE &&
	     write(fd, &sum, sizeof(sum)) == sizeof(sum);
	return close(fd) == 0 && ok ? 0 : -1;
}

/* read and check a state file; -1 with the reason in @msg */
static inline int mig_read(const char *file, struct mig_state *st, void *ram,
			   char *msg, size_t msg_len)
{
	int fd = open(file, O_RDONLY);
	ssize_t n = 0, r;
	__u64 sum;
	char extra;

	if (fd < 0) {
		snprintf(msg, msg_len, "%s: %s", file, strerror(errno));
		return -1;
	}
	memset(st, 0, sizeof(*st));
	r = read(fd, st, sizeof(*st));
	n += r > 0 ? r : 0;
	if (r == sizeof(*st)) {
		r = read(fd, ram, RAM_SIZE);
		n += r > 0 ? r : 0;
	}
	if (n == sizeof(*st) + RAM_SIZE) {
		r = read(fd, &sum, sizeof(sum));
		n += r > 0 ? r : 0;
		n += read(fd, &extra, 1) > 0;
	}
	close(fd);
	if (n >= (ssize_t)sizeof(st->hdr) &&
	    (memcmp(st->hdr.magic, MIG_MAGIC, sizeof(st->hdr.magic)) ||
	     st->hdr.version != MIG_VERSION || st->hdr.nvcpu != NVCPU ||
	     st->hdr.len != MIG_FILE_LEN)) {
		snprintf(msg, msg_len, "not a version %d state file of %d vCPUs",
			 MIG_VERSION, NVCPU);
		return -1;
	}
	if (n != (ssize_t)MIG_FILE_LEN) {
		snprintf(msg, msg_len, "%s %zd bytes, want %zu",
			 n < (ssize_t)MIG_FILE_LEN ? "truncated:" : "too long:",
			 n, MIG_FILE_LEN);
		return -1;
	}
	if (mig_sum_more(mig_sum(st, sizeof(*st)), ram, RAM_SIZE) != sum) {
		snprintf(msg, msg_len, "checksum mismatch: the file is corrupt");
		return -1;
	}
	return 0;
}

/* copy the first @len bytes of @from to @to, flipping byte @flip (>= 0) */
static inline int mig_copy(const char *from, const char *to, size_t len,
			   long flip)
{
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	char buf[4096];
	size_t done = 0;
	int ok = in >= 0 && out >= 0;

	while (ok && done < len) {
		size_t want = len - done < sizeof(buf) ? len - done : sizeof(buf);
		ssize_t r = read(in, buf, want);

		if (r <= 0)
			break;
		if (flip >= (long)done && flip < (long)(done + r))
			buf[flip - done] ^= 0x40;
		ok = write(out, buf, r) == r;
		done += r;
	}
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return ok && done == len ? 0 : -1;
}

#endif /* KVM_E500_VM_MIGRATE_STATE_H */

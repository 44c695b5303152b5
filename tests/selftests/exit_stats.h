/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The exit-reason tests' guest: a known mix of exits (exit_stats_test
 * counts them in the binary statistics, trace_events_test finds them in
 * the trace buffer) and a snapshot of every vCPU statistic.
 */
#ifndef KVM_E500_EXIT_STATS_H
#define KVM_E500_EXIT_STATS_H

#include "pv_asm.h"

#define MSR_WE		0x00040000u
#define TCR_DIE		0x04000000u
#define TSR_DIS		0x08000000u
#define UNMAPPED_EA	0x10000000u	/* outside the default TLB1 entry */

/* handlers: program, system call, data TLB error, decrementer */
#define H_PROGRAM	0x2000
#define H_SYSCALL	0x2100
#define H_DTLB		0x2200
#define H_DEC		0x2300

/* where the mix's instructions are, for the tests to check */
struct mix {
	u32 mfspr_pc[3];	/* mfspr r5, PVR */
	u32 sc_next;		/* after the guest's own sc */
	u32 illegal_pc;
	u32 load_pc;		/* the load from UNMAPPED_EA */
	u32 wait_next;		/* after the mtmsr that waits */
};

/* handler: SRR0 += 4 (skip the instruction), rfi: 3 emulated */
static inline void emit_skip_handler(struct prog *p)
{
	emit(p, I_MFSPR(5, SPR_SRR0));
	emit(p, I_ADDI(5, 5, 4));
	emit(p, I_MTSPR(SPR_SRR0, 5));
	emit(p, I_RFI);
}

/*
 * Put the handlers and the mix in guest memory.  The guest reports
 * (MMIO store) at GUEST_MMIO + 0 when set up, then runs, in guest
 * supervisor mode:
 *   3 mfspr PVR                   3 emulated
 *   KVM_HC_FEATURES               1 hypercall
 *   sc with r0 = 0, handler rfi   1 system call, 1 emulated
 *   an illegal word, handler      1 program, 3 emulated
 *   load from UNMAPPED_EA, handler 1 DTLB real miss, 3 emulated
 *   DEC = 50, TCR[DIE], mtmsr EE|WE; the handler clears TSR[DIS],
 *   TCR and SRR1[WE] and returns; wrteei 0      9 emulated
 *   stores at GUEST_MMIO + 4 and + 8           2 MMIO
 * 19 emulated, 25 exits in all, besides host interrupts and the host
 * TLB misses the guest's TLB translates.  Needs pv_info() first.
 */
static inline void mix_load(struct guest *g, struct mix *m)
{
	struct prog p = { .n = 0 }, h = { .n = 0 };
	unsigned int i;

	emit_skip_handler(&h);
	prog_put(g, H_PROGRAM, &h);
	prog_put(g, H_DTLB, &h);
	prog_reset(&h);
	emit(&h, I_RFI);		/* SRR0 is past the sc already */
	prog_put(g, H_SYSCALL, &h);
	prog_reset(&h);
	emit(&h, I_LIS(5, TSR_DIS >> 16));
	emit(&h, I_MTSPR(SPR_TSR, 5));
	emit(&h, I_LI(5, 0));
	emit(&h, I_MTSPR(SPR_TCR, 5));
	emit(&h, I_MFSPR(5, SPR_SRR1));
	emit_li32(&h, 7, MSR_WE);
	emit(&h, I_ANDC(5, 5, 7));
	emit(&h, I_MTSPR(SPR_SRR1, 5));
	emit(&h, I_RFI);
	prog_put(g, H_DEC, &h);

	emit(&p, I_LI(5, 0));
	emit(&p, I_MTSPR(SPR_IVPR, 5));
	emit(&p, I_LI(5, H_PROGRAM));
	emit(&p, I_MTSPR(spr_ivor(6), 5));
	emit(&p, I_LI(5, H_SYSCALL));
	emit(&p, I_MTSPR(spr_ivor(8), 5));
	emit(&p, I_LI(5, H_DTLB));
	emit(&p, I_MTSPR(spr_ivor(13), 5));
	emit(&p, I_LI(5, H_DEC));
	emit(&p, I_MTSPR(spr_ivor(10), 5));
	emit(&p, I_LI(3, 0));
	emit_report(&p, 3, 0);

	for (i = 0; i < 3; i++) {
		m->mfspr_pc[i] = prog_here(&p, GUEST_CODE);
		emit(&p, I_MFSPR(5, SPR_PVR));
	}
	emit_hcall(&p, KVM_HCALL_TOKEN(KVM_HC_FEATURES), NULL, 0);
	emit(&p, I_LI(0, 0));
	emit(&p, I_SC);
	m->sc_next = prog_here(&p, GUEST_CODE);
	m->illegal_pc = prog_here(&p, GUEST_CODE);
	emit(&p, I_ILLEGAL);
	emit_li32(&p, 6, UNMAPPED_EA);
	m->load_pc = prog_here(&p, GUEST_CODE);
	emit(&p, I_LWZ(5, 0, 6));
	emit(&p, I_LI(5, 50));
	emit(&p, I_MTSPR(SPR_DEC, 5));
	emit(&p, I_LIS(5, TCR_DIE >> 16));
	emit(&p, I_MTSPR(SPR_TCR, 5));
	emit_li32(&p, 5, MSR_EE | MSR_WE);
	emit(&p, I_MTMSR(5));
	m->wait_next = prog_here(&p, GUEST_CODE);
	emit(&p, I_WRTEEI(0));
	emit_report(&p, 3, 4);
	emit_report(&p, 3, 8);
	emit(&p, I_SELF_LOOP);
	prog_load(g, &p, GUEST_CODE, 0);
}

#define STATS_MAX	64
#define STATS_NAME	48	/* KVM_STATS_NAME_SIZE, which uapi does not export */

/* every vCPU statistic: name and (first) value */
struct stats {
	unsigned int n;
	char name[STATS_MAX][STATS_NAME];
	unsigned long long val[STATS_MAX];
};

static inline int stats_read(int vcpu, struct stats *s)
{
	struct kvm_stats_header h;
	struct kvm_stats_desc *d;
	char *descs = NULL;
	size_t dsz;
	int fd = ioctl(vcpu, KVM_GET_STATS_FD, 0), ok = 0;
	unsigned int i;

	s->n = 0;
	if (fd < 0)
		return 0;
	if (pread(fd, &h, sizeof(h), 0) != sizeof(h) || h.num_desc > STATS_MAX)
		goto out;
	dsz = sizeof(*d) + h.name_size;
	descs = malloc(dsz * h.num_desc);
	if (!descs || pread(fd, descs, dsz * h.num_desc, h.desc_offset) !=
		      (ssize_t)(dsz * h.num_desc))
		goto out;
	for (i = 0; i < h.num_desc; i++) {
		d = (struct kvm_stats_desc *)(descs + i * dsz);
		snprintf(s->name[i], STATS_NAME, "%s", d->name);
		if (pread(fd, &s->val[i], 8, h.data_offset + d->offset) != 8)
			goto out;
	}
	s->n = h.num_desc;
	ok = 1;
out:
	free(descs);
	close(fd);
	return ok;
}

/* the value of @name in @s, -1 when there is no such statistic */
static inline long long stats_get(const struct stats *s, const char *name)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return s->val[i];
	return -1;
}

#endif /* KVM_E500_EXIT_STATS_H */

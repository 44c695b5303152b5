// SPDX-License-Identifier: GPL-2.0-only
/*
 * The in-kernel MPIC (KVM_DEV_TYPE_FSL_MPIC_20/42) from a guest and
 * from the host: device attributes and their refusals, a guest that
 * programs the MPIC by MMIO and takes its external interrupts (vector
 * by IACK and by EPR) with priority, nesting, CTPR, masking and EOI,
 * MSI registers, KVM_IRQ_LINE, KVM_SIGNAL_MSI, GSI routing, irqfd and
 * resamplefd from another thread, a global timer, critical routing,
 * save/restore through the register attributes, and 2 and 4 vCPUs
 * passing IPIs round a ring while waiting in MSR[WE] or spinning.
 *
 * Most guest checks go through a "proxy" guest loop: it loads an
 * operation, an address and a value from the MMIO window (exits the
 * host answers), performs the load or store on the MPIC (handled in
 * the kernel, no exit) and reports a load's value with an MMIO store.
 * Its external interrupt handler reports the vector it acknowledged.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <time.h>

#include "guest_asm.h"
#include "tap.h"

#define MPIC_GPA	0x02000000u
#define MPIC_SIZE	0x40000u

#define I_CMPWI(ra, v)	((11u << 26) | ((ra) << 16) | ((v) & 0xffff))
#define I_CMPW(ra, rb)	((31u << 26) | ((ra) << 16) | ((rb) << 11))
#define I_BEQ(off)	((16u << 26) | (12u << 21) | (2u << 16) | ((off) & 0xfffc))
#define I_STWX(rs, ra, rb) ((31u << 26) | ((rs) << 21) | ((ra) << 16) | ((rb) << 11) | (151u << 1))
#define I_RFCI		0x4c000066u
#define SPR_EPR		702
#define MSR_WE		0x00040000u
#define MSR_CE		0x00020000u

/* MPIC register offsets */
#define R_BRR1		0x0000
#define R_IPIDR(n)	(0x0040 + 0x10 * (n))
#define R_CTPR		0x0080
#define R_WHOAMI	0x0090
#define R_IACK		0x00a0
#define R_EOI		0x00b0
#define R_FRR		0x1000
#define R_GCR		0x1020
#define R_VIR		0x1080
#define R_PIR		0x1090
#define R_IPIVPR(n)	(0x10a0 + 0x10 * (n))
#define R_SVR		0x10e0
#define R_TFRR		0x10f0
#define R_GTCCR(t)	(0x1100 + 0x40 * (t))
#define R_GTBCR(t)	(0x1110 + 0x40 * (t))
#define R_GTVPR(t)	(0x1120 + 0x40 * (t))
#define R_GTDR(t)	(0x1130 + 0x40 * (t))
#define R_MSIR(n)	(0x1600 + 0x10 * (n))
#define R_MSISR		0x1720
#define R_MSIIR		0x1740
#define R_IVPR(s)	(0x10000 + 0x20 * (s))
#define R_IDR(s)	(0x10010 + 0x20 * (s))
#define R_PCPU(c, r)	(0x20000 + 0x1000 * (c) + (r))

#define IVPR_MSK	0x80000000u
#define IVPR_A		0x40000000u
#define IVPR_S		0x00400000u
#define PRIO(p)		((u32)(p) << 16)
#define IDR_CI0		0x40000000u

#define OP_READ		0
#define OP_WRITE	1
#define OP_WAIT		2

#define H_IACK		0x2000
#define H_EPR		0x2100
#define H_CRIT		0x2200
#define CRIT_MARK	0xc1

struct cpu {
	int fd;
	struct kvm_run *run;
	int at_op;
	unsigned int nvec;
	u32 vec[64];
};

struct vm {
	struct guest g;
	int dev;
	struct cpu c[4];
	unsigned int ncpu;
};

static void on_signal(int sig)
{
}

static int run_to(struct cpu *c, u32 addr, int is_write, u32 *data)
{
	for (;;) {
		if (ioctl(c->fd, KVM_RUN, 0))
			return -1;
		if (c->run->exit_reason != KVM_EXIT_MMIO)
			return -1;
		if (c->run->mmio.is_write &&
		    c->run->mmio.phys_addr == GUEST_MMIO + 16) {
			if (c->nvec < ARRAY_LEN(c->vec))
				c->vec[c->nvec++] = mmio_value(c->run);
			continue;
		}
		if (c->run->mmio.phys_addr != addr ||
		    c->run->mmio.is_write != is_write)
			return -1;
		if (data)
			*data = mmio_value(c->run);
		return 0;
	}
}

/* one proxy operation; the guest is left waiting for the next */
static int cmd(struct cpu *c, u32 op, u32 off, u32 val, u32 *out)
{
	int r;

	alarm(20);
	if (!c->at_op && run_to(c, GUEST_MMIO, 0, NULL))
		goto fail;
	c->at_op = 0;
	mmio_fill(c->run, op);
	if (run_to(c, GUEST_MMIO + 4, 0, NULL))
		goto fail;
	mmio_fill(c->run, MPIC_GPA + off);
	if (run_to(c, GUEST_MMIO + 8, 0, NULL))
		goto fail;
	mmio_fill(c->run, val);
	if (op == OP_READ && run_to(c, GUEST_MMIO + 12, 1, out))
		goto fail;
	if (run_to(c, GUEST_MMIO, 0, NULL))
		goto fail;
	c->at_op = 1;
	alarm(0);
	return 0;
fail:
	r = errno;
	alarm(0);
	tap_diag("proxy op %u at 0x%x failed: exit %u, errno %d", op, off,
		 c->run->exit_reason, r);
	return -1;
}

static u32 rd(struct cpu *c, u32 off)
{
	u32 v = 0xdeadbeef;

	cmd(c, OP_READ, off, 0, &v);
	return v;
}

static int wr(struct cpu *c, u32 off, u32 val)
{
	return cmd(c, OP_WRITE, off, val, NULL);
}

/* the vectors reported since the last call, as one number (<= 4 of them) */
static u32 took(struct cpu *c)
{
	u32 v = 0;
	unsigned int i;

	for (i = 0; i < c->nvec && i < 4; i++)
		v = v << 8 | (c->vec[i] & 0xff);
	if (c->nvec > 4)
		v = 0xffffffff;
	c->nvec = 0;
	return v;
}

static int reg_attr(int dev, int set, u32 group, __u64 attr, void *val)
{
	struct kvm_device_attr a = {
		.group = group, .attr = attr, .addr = (uintptr_t)val,
	};

	return ioctl(dev, set ? KVM_SET_DEVICE_ATTR : KVM_GET_DEVICE_ATTR, &a);
}

static u32 get_reg(int dev, u32 off)
{
	u32 v = 0xdeadbeef;

	reg_attr(dev, 0, KVM_DEV_MPIC_GRP_REGISTER, off, &v);
	return v;
}

static int set_reg(int dev, u32 off, u32 v)
{
	return reg_attr(dev, 1, KVM_DEV_MPIC_GRP_REGISTER, off, &v);
}

static int create_mpic(int vm, u32 type)
{
	struct kvm_create_device cd = { .type = type };

	if (ioctl(vm, KVM_CREATE_DEVICE, &cd))
		return -1;
	return cd.fd;
}

static int connect_cpu(int vcpu, int dev, unsigned int cpu)
{
	struct kvm_enable_cap cap = {
		.cap = KVM_CAP_IRQ_MPIC, .args = { dev, cpu },
	};

	return ioctl(vcpu, KVM_ENABLE_CAP, &cap);
}

static int irq_line(struct vm *v, u32 irq, u32 level)
{
	struct kvm_irq_level l = { .irq = irq, .level = level };

	return ioctl(v->g.vm, KVM_IRQ_LINE, &l);
}

static void pulse(struct vm *v, u32 irq)
{
	irq_line(v, irq, 1);
	irq_line(v, irq, 0);
}

static void proxy_code(struct guest *g, u32 handler)
{
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16), I_LIS(10, MPIC_GPA >> 16),
		I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, handler), I_MTSPR(spr_ivor(4), 3),
		I_LI(3, H_CRIT), I_MTSPR(spr_ivor(0), 3),
		I_WRTEEI(1),
		/* 9: loop */
		I_LWZ(5, 0, 4), I_LWZ(6, 4, 4), I_LWZ(7, 8, 4),
		I_CMPWI(5, OP_WRITE), I_BEQ(6 * 4),
		I_CMPWI(5, OP_WAIT), I_BEQ(6 * 4),
		I_LWZ(8, 0, 6), I_STW(8, 12, 4), I_B(-9 * 4),
		/* 19: write */
		I_STW(7, 0, 6), I_B(-11 * 4),
		/* 21: wait (r11 = MSR with WE) */
		I_MTMSR(11), I_B(-13 * 4),
	};
	/* handlers: report the vector, clear MSR[WE] in the saved MSR */
	const u32 h_iack[] = {
		I_LWZ(9, R_IACK, 10), I_STW(9, 16, 4),
		I_MFSPR(12, SPR_SRR1), I_ANDC(12, 12, 13),
		I_MTSPR(SPR_SRR1, 12), I_RFI,
	};
	const u32 h_epr[] = {
		I_MFSPR(9, SPR_EPR), I_STW(9, 16, 4),
		I_MFSPR(12, SPR_SRR1), I_ANDC(12, 12, 13),
		I_MTSPR(SPR_SRR1, 12), I_RFI,
	};
	const u32 h_crit[] = {
		I_LI(9, CRIT_MARK), I_STW(9, 16, 4),
		I_MFSPR(12, SPR_CSRR1), I_ANDC(12, 12, 13),
		I_MTSPR(SPR_CSRR1, 12), I_RFCI,
	};

	guest_code(g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_code(g, H_IACK, h_iack, ARRAY_LEN(h_iack));
	guest_code(g, H_EPR, h_epr, ARRAY_LEN(h_epr));
	guest_code(g, H_CRIT, h_crit, ARRAY_LEN(h_crit));
}

static int set_gprs(int vcpu, u32 pc, u32 msr, const u32 *gpr, unsigned int n)
{
	struct kvm_regs regs;
	unsigned int i;

	if (ioctl(vcpu, KVM_GET_REGS, &regs))
		return -1;
	regs.pc = pc;
	regs.msr = msr;
	for (i = 0; i + 1 < n; i += 2)
		regs.gpr[gpr[i]] = gpr[i + 1];
	return ioctl(vcpu, KVM_SET_REGS, &regs);
}

static int cpu_init(struct vm *v, unsigned int i, int fd)
{
	int size = ioctl(v->g.kvm, KVM_GET_VCPU_MMAP_SIZE, 0);

	v->c[i].fd = fd;
	v->c[i].run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
			   fd, 0);
	return v->c[i].run == MAP_FAILED ? -1 : 0;
}

/* a VM with @ncpu vCPUs wired to a new MPIC at MPIC_GPA */
static int vm_create(struct vm *v, unsigned int ncpu, u32 type)
{
	__u64 base = MPIC_GPA;
	unsigned int i;

	memset(v, 0, sizeof(*v));
	if (guest_create(&v->g))
		return -1;
	v->ncpu = ncpu;
	if (cpu_init(v, 0, v->g.vcpu))
		return -1;
	for (i = 1; i < ncpu; i++) {
		int fd = ioctl(v->g.vm, KVM_CREATE_VCPU, i);

		if (fd < 0 || cpu_init(v, i, fd))
			return -1;
	}
	v->dev = create_mpic(v->g.vm, type);
	if (v->dev < 0 ||
	    reg_attr(v->dev, 1, KVM_DEV_MPIC_GRP_MISC, KVM_DEV_MPIC_BASE_ADDR,
		     &base))
		return -1;
	for (i = 0; i < ncpu; i++)
		if (connect_cpu(v->c[i].fd, v->dev, i))
			return -1;
	return 0;
}

static void vm_destroy(struct vm *v)
{
	unsigned int i;

	for (i = 1; i < v->ncpu; i++)
		close(v->c[i].fd);
	close(v->dev);
	guest_destroy(&v->g);
}

/* the proxy on vCPU 0, @handler for external interrupts */
static int proxy_start(struct vm *v, u32 handler)
{
	const u32 gpr[] = { 13, MSR_WE, 11, MSR_WE | MSR_EE | MSR_CE };

	proxy_code(&v->g, handler);
	return set_gprs(v->c[0].fd, GUEST_CODE, MSR_CE, gpr, ARRAY_LEN(gpr));
}

static void device_attrs(void)
{
	struct kvm_create_device test = {
		.type = KVM_DEV_TYPE_FSL_MPIC_20,
		.flags = KVM_CREATE_DEVICE_TEST,
	};
	struct kvm_device_attr a = { .group = KVM_DEV_MPIC_GRP_REGISTER };
	struct guest g;
	__u64 base;
	u32 v;
	int dev;

	if (!tap_check(guest_create(&g) == 0, "attrs: create guest"))
		return;
	tap_check(ioctl(g.kvm, KVM_CHECK_EXTENSION, KVM_CAP_IRQ_MPIC) == 1 &&
		  ioctl(g.kvm, KVM_CHECK_EXTENSION, KVM_CAP_PPC_EPR) == 1 &&
		  ioctl(g.kvm, KVM_CHECK_EXTENSION, KVM_CAP_IRQFD) == 1 &&
		  ioctl(g.kvm, KVM_CHECK_EXTENSION, KVM_CAP_IRQFD_RESAMPLE) == 1 &&
		  ioctl(g.kvm, KVM_CHECK_EXTENSION, KVM_CAP_SIGNAL_MSI) == 1 &&
		  ioctl(g.kvm, KVM_CHECK_EXTENSION, KVM_CAP_IRQ_ROUTING) > 0,
		  "KVM_CAP_IRQ_MPIC, PPC_EPR, IRQFD(_RESAMPLE), SIGNAL_MSI, IRQ_ROUTING offered");
	{
		struct kvm_irq_level l = { .irq = 1, .level = 1 };

		tap_errno(ioctl(g.vm, KVM_IRQ_LINE, &l), ENXIO,
			  "KVM_IRQ_LINE before an MPIC exists");
	}
	tap_check(ioctl(g.vm, KVM_CREATE_DEVICE, &test) == 0,
		  "KVM_CREATE_DEVICE_TEST for FSL_MPIC_20");
	dev = create_mpic(g.vm, KVM_DEV_TYPE_FSL_MPIC_20);
	if (!tap_check(dev >= 0, "KVM_CREATE_DEVICE FSL_MPIC_20"))
		return;
	tap_errno(create_mpic(g.vm, KVM_DEV_TYPE_FSL_MPIC_42), EEXIST,
		  "a second MPIC in the same VM");

	base = MPIC_GPA + 0x1000;
	tap_errno(reg_attr(dev, 1, KVM_DEV_MPIC_GRP_MISC,
			   KVM_DEV_MPIC_BASE_ADDR, &base), EINVAL,
		  "a base address not 256 KiB aligned");
	base = MPIC_GPA;
	tap_check(reg_attr(dev, 1, KVM_DEV_MPIC_GRP_MISC,
			   KVM_DEV_MPIC_BASE_ADDR, &base) == 0 &&
		  (base = 0, reg_attr(dev, 0, KVM_DEV_MPIC_GRP_MISC,
				      KVM_DEV_MPIC_BASE_ADDR, &base)) == 0 &&
		  base == MPIC_GPA, "base address set and read back (0x%llx)",
		  (unsigned long long)base);
	tap_errno(reg_attr(dev, 0, KVM_DEV_MPIC_GRP_MISC, 1, &base), ENXIO,
		  "an unknown MISC attribute");
	tap_errno(reg_attr(dev, 0, 99, 0, &v), ENXIO, "an unknown group");

	tap_check(get_reg(dev, R_FRR) == 0x00ff0002,
		  "FRR: 256 sources, 1 CPU, version 2 (0x%08x)",
		  get_reg(dev, R_FRR));
	tap_check(get_reg(dev, R_BRR1) == 0x00400200,
		  "BRR1 of MPIC 2.0 (0x%08x)", get_reg(dev, R_BRR1));
	tap_check(get_reg(dev, R_SVR) == 0xffff && get_reg(dev, R_GCR) == 0 &&
		  get_reg(dev, R_VIR) == 0,
		  "reset values: SVR 0xffff, GCR 0, VIR 0");
	tap_check(get_reg(dev, R_IVPR(7)) == IVPR_MSK &&
		  get_reg(dev, R_IDR(7)) == 1 &&
		  get_reg(dev, R_PCPU(0, R_CTPR)) == 15 &&
		  get_reg(dev, R_IPIVPR(2)) == IVPR_MSK,
		  "reset: sources and IPIs masked, IDR CPU 0, CTPR 15");
	tap_check(set_reg(dev, R_IVPR(7), 0xffffffff) == 0 &&
		  get_reg(dev, R_IVPR(7)) == 0x80cfffff,
		  "IVPR keeps MSK, P, S, PRIORITY and VECTOR only (0x%08x)",
		  get_reg(dev, R_IVPR(7)));

	tap_errno(reg_attr(dev, 0, KVM_DEV_MPIC_GRP_REGISTER, 0x1004, &v),
		  ENXIO, "REGISTER attribute on a hole");
	tap_errno(reg_attr(dev, 0, KVM_DEV_MPIC_GRP_REGISTER, 0x1002, &v),
		  EINVAL, "REGISTER attribute not word aligned");
	tap_errno(reg_attr(dev, 0, KVM_DEV_MPIC_GRP_REGISTER, MPIC_SIZE, &v),
		  ENXIO, "REGISTER attribute past the 256 KiB");
	tap_errno(reg_attr(dev, 0, KVM_DEV_MPIC_GRP_REGISTER, R_IACK, &v),
		  ENXIO, "REGISTER attribute on a current-CPU alias (no CPU)");
	a.attr = R_FRR;
	tap_check(ioctl(dev, KVM_HAS_DEVICE_ATTR, &a) == 0,
		  "KVM_HAS_DEVICE_ATTR: FRR");
	a.attr = 0x1004;
	tap_errno(ioctl(dev, KVM_HAS_DEVICE_ATTR, &a), ENXIO,
		  "KVM_HAS_DEVICE_ATTR: a hole");
	v = 1;
	tap_errno(reg_attr(dev, 1, KVM_DEV_MPIC_GRP_IRQ_ACTIVE, 256, &v),
		  EINVAL, "IRQ_ACTIVE for source 256");
	v = 2;
	tap_errno(reg_attr(dev, 1, KVM_DEV_MPIC_GRP_IRQ_ACTIVE, 3, &v),
		  EINVAL, "IRQ_ACTIVE value 2");

	tap_errno(connect_cpu(g.vcpu, g.vm, 0), EPERM,
		  "KVM_CAP_IRQ_MPIC with a VM fd for the device");
	tap_errno(connect_cpu(g.vcpu, dev, 8), EINVAL,
		  "KVM_CAP_IRQ_MPIC with CPU 8");
	tap_check(connect_cpu(g.vcpu, dev, 0) == 0, "KVM_CAP_IRQ_MPIC: CPU 0");
	tap_errno(connect_cpu(g.vcpu, dev, 1), EEXIST,
		  "KVM_CAP_IRQ_MPIC again for a wired vCPU");
	{
		struct kvm_irq_level l = { .irq = 300, .level = 1 };

		tap_errno(ioctl(g.vm, KVM_IRQ_LINE, &l), EINVAL,
			  "KVM_IRQ_LINE for a GSI without a route");
	}
	close(dev);
	guest_destroy(&g);
}

/*
 * Random attribute calls (fixed seed) on a device wired to a vCPU: each
 * must succeed or fail with ENXIO, EINVAL or EFAULT; a NULL or unmapped
 * value pointer is EFAULT whenever the call gets that far; afterwards
 * the device still works (FRR, a register round trip).
 */
static void attr_fuzz(void)
{
	static const __u64 attrs[] = {
		0, 4, 0x80, 0x1000, 0x1002, 0x10e0, 0x10020, 0x20080, 0x3fffc,
		0x40000, 0xffffffff, 0x100000000ull, ~0ull, 255, 256,
	};
	void *unmapped = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			      -1, 0);
	unsigned int i, bad = 0, calls = 0;
	struct guest g;
	__u64 buf[2];
	int dev;

	if (!tap_check(guest_create(&g) == 0, "fuzz: create guest"))
		return;
	dev = create_mpic(g.vm, KVM_DEV_TYPE_FSL_MPIC_42);
	connect_cpu(g.vcpu, dev, 0);
	srand(42);
	for (i = 0; i < 4000; i++) {
		struct kvm_device_attr a = {
			.flags = rand() % 8 ? 0 : rand(),
			.group = rand() % 5,
			.attr = rand() % 2 ? attrs[rand() % ARRAY_LEN(attrs)] :
					     (__u64)rand() << (rand() % 40),
		};
		int which = rand() % 8, r, e;
		unsigned int req[] = {
			KVM_SET_DEVICE_ATTR, KVM_GET_DEVICE_ATTR,
			KVM_HAS_DEVICE_ATTR,
		};

		buf[0] = (__u64)rand() << 32 | rand();
		buf[1] = 0;
		if (a.group == KVM_DEV_MPIC_GRP_MISC && rand() % 4)
			buf[0] &= 0xffffc0000ull;	/* often a valid base */
		a.addr = which == 0 ? 0 : which == 1 ? (uintptr_t)unmapped :
			 (uintptr_t)buf;
		r = ioctl(dev, req[rand() % 3], &a);
		e = errno;
		calls++;
		if (r && e != ENXIO && e != EINVAL && e != EFAULT) {
			if (bad++ < 5)
				tap_diag("group %u attr 0x%llx: errno %d",
					 a.group, (unsigned long long)a.attr, e);
		}
	}
	tap_check(!bad, "%u random attribute calls: each done or ENXIO/EINVAL/EFAULT (%u others)",
		  calls, bad);
	tap_check((get_reg(dev, R_FRR) & 0xffff) == 0x0003 &&
		  set_reg(dev, R_SVR, 0x4321) == 0 && get_reg(dev, R_SVR) == 0x4321,
		  "the device still answers afterwards");
	munmap(unmapped, 4096);
	close(dev);
	guest_destroy(&g);
}

/* IACK-driven delivery, priorities, nesting, CTPR, masking, EOI */
static void arbitration(void)
{
	struct vm v;
	struct cpu *c = &v.c[0];
	u32 val;

	if (!tap_check(vm_create(&v, 1, KVM_DEV_TYPE_FSL_MPIC_20) == 0 &&
		       proxy_start(&v, H_IACK) == 0, "iack: VM with an MPIC"))
		return;
	tap_check(rd(c, R_WHOAMI) == 0 && rd(c, R_CTPR) == 15,
		  "guest reads WHOAMI 0 and CTPR 15 through the alias");
	wr(c, R_CTPR, 0);
	tap_check(rd(c, R_PCPU(0, R_CTPR)) == 0,
		  "CTPR written by the alias reads 0 in CPU 0's block");
	wr(c, R_IVPR(1), IVPR_S | PRIO(5) | 0x51);
	wr(c, R_IVPR(2), PRIO(9) | 0x52);
	wr(c, R_IVPR(3), IVPR_S | PRIO(3) | 0x53);
	wr(c, R_IVPR(4), IVPR_MSK | PRIO(7) | 0x54);
	took(c);

	irq_line(&v, 1, 1);
	tap_check((val = rd(c, R_IVPR(1))) == (IVPR_A | IVPR_S | PRIO(5) | 0x51),
		  "level source 1 raised: taken, IVPR[A] set (0x%08x)", val);
	tap_check((val = took(c)) == 0x51,
		  "the handler's IACK returned vector 0x51 (0x%x)", val);
	pulse(&v, 2);
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x52,
		  "edge source 2 (priority 9) nests above priority 5 (0x%x)", val);
	irq_line(&v, 3, 1);
	tap_check(rd(c, R_IACK) == 0xffff && took(c) == 0,
		  "source 3 (priority 3) waits below the in-service 9: IACK is spurious");
	wr(c, R_EOI, 0);
	rd(c, R_WHOAMI);
	tap_check(took(c) == 0,
		  "after one EOI priority 5 is still in service: 3 waits");
	irq_line(&v, 1, 0);
	wr(c, R_EOI, 0);
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x53,
		  "the second EOI lets source 3 in (0x%x)", val);
	wr(c, R_EOI, 0);
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x53,
		  "a level source still asserted at EOI comes back (0x%x)", val);
	irq_line(&v, 3, 0);
	wr(c, R_EOI, 0);
	rd(c, R_WHOAMI);
	tap_check(took(c) == 0 && !(rd(c, R_IVPR(3)) & IVPR_A),
		  "lowered and EOIed: nothing more, IVPR[A] clear");

	wr(c, R_CTPR, 9);
	pulse(&v, 2);
	tap_check((rd(c, R_IVPR(2)) & IVPR_A) && took(c) == 0,
		  "CTPR 9 holds back priority 9, which stays pending");
	wr(c, R_CTPR, 8);
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x52, "CTPR 8 lets it in (0x%x)", val);
	wr(c, R_EOI, 0);

	pulse(&v, 4);
	wr(c, R_CTPR, 0);
	tap_check(took(c) == 0, "a masked source is not delivered");
	wr(c, R_IVPR(4), PRIO(7) | 0x54);
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x54,
		  "unmasked, its latched edge is delivered (0x%x)", val);
	wr(c, R_EOI, 0);

	wr(c, R_CTPR, 15);
	pulse(&v, 4);
	pulse(&v, 2);
	wr(c, R_CTPR, 0);
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x52,
		  "two pending: priority 9 first, 7 held by it (0x%x)", val);
	wr(c, R_EOI, 0);
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x54, "then priority 7 (0x%x)", val);
	wr(c, R_EOI, 0);

	wr(c, R_IVPR(5), PRIO(4) | 0x55);
	wr(c, R_IVPR(6), PRIO(4) | 0x56);
	wr(c, R_CTPR, 15);
	pulse(&v, 6);
	pulse(&v, 5);
	wr(c, R_CTPR, 0);
	wr(c, R_EOI, 0);
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x5556,
		  "equal priorities: the lower source number first (0x%x)", val);
	wr(c, R_EOI, 0);

	wr(c, R_IDR(2), 2);
	pulse(&v, 2);
	tap_check(took(c) == 0 && (rd(c, R_IVPR(2)) & IVPR_A),
		  "routed to CPU 1 only: CPU 0 does not take it");
	wr(c, R_IDR(2), 1);
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x52, "routed back, it arrives (0x%x)",
		  val);
	wr(c, R_EOI, 0);

	wr(c, R_SVR, 0x1234);
	tap_check((val = rd(c, R_IACK)) == 0x1234,
		  "IACK with nothing pending returns the spurious vector (0x%x)",
		  val);
	tap_check(rd(c, 0x1004) == 0 && wr(c, 0x1004, 1) == 0 &&
		  rd(c, 0x3ff00) == 0 && rd(c, R_PCPU(3, 0)) == 0,
		  "guest loads from holes read 0, stores are dropped, no exit");

	wr(c, R_GCR, 0x80000000);
	tap_check(rd(c, R_IVPR(1)) == IVPR_MSK && rd(c, R_CTPR) == 15 &&
		  rd(c, R_SVR) == 0xffff && rd(c, R_GCR) == 0,
		  "GCR[RST] resets the sources, CTPR and SVR");
	vm_destroy(&v);
}

static void msi_and_epr(void)
{
	struct kvm_enable_cap epr = { .cap = KVM_CAP_PPC_EPR, .args = { 1 } };
	struct kvm_msi msi = { .data = (2u << 29) | (3u << 24) };
	struct vm v;
	struct cpu *c = &v.c[0];
	u32 val;

	if (!tap_check(vm_create(&v, 1, KVM_DEV_TYPE_FSL_MPIC_42) == 0 &&
		       proxy_start(&v, H_EPR) == 0, "epr: VM with an MPIC 4.2"))
		return;
	tap_check(ioctl(c->fd, KVM_ENABLE_CAP, &epr) == 0,
		  "KVM_ENABLE_CAP(KVM_CAP_PPC_EPR)");
	tap_check(rd(c, R_BRR1) == 0x00400402 && (rd(c, R_FRR) & 0xff) == 3,
		  "MPIC 4.2: BRR1 0x00400402, FRR version 3");
	wr(c, R_CTPR, 0);
	wr(c, R_IVPR(1), IVPR_S | PRIO(5) | 0x71);
	took(c);
	irq_line(&v, 1, 1);
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x71,
		  "EPR holds the vector when the handler runs (0x%x)", val);
	tap_check(rd(c, R_IACK) == 0xffff,
		  "it was acknowledged: IACK now returns the spurious vector");
	irq_line(&v, 1, 0);
	wr(c, R_EOI, 0);

	wr(c, R_IVPR(225), IVPR_S | PRIO(6) | 0x61);
	wr(c, R_MSIIR, (1u << 29) | (5u << 24));
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x61,
		  "a guest MSIIR write raises MSI source 225 (0x%x)", val);
	tap_check(rd(c, R_MSISR) == 2 && (val = rd(c, R_MSIR(1))) == 0x20 &&
		  rd(c, R_MSISR) == 0 && rd(c, R_MSIR(1)) == 0,
		  "MSISR bit 1, MSIR1 bit 5 (0x%x), cleared by reading", val);
	wr(c, R_EOI, 0);
	rd(c, R_WHOAMI);
	tap_check(took(c) == 0, "with MSIR1 read, its source is quiet");

	wr(c, R_IVPR(226), IVPR_S | PRIO(6) | 0x62);
	tap_check(ioctl(v.g.vm, KVM_SIGNAL_MSI, &msi) == 1,
		  "KVM_SIGNAL_MSI returns 1 (delivered)");
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x62 && rd(c, R_MSIR(2)) == 8,
		  "KVM_SIGNAL_MSI: MSIR2 bit 3, vector 0x%x", val);
	wr(c, R_EOI, 0);
	msi.flags = 0x80;
	tap_errno(ioctl(v.g.vm, KVM_SIGNAL_MSI, &msi), EINVAL,
		  "KVM_SIGNAL_MSI with an unknown flag");

	/* critical routing: CI0, edge; 2.0 and 4.2 differ only in masking */
	wr(c, R_IVPR(8), PRIO(1) | 0x88);
	wr(c, R_IDR(8), IDR_CI0);
	pulse(&v, 8);
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == CRIT_MARK && rd(c, R_IACK) == 0xffff,
		  "a CI0 source takes the critical interrupt, not IACK (0x%x)",
		  val);
	rd(c, R_WHOAMI);
	tap_check(took(c) == 0, "an edge critical source is taken once");
	wr(c, R_IVPR(8), IVPR_MSK | PRIO(1) | 0x88);
	pulse(&v, 8);
	rd(c, R_WHOAMI);
	tap_check(took(c) == 0, "MPIC 4.2 masks critical sources");
	vm_destroy(&v);
}

/* EPR without the in-kernel MPIC: userspace answers KVM_EXIT_EPR */
static void epr_user(void)
{
	struct kvm_enable_cap epr = { .cap = KVM_CAP_PPC_EPR, .args = { 1 } };
	struct kvm_interrupt irq = { .irq = KVM_INTERRUPT_SET };
	const u32 gpr[] = { 13, MSR_WE, 11, MSR_WE | MSR_EE };
	struct kvm_regs regs;
	struct guest g;
	u32 val;

	if (!tap_check(guest_create(&g) == 0, "epr exit: guest without MPIC"))
		return;
	proxy_code(&g, H_EPR);
	set_gprs(g.vcpu, GUEST_CODE, 0, gpr, ARRAY_LEN(gpr));
	tap_check(ioctl(g.vcpu, KVM_ENABLE_CAP, &epr) == 0 &&
		  ioctl(g.vcpu, KVM_INTERRUPT, &irq) == 0,
		  "EPR on, external input raised with KVM_INTERRUPT");
	tap_check(ioctl(g.vcpu, KVM_RUN, 0) == 0 &&
		  g.run->exit_reason == KVM_EXIT_EPR &&
		  ioctl(g.vcpu, KVM_GET_REGS, &regs) == 0 && regs.pc == H_EPR,
		  "KVM_EXIT_EPR once the interrupt is delivered, PC at the handler (exit %u, 0x%llx)",
		  g.run->exit_reason, (unsigned long long)regs.pc);
	g.run->epr.epr = 0x77;
	irq.irq = KVM_INTERRUPT_UNSET;
	ioctl(g.vcpu, KVM_INTERRUPT, &irq);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 16, &val) && val == 0x77,
		  "the handler's mfspr EPR reads the vector userspace gave (0x%x)",
		  val);
	epr.args[0] = 0;
	tap_check(ioctl(g.vcpu, KVM_ENABLE_CAP, &epr) == 0,
		  "EPR off again");
	guest_destroy(&g);
}

static void global_timer(void)
{
	struct vm v;
	struct cpu *c = &v.c[0];
	u32 a, b, val;

	if (!tap_check(vm_create(&v, 1, KVM_DEV_TYPE_FSL_MPIC_20) == 0 &&
		       proxy_start(&v, H_IACK) == 0, "timer: VM with an MPIC"))
		return;
	tap_check(rd(c, R_TFRR) == 25000000, "TFRR reads 25 MHz");
	wr(c, R_CTPR, 0);
	wr(c, R_GTVPR(1), PRIO(4) | 0x81);
	wr(c, R_GTDR(1), 1);
	/* 200 ms: TOG must not flip twice before we look, even on a busy host */
	wr(c, R_GTBCR(1), 5000000);
	a = rd(c, R_GTCCR(1));
	b = rd(c, R_GTCCR(1));
	tap_check(a <= 5000000 && b < a, "GTCCR counts down (%u, %u)", a, b);
	took(c);
	cmd(c, OP_WAIT, 0, 0, NULL);
	tap_check((val = took(c)) == 0x81,
		  "a waiting guest is woken by timer 1's interrupt (0x%x)", val);
	tap_check(rd(c, R_GTCCR(1)) & 0x80000000,
		  "the first expiry toggled GTCCR[TOG]");
	wr(c, R_EOI, 0);
	wr(c, R_GTBCR(1), 0x80000000 | 5000000);
	a = rd(c, R_GTCCR(1)) & 0x7fffffff;
	usleep(60000);
	b = rd(c, R_GTCCR(1)) & 0x7fffffff;
	tap_check(a == b, "GTBCR[CI] stops the count (%u, %u)", a, b);
	wr(c, R_EOI, 0);
	wr(c, R_EOI, 0);
	vm_destroy(&v);
}

struct poke {
	int fd;
	unsigned int usec;
};

static void *poker(void *arg)
{
	struct poke *p = arg;
	__u64 one = 1;

	usleep(p->usec);
	if (write(p->fd, &one, sizeof(one)) != sizeof(one))
		return (void *)1;
	return NULL;
}

static void irqfd_and_routing(void)
{
	struct {
		struct kvm_irq_routing r;
		struct kvm_irq_routing_entry e[3];
	} rt = { 0 };
	struct vm v;
	struct cpu *c = &v.c[0];
	struct kvm_irqfd f = { 0 };
	struct poke p;
	pthread_t th;
	__u64 cnt;
	u32 val;
	int efd, rfd;

	if (!tap_check(vm_create(&v, 1, KVM_DEV_TYPE_FSL_MPIC_20) == 0 &&
		       proxy_start(&v, H_IACK) == 0, "irqfd: VM with an MPIC"))
		return;
	wr(c, R_CTPR, 0);
	wr(c, R_IVPR(1), IVPR_S | PRIO(5) | 0x51);
	wr(c, R_IVPR(2), PRIO(9) | 0x52);
	wr(c, R_IVPR(3), PRIO(6) | 0x53);
	wr(c, R_IVPR(227), IVPR_S | PRIO(6) | 0x63);
	took(c);

	efd = eventfd(0, 0);
	f.fd = efd;
	f.gsi = 2;
	tap_check(ioctl(v.g.vm, KVM_IRQFD, &f) == 0, "KVM_IRQFD on GSI 2");
	p.fd = efd;
	p.usec = 50000;
	pthread_create(&th, NULL, poker, &p);
	cmd(c, OP_WAIT, 0, 0, NULL);
	pthread_join(th, NULL);
	tap_check((val = took(c)) == 0x52,
		  "an eventfd written by another thread wakes the waiting guest with source 2 (0x%x)",
		  val);
	wr(c, R_EOI, 0);
	f.flags = KVM_IRQFD_FLAG_DEASSIGN;
	tap_check(ioctl(v.g.vm, KVM_IRQFD, &f) == 0, "irqfd deassigned");
	close(efd);

	efd = eventfd(0, 0);
	rfd = eventfd(0, EFD_NONBLOCK);
	memset(&f, 0, sizeof(f));
	f.fd = efd;
	f.resamplefd = rfd;
	f.gsi = 1;
	f.flags = KVM_IRQFD_FLAG_RESAMPLE;
	tap_check(ioctl(v.g.vm, KVM_IRQFD, &f) == 0,
		  "KVM_IRQFD with a resamplefd on level GSI 1");
	p.fd = efd;
	p.usec = 20000;
	pthread_create(&th, NULL, poker, &p);
	cmd(c, OP_WAIT, 0, 0, NULL);
	pthread_join(th, NULL);
	tap_check((val = took(c)) == 0x51, "level source 1 delivered (0x%x)",
		  val);
	val = 9;
	reg_attr(v.dev, 0, KVM_DEV_MPIC_GRP_IRQ_ACTIVE, 1, &val);
	tap_check(val == 1 && read(rfd, &cnt, sizeof(cnt)) < 0,
		  "the line stays asserted until EOI, resamplefd quiet");
	wr(c, R_EOI, 0);
	val = 9;
	reg_attr(v.dev, 0, KVM_DEV_MPIC_GRP_IRQ_ACTIVE, 1, &val);
	tap_check(read(rfd, &cnt, sizeof(cnt)) == sizeof(cnt) && cnt == 1 &&
		  val == 0 && took(c) == 0,
		  "EOI lowers the line and signals the resamplefd");
	f.flags = KVM_IRQFD_FLAG_DEASSIGN | KVM_IRQFD_FLAG_RESAMPLE;
	ioctl(v.g.vm, KVM_IRQFD, &f);
	close(efd);
	close(rfd);

	rt.r.nr = 2;
	rt.e[0].gsi = 40;
	rt.e[0].type = KVM_IRQ_ROUTING_IRQCHIP;
	rt.e[0].u.irqchip.pin = 3;
	rt.e[1].gsi = 41;
	rt.e[1].type = KVM_IRQ_ROUTING_MSI;
	rt.e[1].u.msi.data = (3u << 29) | (7u << 24);
	tap_check(ioctl(v.g.vm, KVM_SET_GSI_ROUTING, &rt) == 0,
		  "KVM_SET_GSI_ROUTING: GSI 40 to pin 3, GSI 41 an MSI");
	pulse(&v, 40);
	rd(c, R_WHOAMI);
	tap_check((val = took(c)) == 0x53, "KVM_IRQ_LINE 40 reaches pin 3 (0x%x)",
		  val);
	wr(c, R_EOI, 0);
	tap_errno(irq_line(&v, 2, 1), EINVAL,
		  "GSI 2, no longer routed, is refused");
	efd = eventfd(0, 0);
	memset(&f, 0, sizeof(f));
	f.fd = efd;
	f.gsi = 41;
	ioctl(v.g.vm, KVM_IRQFD, &f);
	p.fd = efd;
	p.usec = 20000;
	pthread_create(&th, NULL, poker, &p);
	cmd(c, OP_WAIT, 0, 0, NULL);
	pthread_join(th, NULL);
	tap_check((val = took(c)) == 0x63 && rd(c, R_MSIR(3)) == 0x80,
		  "an irqfd on an MSI route raises MSIR3 bit 7 (0x%x)", val);
	wr(c, R_EOI, 0);
	f.flags = KVM_IRQFD_FLAG_DEASSIGN;
	ioctl(v.g.vm, KVM_IRQFD, &f);
	close(efd);

	rt.r.nr = 1;
	rt.e[0].u.irqchip.irqchip = 1;
	tap_errno(ioctl(v.g.vm, KVM_SET_GSI_ROUTING, &rt), EINVAL,
		  "a route to irqchip 1");
	rt.e[0].u.irqchip.irqchip = 0;
	rt.e[0].u.irqchip.pin = 256;
	tap_errno(ioctl(v.g.vm, KVM_SET_GSI_ROUTING, &rt), EINVAL,
		  "a route to pin 256");
	vm_destroy(&v);
}

/* ---- routes changed while an irqfd fires */

struct storm {
	struct vm *v;
	int efd;
	int stop;		/* __atomic */
};

static void *storm_irqfd(void *arg)
{
	struct storm *s = arg;
	struct kvm_msi end = { .data = (5u << 29) | (1u << 24) };
	__u64 one = 1;
	unsigned int i;

	for (i = 0; i < 1500; i++) {
		if (write(s->efd, &one, sizeof(one)) != sizeof(one))
			break;
		usleep(300);
	}
	__atomic_store_n(&s->stop, 1, __ATOMIC_SEQ_CST);
	ioctl(s->v->g.vm, KVM_SIGNAL_MSI, &end);	/* ends the run */
	return NULL;
}

static void *storm_routes(void *arg)
{
	struct storm *s = arg;
	struct {
		struct kvm_irq_routing r;
		struct kvm_irq_routing_entry e[1];
	} rt = { .r.nr = 1 };
	unsigned int i = 0;

	rt.e[0].gsi = 5;
	rt.e[0].type = KVM_IRQ_ROUTING_IRQCHIP;
	while (!__atomic_load_n(&s->stop, __ATOMIC_SEQ_CST)) {
		rt.e[0].u.irqchip.pin = 2 + (i++ & 1);
		if (ioctl(s->v->g.vm, KVM_SET_GSI_ROUTING, &rt))
			return (void *)1;
		usleep(700);
	}
	return NULL;
}

/*
 * vCPU 0 of @v waits in MSR[WE] with MSR[EE] set; its handler takes
 * each external interrupt by IACK, ends it by EOI, stores the vector
 * to GUEST_MMIO + 16 and returns to the wait
 */
static void load_waiter(struct vm *v)
{
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16), I_LIS(10, MPIC_GPA >> 16),
		I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, H_IACK), I_MTSPR(spr_ivor(4), 3),
		I_MTMSR(11), I_B(-4),
	};
	const u32 handler[] = {
		I_LWZ(9, R_IACK, 10), I_STW(9, R_EOI, 10), I_STW(9, 16, 4),
		I_MFSPR(12, SPR_SRR1), I_ANDC(12, 12, 13),
		I_MTSPR(SPR_SRR1, 12), I_RFI,
	};
	const u32 gpr[] = { 13, MSR_WE, 11, MSR_WE | MSR_EE };

	guest_code(&v->g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_code(&v->g, H_IACK, handler, ARRAY_LEN(handler));
	set_gprs(v->c[0].fd, GUEST_CODE, 0, gpr, ARRAY_LEN(gpr));
}

static void route_storm(void)
{
	struct kvm_irqfd f = { .gsi = 5 };
	unsigned int n2 = 0, n3 = 0, other = 0;
	struct storm s = { 0 };
	struct cpu *c;
	pthread_t a, b;
	void *rb = NULL;
	struct vm v;
	int done = 0;

	if (!tap_check(vm_create(&v, 1, KVM_DEV_TYPE_FSL_MPIC_20) == 0,
		       "storm: VM with an MPIC"))
		return;
	c = &v.c[0];
	load_waiter(&v);
	set_reg(v.dev, R_IVPR(2), PRIO(5) | 0x52);
	set_reg(v.dev, R_IVPR(3), PRIO(5) | 0x53);
	set_reg(v.dev, R_IVPR(229), IVPR_S | PRIO(5) | 0x65);
	set_reg(v.dev, R_PCPU(0, R_CTPR), 0);
	s.v = &v;
	s.efd = eventfd(0, 0);
	f.fd = s.efd;
	tap_check(ioctl(v.g.vm, KVM_IRQFD, &f) == 0, "storm: irqfd on GSI 5");
	pthread_create(&a, NULL, storm_irqfd, &s);
	pthread_create(&b, NULL, storm_routes, &s);
	alarm(100);
	while (!done) {
		if (ioctl(c->fd, KVM_RUN, 0) ||
		    c->run->exit_reason != KVM_EXIT_MMIO ||
		    c->run->mmio.phys_addr != GUEST_MMIO + 16)
			break;
		switch (mmio_value(c->run)) {
		case 0x52:
			n2++;
			break;
		case 0x53:
			n3++;
			break;
		case 0x65:
			done = 1;
			break;
		default:
			other++;
		}
	}
	alarm(0);
	__atomic_store_n(&s.stop, 1, __ATOMIC_SEQ_CST);
	pthread_join(a, NULL);
	pthread_join(b, &rb);
	tap_check(done && !rb && n2 && n3 && !other,
		  "GSI 5 moved between pins 2 and 3 while its irqfd fired: %u + %u interrupts, %u strays",
		  n2, n3, other);
	close(s.efd);
	vm_destroy(&v);
}

/* the configuration a VMM saves: every register without side effects */
static unsigned int state_regs(u32 *offs)
{
	unsigned int n = 0, i;

	for (i = 0; i < 256; i++) {
		offs[n++] = R_IVPR(i);
		offs[n++] = R_IDR(i);
	}
	for (i = 0; i < 4; i++) {
		offs[n++] = R_IPIVPR(i);
		offs[n++] = R_GTBCR(i);
		offs[n++] = R_GTVPR(i);
		offs[n++] = R_GTDR(i);
		offs[n++] = R_PCPU(i, R_CTPR);
	}
	offs[n++] = R_SVR;
	offs[n++] = R_GCR;
	offs[n++] = R_PIR;
	offs[n++] = R_TFRR;
	return n;
}

static void save_restore(void)
{
	static u32 offs[600], a[600], b[600];
	unsigned int n = state_regs(offs), i, same = 0, changed = 0;
	struct guest g1, g2;
	int d1, d2;
	u32 one = 1, line = 0;

	if (!tap_check(guest_create(&g1) == 0 && guest_create(&g2) == 0,
		       "save/restore: two VMs"))
		return;
	d1 = create_mpic(g1.vm, KVM_DEV_TYPE_FSL_MPIC_20);
	d2 = create_mpic(g2.vm, KVM_DEV_TYPE_FSL_MPIC_20);
	srand(7);
	for (i = 0; i < 256; i++) {
		set_reg(d1, R_IVPR(i), (u32)rand() | IVPR_MSK);
		set_reg(d1, R_IDR(i), rand() & 0x3);
	}
	set_reg(d1, R_IPIVPR(1), 0x000a0100);
	set_reg(d1, R_GTVPR(2), 0x00030099);
	set_reg(d1, R_GTBCR(2), 0x80001234);
	set_reg(d1, R_PCPU(2, R_CTPR), 6);
	set_reg(d1, R_SVR, 0xbeef);
	set_reg(d1, R_PIR, 2);
	set_reg(d1, R_TFRR, 1000000);
	set_reg(d1, R_IVPR(9), IVPR_S | PRIO(3));
	reg_attr(d1, 1, KVM_DEV_MPIC_GRP_IRQ_ACTIVE, 9, &one);
	for (i = 0; i < n; i++) {
		a[i] = get_reg(d1, offs[i]);
		changed += a[i] != get_reg(d2, offs[i]);
		set_reg(d2, offs[i], a[i] & ~IVPR_A);
	}
	reg_attr(d2, 1, KVM_DEV_MPIC_GRP_IRQ_ACTIVE, 9, &one);
	for (i = 0; i < n; i++) {
		b[i] = get_reg(d2, offs[i]);
		if (a[i] == b[i])
			same++;
		else
			tap_diag("0x%x: 0x%08x restored as 0x%08x", offs[i],
				 a[i], b[i]);
	}
	reg_attr(d2, 0, KVM_DEV_MPIC_GRP_IRQ_ACTIVE, 9, &line);
	tap_check(changed > 256 && same == n && line == 1,
		  "%u registers and an input line copied through the attributes (%u differed from reset)",
		  same, changed);
	close(d1);
	close(d2);
	guest_destroy(&g1);
	guest_destroy(&g2);
}

/* ---- guest SMP: an IPI ring */

#define RING_VEC	0x100

struct ring_cpu {
	struct vm *v;
	unsigned int i, n, mode;
	u32 count;
	int ok;
};

static void *ring_thread(void *arg)
{
	struct ring_cpu *r = arg;
	struct cpu *c = &r->v->c[r->i];

	r->ok = 0;
	for (;;) {
		if (ioctl(c->fd, KVM_RUN, 0))
			return NULL;
		if (c->run->exit_reason != KVM_EXIT_MMIO || !c->run->mmio.is_write)
			return NULL;
		if (c->run->mmio.phys_addr == GUEST_MMIO + 0x20 + 4 * r->i)
			break;
	}
	r->count = mmio_value(c->run);
	r->ok = 1;
	return NULL;
}

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* returns the ns the ring took (0 on failure) */
static __u64 ipi_ring(unsigned int ncpu, unsigned int n, unsigned int mode)
{
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16), I_LIS(10, MPIC_GPA >> 16),
		I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, H_IACK), I_MTSPR(spr_ivor(4), 3),
		I_LI(20, 0), I_LI(3, 0), I_STW(3, R_CTPR, 10),
		I_CMPWI(24, 0), I_BNE(8), I_STW(21, R_IPIDR(0), 10),
		/* 12: loop */
		I_WRTEEI(0), I_CMPW(20, 23), I_BEQ(7 * 4),
		I_CMPWI(25, 0), I_BEQ(3 * 4),
		I_WRTEEI(1), I_B(-6 * 4),
		/* 19: wait */
		I_MTMSR(11), I_B(-8 * 4),
		/* 21: done */
		I_STWX(20, 4, 26), I_SELF_LOOP,
	};
	const u32 handler[] = {
		I_LWZ(9, R_IACK, 10), I_CMPWI(9, RING_VEC), I_BNE(6 * 4),
		I_ADDI(20, 20, 1), I_STW(9, R_EOI, 10),
		I_CMPW(20, 22), I_BEQ(8), I_STW(21, R_IPIDR(0), 10),
		/* 8 */
		I_MFSPR(12, SPR_SRR1), I_ANDC(12, 12, 13),
		I_MTSPR(SPR_SRR1, 12), I_RFI,
	};
	struct ring_cpu rc[4];
	pthread_t th[4];
	struct vm v;
	unsigned int i, good = 0;
	struct timespec ts;
	const char *how = mode ? "spinning" : "waiting in MSR[WE]";
	__u64 t0;

	if (!tap_check(vm_create(&v, ncpu, KVM_DEV_TYPE_FSL_MPIC_20) == 0,
		       "ring: VM with %u vCPUs and an MPIC", ncpu))
		return 0;
	guest_code(&v.g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_code(&v.g, H_IACK, handler, ARRAY_LEN(handler));
	set_reg(v.dev, R_IPIVPR(0), PRIO(10) | RING_VEC);
	tap_check((get_reg(v.dev, R_FRR) >> 8 & 0x1f) == ncpu - 1,
		  "FRR reports %u CPUs", ncpu);
	for (i = 0; i < ncpu; i++) {
		const u32 gpr[] = {
			13, MSR_WE, 11, MSR_WE | MSR_EE,
			21, 1u << ((i + 1) % ncpu),
			22, i ? 0xffffffff : n, 23, n, 24, i, 25, mode,
			26, 0x20 + 4 * i,
		};

		set_gprs(v.c[i].fd, GUEST_CODE, 0, gpr, ARRAY_LEN(gpr));
	}
	t0 = now_ns();
	for (i = 0; i < ncpu; i++) {
		rc[i].v = &v;
		rc[i].i = i;
		rc[i].n = n;
		rc[i].mode = mode;
		rc[i].ok = 0;
		pthread_create(&th[i], NULL, ring_thread, &rc[i]);
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 60;
	for (i = 0; i < ncpu; i++) {
		if (pthread_timedjoin_np(th[i], NULL, &ts)) {
			tap_diag("vCPU %u did not finish in 60 s", i);
			pthread_kill(th[i], SIGUSR1);
			pthread_join(th[i], NULL);
		}
		if (rc[i].ok && rc[i].count == n)
			good++;
		else
			tap_diag("vCPU %u: ok %d, count %u", i, rc[i].ok,
				 rc[i].count);
	}
	t0 = now_ns() - t0;
	tap_check(good == ncpu,
		  "%u vCPUs %s pass %u IPIs each round the ring", ncpu, how, n);
	vm_destroy(&v);
	return good == ncpu ? t0 : 0;
}

/* ---- benchmark (--bench N): irqfd to guest handler, IPI round trip */

/* run @th on host CPU @cpu only; -1: on any */
static void pin_to(pthread_t th, int cpu)
{
	cpu_set_t set;
	int i;

	CPU_ZERO(&set);
	for (i = 0; i < CPU_SETSIZE; i++)
		if (cpu < 0 ? i < 64 : i == cpu)
			CPU_SET(i, &set);
	pthread_setaffinity_np(th, sizeof(set), &set);
}

struct lat {
	struct vm *v;
	int efd;
	unsigned int n, cpu;
	sem_t ready, done;
	__u64 t0, sum;
	int ok, fail;
};

static void *lat_vcpu(void *arg)
{
	struct lat *l = arg;
	struct cpu *c = &l->v->c[0];
	unsigned int i;

	pin_to(pthread_self(), l->cpu);
	for (i = 0; i < l->n; i++) {
		sem_post(&l->ready);
		if (ioctl(c->fd, KVM_RUN, 0) ||
		    c->run->exit_reason != KVM_EXIT_MMIO ||
		    c->run->mmio.phys_addr != GUEST_MMIO + 16 ||
		    mmio_value(c->run) != 0x52)
			break;
		l->sum += now_ns() - l->t0;
		sem_post(&l->done);
	}
	l->ok = i == l->n;
	l->fail = !l->ok;
	sem_post(&l->ready);
	sem_post(&l->done);
	return NULL;
}

/*
 * eventfd written -> the guest's handler (IACK, EOI) stores to MMIO;
 * the vCPU thread on host CPU @cpu, the writer on CPU 0
 */
static void bench_irqfd(unsigned int n, unsigned int cpu)
{
	struct kvm_irqfd f = { .gsi = 2 };
	struct lat l = { 0 };
	struct vm v;
	pthread_t th;
	unsigned int i;
	__u64 one = 1;

	if (!tap_check(vm_create(&v, 1, KVM_DEV_TYPE_FSL_MPIC_20) == 0,
		       "bench: VM with an MPIC"))
		return;
	load_waiter(&v);
	set_reg(v.dev, R_IVPR(2), PRIO(9) | 0x52);
	set_reg(v.dev, R_PCPU(0, R_CTPR), 0);
	l.v = &v;
	l.n = n;
	l.cpu = cpu;
	pin_to(pthread_self(), 0);
	l.efd = eventfd(0, 0);
	f.fd = l.efd;
	ioctl(v.g.vm, KVM_IRQFD, &f);
	sem_init(&l.ready, 0, 0);
	sem_init(&l.done, 0, 0);
	pthread_create(&th, NULL, lat_vcpu, &l);
	for (i = 0; i < n; i++) {
		sem_wait(&l.ready);
		if (l.fail)
			break;
		usleep(2000);		/* the vCPU is asleep in MSR[WE] */
		l.t0 = now_ns();
		if (write(l.efd, &one, sizeof(one)) != sizeof(one))
			break;
		sem_wait(&l.done);
		if (l.fail)
			break;
	}
	pthread_join(th, NULL);
	if (tap_check(l.ok, "bench: %u irqfd deliveries to a waiting guest, vCPU on host CPU %u",
		      n, cpu))
		tap_diag("bench mpic irqfd-cpu%u %u ns %llu", cpu, n,
			 (unsigned long long)l.sum);
	pin_to(pthread_self(), -1);
	vm_destroy(&v);
}

/*
 * Both vCPUs spinning is not measured: under QEMU 7.2's -icount one
 * spinning host CPU starves the other (testing.md, "Time").
 */
static int run_bench(unsigned int n)
{
	__u64 ns;

	bench_irqfd(n, 0);
	bench_irqfd(n, 1);
	ns = ipi_ring(2, n, 0);
	if (ns)
		tap_diag("bench mpic ipi-wait %u ns %llu", n,
			 (unsigned long long)ns);
	return tap_done();
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	tap_start();
	if (argc == 3 && !strcmp(argv[1], "--bench"))
		return run_bench(atoi(argv[2]));
	device_attrs();
	attr_fuzz();
	arbitration();
	msi_and_epr();
	epr_user();
	global_timer();
	irqfd_and_routing();
	save_restore();
	route_storm();
	ipi_ring(2, 200, 0);
	ipi_ring(2, 200, 1);
	ipi_ring(4, 100, 0);
	ipi_ring(4, 100, 1);
	return tap_done();
}

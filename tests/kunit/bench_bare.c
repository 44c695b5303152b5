// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm-e500-bench.ko: the bare host's side of scripts/bench for the rows
 * that need host kernel mode.  Each file under debugfs kvm_e500_bench/
 * runs its operation N and 2N times (module parameter n) with the
 * clock read around each batch, and reads back as "N DELTA": DELTA is
 * the 2N batch's time minus the N batch's, so fixed costs cancel and
 * DELTA / N is one operation.  Under QEMU -icount shift=0 the clock
 * advances 1 ns per emulated instruction.
 *   mfspr  mfspr of SPRG1 (a privileged SPR)
 *   mtmsr  mtmsr of the current MSR
 *   mmio   a load from a device register (the MPIC's feature register)
 *   irq    a hardware interrupt raised (irq_work: the decrementer set
 *          to fire at once) until its handler has run
 * Not loaded by anything but tests/qemu/bench on the bare host.
 */
#include <linux/debugfs.h>
#include <linux/io.h>
#include <linux/irq_work.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <asm/reg.h>

static unsigned int n = 10000;
module_param(n, uint, 0444);
MODULE_PARM_DESC(n, "operations per batch (the second batch does 2n)");

#define MPIC_FRR	0x1000	/* feature reporting register */

static void __iomem *mpic_regs;
static struct dentry *dir;
static struct irq_work work;
static int fired;

static void op_mfspr(unsigned int count)
{
	unsigned long v;

	while (count--) {
		v = mfspr(SPRN_SPRG1);
		barrier_data(&v);
	}
}

static void op_mtmsr(unsigned int count)
{
	unsigned long msr = mfmsr();

	while (count--)
		mtmsr(msr);
}

static void op_mmio(unsigned int count)
{
	u32 v;

	while (count--) {
		v = in_be32(mpic_regs + MPIC_FRR);
		barrier_data(&v);
	}
}

static void work_fn(struct irq_work *w)
{
	WRITE_ONCE(fired, 1);
}

static void op_irq(unsigned int count)
{
	while (count--) {
		WRITE_ONCE(fired, 0);
		irq_work_queue(&work);
		while (!READ_ONCE(fired))
			cpu_relax();
	}
}

struct bench_op {
	const char *name;
	void (*run)(unsigned int count);
	bool irqs_off;
};

static const struct bench_op ops[] = {
	{ "mfspr", op_mfspr, true },
	{ "mtmsr", op_mtmsr, true },
	{ "mmio", op_mmio, true },
	{ "irq", op_irq, false },
};

static u64 batch(const struct bench_op *op, unsigned int count)
{
	unsigned long flags = 0;
	u64 t0, t1;

	preempt_disable();
	if (op->irqs_off)
		local_irq_save(flags);
	t0 = ktime_get_ns();
	op->run(count);
	t1 = ktime_get_ns();
	if (op->irqs_off)
		local_irq_restore(flags);
	preempt_enable();
	return t1 - t0;
}

static int bench_show(struct seq_file *m, void *unused)
{
	const struct bench_op *op = m->private;
	u64 one, two;

	if (!n || n > 10000000)
		return -EINVAL;
	if (op->run == op_mmio && !mpic_regs)
		return -ENODEV;
	one = batch(op, n);
	two = batch(op, 2 * n);
	seq_printf(m, "%u %lld\n", n, (long long)(two - one));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(bench);

static int __init bench_init(void)
{
	struct device_node *np;
	unsigned int i;

	np = of_find_compatible_node(NULL, NULL, "fsl,mpic");
	if (!np)
		np = of_find_compatible_node(NULL, NULL, "chrp,open-pic");
	if (np) {
		mpic_regs = of_iomap(np, 0);
		pr_info("kvm-e500-bench: mmio row reads %pOF + 0x%x (%s)\n", np,
			MPIC_FRR, mpic_regs ? "mapped" : "not mapped");
		of_node_put(np);
	} else {
		pr_info("kvm-e500-bench: no MPIC node: no mmio row\n");
	}
	init_irq_work(&work, work_fn);
	dir = debugfs_create_dir("kvm_e500_bench", NULL);
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		debugfs_create_file(ops[i].name, 0400, dir, (void *)&ops[i],
				    &bench_fops);
	return 0;
}

static void __exit bench_exit(void)
{
	debugfs_remove(dir);
	irq_work_sync(&work);
	if (mpic_regs)
		iounmap(mpic_regs);
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("kvm-e500 benchmarks: bare host operations in kernel mode");
MODULE_LICENSE("GPL");

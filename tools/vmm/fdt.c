// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's device tree, built at run time with libfdt (from the
 * kernel tree's scripts/dtc/libfdt): what arch/powerpc/platforms/85xx/
 * qemu_e500.c and the drivers it probes need, nothing more.
 */
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "vmm.h"

#define FDT_SIZE	0x10000
#define PH_MPIC		1
#define PH_GPIO		2

static void *fdt;

static void chk(int err, const char *what)
{
	if (err)
		die("device tree: %s: %s", what, fdt_strerror(err));
}

#define BEGIN(n)	chk(fdt_begin_node(fdt, n), "node")
#define END()		chk(fdt_end_node(fdt), "end node")
#define PROP_U32(n, x)	chk(fdt_property_u32(fdt, n, x), "u32 property")
#define PROP_STR(n, s)	chk(fdt_property_string(fdt, n, s), "string property")
#define PROP_EMPTY(n)	chk(fdt_property(fdt, n, NULL, 0), "empty property")

static void prop_cells(const char *name, const u32 *c, int n)
{
	fdt32_t b[8];
	int i;

	for (i = 0; i < n; i++)
		b[i] = cpu_to_fdt32(c[i]);
	chk(fdt_property(fdt, name, b, n * 4), name);
}

/* two-cell address, two-cell size */
static void prop_reg64(u64 addr, u64 size)
{
	u32 c[4] = { addr >> 32, addr, size >> 32, size };

	prop_cells("reg", c, 4);
}

static void prop_compat(const char *a, const char *b)
{
	char buf[96];
	size_t la = strlen(a) + 1, lb = b ? strlen(b) + 1 : 0;

	memcpy(buf, a, la);
	if (b)
		memcpy(buf + la, b, lb);
	chk(fdt_property(fdt, "compatible", buf, la + lb), "compatible");
}

static void cpus(struct vmm *v)
{
	int i;

	BEGIN("cpus");
	PROP_U32("#address-cells", 1);
	PROP_U32("#size-cells", 0);
	for (i = 0; i < v->nr_vcpus; i++) {
		u64 spin = v->spin_base + 32 * i;
		u32 rel[2] = { spin >> 32, spin };
		char name[32];

		snprintf(name, sizeof(name), "PowerPC,e500v2@%d", i);
		BEGIN(name);
		PROP_STR("device_type", "cpu");
		PROP_U32("reg", i);
		PROP_U32("timebase-frequency", v->tb_freq);
		PROP_U32("clock-frequency", v->cpu_freq);
		PROP_U32("bus-frequency", v->cpu_freq);
		PROP_U32("d-cache-line-size", 32);
		PROP_U32("i-cache-line-size", 32);
		PROP_U32("d-cache-size", 0x8000);
		PROP_U32("i-cache-size", 0x8000);
		if (i) {
			PROP_STR("status", "disabled");
			PROP_STR("enable-method", "spin-table");
			prop_cells("cpu-release-addr", rel, 2);
		} else {
			PROP_STR("status", "okay");
		}
		END();
	}
	END();
}

static void hypervisor(struct vmm *v)
{
	u32 insns[4];
	int i;

	for (i = 0; i < 4; i++)
		insns[i] = v->pvinfo.hcall[i];
	BEGIN("hypervisor");
	prop_compat("linux,kvm", "epapr,hypervisor-1");
	prop_cells("hcall-instructions", insns, 4);
	if (v->pvinfo.flags & KVM_PPC_PVINFO_FLAGS_EV_IDLE)
		PROP_EMPTY("has-idle");
	END();
}

/* the board's devices, under a simple-bus at CCSR */
static void soc(void)
{
	u32 ranges[4] = { 0, VMM_CCSR >> 32, (u32)VMM_CCSR,
			       VMM_CCSR_SIZE };
	u32 r[2];
	u32 gpio_irq[2] = { 47, 2 };
	u32 uart_irq[2] = { VMM_UART_IRQ, 2 };	/* level, active high */
	u32 poweroff[3] = { PH_GPIO, 0, 0 };
	char name[48];

	snprintf(name, sizeof(name), "%s@%llx", "soc", VMM_CCSR);
	BEGIN(name);
	PROP_STR("device_type", "soc");
	prop_compat("simple-bus", NULL);
	PROP_U32("#address-cells", 1);
	PROP_U32("#size-cells", 1);
	prop_cells("ranges", ranges, 4);
	PROP_U32("bus-frequency", 0);

	BEGIN("pic@40000");
	prop_compat("fsl,mpic", "chrp,open-pic");
	PROP_STR("device_type", "open-pic");
	r[0] = VMM_MPIC - VMM_CCSR;
	r[1] = VMM_MPIC_SIZE;
	prop_cells("reg", r, 2);
	PROP_EMPTY("interrupt-controller");
	PROP_U32("#interrupt-cells", 2);
	PROP_U32("#address-cells", 0);
	PROP_U32("phandle", PH_MPIC);
	END();

	BEGIN("serial@4500");
	prop_compat("ns16550a", NULL);
	PROP_STR("device_type", "serial");
	r[0] = VMM_UART - VMM_CCSR;
	r[1] = 0x100;
	prop_cells("reg", r, 2);
	PROP_U32("clock-frequency", 1843200);
	prop_cells("interrupts", uart_irq, 2);
	PROP_U32("interrupt-parent", PH_MPIC);
	END();

	BEGIN("global-utilities@e0000");
	prop_compat("fsl,kvm-e500-guts", NULL);
	r[0] = VMM_GUTS - VMM_CCSR;
	r[1] = 0x1000;
	prop_cells("reg", r, 2);
	PROP_EMPTY("fsl,has-rstcr");
	END();

	BEGIN("gpio-controller@ff000");
	prop_compat("fsl,pq3-gpio", NULL);
	r[0] = VMM_GPIO - VMM_CCSR;
	r[1] = 0x1000;
	prop_cells("reg", r, 2);
	prop_cells("interrupts", gpio_irq, 2);
	PROP_U32("interrupt-parent", PH_MPIC);
	PROP_U32("#gpio-cells", 2);
	PROP_EMPTY("gpio-controller");
	PROP_U32("phandle", PH_GPIO);
	END();

	/* under the bus: powerpc populates only the buses' children */
	BEGIN("power-off");
	prop_compat("gpio-poweroff", NULL);
	prop_cells("gpios", poweroff, 3);
	END();
	END();
}

void fdt_build(struct vmm *v)
{
	char name[32];
	u64 *spin;
	int i;

	fdt = gpa(v, v->fdt_addr, FDT_SIZE);
	spin = gpa(v, v->spin_base, 32 * VMM_MAX_VCPUS);
	if (!fdt || !spin || v->spin_base + 0x1000 > VMM_IMA_SIZE)
		die("no room for the device tree after the kernel");
	chk(fdt_create(fdt, FDT_SIZE), "create");
	chk(fdt_add_reservemap_entry(fdt, v->spin_base, 0x1000), "memreserve");
	chk(fdt_finish_reservemap(fdt), "reservemap");
	BEGIN("");
	PROP_U32("#address-cells", 2);
	PROP_U32("#size-cells", 2);
	prop_compat("fsl,qemu-e500", NULL);
	PROP_STR("model", "kvm-e500 VMM");
	PROP_U32("interrupt-parent", PH_MPIC);

	BEGIN("chosen");
	PROP_STR("bootargs", v->cmdline);
	PROP_STR("stdout-path", "/soc@e0000000/serial@4500");
	if (v->initrd) {
		chk(fdt_property_u64(fdt, "linux,initrd-start", v->initrd_start),
		    "initrd-start");
		chk(fdt_property_u64(fdt, "linux,initrd-end", v->initrd_end),
		    "initrd-end");
	}
	END();

	snprintf(name, sizeof(name), "memory@0");
	BEGIN(name);
	PROP_STR("device_type", "memory");
	prop_reg64(0, v->ram_size);
	END();

	cpus(v);
	hypervisor(v);
	soc();
	END();
	chk(fdt_finish(fdt), "finish");

	/* ePAPR spin table entries: addr = 1 (spinning), pir = the CPU */
	for (i = 0; i < VMM_MAX_VCPUS; i++) {
		u8 *e = (u8 *)(spin + 4 * i);

		memset(e, 0, 32);
		e[7] = 1;
		e[23] = i;
	}
}

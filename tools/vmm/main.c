// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm-e500 VMM: boots a Linux kernel (ELF vmlinux or an uncompressed
 * uImage) on /dev/kvm as a "fsl,qemu-e500" board: RAM, an in-kernel
 * MPIC, an ns16550 UART on stdout/stdin, a GPIO power-off line and a
 * reset register.  The exit status says how the guest ended (vmm.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vmm.h"

void die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "vmm: error: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(VMM_ERROR);
}

static void usage(void)
{
	fprintf(stderr,
		"%s: %s -kernel FILE [-initrd FILE] [-append CMDLINE] [-m MiB]\n"
		"           [-smp N] [-timeout SECONDS] [-anon] [-input FILE|-]\n"
		"-anon: anonymous 4 KiB pages even when hugetlbfs pages are free\n"
		"-input: the UART receives FILE's bytes (-: stdin)\n"
		"exit status: 0 guest powered off, 1 error, 2 guest reset,\n"
		"             3 timeout, 4 vCPU failure\n", "usage", "vmm");
	exit(VMM_ERROR);
}

static unsigned long num_arg(const char *opt, const char *s, unsigned long max)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(s, &end, 0);
	if (errno || *end || end == s || n > max)
		die("%s: '%s' is not a number from 0 to %lu", opt, s, max);
	return n;
}

static void parse(struct vmm *v, int argc, char **argv, unsigned int *mib,
		  int *anon)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *o = argv[i];

		if (!strcmp(o, "-anon")) {
			*anon = 1;
			continue;
		}
		if (i + 1 >= argc)
			usage();
		if (!strcmp(o, "-kernel"))
			v->kernel = argv[++i];
		else if (!strcmp(o, "-initrd"))
			v->initrd = argv[++i];
		else if (!strcmp(o, "-append"))
			v->cmdline = argv[++i];
		else if (!strcmp(o, "-m"))
			*mib = num_arg(o, argv[++i], 1u << 20);
		else if (!strcmp(o, "-smp"))
			v->nr_vcpus = num_arg(o, argv[++i], 1u << 20);
		else if (!strcmp(o, "-input"))
			v->input = argv[++i];
		else if (!strcmp(o, "-timeout"))
			v->timeout = num_arg(o, argv[++i], 1u << 20);
		else
			usage();
	}
	if (!v->kernel)
		usage();
	if (*mib < VMM_MIN_MEM_MB || *mib > VMM_MAX_MEM_MB)
		die("-m %u: guest memory must be %u to %u MiB", *mib,
		    VMM_MIN_MEM_MB, VMM_MAX_MEM_MB);
	if (v->nr_vcpus < 1 || v->nr_vcpus > VMM_MAX_VCPUS)
		die("-smp %d: from 1 to %d vCPUs are supported", v->nr_vcpus,
		    VMM_MAX_VCPUS);
}

/* the host's own timebase and core clock, from its device tree */
static u32 host_cpu_prop(const char *name, u32 dflt)
{
	char path[128];
	u8 b[4];
	int fd;

	snprintf(path, sizeof(path), "/proc/device-tree/cpus/PowerPC,e500v2@0/%s",
		 name);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		snprintf(path, sizeof(path), "/proc/device-tree/cpus/cpu@0/%s",
			 name);
		fd = open(path, O_RDONLY);
	}
	if (fd < 0)
		return dflt;
	if (read(fd, b, 4) != 4) {
		close(fd);
		return dflt;
	}
	close(fd);
	return (u32)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
}

/*
 * The UART's line (KVM_IRQ_LINE) as GSI VMM_UART_IRQ = MPIC source
 * VMM_UART_IRQ, set explicitly: ours starts with that identity routing,
 * upstream's in-kernel MPIC with an empty table, in which the line
 * reaches nothing.
 */
static void route_uart(struct vmm *v)
{
	struct {
		struct kvm_irq_routing head;
		struct kvm_irq_routing_entry e[1];
	} rt = {
		.head.nr = 1,
		.e[0] = {
			.gsi = VMM_UART_IRQ,
			.type = KVM_IRQ_ROUTING_IRQCHIP,
			.u.irqchip = { .irqchip = 0, .pin = VMM_UART_IRQ },
		},
	};

	if (ioctl(v->vm, KVM_SET_GSI_ROUTING, &rt))
		die("KVM_SET_GSI_ROUTING (UART): %s", strerror(errno));
}

/*
 * The MPIC is a 4.2 one, as on QEMU's ppce500 board: Linux uses the
 * core's external proxy (coreint: the vector in EPR, no IACK read) only
 * with an FSL MPIC of version 4.0 or later.  Below that it reads IACK
 * itself, and with KVM_CAP_PPC_EPR on (vcpu.c) the backend would already
 * have acknowledged the interrupt: the guest's IACK then returns the
 * spurious vector, it never sends the EOI, and the source (an IPI) stays
 * in service for good.
 */
static void create_vm(struct vmm *v)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_FSL_MPIC_42 };
	u64 base = VMM_MPIC;
	struct kvm_device_attr attr = {
		.group = KVM_DEV_MPIC_GRP_MISC,
		.attr = KVM_DEV_MPIC_BASE_ADDR,
		.addr = (uintptr_t)&base,
	};

	v->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (v->kvm < 0)
		die("/dev/kvm: %s (is kvm-e500v2 loaded?)", strerror(errno));
	v->vm = ioctl(v->kvm, KVM_CREATE_VM, 0);
	if (v->vm < 0)
		die("KVM_CREATE_VM: %s", strerror(errno));
	if (ioctl(v->vm, KVM_PPC_GET_PVINFO, &v->pvinfo))
		die("KVM_PPC_GET_PVINFO: %s", strerror(errno));
	if (ioctl(v->vm, KVM_CREATE_DEVICE, &cd))
		die("KVM_CREATE_DEVICE(FSL_MPIC_42): %s", strerror(errno));
	v->mpic = cd.fd;
	if (ioctl(v->mpic, KVM_SET_DEVICE_ATTR, &attr))
		die("MPIC base address: %s", strerror(errno));
	route_uart(v);
}

int main(int argc, char **argv)
{
	static struct vmm v = { .nr_vcpus = 1, .cmdline = "console=ttyS0" };
	unsigned int mib = 64;
	int anon = 0;

	stamp_start();
	setvbuf(stdout, NULL, _IONBF, 0);
	parse(&v, argc, argv, &mib, &anon);
	v.tb_freq = host_cpu_prop("timebase-frequency", 400000000);
	v.cpu_freq = host_cpu_prop("clock-frequency", 400000000);
	create_vm(&v);
	uart_init(&v);
	mem_alloc(&v, mib, anon);
	load_kernel(&v);
	load_initrd(&v);
	fdt_build(&v);
	vcpus_run(&v);
	return vmm_status;
}

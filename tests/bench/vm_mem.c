// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host kernel memory per VM and per vCPU: vm_mem K V.  Standard KVM
 * uapi only (KVM_CREATE_VM, KVM_CREATE_VCPU, the kvm_run mmap,
 * KVM_CHECK_EXTENSION), so it runs on any backend.
 *   1. K VMs: /proc/meminfo before, after creating them, and after one
 *      vCPU each (its kvm_run mapped): deltas divided by K.
 *   2. One VM with V vCPUs, or as many as KVM_CAP_MAX_VCPUS allows:
 *      deltas divided by the number created.
 * One line per figure:  mem <what> <field> <bytes per object>
 * where field is MemFree (its drop), Slab, KernelStack, PageTables or
 * VmallocUsed (their growth); MemFree is the total, the others show
 * where it went.
 *   3. K more VMs, /proc/slabinfo before and after one vCPU each: the
 *      slab caches whose objects changed, one line per cache:
 *        slab vcpu1 <cache> <object size> <objects per vCPU> <bytes per vCPU>
 *      (a separate phase: reading slabinfo allocates, so it stays out
 *      of the meminfo windows above).  Skipped without /proc/slabinfo.
 * Exit status 0 when every object was created.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_OBJS	64
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MEMINFO		"/proc/meminfo"

static const char *const fields[] = {
	"MemFree", "Slab", "KernelStack", "PageTables", "VmallocUsed",
};

#define NR_FIELDS	ARRAY_SIZE(fields)

static void meminfo(long long kb[NR_FIELDS])
{
	char name[64];
	long long v;
	unsigned int i;
	FILE *f;

	memset(kb, 0, NR_FIELDS * sizeof(kb[0]));
	f = fopen(MEMINFO, "r");
	if (!f) {
		perror(MEMINFO);
		exit(1);
	}
	while (fscanf(f, "%63[^:]: %lld kB\n", name, &v) == 2)
		for (i = 0; i < NR_FIELDS; i++)
			if (!strcmp(name, fields[i]))
				kb[i] = v;
	fclose(f);
}

/* per object, in bytes; MemFree counts down, the others up */
static void report(const char *what, const long long a[NR_FIELDS],
		   const long long b[NR_FIELDS], int n)
{
	unsigned int i;

	for (i = 0; i < NR_FIELDS; i++) {
		long long d = i ? b[i] - a[i] : a[i] - b[i];

		printf("mem %s %s %lld\n", what, fields[i], d * 1024 / n);
	}
}

#define MAX_CACHES	256

struct cache {
	char name[48];
	long objs, size;
};

/* active objects and object size of every slab cache; -1 without slabinfo */
static int read_slabs(struct cache *c)
{
	char line[256];
	int n = 0;
	FILE *f = fopen("/proc/slabinfo", "r");

	if (!f)
		return -1;
	while (n < MAX_CACHES && fgets(line, sizeof(line), f))
		if (line[0] != '#' && strncmp(line, "slabinfo", 8) &&
		    sscanf(line, "%47s %ld %*d %ld", c[n].name, &c[n].objs,
			   &c[n].size) == 3)
			n++;
	fclose(f);
	return n;
}

static void slab_report(const char *what, const struct cache *a, int na,
			const struct cache *b, int nb, int k)
{
	int i, j;

	for (j = 0; j < nb; j++) {
		long before = 0;

		for (i = 0; i < na; i++)
			if (!strcmp(a[i].name, b[j].name))
				before = a[i].objs;
		if (b[j].objs == before)
			continue;
		printf("slab %s %s %ld %.2f %ld\n", what, b[j].name, b[j].size,
		       (double)(b[j].objs - before) / k,
		       (b[j].objs - before) * b[j].size / k);
	}
}

static int new_vcpu(int kvm, int vm, int id)
{
	int sz = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	int fd = ioctl(vm, KVM_CREATE_VCPU, id);
	void *run;

	if (fd < 0 || sz <= 0)
		return -1;
	run = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (run == MAP_FAILED) {
		close(fd);
		return -1;
	}
	/* the mapping stays until exit: it is part of what a vCPU costs */
	return fd;
}

/* @k VMs into @vm[]: 0, or 1 after saying which one failed */
static int create_vms(int kvm, int *vm, int k)
{
	int i;

	for (i = 0; i < k; i++) {
		vm[i] = ioctl(kvm, KVM_CREATE_VM, 0);
		if (vm[i] < 0) {
			printf("error: KVM_CREATE_VM %d of %d: %s\n", i + 1, k,
			       strerror(errno));
			return 1;
		}
	}
	return 0;
}

/* vCPU 0 in each of the @k VMs of @vm[]: 0, or 1 after saying where */
static int vcpu_each(int kvm, const int *vm, int k)
{
	int i;

	for (i = 0; i < k; i++)
		if (new_vcpu(kvm, vm[i], 0) < 0) {
			printf("error: vCPU of VM %d: %s\n", i + 1, strerror(errno));
			return 1;
		}
	return 0;
}

/* phase 3: where one vCPU's slab memory goes, cache by cache */
static int slab_phase(int kvm, int *vm, int k)
{
	static struct cache a[MAX_CACHES], b[MAX_CACHES];
	int na, nb;

	if (create_vms(kvm, vm, k))
		return 1;
	na = read_slabs(a);
	if (na < 0) {
		printf("slab: no /proc/slabinfo\n");
		return 0;
	}
	if (vcpu_each(kvm, vm, k))
		return 1;
	nb = read_slabs(b);
	if (nb > 0)
		slab_report("vcpu1", a, na, b, nb, k);
	return 0;
}

int main(int argc, char **argv)
{
	long long m0[NR_FIELDS], m1[NR_FIELDS], m2[NR_FIELDS];
	int vm[MAX_OBJS], kvm, k, v, i, max;

	k = argc == 3 ? atoi(argv[1]) : 0;
	v = argc == 3 ? atoi(argv[2]) : 0;
	if (k < 1 || k > MAX_OBJS || v < 1 || v > MAX_OBJS) {
		fprintf(stderr, "usage: vm_mem K V (1 to %d each)\n", MAX_OBJS);
		return 2;
	}
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		perror("/dev/kvm");
		return 1;
	}
	meminfo(m0);
	if (create_vms(kvm, vm, k))
		return 1;
	meminfo(m1);
	if (vcpu_each(kvm, vm, k))
		return 1;
	meminfo(m2);
	printf("mem vms %d\n", k);
	report("vm", m0, m1, k);
	report("vcpu1", m1, m2, k);
	for (i = 0; i < k; i++)
		close(vm[i]);

	vm[0] = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm[0] < 0) {
		printf("error: KVM_CREATE_VM: %s\n", strerror(errno));
		return 1;
	}
	max = ioctl(vm[0], KVM_CHECK_EXTENSION, KVM_CAP_MAX_VCPUS);
	if (max < 1)
		max = 1;
	if (v > max)
		v = max;
	meminfo(m1);
	for (i = 0; i < v; i++)
		if (new_vcpu(kvm, vm[0], i) < 0) {
			printf("error: vCPU %d of %d: %s\n", i, v, strerror(errno));
			return 1;
		}
	meminfo(m2);
	printf("mem vcpus %d of max %d\n", v, max);
	report("vcpu", m1, m2, v);
	close(vm[0]);
	return slab_phase(kvm, vm, k);
}

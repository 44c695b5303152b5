// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest RAM: one memory slot at guest-physical 0, backed by hugetlbfs
 * pages when the host has enough free ones (so the backend can shadow it
 * with large TLB1 entries), else by anonymous 4 KiB pages.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "vmm.h"

#ifndef MAP_HUGETLB
#define MAP_HUGETLB 0x40000
#endif

void mem_alloc(struct vmm *v, unsigned int mib, int anon)
{
	struct kvm_userspace_memory_region r = { .slot = 0 };
	void *p = MAP_FAILED;

	v->ram_size = (u64)mib << 20;
	if (!anon)
		p = mmap(NULL, v->ram_size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_POPULATE,
			 -1, 0);
	v->hugetlb = p != MAP_FAILED;
	if (!v->hugetlb)
		p = mmap(NULL, v->ram_size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("cannot allocate %u MiB of guest memory: %s", mib,
		    strerror(errno));
	v->ram = p;
	fprintf(stderr, "vmm: %u MiB of guest memory, %s\n", mib,
		v->hugetlb ? "hugetlbfs pages" : anon ?
		"anonymous 4 KiB pages (-anon)" :
		"anonymous 4 KiB pages (no free hugetlbfs pages)");
	r.memory_size = v->ram_size;
	r.userspace_addr = (uintptr_t)p;
	if (ioctl(v->vm, KVM_SET_USER_MEMORY_REGION, &r))
		die("KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
}

/* host address of [addr, addr + len) in guest RAM, or NULL */
void *gpa(struct vmm *v, u64 addr, u64 len)
{
	if (addr > v->ram_size || len > v->ram_size - addr)
		return NULL;
	return v->ram + addr;
}

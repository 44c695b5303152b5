// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm_vm_elf_load() for 32-bit ELF test programs (the generic lib/elf.c
 * reads ELFCLASS64 only, so the powerpc port builds this file instead):
 * every PT_LOAD segment is copied into guest memory at its link address,
 * which the guest then uses in address space 1, so that guest code and
 * data are ordinary functions and globals of the test program.
 */
#include <fcntl.h>
#include <linux/elf.h>
#include <unistd.h>

#include "kvm_util.h"

static void read_at(int fd, void *buf, size_t len, off_t off, const char *what)
{
	ssize_t r = pread(fd, buf, len, off);

	TEST_ASSERT(r == (ssize_t)len, "ELF %s: read %zd of %zu bytes at %lld",
		    what, r, len, (long long)off);
}

static void load_segment(struct kvm_vm *vm, int fd, const struct elf32_phdr *ph)
{
	u64 start = ph->p_vaddr & ~(u64)(vm->page_size - 1);
	u64 end = ((u64)ph->p_vaddr + ph->p_memsz + vm->page_size - 1) &
		  ~(u64)(vm->page_size - 1);
	vm_vaddr_t got;

	TEST_ASSERT(ph->p_filesz <= ph->p_memsz,
		    "ELF segment at 0x%x: file size above memory size", ph->p_vaddr);
	got = __vm_vaddr_alloc(vm, end - start, start, MEM_REGION_CODE);
	TEST_ASSERT(got == start,
		    "ELF segment at 0x%llx: guest address 0x%llx was free instead",
		    start, got);
	memset(addr_gva2hva(vm, start), 0, end - start);
	if (ph->p_filesz)
		read_at(fd, addr_gva2hva(vm, ph->p_vaddr), ph->p_filesz,
			ph->p_offset, "segment");
}

void kvm_vm_elf_load(struct kvm_vm *vm, const char *filename)
{
	struct elf32_hdr eh;
	struct elf32_phdr ph;
	int fd, i;

	fd = open(filename, O_RDONLY);
	TEST_ASSERT(fd >= 0, "open %s", filename);
	read_at(fd, &eh, sizeof(eh), 0, "header");
	TEST_ASSERT(!memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
		    eh.e_ident[EI_CLASS] == ELFCLASS32 &&
		    eh.e_phentsize == sizeof(ph),
		    "%s is not a 32-bit ELF file", filename);
	for (i = 0; i < eh.e_phnum; i++) {
		read_at(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph),
			"program header");
		if (ph.p_type == PT_LOAD && ph.p_memsz)
			load_segment(vm, fd, &ph);
	}
	close(fd);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel and initramfs loading.  The kernel is a 32-bit big-endian
 * powerpc ELF (vmlinux: PT_LOAD segments at their physical addresses)
 * or a uImage holding an uncompressed kernel.  Everything must fit in
 * the boot mapping (the first 64 MiB) and in guest RAM.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vmm.h"

#define UIMAGE_MAGIC	0x27051956u
#define UIMAGE_HDR	64

static u32 be32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
}

static u16 be16(const void *p)
{
	const u8 *b = p;

	return b[0] << 8 | b[1];
}

static u8 *read_file(const char *what, const char *path, size_t *len)
{
	struct stat st;
	u8 *buf;
	size_t done = 0;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		die("%s %s: %s", what, path, strerror(errno));
	if (!S_ISREG(st.st_mode) || st.st_size == 0)
		die("%s %s: not a regular, non-empty file", what, path);
	buf = malloc(st.st_size);
	if (!buf)
		die("%s %s: out of memory", what, path);
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, st.st_size - done);

		if (n <= 0)
			die("%s %s: read failed", what, path);
		done += n;
	}
	close(fd);
	*len = done;
	return buf;
}

static void place(struct vmm *v, const char *what, u64 addr,
		  const void *src, u64 len, u64 memsz)
{
	u8 *dst = gpa(v, addr, memsz);

	if (!dst || addr + memsz > VMM_IMA_SIZE)
		die("%s: %#llx bytes at %#llx do not fit in guest memory (%llu MiB) %s",
		    what, (unsigned long long)memsz, (unsigned long long)addr,
		    (unsigned long long)(v->ram_size >> 20),
		    "and the first 64 MiB");
	memcpy(dst, src, len);
	memset(dst + len, 0, memsz - len);
	if (addr + memsz > v->kernel_end)
		v->kernel_end = addr + memsz;
}

static void load_elf(struct vmm *v, const u8 *img, size_t len)
{
	const char *k = v->kernel;
	u32 phoff, i, nph;
	s64 delta = 0;
	int seen = 0;

	if (len < 52 || img[EI_CLASS] != ELFCLASS32 || img[EI_DATA] != ELFDATA2MSB)
		die("kernel %s: not a 32-bit big-endian ELF", k);
	if (be16(img + 18) != EM_PPC || be16(img + 16) != ET_EXEC)
		die("kernel %s: not a powerpc executable", k);
	phoff = be32(img + 28);
	nph = be16(img + 44);
	if (be16(img + 42) != 32 || phoff > len || nph * 32ull > len - phoff)
		die("kernel %s: program headers out of the file", k);
	for (i = 0; i < nph; i++) {
		const u8 *ph = img + phoff + 32 * i;
		u32 off = be32(ph + 4), vaddr = be32(ph + 8);
		u32 paddr = be32(ph + 12), filesz = be32(ph + 16);
		u32 memsz = be32(ph + 20);

		if (be32(ph) != PT_LOAD || !memsz)
			continue;
		if (off > len || filesz > len - off || filesz > memsz)
			die("kernel %s: segment %u out of the file", k, i);
		place(v, "kernel", paddr, img + off, filesz, memsz);
		if (!seen++)
			delta = (s64)vaddr - paddr;
	}
	if (!seen)
		die("kernel %s: no loadable segment", k);
	v->entry = be32(img + 24) - delta;
}

static void load_uimage(struct vmm *v, const u8 *img, size_t len)
{
	u32 size = be32(img + 12), load = be32(img + 16);

	if (img[31] != 0)
		die("kernel %s: compressed uImage (type %u): %s", v->kernel,
		    img[31], "give the vmlinux or an uncompressed uImage");
	if (size > len - UIMAGE_HDR)
		die("kernel %s: uImage data runs past the end of the file",
		    v->kernel);
	place(v, "kernel", load, img + UIMAGE_HDR, size, size);
	v->entry = be32(img + 20);
}

void load_kernel(struct vmm *v)
{
	size_t len;
	u8 *img = read_file("kernel", v->kernel, &len);

	if (len >= 4 && !memcmp(img, ELFMAG, SELFMAG))
		load_elf(v, img, len);
	else if (len >= UIMAGE_HDR && be32(img) == UIMAGE_MAGIC)
		load_uimage(v, img, len);
	else
		die("kernel %s: neither an ELF file nor a uImage", v->kernel);
	if (v->entry >= v->kernel_end)
		die("kernel %s: entry point %#llx outside the image", v->kernel,
		    (unsigned long long)v->entry);
	free(img);
}

/* the initramfs goes 4 MiB above the kernel's end, page aligned */
void load_initrd(struct vmm *v)
{
	u64 end = v->kernel_end;
	size_t len;
	u8 *img;

	v->fdt_addr = (end + 0x10000 + 0xffff) & ~0xffffull;
	v->spin_base = v->fdt_addr + 0x10000;
	v->kernel_end = v->spin_base + 0x1000;
	if (!v->initrd)
		return;
	img = read_file("initrd", v->initrd, &len);
	v->initrd_start = (end + 0x400000) & ~0xfffull;
	place(v, "initrd", v->initrd_start, img, len, len);
	v->initrd_end = v->initrd_start + len;
	free(img);
}

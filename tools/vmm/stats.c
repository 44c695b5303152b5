// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vCPUs' binary statistics (KVM_GET_STATS_FD): every counter that
 * is not zero, one line per vCPU, for the summary at the end of a run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vmm.h"

static void print_stats(int id, int fd)
{
	struct kvm_stats_header h;
	size_t dsz;
	u8 *descs;
	u32 i;

	if (pread(fd, &h, sizeof(h), 0) != sizeof(h))
		return;
	dsz = sizeof(struct kvm_stats_desc) + h.name_size;
	descs = calloc(h.num_desc, dsz);
	if (!descs)
		return;
	if (pread(fd, descs, h.num_desc * dsz, h.desc_offset) !=
	    (ssize_t)(h.num_desc * dsz)) {
		free(descs);
		return;
	}
	fprintf(stderr, "vmm: vCPU %d stats:", id);
	for (i = 0; i < h.num_desc; i++) {
		struct kvm_stats_desc *d = (void *)(descs + i * dsz);
		u64 val;

		if ((d->flags & KVM_STATS_TYPE_MASK) != KVM_STATS_TYPE_CUMULATIVE ||
		    pread(fd, &val, sizeof(val), h.data_offset + d->offset) !=
		    sizeof(val) || !val)
			continue;
		fprintf(stderr, " %s=%llu", d->name, (unsigned long long)val);
	}
	fprintf(stderr, "\n");
	free(descs);
}

void stats_summary(struct vmm *v)
{
	int i, fd;

	for (i = 0; i < v->nr_vcpus; i++) {
		fd = ioctl(v->vcpus[i].fd, KVM_GET_STATS_FD, NULL);
		if (fd < 0) {
			fprintf(stderr, "vmm: vCPU %d: KVM_GET_STATS_FD: %s\n", i,
				strerror(errno));
			continue;
		}
		print_stats(i, fd);
		close(fd);
	}
}

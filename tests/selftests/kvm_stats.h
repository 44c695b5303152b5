/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KVM binary statistics of a VM or a vCPU (KVM_GET_STATS_FD), looked up
 * by name: the header and the descriptors are read once by
 * kvm_stats_open(), each kvm_stats_value() reads one counter's current
 * value.  kvm_stat() does all three for a single value.
 */
#ifndef KVM_E500_KVM_STATS_H
#define KVM_E500_KVM_STATS_H

#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define KVM_STAT_MISSING	(~0ull)

struct kvm_stats {
	int fd;
	struct kvm_stats_header h;
	char *descs;
};

static inline void kvm_stats_close(struct kvm_stats *s)
{
	if (s->fd >= 0)
		close(s->fd);
	free(s->descs);
	s->fd = -1;
	s->descs = NULL;
}

/* @owner: a VM or vCPU fd; 0, or -1 with the stats closed */
static inline int kvm_stats_open(struct kvm_stats *s, int owner)
{
	size_t len;

	s->descs = NULL;
	s->fd = ioctl(owner, KVM_GET_STATS_FD, NULL);
	if (s->fd < 0 || pread(s->fd, &s->h, sizeof(s->h), 0) != sizeof(s->h))
		goto fail;
	len = (sizeof(struct kvm_stats_desc) + s->h.name_size) * s->h.num_desc;
	s->descs = malloc(len ? len : 1);
	if (!s->descs ||
	    pread(s->fd, s->descs, len, s->h.desc_offset) != (ssize_t)len)
		goto fail;
	return 0;
fail:
	kvm_stats_close(s);
	return -1;
}

/* the descriptor called @name, NULL when there is none */
static inline const struct kvm_stats_desc *
kvm_stats_find(const struct kvm_stats *s, const char *name)
{
	size_t step = sizeof(struct kvm_stats_desc) + s->h.name_size;
	unsigned int i;

	for (i = 0; i < s->h.num_desc; i++) {
		const struct kvm_stats_desc *d = (void *)(s->descs + i * step);

		if (!strcmp(d->name, name))
			return d;
	}
	return NULL;
}

/* the first word of the counter @name; KVM_STAT_MISSING when absent */
static inline __u64 kvm_stats_value(const struct kvm_stats *s, const char *name)
{
	const struct kvm_stats_desc *d = kvm_stats_find(s, name);
	__u64 v;

	if (!d || pread(s->fd, &v, sizeof(v), s->h.data_offset + d->offset) !=
		  sizeof(v))
		return KVM_STAT_MISSING;
	return v;
}

/* one counter of the VM or vCPU @owner; KVM_STAT_MISSING when absent */
static inline __u64 kvm_stat(int owner, const char *name)
{
	struct kvm_stats s;
	__u64 v;

	if (kvm_stats_open(&s, owner))
		return KVM_STAT_MISSING;
	v = kvm_stats_value(&s, name);
	kvm_stats_close(&s);
	return v;
}

#endif /* KVM_E500_KVM_STATS_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* Host hugepage bookkeeping the hugetlbfs-backed guest tests share. */
#ifndef KVM_E500_HUGEPAGES_H
#define KVM_E500_HUGEPAGES_H

#include <stdio.h>

/* HugePages_Free from /proc/meminfo, -1 if unreadable */
static inline long hugepages_free(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long n = -1;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "HugePages_Free: %ld", &n) == 1)
			break;
	if (f)
		fclose(f);
	return n;
}

#endif /* KVM_E500_HUGEPAGES_H */

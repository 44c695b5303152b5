// SPDX-License-Identifier: GPL-2.0-only
/*
 * e500 performance monitor registers (mfpmr/mtpmr) as the guest kernel
 * sees them: PMGC0, PMLCa0-3, PMLCb0-3 and PMC0-3 keep the values
 * written and do not count (no event ever occurs, so no performance
 * monitor interrupt either).
 *
 * The user-level aliases (UPMGC0, UPMLCa/b0-3, UPMC0-3: PMR number
 * minus 16) are read-only.  A guest running in supervisor mode reads
 * them through the emulator (its mfpmr traps only when the alias is
 * privileged; user aliases are readable in user mode, where the guest
 * kernel really runs, so such reads reach the host's counters, which
 * we leave stopped).  mtpmr of an alias, or any other PMR number, is
 * an illegal instruction.
 */
#include <linux/kvm_host.h>

#include "e500v2.h"

#define PMR_PMC0	16
#define PMR_PMLCA0	144
#define PMR_PMLCB0	272
#define PMR_PMGC0	400
#define PMR_USER_OFFSET	16	/* user alias = supervisor number - 16 */

/* the model's storage for PMR @pmr (supervisor number), NULL if none */
static u32 *pmr_slot(struct e500v2_vcpu *v, unsigned int pmr)
{
	if (pmr >= PMR_PMC0 && pmr < PMR_PMC0 + 4)
		return &v->pm.pmc[pmr - PMR_PMC0];
	if (pmr >= PMR_PMLCA0 && pmr < PMR_PMLCA0 + 4)
		return &v->pm.pmlca[pmr - PMR_PMLCA0];
	if (pmr >= PMR_PMLCB0 && pmr < PMR_PMLCB0 + 4)
		return &v->pm.pmlcb[pmr - PMR_PMLCB0];
	if (pmr == PMR_PMGC0)
		return &v->pm.pmgc0;
	return NULL;
}

/* mfpmr: false when @pmr does not exist (illegal instruction) */
bool e500v2_mfpmr(struct e500v2_vcpu *v, unsigned int pmr, u32 *val)
{
	u32 *slot = pmr_slot(v, pmr);

	if (!slot && pmr & PMR_USER_OFFSET)
		return false;
	if (!slot)
		slot = pmr_slot(v, pmr + PMR_USER_OFFSET);
	if (!slot)
		return false;
	*val = *slot;
	return true;
}

/* mtpmr: false for a read-only alias or a PMR that does not exist */
bool e500v2_mtpmr(struct e500v2_vcpu *v, unsigned int pmr, u32 val)
{
	u32 *slot = pmr_slot(v, pmr);

	if (!slot)
		return false;
	*slot = val;
	return true;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kvm_e500 trace events live in kvm.ko; the backend modules fire
 * them through the exported tracepoints.
 */
#include <linux/module.h>
#include <linux/types.h>

#define CREATE_TRACE_POINTS
#include "trace.h"

EXPORT_TRACEPOINT_SYMBOL_GPL(kvm_e500_enter);
EXPORT_TRACEPOINT_SYMBOL_GPL(kvm_e500_exit);
EXPORT_TRACEPOINT_SYMBOL_GPL(kvm_e500_emulate);
EXPORT_TRACEPOINT_SYMBOL_GPL(kvm_e500_shadow);
EXPORT_TRACEPOINT_SYMBOL_GPL(kvm_e500_deliver);
EXPORT_TRACEPOINT_SYMBOL_GPL(kvm_e500_flush);

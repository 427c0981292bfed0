/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JSON form of one file's hardening, for `assay hardening` and the
 * checksec agreement test. Keys are stable: only ever added.
 */
#include "assay_config.h"

#include "../report/report_private.h"
#include "elf_private.h"

/* Largest JSON object for one file (paths are capped by the caller). */
#define HARDEN_JSON_CAP (64u << 10)

enum assay_status
assay_elf_hardening_json(const char *name, const struct assay_elf_hardening *h,
    assay_sink_fn fn, void *ctx)
{
    struct assay_buf b;
    struct json_emit j;
    enum assay_status rc;

    assay_buf_init(&b, HARDEN_JSON_CAP);
    json_init(&j, &b);
    json_obj_begin(&j);
    json_kv_str(&j, "file", name);
    json_kv_str(&j, "arch", h->arch);
    json_kv_uint(&j, "bits", h->bits);
    json_kv_str(&j, "endian", h->big_endian ? "big" : "little");
    json_kv_str(&j, "kind", assay_elf_kind_name(h->kind));
    json_kv_str(&j, "relro", assay_relro_name(h->relro));
    json_kv_bool(&j, "nx", h->nx);
    json_kv_bool(&j, "canary", h->canary);
    json_kv_bool(&j, "fortify", h->fortify);
    json_kv_uint(&j, "fortified", h->fortified);
    json_kv_bool(&j, "pie", h->pie);
    json_kv_bool(&j, "bind_now", h->bind_now);
    json_kv_bool(&j, "rpath", h->rpath);
    json_kv_bool(&j, "runpath", h->runpath);
    json_kv_bool(&j, "stripped", h->stripped);
    json_kv_bool(&j, "static", h->is_static);
    json_kv_bool(&j, "sections", h->has_sections);
    if (h->exec_stack_arch_note)
        json_kv_str(&j, "note",
            "executable stack on mips: older toolchains and kernels need it "
            "for FPU emulation trampolines, so it is common but still "
            "disables NX");
    json_obj_end(&j);
    rc = json_finish(&j);
    if (rc == ASSAY_OK)
        rc = fn(ctx, b.data, b.len);
    assay_buf_release(&b);
    return rc;
}

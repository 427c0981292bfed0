/* SPDX-License-Identifier: Apache-2.0 */
/* Umbrella header for libassay. */
#ifndef ASSAY_ASSAY_H
#define ASSAY_ASSAY_H

#include "assay/assess.h"
#include "assay/catalogue.h"
#include "assay/component.h"
#include "assay/elf.h"
#include "assay/extract.h"
#include "assay/ics.h"
#include "assay/limits.h"
#include "assay/probe.h"
#include "assay/report.h"
#include "assay/scan.h"
#include "assay/session.h"
#include "assay/status.h"
#include "assay/tree.h"
#include "assay/vulndb.h"

#endif /* ASSAY_ASSAY_H */

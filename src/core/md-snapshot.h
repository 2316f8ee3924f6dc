/* md-snapshot.h: one domain as read from the server, and an amendment
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "md-record.h"

G_BEGIN_DECLS

typedef enum
{
  MD_AMENDMENT_MODE_READ,
  MD_AMENDMENT_MODE_INSTANT,   /* CHANGES_WITHOUT_VERIFICATION */
  MD_AMENDMENT_MODE_REVIEWED,  /* CHANGES_REQUIRE_VERIFICATION */
  MD_AMENDMENT_MODE_UNKNOWN,   /* a value this client does not know: read-only */
} MdAmendmentMode;

MdAmendmentMode md_amendment_mode_from_string (const char      *value);
const char     *md_amendment_mode_to_string   (MdAmendmentMode  mode);
gboolean        md_amendment_mode_is_editable (MdAmendmentMode  mode);

#define MD_TYPE_AMENDMENT (md_amendment_get_type ())

G_DECLARE_FINAL_TYPE (MdAmendment, md_amendment, MD, AMENDMENT, GObject)

/* @values may be NULL: some servers send only the id of a pending amendment. */
MdAmendment    *md_amendment_new              (gint64           id,
                                               MdRecord        *values);
gint64          md_amendment_get_id           (MdAmendment     *self);  /* 0: none sent */
MdRecord       *md_amendment_get_values       (MdAmendment     *self);

#define MD_TYPE_SNAPSHOT (md_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (MdSnapshot, md_snapshot, MD, SNAPSHOT, GObject)

MdSnapshot     *md_snapshot_new               (MdRecord        *values,
                                               MdAmendmentMode  mode,
                                               const char      *mode_string,
                                               MdAmendment     *pending,
                                               gboolean         require_signature);
MdDomain        md_snapshot_get_domain        (MdSnapshot      *self);
MdRecord       *md_snapshot_get_values        (MdSnapshot      *self);
MdAmendmentMode md_snapshot_get_mode          (MdSnapshot      *self);
/* The status as the server spelled it, for the "unknown status" notice. */
const char     *md_snapshot_get_mode_string   (MdSnapshot      *self);
MdAmendment    *md_snapshot_get_pending       (MdSnapshot      *self);
gboolean        md_snapshot_get_require_signature (MdSnapshot  *self);

G_END_DECLS

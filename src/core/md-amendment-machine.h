/* md-amendment-machine.h: what one domain of an open member is doing
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "md-snapshot.h"

G_BEGIN_DECLS

typedef enum
{
  MD_STATE_LOADING,
  MD_STATE_LOAD_FAILED,
  MD_STATE_READ_ONLY,
  MD_STATE_EDITABLE,     /* instant or reviewed: see the snapshot's mode */
  MD_STATE_PENDING,      /* an amendment waits; no new edits */
  MD_STATE_SUBMITTING,
  MD_STATE_WITHDRAWING,
} MdState;

typedef enum
{
  MD_OUTCOME_NONE,
  MD_OUTCOME_APPLIED,           /* instant change saved */
  MD_OUTCOME_QUEUED,            /* sent to the studio for approval */
  MD_OUTCOME_CONFLICT,          /* 409: a change already waits; edits kept */
  MD_OUTCOME_INVALID,           /* 400: field named by the outcome; edits kept */
  MD_OUTCOME_REFUSED,           /* 403: the domain turned read-only */
  MD_OUTCOME_SUBMIT_FAILED,     /* any other error; edits kept */
  MD_OUTCOME_UNCERTAIN,         /* answer lost: re-read to learn whether it landed */
  MD_OUTCOME_NOT_SENT,          /* answer lost and the re-read shows it did not land */
  MD_OUTCOME_WITHDRAWN,
  MD_OUTCOME_WITHDRAW_GONE,     /* 404: approved, rejected or withdrawn meanwhile */
  MD_OUTCOME_WITHDRAW_FAILED,
  MD_OUTCOME_APPROVED,          /* the pending change disappeared and its values are in */
  MD_OUTCOME_REJECTED,          /* the pending change disappeared, values unchanged */
  MD_OUTCOME_DECIDED,           /* it disappeared, but its values were never known */
  MD_OUTCOME_REFRESH_FAILED,    /* a re-read failed; the last values stay shown */
  MD_OUTCOME_MEMBER_GONE,       /* 404 on the member */
} MdOutcomeKind;

typedef struct
{
  MdOutcomeKind  kind;
  char          *message;     /* translated, for a toast or the page; NULL for NONE */
  char          *field;       /* the field an INVALID outcome is about, if known */
  gboolean       refetch;     /* the caller must re-read the domain now */
  gboolean       keep_edits;  /* the user's unsent edits must stay in the form */
} MdOutcome;

void md_outcome_clear (MdOutcome *outcome);

#define MD_TYPE_AMENDMENT_MACHINE (md_amendment_machine_get_type ())

G_DECLARE_FINAL_TYPE (MdAmendmentMachine, md_amendment_machine, MD, AMENDMENT_MACHINE, GObject)

MdAmendmentMachine *md_amendment_machine_new             (MdDomain             domain);

MdDomain            md_amendment_machine_get_domain      (MdAmendmentMachine  *self);
MdState             md_amendment_machine_get_state       (MdAmendmentMachine  *self);
MdSnapshot         *md_amendment_machine_get_snapshot    (MdAmendmentMachine  *self);
/* The last load or action error, shown on the page; NULL when none. */
const char         *md_amendment_machine_get_error       (MdAmendmentMachine  *self);
/* The status line in words: "Changes apply immediately", ... */
char               *md_amendment_machine_get_status_text (MdAmendmentMachine  *self);
gboolean            md_amendment_machine_can_edit        (MdAmendmentMachine  *self);
gboolean            md_amendment_machine_can_save        (MdAmendmentMachine  *self,
                                                          MdRecord            *draft);
gboolean            md_amendment_machine_can_withdraw    (MdAmendmentMachine  *self);
gboolean            md_amendment_machine_needs_signature (MdAmendmentMachine  *self);

/* Loads carry a ticket so that a stale answer never overwrites a newer one. */
guint               md_amendment_machine_begin_load      (MdAmendmentMachine  *self);
void                md_amendment_machine_load_finished   (MdAmendmentMachine  *self,
                                                          guint                ticket,
                                                          MdSnapshot          *snapshot,
                                                          const GError        *error,
                                                          MdOutcome           *outcome);

gboolean            md_amendment_machine_begin_submit    (MdAmendmentMachine  *self,
                                                          MdRecord            *draft);
void                md_amendment_machine_submit_finished (MdAmendmentMachine  *self,
                                                          MdAmendment         *amendment,
                                                          const GError        *error,
                                                          MdOutcome           *outcome);

gboolean            md_amendment_machine_begin_withdraw  (MdAmendmentMachine  *self);
void                md_amendment_machine_withdraw_finished (MdAmendmentMachine *self,
                                                          const GError        *error,
                                                          MdOutcome           *outcome);

G_END_DECLS

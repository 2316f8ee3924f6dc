/* md-amendment-machine.c: what one domain of an open member is doing
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "md-amendment-machine.h"
#include "md-error.h"

struct _MdAmendmentMachine
{
  GObject      parent_instance;

  MdDomain     domain;
  MdState      state;
  MdSnapshot  *snapshot;
  char        *error;
  guint        ticket;

  /* The draft of the submit in flight, kept after a lost answer so the
   * re-read can tell whether it landed. */
  MdRecord    *submitted;
  guint        verifying_submit : 1;
  guint        verifying_withdraw : 1;
  guint        withdrawn : 1;
  guint        submit_taken : 1;    /* the studio took the last submit; its re-read is due */
};

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MdAmendmentMachine, md_amendment_machine, G_TYPE_OBJECT)

/* Whole sentences per domain, so that translations need not assemble them. */
static const char *
applied_message (MdDomain domain)
{
  switch (domain)
    {
    case MD_DOMAIN_CONTACT:
      return _("Contact details saved");
    case MD_DOMAIN_ADDRESS:
      return _("Address saved");
    case MD_DOMAIN_MASTER:
      return _("Personal details saved");
    case MD_DOMAIN_PAYMENT:
      return _("Bank details saved");
    case MD_N_DOMAINS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
approved_message (MdDomain domain)
{
  switch (domain)
    {
    case MD_DOMAIN_CONTACT:
      return _("Your contact details change was approved");
    case MD_DOMAIN_ADDRESS:
      return _("Your address change was approved");
    case MD_DOMAIN_MASTER:
      return _("Your personal details change was approved");
    case MD_DOMAIN_PAYMENT:
      return _("Your bank details change was approved");
    case MD_N_DOMAINS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
rejected_message (MdDomain domain)
{
  switch (domain)
    {
    case MD_DOMAIN_CONTACT:
      return _("Your contact details change was not approved by the studio");
    case MD_DOMAIN_ADDRESS:
      return _("Your address change was not approved by the studio");
    case MD_DOMAIN_MASTER:
      return _("Your personal details change was not approved by the studio");
    case MD_DOMAIN_PAYMENT:
      return _("Your bank details change was not approved by the studio");
    case MD_N_DOMAINS:
    default:
      g_assert_not_reached ();
    }
}

void
md_outcome_clear (MdOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_clear_pointer (&outcome->message, g_free);
  g_clear_pointer (&outcome->field, g_free);
  outcome->kind = MD_OUTCOME_NONE;
  outcome->refetch = FALSE;
  outcome->keep_edits = FALSE;
}

static void
set_outcome (MdOutcome     *outcome,
             MdOutcomeKind  kind,
             const char    *message,
             gboolean       refetch,
             gboolean       keep_edits)
{
  if (outcome == NULL)
    return;

  md_outcome_clear (outcome);
  outcome->kind = kind;
  outcome->message = g_strdup (message);
  outcome->refetch = refetch;
  outcome->keep_edits = keep_edits;
}

static void
set_state (MdAmendmentMachine *self,
           MdState             state)
{
  if (self->state == state)
    return;

  g_debug ("%s: state %d -> %d", md_domain_get_info (self->domain)->id, self->state, state);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (MdAmendmentMachine *self,
           const char         *error)
{
  g_free (self->error);
  self->error = g_strdup (error);
}

/* The resting state the current snapshot calls for. */
static MdState
settled_state (MdAmendmentMachine *self)
{
  if (self->snapshot == NULL)
    return MD_STATE_LOAD_FAILED;

  if (md_snapshot_get_pending (self->snapshot) != NULL)
    return MD_STATE_PENDING;

  if (md_amendment_mode_is_editable (md_snapshot_get_mode (self->snapshot)))
    return MD_STATE_EDITABLE;

  return MD_STATE_READ_ONLY;
}

static void
md_amendment_machine_finalize (GObject *object)
{
  MdAmendmentMachine *self = MD_AMENDMENT_MACHINE (object);

  g_clear_object (&self->snapshot);
  g_clear_object (&self->submitted);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (md_amendment_machine_parent_class)->finalize (object);
}

static void
md_amendment_machine_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MdAmendmentMachine *self = MD_AMENDMENT_MACHINE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_amendment_machine_class_init (MdAmendmentMachineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = md_amendment_machine_finalize;
  object_class->get_property = md_amendment_machine_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      MD_STATE_LOADING, MD_STATE_WITHDRAWING, MD_STATE_LOADING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
md_amendment_machine_init (MdAmendmentMachine *self)
{
  self->state = MD_STATE_LOADING;
}

MdAmendmentMachine *
md_amendment_machine_new (MdDomain domain)
{
  MdAmendmentMachine *self;

  g_return_val_if_fail (domain < MD_N_DOMAINS, NULL);

  self = g_object_new (MD_TYPE_AMENDMENT_MACHINE, NULL);
  self->domain = domain;

  return self;
}

MdDomain
md_amendment_machine_get_domain (MdAmendmentMachine *self)
{
  g_return_val_if_fail (MD_IS_AMENDMENT_MACHINE (self), MD_DOMAIN_CONTACT);

  return self->domain;
}

MdState
md_amendment_machine_get_state (MdAmendmentMachine *self)
{
  g_return_val_if_fail (MD_IS_AMENDMENT_MACHINE (self), MD_STATE_LOAD_FAILED);

  return self->state;
}

MdSnapshot *
md_amendment_machine_get_snapshot (MdAmendmentMachine *self)
{
  g_return_val_if_fail (MD_IS_AMENDMENT_MACHINE (self), NULL);

  return self->snapshot;
}

const char *
md_amendment_machine_get_error (MdAmendmentMachine *self)
{
  g_return_val_if_fail (MD_IS_AMENDMENT_MACHINE (self), NULL);

  return self->error;
}

char *
md_amendment_machine_get_status_text (MdAmendmentMachine *self)
{
  g_return_val_if_fail (MD_IS_AMENDMENT_MACHINE (self), NULL);

  if (self->snapshot == NULL)
    return g_strdup (self->state == MD_STATE_LOADING ? _("Loading…")
                                                     : _("These details could not be loaded"));

  if (md_snapshot_get_pending (self->snapshot) != NULL)
    return g_strdup (_("A change is waiting for the studio's approval"));

  switch (md_snapshot_get_mode (self->snapshot))
    {
    case MD_AMENDMENT_MODE_INSTANT:
      return g_strdup (_("Changes apply immediately"));

    case MD_AMENDMENT_MODE_REVIEWED:
      return g_strdup (_("Changes are sent to the studio for approval"));

    case MD_AMENDMENT_MODE_READ:
      return g_strdup (_("These details can't be changed here"));

    case MD_AMENDMENT_MODE_UNKNOWN:
    default:
      /* Fail safe: a status this client does not know is read-only, and says so. */
      return g_strdup (_("These details can't be changed here: the studio uses a setting "
                         "this version of Member Desk does not know"));
    }
}

gboolean
md_amendment_machine_can_edit (MdAmendmentMachine *self)
{
  g_return_val_if_fail (MD_IS_AMENDMENT_MACHINE (self), FALSE);

  return self->state == MD_STATE_EDITABLE;
}

gboolean
md_amendment_machine_can_save (MdAmendmentMachine *self,
                               MdRecord           *draft)
{
  MdRecord *current;

  g_return_val_if_fail (MD_IS_AMENDMENT_MACHINE (self), FALSE);
  g_return_val_if_fail (MD_IS_RECORD (draft), FALSE);

  if (self->state != MD_STATE_EDITABLE)
    return FALSE;

  current = md_snapshot_get_values (self->snapshot);

  return !md_record_equal (current, draft) &&
         md_record_check_edits (draft, current, NULL, NULL);
}

gboolean
md_amendment_machine_can_withdraw (MdAmendmentMachine *self)
{
  g_return_val_if_fail (MD_IS_AMENDMENT_MACHINE (self), FALSE);

  return self->state == MD_STATE_PENDING &&
         md_amendment_get_id (md_snapshot_get_pending (self->snapshot)) != 0;
}

gboolean
md_amendment_machine_needs_signature (MdAmendmentMachine *self)
{
  g_return_val_if_fail (MD_IS_AMENDMENT_MACHINE (self), FALSE);

  return self->snapshot != NULL && md_snapshot_get_require_signature (self->snapshot);
}

guint
md_amendment_machine_begin_load (MdAmendmentMachine *self)
{
  g_return_val_if_fail (MD_IS_AMENDMENT_MACHINE (self), 0);

  /* The action's own answer triggers the re-read; a load now could
   * overtake it. */
  if (self->state == MD_STATE_SUBMITTING || self->state == MD_STATE_WITHDRAWING)
    return 0;

  self->ticket++;
  if (self->ticket == 0)
    self->ticket++;

  set_state (self, MD_STATE_LOADING);

  return self->ticket;
}

/* Whether every value the pending amendment proposed is now current. */
static gboolean
proposal_applied (MdRecord *proposed,
                  MdRecord *current)
{
  g_auto(GStrv) diff = md_record_diff (proposed, current);

  return diff[0] == NULL;
}

/* After an answer was lost: did the submitted change land? */
static void
resolve_submit (MdAmendmentMachine *self,
                MdSnapshot         *previous,
                MdOutcome          *outcome)
{
  MdAmendment *pending = md_snapshot_get_pending (self->snapshot);
  MdRecord *values = md_snapshot_get_values (self->snapshot);
  g_auto(GStrv) unsent = md_record_diff (values, self->submitted);

  if (pending != NULL && (previous == NULL || md_snapshot_get_pending (previous) == NULL))
    set_outcome (outcome, MD_OUTCOME_QUEUED, _("Sent to the studio for approval"), FALSE, FALSE);
  else if (pending == NULL && unsent[0] == NULL)
    set_outcome (outcome, MD_OUTCOME_APPLIED, applied_message (self->domain), FALSE, FALSE);
  else
    set_outcome (outcome, MD_OUTCOME_NOT_SENT,
                 _("Your change did not reach the studio. Your edits are kept: try again."),
                 FALSE, TRUE);
}

/* A pending amendment went away without an action of ours. */
static void
detect_decision (MdAmendmentMachine *self,
                 MdSnapshot         *previous,
                 MdOutcome          *outcome)
{
  MdAmendment *was_pending;
  MdRecord *proposed;

  if (previous == NULL || md_snapshot_get_pending (self->snapshot) != NULL)
    return;

  was_pending = md_snapshot_get_pending (previous);
  if (was_pending == NULL)
    return;

  proposed = md_amendment_get_values (was_pending);
  if (proposed == NULL)
    set_outcome (outcome, MD_OUTCOME_DECIDED,
                 _("The studio has dealt with the waiting change"), FALSE, FALSE);
  else if (proposal_applied (proposed, md_snapshot_get_values (self->snapshot)))
    set_outcome (outcome, MD_OUTCOME_APPROVED, approved_message (self->domain), FALSE, FALSE);
  else
    set_outcome (outcome, MD_OUTCOME_REJECTED, rejected_message (self->domain), FALSE, FALSE);
}

void
md_amendment_machine_load_finished (MdAmendmentMachine *self,
                                    guint               ticket,
                                    MdSnapshot         *snapshot,
                                    const GError       *error,
                                    MdOutcome          *outcome)
{
  g_autoptr(MdSnapshot) previous = NULL;

  g_return_if_fail (MD_IS_AMENDMENT_MACHINE (self));
  g_return_if_fail (snapshot == NULL || MD_IS_SNAPSHOT (snapshot));
  g_return_if_fail (snapshot == NULL || md_snapshot_get_domain (snapshot) == self->domain);
  g_return_if_fail ((snapshot == NULL) != (error == NULL));

  set_outcome (outcome, MD_OUTCOME_NONE, NULL, FALSE, FALSE);

  /* A stale answer never overwrites a newer state. */
  if (ticket == 0 || ticket != self->ticket || self->state != MD_STATE_LOADING)
    return;

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_state (self, self->snapshot != NULL ? settled_state (self) : MD_STATE_LOAD_FAILED);
          return;
        }

      if (g_error_matches (error, MD_API_ERROR, MD_API_ERROR_NOT_FOUND))
        {
          g_clear_object (&self->snapshot);
          set_error (self, _("This member no longer exists"));
          set_outcome (outcome, MD_OUTCOME_MEMBER_GONE, self->error, FALSE, FALSE);
          self->verifying_submit = self->verifying_withdraw = FALSE;
          set_state (self, MD_STATE_LOAD_FAILED);
          return;
        }

      set_error (self, error->message);

      if (self->verifying_submit)
        {
          g_autofree char *message =
            g_strdup_printf (_("It is not known whether your change reached the studio (%s). "
                               "Your edits are kept."), error->message);

          set_outcome (outcome, MD_OUTCOME_SUBMIT_FAILED, message, FALSE, TRUE);
        }
      else if (self->snapshot != NULL && (self->submit_taken || self->withdrawn))
        {
          /* The values shown predate the action: without this, the page
           * looks as if it had not happened. */
          g_autofree char *message =
            g_strdup_printf (self->submit_taken
                             ? _("Your change went through, but these details could not be "
                                 "read again: %s")
                             : _("The change was withdrawn, but these details could not be "
                                 "read again: %s"),
                             error->message);

          set_outcome (outcome, MD_OUTCOME_REFRESH_FAILED, message, FALSE, TRUE);
        }
      else if (self->snapshot != NULL)
        {
          set_outcome (outcome, MD_OUTCOME_REFRESH_FAILED, error->message, FALSE, TRUE);
        }

      /* With values already shown, a failed re-read leaves them in place;
       * the next one decides what became of a lost action. */
      set_state (self, self->snapshot != NULL ? settled_state (self) : MD_STATE_LOAD_FAILED);
      return;
    }

  previous = g_steal_pointer (&self->snapshot);
  self->snapshot = g_object_ref (snapshot);
  set_error (self, NULL);

  if (self->verifying_submit)
    resolve_submit (self, previous, outcome);
  else if (self->verifying_withdraw)
    {
      if (md_snapshot_get_pending (snapshot) == NULL)
        set_outcome (outcome, MD_OUTCOME_WITHDRAWN, _("Change withdrawn"), FALSE, FALSE);
      else
        set_outcome (outcome, MD_OUTCOME_WITHDRAW_FAILED,
                     _("The change could not be withdrawn. Try again."), FALSE, FALSE);
    }
  else if (!self->withdrawn)
    detect_decision (self, previous, outcome);

  self->verifying_submit = self->verifying_withdraw = self->withdrawn = FALSE;
  self->submit_taken = FALSE;
  g_clear_object (&self->submitted);

  set_state (self, settled_state (self));
}

gboolean
md_amendment_machine_begin_submit (MdAmendmentMachine *self,
                                   MdRecord           *draft)
{
  g_return_val_if_fail (MD_IS_AMENDMENT_MACHINE (self), FALSE);
  g_return_val_if_fail (MD_IS_RECORD (draft), FALSE);

  if (!md_amendment_machine_can_save (self, draft))
    return FALSE;

  g_set_object (&self->submitted, NULL);
  self->submitted = md_record_copy (draft);
  set_error (self, NULL);
  set_state (self, MD_STATE_SUBMITTING);

  return TRUE;
}

static gboolean
answer_lost (const GError *error)
{
  return g_error_matches (error, MD_API_ERROR, MD_API_ERROR_NETWORK) ||
         g_error_matches (error, MD_API_ERROR, MD_API_ERROR_TIMEOUT) ||
         g_error_matches (error, MD_API_ERROR, MD_API_ERROR_MALFORMED_RESPONSE) ||
         g_error_matches (error, MD_API_ERROR, MD_API_ERROR_TOO_LARGE);
}

void
md_amendment_machine_submit_finished (MdAmendmentMachine *self,
                                      MdAmendment        *amendment,
                                      const GError       *error,
                                      MdOutcome          *outcome)
{
  g_return_if_fail (MD_IS_AMENDMENT_MACHINE (self));
  g_return_if_fail ((amendment == NULL) != (error == NULL));

  set_outcome (outcome, MD_OUTCOME_NONE, NULL, FALSE, FALSE);

  if (self->state != MD_STATE_SUBMITTING)
    return;

  if (error == NULL)
    {
      /* Only the re-read says for sure; the mode read before tells which way
       * the server went. */
      if (md_snapshot_get_mode (self->snapshot) == MD_AMENDMENT_MODE_INSTANT)
        set_outcome (outcome, MD_OUTCOME_APPLIED, applied_message (self->domain), TRUE, FALSE);
      else
        set_outcome (outcome, MD_OUTCOME_QUEUED, _("Sent to the studio for approval"), TRUE, FALSE);
      g_clear_object (&self->submitted);
      self->submit_taken = TRUE;
      set_state (self, MD_STATE_LOADING);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_object (&self->submitted);
      set_state (self, settled_state (self));
      return;
    }

  if (answer_lost (error))
    {
      /* Never retry a POST blindly: the re-read shows whether it landed. */
      self->verifying_submit = TRUE;
      set_outcome (outcome, MD_OUTCOME_UNCERTAIN,
                   _("The answer from the studio was lost. Checking whether your change arrived…"),
                   TRUE, TRUE);
      set_state (self, MD_STATE_LOADING);
      return;
    }

  g_clear_object (&self->submitted);

  if (g_error_matches (error, MD_API_ERROR, MD_API_ERROR_CONFLICT))
    {
      set_outcome (outcome, MD_OUTCOME_CONFLICT,
                   _("A change is already waiting for approval, so yours was not sent. "
                     "Your edits are kept."),
                   TRUE, TRUE);
      set_state (self, MD_STATE_LOADING);
    }
  else if (g_error_matches (error, MD_API_ERROR, MD_API_ERROR_VALIDATION))
    {
      set_outcome (outcome, MD_OUTCOME_INVALID, error->message, FALSE, TRUE);
      if (outcome != NULL)
        outcome->field = g_strdup (md_api_error_get_reference (error));
      set_error (self, error->message);
      set_state (self, MD_STATE_EDITABLE);
    }
  else if (g_error_matches (error, MD_API_ERROR, MD_API_ERROR_FORBIDDEN))
    {
      set_outcome (outcome, MD_OUTCOME_REFUSED,
                   _("The studio does not allow changing these details here"), TRUE, TRUE);
      set_state (self, MD_STATE_LOADING);
    }
  else if (g_error_matches (error, MD_API_ERROR, MD_API_ERROR_NOT_FOUND))
    {
      g_clear_object (&self->snapshot);
      set_error (self, _("This member no longer exists"));
      set_outcome (outcome, MD_OUTCOME_MEMBER_GONE, self->error, FALSE, FALSE);
      set_state (self, MD_STATE_LOAD_FAILED);
    }
  else
    {
      /* Said on the page next to the kept edits: it must name what failed. */
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Your change did not go through: %s"), error->message);

      set_outcome (outcome, MD_OUTCOME_SUBMIT_FAILED, message, FALSE, TRUE);
      set_error (self, message);
      set_state (self, MD_STATE_EDITABLE);
    }
}

gboolean
md_amendment_machine_begin_withdraw (MdAmendmentMachine *self)
{
  g_return_val_if_fail (MD_IS_AMENDMENT_MACHINE (self), FALSE);

  if (!md_amendment_machine_can_withdraw (self))
    return FALSE;

  set_error (self, NULL);
  set_state (self, MD_STATE_WITHDRAWING);

  return TRUE;
}

void
md_amendment_machine_withdraw_finished (MdAmendmentMachine *self,
                                        const GError       *error,
                                        MdOutcome          *outcome)
{
  g_return_if_fail (MD_IS_AMENDMENT_MACHINE (self));

  set_outcome (outcome, MD_OUTCOME_NONE, NULL, FALSE, FALSE);

  if (self->state != MD_STATE_WITHDRAWING)
    return;

  if (error == NULL)
    {
      self->withdrawn = TRUE;
      set_outcome (outcome, MD_OUTCOME_WITHDRAWN, _("Change withdrawn"), TRUE, FALSE);
      set_state (self, MD_STATE_LOADING);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_state (self, settled_state (self));
    }
  else if (g_error_matches (error, MD_API_ERROR, MD_API_ERROR_NOT_FOUND))
    {
      /* The re-read tells whether it was approved or rejected meanwhile. */
      set_outcome (outcome, MD_OUTCOME_WITHDRAW_GONE,
                   _("This change is no longer waiting: the studio may have decided on it"),
                   TRUE, FALSE);
      set_state (self, MD_STATE_LOADING);
    }
  else if (answer_lost (error))
    {
      self->verifying_withdraw = TRUE;
      set_outcome (outcome, MD_OUTCOME_UNCERTAIN,
                   _("The answer from the studio was lost. Checking whether the change was "
                     "withdrawn…"),
                   TRUE, FALSE);
      set_state (self, MD_STATE_LOADING);
    }
  else
    {
      /* The page still shows the waiting change: say the withdrawal failed. */
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The change could not be withdrawn: %s"), error->message);

      set_outcome (outcome, MD_OUTCOME_WITHDRAW_FAILED, message, FALSE, FALSE);
      set_error (self, error->message);
      set_state (self, settled_state (self));
    }
}

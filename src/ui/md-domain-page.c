/* md-domain-page.c: one domain of the open member, shown and edited
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-domain-page.h"
#include "md-error.h"
#include "md-field-rows.h"
#include "md-signature-dialog.h"
#include "md-validate.h"

/* Where the server points when it turns a signature down. */
#define SIGNATURE_REFERENCE "signature.base64SvgSignature"

struct _MdDomainPage
{
  GtkWidget            parent_instance;

  MdDomain             domain;
  MdAmendmentMachine  *machine;
  MdClient            *client;
  gint64               customer_id;
  GCancellable        *cancellable;

  /* The form's values. Kept across re-reads while it holds unsent edits. */
  MdRecord            *draft;
  GHashTable          *rows;            /* field name -> row */
  gboolean             drop_edits;      /* the edits were sent: the re-read replaces them */
  char                *server_field;    /* field the server refused, and why */
  char                *server_message;
  char                *server_value;    /* the refused value: the mark goes once it changes */

  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkLabel            *status_label;
  GtkImage            *status_icon;
  GtkSpinner          *busy_spinner;
  GtkRevealer         *notice_revealer;
  GtkLabel            *notice_label;
  GtkWidget           *notice_retry;
  AdwPreferencesGroup *pending_group;
  GtkBox              *form_box;
  GtkLabel            *field_errors_label;
  AdwPreferencesGroup *history_group;
  GList               *history_rows;
  GtkActionBar        *action_bar;

  GList               *pending_rows;
  gboolean             forms_stale;     /* rebuild when next shown */
  gboolean             form_editable;   /* the form was built with entry rows */
  GtkWidget           *form_group;      /* the form's group, NULL when none */
  MdRecord            *form_values;     /* what the form was built from: the draft
                                         * its entry rows are bound to, or the
                                         * values its read-only rows show */
  gboolean             form_kiosk;

  char                *studio;          /* named in the mandate the member signs */
  gboolean             kiosk;           /* a shared PC: some values are never shown */
  gboolean             load_again;      /* a refresh was asked for while loading */
  gboolean             notice_is_read;  /* the notice says a re-read failed */
  MdSignatureDialog   *signature_dialog;
};

enum {
  OUTCOME,
  SAVE_STARTED,
  SAVE_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MdDomainPage, md_domain_page, GTK_TYPE_WIDGET)

static void start_load    (MdDomainPage *self);
static void update_page   (MdDomainPage *self);
static void update_checks (MdDomainPage *self);

/* An answer belongs to the machine that asked: a page reopened for another
 * member never takes an old member's answer. */
typedef struct
{
  MdDomainPage       *page;
  MdAmendmentMachine *machine;
  guint               ticket;
} Request;

static Request *
request_new (MdDomainPage *self,
             guint         ticket)
{
  Request *request = g_new0 (Request, 1);

  request->page = g_object_ref (self);
  request->machine = g_object_ref (self->machine);
  request->ticket = ticket;

  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->page);
  g_object_unref (request->machine);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static gboolean
request_is_current (Request *request)
{
  return request->machine == request->page->machine;
}

static MdRecord *
current_values (MdDomainPage *self)
{
  MdSnapshot *snapshot;

  if (self->machine == NULL)
    return NULL;

  snapshot = md_amendment_machine_get_snapshot (self->machine);

  return snapshot != NULL ? md_snapshot_get_values (snapshot) : NULL;
}

static gboolean
has_edits (MdDomainPage *self)
{
  MdRecord *current = current_values (self);

  return self->draft != NULL && current != NULL && !md_record_equal (current, self->draft);
}

/* GTK announces no toast: the page's description carries its state and
 * the last notice, so a screen reader hears both. */
static void
update_description (MdDomainPage *self)
{
  const char *status = gtk_label_get_label (self->status_label);
  const char *notice = gtk_revealer_get_reveal_child (self->notice_revealer)
                       ? gtk_label_get_label (self->notice_label) : "";
  g_autofree char *text = *notice != '\0' ? g_strdup_printf ("%s. %s", status, notice)
                                           : g_strdup (status);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

/* @retry_action: what Try Again does, or NULL for no button. */
static void
set_notice (MdDomainPage *self,
            const char   *message,
            const char   *retry_action)
{
  gtk_label_set_label (self->notice_label, message != NULL ? message : "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->notice_retry), retry_action);
  gtk_widget_set_visible (self->notice_retry, retry_action != NULL);
  self->notice_is_read = g_strcmp0 (retry_action, "page.retry") == 0;
  gtk_revealer_set_reveal_child (self->notice_revealer, message != NULL);
  update_description (self);
}

static void
clear_server_error (MdDomainPage *self)
{
  g_clear_pointer (&self->server_field, g_free);
  g_clear_pointer (&self->server_message, g_free);
  g_clear_pointer (&self->server_value, g_free);
}

static void
on_draft_changed (MdDomainPage *self)
{
  update_checks (self);
}

static void
set_draft (MdDomainPage *self,
           MdRecord     *draft)
{
  if (self->draft == draft)
    return;

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);

  g_set_object (&self->draft, draft);

  if (self->draft != NULL)
    g_signal_connect_swapped (self->draft, "notify", G_CALLBACK (on_draft_changed), self);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
clear_form (MdDomainPage *self)
{
  clear_box (self->form_box);
  g_hash_table_remove_all (self->rows);
  self->form_group = NULL;
  self->form_editable = FALSE;
  g_clear_object (&self->form_values);
}

static void
clear_pending_rows (MdDomainPage *self)
{
  for (GList *l = self->pending_rows; l != NULL; l = l->next)
    adw_preferences_group_remove (self->pending_group, l->data);
  g_clear_pointer (&self->pending_rows, g_list_free);
}

static void
clear_history (MdDomainPage *self)
{
  for (GList *l = self->history_rows; l != NULL; l = l->next)
    adw_preferences_group_remove (self->history_group, l->data);
  g_clear_pointer (&self->history_rows, g_list_free);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), FALSE);
}

/* What became of this domain's changes, newest first, for as long as the
 * member is open: in memory only. */
static void
add_history (MdDomainPage *self,
             const char   *what)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%X");
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), what);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
  adw_preferences_group_add (self->history_group, row);
  self->history_rows = g_list_append (self->history_rows, row);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), TRUE);
}

/* The form: editable rows bound to the draft, or read-only rows of the
 * current values; rarely used fields tucked into an expander. */
static void
build_form (MdDomainPage *self)
{
  const MdDomainInfo *info = md_domain_get_info (self->domain);
  MdState state = md_amendment_machine_get_state (self->machine);
  /* A re-read after a save keeps the entry rows, greyed out, until it ends. */
  gboolean editable = state == MD_STATE_EDITABLE || state == MD_STATE_SUBMITTING ||
                      (state == MD_STATE_LOADING && self->form_editable);
  MdRecord *current = current_values (self);
  MdRecord *shown = editable ? self->draft : current;
  GtkWidget *group;
  GtkWidget *expander = NULL;

  /* Rows bound to the same draft, or showing the same values, stay: a
   * save passes through three states, and the address form with its
   * country list takes tens of milliseconds to build. */
  if (self->form_group != NULL && current != NULL && state != MD_STATE_PENDING &&
      state != MD_STATE_WITHDRAWING && self->form_editable == editable &&
      self->form_kiosk == self->kiosk &&
      (editable ? self->form_values == self->draft
                : md_record_equal (self->form_values, current)))
    {
      gtk_widget_set_sensitive (self->form_group, state == MD_STATE_EDITABLE || !editable);
      return;
    }

  clear_form (self);

  /* While a change waits, the side-by-side view says it all. */
  if (current == NULL || state == MD_STATE_PENDING || state == MD_STATE_WITHDRAWING)
    return;

  self->form_editable = editable;
  self->form_kiosk = self->kiosk;
  g_set_object (&self->form_values, shown);
  group = self->form_group = adw_preferences_group_new ();
  gtk_box_append (self->form_box, group);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const MdFieldInfo *field = &info->fields[i];
      GtkWidget *row;

      if (self->kiosk && field->kind == MD_FIELD_KIND_DATE_OF_BIRTH)
        continue;

      if (self->kiosk && field->kind == MD_FIELD_KIND_IBAN)
        {
          /* The account on file shows its last four characters only; a new
           * one is typed blind. */
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     md_field_row_new_masked (field, md_record_get_nth (current, i)));
          if (!editable)
            continue;
          row = md_field_row_new_secret_entry (field, self->draft, md_record_get_nth (current, i));
        }
      else if (editable)
        row = md_field_row_new_editable (field, self->draft);
      else
        row = md_field_row_new_readonly (field, md_record_get_nth (current, i));

      g_hash_table_insert (self->rows, (gpointer) field->name, row);

      if (field->advanced)
        {
          /* Unset extras of a read-only address are noise. */
          if (!editable && md_record_get_nth (current, i) == NULL)
            continue;

          if (expander == NULL)
            {
              expander = adw_expander_row_new ();
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                             _("More Address Details"));
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
            }
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
          if (md_record_get_nth (current, i) != NULL)
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
        }
      else
        {
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
    }

  gtk_widget_set_sensitive (group, state == MD_STATE_EDITABLE || !editable);
}

/* Current and proposed values side by side, the changed ones highlighted. */
static void
build_pending (MdDomainPage *self)
{
  const MdDomainInfo *info = md_domain_get_info (self->domain);
  MdSnapshot *snapshot = md_amendment_machine_get_snapshot (self->machine);
  MdAmendment *pending = snapshot != NULL ? md_snapshot_get_pending (snapshot) : NULL;
  MdRecord *proposed;
  MdRecord *current;

  clear_pending_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_group), pending != NULL);
  if (pending == NULL)
    return;

  proposed = md_amendment_get_values (pending);
  current = md_snapshot_get_values (snapshot);

  if (proposed == NULL)
    {
      adw_preferences_group_set_description (self->pending_group,
                                             _("A change is waiting for the studio's approval. "
                                               "The studio did not send what it changes."));
      return;
    }

  adw_preferences_group_set_description (self->pending_group,
                                         _("Each field shows its current value and, after the "
                                           "arrow, the proposed one. Changed values are "
                                           "highlighted."));

  for (guint i = 0; i < info->n_fields; i++)
    {
      const MdFieldInfo *field = &info->fields[i];
      const char *now = md_record_get_nth (current, i);
      const char *next = md_record_get_nth (proposed, i);
      g_autofree char *now_shown = NULL;
      g_autofree char *next_shown = NULL;
      gboolean changed = g_strcmp0 (now, next) != 0;

      if (self->kiosk && field->kind == MD_FIELD_KIND_DATE_OF_BIRTH)
        continue;

      if (self->kiosk && field->kind == MD_FIELD_KIND_IBAN)
        {
          now_shown = now != NULL ? md_iban_mask (now) : g_strdup ("");
          next_shown = next != NULL ? md_iban_mask (next) : g_strdup ("");
        }
      else
        {
          now_shown = md_field_format_value (field, now);
          next_shown = md_field_format_value (field, next);
        }
      g_autofree char *description = NULL;
      GtkWidget *row;
      GtkWidget *label;
      GtkWidget *arrow;

      if (now == NULL && next == NULL)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
      if (changed)
        {
          label = md_field_value_label_new (*now_shown ? now_shown : _("Not set"));
          gtk_widget_add_css_class (label, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
          arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
          gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
        }
      label = md_field_value_label_new (*next_shown ? next_shown : _("Not set"));
      if (changed)
        gtk_widget_add_css_class (label, "proposed-changed");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_widget_set_name (row, field->name);
      if (changed)
        gtk_widget_add_css_class (row, "changed");

      /* Translators: a field in a waiting change: "Street: now X, proposed Y" */
      description = g_strdup_printf (_("%s: now %s, proposed %s"), _(field->label),
                                     *now_shown ? now_shown : _("not set"),
                                     *next_shown ? next_shown : _("not set"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);

      adw_preferences_group_add (self->pending_group, row);
      self->pending_rows = g_list_prepend (self->pending_rows, row);
    }
}

/* Forms are built when they can be seen: a member opens faster when the
 * three pages out of view wait until they are shown. */
static void
refresh_forms (MdDomainPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->forms_stale = TRUE;
      return;
    }

  self->forms_stale = FALSE;
  build_form (self);
  build_pending (self);
  update_checks (self);
}

/* Inline marks on invalid fields and the actions' sensitivity: runs on
 * every keystroke, so it never rebuilds anything. */
static void
update_checks (MdDomainPage *self)
{
  const MdDomainInfo *info = md_domain_get_info (self->domain);
  MdRecord *current = current_values (self);
  g_autoptr(GString) errors = g_string_new (NULL);
  gboolean editable;

  editable = self->machine != NULL &&
             md_amendment_machine_get_state (self->machine) == MD_STATE_EDITABLE &&
             self->draft != NULL;

  for (guint i = 0; editable && current != NULL && i < info->n_fields; i++)
    {
      const MdFieldInfo *field = &info->fields[i];
      GtkWidget *row = g_hash_table_lookup (self->rows, field->name);
      const char *value = md_record_get_nth (self->draft, i);
      g_autofree char *message = NULL;

      if (g_strcmp0 (value, md_record_get_nth (current, i)) != 0)
        message = md_field_check (field, self->draft);

      if (message == NULL && g_strcmp0 (self->server_field, field->name) == 0)
        {
          if (g_strcmp0 (self->server_value, value) == 0)
            message = g_strdup (self->server_message);
          else
            clear_server_error (self);
        }

      if (row != NULL)
        md_field_row_set_error (row, message);

      if (message != NULL)
        {
          if (errors->len > 0)
            g_string_append_c (errors, '\n');
          /* Translators: "Postal code: Enter a German postal code, like 10969." */
          g_string_append_printf (errors, _("%s: %s"), _(field->label), message);
        }
    }

  gtk_label_set_label (self->field_errors_label, errors->str);
  gtk_widget_set_visible (GTK_WIDGET (self->field_errors_label), errors->len > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.save",
                                 editable &&
                                 md_amendment_machine_can_save (self->machine, self->draft));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.revert", editable && has_edits (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.withdraw",
                                 self->machine != NULL &&
                                 md_amendment_machine_can_withdraw (self->machine));
  /* Reading again is harmless at any time; a read in flight is followed
   * by one more at most. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.retry", self->machine != NULL);
}

static const char *
status_icon_name (MdDomainPage *self)
{
  MdSnapshot *snapshot = md_amendment_machine_get_snapshot (self->machine);

  if (snapshot == NULL)
    return "content-loading-symbolic";
  if (md_snapshot_get_pending (snapshot) != NULL)
    return "document-open-recent-symbolic";

  switch (md_snapshot_get_mode (snapshot))
    {
    case MD_AMENDMENT_MODE_INSTANT:
      return "document-edit-symbolic";
    case MD_AMENDMENT_MODE_REVIEWED:
      return "mail-send-symbolic";
    case MD_AMENDMENT_MODE_READ:
    case MD_AMENDMENT_MODE_UNKNOWN:
    default:
      return "changes-prevent-symbolic";
    }
}

static void
update_status (MdDomainPage *self)
{
  g_autofree char *status = md_amendment_machine_get_status_text (self->machine);
  MdState state = md_amendment_machine_get_state (self->machine);
  gboolean busy = state == MD_STATE_LOADING || state == MD_STATE_SUBMITTING ||
                  state == MD_STATE_WITHDRAWING;
  g_autofree char *text = NULL;

  if (state == MD_STATE_EDITABLE && md_amendment_machine_needs_signature (self->machine))
    text = g_strdup_printf ("%s. %s", status, _("Saving asks for the member’s signature."));
  else
    text = g_strdup (status);

  gtk_label_set_label (self->status_label, text);
  gtk_image_set_from_icon_name (self->status_icon, status_icon_name (self));
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->action_bar),
                          state == MD_STATE_EDITABLE || state == MD_STATE_SUBMITTING);

  update_description (self);
}

static void
update_page (MdDomainPage *self)
{
  MdState state;

  if (self->machine == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  state = md_amendment_machine_get_state (self->machine);

  if (md_amendment_machine_get_snapshot (self->machine) == NULL)
    {
      if (state == MD_STATE_LOAD_FAILED)
        {
          adw_status_page_set_description (self->error_page,
                                           md_amendment_machine_get_error (self->machine));
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      else
        {
          gtk_stack_set_visible_child_name (self->stack, "loading");
        }
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "form");
    }

  update_status (self);
  update_checks (self);
}

/* What a re-read does to the form: unsent edits stay, sent ones go. */
static void
take_snapshot (MdDomainPage *self,
               MdRecord     *previous_values,
               gboolean      keep_edits)
{
  MdRecord *current = current_values (self);
  gboolean edited;

  if (current == NULL)
    return;

  edited = self->draft != NULL && previous_values != NULL &&
           !md_record_equal (previous_values, self->draft);

  if (self->drop_edits || !(edited || keep_edits) || self->draft == NULL)
    {
      g_autoptr(MdRecord) fresh = md_record_copy (current);
      const MdDomainInfo *info = md_domain_get_info (self->domain);

      /* An IBAN reads best in groups of four; regrouping is no edit. */
      for (guint i = 0; i < info->n_fields; i++)
        {
          const char *value = md_record_get_nth (fresh, i);

          if (info->fields[i].kind == MD_FIELD_KIND_IBAN && value != NULL &&
              md_validate_iban (value, NULL))
            {
              g_autofree char *grouped = md_iban_format (value);

              md_record_set_nth (fresh, i, grouped);
            }
        }

      set_draft (self, fresh);
      clear_server_error (self);
    }
  self->drop_edits = FALSE;
}

static void
handle_outcome (MdDomainPage *self,
                MdOutcome    *outcome)
{
  switch (outcome->kind)
    {
    case MD_OUTCOME_NONE:
      return;

    case MD_OUTCOME_APPLIED:
    case MD_OUTCOME_QUEUED:
    case MD_OUTCOME_WITHDRAWN:
      self->drop_edits = TRUE;
      set_notice (self, NULL, NULL);
      break;

    case MD_OUTCOME_INVALID:
      g_clear_pointer (&self->server_field, g_free);
      g_clear_pointer (&self->server_message, g_free);
      g_clear_pointer (&self->server_value, g_free);
      if (outcome->field != NULL &&
          md_domain_info_find_field (md_domain_get_info (self->domain), outcome->field) >= 0)
        {
          self->server_field = g_strdup (outcome->field);
          self->server_message = g_strdup (outcome->message);
          self->server_value = g_strdup (md_record_get (self->draft, outcome->field));
        }
      set_notice (self, outcome->message, NULL);
      break;

    case MD_OUTCOME_SUBMIT_FAILED:
    case MD_OUTCOME_NOT_SENT:
      set_notice (self, outcome->message, "page.save");
      break;

    /* What is shown may be out of date: another read can settle it. */
    case MD_OUTCOME_REFRESH_FAILED:
      set_notice (self, outcome->message, "page.retry");
      break;

    case MD_OUTCOME_CONFLICT:
    case MD_OUTCOME_REFUSED:
    case MD_OUTCOME_UNCERTAIN:
    case MD_OUTCOME_WITHDRAW_GONE:
    case MD_OUTCOME_WITHDRAW_FAILED:
    case MD_OUTCOME_MEMBER_GONE:
      set_notice (self, outcome->message, NULL);
      break;

    case MD_OUTCOME_APPROVED:
    case MD_OUTCOME_REJECTED:
    case MD_OUTCOME_DECIDED:
    default:
      set_notice (self, NULL, NULL);
      break;
    }

  switch (outcome->kind)
    {
    case MD_OUTCOME_APPLIED:
    case MD_OUTCOME_QUEUED:
    case MD_OUTCOME_WITHDRAWN:
    case MD_OUTCOME_APPROVED:
    case MD_OUTCOME_REJECTED:
    case MD_OUTCOME_DECIDED:
      if (outcome->message != NULL)
        add_history (self, outcome->message);
      break;

    default:
      break;
    }

  g_signal_emit (self, signals[OUTCOME], 0, outcome->kind, outcome->message);

  if (outcome->refetch)
    start_load (self);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  MdDomainPage *self = request->page;
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(MdRecord) previous = NULL;
  g_autoptr(GError) error = NULL;
  MdAmendment *previous_pending = NULL;
  gint64 previous_pending_id = 0;
  MdOutcome outcome = { 0 };

  snapshot = md_client_get_domain_finish (MD_CLIENT (source), result, &error);
  if (!request_is_current (request))
    return;

  if (current_values (self) != NULL)
    previous = g_object_ref (current_values (self));
  if (md_amendment_machine_get_snapshot (self->machine) != NULL)
    previous_pending = md_snapshot_get_pending (md_amendment_machine_get_snapshot (self->machine));
  if (previous_pending != NULL)
    previous_pending_id = md_amendment_get_id (previous_pending);

  md_amendment_machine_load_finished (self->machine, request->ticket, snapshot, error, &outcome);

  if (snapshot != NULL && md_amendment_machine_get_snapshot (self->machine) == snapshot)
    {
      MdAmendment *pending = md_snapshot_get_pending (snapshot);
      gboolean unchanged = previous != NULL && outcome.kind == MD_OUTCOME_NONE &&
                           md_record_equal (previous, md_snapshot_get_values (snapshot)) &&
                           (pending != NULL) == (previous_pending != NULL) &&
                           (pending == NULL || md_amendment_get_id (pending) == previous_pending_id);

      take_snapshot (self, previous, outcome.keep_edits);
      /* A refresh that found nothing new leaves the form alone: whoever is
       * typing in it keeps the cursor. */
      if (!unchanged)
        refresh_forms (self);
      /* A read that went well ends what a failed one said. */
      if (outcome.kind == MD_OUTCOME_NONE && (!has_edits (self) || self->notice_is_read))
        set_notice (self, NULL, NULL);
      if (outcome.kind == MD_OUTCOME_NONE && has_edits (self) &&
          md_amendment_machine_get_state (self->machine) == MD_STATE_PENDING &&
          !gtk_revealer_get_reveal_child (self->notice_revealer))
        set_notice (self, _("Your unsent edits are kept: they come back once the waiting change "
                            "is decided or withdrawn."), NULL);
    }
  else if (snapshot == NULL && current_values (self) != NULL &&
           md_amendment_machine_get_state (self->machine) != MD_STATE_LOADING)
    {
      /* A failed re-read after a save: the rows greyed out for the wait
       * take edits again, or become entry rows if the form was read-only. */
      refresh_forms (self);
    }

  update_page (self);
  handle_outcome (self, &outcome);
  md_outcome_clear (&outcome);

  /* News arrived while this load ran: one more, never more in flight. */
  if (self->load_again)
    {
      self->load_again = FALSE;
      start_load (self);
    }
}

static void
start_load (MdDomainPage *self)
{
  guint ticket;

  if (self->machine == NULL || self->client == NULL)
    return;

  ticket = md_amendment_machine_begin_load (self->machine);
  if (ticket == 0)
    return;

  update_page (self);
  md_client_get_domain_async (self->client, self->customer_id, self->domain, self->cancellable,
                              on_loaded, request_new (self, ticket));
}

static void
close_signature_dialog (MdDomainPage *self)
{
  MdSignatureDialog *dialog = g_steal_pointer (&self->signature_dialog);

  if (dialog == NULL)
    return;

  /* Destroying it wipes the signature. */
  g_signal_handlers_disconnect_by_data (dialog, self);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_submitted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  MdDomainPage *self = request->page;
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(GError) error = NULL;
  MdOutcome outcome = { 0 };

  amendment = md_client_submit_finish (MD_CLIENT (source), result, &error);
  if (!request_is_current (request))
    return;

  md_amendment_machine_submit_finished (self->machine, amendment, error, &outcome);
  g_signal_emit (self, signals[SAVE_FINISHED], 0, outcome.kind == MD_OUTCOME_APPLIED);

  /* A signature the server turned down goes back to the member, who signs
   * again; every other answer ends the signing. */
  if (self->signature_dialog != NULL && outcome.kind == MD_OUTCOME_INVALID &&
      g_strcmp0 (outcome.field, SIGNATURE_REFERENCE) == 0)
    {
      md_signature_dialog_show_error (self->signature_dialog, outcome.message);
      update_page (self);
      update_checks (self);
      md_outcome_clear (&outcome);
      return;
    }

  close_signature_dialog (self);
  refresh_forms (self);
  update_page (self);
  handle_outcome (self, &outcome);
  update_checks (self);
  md_outcome_clear (&outcome);
}

static void
submit (MdDomainPage *self,
        const char   *signature)
{
  if (!md_amendment_machine_begin_submit (self->machine, self->draft))
    return;

  set_notice (self, NULL, NULL);
  refresh_forms (self);
  update_page (self);
  g_signal_emit (self, signals[SAVE_STARTED], 0);
  md_client_submit_async (self->client, self->customer_id, current_values (self), self->draft,
                          signature, self->cancellable, on_submitted, request_new (self, 0));
}

static void
signature_signed_cb (MdSignatureDialog *dialog,
                     const char        *signature,
                     MdDomainPage      *self)
{
  if (self->machine == NULL || self->draft == NULL ||
      !md_amendment_machine_can_save (self->machine, self->draft))
    return;

  md_signature_dialog_set_busy (dialog, TRUE);
  submit (self, signature);

  /* Not sent after all (the page changed under the dialog). */
  if (md_amendment_machine_get_state (self->machine) != MD_STATE_SUBMITTING)
    md_signature_dialog_set_busy (dialog, FALSE);
}

static void
signature_dialog_destroyed_cb (MdDomainPage *self)
{
  self->signature_dialog = NULL;
}

static void
open_signature_dialog (MdDomainPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->signature_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->signature_dialog));
      return;
    }

  self->signature_dialog = md_signature_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    md_record_get (self->draft, "accountHolder"),
                                                    md_record_get (self->draft, "iban"),
                                                    self->studio != NULL ? self->studio : "");
  g_signal_connect_object (self->signature_dialog, "signed",
                           G_CALLBACK (signature_signed_cb), self, 0);
  g_signal_connect_object (self->signature_dialog, "destroy",
                           G_CALLBACK (signature_dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->signature_dialog));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdDomainPage *self = MD_DOMAIN_PAGE (widget);

  if (self->machine == NULL || self->draft == NULL ||
      !md_amendment_machine_can_save (self->machine, self->draft))
    return;

  if (md_amendment_machine_needs_signature (self->machine))
    open_signature_dialog (self);
  else
    submit (self, NULL);
}

static void
revert_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdDomainPage *self = MD_DOMAIN_PAGE (widget);
  g_autoptr(MdRecord) fresh = NULL;

  if (current_values (self) == NULL || !has_edits (self))
    return;

  fresh = md_record_copy (current_values (self));
  set_draft (self, fresh);
  clear_server_error (self);
  set_notice (self, NULL, NULL);
  refresh_forms (self);
  update_page (self);
}

static void
on_withdrawn (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  MdDomainPage *self = request->page;
  g_autoptr(GError) error = NULL;
  MdOutcome outcome = { 0 };

  md_client_withdraw_finish (MD_CLIENT (source), result, &error);
  if (!request_is_current (request))
    return;

  md_amendment_machine_withdraw_finished (self->machine, error, &outcome);
  update_page (self);
  handle_outcome (self, &outcome);
  md_outcome_clear (&outcome);
}

static void
on_withdraw_response (AdwMessageDialog *dialog,
                      const char       *response,
                      MdDomainPage     *self)
{
  MdSnapshot *snapshot;
  gint64 id;

  if (g_strcmp0 (response, "withdraw") != 0 || self->machine == NULL)
    return;

  snapshot = md_amendment_machine_get_snapshot (self->machine);
  if (!md_amendment_machine_begin_withdraw (self->machine))
    return;

  id = md_amendment_get_id (md_snapshot_get_pending (snapshot));
  update_page (self);
  md_client_withdraw_async (self->client, self->customer_id, id, self->cancellable,
                            on_withdrawn, request_new (self, 0));
}

static void
withdraw_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdDomainPage *self = MD_DOMAIN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->machine == NULL || !md_amendment_machine_can_withdraw (self->machine))
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Withdraw This Change?"),
                                   _("The studio will no longer see it. This cannot be undone: "
                                     "to change these details again, send a new change."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Waiting"),
                                    "withdraw", _("_Withdraw"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "withdraw",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_withdraw_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* After a failed first read, or a failed re-read after a change. */
static void
retry_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  md_domain_page_reload (MD_DOMAIN_PAGE (widget));
}

static void
md_domain_page_map (GtkWidget *widget)
{
  MdDomainPage *self = MD_DOMAIN_PAGE (widget);

  GTK_WIDGET_CLASS (md_domain_page_parent_class)->map (widget);

  if (self->forms_stale && self->machine != NULL)
    refresh_forms (self);
}

static void
md_domain_page_dispose (GObject *object)
{
  MdDomainPage *self = MD_DOMAIN_PAGE (object);

  md_domain_page_close (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_DOMAIN_PAGE);

  G_OBJECT_CLASS (md_domain_page_parent_class)->dispose (object);
}

static void
md_domain_page_finalize (GObject *object)
{
  MdDomainPage *self = MD_DOMAIN_PAGE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_free (self->studio);

  G_OBJECT_CLASS (md_domain_page_parent_class)->finalize (object);
}

static void
md_domain_page_class_init (MdDomainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_domain_page_dispose;
  object_class->finalize = md_domain_page_finalize;
  widget_class->map = md_domain_page_map;

  /**
   * MdDomainPage::outcome:
   * @kind: an #MdOutcomeKind
   * @message: what to tell the user
   *
   * Something happened that deserves a toast.
   */
  signals[OUTCOME] = g_signal_new ("outcome",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  /**
   * MdDomainPage::save-started:
   *
   * A change went out to the server.
   */
  signals[SAVE_STARTED] = g_signal_new ("save-started",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);

  /**
   * MdDomainPage::save-finished:
   * @applied: the server applied the change at once
   *
   * The server answered the change of the last ::save-started. A save
   * cut short by closing or reopening the page has no answer.
   */
  signals[SAVE_FINISHED] = g_signal_new ("save-finished",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/md-domain-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, notice_retry);
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, pending_group);
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, form_box);
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, field_errors_label);
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, MdDomainPage, action_bar);

  gtk_widget_class_install_action (widget_class, "page.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "page.revert", NULL, revert_activated);
  gtk_widget_class_install_action (widget_class, "page.withdraw", NULL, withdraw_activated);
  gtk_widget_class_install_action (widget_class, "page.retry", NULL, retry_activated);
}

static void
md_domain_page_init (MdDomainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  update_checks (self);
}

MdDomainPage *
md_domain_page_new (MdDomain domain)
{
  MdDomainPage *self;

  g_return_val_if_fail (domain < MD_N_DOMAINS, NULL);

  self = g_object_new (MD_TYPE_DOMAIN_PAGE, NULL);
  self->domain = domain;
  gtk_widget_set_name (GTK_WIDGET (self), md_domain_get_info (domain)->id);

  return self;
}

MdDomain
md_domain_page_get_domain (MdDomainPage *self)
{
  g_return_val_if_fail (MD_IS_DOMAIN_PAGE (self), MD_DOMAIN_CONTACT);

  return self->domain;
}

MdAmendmentMachine *
md_domain_page_get_machine (MdDomainPage *self)
{
  g_return_val_if_fail (MD_IS_DOMAIN_PAGE (self), NULL);

  return self->machine;
}

MdRecord *
md_domain_page_get_draft (MdDomainPage *self)
{
  g_return_val_if_fail (MD_IS_DOMAIN_PAGE (self), NULL);

  return self->draft;
}

void
md_domain_page_open (MdDomainPage *self,
                     MdClient     *client,
                     gint64        customer_id)
{
  g_return_if_fail (MD_IS_DOMAIN_PAGE (self));
  g_return_if_fail (MD_IS_CLIENT (client));

  md_domain_page_close (self);

  self->client = g_object_ref (client);
  self->customer_id = customer_id;
  self->cancellable = g_cancellable_new ();
  self->machine = md_amendment_machine_new (self->domain);

  start_load (self);
}

void
md_domain_page_set_kiosk (MdDomainPage *self,
                          gboolean      kiosk)
{
  g_return_if_fail (MD_IS_DOMAIN_PAGE (self));

  self->kiosk = !!kiosk;
  if (self->machine != NULL)
    refresh_forms (self);
}

void
md_domain_page_set_studio (MdDomainPage *self,
                           const char   *studio)
{
  g_return_if_fail (MD_IS_DOMAIN_PAGE (self));

  g_free (self->studio);
  self->studio = g_strdup (studio);
}

MdSignatureDialog *
md_domain_page_get_signature_dialog (MdDomainPage *self)
{
  g_return_val_if_fail (MD_IS_DOMAIN_PAGE (self), NULL);

  return self->signature_dialog;
}

void
md_domain_page_close (MdDomainPage *self)
{
  g_return_if_fail (MD_IS_DOMAIN_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->machine);
  close_signature_dialog (self);
  set_draft (self, NULL);
  clear_server_error (self);
  self->customer_id = 0;
  self->load_again = FALSE;
  self->drop_edits = FALSE;

  /* Nothing of the member stays in a widget either. */
  if (self->form_box != NULL)
    {
      clear_form (self);
      clear_pending_rows (self);
      clear_history (self);
      gtk_widget_set_visible (GTK_WIDGET (self->pending_group), FALSE);
      set_notice (self, NULL, NULL);
      update_page (self);
      update_checks (self);
    }
}

void
md_domain_page_reload (MdDomainPage *self)
{
  g_return_if_fail (MD_IS_DOMAIN_PAGE (self));

  if (self->machine == NULL)
    return;

  /* However many times it is asked for, at most one load runs and one
   * more follows it. */
  if (md_amendment_machine_get_state (self->machine) == MD_STATE_LOADING)
    {
      self->load_again = TRUE;
      return;
    }

  start_load (self);
}

/* md-identify-page.c: a member identifies at a kiosk
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Customer number and date of birth are checked here, against the master
 * data fetched for that number: nothing is shown before they match, an
 * unknown number and a wrong date get the same answer, and what was
 * fetched for a failed attempt is dropped at once.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-error.h"
#include "md-identify.h"
#include "md-identify-page.h"

#define MAX_ATTEMPTS 5

struct _MdIdentifyPage
{
  GtkWidget         parent_instance;

  MdClient         *client;
  GCancellable     *cancellable;   /* set while a check runs */
  MdIdentifyGuard  *guard;
  guint             lock_timer;

  GtkWidget        *box;
  AdwEntryRow      *number_row;
  AdwEntryRow      *birth_row;
  GtkLabel         *message_label;
  GtkSpinner       *spinner;
};

G_DEFINE_FINAL_TYPE (MdIdentifyPage, md_identify_page, GTK_TYPE_WIDGET)

enum
{
  IDENTIFIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_message (MdIdentifyPage *self,
             const char     *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->box),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message != NULL ? message : "", -1);
}

static gboolean
is_locked (MdIdentifyPage *self)
{
  return md_identify_guard_is_locked (self->guard, g_get_monotonic_time ());
}

static void
update_actions (MdIdentifyPage *self)
{
  gboolean busy = self->cancellable != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Read-only rather than insensitive: a focused field that turns
   * insensitive loses the focus behind GTK's back. */
  gtk_editable_set_editable (GTK_EDITABLE (self->number_row), !busy && !is_locked (self));
  gtk_editable_set_editable (GTK_EDITABLE (self->birth_row), !busy && !is_locked (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "identify.continue",
                                 !busy && !is_locked (self) &&
                                 *gtk_editable_get_text (GTK_EDITABLE (self->number_row)) != '\0' &&
                                 *gtk_editable_get_text (GTK_EDITABLE (self->birth_row)) != '\0');
}

static gboolean
lock_tick (gpointer user_data)
{
  MdIdentifyPage *self = MD_IDENTIFY_PAGE (user_data);
  gint64 now = g_get_monotonic_time ();
  gint64 until = md_identify_guard_locked_until (self->guard);

  if (until <= now)
    {
      self->lock_timer = 0;
      set_message (self, NULL);
      update_actions (self);
      return G_SOURCE_REMOVE;
    }
  else
    {
      guint seconds = (guint) ((until - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
      g_autofree char *text = NULL;

      text = g_strdup_printf (ngettext ("Too many attempts. Try again in %u second.",
                                        "Too many attempts. Try again in %u seconds.",
                                        seconds),
                              seconds);
      set_message (self, text);
      update_actions (self);
      return G_SOURCE_CONTINUE;
    }
}

static void
start_lock_countdown (MdIdentifyPage *self)
{
  if (self->lock_timer == 0)
    self->lock_timer = g_timeout_add_seconds (1, lock_tick, self);
  lock_tick (self);
}

static void
clear_form (MdIdentifyPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->birth_row), "");
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MdIdentifyPage) self = user_data;
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer_id;
  GDate date;

  snapshot = md_client_get_domain_finish (MD_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (error != NULL && !g_error_matches (error, MD_API_ERROR, MD_API_ERROR_NOT_FOUND))
    {
      /* Not the member's fault: no attempt is counted. */
      set_message (self, _("Member Desk could not reach the studio. Try again in a moment, "
                           "or ask at the front desk."));
      update_actions (self);
      return;
    }

  if (snapshot != NULL &&
      md_identify_customer_number (gtk_editable_get_text (GTK_EDITABLE (self->number_row)),
                                   &customer_id) &&
      md_identify_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->birth_row)), &date) &&
      md_identify_matches (md_snapshot_get_values (snapshot), &date))
    {
      md_identify_guard_record_success (self->guard);
      clear_form (self);
      set_message (self, NULL);
      update_actions (self);
      g_signal_emit (self, signals[IDENTIFIED], 0, customer_id);
      return;
    }

  /* An unknown number and a wrong date read the same; the fetched data is
   * dropped with the snapshot. */
  md_identify_guard_record_failure (self->guard, g_get_monotonic_time ());
  gtk_editable_set_text (GTK_EDITABLE (self->birth_row), "");
  if (is_locked (self))
    start_lock_countdown (self);
  else
    set_message (self, _("The customer number and date of birth do not match. Check both and "
                         "try again."));
  update_actions (self);
}

static void
continue_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdIdentifyPage *self = MD_IDENTIFY_PAGE (widget);
  gint64 customer_id;
  GDate date;

  if (self->cancellable != NULL || is_locked (self))
    return;

  if (self->client == NULL)
    {
      set_message (self, _("This computer is not connected to a studio yet. Please ask at the "
                           "front desk."));
      return;
    }

  if (!md_identify_customer_number (gtk_editable_get_text (GTK_EDITABLE (self->number_row)),
                                    &customer_id))
    {
      set_message (self, _("Enter your customer number, digits only. It is on your membership "
                           "card."));
      gtk_widget_grab_focus (GTK_WIDGET (self->number_row));
      return;
    }

  if (!md_identify_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->birth_row)), &date))
    {
      set_message (self, _("Enter your date of birth as day, month and year, like 24.12.1990."));
      gtk_widget_grab_focus (GTK_WIDGET (self->birth_row));
      return;
    }

  set_message (self, NULL);
  self->cancellable = g_cancellable_new ();
  update_actions (self);
  md_client_get_domain_async (self->client, customer_id, MD_DOMAIN_MASTER, self->cancellable,
                              on_checked, g_object_ref (self));
}

static void
on_changed (MdIdentifyPage *self)
{
  update_actions (self);
}

static void
on_number_activated (MdIdentifyPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->birth_row));
}

static void
on_birth_activated (MdIdentifyPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "identify.continue", NULL);
}

static void
md_identify_page_dispose (GObject *object)
{
  MdIdentifyPage *self = MD_IDENTIFY_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->guard);
  g_clear_handle_id (&self->lock_timer, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (object), MD_TYPE_IDENTIFY_PAGE);

  G_OBJECT_CLASS (md_identify_page_parent_class)->dispose (object);
}

static void
md_identify_page_class_init (MdIdentifyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_identify_page_dispose;

  /**
   * MdIdentifyPage::identified:
   * @customer_id: the member who identified
   *
   * Number and date of birth matched.
   */
  signals[IDENTIFIED] = g_signal_new ("identified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/md-identify-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdIdentifyPage, box);
  gtk_widget_class_bind_template_child (widget_class, MdIdentifyPage, number_row);
  gtk_widget_class_bind_template_child (widget_class, MdIdentifyPage, birth_row);
  gtk_widget_class_bind_template_child (widget_class, MdIdentifyPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, MdIdentifyPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_number_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_birth_activated);

  gtk_widget_class_install_action (widget_class, "identify.continue", NULL, continue_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
md_identify_page_init (MdIdentifyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->guard = md_identify_guard_new (MAX_ATTEMPTS);
  update_actions (self);
}

MdIdentifyPage *
md_identify_page_new (void)
{
  return g_object_new (MD_TYPE_IDENTIFY_PAGE, NULL);
}

void
md_identify_page_set_client (MdIdentifyPage *self,
                             MdClient       *client)
{
  g_return_if_fail (MD_IS_IDENTIFY_PAGE (self));
  g_return_if_fail (client == NULL || MD_IS_CLIENT (client));

  md_identify_page_reset (self);
  g_set_object (&self->client, client);
}

void
md_identify_page_focus (MdIdentifyPage *self)
{
  g_return_if_fail (MD_IS_IDENTIFY_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->number_row));
}

void
md_identify_page_reset (MdIdentifyPage *self)
{
  g_return_if_fail (MD_IS_IDENTIFY_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_form (self);
  if (!is_locked (self))
    set_message (self, NULL);
  update_actions (self);
}

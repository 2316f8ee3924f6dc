/* md-connect-page.c: connecting to a studio with its address and API key
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-connect-page.h"
#include "md-error.h"

/* Long enough for a slow studio server, short enough that nobody gives up
 * waiting at the front desk. */
#define CHECK_TIMEOUT_SECONDS 10

struct _MdConnectPage
{
  GtkWidget     parent_instance;

  /* Set while a key check runs; a check whose cancellable is no longer
   * this one was cancelled or superseded and must not touch the page. */
  GCancellable *cancellable;
  gboolean      connecting;

  AdwEntryRow  *address_row;
  AdwEntryRow  *key_row;
  GtkWidget    *test_button;
  GtkWidget    *connect_button;
  GtkWidget    *cancel_button;
  GtkWidget    *result_box;
  GtkWidget    *result_spinner;
  GtkImage     *result_icon;
  GtkLabel     *result_label;
  GtkLabel     *result_detail;
  GtkWidget    *key_reveal_button;
};

enum {
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MdConnectPage, md_connect_page, GTK_TYPE_WIDGET)

typedef enum
{
  VERDICT_GOOD,
  VERDICT_BAD,
  VERDICT_NEUTRAL,
} Verdict;

typedef struct
{
  MdConnectPage *page;
  GCancellable  *cancellable;
} Check;

static Check *
check_new (MdConnectPage *self)
{
  Check *check = g_new0 (Check, 1);

  check->page = g_object_ref (self);
  check->cancellable = g_object_ref (self->cancellable);

  return check;
}

static void
check_free (Check *check)
{
  g_object_unref (check->page);
  g_object_unref (check->cancellable);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Check, check_free)

/* Pasted from an e-mail, both fields often carry stray blanks. */
static char *
get_field (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
fields_filled (MdConnectPage *self)
{
  g_autofree char *url = get_field (self->address_row);
  g_autofree char *key = get_field (self->key_row);

  return *url != '\0' && *key != '\0';
}

static gboolean
is_busy (MdConnectPage *self)
{
  return self->cancellable != NULL;
}

static void
update_actions (MdConnectPage *self)
{
  gboolean ready = !is_busy (self) && fields_filled (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.test", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.connect", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.cancel", is_busy (self));
}

static void
clear_result (MdConnectPage *self)
{
  gtk_widget_set_visible (self->result_box, FALSE);
  gtk_label_set_label (self->result_label, "");
  gtk_label_set_label (self->result_detail, "");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
show_result (MdConnectPage *self,
             Verdict        verdict,
             const char    *text,
             const char    *detail)
{
  static const char * const icons[] = {
    [VERDICT_GOOD] = "emblem-ok-symbolic",
    [VERDICT_BAD] = "dialog-error-symbolic",
    [VERDICT_NEUTRAL] = "dialog-information-symbolic",
  };
  static const char * const classes[] = {
    [VERDICT_GOOD] = "success",
    [VERDICT_BAD] = "error",
    [VERDICT_NEUTRAL] = "dim-label",
  };
  g_autofree char *description = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), classes[verdict]);
  gtk_image_set_from_icon_name (self->result_icon, icons[verdict]);
  gtk_widget_set_visible (GTK_WIDGET (self->result_icon), TRUE);
  gtk_widget_set_visible (self->result_spinner, FALSE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->result_spinner), FALSE);

  gtk_label_set_label (self->result_label, text);
  gtk_label_set_label (self->result_detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->result_detail), detail != NULL && *detail != '\0');
  gtk_widget_set_visible (self->result_box, TRUE);

  /* GTK 4.8 has no announcements: a screen reader finds the verdict in
   * the page's description. */
  if (detail != NULL && *detail != '\0')
    /* Translators: a connection test's verdict, then its detail */
    description = g_strdup_printf (_("%s: %s"), text, detail);
  else
    description = g_strdup (text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
show_busy (MdConnectPage *self)
{
  const char *text = _("Checking the address and the key…");

  gtk_widget_set_visible (GTK_WIDGET (self->result_icon), FALSE);
  gtk_widget_set_visible (self->result_spinner, TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->result_spinner), TRUE);
  gtk_label_set_label (self->result_label, text);
  gtk_label_set_label (self->result_detail, "");
  gtk_widget_set_visible (GTK_WIDGET (self->result_detail), FALSE);
  gtk_widget_set_visible (self->result_box, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
show_error (MdConnectPage *self,
            const GError  *error)
{
  if (g_error_matches (error, MD_API_ERROR, MD_API_ERROR_INSECURE))
    show_result (self, VERDICT_BAD,
                 _("The address must start with https:// (plain http is only allowed for "
                   "this computer)"),
                 NULL);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    show_result (self, VERDICT_BAD, _("This is not a valid address"), error->message);
  else if (g_error_matches (error, MD_API_ERROR, MD_API_ERROR_UNAUTHORIZED))
    show_result (self, VERDICT_BAD, _("The studio rejected this API key"), NULL);
  else if (g_error_matches (error, MD_API_ERROR, MD_API_ERROR_FORBIDDEN))
    show_result (self, VERDICT_BAD,
                 _("The studio does not allow this API key to use the self-service API"),
                 NULL);
  else if (g_error_matches (error, MD_API_ERROR, MD_API_ERROR_NETWORK) ||
           g_error_matches (error, MD_API_ERROR, MD_API_ERROR_TIMEOUT))
    show_result (self, VERDICT_BAD, _("The studio could not be reached at this address"),
                 error->message);
  else
    show_result (self, VERDICT_BAD, _("The studio answered, but not as expected"),
                 error->message);
}

/* Buttons that turn insensitive would drop the keyboard focus out of the
 * page, and with it the Escape that cancels. */
static void
move_focus (MdConnectPage *self,
            GtkWidget     *from,
            GtkWidget     *to)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && gtk_root_get_focus (root) == from)
    gtk_widget_grab_focus (to);
}

static void
set_busy (MdConnectPage *self,
          GCancellable  *cancellable)
{
  GtkWidget *start_button = self->connecting ? self->connect_button : self->test_button;

  g_set_object (&self->cancellable, cancellable);
  gtk_widget_set_visible (self->cancel_button, cancellable != NULL);
  update_actions (self);

  if (cancellable != NULL)
    {
      move_focus (self, self->test_button, self->cancel_button);
      move_focus (self, self->connect_button, self->cancel_button);
    }
  else
    {
      move_focus (self, self->cancel_button, start_button);
    }
}

/* Drops the running check without a verdict; the caller says what, if
 * anything, the user is told. */
static void
cancel_check (MdConnectPage *self)
{
  if (!is_busy (self))
    return;

  g_cancellable_cancel (self->cancellable);
  set_busy (self, NULL);
}

static void
on_key_checked (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Check) check = user_data;
  MdConnectPage *self = check->page;
  MdClient *client = MD_CLIENT (source);
  g_autoptr(GError) error = NULL;
  gboolean valid;

  valid = md_client_check_key_finish (client, result, &error);
  if (check->cancellable != self->cancellable)
    return;

  set_busy (self, NULL);

  if (!valid)
    {
      g_debug ("Key check failed: %s %d", g_quark_to_string (error->domain), error->code);
      show_error (self, error);
      return;
    }

  if (!self->connecting)
    {
      show_result (self, VERDICT_GOOD, _("Connected: the key is valid"), NULL);
      return;
    }

  clear_result (self);
  g_signal_emit (self, signals[CONNECTED], 0, client);
  /* A password field hands its text to anyone on the accessibility bus.
   * The handler may have disposed of the page already. */
  if (self->key_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
}

static void
start_check (MdConnectPage *self,
             gboolean       connecting)
{
  g_autofree char *url = get_field (self->address_row);
  g_autofree char *key = get_field (self->key_row);
  g_autoptr(MdClient) client = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;

  if (is_busy (self) || *url == '\0' || *key == '\0')
    return;

  /* The address on its own first: a refused key must not read as a bad
   * address, nor the other way round. */
  client = md_client_new (url, NULL, &error);
  if (client == NULL)
    {
      show_error (self, error);
      return;
    }
  g_clear_object (&client);

  client = md_client_new (url, key, &error);
  if (client == NULL)
    {
      show_result (self, VERDICT_BAD, _("This is not a valid API key"), error->message);
      return;
    }
  md_client_set_timeout (client, CHECK_TIMEOUT_SECONDS);

  cancellable = g_cancellable_new ();
  self->connecting = connecting;
  set_busy (self, cancellable);
  show_busy (self);

  md_client_check_key_async (client, self->cancellable, on_key_checked, check_new (self));
}

static void
test_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  start_check (MD_CONNECT_PAGE (widget), FALSE);
}

static void
connect_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  start_check (MD_CONNECT_PAGE (widget), TRUE);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdConnectPage *self = MD_CONNECT_PAGE (widget);

  if (!is_busy (self))
    return;

  cancel_check (self);
  show_result (self, VERDICT_NEUTRAL, _("The check was cancelled"), NULL);
}

/* A verdict about other values than those shown would mislead. */
static void
on_field_changed (MdConnectPage *self)
{
  cancel_check (self);
  clear_result (self);
  update_actions (self);
}

static void
on_address_activated (MdConnectPage *self)
{
  g_autofree char *key = get_field (self->key_row);

  if (*key == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "connect.connect", NULL);
}

static void
on_key_activated (MdConnectPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "connect.connect", NULL);
}

static void
update_key_reveal_label (MdConnectPage *self)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->key_row));

  if (self->key_reveal_button == NULL || !GTK_IS_TEXT (text))
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->key_reveal_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_text_get_visibility (GTK_TEXT (text)) ?
                                  _("Hide the API key") : _("Show the API key"),
                                  -1);
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_visible (child))
        return child;

      if ((found = find_button (child)) != NULL)
        return found;
    }

  return NULL;
}

/* libadwaita 1.2 names neither the rows' text fields nor the key's
 * show-text button for a screen reader: only the row has the title. */
static void
label_entry_rows (MdConnectPage *self)
{
  AdwEntryRow *rows[] = { self->address_row, self->key_row };
  GtkEditable *key_text;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (rows[i]));
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i]));

      if (text != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (text),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                        -1);
    }

  self->key_reveal_button = find_button (GTK_WIDGET (self->key_row));
  if (self->key_reveal_button != NULL)
    gtk_widget_set_name (self->key_reveal_button, "key-reveal-button");
  key_text = gtk_editable_get_delegate (GTK_EDITABLE (self->key_row));
  if (key_text != NULL)
    g_signal_connect_object (key_text, "notify::visibility",
                             G_CALLBACK (update_key_reveal_label), self, G_CONNECT_SWAPPED);
  update_key_reveal_label (self);
}

/* Leaving the page ends the check and forgets the key. */
static void
md_connect_page_unmap (GtkWidget *widget)
{
  MdConnectPage *self = MD_CONNECT_PAGE (widget);

  cancel_check (self);
  if (self->key_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");

  GTK_WIDGET_CLASS (md_connect_page_parent_class)->unmap (widget);
}

static void
md_connect_page_dispose (GObject *object)
{
  MdConnectPage *self = MD_CONNECT_PAGE (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->key_reveal_button = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_CONNECT_PAGE);
  /* The template's top box is not bound, so it is not unparented above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (md_connect_page_parent_class)->dispose (object);
}

static void
md_connect_page_class_init (MdConnectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_connect_page_dispose;
  widget_class->unmap = md_connect_page_unmap;

  /**
   * MdConnectPage::connected:
   * @client: the client for the studio, its key checked
   *
   * The user pressed Connect and the studio accepted the key.
   */
  signals[CONNECTED] = g_signal_new ("connected",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, MD_TYPE_CLIENT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/md-connect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdConnectPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, MdConnectPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, MdConnectPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, MdConnectPage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, MdConnectPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MdConnectPage, result_box);
  gtk_widget_class_bind_template_child (widget_class, MdConnectPage, result_spinner);
  gtk_widget_class_bind_template_child (widget_class, MdConnectPage, result_icon);
  gtk_widget_class_bind_template_child (widget_class, MdConnectPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, MdConnectPage, result_detail);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_address_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_key_activated);

  gtk_widget_class_install_action (widget_class, "connect.test", NULL, test_activated);
  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_activated);
  gtk_widget_class_install_action (widget_class, "connect.cancel", NULL, cancel_activated);
}

static void
md_connect_page_init (MdConnectPage *self)
{
  GtkEventController *shortcuts;
  GtkShortcut *escape;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Escape cancels a check wherever the focus went in the window; while
   * nothing runs the action is disabled and Escape passes on. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  escape = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                             gtk_named_action_new ("connect.cancel"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), escape);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  label_entry_rows (self);
  update_actions (self);
}

MdConnectPage *
md_connect_page_new (void)
{
  return g_object_new (MD_TYPE_CONNECT_PAGE, NULL);
}

void
md_connect_page_set_base_url (MdConnectPage *self,
                              const char    *url)
{
  g_return_if_fail (MD_IS_CONNECT_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->address_row), url != NULL ? url : "");
}

/* md-preferences-window.c: the studio connection and what is remembered
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "md-application.h"
#include "md-pin.h"
#include "md-preferences-window.h"

/* The server-language values behind the language row, in its order. */
static const char * const server_languages[] = { "", "en", "de" };

struct _MdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  char                 *current_base_url;
  gboolean              demo;

  AdwActionRow         *address_row;
  AdwActionRow         *saved_row;
  GtkSwitch            *remember_switch;
  GtkWidget            *forget_button;
  GtkSwitch            *kiosk_switch;
  GtkSpinButton        *timeout_spin;
  AdwActionRow         *pin_row;
  AdwComboRow          *language_row;
  AdwPreferencesGroup  *live_group;
  GtkSpinButton        *webhook_port_spin;
  AdwEntryRow          *webhook_address_row;
  AdwEntryRow          *webhook_key_row;
  GtkSpinButton        *poll_spin;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CURRENT_BASE_URL,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  WEBHOOK_KEY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MdPreferencesWindow, md_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_address (MdPreferencesWindow *self)
{
  const char *text;

  if (self->demo)
    text = _("Demo studio on this computer");
  else if (self->current_base_url != NULL && *self->current_base_url != '\0')
    text = self->current_base_url;
  else
    text = _("Not connected");

  adw_action_row_set_subtitle (self->address_row, text);
}

/* The toast goes unannounced in GTK 4.8: the row says it too, and takes
 * the focus the insensitive button would otherwise drop. */
static void
update_saved (MdPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "base-url");
  gboolean saved = *url != '\0';
  GtkRoot *root = gtk_widget_get_root (self->forget_button);
  gboolean had_focus = root != NULL && gtk_root_get_focus (root) == self->forget_button;

  adw_action_row_set_subtitle (self->saved_row, saved ? url : _("No address is saved"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.forget-address", saved);

  if (had_focus && !saved)
    gtk_widget_grab_focus (GTK_WIDGET (self->saved_row));
}

static void
update_change_action (MdPreferencesWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.change-studio",
                                 gtk_window_get_transient_for (GTK_WINDOW (self)) != NULL);
}

static void
forget_address_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MdPreferencesWindow *self = MD_PREFERENCES_WINDOW (widget);
  g_autofree char *url = g_settings_get_string (self->settings, "base-url");
  GtkApplication *app;
  AdwToast *toast;

  if (*url == '\0')
    return;

  g_settings_reset (self->settings, "base-url");
  /* Backends may tell "changed" later; the page must not lag behind. */
  update_saved (self);

  /* The key goes with its address. */
  app = gtk_window_get_application (gtk_window_get_transient_for (GTK_WINDOW (self)) != NULL
                                    ? gtk_window_get_transient_for (GTK_WINDOW (self))
                                    : GTK_WINDOW (self));
  if (MD_IS_APPLICATION (app))
    md_secret_store_clear_async (md_application_get_secret_store (MD_APPLICATION (app)), url,
                                 MD_SECRET_API_KEY, NULL, NULL, NULL);

  toast = adw_toast_new (_("The saved studio address and its key were forgotten"));
  adw_toast_set_timeout (toast, 4);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* The parent window drops the connection and shows the start, where
 * another studio or the demo can be chosen. */
static void
change_studio_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent == NULL)
    return;

  if (!gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-welcome", NULL))
    g_debug ("The parent window has no win.show-welcome action");

  gtk_window_close (GTK_WINDOW (widget));
}

static void
update_pin_row (MdPreferencesWindow *self)
{
  g_autofree char *hash = g_settings_get_string (self->settings, "staff-pin-hash");

  adw_action_row_set_subtitle (self->pin_row,
                               *hash != '\0' ? _("Set. Staff enter it to leave kiosk mode or "
                                                  "change settings.")
                                              : _("Not set. Kiosk mode keeps staff functions "
                                                  "locked until a PIN is set."));
}

static void
on_pin_response (AdwMessageDialog    *dialog,
                 const char          *response,
                 MdPreferencesWindow *self)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkEditable *first = GTK_EDITABLE (gtk_widget_get_first_child (box));
  GtkEditable *second = GTK_EDITABLE (gtk_widget_get_last_child (box));
  g_autofree char *pin = g_strdup (gtk_editable_get_text (first));
  g_autofree char *again = g_strdup (gtk_editable_get_text (second));
  g_autofree char *message = NULL;
  g_autofree char *hash = NULL;

  gtk_editable_set_text (first, "");
  gtk_editable_set_text (second, "");

  if (g_strcmp0 (response, "set") != 0)
    return;

  if (!md_pin_is_valid (pin, &message))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
  else if (!g_str_equal (pin, again))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("The two PINs differ. Nothing was changed.")));
  else
    {
      hash = md_pin_hash (pin);
      g_settings_set_string (self->settings, "staff-pin-hash", hash);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Staff PIN set")));
    }

  memset (pin, 0, strlen (pin));
  memset (again, 0, strlen (again));
}

static GtkWidget *
pin_entry_new (const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  /* Dots, as in the kiosk's PIN dialog (see md-window.c). */
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PIN);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  return entry;
}

static void
set_pin_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MdPreferencesWindow *self = MD_PREFERENCES_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *box;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Set Staff PIN"),
                                                       _("4 to 12 digits. Staff enter it at the "
                                                         "kiosk to reach settings or to quit.")));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), pin_entry_new (_("New PIN")));
  gtk_box_append (GTK_BOX (box), pin_entry_new (_("New PIN again")));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "set", _("_Set PIN"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "set", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "set");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_pin_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static MdSecretStore *
secret_store (MdPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkApplication *app = gtk_window_get_application (parent != NULL ? parent : GTK_WINDOW (self));

  return MD_IS_APPLICATION (app) ? md_application_get_secret_store (MD_APPLICATION (app)) : NULL;
}

static void
add_toast (MdPreferencesWindow *self,
           const char          *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
update_live_group (MdPreferencesWindow *self)
{
  g_autofree char *address = g_settings_get_string (self->settings, "webhook-address");
  gboolean connected = self->current_base_url != NULL && *self->current_base_url != '\0';

  gtk_editable_set_text (GTK_EDITABLE (self->webhook_address_row), address);
  /* The demo studio has a receiver of its own; a key belongs to a studio. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->live_group), !self->demo);
  gtk_widget_set_sensitive (GTK_WIDGET (self->webhook_key_row), connected);
  if (self->demo)
    adw_preferences_group_set_description (self->live_group,
                                           _("The demo studio sends its webhooks to Member Desk "
                                             "by itself."));
}

static void
on_webhook_address_apply (MdPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->webhook_address_row))));
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);

  if (address == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->webhook_address_row), "error");
      add_toast (self, _("Type an IP address of this computer, such as 127.0.0.1"));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->webhook_address_row), "error");
  g_settings_set_string (self->settings, "webhook-address", text);
}

static void
on_webhook_key_stored (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(MdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!md_secret_store_store_finish (MD_SECRET_STORE (source), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The webhook key could not be saved: %s"),
                                               error->message);

      add_toast (self, text);
      return;
    }

  add_toast (self, _("Webhook key saved"));
  g_signal_emit (self, signals[WEBHOOK_KEY_CHANGED], 0);
}

/* The key goes straight into the secret store and leaves the row. */
static void
on_webhook_key_apply (MdPreferencesWindow *self)
{
  MdSecretStore *store = secret_store (self);
  g_autofree char *key = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->webhook_key_row)));

  gtk_editable_set_text (GTK_EDITABLE (self->webhook_key_row), "");
  if (store == NULL || self->current_base_url == NULL || *key == '\0')
    return;

  md_secret_store_store_async (store, self->current_base_url, MD_SECRET_WEBHOOK_KEY, key, NULL,
                               on_webhook_key_stored, g_object_ref (self));
  memset (key, 0, strlen (key));
}

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *code = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (server_languages); i++)
    {
      if (g_str_equal (code, server_languages[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (i < G_N_ELEMENTS (server_languages) ? server_languages[i] : "");
}

static void
md_preferences_window_constructed (GObject *object)
{
  MdPreferencesWindow *self = MD_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (md_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "remember-base-url",
                   self->remember_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::base-url",
                           G_CALLBACK (update_saved), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "kiosk-mode", self->kiosk_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "kiosk-idle-timeout",
                   gtk_spin_button_get_adjustment (self->timeout_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "server-language", self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, language_get_mapping,
                                language_set_mapping, NULL, NULL);
  g_signal_connect_object (self->settings, "changed::staff-pin-hash",
                           G_CALLBACK (update_pin_row), self, G_CONNECT_SWAPPED);
  update_pin_row (self);
  g_settings_bind (self->settings, "webhook-port",
                   gtk_spin_button_get_adjustment (self->webhook_port_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "poll-interval",
                   gtk_spin_button_get_adjustment (self->poll_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  update_live_group (self);

  update_address (self);
  update_saved (self);
  update_change_action (self);
}

static void
md_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (md_preferences_window_parent_class)->dispose (object);
}

static void
md_preferences_window_finalize (GObject *object)
{
  MdPreferencesWindow *self = MD_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->current_base_url, g_free);

  G_OBJECT_CLASS (md_preferences_window_parent_class)->finalize (object);
}

static void
md_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MdPreferencesWindow *self = MD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_CURRENT_BASE_URL:
      g_value_set_string (value, self->current_base_url);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MdPreferencesWindow *self = MD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_CURRENT_BASE_URL:
      self->current_base_url = g_value_dup_string (value);
      break;

    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_preferences_window_class_init (MdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = md_preferences_window_constructed;
  object_class->dispose = md_preferences_window_dispose;
  object_class->finalize = md_preferences_window_finalize;
  object_class->get_property = md_preferences_window_get_property;
  object_class->set_property = md_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_BASE_URL] =
    g_param_spec_string ("current-base-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/md-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, saved_row);
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, forget_button);
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, kiosk_switch);
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, pin_row);
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, live_group);
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, webhook_port_spin);
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, webhook_address_row);
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, webhook_key_row);
  gtk_widget_class_bind_template_child (widget_class, MdPreferencesWindow, poll_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_webhook_address_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_webhook_key_apply);

  /* The webhook key was saved: the window listens again with it. */
  signals[WEBHOOK_KEY_CHANGED] =
    g_signal_new ("webhook-key-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "prefs.change-studio", NULL,
                                   change_studio_activated);
  gtk_widget_class_install_action (widget_class, "prefs.forget-address", NULL,
                                   forget_address_activated);
  gtk_widget_class_install_action (widget_class, "prefs.set-pin", NULL, set_pin_activated);
}

static void
md_preferences_window_init (MdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::transient-for", G_CALLBACK (update_change_action), NULL);
}

MdPreferencesWindow *
md_preferences_window_new (GtkWindow  *parent,
                           GSettings  *settings,
                           const char *current_base_url,
                           gboolean    demo)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       "current-base-url", current_base_url,
                       "demo", demo,
                       NULL);
}

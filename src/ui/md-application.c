/* md-application.c: the Member Desk application
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-application.h"
#include "md-resources.h"
#include "md-libsecret-store.h"
#include "md-window.h"

struct _MdApplication
{
  AdwApplication  parent_instance;

  MdDemoServer   *demo_server;
  gboolean        demo_requested;
  gboolean        kiosk_requested;
  gint64          customer_requested;
  MdSecretStore  *secret_store;
};

G_DEFINE_FINAL_TYPE (MdApplication, md_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Start with the built-in demo studio"), NULL },
  { "kiosk", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Run as a kiosk on a shared PC: members identify, sessions are wiped"), NULL },
  { "customer", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT64, NULL,
    N_("Open the member with this customer number"), N_("N") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

MdApplication *
md_application_new (void)
{
  return g_object_new (MD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

MdSecretStore *
md_application_get_secret_store (MdApplication *self)
{
  g_return_val_if_fail (MD_IS_APPLICATION (self), NULL);

  /* Made on first use: a start without a saved studio never talks to the
   * Secret Service. */
  if (self->secret_store == NULL)
    self->secret_store = MD_SECRET_STORE (md_libsecret_store_new ());

  return self->secret_store;
}

void
md_application_set_secret_store (MdApplication *self,
                                 MdSecretStore *store)
{
  g_return_if_fail (MD_IS_APPLICATION (self));
  g_return_if_fail (MD_IS_SECRET_STORE (store));

  g_set_object (&self->secret_store, store);
}

gint64
md_application_get_requested_customer (MdApplication *self)
{
  g_return_val_if_fail (MD_IS_APPLICATION (self), 0);

  return self->customer_requested;
}

MdDemoServer *
md_application_get_demo_server (MdApplication *self)
{
  g_return_val_if_fail (MD_IS_APPLICATION (self), NULL);

  return self->demo_server;
}

gboolean
md_application_start_demo (MdApplication  *self,
                           GError        **error)
{
  g_autoptr(MdDemoServer) server = NULL;

  g_return_val_if_fail (MD_IS_APPLICATION (self), FALSE);

  if (self->demo_server != NULL)
    return TRUE;

  server = md_demo_server_new (NULL);
  if (!md_demo_server_listen (server, 0, error))
    return FALSE;

  g_debug ("Demo backend listening on port %u", md_demo_server_get_port (server));
  self->demo_server = g_steal_pointer (&server);

  return TRUE;
}

static int
md_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  gint64 customer = 0;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "member-desk", PACKAGE_VERSION);
      return 0;
    }

  /* Customer numbers start at 1: anything else is a typo, better said now
   * than as a "member not found" page later. GApplication leaves a 0 out of
   * the dictionary, so --customer=0 reads as no option. */
  if (g_variant_dict_lookup (options, "customer", "x", &customer) && customer <= 0)
    {
      g_printerr ("%s: %s\n", g_get_prgname (),
                  _("The customer number must be a positive number."));
      return 1;
    }

  return G_APPLICATION_CLASS (md_application_parent_class)->handle_local_options (app, options);
}

/* The one window: made on the first launch, presented on every later one. */
static MdWindow *
ensure_window (MdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GSettings) settings = NULL;

  if (window != NULL)
    return MD_WINDOW (window);

  settings = g_settings_new (APPLICATION_ID);
  window = GTK_WINDOW (md_window_new (self));
  if (self->kiosk_requested || g_settings_get_boolean (settings, "kiosk-mode"))
    md_window_set_kiosk (MD_WINDOW (window), TRUE);
  if (self->demo_requested)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.demo", NULL);
  else
    md_window_restore_connection (MD_WINDOW (window));

  return MD_WINDOW (window);
}

static void
md_application_activate (GApplication *app)
{
  MdApplication *self = MD_APPLICATION (app);
  MdWindow *window = ensure_window (self);

  /* Once connected, when the connection is still being restored. A kiosk
   * opens nobody who did not identify. */
  if (self->customer_requested > 0 && !md_window_get_kiosk (window))
    md_window_open_member (window, self->customer_requested);
  self->customer_requested = 0;

  gtk_window_present (GTK_WINDOW (window));
}

/* Runs in the first instance, for its own launch and for every later one:
 * a second `member-desk --customer N` opens N in the window already there. */
static int
md_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  MdApplication *self = MD_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  gint64 customer = 0;

  if (gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL)
    {
      self->demo_requested = g_variant_dict_contains (options, "demo");
      self->kiosk_requested = g_variant_dict_contains (options, "kiosk");
    }
  if (g_variant_dict_lookup (options, "customer", "x", &customer))
    self->customer_requested = customer;

  g_application_activate (app);
  return 0;
}

static void
md_application_dispose (GObject *object)
{
  MdApplication *self = MD_APPLICATION (object);

  g_clear_object (&self->demo_server);
  g_clear_object (&self->secret_store);

  G_OBJECT_CLASS (md_application_parent_class)->dispose (object);
}

/* At a kiosk, quitting and the About window's system details are for
 * staff. */
static gboolean
staff_allowed (GtkApplication *app,
               const char     *action)
{
  GtkWindow *window = gtk_application_get_active_window (app);

  return !MD_IS_WINDOW (window) || md_window_staff_allowed (MD_WINDOW (window), action);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  if (!staff_allowed (GTK_APPLICATION (user_data), "app.quit"))
    return;

  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Member Desk authors", NULL };

  if (!staff_allowed (app, "app.about"))
    return;

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Member Desk"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Member Desk authors"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/memberdesk/member-desk",
                         "issue-url", "https://github.com/memberdesk/member-desk/issues",
                         "comments", _("See a fitness studio member's profile and request "
                                       "changes to it through the studio's Open API."),
                         "developers", developers,
                         "copyright", "© 2026 The Member Desk authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
md_application_startup (GApplication *app)
{
  static const GActionEntry actions[] = {
    { "quit", quit_activated },
    { "about", about_activated },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (md_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
md_application_class_init (MdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  md_register_resource ();

  object_class->dispose = md_application_dispose;
  app_class->activate = md_application_activate;
  app_class->startup = md_application_startup;
  app_class->handle_local_options = md_application_handle_local_options;
  app_class->command_line = md_application_command_line;
}

static void
md_application_init (MdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

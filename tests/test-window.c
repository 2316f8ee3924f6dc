/* test-window.c: the window's first run: welcome, demo, connect and back
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "md-application.h"
#include "md-connect-page.h"
#include "md-memory-secret-store.h"
#include "md-preferences-window.h"
#include "md-test-ui.h"
#include "md-test-utils.h"
#include "md-window.h"

/* One registered application per process, as in the real program. */
static MdApplication *app;

static const char *
visible_page (MdWindow *window)
{
  GtkWidget *stack = gtk_widget_get_parent (gtk_widget_get_parent (
                       md_test_find_named (GTK_WIDGET (window), "demo-button")));

  /* The welcome page's box sits in a status page inside the main stack. */
  while (stack != NULL && !GTK_IS_STACK (stack))
    stack = gtk_widget_get_parent (stack);
  g_assert_nonnull (stack);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static void
test_first_run (void)
{
  MdWindow *window = md_window_new (app);
  GtkWidget *badge;

  gtk_window_present (GTK_WINDOW (window));
  md_test_wait_for_layout (GTK_WIDGET (window));

  /* No studio yet: the welcome page, and no demo marker. */
  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Member Desk");
  g_assert_null (md_application_get_demo_server (app));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-connect", NULL);
  g_assert_cmpstr (visible_page (window), ==, "connect");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-welcome", NULL);
  g_assert_cmpstr (visible_page (window), ==, "welcome");

  /* "Try with demo data" starts the embedded backend and shows the desk,
   * marked as demo data, with the demo members to pick from. */
  g_signal_emit_by_name (md_test_find_named (GTK_WIDGET (window), "demo-button"), "clicked");
  g_assert_nonnull (md_application_get_demo_server (app));
  g_assert_cmpuint (md_demo_server_get_port (md_application_get_demo_server (app)), >, 0);
  g_assert_cmpstr (visible_page (window), ==, "desk");
  badge = md_test_find_named (GTK_WIDGET (window), "demo-badge");
  g_assert_true (gtk_widget_get_visible (badge));
  /* Ready to type a customer number (the entry's inner text takes the focus). */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         md_test_find_named (GTK_WIDGET (window), "member-entry")));

  /* Changing studio forgets the demo connection. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-welcome", NULL);
  g_assert_cmpstr (visible_page (window), ==, "welcome");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A studio connected on the connect page is used, and its address saved
 * only when the user lets the app remember it. */
static void
test_connected_studio (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(MdDemoServer) studio = md_demo_server_new ("studio-key");
  g_autoptr(MdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *saved = NULL;
  MdWindow *window = md_window_new (app);
  GtkWindow *preferences;
  GtkWindow *shortcuts;
  GtkWidget *connect_page;

  g_assert_true (md_demo_server_listen (studio, 0, &error));
  url = md_demo_server_get_base_url (studio);
  client = md_client_new (url, "studio-key", &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));

  g_settings_set_boolean (settings, "remember-base-url", FALSE);
  g_settings_reset (settings, "base-url");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-connect", NULL);
  connect_page = md_test_find_type (GTK_WIDGET (window), MD_TYPE_CONNECT_PAGE);
  g_assert_nonnull (connect_page);
  g_signal_emit_by_name (connect_page, "connected", client);
  g_assert_cmpstr (visible_page (window), ==, "desk");
  /* A real studio: no demo marker. */
  g_assert_false (gtk_widget_get_visible (md_test_find_named (GTK_WIDGET (window), "demo-badge")));
  saved = g_settings_get_string (settings, "base-url");
  g_assert_cmpstr (saved, ==, "");

  g_settings_set_boolean (settings, "remember-base-url", TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-connect", NULL);
  g_signal_emit_by_name (connect_page, "connected", client);
  g_free (saved);
  saved = g_settings_get_string (settings, "base-url");
  g_assert_cmpstr (saved, ==, url);

  /* Preferences open over the window. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  preferences = md_test_find_toplevel (MD_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  gtk_window_destroy (preferences);

  /* So does the keyboard shortcuts window, built on demand. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-shortcuts", NULL);
  shortcuts = md_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_window_destroy (shortcuts);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
page_is (gpointer data)
{
  const char * const *wanted = data;

  return g_strcmp0 (visible_page (MD_WINDOW ((gpointer) wanted[0])), wanted[1]) == 0;
}

static void
wait_for_page (MdWindow   *window,
               const char *name)
{
  const char *wanted[] = { (const char *) window, name };

  g_assert_true (md_test_spin_until (page_is, wanted));
}

static gboolean
secret_error_shown (gpointer data)
{
  return md_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* The key of a remembered studio is kept in the secret store, never in the
 * settings, and the next start connects with it; without a Secret Service
 * an administrator's key file stands in, and without either the user is
 * told why and asked for the key. */
static void
test_remembered_key (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(MdMemorySecretStore) store = md_memory_secret_store_new ();
  g_autoptr(MdDemoServer) studio = md_demo_server_new ("studio-key");
  g_autoptr(MdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) no_service = NULL;
  g_autofree char *url = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *keys_dir = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) key_names = NULL;
  AdwMessageDialog *dialog;
  MdWindow *window;

  md_application_set_secret_store (app, MD_SECRET_STORE (store));
  g_assert_true (md_demo_server_listen (studio, 0, &error));
  url = md_demo_server_get_base_url (studio);
  client = md_client_new (url, "studio-key", &error);
  g_assert_no_error (error);

  g_settings_set_boolean (settings, "remember-base-url", TRUE);
  window = md_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-connect", NULL);
  g_signal_emit_by_name (md_test_find_type (GTK_WIDGET (window), MD_TYPE_CONNECT_PAGE),
                         "connected", client);
  g_assert_cmpstr (visible_page (window), ==, "desk");
  gtk_window_destroy (GTK_WINDOW (window));

  /* One item, and no setting holds the key. */
  g_assert_cmpuint (md_memory_secret_store_get_n_items (store), ==, 1);
  g_object_get (settings, "settings-schema", &schema, NULL);
  key_names = g_settings_schema_list_keys (schema);
  for (guint i = 0; key_names[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, key_names[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, "studio-key"));
    }

  /* The next start connects by itself. */
  window = md_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  md_window_restore_connection (window);
  wait_for_page (window, "desk");
  gtk_window_destroy (GTK_WINDOW (window));

  /* No Secret Service, no key file: the reason, and the connect page. */
  no_service = g_error_new (MD_SECRET_ERROR, MD_SECRET_ERROR_NO_SERVICE,
                            "No password store is available. Ask your administrator for a key file.");
  md_memory_secret_store_set_error (store, no_service);
  window = md_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  md_window_restore_connection (window);
  g_assert_true (md_test_spin_until (secret_error_shown, NULL));
  dialog = ADW_MESSAGE_DIALOG (md_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "key file"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for_page (window, "connect");
  gtk_window_destroy (GTK_WINDOW (window));

  /* With the administrator's key file (private to the user), it connects. */
  keys = g_build_filename (g_get_user_config_dir (), "member-desk", "keys.ini", NULL);
  keys_dir = g_path_get_dirname (keys);
  g_assert_cmpint (g_mkdir_with_parents (keys_dir, 0700), ==, 0);
  contents = g_strdup_printf ("[%s]\napi-key=studio-key\n", url);
  g_assert_true (g_file_set_contents_full (keys, contents, -1, G_FILE_SET_CONTENTS_NONE, 0600,
                                           &error));
  g_assert_no_error (error);
  window = md_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  md_window_restore_connection (window);
  wait_for_page (window, "desk");
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (keys);

  md_memory_secret_store_set_error (store, NULL);
  g_settings_reset (settings, "base-url");
}

static void
test_application_actions (void)
{
  g_auto(GStrv) accels = NULL;
  g_autoptr(GBytes) overlay = NULL;

  /* Keyboard shortcuts, About and Quit are there, with their keys. */
  g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (app), "about") != NULL);
  g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (app), "quit") != NULL);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  overlay = g_resources_lookup_data ("/io/github/memberdesk/MemberDesk/ui/md-shortcuts-window.ui",
                                     0, NULL);
  g_assert_nonnull (overlay);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = g_dir_make_tmp ("md-window-XXXXXX", NULL);
  int status;

  /* The administrator's key file is looked for here, not in ~/.config. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = md_test_application_new ();

  g_test_add_func ("/window/first-run", test_first_run);
  g_test_add_func ("/window/connected-studio", test_connected_studio);
  g_test_add_func ("/window/remembered-key", test_remembered_key);
  g_test_add_func ("/window/application-actions", test_application_actions);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}

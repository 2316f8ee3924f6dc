/* test-window.c: the application window on a real display
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-application.h"
#include "md-window.h"

static gboolean
deadline_passed (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins until the window has a size, so that it was really laid out. */
static void
wait_for_allocation (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (20, deadline_passed, &timed_out);

  while (!timed_out && gtk_widget_get_width (widget) == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* One registered application per process, as in the real program. */
static MdApplication *app;

static void
run_window (gboolean demo)
{
  g_autoptr(GError) error = NULL;
  MdWindow *window;
  GtkWidget *badge;

  if (demo)
    {
      g_assert_true (md_application_start_demo (app, &error));
      g_assert_no_error (error);
      g_assert_nonnull (md_application_get_demo_server (app));
      g_assert_cmpuint (md_demo_server_get_port (md_application_get_demo_server (app)), >, 0);
    }
  else
    {
      g_assert_null (md_application_get_demo_server (app));
    }

  window = md_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_allocation (GTK_WIDGET (window));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Member Desk");
  badge = find_label (GTK_WIDGET (window), "Demo data");
  g_assert_nonnull (badge);
  /* The demo marker shows exactly when the data is not real. */
  g_assert_cmpint (gtk_widget_get_visible (badge), ==, demo);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_demo (void)
{
  run_window (TRUE);
}

static void
test_window_plain (void)
{
  run_window (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = md_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* Plain first: the demo backend, once started, stays for the process. */
  g_test_add_func ("/window/plain", test_window_plain);
  g_test_add_func ("/window/demo", test_window_demo);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}

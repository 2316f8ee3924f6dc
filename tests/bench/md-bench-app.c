/* md-bench-app.c: Member Desk as main.c starts it, instrumented for benchmarks
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "md-application.h"
#include "md-bench-common.h"
#include "md-test-ui.h"
#include "md-window.h"

/* Without --open this is main.c plus a first-frame report (run it with
 * --demo), so the start-up it measures is the real one. With --open it times
 * opening a member (four pages, loaded concurrently) against one GET of one
 * domain, at the same injected server latency. With --decide it times a
 * studio decision reaching the page through the webhook, against one GET. */

#define DEADLINE_MS 30000

static MdWindow *window;
static gint64 last_paint;
static guint n_paints;

static gboolean
deadline_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Sleeps in poll(), not in a busy loop: the demo server shares this thread. */
static gboolean
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gboolean expired = FALSE;
  guint source = g_timeout_add (DEADLINE_MS, deadline_cb, &expired);

  while (!done (data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (source);

  return !expired;
}

static gboolean
member_loaded (gpointer data)
{
  return md_window_is_member_loaded (window);
}

static gboolean
member_failed (void)
{
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      MdAmendmentMachine *machine = md_domain_page_get_machine (md_window_get_page (window, i));

      if (md_amendment_machine_get_state (machine) == MD_STATE_LOAD_FAILED)
        return TRUE;
    }

  return FALSE;
}

static gboolean
painted_since (gpointer data)
{
  return n_paints > GPOINTER_TO_UINT (data);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  last_paint = g_get_monotonic_time ();
  n_paints++;
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static gboolean
window_painted (gpointer data)
{
  return n_paints > 0;
}

/* Prints "open-member MS", "open-member-painted MS" (until the frame that
 * shows it) and "single-get MS" lines, alternating, for the parent to sum up. */
static int
run_open (int    argc,
          char **argv)
{
  g_autoptr(MdApplication) app = NULL;
  g_autoptr(MdClient) client = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gboolean open = FALSE;
  int runs = 10;
  int latency = 100;
  gint64 member = 1001;
  const GOptionEntry entries[] = {
    { "open", 0, 0, G_OPTION_ARG_NONE, &open, "Time opening a member", NULL },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Measured repetitions (10)", "N" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency, "Server latency (100)", "MS" },
    { "member", 0, 0, G_OPTION_ARG_INT64, &member, "Customer number (1001)", "ID" },
    { NULL }
  };
  MdDemoServer *server;

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || latency < 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Bad --runs or --latency-ms");
      return 2;
    }

  app = md_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("Cannot register the application: %s\n", error->message);
      return 1;
    }

  window = md_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.demo", NULL);
  server = md_application_get_demo_server (app);
  if (server == NULL || !spin_until (window_painted, NULL))
    {
      g_printerr ("The demo backend or the window did not come up\n");
      return 1;
    }

  md_demo_server_set_latency (server, latency);
  url = md_demo_server_get_base_url (server);
  client = md_client_new (url, "demo-key", &error);
  g_assert_no_error (error);

  /* Run 0 warms up connections, fonts and pages; it is not printed. */
  for (int run = 0; run <= runs; run++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(MdSnapshot) snapshot = NULL;
      guint paints;
      gint64 start;
      gint64 loaded;

      start = g_get_monotonic_time ();
      md_window_open_member (window, member);
      if (!spin_until (member_loaded, NULL) || member_failed ())
        {
          g_printerr ("Member %" G_GINT64_FORMAT " did not load\n", member);
          return 1;
        }
      loaded = g_get_monotonic_time ();
      paints = n_paints;
      if (!spin_until (painted_since, GUINT_TO_POINTER (paints)))
        {
          g_printerr ("No frame after loading\n");
          return 1;
        }
      if (run > 0)
        g_print ("open-member %.2f\nopen-member-painted %.2f\n",
                 (loaded - start) / 1000.0, (last_paint - start) / 1000.0);

      start = g_get_monotonic_time ();
      md_client_get_domain_async (client, member, MD_DOMAIN_CONTACT, NULL, got_result, &result);
      if (!spin_until (is_set, &result))
        {
          g_printerr ("The single GET did not finish\n");
          return 1;
        }
      snapshot = md_client_get_domain_finish (client, result, &error);
      if (snapshot == NULL)
        {
          g_printerr ("The single GET failed: %s\n", error->message);
          return 1;
        }
      if (run > 0)
        g_print ("single-get %.2f\n", (g_get_monotonic_time () - start) / 1000.0);
      fflush (stdout);
    }

  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}

static MdState
address_state (void)
{
  return md_amendment_machine_get_state (md_domain_page_get_machine (md_window_get_page (window,
                                                                                      MD_DOMAIN_ADDRESS)));
}

static gboolean
address_is (gpointer data)
{
  return address_state () == (MdState) GPOINTER_TO_INT (data);
}

/* Prints "decide MS" (the studio approves a waiting change, until the
 * page in view shows it: the webhook, its four reads, the frame) and
 * "single-get MS" lines, alternating. */
static int
run_decide (int    argc,
            char **argv)
{
  g_autoptr(MdApplication) app = NULL;
  g_autoptr(MdClient) client = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gboolean decide = FALSE;
  int runs = 10;
  const GOptionEntry entries[] = {
    { "decide", 0, 0, G_OPTION_ARG_NONE, &decide, "Time a decision reaching the page", NULL },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Measured repetitions (10)", "N" },
    { NULL }
  };
  MdDemoServer *server;
  GtkWidget *page;
  AdwViewStack *stack;

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Bad --runs");
      return 2;
    }

  app = md_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("Cannot register the application: %s\n", error->message);
      return 1;
    }

  window = md_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.demo", NULL);
  server = md_application_get_demo_server (app);
  if (server == NULL || !spin_until (window_painted, NULL))
    {
      g_printerr ("The demo backend or the window did not come up\n");
      return 1;
    }

  url = md_demo_server_get_base_url (server);
  client = md_client_new (url, "demo-key", &error);
  g_assert_no_error (error);

  /* 1002's address needs the studio's approval. */
  md_window_open_member (window, 1002);
  if (!spin_until (member_loaded, NULL) || member_failed ())
    {
      g_printerr ("Member 1002 did not load\n");
      return 1;
    }
  page = GTK_WIDGET (md_window_get_page (window, MD_DOMAIN_ADDRESS));
  stack = ADW_VIEW_STACK (gtk_widget_get_parent (page));
  adw_view_stack_set_visible_child (stack, page);

  for (int run = 0; run <= runs; run++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(MdSnapshot) snapshot = NULL;
      g_autofree char *street = g_strdup_printf ("Leopoldstraße %d", run + 1);
      MdAmendment *pending;
      guint paints;
      gint64 start;

      gtk_editable_set_text (GTK_EDITABLE (md_test_find_named (page, "street")), street);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
      if (!spin_until (address_is, GINT_TO_POINTER (MD_STATE_PENDING)))
        {
          g_printerr ("The change was not queued\n");
          return 1;
        }
      pending = md_snapshot_get_pending (md_amendment_machine_get_snapshot (md_domain_page_get_machine (MD_DOMAIN_PAGE (page))));

      start = g_get_monotonic_time ();
      if (pending == NULL || !md_demo_server_approve (server, 1002, md_amendment_get_id (pending)))
        {
          g_printerr ("No waiting change to approve\n");
          return 1;
        }
      if (!spin_until (address_is, GINT_TO_POINTER (MD_STATE_EDITABLE)))
        {
          g_printerr ("The decision did not reach the page\n");
          return 1;
        }
      paints = n_paints;
      if (!spin_until (painted_since, GUINT_TO_POINTER (paints)))
        {
          g_printerr ("No frame after the decision\n");
          return 1;
        }
      if (run > 0)
        g_print ("decide %.2f\n", (last_paint - start) / 1000.0);

      start = g_get_monotonic_time ();
      md_client_get_domain_async (client, 1002, MD_DOMAIN_ADDRESS, NULL, got_result, &result);
      if (!spin_until (is_set, &result))
        {
          g_printerr ("The single GET did not finish\n");
          return 1;
        }
      snapshot = md_client_get_domain_finish (client, result, &error);
      if (snapshot == NULL)
        {
          g_printerr ("The single GET failed: %s\n", error->message);
          return 1;
        }
      if (run > 0)
        g_print ("single-get %.2f\n", (g_get_monotonic_time () - start) / 1000.0);
      fflush (stdout);
    }

  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdApplication) app = NULL;

  md_bench_mark_main ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc > 1 && g_str_equal (argv[1], "--open"))
    return run_open (argc, argv);
  if (argc > 1 && g_str_equal (argv[1], "--decide"))
    return run_decide (argc, argv);

  app = md_application_new ();
  md_bench_watch_first_frame (GTK_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), argc, argv);
}

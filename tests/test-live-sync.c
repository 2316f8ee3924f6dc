/* test-live-sync.c: the studio decides, and the open member's page follows
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "md-application.h"
#include "md-connect-page.h"
#include "md-test-ui.h"
#include "md-test-utils.h"
#include "md-window.h"

#define SEEDED_PENDING G_GINT64_CONSTANT (1003000001)

static MdApplication *app;
static GSettings *settings;

typedef struct
{
  MdWindow *window;
  MdDomain  domain;
  MdState   state;
} StateWait;

static MdState
state_of (MdWindow *window,
          MdDomain  domain)
{
  MdAmendmentMachine *machine = md_domain_page_get_machine (md_window_get_page (window, domain));

  return machine != NULL ? md_amendment_machine_get_state (machine) : MD_STATE_LOADING;
}

static gboolean
has_state (gpointer data)
{
  StateWait *wait = data;

  return state_of (wait->window, wait->domain) == wait->state;
}

static void
wait_for_state (MdWindow *window,
                MdDomain  domain,
                MdState   state)
{
  StateWait wait = { window, domain, state };

  g_assert_true (md_test_spin_until (has_state, &wait));
}

static void
open_member (MdWindow   *window,
             const char *number)
{
  GtkWidget *entry = md_test_find_named (GTK_WIDGET (window), "member-entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), number);
  g_signal_emit_by_name (entry, "activate");
  md_test_wait_for_member (window);
}

/* The rows of the page's session history, as one text. */
static char *
history_of (MdWindow *window,
            MdDomain  domain)
{
  GtkWidget *group = md_test_find_named (GTK_WIDGET (md_window_get_page (window, domain)),
                                         "history-group");
  GString *text = g_string_new (NULL);
  guint n = md_test_count_type (group, ADW_TYPE_ACTION_ROW);
  GtkWidget *row = md_test_find_type (group, ADW_TYPE_ACTION_ROW);

  g_assert_true (n == 0 || row != NULL);
  for (GtkWidget *sibling = row; sibling != NULL; sibling = gtk_widget_get_next_sibling (sibling))
    {
      if (ADW_IS_ACTION_ROW (sibling))
        g_string_append_printf (text, "%s\n",
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (sibling)));
    }

  return g_string_free (text, FALSE);
}

static void
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* Without webhooks, a poll of the waiting domain finds the decision, and
 * reads nothing else. */
static void
test_poll (void)
{
  g_autoptr(MdDemoServer) studio = md_demo_server_new ("studio-key");
  g_autoptr(MdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *history = NULL;
  MdWindow *window;
  guint gets;

  g_assert_true (md_demo_server_listen (studio, 0, &error));
  url = md_demo_server_get_base_url (studio);
  client = md_client_new (url, "studio-key", &error);
  g_assert_no_error (error);
  g_settings_set_uint (settings, "poll-interval", 1);

  window = md_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-connect", NULL);
  g_signal_emit_by_name (md_test_find_type (GTK_WIDGET (window), MD_TYPE_CONNECT_PAGE),
                         "connected", client);

  open_member (window, "1003");
  g_assert_cmpint (state_of (window, MD_DOMAIN_ADDRESS), ==, MD_STATE_PENDING);
  gets = md_demo_server_get_request_count (studio, "GET");

  /* Staff approve in the studio; no webhook reaches this window. */
  g_assert_true (md_demo_server_approve (studio, 1003, SEEDED_PENDING));
  wait_for_state (window, MD_DOMAIN_ADDRESS, MD_STATE_EDITABLE);

  history = history_of (window, MD_DOMAIN_ADDRESS);
  g_assert_nonnull (strstr (history, "approved"));
  /* One read of the one waiting domain did it (two at most, for a poll
   * that was already on its way). */
  g_assert_cmpuint (md_demo_server_get_request_count (studio, "GET") - gets, >=, 1);
  g_assert_cmpuint (md_demo_server_get_request_count (studio, "GET") - gets, <=, 2);

  /* Nothing waits any more: no further reads, however long one waits. */
  gets = md_demo_server_get_request_count (studio, "GET");
  {
    gboolean waited = FALSE;

    g_timeout_add_once (2500, set_flag, &waited);
    md_test_spin_until_set (&waited);
  }
  g_assert_cmpuint (md_demo_server_get_request_count (studio, "GET"), ==, gets);

  g_settings_reset (settings, "poll-interval");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  settings = g_settings_new (APPLICATION_ID);
  app = md_test_application_new ();

  g_test_add_func ("/live-sync/poll", test_poll);

  status = g_test_run ();

  g_clear_object (&settings);
  g_clear_object (&app);

  return status;
}

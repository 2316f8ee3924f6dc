/* test-live-sync.c: the studio decides, and the open member's page follows
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "md-application.h"
#include "md-connect-page.h"
#include "md-preferences-window.h"
#include "md-studio-inbox.h"
#include "md-test-ui.h"
#include "md-test-utils.h"
#include "md-window.h"

#define SEEDED_PENDING G_GINT64_CONSTANT (1003000001)

static MdApplication *app;
static GSettings *settings;

static void
wait_for_state (MdWindow *window,
                MdDomain  domain,
                MdState   state)
{
  g_assert_true (md_test_wait_for_state (window, domain, state));
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

/* A new window connected to @client's studio, as the connect page does it. */
static MdWindow *
connect_window (MdClient *client)
{
  MdWindow *window = md_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-connect", NULL);
  g_signal_emit_by_name (md_test_find_type (GTK_WIDGET (window), MD_TYPE_CONNECT_PAGE),
                         "connected", client);
  return window;
}

/* A demo window that hears the demo studio's webhooks (and does not
 * poll), showing @number. */
static MdWindow *
open_live_member (const char    *number,
                  MdDemoServer **demo)
{
  MdWindow *window;

  g_settings_set_uint (settings, "poll-interval", 3600);
  window = md_test_live_demo_window_new (app);
  *demo = md_application_get_demo_server (app);
  md_demo_server_reset (*demo);
  open_member (window, number);
  return window;
}

static void
close_live_window (MdWindow *window)
{
  g_settings_reset (settings, "poll-interval");
  gtk_window_destroy (GTK_WINDOW (window));
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

  window = connect_window (client);

  open_member (window, "1003");
  g_assert_cmpint (md_test_page_state (window, MD_DOMAIN_ADDRESS), ==, MD_STATE_PENDING);
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

  close_live_window (window);
}


static void
type_into (MdWindow   *window,
           MdDomain    domain,
           const char *field,
           const char *text)
{
  g_assert_true (md_test_type_into (window, domain, field, text));
}

/* Sends a new street on 1002's reviewed address page: it waits. */
static void
submit_street (MdWindow   *window,
               const char *street)
{
  md_test_show_page (window, MD_DOMAIN_ADDRESS);
  type_into (window, MD_DOMAIN_ADDRESS, "street", street);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  wait_for_state (window, MD_DOMAIN_ADDRESS, MD_STATE_PENDING);
}

static MdStudioInbox *
open_inbox (MdWindow *window)
{
  GtkWindow *inbox;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.studio-inbox", NULL));
  inbox = md_test_find_toplevel (MD_TYPE_STUDIO_INBOX);
  g_assert_nonnull (inbox);
  g_assert_true (gtk_window_get_transient_for (inbox) == GTK_WINDOW (window));
  return MD_STUDIO_INBOX (inbox);
}

typedef struct
{
  MdWindow   *window;
  const char *text;
} ToastWait;

static gboolean
toast_says (gpointer data)
{
  ToastWait *wait = data;
  g_autofree char *text = md_test_get_toast_text (GTK_WIDGET (wait->window));

  return strstr (text, wait->text) != NULL;
}

static void
wait_for_toast (MdWindow   *window,
                const char *text)
{
  ToastWait wait = { window, text };

  g_assert_true (md_test_spin_until (toast_says, &wait));
}

/* The demo studio reaches the window through its webhook: a decision in
 * the studio inbox shows on the page without any poll. */
static void
test_webhook_decisions (void)
{
  MdDemoServer *demo;
  MdWindow *window;
  GtkWidget *button;
  g_autofree char *history = NULL;
  guint gets;

  window = open_live_member ("1002", &demo);

  /* Approved: the page shows the new street, says so, and keeps it in
   * the session's history. */
  submit_street (window, "Leopoldstraße 1");
  wait_for_toast (window, "approval");
  open_inbox (window);
  button = md_test_find_name_prefix (GTK_WIDGET (md_test_find_toplevel (MD_TYPE_STUDIO_INBOX)),
                                     "approve-");
  g_assert_nonnull (button);
  gets = md_demo_server_get_request_count (demo, "GET");
  md_test_press (button);
  wait_for_state (window, MD_DOMAIN_ADDRESS, MD_STATE_EDITABLE);
  g_assert_cmpstr (md_test_current_value (window, MD_DOMAIN_ADDRESS, "street"), ==, "Leopoldstraße 1");
  wait_for_toast (window, "approved");
  /* One webhook, one read of each part. */
  g_assert_cmpuint (md_demo_server_get_request_count (demo, "GET") - gets, ==, MD_N_DOMAINS);

  /* Rejected: the street stays as it was. */
  submit_street (window, "Marienplatz 8");
  button = md_test_find_name_prefix (GTK_WIDGET (md_test_find_toplevel (MD_TYPE_STUDIO_INBOX)),
                                     "reject-");
  g_assert_nonnull (button);
  md_test_press (button);
  wait_for_state (window, MD_DOMAIN_ADDRESS, MD_STATE_EDITABLE);
  g_assert_cmpstr (md_test_current_value (window, MD_DOMAIN_ADDRESS, "street"), ==, "Leopoldstraße 1");
  wait_for_toast (window, "not approved");

  history = history_of (window, MD_DOMAIN_ADDRESS);
  g_assert_nonnull (strstr (history, "approved"));
  g_assert_nonnull (strstr (history, "not approved"));

  gtk_window_destroy (GTK_WINDOW (md_test_find_toplevel (MD_TYPE_STUDIO_INBOX)));
  close_live_window (window);
}

static gint64
pending_id (MdWindow *window,
            MdDomain  domain)
{
  MdAmendmentMachine *machine = md_domain_page_get_machine (md_window_get_page (window, domain));

  return md_amendment_get_id (md_snapshot_get_pending (md_amendment_machine_get_snapshot (machine)));
}

typedef struct
{
  MdDemoServer *demo;
  guint         gets;
} GetWait;

static gboolean
gets_reached (gpointer data)
{
  GetWait *wait = data;

  return md_demo_server_get_request_count (wait->demo, "GET") >= wait->gets;
}

/* Someone else's instant change, through a client of its own: one GET and
 * one POST at the demo studio, which then sends a webhook. */
static void
change_elsewhere (MdDemoServer *demo,
                  gint64        customer_id,
                  MdDomain      domain,
                  const char   *field,
                  const char   *value)
{
  g_autofree char *url = md_demo_server_get_base_url (demo);
  g_autoptr(MdClient) client = md_client_new (url, "demo-key", NULL);
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(MdRecord) values = NULL;
  g_autoptr(MdAmendment) done = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = md_test_get_domain (client, customer_id, domain, &error);
  g_assert_no_error (error);
  values = md_record_copy (md_snapshot_get_values (snapshot));
  md_record_set (values, field, value);
  done = md_test_submit (client, customer_id, md_snapshot_get_values (snapshot), values, NULL,
                         &error);
  g_assert_no_error (error);
}

/* A webhook for another member reads nothing; one for the open member
 * reads every part and keeps what the user is typing. */
static void
test_webhook_keeps_edits (void)
{
  MdDemoServer *demo;
  MdWindow *window;
  GtkWidget *row;
  GetWait wait;
  guint gets;

  window = open_live_member ("1002", &demo);
  submit_street (window, "Sendlinger Straße 3");
  md_test_show_page (window, MD_DOMAIN_CONTACT);
  type_into (window, MD_DOMAIN_CONTACT, "email", "typed.not.sent@example.org");

  /* Another member's instant change sends a webhook for 1001. */
  gets = md_demo_server_get_request_count (demo, "GET");
  change_elsewhere (demo, 1001, MD_DOMAIN_CONTACT, "email", "someone.else@example.org");

  /* Then the studio approves 1002's street. Webhooks are handled in
   * order: once the window has read 1002's four parts, a read for 1001
   * would have come first. */
  g_assert_true (md_demo_server_approve (demo, 1002, pending_id (window, MD_DOMAIN_ADDRESS)));
  wait_for_state (window, MD_DOMAIN_ADDRESS, MD_STATE_EDITABLE);
  wait = (GetWait) { demo, gets + 1 + MD_N_DOMAINS };
  g_assert_true (md_test_spin_until (gets_reached, &wait));
  g_assert_cmpuint (md_demo_server_get_request_count (demo, "GET"), ==, gets + 1 + MD_N_DOMAINS);

  row = md_test_find_named (GTK_WIDGET (md_window_get_page (window, MD_DOMAIN_CONTACT)), "email");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "typed.not.sent@example.org");
  g_assert_cmpstr (md_test_current_value (window, MD_DOMAIN_ADDRESS, "street"), ==, "Sendlinger Straße 3");

  close_live_window (window);
}

typedef struct
{
  MdDemoServer *demo;
  guint         count;
} WebhookWait;

static gboolean
webhooks_reached (gpointer data)
{
  WebhookWait *wait = data;

  return md_demo_server_get_webhook_count (wait->demo) >= wait->count;
}

/* An instant save comes back as a CUSTOMER_UPDATED webhook like anyone
 * else's change: the window knows its own, reads nothing for it, and
 * still reads everything for a change made elsewhere at the same time. */
static void
test_webhook_own_echo (void)
{
  MdDemoServer *demo;
  MdWindow *window;
  WebhookWait webhooks;
  GetWait wait;
  guint gets;

  window = open_live_member ("1001", &demo);
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    wait_for_state (window, i, MD_STATE_EDITABLE);

  /* The save: one POST, one read of its part, and the echo reads nothing. */
  gets = md_demo_server_get_request_count (demo, "GET");
  md_test_show_page (window, MD_DOMAIN_CONTACT);
  type_into (window, MD_DOMAIN_CONTACT, "email", "own.change@example.org");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  wait_for_toast (window, "saved");
  wait_for_state (window, MD_DOMAIN_CONTACT, MD_STATE_EDITABLE);
  webhooks = (WebhookWait) { demo, 1 };
  g_assert_true (md_test_spin_until (webhooks_reached, &webhooks));
  /* The receiver has answered; its event follows from an idle. */
  md_test_run_pending_idles ();
  g_assert_cmpuint (md_demo_server_get_request_count (demo, "POST"), ==, 1);
  g_assert_cmpstr (md_test_current_value (window, MD_DOMAIN_CONTACT, "email"), ==, "own.change@example.org");

  /* Someone else changes the address: every part is read again, once. */
  change_elsewhere (demo, 1001, MD_DOMAIN_ADDRESS, "street", "Elsewhere 5");
  webhooks = (WebhookWait) { demo, 2 };
  g_assert_true (md_test_spin_until (webhooks_reached, &webhooks));
  md_test_run_pending_idles ();

  /* The other client's read and its POST count too. */
  wait = (GetWait) { demo, gets + 2 + MD_N_DOMAINS };
  g_assert_true (md_test_spin_until (gets_reached, &wait));
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    wait_for_state (window, i, MD_STATE_EDITABLE);
  g_assert_cmpstr (md_test_current_value (window, MD_DOMAIN_ADDRESS, "street"), ==, "Elsewhere 5");
  g_assert_cmpuint (md_demo_server_get_request_count (demo, "POST"), ==, 2);
  g_assert_cmpuint (md_demo_server_get_request_count (demo, "GET"), ==, gets + 2 + MD_N_DOMAINS);

  close_live_window (window);
}

static gboolean
profile_closed (gpointer data)
{
  AdwStatusPage *empty = data;

  return gtk_widget_get_mapped (GTK_WIDGET (empty)) &&
         g_strcmp0 (adw_status_page_get_title (empty), "Profile Closed") == 0;
}

static gboolean
empty_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* The studio deletes the open member, or turns off access to their data:
 * the profile closes and says which. */
static void
test_webhook_member_closed (void)
{
  MdDemoServer *demo;
  MdWindow *window;
  AdwStatusPage *empty;

  window = md_test_live_demo_window_new (app);
  demo = md_application_get_demo_server (app);
  empty = ADW_STATUS_PAGE (md_test_find_named (GTK_WIDGET (window), "empty-page"));
  g_assert_nonnull (empty);

  md_demo_server_reset (demo);
  open_member (window, "1003");
  /* Another member going changes nothing here. */
  g_assert_true (md_demo_server_remove_customer (demo, 1001, TRUE));
  g_assert_true (md_demo_server_remove_customer (demo, 1003, TRUE));
  g_assert_true (md_test_spin_until (profile_closed, empty));
  g_assert_nonnull (strstr (adw_status_page_get_description (empty), "deleted"));
  wait_for_toast (window, "deleted");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Member Desk");

  md_demo_server_reset (demo);
  open_member (window, "1002");
  g_assert_true (md_test_spin_until (empty_unmapped, empty));
  g_assert_true (md_demo_server_remove_customer (demo, 1002, FALSE));
  g_assert_true (md_test_spin_until (profile_closed, empty));
  g_assert_nonnull (strstr (adw_status_page_get_description (empty), "access"));

  md_demo_server_reset (demo);
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  gint64 last;
  gint64 longest;
  guint  frames;
} FrameGaps;

static gboolean
frame_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  FrameGaps *gaps = data;
  gint64 now = g_get_monotonic_time ();

  if (gaps->last != 0)
    gaps->longest = MAX (gaps->longest, now - gaps->last);
  gaps->last = now;
  gaps->frames++;

  return G_SOURCE_CONTINUE;
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

typedef struct
{
  guint       port;
  const char *key;
} Hook;

static gboolean
port_answers (gpointer data)
{
  const Hook *hook = data;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", hook->port);
  g_autofree char *body = md_test_webhook_body (999999, "probe", "CUSTOMER_UPDATED");
  g_autoptr(SoupSession) session = md_test_session_new ();
  g_autoptr(SoupMessage) msg = md_test_message_new (SOUP_METHOD_POST, url, "/webhook",
                                                    hook->key, body);
  g_autoptr(MdTestResponse) response = md_test_send (session, msg);

  return response->status == SOUP_STATUS_OK;
}

/* Webhooks set up in Preferences: without a key they stay off and the
 * window says so; the key typed into Preferences goes to the secret store
 * and the window listens with it. */
static void
test_webhook_preferences (void)
{
  g_autoptr(MdDemoServer) studio = md_demo_server_new ("studio-key");
  g_autoptr(MdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *address = NULL;
  Hook hook = { 0, "typed-key" };
  GtkWindow *prefs;
  GtkWidget *row;
  MdWindow *window;

  /* The studio first: a port found free before it listens could be the
   * one the system then gives the studio. */
  g_assert_true (md_demo_server_listen (studio, 0, &error));
  hook.port = free_port ();
  url = md_demo_server_get_base_url (studio);
  client = md_client_new (url, "studio-key", &error);
  g_assert_no_error (error);
  g_settings_set_uint (settings, "webhook-port", hook.port);

  window = connect_window (client);
  wait_for_toast (window, "no webhook key is saved");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  prefs = md_test_find_toplevel (MD_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);

  /* Not an address: marked, and nothing changes. */
  row = md_test_find_named (GTK_WIDGET (prefs), "webhook-address-row");
  gtk_editable_set_text (GTK_EDITABLE (row), "my laptop");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  address = g_settings_get_string (settings, "webhook-address");
  g_assert_cmpstr (address, ==, "127.0.0.1");

  row = md_test_find_named (GTK_WIDGET (prefs), "webhook-key-row");
  g_assert_true (gtk_widget_is_sensitive (row));
  gtk_editable_set_text (GTK_EDITABLE (row), hook.key);
  g_signal_emit_by_name (row, "apply");
  /* The row forgets it at once. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_true (md_test_spin_until (port_answers, &hook));

  gtk_window_destroy (prefs);
  g_settings_reset (settings, "webhook-port");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A studio connected with webhooks set up in Preferences (port, and the
 * key in the secret store). 1,000 webhooks for the open member, 50 at a
 * time: frames keep coming, the pages read a bounded number of times, and
 * the member's typed edits stay. */
static void
test_webhook_flood (void)
{
  g_autoptr(MdDemoServer) studio = md_demo_server_new ("studio-key");
  g_autoptr(MdClient) client = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *hook_url = NULL;
  MdSecretStore *store = md_application_get_secret_store (app);
  FrameGaps gaps = { 0, 0, 0 };
  MdWindow *window;
  GtkWidget *row;
  Hook hook = { 0, "flood-key" };
  guint gets, tick, frames_before;

  /* As above: the studio's port is taken before a free one is sought. */
  g_assert_true (md_demo_server_listen (studio, 0, &error));
  hook.port = free_port ();
  url = md_demo_server_get_base_url (studio);
  client = md_client_new (url, "studio-key", &error);
  g_assert_no_error (error);
  md_secret_store_store_async (store, md_client_get_base_url (client), MD_SECRET_WEBHOOK_KEY,
                               "flood-key", NULL, md_test_async_done, &stored);
  g_assert_true (md_secret_store_store_finish (store, md_test_wait_for_result (&stored), &error));
  g_settings_set_uint (settings, "webhook-port", hook.port);
  g_settings_set_uint (settings, "poll-interval", 3600);

  window = connect_window (client);
  g_assert_true (md_test_spin_until (port_answers, &hook));

  open_member (window, "1002");
  md_test_show_page (window, MD_DOMAIN_CONTACT);
  type_into (window, MD_DOMAIN_CONTACT, "email", "typing@example.org");
  /* Every read takes a while, so that reads would pile up if they could. */
  md_demo_server_set_latency (studio, 20);
  gets = md_demo_server_get_request_count (studio, "GET");

  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), frame_tick, &gaps, NULL);
  frames_before = gaps.frames;
  hook_url = g_strdup_printf ("http://127.0.0.1:%u", hook.port);
  g_assert_cmpuint (md_test_webhook_flood (hook_url, "flood-key", 1002, "flood", 1000, 50), ==, 1000);
  md_test_wait_for_member (window);
  {
    gboolean settled = FALSE;

    /* Reads still queued finish (later where everything runs slower). */
    g_timeout_add_once (500 * md_test_wait_multiplier (), set_flag, &settled);
    md_test_spin_until_set (&settled);
  }
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);

  g_test_message ("1000 webhooks: %u GETs, %u frames, longest gap between frames %.1f ms",
                  md_demo_server_get_request_count (studio, "GET") - gets,
                  gaps.frames - frames_before, gaps.longest / 1000.0);
  /* The main loop kept painting while the posts came in. Not where
   * everything runs many times slower (the sanitizers, valgrind): there
   * the posts alone keep the loop busy, whatever the window does. */
  if (md_test_wait_multiplier () == 1)
    g_assert_cmpuint (gaps.frames - frames_before, >=, 2);
  /* At least one read of each part, and no read per webhook: a page
   * reads at most once more while it reads. */
  g_assert_cmpuint (md_demo_server_get_request_count (studio, "GET") - gets, >=, MD_N_DOMAINS);
  g_assert_cmpuint (md_demo_server_get_request_count (studio, "GET") - gets, <=, 100);
  row = md_test_find_named (GTK_WIDGET (md_window_get_page (window, MD_DOMAIN_CONTACT)), "email");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "typing@example.org");

  g_settings_reset (settings, "webhook-port");
  close_live_window (window);
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
  g_test_add_func ("/live-sync/webhook-decisions", test_webhook_decisions);
  g_test_add_func ("/live-sync/webhook-keeps-edits", test_webhook_keeps_edits);
  g_test_add_func ("/live-sync/webhook-own-echo", test_webhook_own_echo);
  g_test_add_func ("/live-sync/webhook-member-closed", test_webhook_member_closed);
  g_test_add_func ("/live-sync/webhook-flood", test_webhook_flood);
  g_test_add_func ("/live-sync/webhook-preferences", test_webhook_preferences);

  status = g_test_run ();

  g_clear_object (&settings);
  g_clear_object (&app);

  return status;
}

/* test-connect-page.c: the "Connect to a studio" page on a real display
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-connect-page.h"
#include "md-demo-server.h"
#include "md-resources.h"
#include "md-test-ui.h"
#include "md-test-utils.h"

typedef struct
{
  MdDemoServer  *server;
  char          *base_url;
  GtkWindow     *window;
  MdConnectPage *page;
  MdClient      *connected;  /* what "connected" brought */
  guint          n_connected;
} Fixture;

static GtkWidget *
get_widget (Fixture    *fixture,
            const char *name)
{
  GtkWidget *widget = md_test_find_named (GTK_WIDGET (fixture->page), name);

  g_assert_nonnull (widget);

  return widget;
}

static void
set_text (Fixture    *fixture,
          const char *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (get_widget (fixture, row)), text);
}

static const char *
get_text (Fixture    *fixture,
          const char *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (get_widget (fixture, row)));
}

static GtkEditable *
get_delegate (Fixture    *fixture,
              const char *row)
{
  return gtk_editable_get_delegate (GTK_EDITABLE (get_widget (fixture, row)));
}

static const char *
verdict (Fixture *fixture)
{
  return gtk_label_get_label (GTK_LABEL (get_widget (fixture, "result-label")));
}

/* What a screen reader finds in the page's description. */
static void
assert_description (Fixture    *fixture,
                    const char *text)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->page),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
}

static gboolean
is_sensitive (Fixture    *fixture,
              const char *name)
{
  return gtk_widget_is_sensitive (get_widget (fixture, name));
}

static void
press (Fixture    *fixture,
       const char *button)
{
  md_test_press (get_widget (fixture, button));
}

static gboolean
check_done (gpointer data)
{
  Fixture *fixture = data;

  return !is_sensitive (fixture, "cancel-button") &&
         !gtk_widget_get_visible (get_widget (fixture, "cancel-button"));
}

/* Spins until the page is no longer checking; the deadline fails the test. */
static void
wait_for_check (Fixture *fixture)
{
  g_assert_true (md_test_spin_until (check_done, fixture));
}

static void
on_connected (MdConnectPage *page,
              MdClient      *client,
              Fixture       *fixture)
{
  g_assert_true (MD_IS_CLIENT (client));
  g_set_object (&fixture->connected, client);
  fixture->n_connected++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = md_demo_server_new (NULL);
  g_assert_true (md_demo_server_listen (fixture->server, 0, &error));
  g_assert_no_error (error);
  fixture->base_url = md_demo_server_get_base_url (fixture->server);

  fixture->page = md_connect_page_new ();
  g_signal_connect (fixture->page, "connected", G_CALLBACK (on_connected), fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, "Connect page test");
  gtk_window_set_default_size (fixture->window, 640, 600);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  md_test_wait_for_layout (GTK_WIDGET (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->connected);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->base_url, g_free);
}

/* Test and Connect need both fields. */
static void
test_needs_both_fields (Fixture       *fixture,
                        gconstpointer  data)
{
  g_assert_false (is_sensitive (fixture, "test-button"));
  g_assert_false (is_sensitive (fixture, "connect-button"));

  set_text (fixture, "address-row", fixture->base_url);
  g_assert_false (is_sensitive (fixture, "test-button"));
  g_assert_false (is_sensitive (fixture, "connect-button"));

  set_text (fixture, "key-row", "demo-key");
  g_assert_true (is_sensitive (fixture, "test-button"));
  g_assert_true (is_sensitive (fixture, "connect-button"));

  /* Blanks alone are no address. */
  set_text (fixture, "address-row", "   ");
  g_assert_false (is_sensitive (fixture, "test-button"));
  g_assert_false (is_sensitive (fixture, "connect-button"));

  md_connect_page_set_base_url (fixture->page, fixture->base_url);
  g_assert_cmpstr (get_text (fixture, "address-row"), ==, fixture->base_url);
  set_text (fixture, "key-row", "");
  g_assert_false (is_sensitive (fixture, "test-button"));
  g_assert_false (is_sensitive (fixture, "connect-button"));
}

static void
test_valid_key (Fixture       *fixture,
                gconstpointer  data)
{
  md_connect_page_set_base_url (fixture->page, fixture->base_url);
  set_text (fixture, "key-row", "demo-key");

  press (fixture, "test-button");
  /* Checking: both buttons wait, a spinner turns, Cancel is offered. */
  g_assert_false (is_sensitive (fixture, "test-button"));
  g_assert_false (is_sensitive (fixture, "connect-button"));
  g_assert_true (is_sensitive (fixture, "cancel-button"));
  wait_for_check (fixture);

  g_assert_cmpstr (verdict (fixture), ==, "Connected: the key is valid");
  assert_description (fixture, "Connected: the key is valid");
  g_assert_true (is_sensitive (fixture, "test-button"));
  /* Testing is not connecting. */
  g_assert_cmpuint (fixture->n_connected, ==, 0);
  g_assert_cmpstr (get_text (fixture, "key-row"), ==, "demo-key");
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "HEAD"), ==, 1);
}

static void
test_connect (Fixture       *fixture,
              gconstpointer  data)
{
  md_connect_page_set_base_url (fixture->page, fixture->base_url);
  set_text (fixture, "key-row", "demo-key");

  press (fixture, "connect-button");
  wait_for_check (fixture);

  g_assert_cmpuint (fixture->n_connected, ==, 1);
  g_assert_nonnull (fixture->connected);
  g_assert_cmpstr (md_client_get_base_url (fixture->connected), ==, fixture->base_url);
  /* The key leaves the widget tree, and nothing else is said. */
  g_assert_cmpstr (get_text (fixture, "key-row"), ==, "");
  g_assert_false (gtk_widget_get_visible (get_widget (fixture, "result-box")));
  g_assert_false (is_sensitive (fixture, "connect-button"));
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "HEAD"), ==, 1);
}

/* Enter in the key field connects. */
static void
test_enter_connects (Fixture       *fixture,
                     gconstpointer  data)
{
  md_connect_page_set_base_url (fixture->page, fixture->base_url);
  set_text (fixture, "key-row", "demo-key");

  g_signal_emit_by_name (get_widget (fixture, "key-row"), "entry-activated");
  wait_for_check (fixture);

  g_assert_cmpuint (fixture->n_connected, ==, 1);
  g_assert_cmpstr (get_text (fixture, "key-row"), ==, "");
}

static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  data)
{
  md_connect_page_set_base_url (fixture->page, fixture->base_url);
  set_text (fixture, "key-row", "not-the-key");

  press (fixture, "connect-button");
  wait_for_check (fixture);

  g_assert_cmpstr (verdict (fixture), ==, "The studio rejected this API key");
  assert_description (fixture, "The studio rejected this API key");
  g_assert_cmpuint (fixture->n_connected, ==, 0);
  /* The user corrects the key rather than typing it again. */
  g_assert_cmpstr (get_text (fixture, "key-row"), ==, "not-the-key");
  g_assert_true (is_sensitive (fixture, "connect-button"));
}

static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GtkWidget *detail;

  /* A port that was just free: nothing listens there any more. */
  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_listener_close (listener);

  md_connect_page_set_base_url (fixture->page, url);
  set_text (fixture, "key-row", "demo-key");

  press (fixture, "test-button");
  wait_for_check (fixture);

  g_assert_cmpstr (verdict (fixture), ==, "The studio could not be reached at this address");
  detail = get_widget (fixture, "result-detail");
  g_assert_true (gtk_widget_get_visible (detail));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (detail)), !=, "");
  g_assert_cmpuint (fixture->n_connected, ==, 0);
}

static void
test_not_https (Fixture       *fixture,
                gconstpointer  data)
{
  md_connect_page_set_base_url (fixture->page, "http://example.com");
  set_text (fixture, "key-row", "demo-key");

  press (fixture, "connect-button");
  /* Refused before anything is sent. */
  g_assert_true (check_done (fixture));

  g_assert_cmpstr (verdict (fixture), ==,
                   "The address must start with https:// (plain http is only allowed for "
                   "this computer)");
  g_assert_cmpuint (fixture->n_connected, ==, 0);
  g_assert_true (is_sensitive (fixture, "connect-button"));
}

static void
test_not_a_url (Fixture       *fixture,
                gconstpointer  data)
{
  md_connect_page_set_base_url (fixture->page, "not a url");
  set_text (fixture, "key-row", "demo-key");

  press (fixture, "test-button");
  g_assert_true (check_done (fixture));

  g_assert_cmpstr (verdict (fixture), ==, "This is not a valid address");
  g_assert_true (gtk_widget_get_visible (get_widget (fixture, "result-detail")));
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "HEAD"), ==, 0);
}

/* Cancel ends the wait at once and a late answer changes nothing. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  md_connect_page_set_base_url (fixture->page, fixture->base_url);
  set_text (fixture, "key-row", "demo-key");

  /* Nothing is answered before the main loop runs. */
  press (fixture, "connect-button");
  g_assert_true (gtk_widget_get_visible (get_widget (fixture, "cancel-button")));
  press (fixture, "cancel-button");

  g_assert_true (check_done (fixture));
  g_assert_cmpstr (verdict (fixture), ==, "The check was cancelled");
  g_assert_true (is_sensitive (fixture, "connect-button"));

  /* A check started afterwards still gets its own verdict. */
  press (fixture, "test-button");
  wait_for_check (fixture);
  g_assert_cmpstr (verdict (fixture), ==, "Connected: the key is valid");
  g_assert_cmpuint (fixture->n_connected, ==, 0);
}

/* A verdict about values no longer shown goes away, and so does a check
 * running for them. */
static void
test_edit_clears_verdict (Fixture       *fixture,
                          gconstpointer  data)
{
  md_connect_page_set_base_url (fixture->page, fixture->base_url);
  set_text (fixture, "key-row", "not-the-key");

  press (fixture, "test-button");
  wait_for_check (fixture);
  g_assert_cmpstr (verdict (fixture), ==, "The studio rejected this API key");

  set_text (fixture, "key-row", "demo-key");
  g_assert_false (gtk_widget_get_visible (get_widget (fixture, "result-box")));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (fixture->page),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  press (fixture, "connect-button");
  set_text (fixture, "key-row", "not-the-key");
  g_assert_true (check_done (fixture));
  g_assert_false (gtk_widget_get_visible (get_widget (fixture, "result-box")));
  /* Let the dropped check's answer arrive: it must not connect. */
  press (fixture, "test-button");
  wait_for_check (fixture);
  g_assert_cmpstr (verdict (fixture), ==, "The studio rejected this API key");
  g_assert_cmpuint (fixture->n_connected, ==, 0);
}

/* Leaving the page ends the check and forgets the key. */
static void
test_leave_page (Fixture       *fixture,
                 gconstpointer  data)
{
  md_connect_page_set_base_url (fixture->page, fixture->base_url);
  set_text (fixture, "key-row", "demo-key");

  press (fixture, "connect-button");
  gtk_widget_set_visible (GTK_WIDGET (fixture->page), FALSE);

  g_assert_true (check_done (fixture));
  g_assert_cmpstr (get_text (fixture, "key-row"), ==, "");
  g_assert_cmpstr (get_text (fixture, "address-row"), ==, fixture->base_url);

  /* The server answers the dropped check; nothing connects. */
  gtk_widget_set_visible (GTK_WIDGET (fixture->page), TRUE);
  set_text (fixture, "key-row", "not-the-key");
  press (fixture, "test-button");
  wait_for_check (fixture);
  g_assert_cmpuint (fixture->n_connected, ==, 0);
}

/* Every control is named for a screen reader. */
static void
test_accessible_labels (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const buttons[][2] = {
    { "back-button", "Back" },
    { "test-button", "Test Connection" },
    { "connect-button", "Connect" },
    { "cancel-button", "Cancel the check" },
  };
  GtkWidget *reveal;

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (get_widget (fixture, buttons[i][0])),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, buttons[i][1]);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (get_delegate (fixture, "address-row")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Studio address");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (get_delegate (fixture, "key-row")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Open API key");
  /* libadwaita 1.2 leaves the key's show-text button unnamed. */
  reveal = get_widget (fixture, "key-reveal-button");
  g_assert_nonnull (reveal);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (reveal), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Show the API key");
  gtk_text_set_visibility (GTK_TEXT (get_delegate (fixture, "key-row")), TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (reveal), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Hide the API key");

  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (get_widget (fixture,
                                                                              "back-button"))),
                   ==, "win.show-welcome");
}

int
main (int   argc,
      char *argv[])
{
  /* Accessible names and descriptions are part of what is tested: a
   * recording context, with no bus involved. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The application registers the resources; this test has none. */
  md_register_resource ();

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD_TEST ("/connect-page/needs-both-fields", test_needs_both_fields);
  ADD_TEST ("/connect-page/valid-key", test_valid_key);
  ADD_TEST ("/connect-page/connect", test_connect);
  ADD_TEST ("/connect-page/enter-connects", test_enter_connects);
  ADD_TEST ("/connect-page/wrong-key", test_wrong_key);
  ADD_TEST ("/connect-page/unreachable", test_unreachable);
  ADD_TEST ("/connect-page/not-https", test_not_https);
  ADD_TEST ("/connect-page/not-a-url", test_not_a_url);
  ADD_TEST ("/connect-page/cancel", test_cancel);
  ADD_TEST ("/connect-page/edit-clears-verdict", test_edit_clears_verdict);
  ADD_TEST ("/connect-page/leave-page", test_leave_page);
  ADD_TEST ("/connect-page/accessible-labels", test_accessible_labels);

#undef ADD_TEST

  return g_test_run ();
}

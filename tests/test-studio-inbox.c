/* test-studio-inbox.c: the demo user decides on changes as the studio would
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "md-resources.h"
#include "md-studio-inbox.h"
#include "md-test-ui.h"
#include "md-test-utils.h"

#define KEY             "inbox-key"
#define SEEDED_PENDING  G_GINT64_CONSTANT (1003000001)
#define SEEDED_SUMMARY  "Changes: Street, House number, Postal code, Part of town, Floor"
#define WEBER_EMAIL     "jonas.weber@example.com"

typedef struct
{
  MdDemoServer  *server;
  SoupSession   *session;
  char          *base_url;
  MdStudioInbox *inbox;  /* owned by GTK, as every toplevel */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* A studio of its own, apart from any application. */
  f->server = md_demo_server_new (KEY);
  g_assert_true (md_demo_server_listen (f->server, 0, &error));
  g_assert_no_error (error);
  f->base_url = md_demo_server_get_base_url (f->server);
  f->session = md_test_session_new ();

  f->inbox = md_studio_inbox_new (f->server);
  g_object_add_weak_pointer (G_OBJECT (f->inbox), (gpointer *) &f->inbox);
  gtk_window_present (GTK_WINDOW (f->inbox));
  md_test_wait_for_layout (GTK_WIDGET (f->inbox));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->inbox != NULL)
    gtk_window_destroy (GTK_WINDOW (f->inbox));
  g_assert_null (f->inbox);

  g_clear_object (&f->session);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base_url, g_free);
}

static GtkWidget *
find (Fixture    *f,
      const char *prefix,
      gint64      amendment_id)
{
  g_autofree char *name = g_strdup_printf ("%s-%" G_GINT64_FORMAT, prefix, amendment_id);

  return md_test_find_named (GTK_WIDGET (f->inbox), name);
}

static GtkWidget *
get (Fixture    *f,
     const char *prefix,
     gint64      amendment_id)
{
  GtkWidget *widget = find (f, prefix, amendment_id);

  if (widget == NULL)
    g_error ("no %s-%" G_GINT64_FORMAT " in the inbox", prefix, amendment_id);

  return widget;
}

static guint
count_rows (Fixture *f)
{
  return md_test_count_type (md_test_find_named (GTK_WIDGET (f->inbox), "pending-list"),
                             ADW_TYPE_ACTION_ROW);
}

static gboolean
shows_empty_state (Fixture *f)
{
  GtkWidget *empty = md_test_find_named (GTK_WIDGET (f->inbox), "inbox-empty");

  return gtk_stack_get_visible_child (GTK_STACK (gtk_widget_get_parent (empty))) == empty;
}

typedef struct
{
  Fixture *fixture;
  gint64   amendment_id;
} RowWait;

static gboolean
row_gone (gpointer data)
{
  RowWait *wait = data;

  return find (wait->fixture, "pending", wait->amendment_id) == NULL;
}

/* gtk_widget_activate() clicks a button only after showing it pressed. */
static void
wait_for_row_gone (Fixture *f,
                   gint64   amendment_id)
{
  RowWait wait = { f, amendment_id };

  g_assert_true (md_test_spin_until (row_gone, &wait));
}

static MdTestResponse *
send_request (Fixture    *f,
              const char *method,
              const char *path,
              const char *body)
{
  g_autoptr(SoupMessage) msg = md_test_message_new (method, f->base_url, path, KEY, body);

  return md_test_send (f->session, msg);
}

/* A member of 1002 sends a new e-mail address for approval, as the app
 * does: the whole contact, the phone numbers as they are. */
static gint64
queue_email (Fixture    *f,
             const char *email)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"phonePrivate\":\"+49 89 54329876\","
                                           "\"phonePrivateMobile\":\"+49 160 98765432\","
                                           "\"phoneBusiness\":\"+49 89 2180-4417\"}", email);
  g_autoptr(MdTestResponse) response = send_request (f, "POST",
                                                     "/v1/customers/1002/self-service/contact-data",
                                                     body);

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);

  return json_object_get_int_member (md_test_response_get_object (response), "id");
}

/* The e-mail address 1002 has now; asserts that nothing waits any more. */
static char *
current_email (Fixture *f)
{
  g_autoptr(MdTestResponse) response = send_request (f, "GET",
                                                     "/v1/customers/1002/self-service/contact-data",
                                                     NULL);
  JsonObject *object;

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  object = md_test_response_get_object (response);
  g_assert_false (json_object_has_member (object, "pendingAmendment"));

  return g_strdup (json_object_get_string_member_with_default (object, "email", NULL));
}

static void
assert_row (Fixture    *f,
            gint64      amendment_id,
            const char *title,
            const char *subtitle)
{
  GtkWidget *row = get (f, "pending", amendment_id);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, subtitle);
  g_assert_true (gtk_widget_is_ancestor (get (f, "approve", amendment_id), row));
  g_assert_true (gtk_widget_is_ancestor (get (f, "reject", amendment_id), row));
}

/* The seed's waiting address change is there, with buttons that say
 * whose change they decide. */
static void
test_seed (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *approve = get (f, "approve", SEEDED_PENDING);
  GtkWidget *reject = get (f, "reject", SEEDED_PENDING);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->inbox)), ==, "Studio Inbox");
  g_assert_false (shows_empty_state (f));
  g_assert_true (gtk_widget_get_mapped (md_test_find_named (GTK_WIDGET (f->inbox),
                                                            "inbox-explanation")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (md_test_find_named (GTK_WIDGET (f->inbox),
                                                                       "inbox-explanation"))),
                   ==, "Play the studio: approve or reject the changes members sent.");
  g_assert_cmpuint (count_rows (f), ==, 1);
  assert_row (f, SEEDED_PENDING, "Miriam Schulz · Address", SEEDED_SUMMARY);

  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (approve)), ==, "Approve");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (reject)), ==, "Reject");
  g_assert_true (gtk_widget_has_css_class (approve, "suggested-action"));
  g_assert_true (gtk_widget_has_css_class (reject, "destructive-action"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (approve), ==,
                   "Approve the change for Miriam Schulz (Address)");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (reject), ==,
                   "Reject the change for Miriam Schulz (Address)");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (approve), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Approve the change for Miriam Schulz (Address)");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (reject), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Reject the change for Miriam Schulz (Address)");
  g_assert_true (gtk_widget_is_sensitive (approve));
  g_assert_true (gtk_widget_is_sensitive (reject));
}

/* A change a member sends shows up; approving it applies it at the studio. */
static void
test_approve (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *email = NULL;
  GtkWidget *focus;
  gint64 id;

  /* Whoever works from the keyboard keeps their place as the list changes. */
  g_assert_true (gtk_widget_grab_focus (get (f, "approve", SEEDED_PENDING)));
  id = queue_email (f, "jonas.approved@example.com");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->inbox)) == get (f, "approve", SEEDED_PENDING));
  g_assert_cmpuint (count_rows (f), ==, 2);
  assert_row (f, id, "Jonas Weber · Contact", "Changes: E-mail");
  /* Sorted by customer: 1002 comes before 1003. */
  g_assert_true (gtk_widget_get_next_sibling (get (f, "pending", id)) ==
                 get (f, "pending", SEEDED_PENDING));

  /* The decided row goes; the focus goes on to the row in its place. */
  g_assert_true (gtk_widget_grab_focus (get (f, "approve", id)));
  md_test_press (get (f, "approve", id));

  g_assert_null (find (f, "pending", id));
  g_assert_null (find (f, "approve", id));
  g_assert_cmpuint (count_rows (f), ==, 1);
  g_assert_nonnull (find (f, "pending", SEEDED_PENDING));
  focus = gtk_root_get_focus (GTK_ROOT (f->inbox));
  g_assert_true (focus == get (f, "pending", SEEDED_PENDING));

  email = current_email (f);
  g_assert_cmpstr (email, ==, "jonas.approved@example.com");
}

/* Rejecting leaves the member's values as they were. */
static void
test_reject (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *email = NULL;
  gint64 id;

  id = queue_email (f, "jonas.rejected@example.com");
  g_assert_nonnull (find (f, "pending", id));

  g_assert_true (gtk_widget_activate (get (f, "reject", id)));

  wait_for_row_gone (f, id);
  g_assert_cmpuint (count_rows (f), ==, 1);
  email = current_email (f);
  g_assert_cmpstr (email, ==, WEBER_EMAIL);

  /* The seed's change too: the address stays where it was. */
  md_test_press (get (f, "reject", SEEDED_PENDING));
  {
    g_autoptr(MdTestResponse) response = send_request (f, "GET",
                                                       "/v1/customers/1003/self-service/address-data",
                                                       NULL);
    JsonObject *object = md_test_response_get_object (response);

    g_assert_cmpstr (json_object_get_string_member (object, "street"), ==, "Mönckebergstraße");
    g_assert_false (json_object_has_member (object, "pendingAmendment"));
  }
}

/* With nothing waiting the inbox says so, and it follows whatever else
 * changes what waits: a withdrawal, a reset, a decision made elsewhere. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *empty = md_test_find_named (GTK_WIDGET (f->inbox), "inbox-empty");
  gint64 id;

  md_test_press (get (f, "approve", SEEDED_PENDING));
  g_assert_cmpuint (count_rows (f), ==, 0);
  g_assert_true (shows_empty_state (f));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==, "No Changes Waiting");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (empty)), ==,
                   "Changes members send for approval appear here.");
  {
    g_autoptr(MdTestResponse) response = send_request (f, "GET",
                                                       "/v1/customers/1003/self-service/address-data",
                                                       NULL);

    g_assert_cmpstr (json_object_get_string_member (md_test_response_get_object (response),
                                                    "street"), ==, "Große Bergstraße");
  }

  /* The member sends a change, then takes it back. */
  id = queue_email (f, "jonas.withdrawn@example.com");
  g_assert_false (shows_empty_state (f));
  g_assert_cmpuint (count_rows (f), ==, 1);
  {
    g_autofree char *path = g_strdup_printf ("/v1/customers/1002/self-service/amendment/%"
                                             G_GINT64_FORMAT, id);
    g_autoptr(MdTestResponse) response = send_request (f, "DELETE", path, NULL);

    g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  }
  g_assert_true (shows_empty_state (f));

  /* Decided in the studio while the inbox is open. */
  id = queue_email (f, "jonas.elsewhere@example.com");
  g_assert_nonnull (find (f, "pending", id));
  g_assert_true (md_demo_server_approve (f->server, 1002, id));
  g_assert_null (find (f, "pending", id));
  g_assert_true (shows_empty_state (f));

  md_demo_server_reset (f->server);
  g_assert_false (shows_empty_state (f));
  assert_row (f, SEEDED_PENDING, "Miriam Schulz · Address", SEEDED_SUMMARY);
}

/* Escape closes the inbox, which then lets go of the studio. */
static void
test_escape (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GtkShortcutTrigger) escape = gtk_keyval_trigger_new (GDK_KEY_Escape, 0);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->inbox));
  g_autoptr(GtkShortcutAction) action = NULL;

  /* What a press of Escape would trigger, found among the window's shortcuts. */
  for (guint i = 0; action == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; action == NULL && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), escape))
            action = g_object_ref (gtk_shortcut_get_action (shortcut));
        }
    }
  g_clear_object (&controllers);

  g_assert_nonnull (action);
  g_assert_true (gtk_shortcut_action_activate (action, 0, GTK_WIDGET (f->inbox), NULL));
  g_assert_null (f->inbox);
  g_assert_null (md_test_find_toplevel (MD_TYPE_STUDIO_INBOX));

  /* Nothing of the closed inbox listens any more. */
  g_assert_false (g_signal_has_handler_pending (f->server,
                                                g_signal_lookup ("pending-changed",
                                                                 MD_TYPE_DEMO_SERVER),
                                                0, FALSE));
  queue_email (f, "jonas.after@example.com");
}

int
main (int   argc,
      char *argv[])
{
  /* Accessible names are part of what is tested: a recording context,
   * with no bus involved. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The application registers the resources; this test has none. */
  md_register_resource ();

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD_TEST ("/studio-inbox/seed", test_seed);
  ADD_TEST ("/studio-inbox/approve", test_approve);
  ADD_TEST ("/studio-inbox/reject", test_reject);
  ADD_TEST ("/studio-inbox/empty", test_empty);
  ADD_TEST ("/studio-inbox/escape", test_escape);

#undef ADD_TEST

  return g_test_run ();
}

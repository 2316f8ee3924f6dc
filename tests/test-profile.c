/* test-profile.c: the real window against the embedded demo backend
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-application.h"
#include "md-test-ui.h"
#include "md-test-utils.h"
#include "md-window.h"

#include <string.h>

/* One registered application and window per process, as in the real program. */
static MdApplication *app;
static MdWindow *window;

static MdDomainPage *
page (MdDomain domain)
{
  return md_window_get_page (window, domain);
}

static MdState
state_of (MdDomain domain)
{
  return md_test_page_state (window, domain);
}

static void
wait_for_state (MdDomain domain,
                MdState  state)
{
  g_assert_true (md_test_wait_for_state (window, domain, state));
}

static MdDemoServer *
demo (void)
{
  return md_application_get_demo_server (app);
}

static const char *
current (MdDomain    domain,
         const char *field)
{
  return md_test_current_value (window, domain, field);
}

/* A widget action's state shows in the sensitivity of its button. */
static gboolean
button_enabled (MdDomain    domain,
                const char *name)
{
  GtkWidget *button = md_test_find_named (GTK_WIDGET (page (domain)), name);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

/* Types a customer number and presses Enter, as a person would. */
static void
open_member (const char *number)
{
  GtkWidget *entry = md_test_find_named (GTK_WIDGET (window), "member-entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), number);
  g_signal_emit_by_name (entry, "activate");
}

static void
show_page (MdDomain domain)
{
  md_test_show_page (window, domain);
}

static void
type_into (MdDomain    domain,
           const char *field,
           const char *text)
{
  g_assert_true (ADW_IS_ENTRY_ROW (md_test_find_named (GTK_WIDGET (page (domain)), field)));
  g_assert_true (md_test_type_into (window, domain, field, text));
}

static void
wait_for_member (void)
{
  md_test_wait_for_member (window);
}

/* Scenario 1: an instant domain saves and shows the re-fetched values. */
static void
test_instant_save (void)
{
  guint posts;

  md_demo_server_reset (demo ());
  open_member ("1001");
  wait_for_member ();
  show_page (MD_DOMAIN_CONTACT);
  g_assert_cmpint (state_of (MD_DOMAIN_CONTACT), ==, MD_STATE_EDITABLE);
  g_assert_false (button_enabled (MD_DOMAIN_CONTACT, "save-button"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Lena Hoffmann");

  /* Invalid input keeps Save off and says why next to the field. */
  type_into (MD_DOMAIN_CONTACT, "email", "lena@");
  g_assert_false (button_enabled (MD_DOMAIN_CONTACT, "save-button"));
  g_assert_true (gtk_widget_has_css_class (md_test_find_named (GTK_WIDGET (page (MD_DOMAIN_CONTACT)),
                                                       "email"), "error"));
  g_assert_true (gtk_widget_get_visible (md_test_find_named (GTK_WIDGET (page (MD_DOMAIN_CONTACT)),
                                                     "field-errors")));

  type_into (MD_DOMAIN_CONTACT, "email", "lena.new@example.org");
  g_assert_true (button_enabled (MD_DOMAIN_CONTACT, "save-button"));
  g_assert_true (button_enabled (MD_DOMAIN_CONTACT, "revert-button"));

  posts = md_demo_server_get_request_count (demo (), "POST");
  /* Ctrl+S saves the page in view. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_cmpint (state_of (MD_DOMAIN_CONTACT), ==, MD_STATE_SUBMITTING);
  wait_for_state (MD_DOMAIN_CONTACT, MD_STATE_EDITABLE);

  g_assert_cmpuint (md_demo_server_get_request_count (demo (), "POST"), ==, posts + 1);
  g_assert_cmpstr (current (MD_DOMAIN_CONTACT, "email"), ==, "lena.new@example.org");
  /* The untouched fields went along and stayed. */
  g_assert_cmpstr (current (MD_DOMAIN_CONTACT, "phonePrivateMobile"), ==, "+49 151 23456789");
  g_assert_false (button_enabled (MD_DOMAIN_CONTACT, "save-button"));
}

static void
test_revert (void)
{
  md_demo_server_reset (demo ());
  open_member ("1001");
  wait_for_member ();
  show_page (MD_DOMAIN_ADDRESS);

  type_into (MD_DOMAIN_ADDRESS, "city", "Potsdam");
  g_assert_cmpstr (md_record_get (md_domain_page_get_draft (page (MD_DOMAIN_ADDRESS)), "city"),
                   ==, "Potsdam");
  /* Escape reverts. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.revert", NULL);
  g_assert_cmpstr (md_record_get (md_domain_page_get_draft (page (MD_DOMAIN_ADDRESS)), "city"),
                   ==, current (MD_DOMAIN_ADDRESS, "city"));
  g_assert_false (button_enabled (MD_DOMAIN_ADDRESS, "revert-button"));
}

/* The date of birth is typed as people write it and sent as ISO 8601. */
static void
test_date_of_birth (void)
{
  GtkWidget *row;
  MdRecord *draft;

  md_demo_server_reset (demo ());
  open_member ("1001");
  wait_for_member ();
  show_page (MD_DOMAIN_MASTER);
  row = md_test_find_named (GTK_WIDGET (page (MD_DOMAIN_MASTER)), "dateOfBirth");
  g_assert_nonnull (row);
  draft = md_domain_page_get_draft (page (MD_DOMAIN_MASTER));
  /* Shown in the interface's order (ISO 8601 in English). */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "1991-03-14");

  type_into (MD_DOMAIN_MASTER, "dateOfBirth", "2.7.1985");
  g_assert_cmpstr (md_record_get (draft, "dateOfBirth"), ==, "1985-07-02");
  /* What the user typed stays as typed while they type. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2.7.1985");
  g_assert_true (button_enabled (MD_DOMAIN_MASTER, "save-button"));

  /* A two-digit year is not a date yet: marked, nothing to save. */
  type_into (MD_DOMAIN_MASTER, "dateOfBirth", "2.7.85");
  g_assert_cmpstr (md_record_get (draft, "dateOfBirth"), ==, "2.7.85");
  g_assert_false (button_enabled (MD_DOMAIN_MASTER, "save-button"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  /* Revert builds the form again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.revert", NULL);
  row = md_test_find_named (GTK_WIDGET (page (MD_DOMAIN_MASTER)), "dateOfBirth");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "1991-03-14");
}

static AdwMessageDialog *
find_dialog (void)
{
  return (AdwMessageDialog *) md_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* Scenario 2: a reviewed domain queues the change; withdrawing brings the
 * original back. */
static void
test_reviewed_and_withdraw (void)
{
  g_autofree char *street = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *pending;

  md_demo_server_reset (demo ());
  open_member ("1002");
  wait_for_member ();
  show_page (MD_DOMAIN_ADDRESS);
  street = g_strdup (current (MD_DOMAIN_ADDRESS, "street"));

  type_into (MD_DOMAIN_ADDRESS, "street", "Leopoldstraße");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  wait_for_state (MD_DOMAIN_ADDRESS, MD_STATE_PENDING);

  /* The old values stay current; the proposal waits beside them. */
  g_assert_cmpstr (current (MD_DOMAIN_ADDRESS, "street"), ==, street);
  pending = md_test_find_named (GTK_WIDGET (page (MD_DOMAIN_ADDRESS)), "pending-group");
  g_assert_true (gtk_widget_get_visible (pending));
  g_assert_nonnull (md_test_find_named (pending, "street"));
  g_assert_true (gtk_widget_has_css_class (md_test_find_named (pending, "street"), "changed"));
  g_assert_false (gtk_widget_has_css_class (md_test_find_named (pending, "city"), "changed"));
  /* Editing is locked while it waits. */
  g_assert_cmpuint (md_test_count_type (GTK_WIDGET (page (MD_DOMAIN_ADDRESS)), ADW_TYPE_ENTRY_ROW), ==, 0);
  g_assert_true (button_enabled (MD_DOMAIN_ADDRESS, "withdraw-button"));

  /* Withdraw asks first; keeping it changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (page (MD_DOMAIN_ADDRESS)), "page.withdraw", NULL);
  g_assert_true (md_test_wait_for_dialog ());
  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpint (state_of (MD_DOMAIN_ADDRESS), ==, MD_STATE_PENDING);

  gtk_widget_activate_action (GTK_WIDGET (page (MD_DOMAIN_ADDRESS)), "page.withdraw", NULL);
  g_assert_true (md_test_wait_for_dialog ());
  adw_message_dialog_response (find_dialog (), "withdraw");
  wait_for_state (MD_DOMAIN_ADDRESS, MD_STATE_EDITABLE);

  g_assert_cmpstr (current (MD_DOMAIN_ADDRESS, "street"), ==, street);
  g_assert_false (gtk_widget_get_visible (pending));
  g_assert_cmpuint (md_demo_server_get_request_count (demo (), "DELETE"), ==, 1);
}

/* Scenario 3: a READ domain offers nothing to edit. */
static void
test_read_only (void)
{
  md_demo_server_reset (demo ());
  open_member ("1004");
  wait_for_member ();

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      GtkWidget *status;

      show_page (i);
      g_assert_cmpint (state_of (i), ==, MD_STATE_READ_ONLY);
      g_assert_cmpuint (md_test_count_type (GTK_WIDGET (page (i)), ADW_TYPE_ENTRY_ROW), ==, 0);
      g_assert_cmpuint (md_test_count_type (GTK_WIDGET (page (i)), ADW_TYPE_COMBO_ROW), ==, 0);
      g_assert_false (gtk_widget_get_visible (md_test_find_named (GTK_WIDGET (page (i)), "action-bar")));
      status = md_test_find_named (GTK_WIDGET (page (i)), "status-label");
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (status)), ==,
                       "These details can't be changed here");
    }
}

static const char *
notice_text (MdDomain domain)
{
  GtkWidget *label = md_test_find_named (GTK_WIDGET (page (domain)), "notice-label");

  return gtk_label_get_label (GTK_LABEL (label));
}

/* 409: another device queued a change after this page was read. The typed
 * edits survive, and the page says why they were not sent. */
static void
test_conflict_keeps_edits (void)
{
  g_autoptr(MdClient) other = NULL;
  g_autoptr(MdRecord) theirs = NULL;
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  MdRecord *before;

  md_demo_server_reset (demo ());
  open_member ("1002");
  wait_for_member ();
  show_page (MD_DOMAIN_CONTACT);
  type_into (MD_DOMAIN_CONTACT, "phonePrivateMobile", "+49 170 5550123");

  /* The other device, through the same public API. */
  url = md_demo_server_get_base_url (demo ());
  other = md_client_new (url, "demo-key", &error);
  g_assert_no_error (error);
  before = md_snapshot_get_values (md_amendment_machine_get_snapshot (
             md_domain_page_get_machine (page (MD_DOMAIN_CONTACT))));
  theirs = md_record_copy (before);
  md_record_set (theirs, "email", "weber.other@example.org");
  md_client_submit_async (other, 1002, before, theirs, NULL, NULL, md_test_async_done, &result);
  amendment = md_client_submit_finish (other, md_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  wait_for_state (MD_DOMAIN_CONTACT, MD_STATE_PENDING);

  g_assert_nonnull (strstr (notice_text (MD_DOMAIN_CONTACT), "already waiting"));
  g_assert_cmpstr (md_record_get (md_domain_page_get_draft (page (MD_DOMAIN_CONTACT)),
                                  "phonePrivateMobile"), ==, "+49 170 5550123");
  g_assert_true (gtk_widget_get_visible (md_test_find_named (GTK_WIDGET (page (MD_DOMAIN_CONTACT)),
                                                     "pending-group")));
}

/* A rule only the server knows: its message lands on the field it names. */
static void
test_server_validation (void)
{
  GtkWidget *row;
  GtkWidget *errors;

  md_demo_server_reset (demo ());
  open_member ("1001");
  wait_for_member ();
  show_page (MD_DOMAIN_ADDRESS);
  type_into (MD_DOMAIN_ADDRESS, "city", "Potsdam");

  md_demo_server_inject_faults (demo (), 1, 400, FALSE);
  md_demo_server_set_fault_reference (demo (), "city");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  wait_for_state (MD_DOMAIN_ADDRESS, MD_STATE_EDITABLE);

  row = md_test_find_named (GTK_WIDGET (page (MD_DOMAIN_ADDRESS)), "city");
  errors = md_test_find_named (GTK_WIDGET (page (MD_DOMAIN_ADDRESS)), "field-errors");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (gtk_widget_get_visible (errors));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (errors)), "City"));
  g_assert_cmpstr (md_record_get (md_domain_page_get_draft (page (MD_DOMAIN_ADDRESS)), "city"),
                   ==, "Potsdam");

  /* A new value is a new question: the mark goes. */
  type_into (MD_DOMAIN_ADDRESS, "city", "Potsdam-Babelsberg");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
}

/* A failed load says so, and Retry loads. */
static void
test_load_failure_retry (void)
{
  GtkWidget *retry;

  md_demo_server_reset (demo ());
  md_demo_server_inject_faults (demo (), MD_N_DOMAINS, 500, FALSE);
  open_member ("1001");
  wait_for_member ();

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    g_assert_cmpint (state_of (i), ==, MD_STATE_LOAD_FAILED);

  show_page (MD_DOMAIN_CONTACT);
  retry = md_test_find_named (GTK_WIDGET (page (MD_DOMAIN_CONTACT)), "retry-button");
  g_assert_true (gtk_widget_is_sensitive (retry));
  g_signal_emit_by_name (retry, "clicked");
  wait_for_state (MD_DOMAIN_CONTACT, MD_STATE_EDITABLE);
  g_assert_cmpstr (current (MD_DOMAIN_CONTACT, "email"), ==, "lena.hoffmann@example.org");
}

/* Opening another member cancels the first one's loads; nothing of the
 * first ever shows. */
static void
test_switch_mid_load (void)
{
  md_demo_server_reset (demo ());
  md_demo_server_set_latency (demo (), 300);
  open_member ("1001");
  open_member ("1004");
  wait_for_member ();
  md_demo_server_set_latency (demo (), 0);

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    g_assert_cmpint (state_of (i), ==, MD_STATE_READ_ONLY);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Klaus Becker");
  g_assert_cmpstr (current (MD_DOMAIN_MASTER, "lastName"), ==, "Becker");
}

static gboolean
entry_has_error (gpointer data)
{
  return gtk_widget_has_css_class (GTK_WIDGET (data), "error");
}

static void
test_unknown_and_invalid_member (void)
{
  GtkWidget *entry = md_test_find_named (GTK_WIDGET (window), "member-entry");

  md_demo_server_reset (demo ());
  open_member ("12ab");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (entry), "whole number"));

  /* Typing again clears the mark. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "99");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  open_member ("9999");
  g_assert_true (md_test_spin_until (entry_has_error, entry));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (entry), ==, "No member with number 9999");
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    g_assert_null (md_domain_page_get_machine (page (i)));
}

/* Bank details: the IBAN reads in groups of four, and a change that needs
 * a signature says so before the member saves. */
static void
test_bank_details (void)
{
  GtkWidget *iban;
  GtkWidget *status;

  md_demo_server_reset (demo ());
  open_member ("1002");
  wait_for_member ();
  show_page (MD_DOMAIN_PAYMENT);

  iban = md_test_find_named (GTK_WIDGET (page (MD_DOMAIN_PAYMENT)), "iban");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (iban)), ==, "DE22 7015 0000 1002 8734 61");
  /* Regrouping is no edit. */
  g_assert_false (button_enabled (MD_DOMAIN_PAYMENT, "revert-button"));

  type_into (MD_DOMAIN_PAYMENT, "accountHolder", "Jonas Weber-Lang");
  g_assert_true (button_enabled (MD_DOMAIN_PAYMENT, "revert-button"));
  g_assert_true (button_enabled (MD_DOMAIN_PAYMENT, "save-button"));
  status = md_test_find_named (GTK_WIDGET (page (MD_DOMAIN_PAYMENT)), "status-label");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (status)), "signature"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = md_test_application_new ();

  window = md_test_demo_window_new (app);

  g_test_add_func ("/profile/instant-save", test_instant_save);
  g_test_add_func ("/profile/revert", test_revert);
  g_test_add_func ("/profile/reviewed-and-withdraw", test_reviewed_and_withdraw);
  g_test_add_func ("/profile/read-only", test_read_only);
  g_test_add_func ("/profile/conflict-keeps-edits", test_conflict_keeps_edits);
  g_test_add_func ("/profile/server-validation", test_server_validation);
  g_test_add_func ("/profile/load-failure-retry", test_load_failure_retry);
  g_test_add_func ("/profile/switch-mid-load", test_switch_mid_load);
  g_test_add_func ("/profile/unknown-and-invalid-member", test_unknown_and_invalid_member);
  g_test_add_func ("/profile/bank-details", test_bank_details);
  g_test_add_func ("/profile/date-of-birth", test_date_of_birth);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);

  return status;
}

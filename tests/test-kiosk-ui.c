/* test-kiosk-ui.c: kiosk mode in the real window against the embedded demo backend
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "md-application.h"
#include "md-pin.h"
#include "md-preferences-window.h"
#include "md-test-ui.h"
#include "md-test-utils.h"
#include "md-window.h"

#define STAFF_PIN "2468"

static MdApplication *app;
static MdWindow *window;
static GSettings *settings;

/* Everything the demo backend holds about 1002 that is specific enough to
 * be found in a widget's text. */
static const char * const weber_values[] = {
  "Jonas", "Weber", "jonas.weber@example.com", "54329876", "98765432", "2180-4417",
  "Schillerstraße", "80336", "München", "Ludwigsvorstadt", "1985", "07.1985", "DE22",
  "1002873461", "2873 461", "SSKMDEMMXXX", "Stadtsparkasse",
  NULL
};

static GtkWidget *
named (const char *name)
{
  GtkWidget *widget = md_test_find_named (GTK_WIDGET (window), name);

  g_assert_nonnull (widget);
  return widget;
}

static void
type_into (const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (named (name)), text);
}

static const char *
visible_page (void)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (named ("identify-number"), GTK_TYPE_STACK));

  return gtk_stack_get_visible_child_name (stack);
}

/* The check is over: a message says why not, or the member is in. */
static gboolean
answered (gpointer data)
{
  GtkWidget *label = md_test_find_named (GTK_WIDGET (window), "identify-message");

  return (gtk_widget_get_visible (label) && *gtk_label_get_label (GTK_LABEL (label)) != '\0') ||
         !g_str_equal (visible_page (), "identify");
}

static const char *
identify (const char *number,
          const char *birth)
{
  GtkWidget *label = named ("identify-message");

  gtk_widget_set_visible (label, FALSE);
  type_into ("identify-number", number);
  type_into ("identify-birth", birth);
  gtk_widget_activate_action (named ("identify-continue"), "identify.continue", NULL);

  g_assert_true (md_test_spin_until (answered, NULL));

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static gboolean
desk_shown (gpointer data)
{
  return g_str_equal (visible_page (), "desk") && md_window_is_member_loaded (window);
}

static gboolean
identify_shown (gpointer data)
{
  return g_str_equal (visible_page (), "identify");
}

static void
identify_weber (void)
{
  g_assert_null (identify ("1002", "2.7.1985"));
  g_assert_true (md_test_spin_until (desk_shown, NULL));
}

/* Collects the text a person could read (or a screen reader hear) in
 * @widget and below. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_label (GTK_LABEL (widget));
  else if (GTK_IS_EDITABLE (widget))
    text = gtk_editable_get_text (GTK_EDITABLE (widget));
  else if (GTK_IS_WINDOW (widget))
    text = gtk_window_get_title (GTK_WINDOW (widget));

  if (text != NULL)
    g_string_append_printf (out, "%s\n", text);
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (out, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL)
    g_string_append_printf (out, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (ADW_IS_WINDOW_TITLE (widget))
    g_string_append_printf (out, "%s\n%s\n", adw_window_title_get_title (ADW_WINDOW_TITLE (widget)),
                            adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)));
  if (ADW_IS_VIEW_SWITCHER_TITLE (widget))
    g_string_append_printf (out, "%s\n%s\n",
                            adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (widget)),
                            adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (widget)));
  if (ADW_IS_STATUS_PAGE (widget))
    g_string_append_printf (out, "%s\n%s\n", adw_status_page_get_title (ADW_STATUS_PAGE (widget)),
                            adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (out, "%s\n", gtk_widget_get_tooltip_text (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

/* No widget of any window holds anything of the member. */
static void
assert_nothing_of_weber (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      collect_text (toplevel, text);
    }

  /* The walk does see the window's own texts. */
  g_assert_nonnull (strstr (text->str, "Customer number"));

  for (guint i = 0; weber_values[i] != NULL; i++)
    {
      if (strstr (text->str, weber_values[i]) != NULL)
        g_error ("“%s” is still on screen after the session ended", weber_values[i]);
    }
}

static void
test_identify_success (void)
{
  MdDomainPage *personal, *payment;

  g_assert_cmpstr (visible_page (), ==, "identify");
  identify_weber ();

  /* The member's own profile, with no way to open anyone else's. */
  g_assert_false (gtk_widget_get_visible (named ("member-entry")));
  g_assert_true (gtk_widget_get_visible (named ("done-button")));

  /* No date of birth, and the IBAN masked but for its last four. */
  personal = md_window_get_page (window, MD_DOMAIN_MASTER);
  payment = md_window_get_page (window, MD_DOMAIN_PAYMENT);
  adw_view_stack_set_visible_child (ADW_VIEW_STACK (gtk_widget_get_parent (GTK_WIDGET (personal))),
                                    GTK_WIDGET (personal));
  md_test_wait_for_layout (GTK_WIDGET (personal));
  g_assert_nonnull (md_test_find_named (GTK_WIDGET (personal), "firstName"));
  g_assert_null (md_test_find_named (GTK_WIDGET (personal), "dateOfBirth"));

  adw_view_stack_set_visible_child (ADW_VIEW_STACK (gtk_widget_get_parent (GTK_WIDGET (payment))),
                                    GTK_WIDGET (payment));
  md_test_wait_for_layout (GTK_WIDGET (payment));
  {
    g_autoptr(GString) text = g_string_new (NULL);
    GtkWidget *entry = md_test_find_named (GTK_WIDGET (payment), "iban");

    collect_text (GTK_WIDGET (payment), text);
    g_assert_nonnull (strstr (text->str, "•••• •••• •••• •••• ••34 61"));
    g_assert_null (strstr (text->str, "1002873461"));
    g_assert_null (strstr (text->str, "1002 8734"));
    /* The new IBAN starts empty: the form never types the old one. */
    g_assert_nonnull (entry);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  }

  md_window_end_session (window);
  g_assert_cmpstr (visible_page (), ==, "identify");
  assert_nothing_of_weber ();
}

/* A wrong date and an unknown number read the same, and open nothing. */
static void
test_identify_failure (void)
{
  g_autofree char *wrong_date = NULL;
  g_autofree char *unknown = NULL;

  wrong_date = g_strdup (identify ("1002", "3.7.1985"));
  g_assert_nonnull (wrong_date);
  unknown = g_strdup (identify ("9999", "2.7.1985"));
  g_assert_nonnull (unknown);
  g_assert_cmpstr (wrong_date, ==, unknown);

  g_assert_cmpstr (visible_page (), ==, "identify");
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    g_assert_null (md_domain_page_get_machine (md_window_get_page (window, i)));
  assert_nothing_of_weber ();

  /* Badly typed input is said as such, and costs no attempt. */
  g_assert_nonnull (strstr (identify ("10a2", "2.7.1985"), "digits"));
  g_assert_nonnull (strstr (identify ("1002", "July 2nd"), "day, month and year"));

  /* Right after failures the right details still work. */
  identify_weber ();
  md_window_end_session (window);
}

static gboolean
countdown_shown (gpointer data)
{
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_ancestor (named ("countdown-label"),
                                                                 GTK_TYPE_REVEALER));

  return gtk_revealer_get_reveal_child (revealer) == GPOINTER_TO_INT (data);
}

/* Left alone, the session counts down, then everything about the member
 * goes: pages, dialogs, the clipboard's text. */
static void
test_idle_wipe (void)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));

  g_settings_set_uint (settings, "kiosk-idle-timeout", 4);
  identify_weber ();

  /* Within the last 20 seconds from the start: the countdown shows, and
   * input (the Stay button) puts it off. */
  g_assert_true (md_test_spin_until (countdown_shown, GINT_TO_POINTER (TRUE)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (named ("countdown-label"))),
                            "session ends in"));
  md_test_press (named ("countdown-stay"));
  g_assert_cmpstr (visible_page (), ==, "desk");

  gdk_clipboard_set_text (clipboard, "jonas.weber@example.com");
  g_assert_true (gdk_clipboard_is_local (clipboard));

  g_assert_true (md_test_spin_until (identify_shown, NULL));
  g_assert_true (md_test_spin_until (countdown_shown, GINT_TO_POINTER (FALSE)));
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    g_assert_null (md_domain_page_get_machine (md_window_get_page (window, i)));
  g_assert_null (gdk_clipboard_get_content (clipboard));
  assert_nothing_of_weber ();

  g_settings_reset (settings, "kiosk-idle-timeout");
}

/* Done ends the session at once, signature step included. */
static void
test_done (void)
{
  MdDomainPage *payment;

  identify_weber ();
  payment = md_window_get_page (window, MD_DOMAIN_PAYMENT);
  adw_view_stack_set_visible_child (ADW_VIEW_STACK (gtk_widget_get_parent (GTK_WIDGET (payment))),
                                    GTK_WIDGET (payment));
  md_test_wait_for_layout (GTK_WIDGET (payment));
  gtk_editable_set_text (GTK_EDITABLE (md_test_find_named (GTK_WIDGET (payment), "iban")),
                         "DE89 3704 0044 0532 0130 00");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_nonnull (md_domain_page_get_signature_dialog (payment));

  md_test_press (named ("done-button"));
  g_assert_cmpstr (visible_page (), ==, "identify");
  g_assert_null (md_domain_page_get_signature_dialog (payment));
  g_assert_null (md_test_find_toplevel (MD_TYPE_SIGNATURE_DIALOG));
  assert_nothing_of_weber ();
}

static AdwMessageDialog *
pin_dialog (void)
{
  return ADW_MESSAGE_DIALOG (md_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
answer_pin (const char *pin)
{
  AdwMessageDialog *dialog = pin_dialog ();

  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), pin);
  adw_message_dialog_response (dialog, "unlock");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Preferences, the studio connection and quitting need the staff PIN. */
static void
test_pin_gate (void)
{
  GtkWindow *preferences;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  g_assert_null (md_test_find_toplevel (MD_TYPE_PREFERENCES_WINDOW));

  answer_pin ("1111");
  g_assert_null (md_test_find_toplevel (MD_TYPE_PREFERENCES_WINDOW));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  answer_pin (STAFF_PIN);
  preferences = md_test_find_toplevel (MD_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  gtk_window_destroy (preferences);

  /* One PIN, one action: the next one asks again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-welcome", NULL);
  g_assert_nonnull (pin_dialog ());
  gtk_window_destroy (GTK_WINDOW (pin_dialog ()));
  g_assert_cmpstr (visible_page (), ==, "identify");

  /* Closing the window is quitting. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_nonnull (pin_dialog ());
  gtk_window_destroy (GTK_WINDOW (pin_dialog ()));
}

/* Five failures lock the form; the lock is said with its time. */
static void
test_lockout (void)
{
  const char *message = NULL;

  for (guint i = 0; i < 5; i++)
    message = identify ("1002", "1.1.1990");

  g_assert_nonnull (strstr (message, "Too many attempts"));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (named ("identify-number"))));
  g_assert_false (gtk_widget_is_sensitive (named ("identify-continue")));

  /* Even the right details are not checked while locked. */
  type_into ("identify-number", "1002");
  type_into ("identify-birth", "2.7.1985");
  gtk_widget_activate_action (named ("identify-continue"), "identify.continue", NULL);
  g_assert_cmpstr (visible_page (), ==, "identify");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *hash = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  settings = g_settings_new (APPLICATION_ID);
  hash = md_pin_hash (STAFF_PIN);
  g_settings_set_string (settings, "staff-pin-hash", hash);

  app = md_test_application_new ();
  window = md_test_demo_window_new (app);
  md_window_set_kiosk (window, TRUE);
  g_assert_true (md_window_get_kiosk (window));

  g_test_add_func ("/kiosk-ui/identify-success", test_identify_success);
  g_test_add_func ("/kiosk-ui/identify-failure", test_identify_failure);
  g_test_add_func ("/kiosk-ui/idle-wipe", test_idle_wipe);
  g_test_add_func ("/kiosk-ui/done", test_done);
  g_test_add_func ("/kiosk-ui/pin-gate", test_pin_gate);
  g_test_add_func ("/kiosk-ui/lockout", test_lockout);

  status = g_test_run ();

  md_window_set_kiosk (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&settings);
  g_clear_object (&app);

  return status;
}

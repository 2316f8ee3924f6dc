/* test-privacy.c: nothing personal and no key in any log line, even at debug level
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the user flows of staff and kiosk mode against the embedded demo
 * backend with every debug message on, keeps every log line of every
 * domain (GLib, GTK, libsoup, the app, the demo backend), and looks for the
 * demo members' values, what was typed, the API key and the signature.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "md-application.h"
#include "md-pin.h"
#include "md-test-ui.h"
#include "md-test-utils.h"
#include "md-window.h"

static MdApplication *app;
static MdWindow *window;
static GString *logged;
static guint n_lines;

/* Recognisable values the seed holds, and values the flows type in. */
static const char * const secrets[] = {
  /* 1001 */
  "Hoffmann", "lena.hoffmann", "61283947", "23456789", "Lindenstraße", "10969", "Kreuzberg",
  "1991-03-14", "0190 4273", "01904273",
  /* 1002 */
  "Jonas", "jonas.weber", "54329876", "98765432", "Schillerstraße", "80336", "Ludwigsvorstadt",
  "1985-07-02", "1002873461", "SSKMDEMMXXX", "Stadtsparkasse",
  /* 1003 */
  "Miriam", "Schulz", "38297710", "44518302", "Mönckebergstraße", "1978-11-23",
  /* typed */
  "new.address@example.org", "Gartenweg", "0532013000", "0532 0130", "24.12.1990", "2.7.1985",
  /* the demo key, and the start of any base64 SVG */
  "demo-key", "PHN2Zy",
  NULL
};

static GLogWriterOutput
keep_log (GLogLevelFlags   log_level,
          const GLogField *fields,
          gsize            n_fields,
          gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") || g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        {
          g_string_append_len (logged, fields[i].value,
                               fields[i].length < 0 ? (gssize) strlen (fields[i].value)
                                                    : fields[i].length);
          g_string_append_c (logged, ' ');
        }
    }
  g_string_append_c (logged, '\n');
  n_lines++;

  return G_LOG_WRITER_HANDLED;
}

static MdDomainPage *
page (MdDomain domain)
{
  return md_window_get_page (window, domain);
}

static void
show (MdDomain domain)
{
  adw_view_stack_set_visible_child (ADW_VIEW_STACK (gtk_widget_get_parent (GTK_WIDGET (page (domain)))),
                                    GTK_WIDGET (page (domain)));
  md_test_wait_for_layout (GTK_WIDGET (page (domain)));
}

static void
open_member (const char *number)
{
  GtkWidget *entry = md_test_find_named (GTK_WIDGET (window), "member-entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), number);
  g_signal_emit_by_name (entry, "activate");
  md_test_wait_for_member (window);
}

static void
wait_for (MdDomain domain,
          MdState  state)
{
  g_assert_true (md_test_wait_for_state (window, domain, state));
}

static void
type_into (MdDomain    domain,
           const char *field,
           const char *text)
{
  g_assert_true (md_test_type_into (window, domain, field, text));
}

/* A wavy line drawn through the pad's drag gesture. */
static void
sign (MdSignaturePad *pad)
{
  GtkWidget *area = md_signature_pad_get_area (pad);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (area);
  GtkGesture *drag = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        drag = GTK_GESTURE (controller);
    }
  g_assert_nonnull (drag);

  g_signal_emit_by_name (drag, "drag-begin", 60.0, 120.0);
  for (guint i = 1; i <= 120; i++)
    g_signal_emit_by_name (drag, "drag-update", i * 3.5, 30 * sin (i / 6.0));
  g_signal_emit_by_name (drag, "drag-end", 420.0, 0.0);
}

static gboolean
no_signature_dialog (gpointer data)
{
  return md_domain_page_get_signature_dialog (page (MD_DOMAIN_PAYMENT)) == NULL;
}

static void
staff_flows (void)
{
  MdSignatureDialog *dialog;
  AdwMessageDialog *confirm;

  /* Instant save. */
  open_member ("1001");
  show (MD_DOMAIN_CONTACT);
  type_into (MD_DOMAIN_CONTACT, "email", "new.address@example.org");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  wait_for (MD_DOMAIN_CONTACT, MD_STATE_EDITABLE);

  /* A queued change, withdrawn. */
  open_member ("1002");
  show (MD_DOMAIN_ADDRESS);
  type_into (MD_DOMAIN_ADDRESS, "street", "Gartenweg");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  wait_for (MD_DOMAIN_ADDRESS, MD_STATE_PENDING);
  gtk_widget_activate_action (GTK_WIDGET (page (MD_DOMAIN_ADDRESS)), "page.withdraw", NULL);
  confirm = ADW_MESSAGE_DIALOG (md_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "withdraw");
  gtk_window_destroy (GTK_WINDOW (confirm));
  wait_for (MD_DOMAIN_ADDRESS, MD_STATE_EDITABLE);

  /* A signed change of bank details. */
  show (MD_DOMAIN_PAYMENT);
  type_into (MD_DOMAIN_PAYMENT, "iban", "DE89 3704 0044 0532 0130 00");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  dialog = md_domain_page_get_signature_dialog (page (MD_DOMAIN_PAYMENT));
  g_assert_nonnull (dialog);
  md_test_wait_for_layout (GTK_WIDGET (md_signature_dialog_get_pad (dialog)));
  sign (md_signature_dialog_get_pad (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "signature.sign", NULL);
  g_assert_true (md_test_spin_until (no_signature_dialog, NULL));
  wait_for (MD_DOMAIN_PAYMENT, MD_STATE_PENDING);

  /* An unknown member. */
  gtk_editable_set_text (GTK_EDITABLE (md_test_find_named (GTK_WIDGET (window), "member-entry")),
                         "9999");
  g_signal_emit_by_name (md_test_find_named (GTK_WIDGET (window), "member-entry"), "activate");
  wait_for (MD_DOMAIN_CONTACT, MD_STATE_LOADING);
}

static gboolean
answered (gpointer data)
{
  GtkWidget *label = md_test_find_named (GTK_WIDGET (window), "identify-message");

  return gtk_widget_get_visible (label) || md_window_is_member_loaded (window);
}

static void
identify (const char *number,
          const char *birth)
{
  gtk_widget_set_visible (md_test_find_named (GTK_WIDGET (window), "identify-message"), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (md_test_find_named (GTK_WIDGET (window), "identify-number")),
                         number);
  gtk_editable_set_text (GTK_EDITABLE (md_test_find_named (GTK_WIDGET (window), "identify-birth")),
                         birth);
  gtk_widget_activate_action (md_test_find_named (GTK_WIDGET (window), "identify-continue"),
                              "identify.continue", NULL);
  g_assert_true (md_test_spin_until (answered, NULL));
}

static void
kiosk_flows (void)
{
  md_window_set_kiosk (window, TRUE);
  identify ("1002", "24.12.1990");
  g_assert_false (md_window_is_member_loaded (window));
  identify ("1002", "2.7.1985");
  md_test_wait_for_member (window);
  md_window_end_session (window);
  md_window_set_kiosk (window, FALSE);
}

static void
test_logs_clean (void)
{
  md_demo_server_reset (md_application_get_demo_server (app));
  staff_flows ();
  kiosk_flows ();

  /* The capture works: debug lines of the app and its libraries are in. */
  g_test_message ("%u log lines captured", n_lines);
  g_assert_cmpuint (n_lines, >, 10);
  g_assert_nonnull (strstr (logged->str, "Demo backend listening"));

  for (guint i = 0; secrets[i] != NULL; i++)
    {
      const char *found = strstr (logged->str, secrets[i]);

      if (found != NULL)
        {
          const char *line = found;

          while (line > logged->str && line[-1] != '\n')
            line--;
          g_error ("“%s” was logged: %.*s", secrets[i], (int) strcspn (line, "\n"), line);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *hash = NULL;
  int status;

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  logged = g_string_new (NULL);
  g_log_set_writer_func (keep_log, NULL, NULL);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  settings = g_settings_new (APPLICATION_ID);
  hash = md_pin_hash ("2468");
  g_settings_set_string (settings, "staff-pin-hash", hash);

  app = md_test_application_new ();
  window = md_test_demo_window_new (app);

  g_test_add_func ("/privacy/logs-clean", test_logs_clean);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_string_free (logged, TRUE);

  return status;
}

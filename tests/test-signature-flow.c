/* test-signature-flow.c: the signature pad and the signed bank-details change
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window against the embedded demo backend. Strokes reach the pad
 * through its drag gesture, as GTK delivers them.
 */

#include "config.h"

#include <string.h>

#include "md-application.h"
#include "md-ink-check.h"
#include "md-test-ui.h"
#include "md-test-utils.h"
#include "md-window.h"

#define NEW_IBAN        "DE89 3704 0044 0532 0130 00"
#define NEW_IBAN_MASKED "•••• •••• •••• •••• ••30 00"

static MdApplication *app;
static MdWindow *window;

static MdDemoServer *
demo (void)
{
  return md_application_get_demo_server (app);
}

static MdDomainPage *
payment_page (void)
{
  return md_window_get_page (window, MD_DOMAIN_PAYMENT);
}

static MdState
payment_state (void)
{
  MdAmendmentMachine *machine = md_domain_page_get_machine (payment_page ());

  return machine != NULL ? md_amendment_machine_get_state (machine) : MD_STATE_LOADING;
}

static gboolean
payment_is (gpointer data)
{
  return (int) payment_state () == GPOINTER_TO_INT (data);
}

static void
wait_for_payment (MdState state)
{
  g_assert_true (md_test_spin_until (payment_is, GINT_TO_POINTER (state)));
}

static void
open_member (const char *number)
{
  GtkWidget *entry = md_test_find_named (GTK_WIDGET (window), "member-entry");
  AdwViewStack *stack;

  gtk_editable_set_text (GTK_EDITABLE (entry), number);
  g_signal_emit_by_name (entry, "activate");
  md_test_wait_for_member (window);

  stack = ADW_VIEW_STACK (gtk_widget_get_parent (GTK_WIDGET (payment_page ())));
  adw_view_stack_set_visible_child (stack, GTK_WIDGET (payment_page ()));
  md_test_wait_for_layout (GTK_WIDGET (payment_page ()));
}

static void
type_into (const char *field,
           const char *text)
{
  GtkWidget *row = md_test_find_named (GTK_WIDGET (payment_page ()), field);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static const char *
draft_value (const char *field)
{
  return md_record_get (md_domain_page_get_draft (payment_page ()), field);
}

static gboolean
action_enabled (GtkWidget  *widget,
                const char *name)
{
  GtkWidget *button = md_test_find_named (widget, name);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static GtkGesture *
find_gesture (GtkWidget *widget,
              GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_GESTURE (controller);
    }

  return NULL;
}

/* One stroke, as the drag gesture reports a press, motions and a release,
 * the points scaled by @scale. */
static void
drag (MdSignaturePad   *pad,
      const MdInkPoint *points,
      guint             n_points,
      double            scale)
{
  GtkWidget *area = md_signature_pad_get_area (pad);
  GtkGesture *gesture = find_gesture (area, GTK_TYPE_GESTURE_DRAG);
  double x0 = points[0].x * scale, y0 = points[0].y * scale;

  g_assert_nonnull (gesture);
  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  for (guint i = 1; i < n_points; i++)
    g_signal_emit_by_name (gesture, "drag-update", points[i].x * scale - x0,
                           points[i].y * scale - y0);
  g_signal_emit_by_name (gesture, "drag-end", points[n_points - 1].x * scale - x0,
                         points[n_points - 1].y * scale - y0);
}

/* Draws a recorded signature on the pad, stroke by stroke, scaled to fit
 * the pad as it is shown. */
static void
sign_with (MdSignaturePad *pad,
           const char     *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "signatures", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdSignature) recorded = md_ink_check_load (path, &error);
  GtkWidget *area = md_signature_pad_get_area (pad);
  double scale;

  g_assert_no_error (error);
  scale = MIN (1.0, MIN (gtk_widget_get_width (area) / md_signature_get_width (recorded),
                         gtk_widget_get_height (area) / md_signature_get_height (recorded)));
  g_assert_cmpfloat (scale, >, 0.5);

  for (guint i = 0; i < md_signature_get_n_strokes (recorded); i++)
    {
      guint n;
      const MdInkPoint *points = md_signature_get_stroke (recorded, i, &n);

      drag (pad, points, n, scale);
    }
}

static const char *
quality_text (MdSignatureDialog *dialog)
{
  return gtk_label_get_label (GTK_LABEL (md_test_find_named (GTK_WIDGET (dialog),
                                                             "signature-quality")));
}

static MdSignatureDialog *
start_signed_change (void)
{
  MdSignatureDialog *dialog;

  md_demo_server_reset (demo ());
  open_member ("1002");
  wait_for_payment (MD_STATE_EDITABLE);

  type_into ("accountHolder", "Jonas Weber");
  type_into ("iban", NEW_IBAN);
  g_assert_true (action_enabled (GTK_WIDGET (payment_page ()), "save-button"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  dialog = md_domain_page_get_signature_dialog (payment_page ());
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  md_test_wait_for_layout (GTK_WIDGET (md_signature_dialog_get_pad (dialog)));

  /* Nothing was sent yet: the signature comes first. */
  g_assert_cmpuint (md_demo_server_get_request_count (demo (), "POST"), ==, 0);
  g_assert_cmpint (payment_state (), ==, MD_STATE_EDITABLE);

  return dialog;
}

static gboolean
dialog_closed (gpointer data)
{
  return md_domain_page_get_signature_dialog (payment_page ()) == NULL;
}

static gboolean
error_shown (gpointer data)
{
  return gtk_widget_get_visible (md_test_find_named (GTK_WIDGET (data), "signature-error"));
}

/* The pad's quality gate, undo and clear, driven through the gesture. */
static void
test_pad (void)
{
  MdSignatureDialog *dialog = start_signed_change ();
  MdSignaturePad *pad = md_signature_dialog_get_pad (dialog);
  MdSignature *signature = md_signature_pad_get_signature (pad);
  MdInkPoint dot = { 300, 120, 0, -1 };
  MdInkPoint tick[] = { { 200, 140, 0, -1 }, { 280, 140, 10, -1 } };

  /* What the member signs: the masked new IBAN and the holder. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (md_test_find_named (GTK_WIDGET (dialog), "signature-iban"))),
                   ==, NEW_IBAN_MASKED);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (md_test_find_named (GTK_WIDGET (dialog), "signature-holder"))),
                   ==, "Jonas Weber");

  g_assert_true (md_signature_is_empty (signature));
  g_assert_false (action_enabled (GTK_WIDGET (dialog), "signature-sign"));
  g_assert_false (action_enabled (GTK_WIDGET (dialog), "signature-undo"));
  g_assert_nonnull (strstr (quality_text (dialog), "Sign above the line"));

  gtk_test_accessible_assert_property (md_signature_pad_get_area (pad),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Empty");

  /* A dot is not a signature. */
  drag (pad, &dot, 1, 1.0);
  g_assert_cmpuint (md_signature_get_n_strokes (signature), ==, 1);
  gtk_test_accessible_assert_property (md_signature_pad_get_area (pad),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "1 stroke");
  g_assert_false (action_enabled (GTK_WIDGET (dialog), "signature-sign"));
  g_assert_nonnull (strstr (quality_text (dialog), "very small"));

  /* Nor is a short tick. */
  drag (pad, tick, G_N_ELEMENTS (tick), 1.0);
  g_assert_cmpuint (md_signature_get_n_strokes (signature), ==, 2);
  gtk_test_accessible_assert_property (md_signature_pad_get_area (pad),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "2 strokes");
  g_assert_false (action_enabled (GTK_WIDGET (dialog), "signature-sign"));
  g_assert_nonnull (strstr (quality_text (dialog), "too short"));

  /* Undo takes the last stroke, Clear the rest. */
  md_test_press (md_test_find_named (GTK_WIDGET (dialog), "signature-undo"));
  g_assert_cmpuint (md_signature_get_n_strokes (signature), ==, 1);
  md_test_press (md_test_find_named (GTK_WIDGET (dialog), "signature-clear"));
  g_assert_true (md_signature_is_empty (signature));
  g_assert_false (action_enabled (GTK_WIDGET (dialog), "signature-clear"));

  /* A real signature passes; the strokes are the recorded ones. */
  sign_with (pad, "sample-1.strokes.json");
  g_assert_cmpuint (md_signature_get_n_strokes (signature), ==, 5);
  g_assert_cmpuint (md_signature_get_n_points (signature), ==, 383);
  g_assert_false (md_signature_is_drawing (signature));
  g_assert_true (action_enabled (GTK_WIDGET (dialog), "signature-sign"));

  /* Ctrl+Z is Undo too. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "signature.undo", NULL);
  g_assert_cmpuint (md_signature_get_n_strokes (signature), ==, 4);

  /* Cancel: back to the form, edits kept, nothing sent, nothing kept of
   * the signature. */
  md_test_press (md_test_find_named (GTK_WIDGET (dialog), "signature-cancel"));
  g_assert_true (md_test_spin_until (dialog_closed, NULL));
  g_assert_cmpstr (draft_value ("iban"), ==, NEW_IBAN);
  g_assert_cmpuint (md_demo_server_get_request_count (demo (), "POST"), ==, 0);
  g_assert_cmpint (payment_state (), ==, MD_STATE_EDITABLE);
  g_assert_true (action_enabled (GTK_WIDGET (payment_page ()), "save-button"));
}

static JsonObject *
find_pending (JsonArray *list,
              gint64     customer_id,
              const char *domain)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);

      if (json_object_get_int_member (entry, "customerId") == customer_id &&
          g_str_equal (json_object_get_string_member (entry, "domain"), domain))
        return entry;
    }

  return NULL;
}

/* The whole change: a rejected signature comes back to the pad with the
 * server's words, a good one goes out with the amendment. */
static void
test_signed_change (void)
{
  MdSignatureDialog *dialog = start_signed_change ();
  MdSignaturePad *pad = md_signature_dialog_get_pad (dialog);
  g_autoptr(SoupSession) session = md_test_session_new ();
  g_autofree char *url = md_demo_server_get_base_url (demo ());
  g_autoptr(MdTestResponse) response = NULL;
  JsonObject *pending;
  GtkWidget *error_label;

  sign_with (pad, "pen-pressure.strokes.json");
  g_assert_true (action_enabled (GTK_WIDGET (dialog), "signature-sign"));

  /* The studio turns the signature down. */
  md_demo_server_inject_faults (demo (), 1, 400, FALSE);
  md_demo_server_set_fault_reference (demo (), "signature.base64SvgSignature");
  md_test_press (md_test_find_named (GTK_WIDGET (dialog), "signature-sign"));
  g_assert_true (md_test_spin_until (error_shown, dialog));

  error_label = md_test_find_named (GTK_WIDGET (dialog), "signature-error");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), !=, "");
  g_assert_true (md_domain_page_get_signature_dialog (payment_page ()) == dialog);
  /* The member signs again on a clean pad; the form keeps the edits. */
  g_assert_true (md_signature_is_empty (md_signature_pad_get_signature (pad)));
  g_assert_cmpstr (draft_value ("iban"), ==, NEW_IBAN);
  g_assert_cmpint (payment_state (), ==, MD_STATE_EDITABLE);
  g_assert_cmpuint (md_demo_server_get_request_count (demo (), "POST"), ==, 1);

  /* Signed again: the demo backend checks and keeps it. */
  sign_with (pad, "mouse-slow.strokes.json");
  g_assert_false (gtk_widget_get_visible (error_label));
  md_test_press (md_test_find_named (GTK_WIDGET (dialog), "signature-sign"));
  g_assert_true (md_test_spin_until (dialog_closed, NULL));
  wait_for_payment (MD_STATE_PENDING);

  g_assert_cmpuint (md_demo_server_get_request_count (demo (), "POST"), ==, 2);

  response = md_test_send (session, md_test_message_new ("GET", url, "/demo/amendments", "demo-key", NULL));
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (response->json));
  pending = find_pending (json_node_get_array (response->json), 1002, "payment");
  g_assert_nonnull (pending);
  g_assert_true (json_object_get_boolean_member (pending, "signed"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pending, "fields"), "iban"),
                   ==, "DE89370400440532013000");
}

static gboolean
has_width (gpointer data)
{
  GtkWidget *area = md_signature_pad_get_area (data);

  return gtk_widget_get_width (area) > 0 && gtk_widget_get_width (area) <= 320;
}

/* Strokes live in the signature's coordinates: a smaller pad shows the
 * whole signature scaled down, never cut or stretched, and keeps it. */
static void
test_pad_resize (void)
{
  GtkWidget *toplevel = gtk_window_new ();
  MdSignaturePad *pad = MD_SIGNATURE_PAD (md_signature_pad_new ());
  MdSignature *signature = md_signature_pad_get_signature (pad);
  GtkWidget *area = md_signature_pad_get_area (pad);
  double x, y, w, h;

  gtk_window_set_child (GTK_WINDOW (toplevel), GTK_WIDGET (pad));
  gtk_window_set_default_size (GTK_WINDOW (toplevel), 640, 220);
  gtk_window_present (GTK_WINDOW (toplevel));
  md_test_wait_for_layout (area);

  sign_with (pad, "sample-2.strokes.json");
  w = md_signature_get_width (signature);
  h = md_signature_get_height (signature);
  g_assert_cmpuint (md_signature_get_n_strokes (signature), ==, 6);

  gtk_window_set_default_size (GTK_WINDOW (toplevel), 300, 180);
  g_assert_true (md_test_spin_until (has_width, pad));

  /* Same strokes, same pad shape; the middle of the area is the middle of
   * the signature's pad. */
  g_assert_cmpuint (md_signature_get_n_strokes (signature), ==, 6);
  g_assert_cmpfloat (md_signature_get_width (signature), ==, w);
  g_assert_cmpfloat (md_signature_get_height (signature), ==, h);
  md_signature_pad_to_signature (pad, gtk_widget_get_width (area) / 2.0,
                                 gtk_widget_get_height (area) / 2.0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, w / 2, 0.5);
  g_assert_cmpfloat_with_epsilon (y, h / 2, 0.5);
  /* And the whole width still fits. */
  md_signature_pad_to_signature (pad, 0, gtk_widget_get_height (area) / 2.0, &x, &y);
  g_assert_cmpfloat (x, <=, 0.5);

  gtk_window_destroy (GTK_WINDOW (toplevel));
}

/* A member without the signature requirement saves straight away. */
static void
test_no_signature_needed (void)
{
  md_demo_server_reset (demo ());
  open_member ("1001");
  wait_for_payment (MD_STATE_EDITABLE);

  type_into ("iban", NEW_IBAN);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_null (md_domain_page_get_signature_dialog (payment_page ()));
  g_assert_null (md_test_find_toplevel (MD_TYPE_SIGNATURE_DIALOG));
  wait_for_payment (MD_STATE_EDITABLE);
  g_assert_cmpuint (md_demo_server_get_request_count (demo (), "POST"), ==, 1);
}

/* Opening another member ends the signing: nothing of the first one's
 * signature or details stays on screen. */
static void
test_switch_member_closes (void)
{
  start_signed_change ();
  sign_with (md_signature_dialog_get_pad (md_domain_page_get_signature_dialog (payment_page ())),
             "sample-2.strokes.json");

  open_member ("1004");
  g_assert_null (md_domain_page_get_signature_dialog (payment_page ()));
  g_assert_null (md_test_find_toplevel (MD_TYPE_SIGNATURE_DIALOG));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The pad's accessible description is checked: GTK's test backend keeps
   * what would reach a screen reader. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = md_test_application_new ();

  window = md_test_demo_window_new (app);

  g_test_add_func ("/signature-flow/pad", test_pad);
  g_test_add_func ("/signature-flow/pad-resize", test_pad_resize);
  g_test_add_func ("/signature-flow/signed-change", test_signed_change);
  g_test_add_func ("/signature-flow/no-signature-needed", test_no_signature_needed);
  g_test_add_func ("/signature-flow/switch-member-closes", test_switch_member_closes);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);

  return status;
}

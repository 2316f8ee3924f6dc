/* md-test-ui.c: helpers for tests that drive real widgets
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "md-memory-secret-store.h"
#include "md-test-ui.h"
#include "md-test-utils.h"

GtkWidget *
md_test_find_named (GtkWidget  *root,
                    const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = md_test_find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
md_test_find_type (GtkWidget *root,
                   GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = md_test_find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

guint
md_test_count_type (GtkWidget *root,
                    GType      type)
{
  guint count = G_TYPE_CHECK_INSTANCE_TYPE (root, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += md_test_count_type (child, type);

  return count;
}

GtkWidget *
md_test_find_name_prefix (GtkWidget  *root,
                          const char *prefix)
{
  if (g_str_has_prefix (gtk_widget_get_name (root), prefix))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = md_test_find_name_prefix (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_labels (GtkWidget *root,
                gboolean   inside_toast,
                GString   *text)
{
  /* libadwaita's toast widget is private: known by its type name only. */
  inside_toast = inside_toast || g_str_equal (G_OBJECT_TYPE_NAME (root), "AdwToastWidget");
  if (inside_toast && GTK_IS_LABEL (root))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (root)));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, inside_toast, text);
}

char *
md_test_get_toast_text (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  collect_labels (root, FALSE, text);
  return g_string_free (text, FALSE);
}

MdApplication *
md_test_application_new (void)
{
  g_autoptr(MdApplication) app = md_application_new ();
  g_autoptr(GError) error = NULL;

  g_autoptr(MdMemorySecretStore) store = md_memory_secret_store_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  /* Never the user's own keyring. */
  md_application_set_secret_store (app, MD_SECRET_STORE (store));
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&app);
}

MdWindow *
md_test_live_demo_window_new (MdApplication *app)
{
  MdWindow *window = md_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  g_signal_emit_by_name (md_test_find_named (GTK_WIDGET (window), "demo-button"), "clicked");
  g_assert_nonnull (md_application_get_demo_server (app));
  g_assert_true (gtk_widget_get_visible (md_test_find_named (GTK_WIDGET (window), "member-entry")));

  return window;
}

MdWindow *
md_test_demo_window_new (MdApplication *app)
{
  MdWindow *window = md_test_live_demo_window_new (app);

  /* A webhook from one test's change would re-read the pages in the
   * middle of the next test. */
  md_demo_server_set_webhook (md_application_get_demo_server (app), NULL, NULL);

  return window;
}

static gboolean
member_loaded (gpointer data)
{
  return md_window_is_member_loaded (data);
}

void
md_test_wait_for_member (MdWindow *window)
{
  g_assert_true (md_test_spin_until (member_loaded, window));
}

GtkWindow *
md_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WINDOW (item);
    }

  return NULL;
}

void
md_test_press (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
has_width (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

/* "Mapped" comes before "allocated": wait for a size. */
void
md_test_wait_for_layout (GtkWidget *widget)
{
  g_assert_true (md_test_spin_until (has_width, widget));
}

MdState
md_test_page_state (MdWindow *window,
                    MdDomain  domain)
{
  MdAmendmentMachine *machine = md_domain_page_get_machine (md_window_get_page (window, domain));

  return machine != NULL ? md_amendment_machine_get_state (machine) : MD_STATE_LOADING;
}

typedef struct
{
  MdWindow *window;
  MdDomain  domain;
  MdState   state;
} StateWait;

static gboolean
has_state (gpointer data)
{
  StateWait *wait = data;

  return md_test_page_state (wait->window, wait->domain) == wait->state;
}

gboolean
md_test_wait_for_state (MdWindow *window,
                        MdDomain  domain,
                        MdState   state)
{
  StateWait wait = { window, domain, state };

  return md_test_spin_until (has_state, &wait);
}

void
md_test_show_page (MdWindow *window,
                   MdDomain  domain)
{
  GtkWidget *page = GTK_WIDGET (md_window_get_page (window, domain));

  adw_view_stack_set_visible_child (ADW_VIEW_STACK (gtk_widget_get_parent (page)), page);
}

gboolean
md_test_type_into (MdWindow   *window,
                   MdDomain    domain,
                   const char *field,
                   const char *text)
{
  GtkWidget *row = md_test_find_named (GTK_WIDGET (md_window_get_page (window, domain)), field);

  if (row == NULL || !GTK_IS_EDITABLE (row))
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  return TRUE;
}

const char *
md_test_current_value (MdWindow   *window,
                       MdDomain    domain,
                       const char *field)
{
  MdAmendmentMachine *machine = md_domain_page_get_machine (md_window_get_page (window, domain));

  g_assert_nonnull (machine);
  return md_record_get (md_snapshot_get_values (md_amendment_machine_get_snapshot (machine)),
                        field);
}

static gboolean
dialog_shown (gpointer data)
{
  return md_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

gboolean
md_test_wait_for_dialog (void)
{
  return md_test_spin_until (dialog_shown, NULL);
}

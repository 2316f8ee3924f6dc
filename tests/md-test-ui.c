/* md-test-ui.c: helpers for tests that drive real widgets
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

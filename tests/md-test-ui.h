/* md-test-ui.h: helpers for tests that drive real widgets
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The first widget below @root (or @root) whose name is @name, or NULL. */
GtkWidget *md_test_find_named       (GtkWidget  *root,
                                     const char *name);
/* The first widget below @root (or @root) of @type, or NULL. */
GtkWidget *md_test_find_type        (GtkWidget  *root,
                                     GType       type);
/* How many widgets below @root (and @root) are of @type. */
guint      md_test_count_type       (GtkWidget  *root,
                                     GType       type);
/* Spins until @widget has been laid out; fails the test at the deadline. */
void       md_test_wait_for_layout  (GtkWidget  *widget);

G_END_DECLS

/* md-test-ui.h: helpers for tests that drive real widgets
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "md-application.h"
#include "md-window.h"

G_BEGIN_DECLS

/* The first widget below @root (or @root) whose name is @name, or NULL. */
GtkWidget *md_test_find_named       (GtkWidget  *root,
                                     const char *name);
/* The first widget below @root (or @root) of @type, or NULL. */
GtkWidget *md_test_find_type        (GtkWidget  *root,
                                     GType       type);
/* The first widget below @root (or @root) whose name starts with @prefix. */
GtkWidget *md_test_find_name_prefix (GtkWidget  *root,
                                     const char *prefix);
/* The text of the toasts showing below @root, a line each. */
char      *md_test_get_toast_text   (GtkWidget  *root);
/* How many widgets below @root (and @root) are of @type. */
guint      md_test_count_type       (GtkWidget  *root,
                                     GType       type);
/* Spins until @widget has been laid out; fails the test at the deadline. */
void       md_test_wait_for_layout  (GtkWidget  *widget);

/* The application, registered without uniqueness so that tests run side
 * by side; one per process, as in the real program. */
MdApplication *md_test_application_new (void);
/* The main window of @app, shown, with the demo chosen on the welcome
 * page as a new user would; the demo studio sends no webhooks. */
MdWindow  *md_test_demo_window_new  (MdApplication *app);
/* The same, with the demo studio's webhooks reaching the window. */
MdWindow  *md_test_live_demo_window_new (MdApplication *app);
/* Spins until every page of the open member has loaded (or failed). */
void       md_test_wait_for_member  (MdWindow   *window);
/* A visible toplevel window of @type, or NULL. */
GtkWindow *md_test_find_toplevel    (GType       type);
/* Clicks @button after checking that it can be clicked. */
void       md_test_press            (GtkWidget  *button);

/* The state of @domain's page, MD_STATE_LOADING while no member is open. */
MdState     md_test_page_state      (MdWindow   *window,
                                     MdDomain    domain);
/* Spins until @domain's page is in @state; FALSE at the deadline. */
gboolean    md_test_wait_for_state  (MdWindow   *window,
                                     MdDomain    domain,
                                     MdState     state);
/* Brings @domain's page into view, as its switcher button does. */
void        md_test_show_page       (MdWindow   *window,
                                     MdDomain    domain);
/* Types @text into the field named @field on @domain's page; FALSE if the
 * page has no such field. */
gboolean    md_test_type_into       (MdWindow   *window,
                                     MdDomain    domain,
                                     const char *field,
                                     const char *text);
/* The value of @field that @domain's page last read from the server. */
const char *md_test_current_value   (MdWindow   *window,
                                     MdDomain    domain,
                                     const char *field);
/* Spins until a message dialog shows; FALSE at the deadline. */
gboolean    md_test_wait_for_dialog (void);

G_END_DECLS

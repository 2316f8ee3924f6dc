/* md-window.c: the main window
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-window.h"

struct _MdWindow
{
  AdwApplicationWindow  parent_instance;

  GtkLabel             *demo_badge;
  AdwStatusPage        *status_page;
};

G_DEFINE_FINAL_TYPE (MdWindow, md_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_backend (MdWindow      *self,
              MdApplication *app)
{
  MdDemoServer *demo = md_application_get_demo_server (app);

  gtk_widget_set_visible (GTK_WIDGET (self->demo_badge), demo != NULL);
  if (demo != NULL)
    adw_status_page_set_description (self->status_page,
                                     _("The demo studio is running with sample members. "
                                       "Nothing you do here reaches a real studio."));
}

static void
md_window_class_init (MdWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/md-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MdWindow, demo_badge);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, status_page);
}

static void
md_window_init (MdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

MdWindow *
md_window_new (MdApplication *application)
{
  MdWindow *self;

  g_return_val_if_fail (MD_IS_APPLICATION (application), NULL);

  self = g_object_new (MD_TYPE_WINDOW,
                       "application", application,
                       NULL);
  show_backend (self, application);

  return self;
}

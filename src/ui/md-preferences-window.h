/* md-preferences-window.h: the studio connection and what is remembered
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MD_TYPE_PREFERENCES_WINDOW (md_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (MdPreferencesWindow, md_preferences_window, MD, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Modal for @parent, which must have a "win.show-welcome" action for
 * "Change Studio…"; @settings holds the application's keys.
 * @current_base_url is the studio in use (NULL when not connected),
 * @demo says it is the embedded demo studio. */
MdPreferencesWindow *md_preferences_window_new (GtkWindow  *parent,
                                                GSettings  *settings,
                                                const char *current_base_url,
                                                gboolean    demo);

G_END_DECLS

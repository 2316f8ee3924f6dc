/* md-idle-watch.h: notices when nobody has touched a window for a while
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Seconds before the end that are counted down on screen. */
#define MD_IDLE_WATCH_COUNTDOWN 20

#define MD_TYPE_IDLE_WATCH (md_idle_watch_get_type ())

G_DECLARE_FINAL_TYPE (MdIdleWatch, md_idle_watch, MD, IDLE_WATCH, GObject)

/* Any key, button, touch, scroll or pointer motion in @window counts as
 * someone being there. */
MdIdleWatch *md_idle_watch_new         (GtkWindow   *window);
void         md_idle_watch_set_timeout (MdIdleWatch *self,
                                        guint        seconds);
/* Starts (or restarts) the wait; ::countdown and ::expired follow. */
void         md_idle_watch_start       (MdIdleWatch *self);
void         md_idle_watch_stop        (MdIdleWatch *self);
gboolean     md_idle_watch_is_running  (MdIdleWatch *self);
/* Input seen: the wait starts again. */
void         md_idle_watch_poke        (MdIdleWatch *self);

G_END_DECLS

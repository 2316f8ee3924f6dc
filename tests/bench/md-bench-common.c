/* md-bench-common.c: first-frame and memory reporting shared by the benchmarks
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md-bench-common.h"

static gint64 main_time;
static MdBenchFirstFrameFunc first_frame_func;

void
md_bench_mark_main (void)
{
  main_time = g_get_monotonic_time ();
}

/* Wall clock, because the parent's clock reading has to cross an exec. */
static gint64
spawn_time (void)
{
  const char *value = g_getenv ("MD_BENCH_T0");
  gint64 t0;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 1, G_MAXINT64, &t0, NULL))
    return 0;

  return t0;
}

long
md_bench_peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "VmHWM:");

  return line != NULL ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

/* GTK falls back to cairo when GL cannot start, silently: say what ran. */
const char *
md_bench_renderer_name (GtkWidget *window)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  return renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none";
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  gint64 now_real = g_get_real_time ();
  gint64 now = g_get_monotonic_time ();
  gint64 t0 = spawn_time ();

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);

  g_print ("first-frame %.2f %.2f %ld %s\n",
           t0 > 0 ? (now_real - t0) / 1000.0 : -1.0,
           (now - main_time) / 1000.0,
           md_bench_peak_rss_kb (),
           md_bench_renderer_name (window));
  fflush (stdout);

  if (first_frame_func != NULL)
    first_frame_func (GTK_WINDOW (window));
  else
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
realize_cb (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (after_paint_cb), window, 0);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (app, window_added_cb, NULL);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}

void
md_bench_watch_first_frame (GtkApplication *app)
{
  md_bench_watch_first_frame_full (app, NULL);
}

void
md_bench_watch_first_frame_full (GtkApplication        *app,
                                 MdBenchFirstFrameFunc  func)
{
  first_frame_func = func;
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
}

/* md-bench-common.h: first-frame and memory reporting shared by the benchmarks
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*MdBenchFirstFrameFunc) (GtkWindow *window);

/* Call first thing in main(): the in-process half of the measurement. */
void        md_bench_mark_main              (void);
/* On the first painted frame of @app's first window, prints
 * "first-frame SPAWN_MS MAIN_MS PEAK_RSS_KB RENDERER" and quits @app. SPAWN_MS counts
 * from MD_BENCH_T0 (wall-clock microseconds, set by the parent just before
 * it started this process), -1 without it. */
void        md_bench_watch_first_frame      (GtkApplication        *app);
/* The same, but then calls @func (from the frame clock's after-paint)
 * instead of quitting; @func NULL quits. One application per process. */
void        md_bench_watch_first_frame_full (GtkApplication        *app,
                                             MdBenchFirstFrameFunc  func);
/* VmHWM (peak resident set) of this process in KiB, -1 when unknown. */
long        md_bench_peak_rss_kb            (void);
/* The type name of the renderer @window paints with. */
const char *md_bench_renderer_name          (GtkWidget             *window);

G_END_DECLS

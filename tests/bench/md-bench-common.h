/* md-bench-common.h: first-frame reporting shared by the start-up benchmarks
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Call first thing in main(): the in-process half of the measurement. */
void md_bench_mark_main         (void);
/* On the first painted frame of @app's first window, prints
 * "first-frame SPAWN_MS MAIN_MS PEAK_RSS_KB RENDERER" and quits @app. SPAWN_MS counts
 * from MD_BENCH_T0 (wall-clock microseconds, set by the parent just before
 * it started this process), -1 without it. */
void md_bench_watch_first_frame (GtkApplication *app);

G_END_DECLS

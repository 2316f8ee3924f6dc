/* md-ink-check.h: renders a signature both ways and compares the ink
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "md-signature.h"

G_BEGIN_DECLS

/* What the pad shows: opaque ink on a transparent surface of the pad's size. */
cairo_surface_t *md_ink_check_render_screen (MdSignature      *signature);
/* The ink as it looked while the pen moved: every sample, no fitted
 * curves. */
cairo_surface_t *md_ink_check_render_live   (MdSignature      *signature);
/* The exported SVG drawn by librsvg onto a surface of the pad's size, at
 * the place the export was cropped from. */
cairo_surface_t *md_ink_check_render_svg    (MdSignature      *signature,
                                             const char       *svg,
                                             GError          **error);
/* Intersection over union of the pixels with alpha above one half. */
double           md_ink_check_iou           (cairo_surface_t  *a,
                                             cairo_surface_t  *b);
/* Pixels with alpha above one half. */
guint            md_ink_check_count_ink     (cairo_surface_t  *surface);
/* Loads a stroke file. */
MdSignature     *md_ink_check_load          (const char       *path,
                                             GError          **error);

G_END_DECLS

/* md-ink.h: the geometry of handwritten ink
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stroke's samples become a filled outline: the samples are smoothed, a
 * spline runs through them, the pen's width varies with speed (or with real
 * pressure), both edges are offset from the spline and fitted with a few
 * cubic Béziers, and round caps close the ends. The screen paints the same
 * outline the SVG export writes.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Pen widths in logical pixels. */
#define MD_INK_MIN_WIDTH 1.4
#define MD_INK_MAX_WIDTH 4.0

typedef struct
{
  double x;
  double y;
  double t;  /* milliseconds */
  double p;  /* pressure 0..1, or negative when the device reports none */
} MdInkPoint;

typedef struct
{
  double x;
  double y;
} MdInkVec;

typedef enum
{
  MD_INK_LINE,
  MD_INK_CUBIC,
  MD_INK_ARC,    /* a half circle to @end: a round cap */
} MdInkSegmentKind;

typedef struct
{
  MdInkSegmentKind kind;
  MdInkVec         c1;
  MdInkVec         c2;
  MdInkVec         end;
  gboolean         sweep;  /* arcs: TRUE turns towards positive angles */
} MdInkSegment;

/* A closed outline: from @start through @segments back to @start. */
typedef struct
{
  MdInkVec  start;
  GArray   *segments;  /* MdInkSegment */
} MdInkOutline;

/* Width of the pen for a filtered speed in px/ms and a pressure (negative:
 * none). */
double        md_ink_width_for               (double            speed,
                                              double            pressure);

/* The centre line: @points smoothed and interpolated by a spline, one
 * sample about every pixel, with the pen's width at each. */
void          md_ink_centre_line             (const MdInkPoint *points,
                                              guint             n_points,
                                              GArray           *centre,
                                              GArray           *widths);

/* Fits cubic Béziers within @tolerance px of the polyline @points and
 * appends them to @segments; the polyline's start is the current point. */
void          md_ink_fit_cubics              (const MdInkVec   *points,
                                              guint             n_points,
                                              double            tolerance,
                                              GArray           *segments);

/* The outline of one stroke. @fitted: Béziers (for finished strokes and the
 * export); otherwise straight segments through every sample, cheaper while
 * the pen is moving. */
MdInkOutline *md_ink_outline_new             (const MdInkPoint *points,
                                              guint             n_points,
                                              gboolean          fitted);
void          md_ink_outline_free            (MdInkOutline     *outline);

/* Extends the box to the outline's extent. */
void          md_ink_outline_extend_bounds   (const MdInkOutline *outline,
                                              double             *x1,
                                              double             *y1,
                                              double             *x2,
                                              double             *y2);

/* Adds the outline to @cr's path as a closed subpath. */
void          md_ink_outline_to_cairo        (const MdInkOutline *outline,
                                              cairo_t            *cr);

/* Length of the polyline through @points. */
double        md_ink_points_length           (const MdInkPoint *points,
                                              guint             n_points);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdInkOutline, md_ink_outline_free)

G_END_DECLS

/* md-ink.c: the geometry of handwritten ink
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "md-ink.h"

/* Samples closer than this carry no shape, only jitter. */
#define MIN_SAMPLE_DISTANCE 0.5
/* Smoothing passes over the samples, and how far one pass may move one. */
#define SMOOTH_PASSES 3
#define SMOOTH_MAX_SHIFT 0.75
/* How much of the new speed goes into the filtered speed. */
#define SPEED_WEIGHT 0.6
/* The speed (px/ms) at which the pen is half way between its widths. */
#define HALF_WIDTH_SPEED 0.9
/* The width changes by at most this much per pixel travelled, so a sudden
 * stop leaves no blot. */
#define MAX_WIDTH_SLOPE 0.25
/* Spline samples per pixel of centre line, and at most per segment. */
#define SAMPLE_SPACING 1.0
#define MAX_SAMPLES_PER_SEGMENT 32
/* The inner edge of a turn tighter than the pen folds over itself; folds
 * no longer than this (along the edge) are cut off. */
#define MAX_FOLD_LENGTH (3.0 * MD_INK_MAX_WIDTH)
/* An edge turning more than this within a couple of pixels is a corner:
 * the fit starts a new curve there instead of rounding it. */
#define CORNER_COS 0.5
#define CORNER_REACH 2.0
/* How far from the sampled edges the Béziers may stray, in px. */
#define FIT_TOLERANCE 0.5
#define FIT_MAX_DEPTH 24
/* Points per segment looked at for the bounds. */
#define BOUNDS_SAMPLES 16

static inline MdInkVec
vec (double x,
     double y)
{
  return (MdInkVec) { x, y };
}

static inline MdInkVec
vec_add (MdInkVec a,
         MdInkVec b)
{
  return vec (a.x + b.x, a.y + b.y);
}

static inline MdInkVec
vec_sub (MdInkVec a,
         MdInkVec b)
{
  return vec (a.x - b.x, a.y - b.y);
}

static inline MdInkVec
vec_scale (MdInkVec a,
           double   s)
{
  return vec (a.x * s, a.y * s);
}

static inline double
vec_dot (MdInkVec a,
         MdInkVec b)
{
  return a.x * b.x + a.y * b.y;
}

static inline double
vec_len (MdInkVec a)
{
  return hypot (a.x, a.y);
}

static inline double
vec_dist (MdInkVec a,
          MdInkVec b)
{
  return hypot (a.x - b.x, a.y - b.y);
}

static inline MdInkVec
vec_unit (MdInkVec a,
          MdInkVec fallback)
{
  double l = vec_len (a);

  return l > 1e-9 ? vec_scale (a, 1.0 / l) : fallback;
}

double
md_ink_width_for (double speed,
                  double pressure)
{
  double slow = 1.0 / (1.0 + MAX (speed, 0.0) / HALF_WIDTH_SPEED);
  double f;

  if (pressure < 0)
    f = slow;
  else
    f = 0.75 * pow (CLAMP (pressure, 0.0, 1.0), 0.8) + 0.25 * slow;

  return MD_INK_MIN_WIDTH + (MD_INK_MAX_WIDTH - MD_INK_MIN_WIDTH) * f;
}

double
md_ink_points_length (const MdInkPoint *points,
                      guint             n_points)
{
  double length = 0;

  for (guint i = 1; i < n_points; i++)
    length += hypot (points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);

  return length;
}

/* A mouse reports a constant pressure, or none: only a pressure that
 * varies within the stroke is a pen's. */
static gboolean
has_real_pressure (const MdInkPoint *points,
                   guint             n_points)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  for (guint i = 0; i < n_points; i++)
    {
      if (points[i].p < 0 || !isfinite (points[i].p))
        return FALSE;
      lo = MIN (lo, points[i].p);
      hi = MAX (hi, points[i].p);
    }

  return n_points > 0 && hi - lo > 0.01;
}

typedef struct
{
  MdInkVec pos;
  double   speed;
  double   pressure;
  double   width;
} Knot;

/* The samples worth keeping, with the pen's width at each. */
static GArray *
make_knots (const MdInkPoint *points,
            guint             n_points)
{
  GArray *knots = g_array_sized_new (FALSE, FALSE, sizeof (Knot), n_points);
  gboolean pressure = has_real_pressure (points, n_points);
  const MdInkPoint *last = NULL;
  double speed = 0;

  for (guint i = 0; i < n_points; i++)
    {
      const MdInkPoint *p = &points[i];
      Knot knot = { vec (p->x, p->y), 0, pressure ? p->p : -1, 0 };
      double step = last != NULL ? hypot (p->x - last->x, p->y - last->y) : 0;

      if (last != NULL && step < MIN_SAMPLE_DISTANCE)
        {
          /* A last sample on top of the one before replaces it. */
          if (i + 1 == n_points)
            g_array_index (knots, Knot, knots->len - 1).pos = knot.pos;
          continue;
        }

      if (last != NULL)
        {
          double raw = step / MAX (p->t - last->t, 1.0);

          speed = knots->len == 1 ? raw : SPEED_WEIGHT * raw + (1 - SPEED_WEIGHT) * speed;
          /* The first sample has no speed of its own: it takes the second's. */
          if (knots->len == 1)
            g_array_index (knots, Knot, 0).speed = speed;
        }

      knot.speed = speed;
      g_array_append_val (knots, knot);
      last = p;
    }

  for (guint i = 0; i < knots->len; i++)
    {
      Knot *k = &g_array_index (knots, Knot, i);

      k->width = md_ink_width_for (k->speed, k->pressure);
    }

  /* Limit how fast the width changes along the stroke, both ways. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint n = 1; n < knots->len; n++)
        {
          guint i = pass == 0 ? n : knots->len - 1 - n;
          guint prev = pass == 0 ? i - 1 : i + 1;
          Knot *k = &g_array_index (knots, Knot, i);
          Knot *pk = &g_array_index (knots, Knot, prev);
          double limit = MAX_WIDTH_SLOPE * vec_dist (k->pos, pk->pos);

          k->width = CLAMP (k->width, pk->width - limit, pk->width + limit);
        }
    }

  /* Take the staircase of whole-pixel positions and the tremor of the
   * hand out, moving no sample further than the eye would notice. */
  for (guint pass = 0; pass < SMOOTH_PASSES && knots->len > 2; pass++)
    {
      MdInkVec prev = g_array_index (knots, Knot, 0).pos;

      for (guint i = 1; i + 1 < knots->len; i++)
        {
          Knot *k = &g_array_index (knots, Knot, i);
          MdInkVec next = g_array_index (knots, Knot, i + 1).pos;
          MdInkVec here = k->pos;
          MdInkVec target = vec_add (vec_scale (here, 0.5), vec_scale (vec_add (prev, next), 0.25));
          MdInkVec shift = vec_sub (target, here);
          double length = vec_len (shift);

          if (length > SMOOTH_MAX_SHIFT)
            shift = vec_scale (shift, SMOOTH_MAX_SHIFT / length);
          k->pos = vec_add (here, shift);
          prev = here;
        }
    }

  return knots;
}

static MdInkVec
bezier_point (MdInkVec p0,
              MdInkVec p1,
              MdInkVec p2,
              MdInkVec p3,
              double   t)
{
  double s = 1 - t;
  double b0 = s * s * s, b1 = 3 * s * s * t, b2 = 3 * s * t * t, b3 = t * t * t;

  return vec (b0 * p0.x + b1 * p1.x + b2 * p2.x + b3 * p3.x,
              b0 * p0.y + b1 * p1.y + b2 * p2.y + b3 * p3.y);
}

/* The control points of the centripetal Catmull-Rom segment p1 -> p2:
 * it follows the samples without the overshoot and cusps of the uniform
 * kind. */
static void
catmull_rom_controls (MdInkVec  p0,
                      MdInkVec  p1,
                      MdInkVec  p2,
                      MdInkVec  p3,
                      MdInkVec *c1,
                      MdInkVec *c2)
{
  double d1 = sqrt (vec_dist (p0, p1));
  double d2 = sqrt (vec_dist (p1, p2));
  double d3 = sqrt (vec_dist (p2, p3));

  if (d1 < 1e-6 || d2 < 1e-6)
    *c1 = vec_add (p1, vec_scale (vec_sub (p2, p1), 1.0 / 3));
  else
    {
      double a = 2 * d1 * d1 + 3 * d1 * d2 + d2 * d2;
      double n = 3 * d1 * (d1 + d2);

      *c1 = vec ((d1 * d1 * p2.x - d2 * d2 * p0.x + a * p1.x) / n,
                 (d1 * d1 * p2.y - d2 * d2 * p0.y + a * p1.y) / n);
    }

  if (d3 < 1e-6 || d2 < 1e-6)
    *c2 = vec_add (p2, vec_scale (vec_sub (p1, p2), 1.0 / 3));
  else
    {
      double b = 2 * d3 * d3 + 3 * d3 * d2 + d2 * d2;
      double n = 3 * d3 * (d3 + d2);

      *c2 = vec ((d3 * d3 * p1.x - d2 * d2 * p3.x + b * p2.x) / n,
                 (d3 * d3 * p1.y - d2 * d2 * p3.y + b * p2.y) / n);
    }
}

void
md_ink_centre_line (const MdInkPoint *points,
                    guint             n_points,
                    GArray           *centre,
                    GArray           *widths)
{
  g_autoptr(GArray) knots = NULL;

  g_return_if_fail (points != NULL || n_points == 0);

  if (n_points == 0)
    return;

  knots = make_knots (points, n_points);

  for (guint i = 0; i < knots->len; i++)
    {
      Knot *k1 = &g_array_index (knots, Knot, i);
      Knot *k0, *k2, *k3;
      MdInkVec c1, c2;
      guint steps;

      g_array_append_val (centre, k1->pos);
      g_array_append_val (widths, k1->width);

      if (i + 1 == knots->len)
        break;

      k0 = &g_array_index (knots, Knot, i > 0 ? i - 1 : 0);
      k2 = &g_array_index (knots, Knot, i + 1);
      k3 = &g_array_index (knots, Knot, MIN (i + 2, knots->len - 1));
      catmull_rom_controls (k0->pos, k1->pos, k2->pos, k3->pos, &c1, &c2);

      steps = (guint) CLAMP (ceil (vec_dist (k1->pos, k2->pos) / SAMPLE_SPACING),
                             1, MAX_SAMPLES_PER_SEGMENT);
      for (guint s = 1; s < steps; s++)
        {
          double t = (double) s / steps;
          MdInkVec p = bezier_point (k1->pos, c1, c2, k2->pos, t);
          double w = k1->width + (k2->width - k1->width) * t;

          g_array_append_val (centre, p);
          g_array_append_val (widths, w);
        }
    }
}

/* Schneider's curve fitting ("An Algorithm for Automatically Fitting
 * Digitized Curves", Graphics Gems, 1990). */

static void
chord_lengths (const MdInkVec *p,
               guint           n,
               double         *u)
{
  u[0] = 0;
  for (guint i = 1; i < n; i++)
    u[i] = u[i - 1] + vec_dist (p[i], p[i - 1]);
  for (guint i = 1; i < n && u[n - 1] > 0; i++)
    u[i] /= u[n - 1];
}

/* Least squares for the control points' distances along the end
 * tangents; @fixed_left, when not negative, is the first distance, so the
 * curve continues the previous one smoothly (and the export can write it
 * as a shorthand "s"). */
static void
generate_bezier (const MdInkVec *p,
                 guint           n,
                 const double   *u,
                 MdInkVec        t1,
                 MdInkVec        t2,
                 double          fixed_left,
                 MdInkVec       *c1,
                 MdInkVec       *c2)
{
  MdInkVec p0 = p[0], p3 = p[n - 1];
  double c00 = 0, c01 = 0, c11 = 0, x0 = 0, x1 = 0;
  double seg = vec_dist (p0, p3);
  double al, ar;

  for (guint i = 0; i < n; i++)
    {
      double s = 1 - u[i];
      double b0 = s * s * s, b1 = 3 * s * s * u[i], b2 = 3 * s * u[i] * u[i], b3 = u[i] * u[i] * u[i];
      MdInkVec a0 = vec_scale (t1, b1);
      MdInkVec a1 = vec_scale (t2, b2);
      MdInkVec tmp = vec_sub (p[i], vec_add (vec_scale (p0, b0 + b1), vec_scale (p3, b2 + b3)));

      c00 += vec_dot (a0, a0);
      c01 += vec_dot (a0, a1);
      c11 += vec_dot (a1, a1);
      x0 += vec_dot (a0, tmp);
      x1 += vec_dot (a1, tmp);
    }

  if (fixed_left >= 0)
    {
      double det = c11;

      al = fixed_left;
      ar = fabs (det) > 1e-12 ? (x1 - c01 * al) / det : 0;
    }
  else
    {
      double det = c00 * c11 - c01 * c01;

      al = fabs (det) > 1e-12 ? (x0 * c11 - x1 * c01) / det : 0;
      ar = fabs (det) > 1e-12 ? (c00 * x1 - c01 * x0) / det : 0;
    }

  /* Degenerate or wild: the Wu/Barsky guess is safe. */
  if (ar < 1e-6 * seg || ar > 3 * seg)
    ar = seg / 3;
  if (fixed_left < 0 && (al < 1e-6 * seg || al > 3 * seg))
    al = ar = seg / 3;

  *c1 = vec_add (p0, vec_scale (t1, al));
  *c2 = vec_add (p3, vec_scale (t2, ar));
}

static double
max_error (const MdInkVec *p,
           guint           n,
           const double   *u,
           MdInkVec        c1,
           MdInkVec        c2,
           guint          *split)
{
  double worst = 0;

  *split = n / 2;
  for (guint i = 1; i + 1 < n; i++)
    {
      MdInkVec q = bezier_point (p[0], c1, c2, p[n - 1], u[i]);
      double d = vec_dot (vec_sub (q, p[i]), vec_sub (q, p[i]));

      if (d > worst)
        {
          worst = d;
          *split = i;
        }
    }

  return worst;
}

/* Newton-Raphson: each sample's parameter moved to its nearest point on
 * the curve. */
static void
reparameterize (const MdInkVec *p,
                guint           n,
                double         *u,
                MdInkVec        c1,
                MdInkVec        c2)
{
  MdInkVec q0 = p[0], q3 = p[n - 1];

  for (guint i = 0; i < n; i++)
    {
      double t = u[i], s = 1 - t;
      MdInkVec q = bezier_point (q0, c1, c2, q3, t);
      MdInkVec d1 = vec_add (vec_add (vec_scale (vec_sub (c1, q0), 3 * s * s),
                                      vec_scale (vec_sub (c2, c1), 6 * s * t)),
                             vec_scale (vec_sub (q3, c2), 3 * t * t));
      MdInkVec d2 = vec_add (vec_scale (vec_add (vec_sub (c2, vec_scale (c1, 2)), q0), 6 * s),
                             vec_scale (vec_add (vec_sub (q3, vec_scale (c2, 2)), c1), 6 * t));
      MdInkVec diff = vec_sub (q, p[i]);
      double den = vec_dot (d1, d1) + vec_dot (diff, d2);

      if (fabs (den) > 1e-12)
        u[i] = CLAMP (t - vec_dot (diff, d1) / den, 0.0, 1.0);
    }
}

static void
append_cubic (GArray   *segments,
              MdInkVec  c1,
              MdInkVec  c2,
              MdInkVec  end)
{
  MdInkSegment segment = { MD_INK_CUBIC, c1, c2, end, FALSE };

  g_array_append_val (segments, segment);
}

static void
fit_range (const MdInkVec *p,
           guint           n,
           MdInkVec        t1,
           MdInkVec        t2,
           double          fixed_left,
           double          tolerance,
           guint           depth,
           GArray         *segments)
{
  g_autofree double *u = NULL;
  double tol2 = tolerance * tolerance;
  MdInkVec c1, c2, centre;
  MdInkSegment *last;
  guint split;
  double error;

  if (n == 2 || depth >= FIT_MAX_DEPTH)
    {
      double third = vec_dist (p[0], p[n - 1]) / 3;

      append_cubic (segments, vec_add (p[0], vec_scale (t1, fixed_left >= 0 ? fixed_left : third)),
                    vec_add (p[n - 1], vec_scale (t2, third)), p[n - 1]);
      return;
    }

  u = g_new (double, n);

  /* A smooth continuation if it fits, any curve that fits otherwise. */
  for (int attempt = fixed_left >= 0 ? 0 : 1; attempt < 2; attempt++)
    {
      double left = attempt == 0 ? fixed_left : -1;

      chord_lengths (p, n, u);
      generate_bezier (p, n, u, t1, t2, left, &c1, &c2);
      error = max_error (p, n, u, c1, c2, &split);

      for (guint i = 0; i < 4 && error >= tol2 && error < 16 * tol2; i++)
        {
          reparameterize (p, n, u, c1, c2);
          generate_bezier (p, n, u, t1, t2, left, &c1, &c2);
          error = max_error (p, n, u, c1, c2, &split);
        }

      if (error < tol2)
        {
          append_cubic (segments, c1, c2, p[n - 1]);
          return;
        }
    }

  split = CLAMP (split, 1, n - 2);
  centre = vec_unit (vec_sub (p[split - 1], p[split + 1]), vec_scale (t2, 1));
  fit_range (p, split + 1, t1, centre, fixed_left, tolerance, depth + 1, segments);

  /* The second half leaves the split point as the first half arrived. */
  last = &g_array_index (segments, MdInkSegment, segments->len - 1);
  fit_range (p + split, n - split, vec_scale (centre, -1), t2, vec_dist (last->c2, last->end),
             tolerance, depth + 1, segments);
}

/* The direction the polyline leaves @i in, looked at from a little way
 * off so one jittery sample does not decide it. */
static MdInkVec
direction_from (const MdInkVec *p,
                guint           n,
                guint           i,
                int             step)
{
  guint j = i;

  do
    j = (guint) ((int) j + step);
  while (j > 0 && j + 1 < n && vec_dist (p[i], p[j]) < CORNER_REACH);

  return vec_unit (vec_sub (p[MIN (j, n - 1)], p[i]), vec (1, 0));
}

/* How straight the polyline runs through @i: 1 straight on, -1 back. */
static double
straightness (const MdInkVec *p,
              guint           n,
              guint           i)
{
  MdInkVec back = direction_from (p, n, i, -1);
  MdInkVec ahead = direction_from (p, n, i, 1);

  return -vec_dot (back, ahead);
}

static void
fit_piece (const MdInkVec *p,
           guint           n,
           double          tolerance,
           GArray         *segments)
{
  fit_range (p, n, direction_from (p, n, 0, 1), direction_from (p, n, n - 1, -1), -1,
             tolerance, 0, segments);
}

void
md_ink_fit_cubics (const MdInkVec *points,
                   guint           n_points,
                   double          tolerance,
                   GArray         *segments)
{
  guint first = 0;
  guint i = 1;

  g_return_if_fail (segments != NULL);

  if (n_points < 2)
    return;

  /* Pieces end at corners: of a run of samples that all turn sharply,
   * the sharpest. */
  while (i + 1 < n_points)
    {
      double best = straightness (points, n_points, i);
      guint corner = i;

      if (best >= CORNER_COS)
        {
          i++;
          continue;
        }

      for (i++; i + 1 < n_points; i++)
        {
          double s = straightness (points, n_points, i);

          if (s >= CORNER_COS)
            break;
          if (s < best)
            {
              best = s;
              corner = i;
            }
        }

      fit_piece (points + first, corner - first + 1, tolerance, segments);
      first = corner;
    }

  fit_piece (points + first, n_points - first, tolerance, segments);
}

static gboolean
segments_cross (MdInkVec  a,
                MdInkVec  b,
                MdInkVec  c,
                MdInkVec  d,
                MdInkVec *at)
{
  MdInkVec r = vec_sub (b, a), s = vec_sub (d, c);
  double den = r.x * s.y - r.y * s.x;
  double t, u;

  if (fabs (den) < 1e-12)
    return FALSE;

  t = ((c.x - a.x) * s.y - (c.y - a.y) * s.x) / den;
  u = ((c.x - a.x) * r.y - (c.y - a.y) * r.x) / den;
  if (t < 0 || t > 1 || u < 0 || u > 1)
    return FALSE;

  *at = vec_add (a, vec_scale (r, t));
  return TRUE;
}

/* Cuts the small loops an edge makes where the stroke turns tighter than
 * the pen is wide; left in, they would punch holes into the fill. */
static GArray *
remove_folds (const MdInkVec *p,
              guint           n)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (MdInkVec), n);
  guint i = 0;

  while (i < n)
    {
      guint reach = i + 2;
      double along = 0;
      gboolean cut = FALSE;

      g_array_append_val (out, p[i]);
      if (i + 1 >= n)
        break;

      while (reach + 1 < n && along < MAX_FOLD_LENGTH)
        {
          along += vec_dist (p[reach - 1], p[reach]);
          reach++;
        }

      for (guint j = reach; j >= i + 2 && j + 1 < n + 1 && !cut; j--)
        {
          MdInkVec at;

          if (j + 1 >= n)
            continue;
          if (segments_cross (p[i], p[i + 1], p[j], p[j + 1], &at))
            {
              g_array_append_val (out, at);
              i = j + 1;
              cut = TRUE;
            }
        }

      if (!cut)
        i++;
    }

  return out;
}

static void
append_line (GArray   *segments,
             MdInkVec  end)
{
  MdInkSegment segment = { MD_INK_LINE, end, end, end, FALSE };

  g_array_append_val (segments, segment);
}

static void
append_arc (GArray   *segments,
            MdInkVec  from,
            MdInkVec  to,
            MdInkVec  bulge)
{
  MdInkVec centre = vec_scale (vec_add (from, to), 0.5);
  MdInkVec r = vec_sub (from, centre);
  MdInkSegment segment = { MD_INK_ARC, to, to, to, FALSE };

  /* Turning from the start's radius towards the bulge is a positive turn
   * when their cross product is. */
  segment.sweep = r.x * bulge.y - r.y * bulge.x > 0;
  g_array_append_val (segments, segment);
}

static void
append_edge (GArray         *segments,
             const MdInkVec *edge,
             guint           n,
             gboolean        fitted)
{
  if (fitted)
    {
      md_ink_fit_cubics (edge, n, FIT_TOLERANCE, segments);
      return;
    }

  for (guint i = 1; i < n; i++)
    append_line (segments, edge[i]);
}

MdInkOutline *
md_ink_outline_new (const MdInkPoint *points,
                    guint             n_points,
                    gboolean          fitted)
{
  g_autoptr(GArray) centre = g_array_new (FALSE, FALSE, sizeof (MdInkVec));
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) left = NULL;
  g_autoptr(GArray) right = NULL;
  g_autoptr(GArray) left_edge = NULL;
  g_autoptr(GArray) right_edge = NULL;
  MdInkOutline *outline;
  MdInkVec *c;
  double *w;
  MdInkVec tangent = vec (1, 0), first_tangent = tangent, last_tangent;
  guint n;

  g_return_val_if_fail (points != NULL && n_points > 0, NULL);

  md_ink_centre_line (points, n_points, centre, widths);
  c = (MdInkVec *) (gpointer) centre->data;
  w = (double *) (gpointer) widths->data;
  n = centre->len;

  outline = g_new0 (MdInkOutline, 1);
  outline->segments = g_array_new (FALSE, FALSE, sizeof (MdInkSegment));

  /* A dot: a circle as wide as the pen. */
  if (n == 1 || md_ink_points_length (points, n_points) < MIN_SAMPLE_DISTANCE)
    {
      double r = w[0] / 2;

      outline->start = vec (c[0].x + r, c[0].y);
      append_arc (outline->segments, outline->start, vec (c[0].x - r, c[0].y), vec (0, 1));
      append_arc (outline->segments, vec (c[0].x - r, c[0].y), outline->start, vec (0, -1));
      return outline;
    }

  left = g_array_sized_new (FALSE, FALSE, sizeof (MdInkVec), n);
  right = g_array_sized_new (FALSE, FALSE, sizeof (MdInkVec), n);

  for (guint i = 0; i < n; i++)
    {
      MdInkVec normal, l, r;

      tangent = vec_unit (vec_sub (c[MIN (i + 1, n - 1)], c[i > 0 ? i - 1 : 0]), tangent);
      normal = vec (-tangent.y, tangent.x);
      l = vec_add (c[i], vec_scale (normal, w[i] / 2));
      r = vec_sub (c[i], vec_scale (normal, w[i] / 2));
      g_array_append_val (left, l);
      g_array_prepend_val (right, r);

      if (i == 0)
        first_tangent = tangent;
    }
  last_tangent = tangent;

  left_edge = remove_folds ((MdInkVec *) (gpointer) left->data, left->len);
  right_edge = remove_folds ((MdInkVec *) (gpointer) right->data, right->len);

  outline->start = g_array_index (left_edge, MdInkVec, 0);
  append_edge (outline->segments, (MdInkVec *) (gpointer) left_edge->data, left_edge->len, fitted);
  append_arc (outline->segments, g_array_index (left_edge, MdInkVec, left_edge->len - 1),
              g_array_index (right_edge, MdInkVec, 0), last_tangent);
  append_edge (outline->segments, (MdInkVec *) (gpointer) right_edge->data, right_edge->len, fitted);
  append_arc (outline->segments, g_array_index (right_edge, MdInkVec, right_edge->len - 1),
              outline->start, vec_scale (first_tangent, -1));

  return outline;
}

void
md_ink_outline_free (MdInkOutline *outline)
{
  if (outline == NULL)
    return;

  /* Ink is personal: nothing of its shape stays behind in freed memory. */
  if (outline->segments->len > 0)
    memset (outline->segments->data, 0, outline->segments->len * sizeof (MdInkSegment));
  g_array_unref (outline->segments);
  memset (outline, 0, sizeof *outline);
  g_free (outline);
}

void
md_ink_outline_extend_bounds (const MdInkOutline *outline,
                              double             *x1,
                              double             *y1,
                              double             *x2,
                              double             *y2)
{
  MdInkVec current = outline->start;

#define EXTEND(v) G_STMT_START { \
    *x1 = MIN (*x1, (v).x); *y1 = MIN (*y1, (v).y); \
    *x2 = MAX (*x2, (v).x); *y2 = MAX (*y2, (v).y); \
  } G_STMT_END

  EXTEND (current);
  for (guint i = 0; i < outline->segments->len; i++)
    {
      const MdInkSegment *s = &g_array_index (outline->segments, MdInkSegment, i);

      /* Sampled: control points can lie well outside the curve. */
      for (guint k = 1; k < BOUNDS_SAMPLES; k++)
        {
          double t = (double) k / BOUNDS_SAMPLES;

          if (s->kind == MD_INK_CUBIC)
            EXTEND (bezier_point (current, s->c1, s->c2, s->end, t));
          else if (s->kind == MD_INK_ARC)
            {
              MdInkVec centre = vec_scale (vec_add (current, s->end), 0.5);
              MdInkVec r = vec_sub (current, centre);
              double a = (s->sweep ? 1 : -1) * G_PI * t;

              EXTEND (vec_add (centre, vec (r.x * cos (a) - r.y * sin (a),
                                            r.x * sin (a) + r.y * cos (a))));
            }
        }
      EXTEND (s->end);
      current = s->end;
    }

#undef EXTEND
}

void
md_ink_outline_to_cairo (const MdInkOutline *outline,
                         cairo_t            *cr)
{
  MdInkVec current = outline->start;

  cairo_move_to (cr, current.x, current.y);
  for (guint i = 0; i < outline->segments->len; i++)
    {
      const MdInkSegment *s = &g_array_index (outline->segments, MdInkSegment, i);

      switch (s->kind)
        {
        case MD_INK_LINE:
          cairo_line_to (cr, s->end.x, s->end.y);
          break;

        case MD_INK_CUBIC:
          cairo_curve_to (cr, s->c1.x, s->c1.y, s->c2.x, s->c2.y, s->end.x, s->end.y);
          break;

        case MD_INK_ARC:
        default:
          {
            double cx = (current.x + s->end.x) / 2, cy = (current.y + s->end.y) / 2;
            double r = hypot (s->end.x - current.x, s->end.y - current.y) / 2;
            double a = atan2 (current.y - cy, current.x - cx);

            if (s->sweep)
              cairo_arc (cr, cx, cy, r, a, a + G_PI);
            else
              cairo_arc_negative (cr, cx, cy, r, a, a - G_PI);
          }
          break;
        }
      current = s->end;
    }
  cairo_close_path (cr);
}

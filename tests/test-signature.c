/* test-signature.c: ink geometry, the quality gate, the SVG export and stroke files
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <gio/gio.h>

#include "md-ink-check.h"
#include "md-signature.h"

#define PAD_WIDTH  600
#define PAD_HEIGHT 200

static MdInkPoint
pt (double x,
    double y,
    double t,
    double p)
{
  return (MdInkPoint) { x, y, t, p };
}

/* A stroke along @n samples of a sine wave, @speed px per ms. */
static void
add_wave (MdSignature *signature,
          double       x0,
          double       y0,
          double       length,
          double       amplitude,
          double       speed,
          guint        n,
          double       pressure)
{
  for (guint i = 0; i < n; i++)
    {
      double x = x0 + length * i / (n - 1);
      double y = y0 + amplitude * sin (x / 15.0);
      MdInkPoint p = pt (x, y, (x - x0) / speed, pressure);

      if (i == 0)
        md_signature_begin_stroke (signature, &p);
      else
        md_signature_add_point (signature, &p);
    }
  md_signature_end_stroke (signature);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "signatures", name, NULL);
}

static MdSignature *
load (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path (name);
  MdSignature *signature = md_ink_check_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (signature);
  return signature;
}

static GPtrArray *
stroke_files (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "signatures", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".strokes.json"))
      g_ptr_array_add (names, g_strdup (name));

  g_assert_cmpuint (names->len, >=, 6);
  return names;
}

static void
test_width (void)
{
  double previous = G_MAXDOUBLE;

  for (double speed = 0; speed <= 10; speed += 0.25)
    {
      double w = md_ink_width_for (speed, -1);

      g_assert_cmpfloat (w, >=, MD_INK_MIN_WIDTH);
      g_assert_cmpfloat (w, <=, MD_INK_MAX_WIDTH);
      /* Faster is thinner. */
      g_assert_cmpfloat (w, <, previous);
      previous = w;
    }

  g_assert_cmpfloat_with_epsilon (md_ink_width_for (0, -1), MD_INK_MAX_WIDTH, 1e-9);

  /* Pressing harder is wider, at any speed. */
  for (double speed = 0; speed <= 4; speed += 1)
    {
      g_assert_cmpfloat (md_ink_width_for (speed, 0.9), >, md_ink_width_for (speed, 0.5));
      g_assert_cmpfloat (md_ink_width_for (speed, 0.5), >, md_ink_width_for (speed, 0.1));
    }

  /* Out-of-range pressure is clamped, never a wider or thinner pen. */
  g_assert_cmpfloat (md_ink_width_for (0, 7), <=, MD_INK_MAX_WIDTH);
  g_assert_cmpfloat (md_ink_width_for (100, 0), >=, MD_INK_MIN_WIDTH);
}

static void
test_centre_line (void)
{
  g_autoptr(GArray) centre = g_array_new (FALSE, FALSE, sizeof (MdInkVec));
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (MdInkPoint));
  double worst = 0;

  /* A mouse's staircase along a diagonal: whole pixels, one step at a time. */
  for (guint i = 0; i < 60; i++)
    {
      MdInkPoint p = pt (100 + i, 100 + i / 2 + (i % 2 ? 1 : 0), i * 8, -1);

      g_array_append_val (points, p);
    }

  md_ink_centre_line ((MdInkPoint *) (gpointer) points->data, points->len, centre, widths);
  g_assert_cmpuint (centre->len, ==, widths->len);
  g_assert_cmpuint (centre->len, >=, 50);

  /* It starts and ends where the pen did. */
  g_assert_cmpfloat (g_array_index (centre, MdInkVec, 0).x, ==, 100);
  g_assert_cmpfloat (g_array_index (centre, MdInkVec, centre->len - 1).x, ==, 159);

  for (guint i = 1; i < centre->len; i++)
    {
      MdInkVec a = g_array_index (centre, MdInkVec, i - 1);
      MdInkVec b = g_array_index (centre, MdInkVec, i);

      /* A sample about every pixel, and no jumps. */
      g_assert_cmpfloat (hypot (b.x - a.x, b.y - a.y), <=, 2.5);
      g_assert_cmpfloat (g_array_index (widths, double, i), >=, MD_INK_MIN_WIDTH);
      g_assert_cmpfloat (g_array_index (widths, double, i), <=, MD_INK_MAX_WIDTH);
    }

  /* The staircase is smoothed: away from the ends the line stays closer
   * to the ideal diagonal than the raw samples' one pixel. */
  for (guint i = centre->len / 5; i < centre->len * 4 / 5; i++)
    {
      MdInkVec c = g_array_index (centre, MdInkVec, i);
      double ideal = 100.25 + (c.x - 100) / 2;

      worst = MAX (worst, fabs (c.y - ideal));
    }
  g_assert_cmpfloat (worst, <, 0.6);
}

static double
distance_to_polyline (MdInkVec        p,
                      const MdInkVec *line,
                      guint           n)
{
  double best = G_MAXDOUBLE;

  for (guint i = 1; i < n; i++)
    {
      MdInkVec a = line[i - 1], b = line[i];
      double dx = b.x - a.x, dy = b.y - a.y;
      double l2 = dx * dx + dy * dy;
      double t = l2 > 0 ? CLAMP (((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0, 1) : 0;

      best = MIN (best, hypot (a.x + t * dx - p.x, a.y + t * dy - p.y));
    }

  return best;
}

static void
test_fit (void)
{
  g_autoptr(GArray) line = g_array_new (FALSE, FALSE, sizeof (MdInkVec));
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (MdInkSegment));
  const double tolerance = 0.25;
  MdInkVec current;

  /* Three quarters of a circle, then a sharp corner and a straight run. */
  for (guint i = 0; i <= 300; i++)
    {
      double a = 1.5 * G_PI * i / 300;
      MdInkVec p = { 200 + 50 * cos (a), 100 + 50 * sin (a) };

      g_array_append_val (line, p);
    }
  for (guint i = 1; i <= 80; i++)
    {
      MdInkVec p = { 200 + i, 50 };

      g_array_append_val (line, p);
    }

  md_ink_fit_cubics ((MdInkVec *) (gpointer) line->data, line->len, tolerance, segments);

  /* Far fewer curves than samples. */
  g_assert_cmpuint (segments->len, >=, 2);
  g_assert_cmpuint (segments->len, <=, 12);

  /* The fitted curves stay within the tolerance of the samples, and end
   * where the polyline ends. */
  current = g_array_index (line, MdInkVec, 0);
  for (guint i = 0; i < segments->len; i++)
    {
      MdInkSegment *s = &g_array_index (segments, MdInkSegment, i);

      g_assert_cmpint (s->kind, ==, MD_INK_CUBIC);
      for (guint k = 0; k <= 20; k++)
        {
          double t = k / 20.0, u = 1 - t;
          MdInkVec q = {
            u * u * u * current.x + 3 * u * u * t * s->c1.x + 3 * u * t * t * s->c2.x + t * t * t * s->end.x,
            u * u * u * current.y + 3 * u * u * t * s->c1.y + 3 * u * t * t * s->c2.y + t * t * t * s->end.y,
          };

          g_assert_cmpfloat (distance_to_polyline (q, (MdInkVec *) (gpointer) line->data, line->len),
                             <=, tolerance * 1.5);
        }
      current = s->end;
    }
  g_assert_cmpfloat (current.x, ==, 280);
  g_assert_cmpfloat (current.y, ==, 50);
}

static void
test_pressure (void)
{
  g_autoptr(MdSignature) pen = md_signature_new (PAD_WIDTH, PAD_HEIGHT);
  g_autoptr(MdSignature) light = md_signature_new (PAD_WIDTH, PAD_HEIGHT);
  g_autoptr(MdSignature) mouse = md_signature_new (PAD_WIDTH, PAD_HEIGHT);
  g_autoptr(MdSignature) none = md_signature_new (PAD_WIDTH, PAD_HEIGHT);
  cairo_surface_t *a, *b, *c, *d;

  /* A pen pressing harder along the stroke, and the same pressing lightly. */
  for (guint i = 0; i < 100; i++)
    {
      MdInkPoint p = pt (100 + 3 * i, 100, i * 10, 0.5 + 0.45 * sin (i / 15.0));
      MdInkPoint q = pt (100 + 3 * i, 100, i * 10, 0.05 + 0.04 * sin (i / 15.0));

      if (i == 0)
        {
          md_signature_begin_stroke (pen, &p);
          md_signature_begin_stroke (light, &q);
        }
      else
        {
          md_signature_add_point (pen, &p);
          md_signature_add_point (light, &q);
        }
    }
  md_signature_end_stroke (pen);
  md_signature_end_stroke (light);

  /* A mouse reports a constant pressure: it must be ignored. */
  add_wave (mouse, 100, 100, 300, 20, 0.3, 100, 0.5);
  add_wave (none, 100, 100, 300, 20, 0.3, 100, -1);

  a = md_ink_check_render_screen (pen);
  b = md_ink_check_render_screen (light);
  c = md_ink_check_render_screen (mouse);
  d = md_ink_check_render_screen (none);

  g_assert_cmpuint (md_ink_check_count_ink (a), >, md_ink_check_count_ink (b) * 5 / 4);
  g_assert_cmpuint (md_ink_check_count_ink (c), ==, md_ink_check_count_ink (d));
  g_assert_cmpfloat (md_ink_check_iou (c, d), ==, 1.0);

  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  cairo_surface_destroy (c);
  cairo_surface_destroy (d);
}

static void
count_changes (MdSignature *signature,
               guint       *count)
{
  (*count)++;
}

static void
test_strokes (void)
{
  g_autoptr(MdSignature) signature = md_signature_new (PAD_WIDTH, PAD_HEIGHT);
  MdInkPoint p = pt (10, 10, 0, -1);
  MdInkPoint bad = pt (NAN, 10, 5, -1);
  guint changes = 0;
  guint n;

  g_signal_connect (signature, "changed", G_CALLBACK (count_changes), &changes);

  g_assert_true (md_signature_is_empty (signature));
  g_assert_false (md_signature_undo (signature));
  g_assert_cmpuint (changes, ==, 0);

  /* Points outside a stroke are dropped. */
  md_signature_add_point (signature, &p);
  g_assert_true (md_signature_is_empty (signature));

  md_signature_begin_stroke (signature, &p);
  g_assert_true (md_signature_is_drawing (signature));
  p = pt (20, 12, 10, -1);
  md_signature_add_point (signature, &p);
  md_signature_add_point (signature, &bad);
  md_signature_end_stroke (signature);
  g_assert_false (md_signature_is_drawing (signature));
  g_assert_cmpuint (md_signature_get_n_strokes (signature), ==, 1);
  g_assert_cmpuint (md_signature_get_n_points (signature), ==, 2);
  g_assert_cmpfloat (md_signature_get_stroke (signature, 0, &n)[1].x, ==, 20);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (changes, ==, 3);

  add_wave (signature, 50, 100, 200, 10, 0.5, 40, -1);
  g_assert_cmpuint (md_signature_get_n_strokes (signature), ==, 2);

  /* Undo takes the last stroke only. */
  g_assert_true (md_signature_undo (signature));
  g_assert_cmpuint (md_signature_get_n_strokes (signature), ==, 1);
  g_assert_cmpuint (md_signature_get_n_points (signature), ==, 2);

  changes = 0;
  md_signature_clear (signature);
  g_assert_true (md_signature_is_empty (signature));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_null (md_signature_to_svg (signature, NULL));
  g_assert_null (md_signature_to_base64 (signature));
}

static void
test_quality (void)
{
  g_autoptr(MdSignature) empty = md_signature_new (PAD_WIDTH, PAD_HEIGHT);
  g_autoptr(MdSignature) dot = load ("lone-dot.strokes.json");
  g_autoptr(MdSignature) scribble = load ("scribble-tiny.strokes.json");
  g_autoptr(MdSignature) tick = md_signature_new (PAD_WIDTH, PAD_HEIGHT);
  g_autoptr(GPtrArray) names = stroke_files ();

  g_assert_cmpint (md_signature_check (empty), ==, MD_SIGNATURE_QUALITY_EMPTY);
  g_assert_cmpint (md_signature_check (dot), ==, MD_SIGNATURE_QUALITY_TOO_SMALL);
  g_assert_cmpint (md_signature_check (scribble), ==, MD_SIGNATURE_QUALITY_TOO_SMALL);

  /* Wide enough, but only a flat line: too little ink for a signature. */
  add_wave (tick, 100, 100, 100, 0, 0.5, 20, -1);
  g_assert_cmpint (md_signature_check (tick), ==, MD_SIGNATURE_QUALITY_TOO_SHORT);
  add_wave (tick, 200, 100, 150, 20, 0.5, 60, -1);
  g_assert_cmpint (md_signature_check (tick), ==, MD_SIGNATURE_QUALITY_OK);

  /* Every real signature in the data passes. */
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(MdSignature) signature = NULL;

      if (g_str_equal (name, "lone-dot.strokes.json") ||
          g_str_equal (name, "scribble-tiny.strokes.json"))
        continue;

      signature = load (name);
      g_test_message ("%s", name);
      g_assert_cmpint (md_signature_check (signature), ==, MD_SIGNATURE_QUALITY_OK);
    }
}

typedef struct
{
  guint    elements;
  gboolean root_ok;
  char    *width;
  char    *height;
  char    *viewbox;
  char    *d;
} SvgInfo;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgInfo *info = user_data;

  info->elements++;
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (element, "svg"))
        {
          if (g_str_equal (names[i], "width"))
            info->width = g_strdup (values[i]);
          else if (g_str_equal (names[i], "height"))
            info->height = g_strdup (values[i]);
          else if (g_str_equal (names[i], "viewBox"))
            info->viewbox = g_strdup (values[i]);
          else if (g_str_equal (names[i], "xmlns"))
            info->root_ok = info->elements == 1 && g_str_equal (values[i], "http://www.w3.org/2000/svg");
        }
      else if (g_str_equal (element, "path") && g_str_equal (names[i], "d"))
        info->d = g_strdup (values[i]);
    }
}

static void
check_svg (MdSignature *signature,
           const char  *name)
{
  static const GMarkupParser parser = { svg_start, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *base64 = NULL;
  g_autofree guchar *decoded = NULL;
  g_autofree char *expected_viewbox = NULL;
  cairo_surface_t *screen, *exported;
  SvgInfo info = { 0, };
  double ox, oy, iou;
  gsize length, decoded_length;
  int w, h;

  svg = md_signature_to_svg (signature, &length);
  g_assert_nonnull (svg);
  g_assert_cmpuint (strlen (svg), ==, length);

  /* Well-formed, one svg root with one path. */
  context = g_markup_parse_context_new (&parser, 0, &info, NULL);
  g_assert_true (g_markup_parse_context_parse (context, svg, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_true (info.root_ok);
  g_assert_cmpuint (info.elements, ==, 2);
  g_assert_nonnull (info.d);
  g_assert_cmpuint (strspn (info.d, "0123456789 -MmcsClLaAzZ"), ==, strlen (info.d));

  /* The viewBox is the size in whole SVG units. */
  w = atoi (info.width);
  h = atoi (info.height);
  g_assert_cmpint (w, >, 0);
  g_assert_cmpint (h, >, 0);
  expected_viewbox = g_strdup_printf ("0 0 %d %d", w * MD_SIGNATURE_SVG_SCALE,
                                      h * MD_SIGNATURE_SVG_SCALE);
  g_assert_cmpstr (info.viewbox, ==, expected_viewbox);

  /* Cropped to the ink: inside the pad's extent plus the margin, and no
   * wider than the ink on the pad. */
  md_signature_get_svg_origin (signature, &ox, &oy);
  screen = md_ink_check_render_screen (signature);
  {
    int sw = cairo_image_surface_get_width (screen), sh = cairo_image_surface_get_height (screen);
    int min_x = sw, min_y = sh, max_x = -1, max_y = -1;

    for (int y = 0; y < sh; y++)
      for (int x = 0; x < sw; x++)
        {
          guint32 px = ((guint32 *) (gpointer) (cairo_image_surface_get_data (screen) +
                                                y * cairo_image_surface_get_stride (screen)))[x];

          if (px >> 24 == 0)
            continue;
          min_x = MIN (min_x, x);
          min_y = MIN (min_y, y);
          max_x = MAX (max_x, x);
          max_y = MAX (max_y, y);
        }

    g_assert_cmpint (max_x, >=, 0);
    g_assert_cmpfloat (ox, <=, min_x);
    g_assert_cmpfloat (oy, <=, min_y);
    g_assert_cmpfloat (ox + w, >=, max_x + 1);
    g_assert_cmpfloat (oy + h, >=, max_y + 1);
    g_assert_cmpfloat (ox, >=, min_x - 6);
    g_assert_cmpfloat (oy, >=, min_y - 6);
    g_assert_cmpfloat (ox + w, <=, max_x + 1 + 6);
    g_assert_cmpfloat (oy + h, <=, max_y + 1 + 6);
  }

  /* librsvg draws what the pad showed. */
  exported = md_ink_check_render_svg (signature, svg, &error);
  g_assert_no_error (error);
  g_assert_nonnull (exported);
  iou = md_ink_check_iou (screen, exported);
  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes, IoU %.4f", name, length, iou);
  g_assert_cmpfloat (iou, >=, 0.9);

  /* Plain base64 of exactly that document. */
  base64 = md_signature_to_base64 (signature);
  g_assert_cmpuint (strspn (base64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="),
                    ==, strlen (base64));
  g_assert_false (g_str_has_prefix (base64, "data:"));
  decoded = g_base64_decode (base64, &decoded_length);
  g_assert_cmpmem (decoded, decoded_length, svg, length);

  cairo_surface_destroy (screen);
  cairo_surface_destroy (exported);
  g_free (info.width);
  g_free (info.height);
  g_free (info.viewbox);
  g_free (info.d);
}

static void
test_export_files (void)
{
  g_autoptr(GPtrArray) names = stroke_files ();

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(MdSignature) signature = load (name);

      check_svg (signature, name);
    }
}

/* The live rendering (every sample) and the fitted one the pad settles
 * on once the pen lifts are the same picture. */
static void
test_fitted_matches_live (void)
{
  g_autoptr(GPtrArray) names = stroke_files ();

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(MdSignature) signature = load (name);
      cairo_surface_t *live = md_ink_check_render_live (signature);
      cairo_surface_t *screen = md_ink_check_render_screen (signature);
      double iou = md_ink_check_iou (live, screen);

      g_test_message ("%s: live/fitted IoU %.4f", name, iou);
      g_assert_cmpfloat (iou, >=, 0.9);
      cairo_surface_destroy (live);
      cairo_surface_destroy (screen);
    }
}

/* A stroke that doubles back on itself, tighter than the pen, must not
 * leave holes: the outline's folds are cut. */
static void
test_hairpin (void)
{
  g_autoptr(MdSignature) signature = md_signature_new (PAD_WIDTH, PAD_HEIGHT);
  cairo_surface_t *surface;
  guint32 *row;
  int stride;

  for (guint i = 0; i <= 40; i++)
    {
      /* Down and up again one pixel apart, slowly: the widest pen. */
      double x = i <= 20 ? 300 + i * 0.05 : 301 - (i - 20) * 0.05;
      double y = i <= 20 ? 60 + i * 3 : 120 - (i - 20) * 3;
      MdInkPoint p = pt (x, y, i * 40, -1);

      if (i == 0)
        md_signature_begin_stroke (signature, &p);
      else
        md_signature_add_point (signature, &p);
    }
  md_signature_end_stroke (signature);

  surface = md_ink_check_render_screen (signature);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 64; y < 116; y++)
    {
      row = (guint32 *) (gpointer) (cairo_image_surface_get_data (surface) + y * stride);
      /* The centre of the doubled stroke is solid ink. */
      g_assert_cmpuint (row[300] >> 24, >, 200);
    }
  cairo_surface_destroy (surface);

  check_svg (signature, "hairpin");
}

static void
test_scaled_repaint (void)
{
  g_autoptr(MdSignature) signature = load ("sample-1.strokes.json");
  cairo_surface_t *one = md_ink_check_render_screen (signature);
  cairo_surface_t *two = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, PAD_WIDTH * 2,
                                                     PAD_HEIGHT * 2);
  cairo_surface_t *down = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, PAD_WIDTH,
                                                      PAD_HEIGHT);
  cairo_t *cr;

  /* Painted at twice the scale (HiDPI) and brought back down, the ink
   * covers the same pixels. */
  cr = cairo_create (two);
  cairo_scale (cr, 2, 2);
  cairo_set_source_rgb (cr, 0, 0, 0);
  md_signature_paint (signature, cr);
  cairo_destroy (cr);

  cr = cairo_create (down);
  cairo_scale (cr, 0.5, 0.5);
  cairo_set_source_surface (cr, two, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);

  g_assert_cmpfloat (md_ink_check_iou (one, down), >=, 0.95);

  cairo_surface_destroy (one);
  cairo_surface_destroy (two);
  cairo_surface_destroy (down);
}

static void
test_stroke_file_errors (void)
{
  static const char * const bad[] = {
    "",
    "[]",
    "{\"width\": 600}",
    "{\"width\": 600, \"height\": 200}",
    "{\"width\": \"600\", \"height\": 200, \"strokes\": []}",
    "{\"width\": 0, \"height\": 200, \"strokes\": []}",
    "{\"width\": 1e9, \"height\": 200, \"strokes\": []}",
    "{\"width\": 600, \"height\": 200, \"strokes\": {}}",
    "{\"width\": 600, \"height\": 200, \"strokes\": [1]}",
    "{\"width\": 600, \"height\": 200, \"strokes\": [[1]]}",
    "{\"width\": 600, \"height\": 200, \"strokes\": [[{\"x\": 1, \"y\": 2}]]}",
    "{\"width\": 600, \"height\": 200, \"strokes\": [[{\"x\": 1, \"y\": \"2\", \"t\": 0}]]}",
    "{\"width\": 600, \"height\": 200, \"strokes\": [[{\"x\": 1, \"y\": 2, \"t\": 0, \"p\": \"hard\"}]]}",
    "{\"width\": 600, \"height\": 200, \"strokes\": [[{\"x\": 1, \"y\": 2, \"t\": true}]]}",
    "{\"width\": 600, \"height\": 200, \"strokes\": [[{\"x\": 1, \"y\": 2, \"t\": 0}],",
    /* Not plain JSON, which json-glib 1.6 would take. */
    "{\"width\": 600, \"height\": 200, \"strokes\": []}{\"width\": 6}",
    "{\"width\": 0x258, \"height\": 200, \"strokes\": []}",
    "{\"width\": 600, /* */ \"height\": 200, \"strokes\": []}",
    "{\"width\": 600, \"height\": 200, \"strokes\": [], \"x\": 1e999}",
    /* Whole SVG units of these would overflow 64 bits. */
    ("{\"width\": 600, \"height\": 200, \"strokes\": [[{\"x\": 1, \"y\": 2, \"t\": 0},"
     " {\"x\": 3922337203685477580897.2, \"y\": 2, \"t\": 8}]]}"),
    "{\"width\": 600, \"height\": 200, \"strokes\": [[{\"x\": 1, \"y\": -1e300, \"t\": 0}]]}",
  };
  g_autoptr(MdSignature) ok = NULL;
  g_autoptr(GString) many = g_string_new ("{\"width\": 600, \"height\": 200, \"strokes\": [");
  g_autoptr(MdSignature) too_many = NULL;
  g_autoptr(GError) many_error = NULL;
  g_autofree char *deep = NULL;
  g_autoptr(MdSignature) too_deep = NULL;
  g_autoptr(GError) deep_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MdSignature) signature = md_signature_new_from_data (bad[i], -1, &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (signature);
      g_assert_nonnull (error);
    }

  /* Pressure may be null or left out; empty strokes are nothing. */
  ok = md_signature_new_from_data ("{\"width\": 600, \"height\": 200, \"strokes\": [[{\"x\": 1, "
                                   "\"y\": 2, \"t\": 0, \"p\": null}, {\"x\": 5, \"y\": 2, \"t\": 8}]]}",
                                   -1, NULL);
  g_assert_nonnull (ok);
  g_assert_cmpuint (md_signature_get_n_points (ok), ==, 2);
  g_assert_cmpfloat (md_signature_get_stroke (ok, 0, &(guint) { 0 })[0].p, <, 0);

  for (guint i = 0; i < 1001; i++)
    g_string_append (many, i == 0 ? "[]" : ",[]");
  g_string_append (many, "]}");
  too_many = md_signature_new_from_data (many->str, many->len, &many_error);
  g_assert_null (too_many);
  g_assert_error (many_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  /* json-glib 1.6 recurses once per level: 100,000 overflow the stack. */
  deep = g_strnfill (100000, '[');
  too_deep = md_signature_new_from_data (deep, -1, &deep_error);
  g_assert_null (too_deep);
  g_assert_error (deep_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ink/width", test_width);
  g_test_add_func ("/ink/centre-line", test_centre_line);
  g_test_add_func ("/ink/fit", test_fit);
  g_test_add_func ("/ink/pressure", test_pressure);
  g_test_add_func ("/ink/hairpin", test_hairpin);
  g_test_add_func ("/ink/scaled-repaint", test_scaled_repaint);
  g_test_add_func ("/signature/strokes", test_strokes);
  g_test_add_func ("/signature/quality", test_quality);
  g_test_add_func ("/signature/export", test_export_files);
  g_test_add_func ("/signature/fitted-matches-live", test_fitted_matches_live);
  g_test_add_func ("/signature/stroke-file-errors", test_stroke_file_errors);

  return g_test_run ();
}

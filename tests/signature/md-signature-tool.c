/* md-signature-tool.c: the signature pad's ink, from the command line
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with the tests, not installed. Stroke files are described in
 * md-signature.h.
 *
 *   md-signature-tool export STROKES.json          the SVG, to stdout
 *   md-signature-tool render STROKES.json OUT.png  what the pad shows
 *   md-signature-tool compare STROKES.json         sizes, and IoU of the export
 *                                                  with the pad and with the
 *                                                  ink as it was drawn
 *   md-signature-tool time STROKES.json [RUNS]     export and repaint times, median,
 *                                                  beside a plain polyline's
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "md-ink-check.h"

static int
usage (void)
{
  fprintf (stderr,
           "Usage: md-signature-tool export STROKES.json\n"
           "       md-signature-tool render STROKES.json OUT.png\n"
           "       md-signature-tool compare STROKES.json\n"
           "       md-signature-tool time STROKES.json [RUNS]\n");
  return 2;
}

static int
export (MdSignature *signature)
{
  g_autofree char *svg = md_signature_to_svg (signature, NULL);

  if (svg == NULL)
    {
      fprintf (stderr, "md-signature-tool: the signature is empty\n");
      return 1;
    }

  printf ("%s\n", svg);
  return 0;
}

static int
render (MdSignature *signature,
        const char  *out)
{
  cairo_surface_t *surface = md_ink_check_render_screen (signature);
  cairo_status_t status = cairo_surface_write_to_png (surface, out);

  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "md-signature-tool: %s: %s\n", out, cairo_status_to_string (status));
      return 1;
    }

  return 0;
}

static int
compare (MdSignature *signature)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base64 = NULL;
  g_autofree char *svg = NULL;
  cairo_surface_t *screen, *exported, *live;
  double ox, oy;
  gsize length;

  svg = md_signature_to_svg (signature, &length);
  if (svg == NULL)
    {
      fprintf (stderr, "md-signature-tool: the signature is empty\n");
      return 1;
    }

  exported = md_ink_check_render_svg (signature, svg, &error);
  if (exported == NULL)
    {
      fprintf (stderr, "md-signature-tool: librsvg: %s\n", error->message);
      return 1;
    }

  screen = md_ink_check_render_screen (signature);
  live = md_ink_check_render_live (signature);
  base64 = md_signature_to_base64 (signature);
  md_signature_get_svg_origin (signature, &ox, &oy);
  printf ("quality=%s origin=%g,%g strokes=%u points=%u svg_bytes=%" G_GSIZE_FORMAT " base64_bytes=%" G_GSIZE_FORMAT
          " iou=%.4f live_iou=%.4f\n",
          md_signature_check (signature) == MD_SIGNATURE_QUALITY_OK ? "ok" : "refused",
          ox, oy, md_signature_get_n_strokes (signature), md_signature_get_n_points (signature),
          length, strlen (base64), md_ink_check_iou (screen, exported),
          md_ink_check_iou (live, exported));

  cairo_surface_destroy (screen);
  cairo_surface_destroy (exported);
  cairo_surface_destroy (live);
  return 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* What the simplest pad would do, measured alongside: every sample
 * joined by a straight line of one width, and written out as such. */
static void
paint_polyline (MdSignature *signature,
                cairo_t     *cr)
{
  cairo_save (cr);
  cairo_set_line_width (cr, (MD_INK_MIN_WIDTH + MD_INK_MAX_WIDTH) / 2);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < md_signature_get_n_strokes (signature); i++)
    {
      guint n;
      const MdInkPoint *p = md_signature_get_stroke (signature, i, &n);

      cairo_move_to (cr, p[0].x, p[0].y);
      for (guint j = 0; j < n; j++)
        cairo_line_to (cr, p[j].x, p[j].y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static char *
polyline_svg (MdSignature *signature)
{
  GString *out = g_string_new ("<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"");

  for (guint i = 0; i < md_signature_get_n_strokes (signature); i++)
    {
      guint n;
      const MdInkPoint *p = md_signature_get_stroke (signature, i, &n);

      for (guint j = 0; j < n; j++)
        g_string_append_printf (out, "%c%.2f %.2f", j == 0 ? 'M' : 'L', p[j].x, p[j].y);
    }
  g_string_append (out, "\" fill=\"none\" stroke=\"black\"/></svg>");
  return g_string_free (out, FALSE);
}

typedef void (*PaintFunc) (MdSignature *signature,
                           cairo_t     *cr);

static double
time_paint (MdSignature *signature,
            cairo_t     *cr,
            PaintFunc    paint)
{
  gint64 start = g_get_monotonic_time ();

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_restore (cr);
  paint (signature, cr);
  cairo_surface_flush (cairo_get_target (cr));
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Export from the strokes (outlines fitted afresh each time, as right
 * after the last stroke) and a repaint of the whole pad as the widget does
 * it, each next to the simplest way of doing the same. */
static int
time_ink (MdSignature *signature,
          guint        runs)
{
  g_autoptr(GArray) exports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) plain_exports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paints = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) plain_paints = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *surface = md_ink_check_render_screen (signature);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(MdSignature) copy = md_signature_copy (signature);
      g_autofree char *svg = NULL;
      g_autofree char *plain = NULL;
      gint64 start;
      double ms;

      start = g_get_monotonic_time ();
      svg = md_signature_to_svg (copy, NULL);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (exports, ms);

      start = g_get_monotonic_time ();
      plain = polyline_svg (copy);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (plain_exports, ms);

      ms = time_paint (signature, cr, md_signature_paint);
      g_array_append_val (paints, ms);
      ms = time_paint (signature, cr, paint_polyline);
      g_array_append_val (plain_paints, ms);
    }

  printf ("points=%u runs=%u export_ms=%.3f polyline_export_ms=%.3f repaint_ms=%.3f "
          "polyline_repaint_ms=%.3f\n",
          md_signature_get_n_points (signature), runs, median (exports), median (plain_exports),
          median (paints), median (plain_paints));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdSignature) signature = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");

  if (argc < 3)
    return usage ();

  signature = md_ink_check_load (argv[2], &error);
  if (signature == NULL)
    {
      fprintf (stderr, "md-signature-tool: %s: %s\n", argv[2], error->message);
      return 1;
    }

  if (g_str_equal (argv[1], "export") && argc == 3)
    return export (signature);
  if (g_str_equal (argv[1], "render") && argc == 4)
    return render (signature, argv[3]);
  if (g_str_equal (argv[1], "compare") && argc == 3)
    return compare (signature);
  if (g_str_equal (argv[1], "time") && (argc == 3 || argc == 4))
    return time_ink (signature, argc == 4 ? (guint) CLAMP (atoi (argv[3]), 1, 10000) : 50);

  return usage ();
}

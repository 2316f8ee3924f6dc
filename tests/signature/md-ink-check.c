/* md-ink-check.c: renders a signature both ways and compares the ink
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <librsvg/rsvg.h>

#include "md-ink-check.h"

static cairo_surface_t *
pad_surface (MdSignature *signature)
{
  return cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                     (int) ceil (md_signature_get_width (signature)),
                                     (int) ceil (md_signature_get_height (signature)));
}

cairo_surface_t *
md_ink_check_render_screen (MdSignature *signature)
{
  cairo_surface_t *surface = pad_surface (signature);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgba (cr, 0, 0, 0, 1);
  md_signature_paint (signature, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

cairo_surface_t *
md_ink_check_render_live (MdSignature *signature)
{
  cairo_surface_t *surface = pad_surface (signature);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < md_signature_get_n_strokes (signature); i++)
    {
      g_autoptr(MdInkOutline) outline = NULL;
      const MdInkPoint *points;
      guint n;

      points = md_signature_get_stroke (signature, i, &n);
      outline = md_ink_outline_new (points, n, FALSE);
      md_ink_outline_to_cairo (outline, cr);
    }

  cairo_set_source_rgba (cr, 0, 0, 0, 1);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

cairo_surface_t *
md_ink_check_render_svg (MdSignature  *signature,
                         const char   *svg,
                         GError      **error)
{
  g_autoptr(GObject) handle = NULL;
  cairo_surface_t *surface;
  RsvgRectangle viewport;
  gboolean has_width, has_height, has_viewbox;
  RsvgLength width, height;
  RsvgRectangle viewbox;
  cairo_t *cr;
  gboolean ok;

  handle = G_OBJECT (rsvg_handle_new_from_data ((const guint8 *) svg, strlen (svg), error));
  if (handle == NULL)
    return NULL;

  rsvg_handle_get_intrinsic_dimensions (RSVG_HANDLE (handle), &has_width, &width, &has_height, &height,
                                        &has_viewbox, &viewbox);
  if (!has_width || !has_height || width.unit != RSVG_UNIT_PX || height.unit != RSVG_UNIT_PX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The SVG has no width and height in pixels");
      return NULL;
    }

  md_signature_get_svg_origin (signature, &viewport.x, &viewport.y);
  viewport.width = width.length;
  viewport.height = height.length;

  surface = pad_surface (signature);
  cr = cairo_create (surface);
  ok = rsvg_handle_render_document (RSVG_HANDLE (handle), cr, &viewport, error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (!ok)
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}

static inline gboolean
is_ink (const guint8 *row,
        int           x)
{
  /* ARGB32 is native-endian: alpha is the top byte of each pixel. */
  return (((const guint32 *) (gconstpointer) row)[x] >> 24) > 127;
}

double
md_ink_check_iou (cairo_surface_t *a,
                  cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint64 both = 0, either = 0;

  g_return_val_if_fail (w == cairo_image_surface_get_width (b), 0);
  g_return_val_if_fail (h == cairo_image_surface_get_height (b), 0);

  for (int y = 0; y < h; y++)
    {
      const guint8 *ra = cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a);
      const guint8 *rb = cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b);

      for (int x = 0; x < w; x++)
        {
          gboolean ia = is_ink (ra, x), ib = is_ink (rb, x);

          both += ia && ib;
          either += ia || ib;
        }
    }

  return either > 0 ? (double) both / either : 1.0;
}

guint
md_ink_check_count_ink (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  guint count = 0;

  for (int y = 0; y < h; y++)
    {
      const guint8 *row = cairo_image_surface_get_data (surface) +
                          y * cairo_image_surface_get_stride (surface);

      for (int x = 0; x < w; x++)
        count += is_ink (row, x);
    }

  return count;
}

MdSignature *
md_ink_check_load (const char  *path,
                   GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;

  return md_signature_new_from_data (data, length, error);
}

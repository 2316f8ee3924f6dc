/* fuzz-signature.c: libFuzzer target for the stroke-file reader
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a stroke file ({"width", "height", "strokes"}). What the
 * reader accepts then goes where strokes go in the app: the quality gate,
 * the pad's painting and the SVG export, which must hold whole numbers
 * only (no "nan", no "inf").
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "md-fuzz.h"
#include "md-signature.h"

/* Small: the painting is exercised, not the rasteriser's memory. */
#define SURFACE_SIZE 32

static void
assert_svg (MdSignature *signature)
{
  g_autofree char *svg = NULL;
  g_autofree char *base64 = NULL;
  gsize length = 0;
  double x, y;

  svg = md_signature_to_svg (signature, &length);
  if (md_signature_is_empty (signature))
    {
      g_assert_null (svg);
      return;
    }

  g_assert_nonnull (svg);
  g_assert_cmpuint (strlen (svg), ==, length);
  g_assert_true (g_str_has_prefix (svg, "<svg "));
  g_assert_true (g_str_has_suffix (svg, "\"/></svg>"));
  g_assert_null (strstr (svg, "nan"));
  g_assert_null (strstr (svg, "inf"));

  base64 = md_signature_to_base64 (signature);
  g_assert_nonnull (base64);

  md_signature_get_svg_origin (signature, &x, &y);
  g_assert_true (isfinite (x) && isfinite (y));
}

static void
paint (MdSignature *signature)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, SURFACE_SIZE, SURFACE_SIZE);
  cr = cairo_create (surface);
  cairo_scale (cr,
               SURFACE_SIZE / md_signature_get_width (signature),
               SURFACE_SIZE / md_signature_get_height (signature));
  md_signature_paint (signature, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdSignature) signature = NULL;
  g_autoptr(MdSignature) copy = NULL;
  double ink;

  /* The reader takes a length; a NUL in the middle ends nothing. */
  signature = md_signature_new_from_data ((const char *) data, (gssize) size, &error);
  if (signature == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);

  g_assert_false (md_signature_is_drawing (signature));
  ink = md_signature_get_ink_length (signature);
  g_assert_true (isfinite (ink) && ink >= 0);
  md_signature_check (signature);

  paint (signature);
  assert_svg (signature);

  /* A copy exports the same. */
  copy = md_signature_copy (signature);
  g_assert_cmpuint (md_signature_get_n_points (copy), ==, md_signature_get_n_points (signature));
  if (!md_signature_is_empty (signature))
    {
      g_autofree char *a = md_signature_to_svg (signature, NULL);
      g_autofree char *b = md_signature_to_svg (copy, NULL);

      g_assert_cmpstr (a, ==, b);
    }

  while (md_signature_undo (copy))
    ;
  g_assert_true (md_signature_is_empty (copy));

  return 0;
}

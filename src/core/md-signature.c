/* md-signature.c: a handwritten signature as strokes, painted and exported as SVG
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "md-json.h"
#include "md-signature.h"

/* Limits on stroke files: far beyond any signature, short of harm. */
#define MAX_PAD_SIZE   16384.0
#define MAX_STROKES    1000
#define MAX_POINTS     200000
/* Points may lie off the pad (a drag may leave it), but not so far off that
 * the export's whole units overflow. */
#define MAX_COORDINATE (4 * MAX_PAD_SIZE)
/* Room around the ink in the export, in logical pixels. */
#define SVG_MARGIN     2.0

typedef struct
{
  GArray       *points;   /* MdInkPoint */
  MdInkOutline *outline;  /* cached; fitted once the stroke is finished */
} Stroke;

struct _MdSignature
{
  GObject    parent_instance;

  double     width;
  double     height;
  GPtrArray *strokes;     /* Stroke */
  gboolean   drawing;     /* the last stroke is still in progress */
};

G_DEFINE_FINAL_TYPE (MdSignature, md_signature, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
stroke_free (gpointer data)
{
  Stroke *stroke = data;

  if (stroke->points->len > 0)
    memset (stroke->points->data, 0, stroke->points->len * sizeof (MdInkPoint));
  g_array_unref (stroke->points);
  md_ink_outline_free (stroke->outline);
  g_free (stroke);
}

static Stroke *
stroke_new (void)
{
  Stroke *stroke = g_new0 (Stroke, 1);

  stroke->points = g_array_new (FALSE, FALSE, sizeof (MdInkPoint));
  return stroke;
}

static MdInkOutline *
stroke_get_outline (Stroke   *stroke,
                    gboolean  finished)
{
  if (stroke->outline == NULL)
    stroke->outline = md_ink_outline_new ((MdInkPoint *) (gpointer) stroke->points->data,
                                          stroke->points->len, finished);
  return stroke->outline;
}

static Stroke *
last_stroke (MdSignature *self)
{
  return self->strokes->len > 0 ? g_ptr_array_index (self->strokes, self->strokes->len - 1)
                                : NULL;
}

static void
md_signature_finalize (GObject *object)
{
  MdSignature *self = MD_SIGNATURE (object);

  g_ptr_array_unref (self->strokes);

  G_OBJECT_CLASS (md_signature_parent_class)->finalize (object);
}

static void
md_signature_class_init (MdSignatureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = md_signature_finalize;

  /**
   * MdSignature::changed:
   *
   * A stroke was started, extended, finished, undone or cleared.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
md_signature_init (MdSignature *self)
{
  self->strokes = g_ptr_array_new_with_free_func (stroke_free);
}

MdSignature *
md_signature_new (double width,
                  double height)
{
  MdSignature *self;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  self = g_object_new (MD_TYPE_SIGNATURE, NULL);
  self->width = width;
  self->height = height;
  return self;
}

static gboolean
read_number (JsonObject  *object,
             const char  *name,
             gboolean     nullable,
             double      *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if ((node == NULL || JSON_NODE_HOLDS_NULL (node)) && nullable)
    {
      *value = -1;
      return TRUE;
    }

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "“%s” is missing or not a number", name);
      return FALSE;
    }

  *value = json_node_get_double (node);
  if (!isfinite (*value))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "“%s” is not finite", name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_strokes (MdSignature  *self,
              JsonArray    *strokes,
              GError      **error)
{
  guint total = 0;

  if (json_array_get_length (strokes) > MAX_STROKES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "More than %d strokes", MAX_STROKES);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (strokes); i++)
    {
      JsonNode *node = json_array_get_element (strokes, i);
      JsonArray *points;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Stroke %u is not an array", i + 1);
          return FALSE;
        }

      points = json_node_get_array (node);
      total += json_array_get_length (points);
      if (total > MAX_POINTS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "More than %d points", MAX_POINTS);
          return FALSE;
        }

      for (guint j = 0; j < json_array_get_length (points); j++)
        {
          JsonNode *pnode = json_array_get_element (points, j);
          JsonObject *object;
          MdInkPoint point;
          g_autoptr(GError) local_error = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (pnode))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Point %u of stroke %u is not an object", j + 1, i + 1);
              return FALSE;
            }

          object = json_node_get_object (pnode);
          if (!read_number (object, "x", FALSE, &point.x, &local_error) ||
              !read_number (object, "y", FALSE, &point.y, &local_error) ||
              !read_number (object, "t", FALSE, &point.t, &local_error) ||
              !read_number (object, "p", TRUE, &point.p, &local_error))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Point %u of stroke %u: %s", j + 1, i + 1, local_error->message);
              return FALSE;
            }

          if (fabs (point.x) > MAX_COORDINATE || fabs (point.y) > MAX_COORDINATE)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Point %u of stroke %u is too far off the pad", j + 1, i + 1);
              return FALSE;
            }

          if (j == 0)
            md_signature_begin_stroke (self, &point);
          else
            md_signature_add_point (self, &point);
        }

      md_signature_end_stroke (self);
    }

  return TRUE;
}

MdSignature *
md_signature_new_from_data (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(MdSignature) self = NULL;
  JsonObject *root;
  JsonNode *strokes;
  double width, height;
  gsize size;

  g_return_val_if_fail (data != NULL, NULL);

  size = length < 0 ? strlen (data) : (gsize) length;
  if (!md_json_text_is_safe (data, size))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Not plain JSON, nested too deeply or a number out of range");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, (gssize) size, error))
    return NULL;

  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not a stroke file");
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  if (!read_number (root, "width", FALSE, &width, error) ||
      !read_number (root, "height", FALSE, &height, error))
    return NULL;

  if (width < 1 || height < 1 || width > MAX_PAD_SIZE || height > MAX_PAD_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The pad size %g × %g is out of range", width, height);
      return NULL;
    }

  strokes = json_object_get_member (root, "strokes");
  if (strokes == NULL || !JSON_NODE_HOLDS_ARRAY (strokes))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "“strokes” is not an array");
      return NULL;
    }

  self = md_signature_new (width, height);
  if (!read_strokes (self, json_node_get_array (strokes), error))
    return NULL;

  return g_steal_pointer (&self);
}

MdSignature *
md_signature_copy (MdSignature *self)
{
  MdSignature *copy;

  g_return_val_if_fail (MD_IS_SIGNATURE (self), NULL);

  copy = md_signature_new (self->width, self->height);
  for (guint i = 0; i < self->strokes->len; i++)
    {
      Stroke *stroke = g_ptr_array_index (self->strokes, i);
      Stroke *twin = stroke_new ();

      g_array_append_vals (twin->points, stroke->points->data, stroke->points->len);
      g_ptr_array_add (copy->strokes, twin);
    }
  copy->drawing = self->drawing;

  return copy;
}

double
md_signature_get_width (MdSignature *self)
{
  g_return_val_if_fail (MD_IS_SIGNATURE (self), 0);

  return self->width;
}

double
md_signature_get_height (MdSignature *self)
{
  g_return_val_if_fail (MD_IS_SIGNATURE (self), 0);

  return self->height;
}

void
md_signature_set_size (MdSignature *self,
                       double       width,
                       double       height)
{
  g_return_if_fail (MD_IS_SIGNATURE (self));
  g_return_if_fail (width > 0 && height > 0);

  if (self->strokes->len > 0)
    return;

  self->width = width;
  self->height = height;
}

guint
md_signature_get_n_strokes (MdSignature *self)
{
  g_return_val_if_fail (MD_IS_SIGNATURE (self), 0);

  return self->strokes->len;
}

guint
md_signature_get_n_points (MdSignature *self)
{
  guint n = 0;

  g_return_val_if_fail (MD_IS_SIGNATURE (self), 0);

  for (guint i = 0; i < self->strokes->len; i++)
    n += ((Stroke *) g_ptr_array_index (self->strokes, i))->points->len;

  return n;
}

gboolean
md_signature_is_empty (MdSignature *self)
{
  g_return_val_if_fail (MD_IS_SIGNATURE (self), TRUE);

  return self->strokes->len == 0;
}

double
md_signature_get_ink_length (MdSignature *self)
{
  double length = 0;

  g_return_val_if_fail (MD_IS_SIGNATURE (self), 0);

  for (guint i = 0; i < self->strokes->len; i++)
    {
      Stroke *stroke = g_ptr_array_index (self->strokes, i);

      length += md_ink_points_length ((MdInkPoint *) (gpointer) stroke->points->data,
                                      stroke->points->len);
    }

  return length;
}

static gboolean
point_is_valid (const MdInkPoint *point)
{
  return isfinite (point->x) && isfinite (point->y) && isfinite (point->t) &&
         isfinite (point->p);
}

void
md_signature_begin_stroke (MdSignature      *self,
                           const MdInkPoint *point)
{
  Stroke *stroke;

  g_return_if_fail (MD_IS_SIGNATURE (self));
  g_return_if_fail (point != NULL);

  if (!point_is_valid (point))
    return;

  if (self->drawing)
    md_signature_end_stroke (self);

  stroke = stroke_new ();
  g_array_append_val (stroke->points, *point);
  g_ptr_array_add (self->strokes, stroke);
  self->drawing = TRUE;

  g_signal_emit (self, signals[CHANGED], 0);
}

void
md_signature_add_point (MdSignature      *self,
                        const MdInkPoint *point)
{
  Stroke *stroke;

  g_return_if_fail (MD_IS_SIGNATURE (self));
  g_return_if_fail (point != NULL);

  if (!self->drawing || !point_is_valid (point))
    return;

  stroke = last_stroke (self);
  g_array_append_val (stroke->points, *point);
  g_clear_pointer (&stroke->outline, md_ink_outline_free);

  g_signal_emit (self, signals[CHANGED], 0);
}

void
md_signature_end_stroke (MdSignature *self)
{
  Stroke *stroke;

  g_return_if_fail (MD_IS_SIGNATURE (self));

  if (!self->drawing)
    return;

  self->drawing = FALSE;
  stroke = last_stroke (self);
  g_clear_pointer (&stroke->outline, md_ink_outline_free);

  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
md_signature_is_drawing (MdSignature *self)
{
  g_return_val_if_fail (MD_IS_SIGNATURE (self), FALSE);

  return self->drawing;
}

gboolean
md_signature_undo (MdSignature *self)
{
  g_return_val_if_fail (MD_IS_SIGNATURE (self), FALSE);

  if (self->strokes->len == 0)
    return FALSE;

  self->drawing = FALSE;
  g_ptr_array_set_size (self->strokes, self->strokes->len - 1);

  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

void
md_signature_clear (MdSignature *self)
{
  g_return_if_fail (MD_IS_SIGNATURE (self));

  if (self->strokes->len == 0)
    return;

  self->drawing = FALSE;
  g_ptr_array_set_size (self->strokes, 0);

  g_signal_emit (self, signals[CHANGED], 0);
}

const MdInkPoint *
md_signature_get_stroke (MdSignature *self,
                         guint        index,
                         guint       *n_points)
{
  Stroke *stroke;

  g_return_val_if_fail (MD_IS_SIGNATURE (self), NULL);
  g_return_val_if_fail (index < self->strokes->len, NULL);

  stroke = g_ptr_array_index (self->strokes, index);
  *n_points = stroke->points->len;
  return (const MdInkPoint *) (gconstpointer) stroke->points->data;
}

MdSignatureQuality
md_signature_check (MdSignature *self)
{
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

  g_return_val_if_fail (MD_IS_SIGNATURE (self), MD_SIGNATURE_QUALITY_EMPTY);

  if (self->strokes->len == 0)
    return MD_SIGNATURE_QUALITY_EMPTY;

  for (guint i = 0; i < self->strokes->len; i++)
    {
      Stroke *stroke = g_ptr_array_index (self->strokes, i);

      for (guint j = 0; j < stroke->points->len; j++)
        {
          MdInkPoint *p = &g_array_index (stroke->points, MdInkPoint, j);

          x1 = MIN (x1, p->x);
          y1 = MIN (y1, p->y);
          x2 = MAX (x2, p->x);
          y2 = MAX (y2, p->y);
        }
    }

  if (x2 - x1 < MD_SIGNATURE_MIN_SPAN * self->width)
    return MD_SIGNATURE_QUALITY_TOO_SMALL;

  if (md_signature_get_ink_length (self) < MD_SIGNATURE_MIN_INK * self->width)
    return MD_SIGNATURE_QUALITY_TOO_SHORT;

  return MD_SIGNATURE_QUALITY_OK;
}

void
md_signature_paint (MdSignature *self,
                    cairo_t     *cr)
{
  g_return_if_fail (MD_IS_SIGNATURE (self));
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_new_path (cr);
  /* Strokes and their overlaps are one shape: no darker crossings. */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);

  for (guint i = 0; i < self->strokes->len; i++)
    {
      Stroke *stroke = g_ptr_array_index (self->strokes, i);
      gboolean finished = !self->drawing || i + 1 < self->strokes->len;

      md_ink_outline_to_cairo (stroke_get_outline (stroke, finished), cr);
    }

  cairo_fill (cr);
  cairo_restore (cr);
}

/* The path data is the bulk of the export: whole units, coordinates
 * relative to the previous point, no separator where a minus sign does
 * the job, and a command letter only when it changes. */
typedef struct
{
  GString *out;
  gint64   x;         /* the current point, in units */
  gint64   y;
  gint64   start_x;   /* of the subpath */
  gint64   start_y;
  gint64   c2_x;      /* the last cubic's second control point */
  gint64   c2_y;
  char     command;
  gboolean subpath;   /* at least one subpath written */
} PathWriter;

static void
put_number (PathWriter *w,
            gint64      value)
{
  char last = w->out->len > 0 ? w->out->str[w->out->len - 1] : '\0';

  if (value >= 0 && g_ascii_isdigit (last))
    g_string_append_c (w->out, ' ');
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

static void
put_command (PathWriter *w,
             char        command)
{
  if (w->command == command && command != 'm')
    return;

  g_string_append_c (w->out, command);
  w->command = command;
}

static inline gint64
to_units (double value,
          double origin)
{
  return (gint64) llround ((value - origin) * MD_SIGNATURE_SVG_SCALE);
}

static void
write_outline (PathWriter         *w,
               const MdInkOutline *outline,
               double              ox,
               double              oy)
{
  gint64 sx = to_units (outline->start.x, ox), sy = to_units (outline->start.y, oy);
  MdInkVec current = outline->start;

  if (w->subpath)
    {
      put_command (w, 'm');
      put_number (w, sx - w->x);
      put_number (w, sy - w->y);
    }
  else
    {
      put_command (w, 'M');
      put_number (w, sx);
      put_number (w, sy);
    }
  w->x = w->start_x = sx;
  w->y = w->start_y = sy;
  w->subpath = TRUE;
  /* After a moveto further pairs would be linetos. */
  w->command = 'm';

  for (guint i = 0; i < outline->segments->len; i++)
    {
      const MdInkSegment *s = &g_array_index (outline->segments, MdInkSegment, i);
      gint64 ex = to_units (s->end.x, ox), ey = to_units (s->end.y, oy);

      switch (s->kind)
        {
        case MD_INK_LINE:
          put_command (w, 'l');
          put_number (w, ex - w->x);
          put_number (w, ey - w->y);
          break;

        case MD_INK_CUBIC:
          {
            gint64 c1x = to_units (s->c1.x, ox), c1y = to_units (s->c1.y, oy);
            gint64 c2x = to_units (s->c2.x, ox), c2y = to_units (s->c2.y, oy);

            /* Continuing the last curve smoothly, its first control point
             * is the mirror of the last one's second: "s" leaves it out. */
            if ((w->command == 'c' || w->command == 's') &&
                ABS (c1x - (2 * w->x - w->c2_x)) <= 1 && ABS (c1y - (2 * w->y - w->c2_y)) <= 1)
              put_command (w, 's');
            else
              {
                put_command (w, 'c');
                put_number (w, c1x - w->x);
                put_number (w, c1y - w->y);
              }
            put_number (w, c2x - w->x);
            put_number (w, c2y - w->y);
            put_number (w, ex - w->x);
            put_number (w, ey - w->y);
            w->c2_x = c2x;
            w->c2_y = c2y;
          }
          break;

        case MD_INK_ARC:
        default:
          {
            /* Rounded down: a radius too short for the ends is stretched
             * to exactly half a circle by every SVG renderer. */
            gint64 r = (gint64) floor (hypot (s->end.x - current.x, s->end.y - current.y) / 2 *
                                       MD_SIGNATURE_SVG_SCALE);

            put_command (w, 'a');
            put_number (w, r);
            put_number (w, r);
            g_string_append_printf (w->out, " 0 0 %d", s->sweep ? 1 : 0);
            put_number (w, ex - w->x);
            put_number (w, ey - w->y);
          }
          break;
        }

      w->x = ex;
      w->y = ey;
      current = s->end;
    }

  g_string_append_c (w->out, 'z');
  w->command = 'z';
  w->x = w->start_x;
  w->y = w->start_y;
}

static gboolean
ink_bounds (MdSignature *self,
            double      *x1,
            double      *y1,
            double      *x2,
            double      *y2)
{
  *x1 = *y1 = G_MAXDOUBLE;
  *x2 = *y2 = -G_MAXDOUBLE;

  for (guint i = 0; i < self->strokes->len; i++)
    {
      Stroke *stroke = g_ptr_array_index (self->strokes, i);
      gboolean finished = !self->drawing || i + 1 < self->strokes->len;

      md_ink_outline_extend_bounds (stroke_get_outline (stroke, finished), x1, y1, x2, y2);
    }

  if (self->strokes->len == 0)
    return FALSE;

  *x1 = floor (*x1 - SVG_MARGIN);
  *y1 = floor (*y1 - SVG_MARGIN);
  *x2 = ceil (*x2 + SVG_MARGIN);
  *y2 = ceil (*y2 + SVG_MARGIN);
  return TRUE;
}

void
md_signature_get_svg_origin (MdSignature *self,
                             double      *x,
                             double      *y)
{
  double x2, y2;

  g_return_if_fail (MD_IS_SIGNATURE (self));

  if (!ink_bounds (self, x, y, &x2, &y2))
    *x = *y = 0;
}

char *
md_signature_to_svg (MdSignature *self,
                     gsize       *length)
{
  PathWriter w = { 0, };
  double x1, y1, x2, y2;

  g_return_val_if_fail (MD_IS_SIGNATURE (self), NULL);

  md_signature_end_stroke (self);
  if (!ink_bounds (self, &x1, &y1, &x2, &y2))
    return NULL;

  w.out = g_string_sized_new (4096);
  g_string_append_printf (w.out,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
                          "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\"><path d=\"",
                          x2 - x1, y2 - y1,
                          (x2 - x1) * MD_SIGNATURE_SVG_SCALE,
                          (y2 - y1) * MD_SIGNATURE_SVG_SCALE);

  for (guint i = 0; i < self->strokes->len; i++)
    write_outline (&w, stroke_get_outline (g_ptr_array_index (self->strokes, i), TRUE),
                   x1, y1);

  g_string_append (w.out, "\"/></svg>");

  if (length != NULL)
    *length = w.out->len;
  return g_string_free (w.out, FALSE);
}

char *
md_signature_to_base64 (MdSignature *self)
{
  g_autofree char *svg = NULL;
  char *base64;
  gsize length;

  g_return_val_if_fail (MD_IS_SIGNATURE (self), NULL);

  svg = md_signature_to_svg (self, &length);
  if (svg == NULL)
    return NULL;

  base64 = g_base64_encode ((const guchar *) svg, length);
  md_signature_free_text (g_steal_pointer (&svg));
  return base64;
}

void
md_signature_free_text (char *text)
{
  if (text == NULL)
    return;

  memset (text, 0, strlen (text));
  g_free (text);
}

/* md-signature.h: a handwritten signature as strokes, painted and exported as SVG
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "md-ink.h"

G_BEGIN_DECLS

typedef enum
{
  MD_SIGNATURE_QUALITY_OK,
  MD_SIGNATURE_QUALITY_EMPTY,
  MD_SIGNATURE_QUALITY_TOO_SMALL,  /* fits in a corner of the pad */
  MD_SIGNATURE_QUALITY_TOO_SHORT,  /* a dot or a tick, not a signature */
} MdSignatureQuality;

/* Of the pad: a signature spans at least this part of its width and has at
 * least this much ink. */
#define MD_SIGNATURE_MIN_SPAN   0.15
#define MD_SIGNATURE_MIN_INK    0.25

/* SVG user units per logical pixel: coordinates are whole units. */
#define MD_SIGNATURE_SVG_SCALE  4

#define MD_TYPE_SIGNATURE (md_signature_get_type ())

G_DECLARE_FINAL_TYPE (MdSignature, md_signature, MD, SIGNATURE, GObject)

/* Strokes live in the logical coordinates of a pad @width x @height. */
MdSignature        *md_signature_new            (double             width,
                                                 double             height);
/* Reads a stroke file: {"width", "height", "strokes": [[{x, y, t, p}...]...]}. */
MdSignature        *md_signature_new_from_data  (const char        *data,
                                                 gssize             length,
                                                 GError           **error);
/* The same strokes, nothing of the original shared. */
MdSignature        *md_signature_copy           (MdSignature       *self);

double              md_signature_get_width      (MdSignature       *self);
double              md_signature_get_height     (MdSignature       *self);
/* Only while empty: strokes keep their coordinates. */
void                md_signature_set_size       (MdSignature       *self,
                                                 double             width,
                                                 double             height);
guint               md_signature_get_n_strokes  (MdSignature       *self);
guint               md_signature_get_n_points   (MdSignature       *self);
gboolean            md_signature_is_empty       (MdSignature       *self);
/* Centre-line length of all strokes, in logical pixels. */
double              md_signature_get_ink_length (MdSignature       *self);
/* The samples of stroke @index, as recorded. */
const MdInkPoint   *md_signature_get_stroke     (MdSignature       *self,
                                                 guint              index,
                                                 guint             *n_points);

void                md_signature_begin_stroke   (MdSignature       *self,
                                                 const MdInkPoint  *point);
/* Ignored unless a stroke is in progress. */
void                md_signature_add_point      (MdSignature       *self,
                                                 const MdInkPoint  *point);
void                md_signature_end_stroke     (MdSignature       *self);
gboolean            md_signature_is_drawing     (MdSignature       *self);
/* Removes the last stroke; FALSE when there was none. */
gboolean            md_signature_undo           (MdSignature       *self);
/* Forgets every stroke and overwrites the memory that held them. */
void                md_signature_clear          (MdSignature       *self);

MdSignatureQuality  md_signature_check          (MdSignature       *self);

/* Fills the ink with @cr's source, in the pad's coordinates. */
void                md_signature_paint          (MdSignature       *self,
                                                 cairo_t           *cr);

/* An SVG document of the ink, cropped to it; NULL when empty. */
char               *md_signature_to_svg         (MdSignature       *self,
                                                 gsize             *length);
/* The SVG as plain base64, as the API takes it; NULL when empty. */
char               *md_signature_to_base64      (MdSignature       *self);
/* Where the exported SVG's top left corner lies on the pad. */
void                md_signature_get_svg_origin (MdSignature       *self,
                                                 double            *x,
                                                 double            *y);

/* Overwrites and frees a string that held a signature. */
void                md_signature_free_text      (char              *text);

G_END_DECLS

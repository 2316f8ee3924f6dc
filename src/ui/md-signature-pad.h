/* md-signature-pad.h: a pad to sign on with mouse, finger or pen
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "md-signature.h"

G_BEGIN_DECLS

#define MD_TYPE_SIGNATURE_PAD (md_signature_pad_get_type ())

G_DECLARE_FINAL_TYPE (MdSignaturePad, md_signature_pad, MD, SIGNATURE_PAD, GtkWidget)

GtkWidget   *md_signature_pad_new           (void);
/* The strokes drawn so far; owned by the pad. */
MdSignature *md_signature_pad_get_signature (MdSignaturePad *self);
/* The drawing surface, where input arrives. */
GtkWidget   *md_signature_pad_get_area      (MdSignaturePad *self);
/* Maps a point of the drawing surface to the signature's coordinates. */
void         md_signature_pad_to_signature  (MdSignaturePad *self,
                                             double          x,
                                             double          y,
                                             double         *sx,
                                             double         *sy);

G_END_DECLS

/* md-signature-dialog.h: the member signs a change of bank details
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "md-signature-pad.h"

G_BEGIN_DECLS

#define MD_TYPE_SIGNATURE_DIALOG (md_signature_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MdSignatureDialog, md_signature_dialog, MD, SIGNATURE_DIALOG, AdwWindow)

/* @iban is shown masked. The dialog emits ::signed with the signature as
 * base64 SVG; the caller sends it, then closes the dialog or hands back the
 * server's objection with md_signature_dialog_show_error(). */
MdSignatureDialog *md_signature_dialog_new        (GtkWindow         *parent,
                                                   const char        *account_holder,
                                                   const char        *iban,
                                                   const char        *studio);
MdSignaturePad    *md_signature_dialog_get_pad    (MdSignatureDialog *self);
/* While the signed change is on its way: nothing can be changed. */
void               md_signature_dialog_set_busy   (MdSignatureDialog *self,
                                                   gboolean           busy);
/* The server turned the signature down: the member signs again. */
void               md_signature_dialog_show_error (MdSignatureDialog *self,
                                                   const char        *message);

G_END_DECLS

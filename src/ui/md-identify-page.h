/* md-identify-page.h: a member identifies at a kiosk
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "md-client.h"

G_BEGIN_DECLS

#define MD_TYPE_IDENTIFY_PAGE (md_identify_page_get_type ())

G_DECLARE_FINAL_TYPE (MdIdentifyPage, md_identify_page, MD, IDENTIFY_PAGE, GtkWidget)

MdIdentifyPage *md_identify_page_new        (void);
/* The studio the member's details are checked against. */
void            md_identify_page_set_client (MdIdentifyPage *self,
                                             MdClient       *client);
/* Puts the cursor in the customer number. */
void            md_identify_page_focus      (MdIdentifyPage *self);
/* Empties the form and cancels a check in flight; a lock-out stays. */
void            md_identify_page_reset      (MdIdentifyPage *self);

G_END_DECLS

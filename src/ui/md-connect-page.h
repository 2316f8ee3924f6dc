/* md-connect-page.h: connecting to a studio with its address and API key
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "md-client.h"

G_BEGIN_DECLS

#define MD_TYPE_CONNECT_PAGE (md_connect_page_get_type ())

G_DECLARE_FINAL_TYPE (MdConnectPage, md_connect_page, MD, CONNECT_PAGE, GtkWidget)

MdConnectPage *md_connect_page_new          (void);
/* Prefills the address (e.g. from GSettings "base-url"). */
void           md_connect_page_set_base_url (MdConnectPage *self,
                                             const char    *url);

G_END_DECLS

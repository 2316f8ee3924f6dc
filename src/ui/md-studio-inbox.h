/* md-studio-inbox.h: the demo user plays the studio and decides on changes
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "md-demo-server.h"

G_BEGIN_DECLS

#define MD_TYPE_STUDIO_INBOX (md_studio_inbox_get_type ())

G_DECLARE_FINAL_TYPE (MdStudioInbox, md_studio_inbox, MD, STUDIO_INBOX, AdwWindow)

/* Lists what waits in @server and follows it as amendments come and go;
 * Approve and Reject decide in @server directly. */
MdStudioInbox *md_studio_inbox_new (MdDemoServer *server);

G_END_DECLS

/* md-window.h: the main window
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "md-application.h"
#include "md-domain-page.h"

G_BEGIN_DECLS

#define MD_TYPE_WINDOW (md_window_get_type ())

G_DECLARE_FINAL_TYPE (MdWindow, md_window, MD, WINDOW, AdwApplicationWindow)

MdWindow     *md_window_new         (MdApplication *application);
/* Shows the desk, talking to the studio through @client. */
void          md_window_use_client  (MdWindow      *self,
                                     MdClient      *client,
                                     gboolean       demo);
void          md_window_open_member (MdWindow      *self,
                                     gint64         customer_id);
MdDomainPage *md_window_get_page    (MdWindow      *self,
                                     MdDomain       domain);
/* Connects to the saved studio with the key from the secret store (or an
 * administrator's key file); asks for the key when there is none. */
void          md_window_restore_connection (MdWindow *self);
/* Kiosk mode: full screen, members identify, sessions are wiped. */
void          md_window_set_kiosk   (MdWindow      *self,
                                     gboolean       kiosk);
gboolean      md_window_get_kiosk   (MdWindow      *self);
/* Wipes everything about the member: pages, dialogs, toasts, the
 * clipboard if it holds this program's text; a kiosk returns to the
 * identification page. */
void          md_window_end_session (MdWindow      *self);
/* Whether staff-only @action (a detailed action name) may run now. In
 * kiosk mode this asks for the staff PIN first and, once it is right,
 * activates @action again, which then passes; returns FALSE meanwhile. */
gboolean      md_window_staff_allowed (MdWindow    *self,
                                       const char  *action);
/* A member is open and none of its pages is still loading. */
gboolean      md_window_is_member_loaded (MdWindow *self);

G_END_DECLS

/* md-libsecret-store.h: studio keys in the Secret Service, through libsecret
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "md-secret-store.h"

G_BEGIN_DECLS

#define MD_TYPE_LIBSECRET_STORE (md_libsecret_store_get_type ())

G_DECLARE_FINAL_TYPE (MdLibsecretStore, md_libsecret_store, MD, LIBSECRET_STORE, GObject)

/* One item per base URL and kind in the default collection (the login
 * keyring), with the schema "io.github.memberdesk.MemberDesk.Connection"
 * and the attributes "base-url" and "kind" ("api-key", "webhook-key").
 * Every failure that means "no usable Secret Service" (no session bus,
 * nothing providing org.freedesktop.secrets, a locked keyring that could
 * not be unlocked, no answer within the timeout) is reported as
 * MD_SECRET_ERROR_NO_SERVICE. */
MdLibsecretStore *md_libsecret_store_new         (void);

/* How long one operation may take, unlock prompt included, before it is
 * given up as MD_SECRET_ERROR_NO_SERVICE. Default: 20 s. */
void              md_libsecret_store_set_timeout (MdLibsecretStore *self,
                                                  guint             seconds);

G_END_DECLS

/* md-key-file-store.h: studio keys an administrator provisioned in a file
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "md-secret-store.h"

G_BEGIN_DECLS

#define MD_TYPE_KEY_FILE_STORE (md_key_file_store_get_type ())

G_DECLARE_FINAL_TYPE (MdKeyFileStore, md_key_file_store, MD, KEY_FILE_STORE, GObject)

/* For machines without a usable Secret Service (an autologin kiosk whose
 * keyring stays locked): a GKeyFile with one group per base URL and the
 * keys "api-key" and "webhook-key", e.g.
 *
 *   [https://mystudio.open-api.magicline.com/v1]
 *   api-key=...
 *   webhook-key=...
 *
 * It is only read, and only while it is a regular file owned by the
 * current user with no permissions for group or others. A missing file
 * holds nothing; storing and clearing fail with MD_SECRET_ERROR_READ_ONLY. */

/* $XDG_CONFIG_HOME/member-desk/keys.ini */
char           *md_key_file_store_get_default_path (void);

/* @path NULL means the default path. */
MdKeyFileStore *md_key_file_store_new              (const char     *path);
const char     *md_key_file_store_get_path         (MdKeyFileStore *self);

G_END_DECLS

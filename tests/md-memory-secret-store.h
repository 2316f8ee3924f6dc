/* md-memory-secret-store.h: a secret store in memory, for tests
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "md-secret-store.h"

G_BEGIN_DECLS

#define MD_TYPE_MEMORY_SECRET_STORE (md_memory_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (MdMemorySecretStore, md_memory_secret_store, MD, MEMORY_SECRET_STORE, GObject)

/* Answers from an idle callback, like a real store, never synchronously. */
MdMemorySecretStore *md_memory_secret_store_new        (void);

/* Makes every following call fail with a copy of @error (NULL: succeed
 * again), e.g. MD_SECRET_ERROR_NO_SERVICE to show what the UI says. */
void                 md_memory_secret_store_set_error  (MdMemorySecretStore *self,
                                                        const GError        *error);
/* How many secrets are stored. */
guint                md_memory_secret_store_get_n_items (MdMemorySecretStore *self);
/* How many store, lookup and clear calls were made in all. */
guint                md_memory_secret_store_get_n_calls (MdMemorySecretStore *self);

G_END_DECLS

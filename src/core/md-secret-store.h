/* md-secret-store.h: where the studio keys of a connection are kept
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MD_SECRET_ERROR (md_secret_error_quark ())

typedef enum
{
  MD_SECRET_ERROR_NO_SERVICE,   /* no Secret Service, or a keyring locked without a way to unlock it */
  MD_SECRET_ERROR_READ_ONLY,    /* the store only reads what an administrator provisioned */
  MD_SECRET_ERROR_UNSAFE_FILE,  /* a key file others could read or change */
  MD_SECRET_ERROR_INVALID_FILE, /* a key file that is not a key file */
  MD_SECRET_ERROR_FAILED,       /* anything else the store reported */
} MdSecretError;

typedef enum
{
  MD_SECRET_API_KEY,
  MD_SECRET_WEBHOOK_KEY,
} MdSecretKind;

#define MD_TYPE_SECRET_STORE (md_secret_store_get_type ())

G_DECLARE_INTERFACE (MdSecretStore, md_secret_store, MD, SECRET_STORE, GObject)

/* Base URLs are used as they are: callers pass the normalised base URL of
 * the MdClient, so that one connection always finds its own keys. A store
 * whose _async functions return a GTask of the store (a boolean for store
 * and clear, a string for lookup) leaves the _finish functions NULL. */
struct _MdSecretStoreInterface
{
  GTypeInterface parent_iface;

  void      (*store_async)   (MdSecretStore        *self,
                              const char           *base_url,
                              MdSecretKind          kind,
                              const char           *secret,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  gboolean  (*store_finish)  (MdSecretStore        *self,
                              GAsyncResult         *result,
                              GError              **error);
  void      (*lookup_async)  (MdSecretStore        *self,
                              const char           *base_url,
                              MdSecretKind          kind,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  char     *(*lookup_finish) (MdSecretStore        *self,
                              GAsyncResult         *result,
                              GError              **error);
  void      (*clear_async)   (MdSecretStore        *self,
                              const char           *base_url,
                              MdSecretKind          kind,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  gboolean  (*clear_finish)  (MdSecretStore        *self,
                              GAsyncResult         *result,
                              GError              **error);
};

GQuark      md_secret_error_quark           (void);
/* A short translated headline for @code, e.g. for a status page title;
 * the GError's message says the details and what to do. */
const char *md_secret_error_get_summary     (MdSecretError         code);

/* "api-key" or "webhook-key": the attribute and key file name of @kind. */
const char *md_secret_kind_to_string        (MdSecretKind          kind);
/* The translated label a user sees in Passwords and Keys, e.g.
 * "Member Desk: Open API key for mystudio.open-api.magicline.com". */
char       *md_secret_kind_get_label        (MdSecretKind          kind,
                                             const char           *base_url);

/* Replaces what was stored for @base_url and @kind. */
void        md_secret_store_store_async     (MdSecretStore        *self,
                                             const char           *base_url,
                                             MdSecretKind          kind,
                                             const char           *secret,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    md_secret_store_store_finish    (MdSecretStore        *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void        md_secret_store_lookup_async    (MdSecretStore        *self,
                                             const char           *base_url,
                                             MdSecretKind          kind,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
/* The secret (free it with g_free), or NULL without an error when
 * nothing is stored. */
char       *md_secret_store_lookup_finish   (MdSecretStore        *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* Clearing what is not stored is not an error. */
void        md_secret_store_clear_async     (MdSecretStore        *self,
                                             const char           *base_url,
                                             MdSecretKind          kind,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean    md_secret_store_clear_finish    (MdSecretStore        *self,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS

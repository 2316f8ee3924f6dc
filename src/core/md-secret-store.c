/* md-secret-store.c: where the studio keys of a connection are kept
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "md-secret-store.h"

G_DEFINE_QUARK (md-secret-error-quark, md_secret_error)

G_DEFINE_INTERFACE (MdSecretStore, md_secret_store, G_TYPE_OBJECT)

static void
md_secret_store_default_init (MdSecretStoreInterface *iface)
{
}

const char *
md_secret_error_get_summary (MdSecretError code)
{
  switch (code)
    {
    case MD_SECRET_ERROR_NO_SERVICE:
      return _("No keyring available");
    case MD_SECRET_ERROR_READ_ONLY:
      return _("Keys are provided by the administrator");
    case MD_SECRET_ERROR_UNSAFE_FILE:
      return _("The key file is not private");
    case MD_SECRET_ERROR_INVALID_FILE:
      return _("The key file cannot be read");
    case MD_SECRET_ERROR_FAILED:
    default:
      return _("The keyring failed");
    }
}

const char *
md_secret_kind_to_string (MdSecretKind kind)
{
  switch (kind)
    {
    case MD_SECRET_API_KEY:
      return "api-key";
    case MD_SECRET_WEBHOOK_KEY:
      return "webhook-key";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The host (and an explicit port) is what a user knows the studio by;
 * the attributes keep the whole base URL apart anyway. */
static char *
describe_base_url (const char *base_url)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (host == NULL || *host == '\0')
    return g_strdup (base_url);

  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", host, g_uri_get_port (uri));

  return g_strdup (host);
}

char *
md_secret_kind_get_label (MdSecretKind  kind,
                          const char   *base_url)
{
  g_autofree char *where = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  where = describe_base_url (base_url);

  switch (kind)
    {
    case MD_SECRET_API_KEY:
      /* Translators: the label of a keyring item; %s is the studio's host */
      return g_strdup_printf (_("Member Desk: Open API key for %s"), where);
    case MD_SECRET_WEBHOOK_KEY:
      /* Translators: the label of a keyring item; %s is the studio's host */
      return g_strdup_printf (_("Member Desk: webhook key for %s"), where);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The finish side every store built on GTask shares. */
static gboolean
task_propagate_boolean (MdSecretStore  *self,
                        GAsyncResult   *result,
                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

#define KIND_IS_VALID(kind) ((kind) == MD_SECRET_API_KEY || (kind) == MD_SECRET_WEBHOOK_KEY)

void
md_secret_store_store_async (MdSecretStore       *self,
                             const char          *base_url,
                             MdSecretKind         kind,
                             const char          *secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MD_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL && *base_url != '\0');
  g_return_if_fail (KIND_IS_VALID (kind));
  g_return_if_fail (secret != NULL && *secret != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  MD_SECRET_STORE_GET_IFACE (self)->store_async (self, base_url, kind, secret,
                                                 cancellable, callback, user_data);
}

gboolean
md_secret_store_store_finish (MdSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (MD_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (MD_SECRET_STORE_GET_IFACE (self)->store_finish == NULL)
    return task_propagate_boolean (self, result, error);

  return MD_SECRET_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

void
md_secret_store_lookup_async (MdSecretStore       *self,
                              const char          *base_url,
                              MdSecretKind         kind,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MD_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL && *base_url != '\0');
  g_return_if_fail (KIND_IS_VALID (kind));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  MD_SECRET_STORE_GET_IFACE (self)->lookup_async (self, base_url, kind,
                                                  cancellable, callback, user_data);
}

char *
md_secret_store_lookup_finish (MdSecretStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (MD_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (MD_SECRET_STORE_GET_IFACE (self)->lookup_finish == NULL)
    {
      g_return_val_if_fail (g_task_is_valid (result, self), NULL);
      return g_task_propagate_pointer (G_TASK (result), error);
    }

  return MD_SECRET_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

void
md_secret_store_clear_async (MdSecretStore       *self,
                             const char          *base_url,
                             MdSecretKind         kind,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MD_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL && *base_url != '\0');
  g_return_if_fail (KIND_IS_VALID (kind));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  MD_SECRET_STORE_GET_IFACE (self)->clear_async (self, base_url, kind,
                                                 cancellable, callback, user_data);
}

gboolean
md_secret_store_clear_finish (MdSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (MD_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (MD_SECRET_STORE_GET_IFACE (self)->clear_finish == NULL)
    return task_propagate_boolean (self, result, error);

  return MD_SECRET_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}

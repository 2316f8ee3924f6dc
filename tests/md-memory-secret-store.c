/* md-memory-secret-store.c: a secret store in memory, for tests
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-memory-secret-store.h"

struct _MdMemorySecretStore
{
  GObject     parent_instance;

  GHashTable *secrets;  /* "kind base-url" -> secret */
  GError     *error;
  guint       n_calls;
};

static void md_memory_secret_store_iface_init (MdSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdMemorySecretStore, md_memory_secret_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MD_TYPE_SECRET_STORE,
                                                      md_memory_secret_store_iface_init))

/* The kind's name has no space, so no two pairs make the same key. */
static char *
make_key (const char   *base_url,
          MdSecretKind  kind)
{
  return g_strconcat (md_secret_kind_to_string (kind), " ", base_url, NULL);
}

/* Counts the call; FALSE when it has already been answered with the
 * injected error or as cancelled. */
static gboolean
begin (MdMemorySecretStore *self,
       GTask               *task)
{
  self->n_calls++;

  if (g_task_return_error_if_cancelled (task))
    return FALSE;

  if (self->error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->error));
      return FALSE;
    }

  return TRUE;
}

static GTask *
new_task (MdMemorySecretStore *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);

  return task;
}

static void
md_memory_secret_store_store_async (MdSecretStore       *store,
                                    const char          *base_url,
                                    MdSecretKind         kind,
                                    const char          *secret,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  MdMemorySecretStore *self = MD_MEMORY_SECRET_STORE (store);
  g_autoptr(GTask) task = NULL;

  task = new_task (self, md_memory_secret_store_store_async, cancellable, callback, user_data);
  if (!begin (self, task))
    return;

  g_hash_table_replace (self->secrets, make_key (base_url, kind), g_strdup (secret));
  g_task_return_boolean (task, TRUE);
}

static void
md_memory_secret_store_lookup_async (MdSecretStore       *store,
                                     const char          *base_url,
                                     MdSecretKind         kind,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  MdMemorySecretStore *self = MD_MEMORY_SECRET_STORE (store);
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;

  task = new_task (self, md_memory_secret_store_lookup_async, cancellable, callback, user_data);
  if (!begin (self, task))
    return;

  key = make_key (base_url, kind);
  g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->secrets, key)), g_free);
}

static void
md_memory_secret_store_clear_async (MdSecretStore       *store,
                                    const char          *base_url,
                                    MdSecretKind         kind,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  MdMemorySecretStore *self = MD_MEMORY_SECRET_STORE (store);
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;

  task = new_task (self, md_memory_secret_store_clear_async, cancellable, callback, user_data);
  if (!begin (self, task))
    return;

  key = make_key (base_url, kind);
  g_hash_table_remove (self->secrets, key);
  g_task_return_boolean (task, TRUE);
}

static void
md_memory_secret_store_iface_init (MdSecretStoreInterface *iface)
{
  iface->store_async = md_memory_secret_store_store_async;
  iface->lookup_async = md_memory_secret_store_lookup_async;
  iface->clear_async = md_memory_secret_store_clear_async;
}

static void
md_memory_secret_store_finalize (GObject *object)
{
  MdMemorySecretStore *self = MD_MEMORY_SECRET_STORE (object);

  g_clear_pointer (&self->secrets, g_hash_table_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (md_memory_secret_store_parent_class)->finalize (object);
}

static void
md_memory_secret_store_class_init (MdMemorySecretStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = md_memory_secret_store_finalize;
}

static void
md_memory_secret_store_init (MdMemorySecretStore *self)
{
  self->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

MdMemorySecretStore *
md_memory_secret_store_new (void)
{
  return g_object_new (MD_TYPE_MEMORY_SECRET_STORE, NULL);
}

void
md_memory_secret_store_set_error (MdMemorySecretStore *self,
                                  const GError        *error)
{
  g_return_if_fail (MD_IS_MEMORY_SECRET_STORE (self));

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
}

guint
md_memory_secret_store_get_n_items (MdMemorySecretStore *self)
{
  g_return_val_if_fail (MD_IS_MEMORY_SECRET_STORE (self), 0);

  return g_hash_table_size (self->secrets);
}

guint
md_memory_secret_store_get_n_calls (MdMemorySecretStore *self)
{
  g_return_val_if_fail (MD_IS_MEMORY_SECRET_STORE (self), 0);

  return self->n_calls;
}

/* md-libsecret-store.c: studio keys in the Secret Service, through libsecret
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only libsecret's simple password API is used. Inside a Flatpak sandbox
 * libsecret (>= 0.20) switches that API to its file backend behind the
 * Secret portal by itself, so the same calls work there with nothing
 * special to do here.
 */

#define G_LOG_DOMAIN "md-libsecret-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "md-key-file-store.h"
#include "md-libsecret-store.h"

#define DEFAULT_TIMEOUT_SECONDS 20

struct _MdLibsecretStore
{
  GObject parent_instance;

  guint   timeout_seconds;
};

static void md_libsecret_store_iface_init (MdSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdLibsecretStore, md_libsecret_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MD_TYPE_SECRET_STORE,
                                                      md_libsecret_store_iface_init))

typedef enum
{
  NO_BUS,
  NOT_RUNNING,
  LOCKED,
  NO_ANSWER,
} NoServiceReason;

typedef enum
{
  OPERATION_STORE,
  OPERATION_LOOKUP,
  OPERATION_CLEAR,
} OperationKind;

/* One call into libsecret. It ends at the first of: libsecret's answer,
 * the caller's cancellable, the timeout. libsecret gets a cancellable of
 * its own so that the timeout can dismiss a pending unlock prompt. */
typedef struct
{
  OperationKind  kind;
  char          *base_url;
  MdSecretKind   secret_kind;
  char          *secret;
  char          *label;

  GCancellable  *inner;
  GCancellable  *outer;
  gulong         outer_handler;
  GSource       *timeout_source;
  gboolean       done;
} Operation;

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.memberdesk.MemberDesk.Connection", SECRET_SCHEMA_NONE,
    {
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
operation_free (Operation *op)
{
  if (op->outer != NULL)
    g_cancellable_disconnect (op->outer, op->outer_handler);
  g_clear_object (&op->outer);
  g_clear_object (&op->inner);

  if (op->timeout_source != NULL)
    g_source_destroy (op->timeout_source);
  g_clear_pointer (&op->timeout_source, g_source_unref);

  if (op->secret != NULL)
    secret_password_wipe (op->secret);
  g_clear_pointer (&op->secret, g_free);
  g_clear_pointer (&op->base_url, g_free);
  g_clear_pointer (&op->label, g_free);
  g_free (op);
}

static GError *
no_service_error (NoServiceReason reason)
{
  g_autofree char *path = md_key_file_store_get_default_path ();
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *advice = NULL;
  const char *what;
  gboolean locked = FALSE;

  switch (reason)
    {
    case NO_BUS:
      what = _("There is no keyring: this session has no D-Bus session bus.");
      break;
    case LOCKED:
      what = _("The keyring is locked.");
      locked = TRUE;
      break;
    case NO_ANSWER:
      what = _("The keyring did not answer in time. It may be locked and waiting for its password.");
      locked = TRUE;
      break;
    case NOT_RUNNING:
    default:
      what = _("There is no keyring: no Secret Service (such as GNOME Keyring) is running.");
      break;
    }

  if (locked)
    advice = g_strdup_printf (_("Unlock the login keyring in Passwords and Keys, or ask the "
                                "administrator to provide the studio keys in “%s”, readable only "
                                "by you (chmod 600 %s)."),
                              path, quoted);
  else
    advice = g_strdup_printf (_("Ask the administrator to set up a keyring, or to provide the "
                                "studio keys in “%s”, readable only by you (chmod 600 %s)."),
                              path, quoted);

  return g_error_new (MD_SECRET_ERROR, MD_SECRET_ERROR_NO_SERVICE, "%s %s", what, advice);
}

static gboolean
error_means_not_running (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    {
      switch (error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_NO_REPLY:
        case G_DBUS_ERROR_TIMEOUT:
        case G_DBUS_ERROR_TIMED_OUT:
        case G_DBUS_ERROR_UNKNOWN_METHOD:
        case G_DBUS_ERROR_UNKNOWN_OBJECT:
        case G_DBUS_ERROR_UNKNOWN_INTERFACE:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
        case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
          return TRUE;
        default:
          return FALSE;
        }
    }

  /* The bus connection itself: a socket that is not there, refused or gone. */
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT);
}

/* Takes @owned_error; the caller's own cancellation stays G_IO_ERROR_CANCELLED. */
static GError *
translate_error (GError *owned_error)
{
  g_autoptr(GError) error = owned_error;

  /* Not ours and not the timeout's: libsecret reports a dismissed unlock
   * prompt that way. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return no_service_error (LOCKED);

  if (error_means_not_running (error))
    return no_service_error (NOT_RUNNING);

  if (g_dbus_error_is_remote_error (error))
    g_dbus_error_strip_remote_error (error);

  return g_error_new (MD_SECRET_ERROR, MD_SECRET_ERROR_FAILED,
                      _("The keyring could not keep the studio keys: %s"),
                      error->message);
}

/* Returns FALSE when the operation had already ended. */
static gboolean
operation_end (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  if (op->done)
    return FALSE;

  op->done = TRUE;

  if (op->timeout_source != NULL)
    g_source_destroy (op->timeout_source);
  g_clear_pointer (&op->timeout_source, g_source_unref);

  return TRUE;
}

static void
operation_return_error (GTask  *task,
                        GError *error)
{
  Operation *op = g_task_get_task_data (task);

  /* The caller's own cancellation: GTask reports G_IO_ERROR_CANCELLED. */
  if (op->outer != NULL && g_cancellable_is_cancelled (op->outer))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_error (task, translate_error (error));
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean ok;

  ok = secret_password_store_finish (result, &error);

  if (!operation_end (task))
    {
      g_clear_error (&error);
      return;
    }

  if (!ok)
    operation_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* What the simple API said: nothing (left) there. */
static void
return_nothing_there (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  if (op->kind == OPERATION_CLEAR)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_pointer (task, NULL, NULL);
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean locked = FALSE;
  GList *items;

  items = secret_service_search_finish (SECRET_SERVICE (source), result, &error);
  for (GList *l = items; l != NULL; l = l->next)
    locked |= secret_item_get_locked (l->data);
  g_list_free_full (items, g_object_unref);

  if (!operation_end (task))
    return;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* A failed search leaves the simple API's answer standing. */
  if (locked)
    g_task_return_error (task, no_service_error (LOCKED));
  else
    return_nothing_there (task);
}

static void
on_service_for_check (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Operation *op = g_task_get_task_data (task);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;

  service = secret_service_get_finish (result, &error);

  if (op->done)
    return;

  /* No direct line to the service (a sandbox): trust the simple API. */
  if (service == NULL)
    {
      operation_end (task);
      if (!g_task_return_error_if_cancelled (task))
        return_nothing_there (task);
      return;
    }

  attributes = secret_attributes_build (get_schema (),
                                        "base-url", op->base_url,
                                        "kind", md_secret_kind_to_string (op->secret_kind),
                                        NULL);
  secret_service_search (service, get_schema (), attributes, SECRET_SEARCH_ALL, op->inner,
                         on_searched, g_object_ref (task));
}

/* libsecret answers "nothing (more) there" also for items in a locked
 * collection when the unlock prompt failed or was dismissed: a lookup
 * finds nothing, and a clear reports success with the item still in
 * place. A search that does not unlock tells the cases apart; the
 * operation's timeout still runs. (Not secret_password_search(): in
 * libsecret 0.20 it leaks a reference to the service each call.) */
static void
check_nothing_left (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  secret_service_get (SECRET_SERVICE_NONE, op->inner, on_service_for_check, g_object_ref (task));
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);

  if (op->done)
    {
      g_clear_pointer (&secret, secret_password_free);
      g_clear_error (&error);
      return;
    }

  if (error != NULL)
    {
      operation_end (task);
      operation_return_error (task, error);
      return;
    }

  if (secret == NULL)
    {
      check_nothing_left (task);
      return;
    }

  /* The caller frees with g_free; libsecret's copy is wiped on its way out. */
  operation_end (task);
  g_task_return_pointer (task, g_strdup (secret), g_free);
  secret_password_free (secret);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;

  /* FALSE without an error means nothing was deleted: the check tells
   * whether nothing was there. */
  secret_password_clear_finish (result, &error);

  if (op->done)
    {
      g_clear_error (&error);
      return;
    }

  if (error != NULL)
    {
      operation_end (task);
      operation_return_error (task, error);
      return;
    }

  check_nothing_left (task);
}

static void
on_bus (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GDBusConnection) bus = NULL;
  GError *error = NULL;
  const char *kind = md_secret_kind_to_string (op->secret_kind);

  bus = g_bus_get_finish (result, &error);

  if (op->done)
    {
      g_clear_error (&error);
      return;
    }

  if (bus == NULL)
    {
      operation_end (task);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        operation_return_error (task, error);
      else
        {
          g_error_free (error);
          g_task_return_error (task, no_service_error (NO_BUS));
        }
      return;
    }

  /* libsecret goes on with the same bus: g_bus_get() keeps one per process. */
  switch (op->kind)
    {
    case OPERATION_STORE:
      secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, op->label, op->secret,
                             op->inner, on_stored, g_object_ref (task),
                             "base-url", op->base_url,
                             "kind", kind,
                             NULL);
      secret_password_wipe (op->secret);
      g_clear_pointer (&op->secret, g_free);
      break;
    case OPERATION_LOOKUP:
      secret_password_lookup (get_schema (), op->inner, on_looked_up, g_object_ref (task),
                              "base-url", op->base_url,
                              "kind", kind,
                              NULL);
      break;
    case OPERATION_CLEAR:
      secret_password_clear (get_schema (), op->inner, on_cleared, g_object_ref (task),
                             "base-url", op->base_url,
                             "kind", kind,
                             NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
on_timeout (gpointer user_data)
{
  GTask *task = user_data;
  Operation *op = g_task_get_task_data (task);

  /* Answer now rather than when libsecret has wound down: the point is
   * that a prompt nobody answers cannot hold the app. */
  g_cancellable_cancel (op->inner);

  if (operation_end (task))
    g_task_return_error (task, no_service_error (NO_ANSWER));

  return G_SOURCE_REMOVE;
}

static void
on_outer_cancelled (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static void
operation_start (MdLibsecretStore    *self,
                 OperationKind        kind,
                 gpointer             source_tag,
                 const char          *base_url,
                 MdSecretKind         secret_kind,
                 const char          *secret,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Operation *op;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  op = g_new0 (Operation, 1);
  op->kind = kind;
  op->base_url = g_strdup (base_url);
  op->secret_kind = secret_kind;
  op->secret = g_strdup (secret);
  if (kind == OPERATION_STORE)
    op->label = md_secret_kind_get_label (secret_kind, base_url);
  op->inner = g_cancellable_new ();
  g_task_set_task_data (task, op, (GDestroyNotify) operation_free);

  if (cancellable != NULL)
    {
      op->outer = g_object_ref (cancellable);
      op->outer_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_outer_cancelled),
                                                 op->inner, NULL);
    }

  op->timeout_source = g_timeout_source_new_seconds (self->timeout_seconds);
  g_source_set_callback (op->timeout_source, on_timeout, g_object_ref (task), g_object_unref);
  g_source_set_static_name (op->timeout_source, "[md] libsecret store timeout");
  g_source_attach (op->timeout_source, g_task_get_context (task));

  g_bus_get (G_BUS_TYPE_SESSION, op->inner, on_bus, g_object_ref (task));
}

static void
md_libsecret_store_store_async (MdSecretStore       *store,
                                const char          *base_url,
                                MdSecretKind         kind,
                                const char          *secret,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  operation_start (MD_LIBSECRET_STORE (store), OPERATION_STORE, md_libsecret_store_store_async,
                   base_url, kind, secret, cancellable, callback, user_data);
}

static void
md_libsecret_store_lookup_async (MdSecretStore       *store,
                                 const char          *base_url,
                                 MdSecretKind         kind,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  operation_start (MD_LIBSECRET_STORE (store), OPERATION_LOOKUP, md_libsecret_store_lookup_async,
                   base_url, kind, NULL, cancellable, callback, user_data);
}

static void
md_libsecret_store_clear_async (MdSecretStore       *store,
                                const char          *base_url,
                                MdSecretKind         kind,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  operation_start (MD_LIBSECRET_STORE (store), OPERATION_CLEAR, md_libsecret_store_clear_async,
                   base_url, kind, NULL, cancellable, callback, user_data);
}

static void
md_libsecret_store_iface_init (MdSecretStoreInterface *iface)
{
  iface->store_async = md_libsecret_store_store_async;
  iface->lookup_async = md_libsecret_store_lookup_async;
  iface->clear_async = md_libsecret_store_clear_async;
}

static void
md_libsecret_store_class_init (MdLibsecretStoreClass *klass)
{
}

static void
md_libsecret_store_init (MdLibsecretStore *self)
{
  self->timeout_seconds = DEFAULT_TIMEOUT_SECONDS;
}

MdLibsecretStore *
md_libsecret_store_new (void)
{
  return g_object_new (MD_TYPE_LIBSECRET_STORE, NULL);
}

void
md_libsecret_store_set_timeout (MdLibsecretStore *self,
                                guint             seconds)
{
  g_return_if_fail (MD_IS_LIBSECRET_STORE (self));
  g_return_if_fail (seconds > 0);

  self->timeout_seconds = seconds;
}

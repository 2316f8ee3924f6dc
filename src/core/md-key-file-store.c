/* md-key-file-store.c: studio keys an administrator provisioned in a file
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "md-key-file-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "md-key-file-store.h"

/* A few studios' keys fit many times over; anything bigger is a mistake. */
#define MAX_KEY_FILE_SIZE (64 * 1024)

struct _MdKeyFileStore
{
  GObject  parent_instance;

  char    *path;
};

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void md_key_file_store_iface_init (MdSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdKeyFileStore, md_key_file_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MD_TYPE_SECRET_STORE,
                                                      md_key_file_store_iface_init))

typedef struct
{
  char         *path;
  char         *base_url;
  MdSecretKind  kind;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->path);
  g_free (lookup->base_url);
  g_free (lookup);
}

static void
wipe_and_free (char  *data,
               gsize  length)
{
  if (data == NULL)
    return;

  explicit_bzero (data, length);
  g_free (data);
}

static GError *
unsafe_file_error (const char        *path,
                   const struct stat *info)
{
  g_autofree char *quoted = g_shell_quote (path);

  if (!S_ISREG (info->st_mode))
    return g_error_new (MD_SECRET_ERROR, MD_SECRET_ERROR_UNSAFE_FILE,
                        _("“%s” is not a regular file, so the studio keys in it are not used. "
                          "The keys must be in a plain file that only you can read."),
                        path);

  if (info->st_uid != geteuid ())
    {
      g_autofree char *user = g_shell_quote (g_get_user_name ());

      return g_error_new (MD_SECRET_ERROR, MD_SECRET_ERROR_UNSAFE_FILE,
                          _("The key file “%s” belongs to another user, so the studio keys in it "
                            "are not used. The administrator can make it yours and private with: "
                            "chown %s %s && chmod 600 %s"),
                          path, user, quoted, quoted);
    }

  return g_error_new (MD_SECRET_ERROR, MD_SECRET_ERROR_UNSAFE_FILE,
                      _("Other users can read or change the key file “%s”, so the studio keys "
                        "in it are not used. Make it private with: chmod 600 %s"),
                      path, quoted);
}

static GError *
unreadable_file_error (const char *path,
                       int         saved_errno)
{
  return g_error_new (MD_SECRET_ERROR, MD_SECRET_ERROR_INVALID_FILE,
                      _("The key file “%s” cannot be read: %s"),
                      path, g_strerror (saved_errno));
}

/* Reads the whole file that @fd is open on, at most MAX_KEY_FILE_SIZE. */
static gboolean
read_all (int     fd,
          char  **out_data,
          gsize  *out_length,
          int    *out_errno)
{
  gsize allocated = 4096;
  gsize length = 0;
  char *data = g_malloc (allocated);

  for (;;)
    {
      gssize n;

      if (length == allocated)
        {
          char *bigger;

          if (allocated >= MAX_KEY_FILE_SIZE)
            {
              wipe_and_free (data, allocated);
              *out_errno = EFBIG;
              return FALSE;
            }

          /* No g_realloc: it would leave a copy of the keys behind. */
          bigger = g_malloc (allocated * 2);
          memcpy (bigger, data, length);
          wipe_and_free (data, allocated);
          data = bigger;
          allocated *= 2;
        }

      n = read (fd, data + length, allocated - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          *out_errno = errno;
          wipe_and_free (data, allocated);
          return FALSE;
        }
      if (n == 0)
        break;

      length += n;
    }

  *out_data = data;
  *out_length = length;
  return TRUE;
}

/* Returns the key, NULL without an error when there is none. The checks run
 * on the opened file (fstat), so the file cannot be swapped between the
 * check and the read. */
static char *
read_secret (const char    *path,
             const char    *base_url,
             MdSecretKind   kind,
             GError       **error)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *value = NULL;
  struct stat info;
  char *data = NULL;
  gsize length = 0;
  gboolean loaded;
  int saved_errno = 0;
  int fd;

  /* O_NONBLOCK: a FIFO put in place of the file must not block the open. */
  do
    fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  while (fd < 0 && errno == EINTR);

  if (fd < 0)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        return NULL;

      g_propagate_error (error, unreadable_file_error (path, saved_errno));
      return NULL;
    }

  if (fstat (fd, &info) != 0)
    {
      saved_errno = errno;
      g_close (fd, NULL);
      g_propagate_error (error, unreadable_file_error (path, saved_errno));
      return NULL;
    }

  if (!S_ISREG (info.st_mode) || info.st_uid != geteuid () || (info.st_mode & 077) != 0)
    {
      g_close (fd, NULL);
      g_propagate_error (error, unsafe_file_error (path, &info));
      return NULL;
    }

  if (!read_all (fd, &data, &length, &saved_errno))
    {
      g_close (fd, NULL);
      g_propagate_error (error, unreadable_file_error (path, saved_errno));
      return NULL;
    }
  g_close (fd, NULL);

  key_file = g_key_file_new ();
  /* GKeyFile's own messages may quote a line, and so a key: never pass them on. */
  loaded = g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_NONE, NULL);
  wipe_and_free (data, length);

  if (!loaded)
    {
      g_set_error (error, MD_SECRET_ERROR, MD_SECRET_ERROR_INVALID_FILE,
                   _("“%s” is not a valid key file. It needs one group per studio, named by "
                     "its address, with the lines “api-key=” and “webhook-key=”."),
                   path);
      return NULL;
    }

  value = g_key_file_get_string (key_file, base_url, md_secret_kind_to_string (kind), NULL);
  if (value == NULL)
    return NULL;

  /* A stray space from editing by hand would make a valid key fail. */
  g_strstrip (value);
  if (*value == '\0')
    return NULL;

  return g_steal_pointer (&value);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Lookup *lookup = task_data;
  GError *error = NULL;
  char *secret;

  if (g_task_return_error_if_cancelled (task))
    return;

  secret = read_secret (lookup->path, lookup->base_url, lookup->kind, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, secret, g_free);
}

static void
md_key_file_store_lookup_async (MdSecretStore       *store,
                                const char          *base_url,
                                MdSecretKind         kind,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  MdKeyFileStore *self = MD_KEY_FILE_STORE (store);
  g_autoptr(GTask) task = NULL;
  Lookup *lookup;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_key_file_store_lookup_async);

  lookup = g_new0 (Lookup, 1);
  lookup->path = g_strdup (self->path);
  lookup->base_url = g_strdup (base_url);
  lookup->kind = kind;
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);

  g_task_run_in_thread (task, lookup_thread);
}

static void
return_read_only (MdKeyFileStore      *self,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_new_error (task, MD_SECRET_ERROR, MD_SECRET_ERROR_READ_ONLY,
                           _("The studio keys on this computer are provided by the administrator "
                             "in “%s” and cannot be changed here."),
                           self->path);
}

static void
md_key_file_store_store_async (MdSecretStore       *store,
                               const char          *base_url,
                               MdSecretKind         kind,
                               const char          *secret,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  return_read_only (MD_KEY_FILE_STORE (store), md_key_file_store_store_async,
                    cancellable, callback, user_data);
}

static void
md_key_file_store_clear_async (MdSecretStore       *store,
                               const char          *base_url,
                               MdSecretKind         kind,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  return_read_only (MD_KEY_FILE_STORE (store), md_key_file_store_clear_async,
                    cancellable, callback, user_data);
}

static void
md_key_file_store_iface_init (MdSecretStoreInterface *iface)
{
  iface->store_async = md_key_file_store_store_async;
  iface->lookup_async = md_key_file_store_lookup_async;
  iface->clear_async = md_key_file_store_clear_async;
}

static void
md_key_file_store_finalize (GObject *object)
{
  MdKeyFileStore *self = MD_KEY_FILE_STORE (object);

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (md_key_file_store_parent_class)->finalize (object);
}

static void
md_key_file_store_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MdKeyFileStore *self = MD_KEY_FILE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_key_file_store_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MdKeyFileStore *self = MD_KEY_FILE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      if (self->path == NULL)
        self->path = md_key_file_store_get_default_path ();
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_key_file_store_class_init (MdKeyFileStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = md_key_file_store_finalize;
  object_class->get_property = md_key_file_store_get_property;
  object_class->set_property = md_key_file_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
md_key_file_store_init (MdKeyFileStore *self)
{
}

char *
md_key_file_store_get_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "member-desk", "keys.ini", NULL);
}

MdKeyFileStore *
md_key_file_store_new (const char *path)
{
  return g_object_new (MD_TYPE_KEY_FILE_STORE, "path", path, NULL);
}

const char *
md_key_file_store_get_path (MdKeyFileStore *self)
{
  g_return_val_if_fail (MD_IS_KEY_FILE_STORE (self), NULL);

  return self->path;
}

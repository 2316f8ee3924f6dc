/* test-secrets.c: the secret stores: in memory, key file, Secret Service
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <glib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "md-key-file-store.h"
#include "md-libsecret-store.h"
#include "md-memory-secret-store.h"
#include "md-test-utils.h"

#define STUDIO_URL   "https://mystudio.open-api.magicline.com/v1"
#define OTHER_URL    "https://other.open-api.magicline.com/v1"
#define LOOPBACK_URL "http://127.0.0.1:8080"

#define SECRET_SERVICE_NAME "org.freedesktop.secrets"
#define KEYRING_PASSWORD    "throwaway-test-keyring"

/* Running the calls to completion */

static gboolean
store_secret (MdSecretStore  *store,
              const char     *base_url,
              MdSecretKind    kind,
              const char     *secret,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_secret_store_store_async (store, base_url, kind, secret, NULL, md_test_async_done, &result);
  return md_secret_store_store_finish (store, md_test_wait_for_result (&result), error);
}

static char *
lookup_secret (MdSecretStore  *store,
               const char     *base_url,
               MdSecretKind    kind,
               GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_secret_store_lookup_async (store, base_url, kind, NULL, md_test_async_done, &result);
  return md_secret_store_lookup_finish (store, md_test_wait_for_result (&result), error);
}

static gboolean
clear_secret (MdSecretStore  *store,
              const char     *base_url,
              MdSecretKind    kind,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_secret_store_clear_async (store, base_url, kind, NULL, md_test_async_done, &result);
  return md_secret_store_clear_finish (store, md_test_wait_for_result (&result), error);
}

static void
assert_stored (MdSecretStore *store,
               const char    *base_url,
               MdSecretKind   kind,
               const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = lookup_secret (store, base_url, kind, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, expected);
}

static void
assert_store (MdSecretStore *store,
              const char    *base_url,
              MdSecretKind   kind,
              const char    *secret)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (store_secret (store, base_url, kind, secret, &error));
  g_assert_no_error (error);
}

static void
assert_clear (MdSecretStore *store,
              const char    *base_url,
              MdSecretKind   kind)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (clear_secret (store, base_url, kind, &error));
  g_assert_no_error (error);
}

/* What every writable store must do: keys kept per base URL and kind,
 * replaced by a second store, gone after a clear. */
static void
assert_store_contract (MdSecretStore *store)
{
  assert_stored (store, STUDIO_URL, MD_SECRET_API_KEY, NULL);
  /* Nothing there: still not an error. */
  assert_clear (store, STUDIO_URL, MD_SECRET_API_KEY);

  assert_store (store, STUDIO_URL, MD_SECRET_API_KEY, "studio-api-1");
  assert_stored (store, STUDIO_URL, MD_SECRET_API_KEY, "studio-api-1");
  assert_stored (store, STUDIO_URL, MD_SECRET_WEBHOOK_KEY, NULL);
  assert_stored (store, OTHER_URL, MD_SECRET_API_KEY, NULL);
  assert_stored (store, STUDIO_URL "/", MD_SECRET_API_KEY, NULL);

  assert_store (store, STUDIO_URL, MD_SECRET_WEBHOOK_KEY, "studio-hook");
  assert_store (store, OTHER_URL, MD_SECRET_API_KEY, "other-api");
  assert_store (store, LOOPBACK_URL, MD_SECRET_API_KEY, "ümlaut key with spaces");
  assert_stored (store, STUDIO_URL, MD_SECRET_API_KEY, "studio-api-1");
  assert_stored (store, STUDIO_URL, MD_SECRET_WEBHOOK_KEY, "studio-hook");
  assert_stored (store, OTHER_URL, MD_SECRET_API_KEY, "other-api");
  assert_stored (store, OTHER_URL, MD_SECRET_WEBHOOK_KEY, NULL);
  assert_stored (store, LOOPBACK_URL, MD_SECRET_API_KEY, "ümlaut key with spaces");

  assert_store (store, STUDIO_URL, MD_SECRET_API_KEY, "studio-api-2");
  assert_stored (store, STUDIO_URL, MD_SECRET_API_KEY, "studio-api-2");

  assert_clear (store, STUDIO_URL, MD_SECRET_API_KEY);
  assert_stored (store, STUDIO_URL, MD_SECRET_API_KEY, NULL);
  assert_stored (store, STUDIO_URL, MD_SECRET_WEBHOOK_KEY, "studio-hook");
  assert_stored (store, OTHER_URL, MD_SECRET_API_KEY, "other-api");
  assert_clear (store, STUDIO_URL, MD_SECRET_API_KEY);

  assert_clear (store, STUDIO_URL, MD_SECRET_WEBHOOK_KEY);
  assert_clear (store, OTHER_URL, MD_SECRET_API_KEY);
  assert_clear (store, LOOPBACK_URL, MD_SECRET_API_KEY);
  assert_stored (store, STUDIO_URL, MD_SECRET_WEBHOOK_KEY, NULL);
  assert_stored (store, OTHER_URL, MD_SECRET_API_KEY, NULL);
  assert_stored (store, LOOPBACK_URL, MD_SECRET_API_KEY, NULL);
}

/* The message is for a person: translated text naming the way out. */
static void
assert_readable_error (const GError *error,
                       MdSecretError code)
{
  g_assert_error (error, MD_SECRET_ERROR, (gint) code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_assert_cmpstr (md_secret_error_get_summary (code), !=, "");
}

static void
test_kind_and_label (void)
{
  g_autofree char *api = md_secret_kind_get_label (MD_SECRET_API_KEY, STUDIO_URL);
  g_autofree char *hook = md_secret_kind_get_label (MD_SECRET_WEBHOOK_KEY, STUDIO_URL);
  g_autofree char *loopback = md_secret_kind_get_label (MD_SECRET_API_KEY, LOOPBACK_URL);
  g_autofree char *odd = md_secret_kind_get_label (MD_SECRET_API_KEY, "not a url");

  g_assert_cmpstr (md_secret_kind_to_string (MD_SECRET_API_KEY), ==, "api-key");
  g_assert_cmpstr (md_secret_kind_to_string (MD_SECRET_WEBHOOK_KEY), ==, "webhook-key");

  g_assert_cmpstr (api, ==, "Member Desk: Open API key for mystudio.open-api.magicline.com");
  g_assert_cmpstr (hook, ==, "Member Desk: webhook key for mystudio.open-api.magicline.com");
  g_assert_cmpstr (loopback, ==, "Member Desk: Open API key for 127.0.0.1:8080");
  g_assert_cmpstr (odd, ==, "Member Desk: Open API key for not a url");

  /* Each code has a headline of its own. */
  g_assert_cmpstr (md_secret_error_get_summary (MD_SECRET_ERROR_NO_SERVICE), !=,
                   md_secret_error_get_summary (MD_SECRET_ERROR_UNSAFE_FILE));
  g_assert_cmpstr (md_secret_error_get_summary (MD_SECRET_ERROR_READ_ONLY), !=,
                   md_secret_error_get_summary (MD_SECRET_ERROR_INVALID_FILE));
}

/* The fake */

static void
test_memory_round_trip (void)
{
  g_autoptr(MdMemorySecretStore) store = md_memory_secret_store_new ();

  assert_store_contract (MD_SECRET_STORE (store));
  g_assert_cmpuint (md_memory_secret_store_get_n_items (store), ==, 0);
  g_assert_cmpuint (md_memory_secret_store_get_n_calls (store), >, 20);
}

static void
test_memory_error (void)
{
  g_autoptr(MdMemorySecretStore) store = md_memory_secret_store_new ();
  g_autoptr(GError) injected = g_error_new_literal (MD_SECRET_ERROR, MD_SECRET_ERROR_NO_SERVICE,
                                                    "no keyring in this test");
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *secret = NULL;

  assert_store (MD_SECRET_STORE (store), STUDIO_URL, MD_SECRET_API_KEY, "kept");

  md_memory_secret_store_set_error (store, injected);
  g_assert_false (store_secret (MD_SECRET_STORE (store), STUDIO_URL, MD_SECRET_API_KEY, "new",
                                &error));
  g_assert_error (error, MD_SECRET_ERROR, MD_SECRET_ERROR_NO_SERVICE);
  g_clear_error (&error);
  secret = lookup_secret (MD_SECRET_STORE (store), STUDIO_URL, MD_SECRET_API_KEY, &error);
  g_assert_null (secret);
  g_assert_error (error, MD_SECRET_ERROR, MD_SECRET_ERROR_NO_SERVICE);
  g_clear_error (&error);
  g_assert_false (clear_secret (MD_SECRET_STORE (store), STUDIO_URL, MD_SECRET_API_KEY, &error));
  g_assert_error (error, MD_SECRET_ERROR, MD_SECRET_ERROR_NO_SERVICE);
  g_clear_error (&error);

  md_memory_secret_store_set_error (store, NULL);
  assert_stored (MD_SECRET_STORE (store), STUDIO_URL, MD_SECRET_API_KEY, "kept");

  /* Cancelled before it started: the caller hears so, nothing changes. */
  g_cancellable_cancel (cancellable);
  md_secret_store_store_async (MD_SECRET_STORE (store), STUDIO_URL, MD_SECRET_API_KEY, "new",
                               cancellable, md_test_async_done, &result);
  g_assert_false (md_secret_store_store_finish (MD_SECRET_STORE (store),
                                                md_test_wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_stored (MD_SECRET_STORE (store), STUDIO_URL, MD_SECRET_API_KEY, "kept");
}

/* The key file */

typedef struct
{
  char *dir;
  char *path;
} KeyFileFixture;

static void
key_file_setup (KeyFileFixture *fixture,
                gconstpointer   data)
{
  fixture->dir = g_dir_make_tmp ("md-secrets-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->path = g_build_filename (fixture->dir, "keys.ini", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }

  g_rmdir (path);
}

static void
key_file_teardown (KeyFileFixture *fixture,
                   gconstpointer   data)
{
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static const char keys_ini[] =
  "# provisioned by the administrator\n"
  "[" STUDIO_URL "]\n"
  "api-key=studio-api\n"
  "webhook-key = studio-hook  \n"
  "\n"
  "[" LOOPBACK_URL "]\n"
  "api-key=loopback-api\n"
  "webhook-key=\n";

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autoptr(GError) error = NULL;

  /* GLib 2.74 rewrites an existing file without truncating it. */
  g_remove (path);
  g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, mode, &error);
  g_assert_no_error (error);
  /* Whatever the umask said. */
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static void
test_key_file_private (KeyFileFixture *fixture,
                       gconstpointer   data)
{
  g_autoptr(MdKeyFileStore) key_file = md_key_file_store_new (fixture->path);
  MdSecretStore *store = MD_SECRET_STORE (key_file);

  g_assert_cmpstr (md_key_file_store_get_path (key_file), ==, fixture->path);
  write_file (fixture->path, keys_ini, 0600);

  assert_stored (store, STUDIO_URL, MD_SECRET_API_KEY, "studio-api");
  assert_stored (store, STUDIO_URL, MD_SECRET_WEBHOOK_KEY, "studio-hook");
  assert_stored (store, LOOPBACK_URL, MD_SECRET_API_KEY, "loopback-api");
  /* An empty value is no key. */
  assert_stored (store, LOOPBACK_URL, MD_SECRET_WEBHOOK_KEY, NULL);
  assert_stored (store, OTHER_URL, MD_SECRET_API_KEY, NULL);
  assert_stored (store, STUDIO_URL "/", MD_SECRET_API_KEY, NULL);

  /* Read afresh each time: the administrator's change counts at once. */
  write_file (fixture->path, "[" STUDIO_URL "]\napi-key=rotated\n", 0400);
  assert_stored (store, STUDIO_URL, MD_SECRET_API_KEY, "rotated");
  assert_stored (store, STUDIO_URL, MD_SECRET_WEBHOOK_KEY, NULL);
}

static void
test_key_file_open_modes (KeyFileFixture *fixture,
                          gconstpointer   data)
{
  static const int modes[] = { 0644, 0640, 0604, 0660, 0602, 0620, 0610 };
  g_autoptr(MdKeyFileStore) key_file = md_key_file_store_new (fixture->path);
  g_autofree char *quoted = g_shell_quote (fixture->path);
  g_autofree char *fix = g_strdup_printf ("chmod 600 %s", quoted);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *secret = NULL;

      g_test_message ("mode %04o", (unsigned) modes[i]);
      write_file (fixture->path, keys_ini, modes[i]);

      secret = lookup_secret (MD_SECRET_STORE (key_file), STUDIO_URL, MD_SECRET_API_KEY, &error);
      g_assert_null (secret);
      assert_readable_error (error, MD_SECRET_ERROR_UNSAFE_FILE);
      g_assert_nonnull (strstr (error->message, fixture->path));
      g_assert_nonnull (strstr (error->message, fix));
      g_assert_null (strstr (error->message, "studio-api"));
    }

  /* Fixed as the message says: read again. */
  g_assert_cmpint (g_chmod (fixture->path, 0600), ==, 0);
  assert_stored (MD_SECRET_STORE (key_file), STUDIO_URL, MD_SECRET_API_KEY, "studio-api");
}

static void
test_key_file_missing (KeyFileFixture *fixture,
                       gconstpointer   data)
{
  g_autofree char *deeper = g_build_filename (fixture->dir, "member-desk", "keys.ini", NULL);
  g_autoptr(MdKeyFileStore) missing = md_key_file_store_new (fixture->path);
  g_autoptr(MdKeyFileStore) no_dir = md_key_file_store_new (deeper);

  assert_stored (MD_SECRET_STORE (missing), STUDIO_URL, MD_SECRET_API_KEY, NULL);
  assert_stored (MD_SECRET_STORE (missing), STUDIO_URL, MD_SECRET_WEBHOOK_KEY, NULL);
  assert_stored (MD_SECRET_STORE (no_dir), STUDIO_URL, MD_SECRET_API_KEY, NULL);
}

static void
assert_refused (MdKeyFileStore *key_file,
                const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  secret = lookup_secret (MD_SECRET_STORE (key_file), STUDIO_URL, MD_SECRET_API_KEY, &error);
  g_assert_null (secret);
  assert_readable_error (error, MD_SECRET_ERROR_UNSAFE_FILE);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_key_file_directory (KeyFileFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(MdKeyFileStore) key_file = md_key_file_store_new (fixture->path);

  g_assert_cmpint (g_mkdir (fixture->path, 0700), ==, 0);
  assert_refused (key_file, fixture->path);
}

/* A FIFO in place of the file must neither block nor be read. */
static void
test_key_file_fifo (KeyFileFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(MdKeyFileStore) key_file = md_key_file_store_new (fixture->path);

  g_assert_cmpint (mkfifo (fixture->path, 0600), ==, 0);
  assert_refused (key_file, fixture->path);
}

static void
test_key_file_symlink (KeyFileFixture *fixture,
                       gconstpointer   data)
{
  g_autofree char *own = g_build_filename (fixture->dir, "own.ini", NULL);
  g_autofree char *foreign = g_build_filename (fixture->dir, "foreign.ini", NULL);
  g_autoptr(MdKeyFileStore) key_file = md_key_file_store_new (fixture->path);

  /* What counts is the file that is read: a link to one's own private file is fine. */
  write_file (own, keys_ini, 0600);
  g_assert_cmpint (symlink (own, fixture->path), ==, 0);
  assert_stored (MD_SECRET_STORE (key_file), STUDIO_URL, MD_SECRET_API_KEY, "studio-api");
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);

  /* Another user's file, however private. As root the test can make one;
   * otherwise a system file stands in. */
  if (geteuid () == 0)
    {
      write_file (foreign, keys_ini, 0600);
      g_assert_cmpint (chown (foreign, 65534, 65534), ==, 0);
    }
  else
    {
      g_clear_pointer (&foreign, g_free);
      foreign = g_strdup ("/etc/passwd");
    }

  g_assert_cmpint (symlink (foreign, fixture->path), ==, 0);
  assert_refused (key_file, fixture->path);
}

static void
test_key_file_read_only (KeyFileFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(MdKeyFileStore) key_file = md_key_file_store_new (fixture->path);
  MdSecretStore *store = MD_SECRET_STORE (key_file);
  g_autoptr(GError) error = NULL;

  write_file (fixture->path, keys_ini, 0600);

  g_assert_false (store_secret (store, STUDIO_URL, MD_SECRET_API_KEY, "new", &error));
  assert_readable_error (error, MD_SECRET_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);

  g_assert_false (clear_secret (store, STUDIO_URL, MD_SECRET_API_KEY, &error));
  assert_readable_error (error, MD_SECRET_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Nothing changed in the file. */
  assert_stored (store, STUDIO_URL, MD_SECRET_API_KEY, "studio-api");
}

static void
test_key_file_invalid (KeyFileFixture *fixture,
                       gconstpointer   data)
{
  g_autoptr(MdKeyFileStore) key_file = md_key_file_store_new (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  /* A key pasted without its group: the message must not repeat it. */
  write_file (fixture->path, "sk-pasted-key-0123456789\n", 0600);
  secret = lookup_secret (MD_SECRET_STORE (key_file), STUDIO_URL, MD_SECRET_API_KEY, &error);
  g_assert_null (secret);
  assert_readable_error (error, MD_SECRET_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_null (strstr (error->message, "sk-pasted"));
}

static void
test_key_file_default_path (void)
{
  g_autoptr(MdKeyFileStore) key_file = md_key_file_store_new (NULL);
  g_autofree char *expected = g_build_filename (g_get_user_config_dir (), "member-desk",
                                                "keys.ini", NULL);
  g_autofree char *path = md_key_file_store_get_default_path ();

  g_assert_cmpstr (path, ==, expected);
  g_assert_cmpstr (md_key_file_store_get_path (key_file), ==, expected);
}

/* The Secret Service. Each test runs in a subprocess of its own with its
 * own environment, bus and, where there is one, keyring daemon, so that
 * nothing of it reaches the user's keyring or outlives the test. */

/* The schema as other tools see it; md-libsecret-store.c must agree. */
static const SecretSchema connection_schema = {
  "io.github.memberdesk.MemberDesk.Connection", SECRET_SCHEMA_NONE,
  {
    { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

typedef struct
{
  char        *home;
  GTestDBus   *bus;      /* stopped, never finalised: see session_free() */
  GSubprocess *daemon;
  gboolean     daemon_exited;
} Session;

/* A throwaway home and a private session bus on which nothing can be
 * D-Bus-activated: the bus has no service directories. */
static Session *
session_new (void)
{
  Session *session = g_new0 (Session, 1);
  g_autofree char *runtime = NULL;

  session->home = g_dir_make_tmp ("md-keyring-XXXXXX", NULL);
  g_assert_nonnull (session->home);
  runtime = g_build_filename (session->home, "run", NULL);
  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);

  g_setenv ("HOME", session->home, TRUE);
  g_setenv ("XDG_DATA_HOME", session->home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", session->home, TRUE);
  g_setenv ("XDG_CACHE_HOME", session->home, TRUE);

  session->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (session->bus);
  /* g_test_dbus_up() unsets it; the daemon keeps its control socket there. */
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);

  return session;
}

static void
on_daemon_exited (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Session *session = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  session->daemon_exited = TRUE;
}

static gboolean
daemon_gone (gpointer data)
{
  return ((Session *) data)->daemon_exited;
}

static void
session_stop_daemon (Session *session)
{
  if (session->daemon == NULL)
    return;

  if (!session->daemon_exited)
    {
      g_subprocess_send_signal (session->daemon, SIGTERM);
      if (!md_test_spin_until (daemon_gone, session))
        g_subprocess_force_exit (session->daemon);
    }

  g_clear_object (&session->daemon);
}

static GTestDBus *stopped_bus;

static void
session_free (Session *session)
{
  g_autoptr(GDBusConnection) connection = NULL;

  session_stop_daemon (session);

  /* Not g_test_dbus_down(): it waits for the session bus connection to be
   * finalised, and libsecret 0.20 leaks references to its services (and so
   * to the connection) on some paths. This process ends after the test, so
   * stopping the bus is enough; the connection must not take the process
   * with it when the bus goes. */
  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (connection != NULL)
    g_dbus_connection_set_exit_on_close (connection, FALSE);
  secret_service_disconnect ();
  g_test_dbus_stop (session->bus);
  /* Kept for the rest of the process (one session per subprocess), so
   * that the leak checkers do not count it as lost. */
  g_assert_null (stopped_bus);
  stopped_bus = g_steal_pointer (&session->bus);

  remove_tree (session->home);
  g_free (session->home);
  g_free (session);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Session, session_free)

static gboolean
name_has_owner (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  g_assert_nonnull (bus);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", SECRET_SERVICE_NAME),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, NULL);
  g_assert_nonnull (reply);
  g_variant_get (reply, "(b)", &owned);

  return owned;
}

static gboolean
daemon_ready_or_gone (gpointer data)
{
  Session *session = data;

  return session->daemon_exited || name_has_owner ();
}

static void
kill_with_parent (gpointer data)
{
#ifdef __linux__
  /* Should the test die, the daemon goes with it. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

/* gnome-keyring-daemon --foreground --unlock --components=secrets, with the
 * password on its stdin: it creates the login keyring under
 * $XDG_DATA_HOME/keyrings, unlocked, as the default collection. */
static void
session_start_keyring (Session *session)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *input;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, kill_with_parent, NULL, NULL);
  session->daemon = g_subprocess_launcher_spawn (launcher, &error,
                                                 "gnome-keyring-daemon", "--foreground",
                                                 "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (session->daemon, NULL, on_daemon_exited, session);

  input = g_subprocess_get_stdin_pipe (session->daemon);
  g_output_stream_write_all (input, KEYRING_PASSWORD, strlen (KEYRING_PASSWORD), NULL, NULL,
                             &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (md_test_spin_until (daemon_ready_or_gone, session));
  if (session->daemon_exited)
    g_error ("gnome-keyring-daemon exited before it provided " SECRET_SERVICE_NAME);
}

static void
assert_no_service (MdSecretStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *path = md_key_file_store_get_default_path ();
  gint64 start = g_get_monotonic_time ();

  secret = lookup_secret (store, STUDIO_URL, MD_SECRET_API_KEY, &error);
  g_assert_null (secret);
  assert_readable_error (error, MD_SECRET_ERROR_NO_SERVICE);
  /* It names the way out: the key file, and how to make it private. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "chmod 600"));
  g_test_message ("lookup: %s (after %" G_GINT64_FORMAT " ms)", error->message,
                  (g_get_monotonic_time () - start) / 1000);
  g_clear_error (&error);

  g_assert_false (store_secret (store, STUDIO_URL, MD_SECRET_API_KEY, "key", &error));
  assert_readable_error (error, MD_SECRET_ERROR_NO_SERVICE);
  g_test_message ("store: %s", error->message);
  g_clear_error (&error);

  g_assert_false (clear_secret (store, STUDIO_URL, MD_SECRET_API_KEY, &error));
  assert_readable_error (error, MD_SECRET_ERROR_NO_SERVICE);
}

static void
run_in_subprocess (void)
{
  g_test_trap_subprocess (NULL, 40 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_libsecret_bogus_bus (void)
{
  g_autoptr(MdLibsecretStore) store = NULL;

  if (!g_test_subprocess ())
    {
      run_in_subprocess ();
      return;
    }

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  store = md_libsecret_store_new ();
  assert_no_service (MD_SECRET_STORE (store));
}

static void
test_libsecret_no_session_bus (void)
{
  g_autoptr(MdLibsecretStore) store = NULL;
  g_autofree char *runtime = NULL;

  if (!g_test_subprocess ())
    {
      run_in_subprocess ();
      return;
    }

  /* No address, no $XDG_RUNTIME_DIR/bus, no display to autolaunch one on. */
  runtime = g_dir_make_tmp ("md-no-bus-XXXXXX", NULL);
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);

  store = md_libsecret_store_new ();
  assert_no_service (MD_SECRET_STORE (store));
  g_rmdir (runtime);
}

static void
test_libsecret_not_running (void)
{
  g_autoptr(Session) session = NULL;
  g_autoptr(MdLibsecretStore) store = NULL;

  if (!g_test_subprocess ())
    {
      run_in_subprocess ();
      return;
    }

  session = session_new ();
  g_assert_false (name_has_owner ());

  store = md_libsecret_store_new ();
  assert_no_service (MD_SECRET_STORE (store));
}

static GDBusMessage *
drop_method_calls (GDBusConnection *connection,
                   GDBusMessage    *message,
                   gboolean         incoming,
                   gpointer         user_data)
{
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_object_unref (message);
      return NULL;
    }

  return message;
}

/* A Secret Service that never answers, as one waiting on an unlock prompt
 * nobody sees: the store gives up after its timeout. */
static void
test_libsecret_no_answer (void)
{
  g_autoptr(Session) session = NULL;
  g_autoptr(MdLibsecretStore) store = NULL;
  g_autoptr(GDBusConnection) mute = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 outcome = 0;

  if (!g_test_subprocess ())
    {
      run_in_subprocess ();
      return;
    }

  session = session_new ();

  mute = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (session->bus),
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                 G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (mute, drop_method_calls, NULL, NULL);
  reply = g_dbus_connection_call_sync (mute, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", SECRET_SERVICE_NAME, 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &outcome);
  g_assert_cmpuint (outcome, ==, 1);  /* DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER */

  store = md_libsecret_store_new ();
  md_libsecret_store_set_timeout (store, 1);
  assert_no_service (MD_SECRET_STORE (store));

  g_dbus_connection_close_sync (mute, NULL, NULL);
}

static void
assert_one_item (const char   *base_url,
                 MdSecretKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = md_secret_kind_get_label (kind, base_url);
  g_autofree char *item_label = NULL;
  GList *items;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  attributes = secret_attributes_build (&connection_schema,
                                        "base-url", base_url,
                                        "kind", md_secret_kind_to_string (kind),
                                        NULL);
  items = secret_service_search_sync (service, &connection_schema, attributes,
                                      SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  item_label = secret_item_get_label (items->data);
  g_assert_cmpstr (item_label, ==, label);
  g_list_free_full (items, g_object_unref);
}

static void
lock_default_collection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  GList objects = { NULL, NULL, NULL };

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);

  objects.data = collection;
  g_assert_cmpint (secret_service_lock_sync (service, &objects, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
}

/* The caller's own cancellation is reported as such, never as a locked
 * keyring: before the call and while it runs. */
static void
assert_cancellation (MdSecretStore *store)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *secret = NULL;

      if (i == 0)
        g_cancellable_cancel (cancellable);
      md_secret_store_lookup_async (store, STUDIO_URL, MD_SECRET_API_KEY, cancellable,
                                    md_test_async_done, &result);
      if (i == 1)
        g_cancellable_cancel (cancellable);

      secret = md_secret_store_lookup_finish (store, md_test_wait_for_result (&result), &error);
      g_assert_null (secret);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
}

static void
test_libsecret_keyring (void)
{
  g_autoptr(Session) session = NULL;
  g_autoptr(MdLibsecretStore) store = NULL;
  g_autofree char *keyrings = NULL;

  if (!g_test_subprocess ())
    {
      g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");

      if (daemon == NULL)
        {
          if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
            g_test_fail_printf ("gnome-keyring-daemon is not installed, and CI runs this test: "
                                "apt-get install --no-install-recommends gnome-keyring");
          else
            g_test_skip ("gnome-keyring-daemon is not installed (apt-get install "
                         "--no-install-recommends gnome-keyring runs this test)");
          return;
        }

      run_in_subprocess ();
      return;
    }

  session = session_new ();
  session_start_keyring (session);

  store = md_libsecret_store_new ();
  md_libsecret_store_set_timeout (store, 10);
  assert_store_contract (MD_SECRET_STORE (store));

  /* One item per connection and kind, however often it is stored, under a
   * label a person recognises. */
  assert_store (MD_SECRET_STORE (store), STUDIO_URL, MD_SECRET_API_KEY, "first");
  assert_store (MD_SECRET_STORE (store), STUDIO_URL, MD_SECRET_API_KEY, "second");
  assert_store (MD_SECRET_STORE (store), STUDIO_URL, MD_SECRET_WEBHOOK_KEY, "hook");
  assert_one_item (STUDIO_URL, MD_SECRET_API_KEY);
  assert_one_item (STUDIO_URL, MD_SECRET_WEBHOOK_KEY);
  assert_cancellation (MD_SECRET_STORE (store));
  assert_stored (MD_SECRET_STORE (store), STUDIO_URL, MD_SECRET_API_KEY, "second");

  /* The keyring is the throwaway one. */
  keyrings = g_build_filename (session->home, "keyrings", "login.keyring", NULL);
  g_assert_true (g_file_test (keyrings, G_FILE_TEST_IS_REGULAR));

  /* Locked, with nobody to show an unlock prompt: no service, said so,
   * rather than "no key stored". */
  lock_default_collection ();
  md_libsecret_store_set_timeout (store, 5);
  assert_no_service (MD_SECRET_STORE (store));
  /* The failed clear left the item alone, and what was never stored is
   * still just not there. */
  assert_one_item (STUDIO_URL, MD_SECRET_API_KEY);
  assert_stored (MD_SECRET_STORE (store), OTHER_URL, MD_SECRET_API_KEY, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/kind-and-label", test_kind_and_label);
  g_test_add_func ("/secrets/memory/round-trip", test_memory_round_trip);
  g_test_add_func ("/secrets/memory/error", test_memory_error);

#define ADD_KEY_FILE_TEST(path, func) \
  g_test_add ("/secrets/key-file/" path, KeyFileFixture, NULL, \
              key_file_setup, func, key_file_teardown)
  ADD_KEY_FILE_TEST ("private", test_key_file_private);
  ADD_KEY_FILE_TEST ("open-modes", test_key_file_open_modes);
  ADD_KEY_FILE_TEST ("missing", test_key_file_missing);
  ADD_KEY_FILE_TEST ("directory", test_key_file_directory);
  ADD_KEY_FILE_TEST ("fifo", test_key_file_fifo);
  ADD_KEY_FILE_TEST ("symlink", test_key_file_symlink);
  ADD_KEY_FILE_TEST ("read-only", test_key_file_read_only);
  ADD_KEY_FILE_TEST ("invalid", test_key_file_invalid);
#undef ADD_KEY_FILE_TEST
  g_test_add_func ("/secrets/key-file/default-path", test_key_file_default_path);

  g_test_add_func ("/secrets/libsecret/bogus-bus", test_libsecret_bogus_bus);
  g_test_add_func ("/secrets/libsecret/no-session-bus", test_libsecret_no_session_bus);
  g_test_add_func ("/secrets/libsecret/not-running", test_libsecret_not_running);
  g_test_add_func ("/secrets/libsecret/no-answer", test_libsecret_no_answer);
  g_test_add_func ("/secrets/libsecret/keyring", test_libsecret_keyring);

  return g_test_run ();
}

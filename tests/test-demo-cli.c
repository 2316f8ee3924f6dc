/* test-demo-cli.c: member-desk-demo-server as a program
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "md-test-utils.h"

typedef struct
{
  GSubprocess *process;
  char        *base_url;
} Server;

static const char *
server_path (void)
{
  const char *path = g_getenv ("MD_DEMO_SERVER");

  g_assert_nonnull (path);
  return path;
}

/* The server program followed by @args; @args may be NULL. */
static GPtrArray *
server_argv (const char * const *args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) server_path ());
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  return argv;
}

/* Starts the server with @args and waits for its "listening on" line. */
static Server *
server_start (const char * const *args)
{
  g_autoptr(GPtrArray) argv = server_argv (args);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Server *server = g_new0 (Server, 1);
  g_autofree char *line = NULL;
  const char *port;

  server->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, md_test_async_done, &result);
  line = g_data_input_stream_read_line_finish_utf8 (out, md_test_wait_for_result (&result), NULL,
                                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);

  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  port = line + strlen ("listening on http://127.0.0.1:");
  g_assert_cmpuint (strlen (port), >, 0);
  g_assert_cmpuint (strspn (port, "0123456789"), ==, strlen (port));
  g_assert_cmpint (atoi (port), >, 0);

  server->base_url = g_strdup (line + strlen ("listening on "));

  return server;
}

/* Waits, with the deadline, until @process exited. */
static void
wait_for_exit (GSubprocess *process)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_subprocess_wait_async (process, NULL, md_test_async_done, &result);
  g_subprocess_wait_finish (process, md_test_wait_for_result (&result), NULL);
}

/* Sends @signal and checks that the server exits cleanly. */
static void
server_stop (Server *server,
             int     signal_number)
{
  g_subprocess_send_signal (server->process, signal_number);
  wait_for_exit (server->process);

  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);

  g_clear_object (&server->process);
  g_free (server->base_url);
  g_free (server);
}

/* Returns the status; the parsed JSON object in @out_object when there is one. */
static guint
http (const char  *method,
      const char  *base_url,
      const char  *path,
      const char  *key,
      const char  *body,
      JsonObject **out_object)
{
  g_autoptr(SoupSession) session = md_test_session_new ();
  g_autoptr(SoupMessage) msg = md_test_message_new (method, base_url, path, key, body);
  g_autoptr(MdTestResponse) response = md_test_send (session, msg);

  if (out_object != NULL)
    {
      md_test_assert_json_type (response);
      *out_object = json_object_ref (md_test_response_get_object (response));
    }

  return response->status;
}

static void
test_serve (void)
{
  Server *server = server_start (NULL);
  g_autoptr(JsonObject) contact = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) missing = NULL;

  g_assert_cmpuint (http ("GET", server->base_url, "/v1/customers/1001/self-service/contact-data",
                          "demo-key", NULL, &contact), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (json_object_get_string_member (contact, "amendmentConfigurationStatus"), ==,
                   "CHANGES_WITHOUT_VERIFICATION");
  g_assert_true (json_object_has_member (contact, "email"));

  g_assert_cmpuint (http ("GET", server->base_url, "/v1/customers/1001/self-service/contact-data",
                          "other", NULL, &refused), ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_true (json_object_has_member (refused, "errorMessage"));

  g_assert_cmpuint (http ("GET", server->base_url, "/v1/customers/77/self-service/master-data",
                          "demo-key", NULL, &missing), ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpuint (http ("HEAD", server->base_url, "/", "demo-key", NULL, NULL), ==,
                    SOUP_STATUS_OK);

  server_stop (server, SIGTERM);
}

static void
test_sigint (void)
{
  Server *server = server_start (NULL);

  g_assert_cmpuint (http ("HEAD", server->base_url, "/", "demo-key", NULL, NULL), ==,
                    SOUP_STATUS_OK);

  server_stop (server, SIGINT);
}

static void
test_options (void)
{
  g_autoptr(MdTestHooks) hooks = md_test_hooks_new ();
  g_autoptr(JsonObject) amendment = NULL;
  Server *server;
  gint64 start;

  {
    const char *args[] = { "--port", "0", "--api-key", "front-desk", "--webhook-url", hooks->url,
                           "--webhook-key", "hook-key", "--latency-ms", "150", NULL };

    server = server_start (args);
  }

  g_assert_cmpuint (http ("HEAD", server->base_url, "/", "demo-key", NULL, NULL), ==,
                    SOUP_STATUS_UNAUTHORIZED);

  /* The latency holds every API answer back. */
  start = g_get_monotonic_time ();
  g_assert_cmpuint (http ("POST", server->base_url, "/v1/customers/1001/self-service/contact-data",
                          "front-desk", "{\"email\":\"lena@example.org\"}", &amendment), ==,
                    SOUP_STATUS_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
  g_assert_cmpstr (json_object_get_string_member (amendment, "email"), ==, "lena@example.org");

  /* The instant change announces itself with the webhook key. */
  md_test_hooks_wait (hooks, 1);
  md_test_hooks_assert_event (hooks, 0, "hook-key", 1001);

  server_stop (server, SIGTERM);
}

static void
test_fixed_port (void)
{
  g_autoptr(GSocketListener) probe = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GSubprocess) second = NULL;
  Server *server;
  guint16 port;

  /* Ask the system for a free port, then hand it to the server. */
  port = g_socket_listener_add_any_inet_port (probe, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (probe);

  port_text = g_strdup_printf ("%u", port);
  {
    const char *args[] = { "--port", port_text, NULL };

    server = server_start (args);
  }
  expected = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_assert_cmpstr (server->base_url, ==, expected);

  /* A second server on the same port fails and says so. */
  second = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             &error, server_path (), "--port", port_text, NULL);
  g_assert_no_error (error);
  wait_for_exit (second);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), !=, 0);

  server_stop (server, SIGTERM);
}

static void
run_to_end (const char * const  *args,
            int                 *out_status,
            char               **out_stdout,
            char               **out_stderr)
{
  g_autoptr(GPtrArray) argv = server_argv (args);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, out_stdout, out_stderr, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  *out_status = g_subprocess_get_exit_status (process);
}

static void
test_help (void)
{
  const char *args[] = { "--help", NULL };
  const char *options[] = { "--port", "--api-key", "--webhook-url", "--webhook-key",
                            "--latency-ms" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  run_to_end (args, &status, &out, &err);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (strstr (out, "member-desk-demo-server") != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_true (strstr (out, options[i]) != NULL);
  g_assert_false (g_str_has_prefix (out, "listening on"));
}

static void
test_bad_arguments (void)
{
  const char *bad[][4] = {
    { "--bogus", NULL },
    { "--port", "abc", NULL },
    { "--port", "70000", NULL },
    { "--port", "-1", NULL },
    { "--latency-ms", "-5", NULL },
    { "--api-key", "", NULL },
    { "--webhook-url", "not a url", NULL },
    { "--webhook-url", "ftp://127.0.0.1/hook", NULL },
    { "surplus", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      g_test_message ("arguments %u: %s", i, bad[i][0]);
      run_to_end (bad[i], &status, &out, &err);

      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, !=, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo-cli/serve", test_serve);
  g_test_add_func ("/demo-cli/sigint", test_sigint);
  g_test_add_func ("/demo-cli/options", test_options);
  g_test_add_func ("/demo-cli/fixed-port", test_fixed_port);
  g_test_add_func ("/demo-cli/help", test_help);
  g_test_add_func ("/demo-cli/bad-arguments", test_bad_arguments);

  return g_test_run ();
}

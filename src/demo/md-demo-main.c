/* md-demo-main.c: member-desk-demo-server, the demo backend on its own
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include "md-demo-server.h"

#define EXIT_USAGE 2

static int port = 0;
static char *api_key = NULL;
static char *webhook_url = NULL;
static char *webhook_key = NULL;
static int latency_ms = 0;

static const GOptionEntry entries[] = {
  { "port", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &port,
    N_("Port to listen on (default: 0, chosen by the system)"), N_("PORT") },
  { "api-key", 'k', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &api_key,
    N_("API key clients must send in x-api-key (default: demo-key)"), N_("KEY") },
  { "webhook-url", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &webhook_url,
    N_("URL to send CUSTOMER_UPDATED webhooks to"), N_("URL") },
  { "webhook-key", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &webhook_key,
    N_("Key sent in the webhook’s x-api-key header (default: demo-webhook-key)"), N_("KEY") },
  { "latency-ms", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &latency_ms,
    N_("Extra delay before every API answer, in milliseconds"), N_("MS") },
  { NULL }
};

static gboolean
quit_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);

  return G_SOURCE_CONTINUE;
}

static gboolean
webhook_url_is_usable (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

static int
usage_error (const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  g_printerr (_("Run “%s --help” to see the options.\n"), g_get_prgname ());

  return EXIT_USAGE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MdDemoServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  guint sigint_id, sigterm_id;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("member-desk-demo-server");
  /* stdout carries only the "listening on" line that scripts wait for. */
  g_log_writer_default_set_use_stderr (TRUE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Serve the Member Desk demo studio: the customers self-service "
                                  "API with seeded members, on 127.0.0.1."));
  g_option_context_set_description (context,
                                    _("Seeded customers: 1001 (changes apply at once), 1002 "
                                      "(changes need approval), 1003 (mixed, one change pending), "
                                      "1004 (read only)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);

  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[1]);

      return usage_error (message);
    }

  if (port < 0 || port > G_MAXUINT16)
    return usage_error (_("The port must be between 0 and 65535."));

  if (latency_ms < 0)
    return usage_error (_("The latency must not be negative."));

  if (api_key != NULL && *api_key == '\0')
    return usage_error (_("The API key must not be empty."));

  if (webhook_key != NULL && *webhook_key == '\0')
    return usage_error (_("The webhook key must not be empty."));

  if (webhook_url != NULL && !webhook_url_is_usable (webhook_url))
    return usage_error (_("The webhook URL must be an http:// or https:// URL."));

  server = md_demo_server_new (api_key);
  md_demo_server_set_latency (server, latency_ms);
  if (webhook_url != NULL)
    md_demo_server_set_webhook (server, webhook_url, webhook_key);

  if (!md_demo_server_listen (server, port, &error))
    {
      g_printerr (_("%s: cannot listen on port %d: %s\n"), g_get_prgname (), port, error->message);
      return EXIT_FAILURE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);

  /* Not translated: scripts and tests wait for exactly this line. */
  printf ("listening on http://127.0.0.1:%u\n", md_demo_server_get_port (server));
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_clear_pointer (&api_key, g_free);
  g_clear_pointer (&webhook_url, g_free);
  g_clear_pointer (&webhook_key, g_free);

  return EXIT_SUCCESS;
}

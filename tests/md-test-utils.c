/* md-test-utils.c: helpers shared by the test programs
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "md-json.h"
#include "md-webhook-receiver.h"
#include "md-test-utils.h"

/* Waiting with a deadline */

static gboolean
on_wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

guint
md_test_wait_multiplier (void)
{
  const char *text = g_getenv ("MD_TEST_WAIT_MULTIPLIER");
  guint64 value = 1;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, 100, &value, NULL))
    g_error ("MD_TEST_WAIT_MULTIPLIER=%s is not a whole number from 1 to 100", text);

  return (guint) value;
}

gboolean
md_test_spin_until (MdTestPredicate predicate,
                    gpointer        data)
{
  gint64 deadline = g_get_monotonic_time () +
                    md_test_wait_multiplier () * MD_TEST_WAIT_SECONDS * G_TIME_SPAN_SECOND;
  /* Wakes the loop now and then: @predicate may watch other threads. At
   * the lowest priority: were an iteration to take longer than the
   * interval (a busy loop, a slow machine, valgrind), a default-priority
   * wake would always be due and starve the idles and the frame clock. */
  guint wake = g_timeout_add_full (G_PRIORITY_LOW, 10, on_wake, NULL, NULL);

  while (!predicate (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake);

  return predicate (data);
}

static gboolean
flag_is_set (gpointer data)
{
  return *(const gboolean *) data;
}

void
md_test_spin_until_set (const gboolean *flag)
{
  g_assert_true (md_test_spin_until (flag_is_set, (gpointer) flag));
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
md_test_run_pending_idles (void)
{
  gboolean ran = FALSE;

  g_idle_add_full (G_PRIORITY_LOW, set_flag_cb, &ran, NULL);
  md_test_spin_until_set (&ran);
}

void
md_test_async_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

GAsyncResult *
md_test_wait_for_result (GAsyncResult **slot)
{
  g_assert_true (md_test_spin_until (result_arrived, slot));

  return *slot;
}

/* The API client's calls, run to completion */

MdSnapshot *
md_test_get_domain (MdClient  *client,
                    gint64     customer_id,
                    MdDomain   domain,
                    GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_client_get_domain_async (client, customer_id, domain, NULL, md_test_async_done, &result);
  return md_client_get_domain_finish (client, md_test_wait_for_result (&result), error);
}

MdMemberData *
md_test_load_member (MdClient  *client,
                     gint64     customer_id,
                     GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_client_load_member_async (client, customer_id, NULL, md_test_async_done, &result);
  return md_client_load_member_finish (client, md_test_wait_for_result (&result), error);
}

MdAmendment *
md_test_submit (MdClient    *client,
                gint64       customer_id,
                MdRecord    *current,
                MdRecord    *draft,
                const char  *signature,
                GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_client_submit_async (client, customer_id, current, draft, signature, NULL,
                          md_test_async_done, &result);
  return md_client_submit_finish (client, md_test_wait_for_result (&result), error);
}

gboolean
md_test_withdraw (MdClient  *client,
                  gint64     customer_id,
                  gint64     amendment_id,
                  GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_client_withdraw_async (client, customer_id, amendment_id, NULL, md_test_async_done,
                            &result);
  return md_client_withdraw_finish (client, md_test_wait_for_result (&result), error);
}

gboolean
md_test_check_key (MdClient  *client,
                   GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_client_check_key_async (client, NULL, md_test_async_done, &result);
  return md_client_check_key_finish (client, md_test_wait_for_result (&result), error);
}

/* Loopback servers */

char *
md_test_listen (SoupServer              *server,
                SoupServerListenOptions  options)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *url;

  g_assert_true (soup_server_listen_local (server, 0, options | SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  url = g_strdup_printf ("%s://127.0.0.1:%d",
                         (options & SOUP_SERVER_LISTEN_HTTPS) != 0 ? "https" : "http",
                         g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return url;
}

static void
hook_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  MdTestHooks *hooks = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  g_ptr_array_add (hooks->methods, g_strdup (soup_server_message_get_method (msg)));
  g_ptr_array_add (hooks->keys, g_strdup (soup_message_headers_get_one (headers, "x-api-key")));
  g_ptr_array_add (hooks->bodies,
                   soup_message_body_flatten (soup_server_message_get_request_body (msg)));

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

MdTestHooks *
md_test_hooks_new (void)
{
  MdTestHooks *hooks = g_new0 (MdTestHooks, 1);
  g_autofree char *base_url = NULL;

  hooks->methods = g_ptr_array_new_with_free_func (g_free);
  hooks->keys = g_ptr_array_new_with_free_func (g_free);
  hooks->bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  hooks->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (hooks->server, "/hook", hook_cb, hooks, NULL);
  base_url = md_test_listen (hooks->server, 0);
  hooks->url = g_strconcat (base_url, "/hook", NULL);

  return hooks;
}

void
md_test_hooks_free (MdTestHooks *hooks)
{
  soup_server_disconnect (hooks->server);
  g_object_unref (hooks->server);
  g_ptr_array_unref (hooks->methods);
  g_ptr_array_unref (hooks->keys);
  g_ptr_array_unref (hooks->bodies);
  g_free (hooks->url);
  g_free (hooks);
}

typedef struct
{
  MdTestHooks *hooks;
  guint        count;
} HooksWait;

static gboolean
hooks_arrived (gpointer data)
{
  HooksWait *wait = data;

  return wait->hooks->bodies->len >= wait->count;
}

void
md_test_hooks_wait (MdTestHooks *hooks,
                    guint        count)
{
  HooksWait wait = { hooks, count };

  g_assert_true (md_test_spin_until (hooks_arrived, &wait));
}

void
md_test_hooks_assert_event (MdTestHooks *hooks,
                            guint        index,
                            const char  *key,
                            gint64       customer_id)
{
  GBytes *body;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *event;
  JsonArray *payload;
  gsize length;
  const char *data;

  g_assert_cmpuint (index, <, hooks->bodies->len);
  g_assert_cmpstr (g_ptr_array_index (hooks->methods, index), ==, "POST");
  g_assert_cmpstr (g_ptr_array_index (hooks->keys, index), ==, key);

  body = g_ptr_array_index (hooks->bodies, index);
  data = g_bytes_get_data (body, &length);
  object = md_test_parse_object (data, length);

  g_assert_cmpint (json_object_get_int_member (object, "entityId"), ==, customer_id);
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (object, "uuid")));

  payload = json_object_get_array_member (object, "payload");
  g_assert_cmpuint (json_array_get_length (payload), ==, 1);
  event = json_array_get_object_element (payload, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "CUSTOMER_UPDATED");
  /* Milliseconds, not seconds: later than 2020 in either reading. */
  g_assert_cmpint (json_object_get_int_member (event, "timestamp"), >,
                   G_GINT64_CONSTANT (1577836800000));
  g_assert_cmpint (json_object_get_int_member (event, "timestamp"), <=,
                   g_get_real_time () / 1000);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (event, "content")));
}

/* Plain HTTP */

SoupSession *
md_test_session_new (void)
{
  /* No proxy from the environment: everything stays on loopback. */
  return soup_session_new_with_options ("proxy-resolver", NULL, NULL);
}

SoupMessage *
md_test_message_new (const char *method,
                     const char *base_url,
                     const char *path,
                     const char *key,
                     const char *body)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  g_assert_nonnull (msg);

  if (key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "x-api-key", key);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  return msg;
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  MdTestSending *sending = user_data;

  sending->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                      &sending->error);
  sending->done = TRUE;
}

void
md_test_send_begin (SoupSession   *session,
                    SoupMessage   *msg,
                    GCancellable  *cancellable,
                    MdTestSending *sending)
{
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    send_cb, sending);
}

MdTestResponse *
md_test_send (SoupSession *session,
              SoupMessage *msg)
{
  MdTestSending sending = { FALSE, NULL, NULL };
  MdTestResponse *response = g_new0 (MdTestResponse, 1);
  const char *content_type;

  md_test_send_begin (session, msg, NULL, &sending);
  md_test_spin_until_set (&sending.done);
  g_assert_no_error (sending.error);

  response->status = soup_message_get_status (msg);
  response->body = sending.bytes;
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  content_type = soup_message_headers_get_content_type (response->headers, NULL);
  if (g_strcmp0 (content_type, "application/json") == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize length;
      const char *data = g_bytes_get_data (response->body, &length);

      if (json_parser_load_from_data (parser, data, length, NULL))
        response->json = json_node_ref (json_parser_get_root (parser));
    }

  return response;
}

void
md_test_response_free (MdTestResponse *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}

JsonObject *
md_test_response_get_object (MdTestResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));

  return json_node_get_object (response->json);
}

void
md_test_assert_json_type (MdTestResponse *response)
{
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL),
                   ==, "application/json");
}

/* The demo backend */

static const MdTestSeedMember seed_members[] = {
  { 1001, { MD_AMENDMENT_MODE_INSTANT, MD_AMENDMENT_MODE_INSTANT,
            MD_AMENDMENT_MODE_INSTANT, MD_AMENDMENT_MODE_INSTANT }, FALSE },
  { 1002, { MD_AMENDMENT_MODE_REVIEWED, MD_AMENDMENT_MODE_REVIEWED,
            MD_AMENDMENT_MODE_REVIEWED, MD_AMENDMENT_MODE_REVIEWED }, TRUE },
  { 1003, { MD_AMENDMENT_MODE_INSTANT, MD_AMENDMENT_MODE_REVIEWED,
            MD_AMENDMENT_MODE_READ, MD_AMENDMENT_MODE_REVIEWED }, TRUE },
  { 1004, { MD_AMENDMENT_MODE_READ, MD_AMENDMENT_MODE_READ,
            MD_AMENDMENT_MODE_READ, MD_AMENDMENT_MODE_READ }, FALSE },
};

const MdTestSeedMember *
md_test_get_seed_members (guint *n_members)
{
  *n_members = G_N_ELEMENTS (seed_members);

  return seed_members;
}

/* JSON and GObject */

JsonObject *
md_test_parse_object (const char *text,
                      gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, length, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

MdSnapshot *
md_test_parse_snapshot (MdDomain    domain,
                        const char *text,
                        gssize      length)
{
  g_autoptr(GError) error = NULL;
  MdSnapshot *snapshot;

  snapshot = md_json_parse_snapshot (domain, text, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  return snapshot;
}

void
md_test_count_notify (GObject    *object,
                      GParamSpec *pspec,
                      guint      *counter)
{
  (*counter)++;
}

/* Webhooks */

char *
md_test_webhook_body (gint64      customer_id,
                      const char *uuid,
                      const char *type)
{
  return g_strdup_printf ("{\"entityId\":%" G_GINT64_FORMAT ",\"uuid\":\"%s\",\"payload\":"
                          "[{\"timestamp\":1767225600000,\"type\":\"%s\",\"content\":{}}]}",
                          customer_id, uuid, type);
}

typedef struct
{
  SoupSession *session;
  const char  *base_url;
  const char  *key;
  const char  *prefix;
  gint64       customer_id;
  guint        total;
  guint        in_flight;
  guint        started;
  guint        finished;
  guint        n_ok;
} Flood;

static void flood_next (Flood *flood);

static void
flood_sent_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SoupMessage) msg = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Flood *flood = g_object_get_data (G_OBJECT (msg), "flood");

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) == SOUP_STATUS_OK)
    flood->n_ok++;
  flood->finished++;

  flood_next (flood);
}

static void
flood_next (Flood *flood)
{
  while (flood->started < flood->total &&
         flood->started - flood->finished < flood->in_flight)
    {
      g_autofree char *uuid = g_strdup_printf ("%s-%u", flood->prefix, flood->started);
      g_autofree char *body = md_test_webhook_body (flood->customer_id, uuid, "CUSTOMER_UPDATED");
      SoupMessage *msg = md_test_message_new (SOUP_METHOD_POST, flood->base_url, MD_WEBHOOK_PATH,
                                              flood->key, body);

      g_object_set_data (G_OBJECT (msg), "flood", flood);
      flood->started++;
      soup_session_send_and_read_async (flood->session, msg, G_PRIORITY_DEFAULT, NULL,
                                        flood_sent_cb, msg);
    }
}

static gboolean
flood_finished (gpointer data)
{
  Flood *flood = data;

  return flood->finished == flood->total;
}

guint
md_test_webhook_flood (const char *base_url,
                       const char *key,
                       gint64      customer_id,
                       const char *prefix,
                       guint       total,
                       guint       in_flight)
{
  g_autoptr(SoupSession) session = NULL;
  Flood flood = { NULL, base_url, key, prefix, customer_id, total, in_flight, 0, 0, 0 };

  session = soup_session_new_with_options ("proxy-resolver", NULL,
                                           "max-conns", in_flight,
                                           "max-conns-per-host", in_flight,
                                           NULL);
  flood.session = session;
  flood_next (&flood);
  g_assert_true (md_test_spin_until (flood_finished, &flood));

  return flood.n_ok;
}

/* A request read off a raw socket, for servers that misbehave on purpose */

static char *
header_value (const char *head,
              const char *name)
{
  g_auto(GStrv) lines = g_strsplit (head, "\r\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');

      if (colon != NULL &&
          (gsize) (colon - lines[i]) == strlen (name) &&
          g_ascii_strncasecmp (lines[i], name, strlen (name)) == 0)
        return g_strstrip (g_strdup (colon + 1));
    }

  return NULL;
}

/* Reads the request head and body; NULL when the client went away. */
MdTestRawRequest *
md_test_read_raw_request (GInputStream *input)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autofree char *length_value = NULL;
  g_auto(GStrv) request_line = NULL;
  MdTestRawRequest *seen;
  char buffer[4096];
  const char *end;
  gsize head_length;
  guint64 body_length = 0;

  while ((end = strstr (data->str, "\r\n\r\n")) == NULL)
    {
      gssize n = g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0 || data->len > 65536)
        return NULL;
      g_string_append_len (data, buffer, n);
    }

  head_length = end - data->str + 4;
  length_value = header_value (data->str, "Content-Length");
  if (length_value != NULL)
    g_ascii_string_to_unsigned (length_value, 10, 0, 1024 * 1024, &body_length, NULL);

  while (data->len < head_length + body_length)
    {
      gssize n = g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return NULL;
      g_string_append_len (data, buffer, n);
    }

  request_line = g_strsplit (data->str, " ", 3);
  if (g_strv_length (request_line) < 3)
    return NULL;

  seen = g_new0 (MdTestRawRequest, 1);
  seen->method = g_strdup (request_line[0]);
  seen->path = g_strdup (request_line[1]);
  seen->api_key = header_value (data->str, "x-api-key");
  seen->accept = header_value (data->str, "Accept");
  seen->accept_language = header_value (data->str, "Accept-Language");
  seen->body = g_strndup (data->str + head_length, body_length);

  return seen;
}

void
md_test_raw_request_free (MdTestRawRequest *seen)
{
  g_free (seen->method);
  g_free (seen->path);
  g_free (seen->api_key);
  g_free (seen->accept);
  g_free (seen->accept_language);
  g_free (seen->body);
  g_free (seen);
}

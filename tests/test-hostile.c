/* test-hostile.c: the API client against a server that answers badly
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <libsoup/soup.h>

#include "md-client.h"
#include "md-error.h"
#include "md-test-utils.h"

#define SERVER_IO_SECONDS   15
#define HUGE_SIZE           (50 * 1024 * 1024)
#define RESPONSE_CAP        (2 * 1024 * 1024)
#define CUSTOMER            1001

/* A raw HTTP/1.1 server, one request per connection, each handled in a
 * thread with blocking I/O so that it can misbehave byte by byte. */

typedef enum
{
  REPLY_NORMAL,
  REPLY_STALL_MID_BODY,   /* half the body, then nothing until the client gives up */
  REPLY_CLOSE_MID_BODY,   /* half the body, then the connection closes */
  REPLY_NO_ANSWER,        /* reads the request, closes without a status line */
  REPLY_SILENT,           /* reads the request, then says nothing at all */
  REPLY_TRICKLE,          /* one byte of body every 200 ms, forever */
  REPLY_HUGE,             /* HUGE_SIZE bytes of body */
} ReplyKind;

typedef struct
{
  ReplyKind   kind;
  guint       status;
  const char *content_type;
  const char *body;
  const char *extra_headers;  /* whole "Name: value\r\n" lines */
  gboolean    chunked;
} Reply;

typedef struct
{
  GMutex          mutex;
  GCond           cond;
  GSocketService *service;
  guint16         port;

  const Reply    *replies;
  guint           n_replies;
  guint           next_reply;

  GPtrArray      *seen;
  guint           active;
  guint64         huge_written;
  gboolean        huge_write_failed;
  gboolean        stall_ended;
} Hostile;

static const Reply *
hostile_take_reply (Hostile *hostile)
{
  const Reply *reply;

  g_mutex_lock (&hostile->mutex);
  reply = &hostile->replies[MIN (hostile->next_reply, hostile->n_replies - 1)];
  hostile->next_reply++;
  g_mutex_unlock (&hostile->mutex);

  return reply;
}

static gboolean
write_head (GOutputStream *output,
            const Reply   *reply,
            gsize          content_length)
{
  g_autoptr(GString) head = g_string_new (NULL);

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", reply->status,
                          soup_status_get_phrase (reply->status));
  g_string_append_printf (head, "Content-Type: %s\r\n",
                          reply->content_type != NULL ? reply->content_type : "application/json");
  if (reply->chunked)
    g_string_append (head, "Transfer-Encoding: chunked\r\n");
  else
    g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\n", content_length);
  g_string_append (head, "Connection: close\r\n");
  if (reply->extra_headers != NULL)
    g_string_append (head, reply->extra_headers);
  g_string_append (head, "\r\n");

  return g_output_stream_write_all (output, head->str, head->len, NULL, NULL, NULL);
}

static gboolean
write_body_part (GOutputStream *output,
                 const Reply   *reply,
                 const char    *data,
                 gsize          length)
{
  if (reply->chunked)
    {
      g_autofree char *size_line = g_strdup_printf ("%" G_GSIZE_MODIFIER "x\r\n", length);

      return g_output_stream_write_all (output, size_line, strlen (size_line), NULL, NULL, NULL) &&
             g_output_stream_write_all (output, data, length, NULL, NULL, NULL) &&
             g_output_stream_write_all (output, "\r\n", 2, NULL, NULL, NULL);
    }

  return g_output_stream_write_all (output, data, length, NULL, NULL, NULL);
}

static void
write_huge (Hostile       *hostile,
            GOutputStream *output,
            const Reply   *reply)
{
  g_autofree char *chunk = g_malloc (65536);
  guint64 written = 0;
  gboolean failed = FALSE;

  memset (chunk, ' ', 65536);
  memcpy (chunk, "{\"email\":\"", 10);
  memset (chunk + 10, 'a', 65536 - 10);

  if (!write_head (output, reply, HUGE_SIZE))
    failed = TRUE;

  while (!failed && written < HUGE_SIZE)
    {
      if (!write_body_part (output, reply, chunk, 65536))
        failed = TRUE;
      else
        written += 65536;

      if (written == 65536)
        memset (chunk, 'a', 65536);
    }

  g_mutex_lock (&hostile->mutex);
  hostile->huge_written = written;
  hostile->huge_write_failed = failed;
  g_cond_broadcast (&hostile->cond);
  g_mutex_unlock (&hostile->mutex);
}

/* Waits until the client closes its end, bounded by the socket timeout. */
static void
wait_for_client_close (Hostile           *hostile,
                       GSocketConnection *connection)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  g_autoptr(GError) error = NULL;
  char buffer[256];
  gssize n;

  do
    n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);
  while (n > 0);

  g_mutex_lock (&hostile->mutex);
  hostile->stall_ended = n == 0 || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_cond_broadcast (&hostile->cond);
  g_mutex_unlock (&hostile->mutex);
}

/* Keeps the connection busy enough that an I/O timeout never fires. */
static void
trickle (Hostile           *hostile,
         GSocketConnection *connection,
         GOutputStream     *output)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  gboolean client_closed = FALSE;

  for (guint i = 0; i < SERVER_IO_SECONDS * 5; i++)
    {
      if (g_socket_condition_timed_wait (socket, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                         200 * G_TIME_SPAN_MILLISECOND, NULL, NULL))
        {
          client_closed = TRUE;
          break;
        }

      if (!g_output_stream_write_all (output, " ", 1, NULL, NULL, NULL) ||
          !g_output_stream_flush (output, NULL, NULL))
        {
          client_closed = TRUE;
          break;
        }
    }

  g_mutex_lock (&hostile->mutex);
  hostile->stall_ended = client_closed;
  g_cond_broadcast (&hostile->cond);
  g_mutex_unlock (&hostile->mutex);
}

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source_object,
        gpointer                user_data)
{
  Hostile *hostile = user_data;
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  MdTestRawRequest *seen;
  const Reply *reply;
  gsize length;

  g_socket_set_timeout (g_socket_connection_get_socket (connection), SERVER_IO_SECONDS);

  g_mutex_lock (&hostile->mutex);
  hostile->active++;
  g_mutex_unlock (&hostile->mutex);

  seen = md_test_read_raw_request (input);
  if (seen == NULL)
    goto out;

  g_mutex_lock (&hostile->mutex);
  g_ptr_array_add (hostile->seen, seen);
  g_cond_broadcast (&hostile->cond);
  g_mutex_unlock (&hostile->mutex);

  reply = hostile_take_reply (hostile);
  length = reply->body != NULL ? strlen (reply->body) : 0;

  switch (reply->kind)
    {
    case REPLY_NORMAL:
      if (write_head (output, reply, length) && g_strcmp0 (seen->method, "HEAD") != 0 && length > 0)
        write_body_part (output, reply, reply->body, length);
      if (reply->chunked)
        g_output_stream_write_all (output, "0\r\n\r\n", 5, NULL, NULL, NULL);
      break;

    case REPLY_STALL_MID_BODY:
      if (write_head (output, reply, length))
        write_body_part (output, reply, reply->body, length / 2);
      g_output_stream_flush (output, NULL, NULL);
      wait_for_client_close (hostile, connection);
      break;

    case REPLY_CLOSE_MID_BODY:
      if (write_head (output, reply, length))
        write_body_part (output, reply, reply->body, length / 2);
      break;

    case REPLY_NO_ANSWER:
      break;

    case REPLY_SILENT:
      wait_for_client_close (hostile, connection);
      break;

    case REPLY_TRICKLE:
      if (write_head (output, reply, 1024 * 1024))
        trickle (hostile, connection, output);
      break;

    case REPLY_HUGE:
      write_huge (hostile, output, reply);
      break;

    default:
      g_assert_not_reached ();
    }

out:
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  g_mutex_lock (&hostile->mutex);
  hostile->active--;
  g_cond_broadcast (&hostile->cond);
  g_mutex_unlock (&hostile->mutex);

  return TRUE;
}

static Hostile *
hostile_new (const Reply *replies,
             guint        n_replies)
{
  Hostile *hostile = g_new0 (Hostile, 1);
  g_autoptr(GError) error = NULL;

  g_mutex_init (&hostile->mutex);
  g_cond_init (&hostile->cond);
  hostile->replies = replies;
  hostile->n_replies = n_replies;
  hostile->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) md_test_raw_request_free);

  hostile->service = g_threaded_socket_service_new (16);
  g_signal_connect (hostile->service, "run", G_CALLBACK (on_run), hostile);
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) effective = NULL;

    g_socket_listener_add_address (G_SOCKET_LISTENER (hostile->service), address,
                                   G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                   NULL, &effective, &error);
    g_assert_no_error (error);
    hostile->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  }
  g_socket_service_start (hostile->service);

  return hostile;
}

static gboolean
hostile_is_idle (gpointer data)
{
  Hostile *hostile = data;
  gboolean idle;

  g_mutex_lock (&hostile->mutex);
  idle = hostile->active == 0;
  g_mutex_unlock (&hostile->mutex);

  return idle;
}

static void
hostile_stop (Hostile *hostile)
{
  g_socket_service_stop (hostile->service);
  g_socket_listener_close (G_SOCKET_LISTENER (hostile->service));

  /* Handler threads use @hostile: let them end first. The main context
   * keeps running meanwhile, as libsoup closes connections from it. */
  if (!md_test_spin_until (hostile_is_idle, hostile))
    g_error ("a server thread did not end");
}

static void
hostile_free (Hostile *hostile)
{
  hostile_stop (hostile);

  g_object_unref (hostile->service);
  g_ptr_array_unref (hostile->seen);
  g_mutex_clear (&hostile->mutex);
  g_cond_clear (&hostile->cond);
  g_free (hostile);
}

static guint
hostile_count (Hostile    *hostile,
               const char *method)
{
  guint count = 0;

  g_mutex_lock (&hostile->mutex);
  for (guint i = 0; i < hostile->seen->len; i++)
    {
      MdTestRawRequest *seen = g_ptr_array_index (hostile->seen, i);

      if (method == NULL || g_str_equal (seen->method, method))
        count++;
    }
  g_mutex_unlock (&hostile->mutex);

  return count;
}

static char *
hostile_url (Hostile *hostile)
{
  return g_strdup_printf ("http://127.0.0.1:%u", hostile->port);
}

static MdClient *
hostile_client (Hostile *hostile)
{
  g_autofree char *url = hostile_url (hostile);
  g_autoptr(GError) error = NULL;
  MdClient *client;

  client = md_client_new (url, "hostile-key", &error);
  g_assert_no_error (error);
  md_client_set_timeout (client, 10);
  md_client_set_retry_policy (client, 3, 10);

  return client;
}

static MdSnapshot *
get_domain (MdClient  *client,
            MdDomain   domain,
            GError   **error)
{
  return md_test_get_domain (client, CUSTOMER, domain, error);
}

static MdAmendment *
submit_contact (MdClient  *client,
                GError   **error)
{
  g_autoptr(MdRecord) current = md_record_new (MD_DOMAIN_CONTACT);
  g_autoptr(MdRecord) draft = NULL;

  md_record_set (current, "email", "lena.hoffmann@example.org");
  draft = md_record_copy (current);
  md_record_set (draft, "email", "lena.berger@example.org");

  return md_test_submit (client, CUSTOMER, current, draft, NULL, error);
}

typedef enum
{
  OP_GET,
  OP_POST,
  OP_DELETE,
  N_OPS
} Op;

static const char * const op_methods[] = { "GET", "POST", "DELETE" };

/* Runs @op to its end; returns the error and says in @out_succeeded
 * whether the call reported success, which must be exactly when there
 * is no error. */
static GError *
perform (MdClient *client,
         Op        op,
         gboolean *out_succeeded)
{
  GError *error = NULL;
  gboolean succeeded;

  switch (op)
    {
    case OP_GET:
      {
        g_autoptr(MdSnapshot) snapshot = get_domain (client, MD_DOMAIN_CONTACT, &error);

        succeeded = snapshot != NULL;
      }
      break;

    case OP_POST:
      {
        g_autoptr(MdAmendment) amendment = submit_contact (client, &error);

        succeeded = amendment != NULL;
      }
      break;

    case OP_DELETE:
      succeeded = md_test_withdraw (client, CUSTOMER, 77, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  g_assert_true (succeeded == (error == NULL));
  if (out_succeeded != NULL)
    *out_succeeded = succeeded;

  return error;
}

typedef struct
{
  guint    requests;       /* of the operation's method */
  gboolean client_closed;  /* a stalling server saw the client hang up */
} RunInfo;

/* Runs @op against a fresh server answering @replies; returns the error. */
static GError *
run_op (Op           op,
        const Reply *replies,
        guint        n_replies,
        guint        timeout_seconds,
        RunInfo     *info)
{
  Hostile *hostile = hostile_new (replies, n_replies);
  g_autoptr(MdClient) client = hostile_client (hostile);
  GError *error = NULL;

  if (timeout_seconds > 0)
    md_client_set_timeout (client, timeout_seconds);

  error = perform (client, op, NULL);

  /* The client stays alive: it must let go of a broken connection by
   * itself, not only when it is destroyed. */
  hostile_stop (hostile);
  if (info != NULL)
    {
      info->requests = hostile_count (hostile, op_methods[op]);
      info->client_closed = hostile->stall_ended;
    }

  g_clear_object (&client);
  hostile_free (hostile);

  return error;
}

/* Tolerated oddities of a 200 */

static void
test_unknown_fields (void)
{
  static const Reply get_reply[] = {
    { REPLY_NORMAL, 200, NULL,
      "{\"email\":\"lena@example.org\",\"favouriteColour\":\"teal\","
      "\"nested\":{\"a\":[1,2,3]},\"amendmentConfigurationStatus\":\"READ\","
      "\"futureFlag\":true}" },
  };
  static const Reply post_reply[] = {
    { REPLY_NORMAL, 200, NULL,
      "{\"id\":42,\"email\":\"lena.berger@example.org\",\"reviewer\":{\"x\":1}}" },
  };
  Hostile *hostile = hostile_new (get_reply, 1);
  g_autoptr(MdClient) client = hostile_client (hostile);
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(GError) error = NULL;
  MdRecord *values;

  snapshot = get_domain (client, MD_DOMAIN_CONTACT, &error);
  g_assert_no_error (error);
  values = md_snapshot_get_values (snapshot);
  g_assert_cmpstr (md_record_get (values, "email"), ==, "lena@example.org");
  g_assert_cmpint (md_snapshot_get_mode (snapshot), ==, MD_AMENDMENT_MODE_READ);
  /* Kept, so that a whole-object write does not drop them. */
  g_assert_true (json_object_has_member (md_record_get_extra (values), "favouriteColour"));
  g_assert_true (json_object_has_member (md_record_get_extra (values), "nested"));

  g_clear_object (&client);
  hostile_free (hostile);

  hostile = hostile_new (post_reply, 1);
  client = hostile_client (hostile);
  amendment = submit_contact (client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (md_amendment_get_id (amendment), ==, 42);
  g_assert_cmpstr (md_record_get (md_amendment_get_values (amendment), "email"), ==,
                   "lena.berger@example.org");

  g_clear_object (&client);
  hostile_free (hostile);
}

static void
test_missing_and_null_fields (void)
{
  static const Reply replies[] = {
    { REPLY_NORMAL, 200, NULL,
      "{\"amendmentConfigurationStatus\":\"CHANGES_WITHOUT_VERIFICATION\"}" },
    { REPLY_NORMAL, 200, NULL,
      "{\"email\":null,\"phonePrivate\":null,\"phonePrivateMobile\":\"+49 151 2345678\","
      "\"amendmentConfigurationStatus\":\"CHANGES_REQUIRE_VERIFICATION\","
      "\"pendingAmendment\":null}" },
    { REPLY_NORMAL, 200, NULL,
      "{\"accountHolder\":\"Lena Hoffmann\",\"iban\":null,\"bic\":null,\"bankName\":null,"
      "\"amendmentConfigurationStatus\":\"READ\"}" },
  };
  Hostile *hostile = hostile_new (replies, G_N_ELEMENTS (replies));
  g_autoptr(MdClient) client = hostile_client (hostile);
  g_autoptr(MdSnapshot) first = NULL;
  g_autoptr(MdSnapshot) second = NULL;
  g_autoptr(MdSnapshot) third = NULL;
  g_autoptr(GError) error = NULL;

  first = get_domain (client, MD_DOMAIN_CONTACT, &error);
  g_assert_no_error (error);
  g_assert_null (md_record_get (md_snapshot_get_values (first), "email"));
  g_assert_null (md_snapshot_get_pending (first));
  g_assert_cmpint (md_snapshot_get_mode (first), ==, MD_AMENDMENT_MODE_INSTANT);

  second = get_domain (client, MD_DOMAIN_CONTACT, &error);
  g_assert_no_error (error);
  g_assert_null (md_record_get (md_snapshot_get_values (second), "email"));
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (second), "phonePrivateMobile"), ==,
                   "+49 151 2345678");
  g_assert_null (md_snapshot_get_pending (second));
  g_assert_cmpint (md_snapshot_get_mode (second), ==, MD_AMENDMENT_MODE_REVIEWED);

  /* requireSignature missing: the payment page must not assume one. */
  third = get_domain (client, MD_DOMAIN_PAYMENT, &error);
  g_assert_no_error (error);
  g_assert_null (md_record_get (md_snapshot_get_values (third), "iban"));
  g_assert_false (md_snapshot_get_require_signature (third));

  g_clear_object (&client);
  hostile_free (hostile);
}

static void
test_unknown_status (void)
{
  static const Reply replies[] = {
    { REPLY_NORMAL, 200, NULL,
      "{\"email\":\"lena@example.org\","
      "\"amendmentConfigurationStatus\":\"CHANGES_BY_CARRIER_PIGEON\"}" },
    { REPLY_NORMAL, 200, NULL, "{\"email\":\"lena@example.org\"}" },
    { REPLY_NORMAL, 200, NULL,
      "{\"email\":\"lena@example.org\",\"amendmentConfigurationStatus\":17}" },
  };
  Hostile *hostile = hostile_new (replies, G_N_ELEMENTS (replies));
  g_autoptr(MdClient) client = hostile_client (hostile);

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(MdSnapshot) snapshot = NULL;
      g_autoptr(GError) error = NULL;

      snapshot = get_domain (client, MD_DOMAIN_CONTACT, &error);
      g_assert_no_error (error);
      g_assert_cmpint (md_snapshot_get_mode (snapshot), ==, MD_AMENDMENT_MODE_UNKNOWN);
      g_assert_false (md_amendment_mode_is_editable (md_snapshot_get_mode (snapshot)));
      if (i == 0)
        g_assert_cmpstr (md_snapshot_get_mode_string (snapshot), ==, "CHANGES_BY_CARRIER_PIGEON");
    }

  g_clear_object (&client);
  hostile_free (hostile);
}

static void
test_pending_id_only (void)
{
  static const Reply replies[] = {
    { REPLY_NORMAL, 200, NULL,
      "{\"street\":\"Lindenstraße\",\"zipCode\":\"10969\",\"city\":\"Berlin\","
      "\"countryCode\":\"DE\",\"amendmentConfigurationStatus\":\"CHANGES_REQUIRE_VERIFICATION\","
      "\"pendingAmendment\":{\"id\":1234567891}}" },
  };
  Hostile *hostile = hostile_new (replies, 1);
  g_autoptr(MdClient) client = hostile_client (hostile);
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  MdAmendment *pending;

  snapshot = get_domain (client, MD_DOMAIN_ADDRESS, &error);
  g_assert_no_error (error);
  pending = md_snapshot_get_pending (snapshot);
  g_assert_nonnull (pending);
  g_assert_cmpint (md_amendment_get_id (pending), ==, 1234567891);
  g_assert_null (md_amendment_get_values (pending));
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (snapshot), "city"), ==, "Berlin");

  g_clear_object (&client);
  hostile_free (hostile);
}

/* A 200 that is not the expected object */

static void
test_wrong_success_body (void)
{
  static const char * const bodies[] = {
    "[{\"email\":\"lena@example.org\"}]",
    "\"CHANGES_WITHOUT_VERIFICATION\"",
    "42",
    "{\"email\":[\"lena@example.org\"],\"amendmentConfigurationStatus\":\"READ\"}",
    "{\"email\":\"lena@example.org\",\"pendingAmendment\":\"soon\"}",
    "{\"email\":\"lena@example.org\",",
    "<html><body>Welcome to nginx!</body></html>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      Reply reply = { REPLY_NORMAL, 200, NULL, bodies[i] };
      g_autoptr(GError) get_error = run_op (OP_GET, &reply, 1, 0, NULL);

      g_test_message ("GET with body %s", bodies[i]);
      g_assert_error (get_error, MD_API_ERROR, MD_API_ERROR_MALFORMED_RESPONSE);
    }

  /* A POST answer must be an amendment (an empty one means accepted). */
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      Reply reply = { REPLY_NORMAL, 200, NULL, bodies[i] };
      g_autoptr(GError) post_error = NULL;

      /* An amendment does not carry a pendingAmendment: ignored there. */
      if (i == 4)
        continue;

      g_test_message ("POST with body %s", bodies[i]);
      post_error = run_op (OP_POST, &reply, 1, 0, NULL);
      g_assert_error (post_error, MD_API_ERROR, MD_API_ERROR_MALFORMED_RESPONSE);
    }

  /* DELETE's answer has no body to speak of: whatever comes, 200 is done. */
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      Reply reply = { REPLY_NORMAL, 200, NULL, bodies[i] };
      g_autoptr(GError) delete_error = run_op (OP_DELETE, &reply, 1, 0, NULL);

      g_assert_no_error (delete_error);
    }
}

static void
test_empty_success_body (void)
{
  static const Reply reply = { REPLY_NORMAL, 200, NULL, "" };
  Hostile *hostile = hostile_new (&reply, 1);
  g_autoptr(MdClient) client = hostile_client (hostile);
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = get_domain (client, MD_DOMAIN_CONTACT, &error);
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_MALFORMED_RESPONSE);
  g_assert_null (snapshot);
  g_clear_error (&error);

  /* Not documented either way for an instant change: accepted, no id. */
  amendment = submit_contact (client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (md_amendment_get_id (amendment), ==, 0);
  g_assert_null (md_amendment_get_values (amendment));

  g_assert_true (md_test_withdraw (client, CUSTOMER, 77, &error));
  g_assert_no_error (error);

  g_clear_object (&client);
  hostile_free (hostile);
}

/* Error statuses with bodies that are not an ErrorResponse */

static const struct
{
  guint      status;
  MdApiError code;
} status_codes[] = {
  { 400, MD_API_ERROR_VALIDATION },
  { 401, MD_API_ERROR_UNAUTHORIZED },
  { 403, MD_API_ERROR_FORBIDDEN },
  { 404, MD_API_ERROR_NOT_FOUND },
  { 409, MD_API_ERROR_CONFLICT },
  { 429, MD_API_ERROR_RATE_LIMITED },
  { 500, MD_API_ERROR_SERVER },
  { 502, MD_API_ERROR_SERVER },
  { 503, MD_API_ERROR_UNAVAILABLE },
  { 418, MD_API_ERROR_SERVER },
};

static void
check_error_bodies (const char *content_type,
                    const char *body)
{
  for (Op op = 0; op < N_OPS; op++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (status_codes); i++)
        {
          Reply reply = { REPLY_NORMAL, status_codes[i].status, content_type, body };
          g_autoptr(GError) error = NULL;

          g_test_message ("%s answered %u", op_methods[op], status_codes[i].status);
          error = run_op (op, &reply, 1, 0, NULL);
          g_assert_error (error, MD_API_ERROR, (int) status_codes[i].code);
          g_assert_cmpuint (md_api_error_get_status (error), ==, status_codes[i].status);
          g_assert_null (md_api_error_get_server_message (error));
          g_assert_null (md_api_error_get_reference (error));
          /* Our own message, never raw markup. */
          g_assert_nonnull (error->message);
          g_assert_null (strchr (error->message, '<'));
        }
    }
}

static void
test_empty_error_body (void)
{
  check_error_bodies (NULL, "");
}

static void
test_non_json_error_body (void)
{
  check_error_bodies ("text/plain", "Internal Server Error: NullPointerException at line 42");
  check_error_bodies ("application/json", "{\"errorMessage\":");
  check_error_bodies ("application/json", "[\"errorMessage\"]");
}

static void
test_html_error_page (void)
{
  check_error_bodies ("text/html",
                      "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
                      "<body><center><h1>502 Bad Gateway</h1></center><hr>"
                      "<center>nginx</center></body></html>");
}

static void
test_error_body_carried (void)
{
  static const Reply reply = {
    REPLY_NORMAL, 400, NULL,
    "{\"errorMessage\":\"IBAN ungültig\",\"errorCode\":\"INVALID_IBAN\","
    "\"reference\":\"iban\",\"traceId\":\"abc-123\",\"args\":[],\"typedArgs\":{},"
    "\"somethingNew\":true}",
  };

  for (Op op = 0; op < N_OPS; op++)
    {
      g_autoptr(GError) error = run_op (op, &reply, 1, 0, NULL);

      g_assert_error (error, MD_API_ERROR, MD_API_ERROR_VALIDATION);
      g_assert_cmpstr (error->message, ==, "IBAN ungültig");
      g_assert_cmpstr (md_api_error_get_server_message (error), ==, "IBAN ungültig");
      g_assert_cmpstr (md_api_error_get_code (error), ==, "INVALID_IBAN");
      g_assert_cmpstr (md_api_error_get_reference (error), ==, "iban");
      g_assert_cmpstr (md_api_error_get_trace_id (error), ==, "abc-123");
      g_assert_cmpuint (md_api_error_get_status (error), ==, 400);
    }
}

/* A body of many megabytes: stop at the cap, and stop reading */

static gboolean
huge_write_ended (gpointer data)
{
  Hostile *hostile = data;
  gboolean ended;

  g_mutex_lock (&hostile->mutex);
  ended = hostile->huge_write_failed || hostile->huge_written >= HUGE_SIZE;
  g_mutex_unlock (&hostile->mutex);

  return ended;
}

static void
check_huge (Op         op,
            guint      status,
            gboolean   chunked,
            MdApiError expected)
{
  Reply reply = { REPLY_HUGE, status, NULL, NULL, NULL, chunked };
  Hostile *hostile = hostile_new (&reply, 1);
  g_autoptr(MdClient) client = hostile_client (hostile);
  g_autoptr(GError) error = NULL;
  gboolean succeeded;

  md_client_set_max_response_size (client, RESPONSE_CAP);
  md_client_set_retry_policy (client, 0, 10);

  error = perform (client, op, &succeeded);
  g_assert_false (succeeded);
  g_assert_error (error, MD_API_ERROR, (int) expected);
  g_assert_cmpuint (md_api_error_get_status (error), ==, status);

  /* The client is still alive: the server must see the connection end on
   * its own, long before it could write the whole body. */
  md_test_spin_until (huge_write_ended, hostile);

  g_mutex_lock (&hostile->mutex);
  g_test_message ("%s %u%s: server wrote %" G_GUINT64_FORMAT " bytes before the close",
                  op_methods[op], status, chunked ? " chunked" : "", hostile->huge_written);
  g_assert_true (hostile->huge_write_failed);
  g_assert_cmpuint (hostile->huge_written, <, HUGE_SIZE / 2);
  g_mutex_unlock (&hostile->mutex);

  g_clear_object (&client);
  hostile_free (hostile);
}

static void
test_huge_body (void)
{
  for (Op op = 0; op < N_OPS; op++)
    {
      /* DELETE ignores what a 200 says, but must not read 50 MB of it. */
      MdApiError success_error = MD_API_ERROR_TOO_LARGE;

      check_huge (op, 200, FALSE, success_error);
      check_huge (op, 200, TRUE, success_error);
      /* An error status stays that error; its oversized body is dropped. */
      check_huge (op, 500, TRUE, MD_API_ERROR_SERVER);
    }
}

/* Stalls and broken connections */

static const char stall_body[] =
  "{\"email\":\"lena@example.org\",\"phonePrivate\":\"+49 30 1234567\","
  "\"amendmentConfigurationStatus\":\"CHANGES_WITHOUT_VERIFICATION\"}";

/* Each of @replies, to each operation, must end in a timeout: one request,
 * and the client hangs up by itself. */
static void
check_timeouts (const Reply *replies,
                guint        n_replies)
{
  for (Op op = 0; op < N_OPS; op++)
    {
      for (guint i = 0; i < n_replies; i++)
        {
          RunInfo info = { 0 };
          g_autoptr(GError) error = run_op (op, &replies[i], 1, 1, &info);

          g_test_message ("%s, reply %u", op_methods[op], i);
          g_assert_error (error, MD_API_ERROR, MD_API_ERROR_TIMEOUT);
          g_assert_true (info.client_closed);
          /* A timed-out POST or DELETE is not sent again either. */
          g_assert_cmpuint (info.requests, ==, 1);
        }
    }
}

static void
test_stall_mid_body (void)
{
  static const Reply replies[] = {
    { REPLY_STALL_MID_BODY, 200, NULL, stall_body },
    { REPLY_STALL_MID_BODY, 200, NULL, stall_body, NULL, TRUE },
    { REPLY_STALL_MID_BODY, 404, NULL, "{\"errorMessage\":\"Customer not found\"}" },
  };

  check_timeouts (replies, G_N_ELEMENTS (replies));
}

static void
test_stall_before_headers (void)
{
  static const Reply reply = { REPLY_SILENT, 0 };

  check_timeouts (&reply, 1);
}

/* A server that trickles bytes defeats an I/O timeout; the deadline still
 * ends the request. */
static void
test_trickle (void)
{
  static const Reply reply = { REPLY_TRICKLE, 200 };

  check_timeouts (&reply, 1);
}

static void
test_close_mid_body (void)
{
  static const Reply plain = { REPLY_CLOSE_MID_BODY, 200, NULL, stall_body };
  static const Reply chunked = { REPLY_CLOSE_MID_BODY, 200, NULL, stall_body, NULL, TRUE };
  static const Reply error_status = {
    REPLY_CLOSE_MID_BODY, 409, NULL,
    "{\"errorMessage\":\"A change is pending\",\"errorCode\":\"PENDING\"}"
  };

  for (Op op = 0; op < N_OPS; op++)
    {
      g_autoptr(GError) plain_error = run_op (op, &plain, 1, 0, NULL);
      g_autoptr(GError) status_error = run_op (op, &error_status, 1, 0, NULL);
      g_autoptr(GError) chunked_error = NULL;

      /* Shorter than its Content-Length: a broken transfer, whatever it holds. */
      g_assert_error (plain_error, MD_API_ERROR, MD_API_ERROR_NETWORK);
      /* The same for an error status: its cut body is not an ErrorResponse. */
      g_assert_error (status_error, MD_API_ERROR, MD_API_ERROR_NETWORK);

      /* A cut chunked body cannot be told from a complete one once the
       * connection closes; what arrived must then fail to parse. DELETE
       * reads no body, so only its status counts there. */
      if (op == OP_DELETE)
        continue;

      chunked_error = run_op (op, &chunked, 1, 0, NULL);
      g_assert_nonnull (chunked_error);
      g_assert_true (chunked_error->domain == MD_API_ERROR);
      g_assert_true (chunked_error->code == MD_API_ERROR_NETWORK ||
                     chunked_error->code == MD_API_ERROR_MALFORMED_RESPONSE);
    }
}

static void
test_close_without_answer (void)
{
  static const Reply reply = { REPLY_NO_ANSWER, 0 };

  for (Op op = 0; op < N_OPS; op++)
    {
      RunInfo info = { 0 };
      g_autoptr(GError) error = run_op (op, &reply, 1, 0, &info);

      g_assert_error (error, MD_API_ERROR, MD_API_ERROR_NETWORK);
      /* Never sent twice behind the caller's back, whatever the method. */
      if (op != OP_GET)
        g_assert_cmpuint (info.requests, ==, 1);
    }
}

/* 429 and 503 bursts */

/* A GET answered by all of @replies in turn, the last one a success. */
static void
check_recovers (const Reply *replies,
                guint        n_replies)
{
  RunInfo info = { 0 };
  g_autoptr(GError) error = run_op (OP_GET, replies, n_replies, 0, &info);

  g_assert_no_error (error);
  g_assert_cmpuint (info.requests, ==, n_replies);
}

static void
test_retry_then_success (void)
{
  static const Reply replies[] = {
    { REPLY_NORMAL, 503, "text/html", "<html>busy</html>" },
    { REPLY_NORMAL, 429, NULL, "{\"errorMessage\":\"Too many requests\"}" },
    { REPLY_NORMAL, 503, NULL, "" },
    { REPLY_NORMAL, 200, NULL, stall_body },
  };

  check_recovers (replies, G_N_ELEMENTS (replies));
}

/* The key check is a read: it retries too, and a 401 is an answer. */
static void
test_retry_key_check (void)
{
  static const Reply replies[] = {
    { REPLY_NORMAL, 503, NULL, "" },
    { REPLY_NORMAL, 429, NULL, "" },
    { REPLY_NORMAL, 200, NULL, "" },
    { REPLY_NORMAL, 401, NULL, "" },
  };
  Hostile *hostile = hostile_new (replies, G_N_ELEMENTS (replies));
  g_autoptr(MdClient) client = hostile_client (hostile);
  g_autoptr(GError) error = NULL;
  MdTestRawRequest *seen;

  g_assert_true (md_test_check_key (client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hostile_count (hostile, "HEAD"), ==, 3);

  seen = g_ptr_array_index (hostile->seen, 0);
  g_assert_cmpstr (seen->path, ==, "/v1/customers/0/self-service/contact-data");
  g_assert_cmpstr (seen->api_key, ==, "hostile-key");

  g_assert_false (md_test_check_key (client, &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (hostile_count (hostile, "HEAD"), ==, 4);

  g_clear_object (&client);
  hostile_free (hostile);
}

static void
test_retry_exhausted (void)
{
  static const Reply rate_limited = { REPLY_NORMAL, 429, NULL,
                                      "{\"errorMessage\":\"Rate limit exceeded\","
                                      "\"errorCode\":\"TOO_MANY_REQUESTS\"}" };
  static const Reply unavailable = { REPLY_NORMAL, 503, NULL, "" };
  RunInfo info = { 0 };
  g_autoptr(GError) rate_error = run_op (OP_GET, &rate_limited, 1, 0, &info);
  g_autoptr(GError) unavailable_error = NULL;

  /* One try and three retries, then the last answer counts. */
  g_assert_error (rate_error, MD_API_ERROR, MD_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (info.requests, ==, 4);
  g_assert_cmpstr (md_api_error_get_server_message (rate_error), ==, "Rate limit exceeded");
  g_assert_cmpstr (md_api_error_get_code (rate_error), ==, "TOO_MANY_REQUESTS");

  unavailable_error = run_op (OP_GET, &unavailable, 1, 0, &info);
  g_assert_error (unavailable_error, MD_API_ERROR, MD_API_ERROR_UNAVAILABLE);
  g_assert_cmpuint (info.requests, ==, 4);
}

static void
test_no_retry_for_writes (void)
{
  static const Reply replies[] = {
    { REPLY_NORMAL, 503, NULL, "" },
    { REPLY_NORMAL, 200, NULL, "{\"id\":5}" },
  };
  static const Reply rate_limited[] = {
    { REPLY_NORMAL, 429, NULL, "" },
    { REPLY_NORMAL, 200, NULL, "" },
  };

  for (Op op = OP_POST; op < N_OPS; op++)
    {
      RunInfo info = { 0 };
      g_autoptr(GError) error = run_op (op, replies, G_N_ELEMENTS (replies), 0, &info);
      g_autoptr(GError) rate_error = NULL;

      g_assert_error (error, MD_API_ERROR, MD_API_ERROR_UNAVAILABLE);
      g_assert_cmpuint (info.requests, ==, 1);

      rate_error = run_op (op, rate_limited, G_N_ELEMENTS (rate_limited), 0, &info);
      g_assert_error (rate_error, MD_API_ERROR, MD_API_ERROR_RATE_LIMITED);
      g_assert_cmpuint (info.requests, ==, 1);
    }
}

static void
test_retry_after_header (void)
{
  static const Reply replies[] = {
    { REPLY_NORMAL, 429, NULL, "", "Retry-After: 0\r\n" },
    { REPLY_NORMAL, 503, NULL, "", "Retry-After: Thu, 01 Jan 1970 00:00:00 GMT\r\n" },
    { REPLY_NORMAL, 503, NULL, "", "Retry-After: soon\r\n" },
    { REPLY_NORMAL, 200, NULL, stall_body },
  };

  check_recovers (replies, G_N_ELEMENTS (replies));
}

static void
test_parse_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 2, 10, 0, 0);

  g_assert_cmpint (md_parse_retry_after (NULL, now), ==, -1);
  g_assert_cmpint (md_parse_retry_after ("", now), ==, -1);
  g_assert_cmpint (md_parse_retry_after ("soon", now), ==, -1);
  g_assert_cmpint (md_parse_retry_after ("-5", now), ==, -1);
  g_assert_cmpint (md_parse_retry_after ("0", now), ==, 0);
  g_assert_cmpint (md_parse_retry_after (" 7 ", now), ==, 7000);
  g_assert_cmpint (md_parse_retry_after ("3600", now), ==, 60000);
  g_assert_cmpint (md_parse_retry_after ("99999999999999999999999", now), ==, -1);
  g_assert_cmpint (md_parse_retry_after ("Mon, 02 Mar 2026 10:00:12 GMT", now), ==, 12000);
  g_assert_cmpint (md_parse_retry_after ("Mon, 02 Mar 2026 11:00:00 GMT", now), ==, 60000);
  g_assert_cmpint (md_parse_retry_after ("Sun, 01 Mar 2026 10:00:00 GMT", now), ==, 0);
}

/* Redirects are not followed: the key stays with the configured host */

static void
test_redirect_not_followed (void)
{
  static const Reply target_reply = { REPLY_NORMAL, 200, NULL, stall_body };
  Hostile *target = hostile_new (&target_reply, 1);
  g_autofree char *location = g_strdup_printf ("Location: http://localhost:%u/v1/customers/%d/"
                                               "self-service/contact-data\r\n",
                                               target->port, CUSTOMER);
  Reply redirects[] = {
    { REPLY_NORMAL, 301, "text/html", "<html>Moved</html>", location },
    { REPLY_NORMAL, 307, "text/html", "", location },
    { REPLY_NORMAL, 302, "text/html", "", location },
    { REPLY_NORMAL, 308, "text/html", "", location },
  };

  for (Op op = 0; op < N_OPS; op++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (redirects); i++)
        {
          g_autoptr(GError) error = run_op (op, &redirects[i], 1, 0, NULL);

          g_assert_error (error, MD_API_ERROR, MD_API_ERROR_SERVER);
          g_assert_cmpuint (md_api_error_get_status (error), ==, redirects[i].status);
        }
    }

  g_assert_cmpuint (hostile_count (target, NULL), ==, 0);
  hostile_free (target);
}

/* TLS failures fail closed */

/* A throwaway self-signed certificate for 127.0.0.1, made for this test
 * only: no client trusts it, which is the point. */
static const char untrusted_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBrzCCAVSgAwIBAgIUbvSq+dg0oeAKqYjfL778+KvjepgwCgYIKoZIzj0EAwIw\n"
  "IzEhMB8GA1UEAwwYbWVtYmVyLWRlc2staG9zdGlsZS10ZXN0MCAXDTI2MTEyNjE2\n"
  "MTUwM1oYDzIxMjYxMTAyMTYxNTAzWjAjMSEwHwYDVQQDDBhtZW1iZXItZGVzay1o\n"
  "b3N0aWxlLXRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQqcu9vqW70nGtV\n"
  "Va/Zg+2T6fVpdkwgvwstHbhosMtuGg0HM8Y1T6wtMWbzqyZspDlApZa6BMuT13/s\n"
  "/6g4iwb8o2QwYjAdBgNVHQ4EFgQUbL7K0mfM4WBcM3y4QNqkp1iD8hMwHwYDVR0j\n"
  "BBgwFoAUbL7K0mfM4WBcM3y4QNqkp1iD8hMwDwYDVR0TAQH/BAUwAwEB/zAPBgNV\n"
  "HREECDAGhwR/AAABMAoGCCqGSM49BAMCA0kAMEYCIQC0oUm86tVAjmAjotvMXNQU\n"
  "d6AArltVeH26wC5PqSX0qQIhANsS78QHwWbYK9iV43j0xuckowERJD1liXGwuJzr\n"
  "wV5P\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgBBcosOQKLgekTwLl\n"
  "6ILOpY6bY9F07TuQUQjZzts8JgahRANCAAQqcu9vqW70nGtVVa/Zg+2T6fVpdkwg\n"
  "vwstHbhosMtuGg0HM8Y1T6wtMWbzqyZspDlApZa6BMuT13/s/6g4iwb8\n"
  "-----END PRIVATE KEY-----\n";

static void
tls_server_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  guint *handled = user_data;

  (*handled)++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    stall_body, strlen (stall_body));
}

static void
test_untrusted_certificate (void)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(MdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint handled = 0;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking) installed");
      return;
    }

  certificate = g_tls_certificate_new_from_pem (untrusted_pem, -1, &error);
  g_assert_no_error (error);

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, tls_server_cb, &handled, NULL);
  url = md_test_listen (server, SOUP_SERVER_LISTEN_HTTPS);

  client = md_client_new (url, "hostile-key", &error);
  g_assert_no_error (error);
  md_client_set_timeout (client, 10);

  for (Op op = 0; op < N_OPS; op++)
    {
      gboolean succeeded;
      g_autoptr(GError) op_error = perform (client, op, &succeeded);

      g_assert_false (succeeded);
      g_assert_error (op_error, MD_API_ERROR, MD_API_ERROR_NETWORK);
      if (op == OP_GET)
        g_assert_nonnull (strstr (op_error->message, "certificate"));
    }

  /* Nothing, and so no key, got through. */
  g_assert_cmpuint (handled, ==, 0);

  soup_server_disconnect (server);
}

/* The key and headers go where they should, and only there */

static void
test_request_headers (void)
{
  static const Reply reply = { REPLY_NORMAL, 200, NULL, stall_body };
  Hostile *hostile = hostile_new (&reply, 1);
  g_autoptr(MdClient) client = hostile_client (hostile);
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  MdTestRawRequest *seen;

  md_client_set_accept_language (client, "de-DE, de;q=0.9, en;q=0.8");
  snapshot = get_domain (client, MD_DOMAIN_PAYMENT, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (hostile->seen->len, ==, 1);
  seen = g_ptr_array_index (hostile->seen, 0);
  g_assert_cmpstr (seen->method, ==, "GET");
  g_assert_cmpstr (seen->path, ==, "/v1/customers/1001/self-service/payment-data");
  g_assert_cmpstr (seen->api_key, ==, "hostile-key");
  g_assert_cmpstr (seen->accept, ==, "application/json");
  g_assert_cmpstr (seen->accept_language, ==, "de-DE, de;q=0.9, en;q=0.8");

  g_clear_object (&client);
  hostile_free (hostile);
}

int
main (int   argc,
      char *argv[])
{
  /* A client that hangs up makes the server threads write to a closed socket. */
  signal (SIGPIPE, SIG_IGN);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/success/unknown-fields", test_unknown_fields);
  g_test_add_func ("/hostile/success/missing-and-null-fields", test_missing_and_null_fields);
  g_test_add_func ("/hostile/success/unknown-status", test_unknown_status);
  g_test_add_func ("/hostile/success/pending-id-only", test_pending_id_only);
  g_test_add_func ("/hostile/success/wrong-body", test_wrong_success_body);
  g_test_add_func ("/hostile/success/empty-body", test_empty_success_body);
  g_test_add_func ("/hostile/error/empty-body", test_empty_error_body);
  g_test_add_func ("/hostile/error/non-json-body", test_non_json_error_body);
  g_test_add_func ("/hostile/error/html-page", test_html_error_page);
  g_test_add_func ("/hostile/error/body-carried", test_error_body_carried);
  g_test_add_func ("/hostile/size/huge-body", test_huge_body);
  g_test_add_func ("/hostile/connection/stall-mid-body", test_stall_mid_body);
  g_test_add_func ("/hostile/connection/stall-before-headers", test_stall_before_headers);
  g_test_add_func ("/hostile/connection/trickle", test_trickle);
  g_test_add_func ("/hostile/connection/close-mid-body", test_close_mid_body);
  g_test_add_func ("/hostile/connection/close-without-answer", test_close_without_answer);
  g_test_add_func ("/hostile/retry/then-success", test_retry_then_success);
  g_test_add_func ("/hostile/retry/exhausted", test_retry_exhausted);
  g_test_add_func ("/hostile/retry/key-check", test_retry_key_check);
  g_test_add_func ("/hostile/retry/never-for-writes", test_no_retry_for_writes);
  g_test_add_func ("/hostile/retry/retry-after", test_retry_after_header);
  g_test_add_func ("/hostile/retry/parse-retry-after", test_parse_retry_after);
  g_test_add_func ("/hostile/redirect/not-followed", test_redirect_not_followed);
  g_test_add_func ("/hostile/request/headers", test_request_headers);
  g_test_add_func ("/hostile/tls/untrusted-certificate", test_untrusted_certificate);

  return g_test_run ();
}

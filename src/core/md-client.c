/* md-client.c: the self-service API client
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "md-client"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "md-client.h"
#include "md-error.h"
#include "md-json.h"

#define DEFAULT_TIMEOUT_SECONDS    15
#define DEFAULT_MAX_RESPONSE_SIZE  (2 * 1024 * 1024)
#define DEFAULT_MAX_RETRIES        3
#define DEFAULT_FIRST_DELAY_MS     500
#define MAX_RETRY_DELAY_MS         (60 * 1000)
#define MAX_ERROR_BODY_SIZE        (64 * 1024)
#define READ_CHUNK_SIZE            16384
#define MAX_CONNS_PER_HOST         8
#define MAX_LANGUAGES              8
#define STATUS_TOO_MANY_REQUESTS   429

struct _MdClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *api_key;
  char        *accept_language;

  guint        timeout_seconds;
  gsize        max_response_size;
  guint        max_retries;
  guint        first_delay_ms;
};

G_DEFINE_FINAL_TYPE (MdClient, md_client, G_TYPE_OBJECT)

static void
md_client_finalize (GObject *object)
{
  MdClient *self = MD_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->accept_language, g_free);

  G_OBJECT_CLASS (md_client_parent_class)->finalize (object);
}

static void
md_client_class_init (MdClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = md_client_finalize;
}

static void
md_client_init (MdClient *self)
{
  self->timeout_seconds = DEFAULT_TIMEOUT_SECONDS;
  self->max_response_size = DEFAULT_MAX_RESPONSE_SIZE;
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->first_delay_ms = DEFAULT_FIRST_DELAY_MS;
}

gboolean
md_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize length;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  length = strlen (host);
  if (host[0] == '[' && length > 2 && host[length - 1] == ']')
    bare = g_strndup (host + 1, length - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* "de_DE.UTF-8@euro" -> "de-DE"; NULL for what is not a language tag. */
static char *
language_tag_from_locale (const char *name)
{
  g_autoptr(GString) tag = g_string_new (NULL);

  for (const char *p = name; *p != '\0' && *p != '.' && *p != '@'; p++)
    {
      if (*p == '_' || *p == '-')
        g_string_append_c (tag, '-');
      else if (g_ascii_isalnum (*p))
        g_string_append_c (tag, *p);
      else
        return NULL;
    }

  if (tag->len == 0 || tag->str[0] == '-' || tag->str[tag->len - 1] == '-')
    return NULL;

  if (g_ascii_strcasecmp (tag->str, "C") == 0 || g_ascii_strcasecmp (tag->str, "POSIX") == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&tag), FALSE);
}

static gboolean
tags_contain (GPtrArray  *tags,
              const char *tag)
{
  for (guint i = 0; i < tags->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (tags, i), tag) == 0)
        return TRUE;
    }

  return FALSE;
}

char *
md_accept_language_from_locale (const char * const *languages)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) header = g_string_new (NULL);

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      g_autofree char *tag = language_tag_from_locale (languages[i]);

      if (tag == NULL || tags_contain (tags, tag))
        continue;

      /* Leave room for the English fallback. */
      if (tags->len >= MAX_LANGUAGES - 1)
        break;

      g_ptr_array_add (tags, g_steal_pointer (&tag));
    }

  /* The server falls back to English for unknown languages anyway; saying
   * so keeps that choice ours. */
  if (!tags_contain (tags, "en"))
    g_ptr_array_add (tags, g_strdup ("en"));

  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);

      if (i == 0)
        g_string_append (header, tag);
      else
        g_string_append_printf (header, ", %s;q=0.%u", tag, 10 - i);
    }

  return g_string_free (g_steal_pointer (&header), FALSE);
}

gint64
md_parse_retry_after (const char *value,
                      GDateTime  *now)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *trimmed = NULL;
  guint64 seconds;
  GTimeSpan span;

  if (value == NULL)
    return -1;

  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed == '\0')
    return -1;

  if (g_ascii_isdigit (trimmed[0]))
    {
      if (!g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXUINT64, &seconds, NULL))
        return -1;

      return seconds >= MAX_RETRY_DELAY_MS / 1000 ? MAX_RETRY_DELAY_MS : (gint64) seconds * 1000;
    }

  when = soup_date_time_new_from_http_string (trimmed);
  if (when == NULL || now == NULL)
    return -1;

  span = g_date_time_difference (when, now) / G_TIME_SPAN_MILLISECOND;

  return CLAMP (span, 0, MAX_RETRY_DELAY_MS);
}

static gboolean
host_is_valid (const char *host)
{
  g_autofree char *ascii = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_hostname_is_ip_address (host))
    return TRUE;

  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL)
    return FALSE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static gboolean
api_key_is_valid (const char *api_key)
{
  for (const char *p = api_key; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p))
        return FALSE;
    }

  return TRUE;
}

MdClient *
md_client_new (const char  *base_url,
               const char  *api_key,
               GError     **error)
{
  g_autoptr(MdClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  const char *scheme;
  const char *host;
  gsize length;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (base_url == NULL ||
      (uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a web address"), base_url != NULL ? base_url : "");
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The studio address must start with https://"));
      return NULL;
    }

  if (!host_is_valid (host) ||
      g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a studio address"), base_url);
      return NULL;
    }

  /* The key travels in a header: never in clear text over the network. */
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !md_host_is_loopback (host))
    {
      g_propagate_error (error, md_api_error_new (MD_API_ERROR_INSECURE, 0,
                                                  NULL, NULL, NULL, NULL));
      return NULL;
    }

  if (api_key != NULL && !api_key_is_valid (api_key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The API key contains characters that are not allowed"));
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  length = strlen (path);
  while (length > 0 && path[length - 1] == '/')
    path[--length] = '\0';

  self = g_object_new (MD_TYPE_CLIENT, NULL);
  self->base_url = g_uri_join (G_URI_FLAGS_NONE,
                               g_ascii_strcasecmp (scheme, "https") == 0 ? "https" : "http",
                               NULL, host, g_uri_get_port (uri), path, NULL, NULL);
  /* No key is a key the server refuses: "Test connection" says so. */
  self->api_key = api_key != NULL && *api_key != '\0' ? g_strdup (api_key) : NULL;
  self->accept_language = md_accept_language_from_locale (g_get_language_names ());
  /* A proxy only where the system has one set up, and never for this
   * computer itself. */
  self->session = soup_session_new_with_options ("proxy-resolver",
                                                 md_host_is_loopback (host)
                                                 ? NULL : g_proxy_resolver_get_default (),
                                                 "max-conns-per-host", MAX_CONNS_PER_HOST,
                                                 "user-agent", "member-desk/" PACKAGE_VERSION,
                                                 "timeout", self->timeout_seconds,
                                                 NULL);

  return g_steal_pointer (&self);
}

const char *
md_client_get_base_url (MdClient *self)
{
  g_return_val_if_fail (MD_IS_CLIENT (self), NULL);

  return self->base_url;
}

/* 0 turns both the I/O timeout and the per-request deadline off. */
void
md_client_set_timeout (MdClient *self,
                       guint     seconds)
{
  g_return_if_fail (MD_IS_CLIENT (self));

  self->timeout_seconds = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
}

void
md_client_set_max_response_size (MdClient *self,
                                 gsize     bytes)
{
  g_return_if_fail (MD_IS_CLIENT (self));
  g_return_if_fail (bytes > 0);

  self->max_response_size = bytes;
}

void
md_client_set_retry_policy (MdClient *self,
                            guint     max_retries,
                            guint     first_delay_ms)
{
  g_return_if_fail (MD_IS_CLIENT (self));

  self->max_retries = max_retries;
  self->first_delay_ms = first_delay_ms;
}

/* NULL goes back to the one derived from the user's languages. */
const char *
md_client_get_api_key (MdClient *self)
{
  g_return_val_if_fail (MD_IS_CLIENT (self), NULL);

  return self->api_key;
}

void
md_client_set_accept_language (MdClient   *self,
                               const char *accept_language)
{
  g_return_if_fail (MD_IS_CLIENT (self));

  g_free (self->accept_language);
  if (accept_language != NULL)
    self->accept_language = g_strdup (accept_language);
  else
    self->accept_language = md_accept_language_from_locale (g_get_language_names ());
}

/* One HTTP exchange, with its retries. The task's result is the body. */
typedef struct
{
  const char   *method;
  char         *path;
  const char   *label;
  GBytes       *body;
  gboolean      may_retry;
  guint         attempt;

  /* Cancelled by the caller's cancellable or by the deadline; which one it
   * was decides between G_IO_ERROR_CANCELLED and MD_API_ERROR_TIMEOUT. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  gboolean      timed_out;

  GMainContext *context;
  GSource      *deadline;
  GSource      *wait;
  GSource      *wait_cancelled;

  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *buffer;
  gsize         limit;
  guint         status;
  gint64        started;
} Request;

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
request_free (Request *request)
{
  if (request->caller_handler != 0)
    g_cancellable_disconnect (request->caller_cancellable, request->caller_handler);
  clear_source (&request->deadline);
  clear_source (&request->wait);
  clear_source (&request->wait_cancelled);
  g_clear_object (&request->caller_cancellable);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->stream);
  g_clear_object (&request->message);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->context, g_main_context_unref);
  g_free (request->path);
  g_free (request);
}

/* Method, domain, status and timing only: bodies and server messages may
 * carry a member's data. */
static void
request_log (Request      *request,
             const GError *error)
{
  gint64 elapsed_ms = (g_get_monotonic_time () - request->started) / 1000;

  if (error == NULL)
    g_debug ("%s %s: HTTP %u after %" G_GINT64_FORMAT " ms, attempt %u",
             request->method, request->label, request->status, elapsed_ms, request->attempt);
  else
    g_debug ("%s %s: HTTP %u, failed with %s %d after %" G_GINT64_FORMAT " ms, attempt %u",
             request->method, request->label, request->status,
             g_quark_to_string (error->domain), error->code, elapsed_ms, request->attempt);
}

static void
request_fail (GTask  *task,
              GError *error)
{
  Request *request = g_task_get_task_data (task);

  request_log (request, error);
  clear_source (&request->deadline);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Dropping a body stream before its end makes libsoup close the
 * connection, so that the server stops sending. */
static void
request_abort (Request *request)
{
  g_clear_object (&request->stream);
}

static GError *
transport_error (Request      *request,
                 const GError *error)
{
  GError *api_error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (request->timed_out)
        return md_api_error_new (MD_API_ERROR_TIMEOUT, 0, NULL, NULL, NULL, NULL);

      return g_error_copy (error);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return md_api_error_new (MD_API_ERROR_TIMEOUT, 0, NULL, NULL, NULL, NULL);

  g_debug ("%s %s: transport error: %s", request->method, request->label, error->message);

  api_error = md_api_error_new (MD_API_ERROR_NETWORK, 0, NULL, NULL, NULL, NULL);

  /* Fail closed, and say why: the user should not retry blindly. */
  if (error->domain == G_TLS_ERROR)
    {
      const char *message;

      if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        message = _("The studio server’s certificate could not be verified");
      else
        message = _("A secure connection to the studio server could not be established");

      g_free (api_error->message);
      api_error->message = g_strdup (message);
    }

  return api_error;
}

static void request_start_attempt (GTask *task);

static gboolean
on_retry_wait_done (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  g_clear_pointer (&request->wait, g_source_unref);
  clear_source (&request->wait_cancelled);
  request_start_attempt (task);

  return G_SOURCE_REMOVE;
}

static gboolean
on_retry_wait_cancelled (GCancellable *cancellable,
                         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  g_clear_pointer (&request->wait_cancelled, g_source_unref);
  clear_source (&request->wait);
  request_fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           _("Operation was cancelled")));

  return G_SOURCE_REMOVE;
}

static guint
retry_delay (Request  *request,
             MdClient *self)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 retry_after;
  guint64 delay;

  retry_after = md_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"), now);
  if (retry_after >= 0)
    return (guint) retry_after;

  delay = (guint64) self->first_delay_ms << MIN (request->attempt - 1, 16u);
  delay = MIN (delay, MAX_RETRY_DELAY_MS);

  /* Jitter keeps clients that failed together from retrying together. */
  return (guint) (delay + g_random_int_range (0, (gint32) (delay / 10) + 1));
}

static void
request_schedule_retry (GTask *task)
{
  MdClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  guint delay = retry_delay (request, self);

  g_debug ("%s %s: HTTP %u, retrying in %u ms", request->method, request->label,
           request->status, delay);

  request->wait = g_timeout_source_new (delay);
  g_source_set_callback (request->wait, on_retry_wait_done, task, NULL);
  g_source_attach (request->wait, request->context);

  request->wait_cancelled = g_cancellable_source_new (request->cancellable);
  g_source_set_callback (request->wait_cancelled, G_SOURCE_FUNC (on_retry_wait_cancelled),
                         task, NULL);
  g_source_attach (request->wait_cancelled, request->context);
}

static GError *
status_error (Request *request)
{
  g_autofree char *message = NULL;
  g_autofree char *error_code = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *trace_id = NULL;
  GError *error;

  if (SOUP_STATUS_IS_REDIRECTION (request->status))
    {
      /* The key must never follow a redirect to another host. */
      error = md_api_error_new (MD_API_ERROR_SERVER, request->status, NULL, NULL, NULL, NULL);
      g_free (error->message);
      error->message = g_strdup (_("The studio server redirected the request elsewhere; "
                                   "check the studio address"));
      return error;
    }

  if (request->buffer != NULL)
    md_json_parse_error_body ((const char *) request->buffer->data, request->buffer->len,
                              &message, &error_code, &reference, &trace_id);

  return md_api_error_new (md_api_error_from_status (request->status), request->status,
                           message, error_code, reference, trace_id);
}

static void
request_complete (GTask *task)
{
  MdClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GByteArray *buffer;

  clear_source (&request->deadline);
  g_clear_object (&request->stream);

  if (SOUP_STATUS_IS_SUCCESSFUL (request->status))
    {
      request_log (request, NULL);
      buffer = g_steal_pointer (&request->buffer);
      g_task_return_pointer (task, g_byte_array_free_to_bytes (buffer),
                             (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }

  if (request->may_retry &&
      (request->status == STATUS_TOO_MANY_REQUESTS ||
       request->status == SOUP_STATUS_SERVICE_UNAVAILABLE) &&
      request->attempt <= self->max_retries)
    {
      request_schedule_retry (task);
      return;
    }

  request_fail (task, status_error (request));
}

/* libsoup takes the end of a "Connection: close" answer as the end of its
 * body, even when that is shorter than announced. */
static gboolean
body_is_truncated (Request *request)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  const char *content_encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  goffset expected;

  if (g_str_equal (request->method, SOUP_METHOD_HEAD) ||
      soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      (content_encoding != NULL && g_ascii_strcasecmp (content_encoding, "identity") != 0))
    return FALSE;

  expected = soup_message_headers_get_content_length (headers);
  if ((goffset) request->buffer->len == expected)
    return FALSE;

  g_debug ("%s %s: body ended after %u of %" G_GOFFSET_FORMAT " bytes",
           request->method, request->label, request->buffer->len, expected);

  return TRUE;
}

static void
on_body_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      request_fail (task, transport_error (request, error));
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      if (body_is_truncated (request))
        {
          request_fail (task, md_api_error_new (MD_API_ERROR_NETWORK, request->status,
                                                NULL, NULL, NULL, NULL));
          return;
        }

      request_complete (task);
      return;
    }

  g_byte_array_append (request->buffer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (request->buffer->len > request->limit)
    {
      request_abort (request);

      /* What an error status means matters more than its oversized body. */
      if (!SOUP_STATUS_IS_SUCCESSFUL (request->status))
        {
          g_byte_array_set_size (request->buffer, 0);
          request_complete (task);
          return;
        }

      request_fail (task, md_api_error_new (MD_API_ERROR_TOO_LARGE, request->status,
                                            NULL, NULL, NULL, NULL));
      return;
    }

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   request->cancellable, on_body_read, task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  MdClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset content_length;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      request_fail (task, transport_error (request, error));
      return;
    }

  request->status = soup_message_get_status (request->message);
  request->limit = SOUP_STATUS_IS_SUCCESSFUL (request->status)
                     ? self->max_response_size
                     : MIN (self->max_response_size, MAX_ERROR_BODY_SIZE);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  request->buffer = g_byte_array_new ();

  /* No need to read what is announced as too large. */
  content_length = soup_message_headers_get_content_length (
    soup_message_get_response_headers (request->message));
  if (SOUP_STATUS_IS_SUCCESSFUL (request->status) &&
      content_length > 0 && (guint64) content_length > request->limit)
    {
      request_abort (request);
      request_fail (task, md_api_error_new (MD_API_ERROR_TOO_LARGE, request->status,
                                            NULL, NULL, NULL, NULL));
      return;
    }

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   request->cancellable, on_body_read, task);
}

static gboolean
on_deadline (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  g_clear_pointer (&request->deadline, g_source_unref);
  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);

  return G_SOURCE_REMOVE;
}

static void
request_start_attempt (GTask *task)
{
  MdClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autofree char *uri = g_strconcat (self->base_url, request->path, NULL);
  SoupMessageHeaders *headers;

  request->attempt++;
  request->status = 0;
  g_clear_object (&request->stream);
  g_clear_object (&request->message);

  request->message = soup_message_new (request->method, uri);
  if (request->message == NULL)
    {
      request_fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                       "Cannot build a request for %s", request->label));
      return;
    }

  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (request->message);
  if (self->api_key != NULL)
    soup_message_headers_replace (headers, "x-api-key", self->api_key);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->accept_language != NULL && *self->accept_language != '\0')
    soup_message_headers_replace (headers, "Accept-Language", self->accept_language);

  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, "application/json",
                                              request->body);

  if (self->timeout_seconds > 0)
    {
      request->deadline = g_timeout_source_new (self->timeout_seconds * 1000);
      g_source_set_callback (request->deadline, on_deadline, task, NULL);
      g_source_attach (request->deadline, request->context);
    }

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->cancellable, on_sent, task);
}

static void
on_caller_cancelled (GCancellable *caller_cancellable,
                     GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/* Takes @path. Only GET and HEAD retry: a POST or DELETE that failed may
 * still have landed. */
static void
md_client_send_async (MdClient            *self,
                      const char          *method,
                      char                *path,
                      const char          *label,
                      GBytes              *body,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_client_send_async);

  request = g_new0 (Request, 1);
  request->method = method;
  request->path = path;
  request->label = label;
  request->body = body != NULL ? g_bytes_ref (body) : NULL;
  request->may_retry = g_str_equal (method, SOUP_METHOD_GET) ||
                       g_str_equal (method, SOUP_METHOD_HEAD);
  request->cancellable = g_cancellable_new ();
  request->context = g_main_context_ref_thread_default ();
  request->started = g_get_monotonic_time ();
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (cancellable != NULL)
    {
      request->caller_cancellable = g_object_ref (cancellable);
      request->caller_handler = g_cancellable_connect (cancellable,
                                                       G_CALLBACK (on_caller_cancelled),
                                                       g_object_ref (request->cancellable),
                                                       g_object_unref);
    }

  request_start_attempt (g_steal_pointer (&task));
}

static GBytes *
md_client_send_finish (MdClient      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* For HEAD and DELETE: whatever body a 2xx brings, the answer is yes. */
static void
on_sent_return_true (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = md_client_send_finish (MD_CLIENT (source), result, &error);
  if (body == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
md_client_check_key_async (MdClient            *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_client_check_key_async);

  md_client_send_async (self, SOUP_METHOD_HEAD,
                        g_strdup ("/v1/customers/0/self-service/contact-data"),
                        "key check", NULL, cancellable,
                        on_sent_return_true, g_steal_pointer (&task));
}

gboolean
md_client_check_key_finish (MdClient      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
domain_path (gint64   customer_id,
             MdDomain domain)
{
  return g_strdup_printf ("/v1/customers/%" G_GINT64_FORMAT "/self-service/%s",
                          customer_id, md_domain_get_info (domain)->path);
}

static void
on_domain_received (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) body = NULL;
  MdDomain domain = GPOINTER_TO_UINT (g_task_get_task_data (task));
  MdSnapshot *snapshot;
  GError *error = NULL;
  const char *data;
  gsize length;

  body = md_client_send_finish (MD_CLIENT (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_bytes_get_data (body, &length);
  snapshot = md_json_parse_snapshot (domain, data != NULL ? data : "", length, &error);
  if (snapshot == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, snapshot, g_object_unref);
}

void
md_client_get_domain_async (MdClient            *self,
                            gint64               customer_id,
                            MdDomain             domain,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MD_IS_CLIENT (self));
  g_return_if_fail (domain < MD_N_DOMAINS);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_client_get_domain_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (domain), NULL);

  md_client_send_async (self, SOUP_METHOD_GET, domain_path (customer_id, domain),
                        md_domain_get_info (domain)->id, NULL, cancellable,
                        on_domain_received, g_steal_pointer (&task));
}

MdSnapshot *
md_client_get_domain_finish (MdClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isspace (data[i]))
        return FALSE;
    }

  return TRUE;
}

static void
on_submitted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) body = NULL;
  MdDomain domain = GPOINTER_TO_UINT (g_task_get_task_data (task));
  MdAmendment *amendment;
  GError *error = NULL;
  const char *data;
  gsize length;

  body = md_client_send_finish (MD_CLIENT (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Whether an instant change returns an amendment is not documented: an
   * empty 200 means "accepted", without an id. */
  data = g_bytes_get_data (body, &length);
  if (data == NULL || is_blank (data, length))
    {
      g_task_return_pointer (task, md_amendment_new (0, NULL), g_object_unref);
      return;
    }

  amendment = md_json_parse_amendment (domain, data, length, &error);
  if (amendment == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, amendment, g_object_unref);
}

static void
wipe_body (gpointer data)
{
  memset (data, 0, strlen (data));
  g_free (data);
}

void
md_client_submit_async (MdClient            *self,
                        gint64               customer_id,
                        MdRecord            *current,
                        MdRecord            *draft,
                        const char          *signature_base64,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  MdDomain domain;
  char *data;
  gsize length = 0;

  g_return_if_fail (MD_IS_CLIENT (self));
  g_return_if_fail (MD_IS_RECORD (current));
  g_return_if_fail (MD_IS_RECORD (draft));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  domain = md_record_get_domain (current);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_client_submit_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (domain), NULL);

  data = md_json_build_amendment_body (current, draft, signature_base64, &length);
  if (data == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Cannot build the %s amendment", md_domain_get_info (domain)->id);
      return;
    }
  /* It may hold a signature: overwritten once libsoup lets go of it. */
  body = g_bytes_new_with_free_func (data, length, wipe_body, data);

  md_client_send_async (self, SOUP_METHOD_POST, domain_path (customer_id, domain),
                        md_domain_get_info (domain)->id, body, cancellable,
                        on_submitted, g_steal_pointer (&task));
}

MdAmendment *
md_client_submit_finish (MdClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
md_client_withdraw_async (MdClient            *self,
                          gint64               customer_id,
                          gint64               amendment_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char *path;

  g_return_if_fail (MD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_client_withdraw_async);

  path = g_strdup_printf ("/v1/customers/%" G_GINT64_FORMAT "/self-service/amendment/%"
                          G_GINT64_FORMAT, customer_id, amendment_id);
  md_client_send_async (self, SOUP_METHOD_DELETE, path, "amendment", NULL, cancellable,
                        on_sent_return_true, g_steal_pointer (&task));
}

gboolean
md_client_withdraw_finish (MdClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
md_member_data_free (MdMemberData *data)
{
  if (data == NULL)
    return;

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      g_clear_object (&data->snapshots[i]);
      g_clear_error (&data->errors[i]);
    }

  g_free (data);
}

typedef struct
{
  MdMemberData *data;
  guint         pending;
} LoadMember;

static void
load_member_free (LoadMember *load)
{
  g_clear_pointer (&load->data, md_member_data_free);
  g_free (load);
}

typedef struct
{
  GTask    *task;
  MdDomain  domain;
} LoadDomain;

static void
on_member_domain_loaded (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  LoadDomain *load_domain = user_data;
  g_autoptr(GTask) task = load_domain->task;
  LoadMember *load = g_task_get_task_data (task);
  MdDomain domain = load_domain->domain;

  g_free (load_domain);

  load->data->snapshots[domain] = md_client_get_domain_finish (MD_CLIENT (source), result,
                                                               &load->data->errors[domain]);

  if (--load->pending > 0)
    return;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, g_steal_pointer (&load->data),
                         (GDestroyNotify) md_member_data_free);
}

void
md_client_load_member_async (MdClient            *self,
                             gint64               customer_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadMember *load;

  g_return_if_fail (MD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_client_load_member_async);

  load = g_new0 (LoadMember, 1);
  load->data = g_new0 (MdMemberData, 1);
  load->pending = MD_N_DOMAINS;
  g_task_set_task_data (task, load, (GDestroyNotify) load_member_free);

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      LoadDomain *load_domain = g_new0 (LoadDomain, 1);

      load_domain->task = g_object_ref (task);
      load_domain->domain = i;
      md_client_get_domain_async (self, customer_id, i, cancellable,
                                  on_member_domain_loaded, load_domain);
    }
}

MdMemberData *
md_client_load_member_finish (MdClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* md-webhook-receiver.c: receives the studio's webhooks (CUSTOMER_UPDATED and others)
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "md-webhook"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "md-http-server.h"
#include "md-json.h"
#include "md-webhook-receiver.h"

/* A refused body is read and thrown away up to this much, so that a client
 * that sends it all still gets to read the answer; past it the connection
 * is dropped. */
#define MAX_DRAIN_SIZE   (1024 * 1024)
#define KEY_DIGEST_SIZE  32
#define LISTEN_BACKLOG   128
#define REFUSED_KEY      "md-webhook-refused"

/* The event types */

G_DEFINE_ENUM_TYPE (MdWebhookEventType, md_webhook_event_type,
  G_DEFINE_ENUM_VALUE (MD_WEBHOOK_EVENT_CUSTOMER_UPDATED, "customer-updated"),
  G_DEFINE_ENUM_VALUE (MD_WEBHOOK_EVENT_CUSTOMER_DELETED, "customer-deleted"),
  G_DEFINE_ENUM_VALUE (MD_WEBHOOK_EVENT_CUSTOMER_ACCESS_DISABLED, "customer-access-disabled"))

/* The names Magicline sends and the nicks, indexed by MdWebhookEventType. */
static const struct
{
  const char *wire_name;
  const char *nick;
} event_types[] = {
  { "CUSTOMER_UPDATED", "customer-updated" },
  { "CUSTOMER_DELETED", "customer-deleted" },
  { "CUSTOMER_ACCESS_DISABLED", "customer-access-disabled" },
};

const char *
md_webhook_event_type_to_nick (MdWebhookEventType type)
{
  if ((guint) type >= G_N_ELEMENTS (event_types))
    return NULL;

  return event_types[type].nick;
}

static gboolean
find_event_type (const char         *name,
                 MdWebhookEventType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (event_types); i++)
    {
      if (strcmp (name, event_types[i].wire_name) == 0)
        {
          *type = (MdWebhookEventType) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Parsing */

static gboolean
fail (GError     **error,
      const char  *reason)
{
  /* Reasons name the rule, never the body's content; nobody but a log
   * reader sees them, so they are not translated. */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "invalid webhook body: %s", reason);
  return FALSE;
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
md_webhook_parse (const char  *data,
                  gsize        length,
                  gint64      *customer_id,
                  char       **uuid,
                  GArray     **events,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GArray) found = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *member;
  JsonArray *payload;
  const char *delivery_uuid;
  gsize uuid_length;
  gint64 entity_id;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length == 0)
    return fail (error, "empty");

  /* NUL bytes fail the UTF-8 check too. */
  if (!g_utf8_validate_len (data, length, NULL))
    return fail (error, "not UTF-8");

  if (!md_json_text_is_safe (data, length))
    return fail (error, "not plain JSON, nested too deeply or a number out of range");

  /* The parser's own message may quote the body: it is not passed on. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, NULL))
    return fail (error, "not JSON");

  /* json-glib takes blank text for an empty document. */
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, "not a JSON object");

  object = json_node_get_object (root);

  member = json_object_get_member (object, "entityId");
  if (!node_holds (member, G_TYPE_INT64) || json_node_get_int (member) <= 0)
    return fail (error, "entityId missing or not a positive integer");
  entity_id = json_node_get_int (member);

  member = json_object_get_member (object, "uuid");
  if (!node_holds (member, G_TYPE_STRING))
    return fail (error, "uuid missing or not a string");
  delivery_uuid = json_node_get_string (member);
  uuid_length = strlen (delivery_uuid);
  if (uuid_length == 0 || uuid_length > MD_WEBHOOK_MAX_UUID_SIZE)
    return fail (error, "uuid empty or too long");

  member = json_object_get_member (object, "payload");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return fail (error, "payload missing or not an array");
  payload = json_node_get_array (member);

  found = g_array_new (FALSE, FALSE, sizeof (MdWebhookEvent));

  for (guint i = 0; i < json_array_get_length (payload); i++)
    {
      JsonNode *entry = json_array_get_element (payload, i);
      JsonNode *type_node;
      JsonNode *timestamp_node;
      MdWebhookEvent event = { 0 };

      /* Entries we cannot read are skipped like unknown types: the rest of
       * the delivery may still matter. */
      if (!JSON_NODE_HOLDS_OBJECT (entry))
        continue;

      type_node = json_object_get_member (json_node_get_object (entry), "type");
      if (!node_holds (type_node, G_TYPE_STRING) ||
          !find_event_type (json_node_get_string (type_node), &event.type))
        continue;

      /* Only a help in telling our own changes apart: a missing or odd
       * timestamp is no reason to drop the event. */
      timestamp_node = json_object_get_member (json_node_get_object (entry), "timestamp");
      if (node_holds (timestamp_node, G_TYPE_INT64) && json_node_get_int (timestamp_node) > 0)
        event.timestamp = json_node_get_int (timestamp_node);

      g_array_append_val (found, event);
    }

  if (customer_id != NULL)
    *customer_id = entity_id;
  if (uuid != NULL)
    *uuid = g_strdup (delivery_uuid);
  if (events != NULL)
    *events = g_steal_pointer (&found);

  return TRUE;
}

/* The receiver */

/* One event waiting for the idle; also its own key in pending_set, by
 * customer and type. */
typedef struct
{
  gint64             customer_id;
  MdWebhookEventType type;
  gint64             timestamp;  /* the latest of those merged */
  guint              deliveries; /* how many were merged */
} PendingEvent;

struct _MdWebhookReceiver
{
  GObject       parent_instance;

  SoupServer   *server;      /* NULL once stopped */
  GMainContext *context;     /* where ::event is emitted */
  GSource      *idle;        /* emits @pending */
  GQueue        pending;     /* PendingEvent *, owned, in arrival order */
  GHashTable   *pending_set; /* the same PendingEvent *, to merge repeats */

  guint8        key_digest[KEY_DIGEST_SIZE];
  GInetAddress *address;
  guint         port;

  /* The last MD_WEBHOOK_RECENT_UUIDS delivery uuids, most recent first. */
  GQueue        recent;      /* char *, owned */
  GHashTable   *recent_set;  /* char * (owned by @recent) -> its GList link */

  guint         n_accepted;
  guint         n_rejected;
  guint         n_duplicates;
  guint         n_dropped;
};

G_DEFINE_FINAL_TYPE (MdWebhookReceiver, md_webhook_receiver, G_TYPE_OBJECT)

enum {
  EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static GQuark event_details[G_N_ELEMENTS (event_types)];

static guint
pending_hash (gconstpointer key)
{
  const PendingEvent *event = key;

  return g_int64_hash (&event->customer_id) ^ (guint) event->type;
}

static gboolean
pending_equal (gconstpointer a,
               gconstpointer b)
{
  const PendingEvent *event_a = a;
  const PendingEvent *event_b = b;

  return event_a->customer_id == event_b->customer_id && event_a->type == event_b->type;
}

static void
digest_key (const char *key,
            guint8      digest[KEY_DIGEST_SIZE])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize length = KEY_DIGEST_SIZE;

  g_checksum_update (checksum, (const guchar *) key, strlen (key));
  g_checksum_get_digest (checksum, digest, &length);
  g_assert (length == KEY_DIGEST_SIZE);
}

/* Compares digests of fixed length, every byte whatever the others: the
 * time taken says nothing about the key, not even its length. */
static gboolean
key_matches (MdWebhookReceiver *self,
             const char        *given)
{
  guint8 digest[KEY_DIGEST_SIZE];
  guint8 difference = 0;

  if (given == NULL)
    return FALSE;

  digest_key (given, digest);
  for (guint i = 0; i < KEY_DIGEST_SIZE; i++)
    difference |= digest[i] ^ self->key_digest[i];

  return difference == 0;
}

/* TRUE if @uuid was among the recent ones; remembers it as the newest
 * either way, forgetting the oldest beyond MD_WEBHOOK_RECENT_UUIDS. */
static gboolean
remember_uuid (MdWebhookReceiver *self,
               const char        *uuid)
{
  GList *link = g_hash_table_lookup (self->recent_set, uuid);

  if (link != NULL)
    {
      g_queue_unlink (&self->recent, link);
      g_queue_push_head_link (&self->recent, link);
      return TRUE;
    }

  g_queue_push_head (&self->recent, g_strdup (uuid));
  g_hash_table_insert (self->recent_set, self->recent.head->data, self->recent.head);

  if (self->recent.length > MD_WEBHOOK_RECENT_UUIDS)
    {
      char *oldest = g_queue_pop_tail (&self->recent);

      g_hash_table_remove (self->recent_set, oldest);
      g_free (oldest);
    }

  return FALSE;
}

static void
clear_pending (MdWebhookReceiver *self)
{
  if (self->idle != NULL)
    {
      g_source_destroy (self->idle);
      g_clear_pointer (&self->idle, g_source_unref);
    }

  g_hash_table_remove_all (self->pending_set);
  g_queue_clear_full (&self->pending, g_free);
}

static gboolean
emit_pending_cb (gpointer user_data)
{
  g_autoptr(MdWebhookReceiver) self = g_object_ref (user_data);
  GQueue events;

  /* Events answered while the handlers run wait for an idle of their own. */
  g_clear_pointer (&self->idle, g_source_unref);
  events = self->pending;
  g_queue_init (&self->pending);
  g_hash_table_remove_all (self->pending_set);

  g_debug ("webhook: emitting %u events", events.length);

  while (!g_queue_is_empty (&events))
    {
      g_autofree PendingEvent *event = g_queue_pop_head (&events);

      /* A handler may have stopped the receiver. */
      if (self->server == NULL)
        continue;

      g_signal_emit (self, signals[EVENT], event_details[event->type],
                     event->customer_id, event->type, event->timestamp, event->deliveries);
    }

  return G_SOURCE_REMOVE;
}

/* Queues one event for the idle, merged with a waiting one for the same
 * customer and type. */
static void
queue_event (MdWebhookReceiver    *self,
             gint64                customer_id,
             const MdWebhookEvent *received)
{
  PendingEvent key = { customer_id, received->type, received->timestamp, 1 };
  PendingEvent *event = g_hash_table_lookup (self->pending_set, &key);

  if (event != NULL)
    {
      event->timestamp = MAX (event->timestamp, received->timestamp);
      event->deliveries = MIN (event->deliveries, G_MAXUINT - 1) + 1;
      return;
    }

  if (self->pending.length >= MD_WEBHOOK_MAX_PENDING)
    {
      self->n_dropped++;
      return;
    }

  event = g_memdup2 (&key, sizeof key);
  g_queue_push_tail (&self->pending, event);
  g_hash_table_add (self->pending_set, event);

  if (self->idle == NULL)
    {
      self->idle = g_idle_source_new ();
      g_source_set_static_name (self->idle, "[member-desk] webhook events");
      g_source_set_callback (self->idle, emit_pending_cb, self, NULL);
      g_source_attach (self->idle, self->context);
    }
}

/* Answers @status. From got-headers or got-chunk this comes before the
 * body is complete: the server then calls no handler, and the rest of the
 * body is read without being kept. */
static void
refuse (MdWebhookReceiver *self,
        SoupServerMessage *msg,
        guint              status)
{
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);

  if (g_object_get_data (G_OBJECT (msg), REFUSED_KEY) != NULL)
    return;

  g_object_set_data (G_OBJECT (msg), REFUSED_KEY, GINT_TO_POINTER (TRUE));
  self->n_rejected++;
  g_debug ("webhook answered %u", status);

  soup_message_body_set_accumulate (request_body, FALSE);
  soup_message_body_truncate (request_body);

  if (status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    soup_message_headers_replace (response_headers, "Allow", SOUP_METHOD_POST);
  if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    soup_message_headers_replace (response_headers, "Connection", "close");

  soup_server_message_set_status (msg, status, NULL);
}

/* What the headers alone decide: 0 when the body is worth reading. */
static guint
judge_headers (MdWebhookReceiver *self,
               SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  if (g_strcmp0 (path, MD_WEBHOOK_PATH) != 0)
    return SOUP_STATUS_NOT_FOUND;

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0)
    return SOUP_STATUS_METHOD_NOT_ALLOWED;

  if (!key_matches (self, soup_message_headers_get_one (headers, "x-api-key")))
    return SOUP_STATUS_UNAUTHORIZED;

  if (md_http_server_announces_over (msg, MD_WEBHOOK_MAX_BODY_SIZE))
    return SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;

  return 0;
}

static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  MdWebhookReceiver *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  guint status = judge_headers (self, msg);

  if (status == 0)
    return;

  refuse (self, msg, status);

  /* A client waiting for 100 Continue gets the answer instead and sends no
   * body; a body announced far too large would only be read in vain. */
  if ((soup_message_headers_get_expectations (headers) & SOUP_EXPECTATION_CONTINUE) == 0 &&
      md_http_server_announces_over (msg, MAX_DRAIN_SIZE))
    {
      g_debug ("webhook: dropping a connection announcing an oversized body");
      md_http_server_hang_up (msg);
    }
}

/* Caps the body as it arrives: a chunked body announces no length. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  MdWebhookReceiver *self = user_data;
  gsize received = md_http_server_count_body (msg, chunk);

  if (received > MD_WEBHOOK_MAX_BODY_SIZE)
    refuse (self, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);

  if (received > MAX_DRAIN_SIZE)
    {
      g_debug ("webhook: dropping a connection that kept sending an oversized body");
      md_http_server_hang_up (msg);
    }
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  MdWebhookReceiver *self = user_data;

  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers_cb), self, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
}

/* Runs once the whole body is in, for requests the headers did not settle. */
static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  MdWebhookReceiver *self = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  gint64 customer_id;
  const char *data;
  gsize length;
  guint status;

  /* got-headers settled anything else already; this is a safety net. */
  status = judge_headers (self, msg);
  if (status != 0)
    {
      refuse (self, msg, status);
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (body, &length);

  if (length > MD_WEBHOOK_MAX_BODY_SIZE)
    {
      refuse (self, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
      return;
    }

  if (!md_webhook_parse (data, length, &customer_id, &uuid, &events, &error))
    {
      g_debug ("webhook refused: %s", error->message);
      refuse (self, msg, SOUP_STATUS_BAD_REQUEST);
      return;
    }

  /* The answer goes out when this returns; the events follow from an idle. */
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);

  if (remember_uuid (self, uuid))
    {
      self->n_duplicates++;
      g_debug ("webhook answered 200: repeated delivery");
      return;
    }

  self->n_accepted++;
  g_debug ("webhook accepted: %u known events", events->len);

  for (guint i = 0; i < events->len; i++)
    queue_event (self, customer_id, &g_array_index (events, MdWebhookEvent, i));
}

static void
md_webhook_receiver_dispose (GObject *object)
{
  MdWebhookReceiver *self = MD_WEBHOOK_RECEIVER (object);

  md_webhook_receiver_stop (self);

  G_OBJECT_CLASS (md_webhook_receiver_parent_class)->dispose (object);
}

static void
md_webhook_receiver_finalize (GObject *object)
{
  MdWebhookReceiver *self = MD_WEBHOOK_RECEIVER (object);

  g_clear_pointer (&self->pending_set, g_hash_table_unref);
  g_clear_pointer (&self->recent_set, g_hash_table_unref);
  g_queue_clear_full (&self->recent, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->address);
  memset (self->key_digest, 0, sizeof self->key_digest);

  G_OBJECT_CLASS (md_webhook_receiver_parent_class)->finalize (object);
}

static void
md_webhook_receiver_class_init (MdWebhookReceiverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = md_webhook_receiver_dispose;
  object_class->finalize = md_webhook_receiver_finalize;

  for (guint i = 0; i < G_N_ELEMENTS (event_details); i++)
    event_details[i] = g_quark_from_static_string (event_types[i].nick);

  /**
   * MdWebhookReceiver::event:
   * @customer_id: the customer it concerns (the body's entityId)
   * @type: what happened, an MdWebhookEventType
   * @timestamp: when, in ms since the epoch by the server's clock; the
   *   latest of merged events; 0 if none said
   * @deliveries: how many events were merged into this one
   *
   * Events of accepted deliveries, after the answer; detailed by the
   * type's nick. Repeats that arrived while the first waited are merged.
   */
  signals[EVENT] = g_signal_new ("event", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                 G_TYPE_INT64, MD_TYPE_WEBHOOK_EVENT_TYPE,
                                 G_TYPE_INT64, G_TYPE_UINT);
}

static void
md_webhook_receiver_init (MdWebhookReceiver *self)
{
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  g_signal_connect_object (self->server, "request-started",
                           G_CALLBACK (request_started_cb), self, 0);

  g_queue_init (&self->pending);
  self->pending_set = g_hash_table_new (pending_hash, pending_equal);
  g_queue_init (&self->recent);
  self->recent_set = g_hash_table_new (g_str_hash, g_str_equal);
}

MdWebhookReceiver *
md_webhook_receiver_new (const char *key)
{
  MdWebhookReceiver *self;

  g_return_val_if_fail (key != NULL && *key != '\0', NULL);

  self = g_object_new (MD_TYPE_WEBHOOK_RECEIVER, NULL);
  digest_key (key, self->key_digest);

  return self;
}

gboolean
md_webhook_receiver_listen (MdWebhookReceiver  *self,
                            const char         *address,
                            guint               port,
                            GError            **error)
{
  g_autoptr(GInetAddress) inet_address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) listen_socket = NULL;

  g_return_val_if_fail (MD_IS_WEBHOOK_RECEIVER (self), FALSE);
  g_return_val_if_fail (self->server != NULL, FALSE);
  g_return_val_if_fail (self->address == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Loopback unless another address is asked for: a cleared setting too. */
  if (address == NULL || *address == '\0')
    address = "127.0.0.1";

  inet_address = g_inet_address_new_from_string (address);
  if (inet_address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address"), address);
      return FALSE;
    }

  /* Our own socket for a longer accept queue than GSocket's default of
   * 10: a burst of deliveries must not have connections reset. */
  listen_socket = g_socket_new (g_inet_address_get_family (inet_address), G_SOCKET_TYPE_STREAM,
                                G_SOCKET_PROTOCOL_TCP, error);
  if (listen_socket == NULL)
    return FALSE;

  socket_address = g_inet_socket_address_new (inet_address, port);
  g_socket_set_listen_backlog (listen_socket, LISTEN_BACKLOG);
  if (!g_socket_bind (listen_socket, socket_address, TRUE, error) ||
      !g_socket_listen (listen_socket, error))
    return FALSE;

  /* The port the system picked, when asked to. */
  bound = g_socket_get_local_address (listen_socket, error);
  if (bound == NULL)
    return FALSE;

  if (!soup_server_listen_socket (self->server, listen_socket, 0, error))
    return FALSE;

  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  self->address = g_steal_pointer (&inet_address);
  self->context = g_main_context_ref_thread_default ();

  g_debug ("webhook receiver listening on port %u", self->port);

  return TRUE;
}

void
md_webhook_receiver_stop (MdWebhookReceiver *self)
{
  g_return_if_fail (MD_IS_WEBHOOK_RECEIVER (self));

  if (self->server != NULL)
    {
      soup_server_remove_handler (self->server, NULL);
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }

  clear_pending (self);
}

guint
md_webhook_receiver_get_port (MdWebhookReceiver *self)
{
  g_return_val_if_fail (MD_IS_WEBHOOK_RECEIVER (self), 0);

  return self->port;
}

char *
md_webhook_receiver_get_url (MdWebhookReceiver *self)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (MD_IS_WEBHOOK_RECEIVER (self), NULL);

  if (self->address == NULL)
    return NULL;

  host = g_inet_address_to_string (self->address);
  if (g_inet_address_get_family (self->address) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("http://[%s]:%u%s", host, self->port, MD_WEBHOOK_PATH);

  return g_strdup_printf ("http://%s:%u%s", host, self->port, MD_WEBHOOK_PATH);
}

guint
md_webhook_receiver_get_accepted (MdWebhookReceiver *self)
{
  g_return_val_if_fail (MD_IS_WEBHOOK_RECEIVER (self), 0);

  return self->n_accepted;
}

guint
md_webhook_receiver_get_rejected (MdWebhookReceiver *self)
{
  g_return_val_if_fail (MD_IS_WEBHOOK_RECEIVER (self), 0);

  return self->n_rejected;
}

guint
md_webhook_receiver_get_duplicates (MdWebhookReceiver *self)
{
  g_return_val_if_fail (MD_IS_WEBHOOK_RECEIVER (self), 0);

  return self->n_duplicates;
}

guint
md_webhook_receiver_get_dropped (MdWebhookReceiver *self)
{
  g_return_val_if_fail (MD_IS_WEBHOOK_RECEIVER (self), 0);

  return self->n_dropped;
}

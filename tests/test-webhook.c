/* test-webhook.c: the webhook receiver and its parser
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "md-test-utils.h"
#include "md-webhook-receiver.h"

#define KEY             "hook-secret-0123456789"
#define CUSTOMER        G_GINT64_CONSTANT (1003)
#define MARKER_CUSTOMER G_GINT64_CONSTANT (999999)
#define FLOOD_COUNT     1000
#define FLOOD_IN_FLIGHT 50

typedef MdTestResponse Response;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, md_test_response_free)

/* A body as the demo backend builds one (see send_webhook). */
/* Parsing */

typedef struct
{
  const char        *body;
  gint64             customer_id;
  const char        *uuid;
  guint              n_types;
  MdWebhookEventType types[3];
  gint64             timestamps[3];
} ParseCase;

static void
test_parse_accepted (void)
{
  static const ParseCase cases[] = {
    /* The demo backend's shape, each known type. */
    { "{\"entityId\":1003,\"uuid\":\"u-1\",\"payload\":[{\"timestamp\":1767225600000,"
      "\"type\":\"CUSTOMER_UPDATED\",\"content\":{}}]}",
      1003, "u-1", 1, { MD_WEBHOOK_EVENT_CUSTOMER_UPDATED }, { 1767225600000 } },
    /* A timestamp that is not a positive integer counts as none given. */
    { "{\"entityId\":5,\"uuid\":\"u-t\",\"payload\":[{\"timestamp\":\"1767225600000\","
      "\"type\":\"CUSTOMER_UPDATED\"},{\"type\":\"CUSTOMER_UPDATED\",\"timestamp\":-1},"
      "{\"timestamp\":1.5e12,\"type\":\"CUSTOMER_DELETED\"}]}",
      5, "u-t", 3, { MD_WEBHOOK_EVENT_CUSTOMER_UPDATED, MD_WEBHOOK_EVENT_CUSTOMER_UPDATED,
                     MD_WEBHOOK_EVENT_CUSTOMER_DELETED }, { 0, 0, 0 } },
    { "{\"entityId\":7,\"uuid\":\"u-2\",\"payload\":[{\"type\":\"CUSTOMER_DELETED\"}]}",
      7, "u-2", 1, { MD_WEBHOOK_EVENT_CUSTOMER_DELETED } },
    { "{\"entityId\":7,\"uuid\":\"u-3\",\"payload\":[{\"type\":\"CUSTOMER_ACCESS_DISABLED\"}]}",
      7, "u-3", 1, { MD_WEBHOOK_EVENT_CUSTOMER_ACCESS_DISABLED } },
    /* Several events, in payload order, with repeats kept. */
    { "{\"entityId\":8,\"uuid\":\"u-4\",\"payload\":[{\"type\":\"CUSTOMER_DELETED\"},"
      "{\"type\":\"CUSTOMER_UPDATED\",\"timestamp\":2},{\"type\":\"CUSTOMER_DELETED\","
      "\"timestamp\":9223372036854775807}]}",
      8, "u-4", 3, { MD_WEBHOOK_EVENT_CUSTOMER_DELETED, MD_WEBHOOK_EVENT_CUSTOMER_UPDATED,
                     MD_WEBHOOK_EVENT_CUSTOMER_DELETED }, { 0, 2, G_MAXINT64 } },
    /* Unknown types, and entries that cannot be read, are skipped. */
    { "{\"entityId\":9,\"uuid\":\"u-5\",\"payload\":[{\"type\":\"CONTRACT_CREATED\"}]}",
      9, "u-5", 0, { 0 } },
    { "{\"entityId\":9,\"uuid\":\"u-6\",\"payload\":[]}", 9, "u-6", 0, { 0 } },
    { "{\"entityId\":9,\"uuid\":\"u-7\",\"payload\":[1,\"CUSTOMER_UPDATED\",null,[],"
      "{\"type\":1},{\"type\":null},{},{\"type\":\"customer_updated\"},"
      "{\"type\":\"CUSTOMER_UPDATED \"},{\"type\":\"CUSTOMER_UPDATED\"}]}",
      9, "u-7", 1, { MD_WEBHOOK_EVENT_CUSTOMER_UPDATED } },
    /* Unknown members anywhere, in any order, and whitespace. */
    { " {\"payload\":[{\"type\":\"CUSTOMER_UPDATED\",\"extra\":[1,{\"a\":null}],"
      "\"content\":{\"firstName\":\"x\"}}],\"future\":{\"x\":true},\"uuid\":\"u-8\","
      "\"entityId\":42,\"entityType\":\"CUSTOMER\"}\n",
      42, "u-8", 1, { MD_WEBHOOK_EVENT_CUSTOMER_UPDATED } },
    /* The largest id; a uuid of any printable content. */
    { "{\"entityId\":9223372036854775807,\"uuid\":\"\\u00e4 \\\" x\",\"payload\":[]}",
      G_MAXINT64, "\xc3\xa4 \" x", 0, { 0 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ParseCase *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) events = NULL;
      g_autofree char *uuid = NULL;
      gint64 customer_id = 0;

      g_test_message ("case %u", i);
      if (!md_webhook_parse (c->body, strlen (c->body), &customer_id, &uuid, &events, &error))
        g_error ("refused (%s): %s", error->message, c->body);

      g_assert_cmpint (customer_id, ==, c->customer_id);
      g_assert_cmpstr (uuid, ==, c->uuid);
      g_assert_nonnull (events);
      g_assert_cmpuint (events->len, ==, c->n_types);
      for (guint j = 0; j < c->n_types; j++)
        {
          const MdWebhookEvent *event = &g_array_index (events, MdWebhookEvent, j);

          g_assert_cmpint (event->type, ==, c->types[j]);
          g_assert_cmpint (event->timestamp, ==, c->timestamps[j]);
        }

      /* Without places for the results the answer is the same. */
      g_assert_true (md_webhook_parse (c->body, strlen (c->body), NULL, NULL, NULL, NULL));
    }
}

static void
assert_refused (const char *body,
                gsize       length)
{
  g_autoptr(GError) error = NULL;
  GArray *events = (GArray *) 0x1;
  char *uuid = (char *) 0x1;
  gint64 customer_id = -5;

  if (md_webhook_parse (body, length, &customer_id, &uuid, &events, &error))
    g_error ("accepted but should not be: %.*s", (int) MIN (length, 200), body);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  /* The message never quotes the body; every refused body below has it. */
  g_assert_null (strstr (error->message, "SECRET"));
  /* Outputs stay untouched on failure. */
  g_assert_true (events == (GArray *) 0x1);
  g_assert_true (uuid == (char *) 0x1);
  g_assert_cmpint (customer_id, ==, -5);
  g_assert_false (md_webhook_parse (body, length, NULL, NULL, NULL, NULL));
}

static void
test_parse_refused (void)
{
  static const char * const bodies[] = {
    /* Not JSON, or not an object. */
    "",
    "   \n",
    "SECRET",
    "{\"entityId\":1,\"uuid\":\"SECRET\",\"payload\":[]",
    "{\"entityId\":1,\"uuid\":\"SECRET\",\"payload\":[]}}",
    "[{\"entityId\":1,\"uuid\":\"SECRET\",\"payload\":[]}]",
    "\"SECRET\"",
    "1003",
    "null",
    /* entityId */
    "{\"uuid\":\"SECRET\",\"payload\":[]}",
    "{\"entityId\":null,\"uuid\":\"SECRET\",\"payload\":[]}",
    "{\"entityId\":0,\"uuid\":\"SECRET\",\"payload\":[]}",
    "{\"entityId\":-1003,\"uuid\":\"SECRET\",\"payload\":[]}",
    "{\"entityId\":\"1003\",\"uuid\":\"SECRET\",\"payload\":[]}",
    "{\"entityId\":1003.5,\"uuid\":\"SECRET\",\"payload\":[]}",
    "{\"entityId\":1e3,\"uuid\":\"SECRET\",\"payload\":[]}",
    "{\"entityId\":true,\"uuid\":\"SECRET\",\"payload\":[]}",
    "{\"entityId\":{},\"uuid\":\"SECRET\",\"payload\":[]}",
    /* Beyond 64 bits json-glib would wrap these into other customers' ids. */
    "{\"entityId\":9223372036854775808,\"uuid\":\"SECRET\",\"payload\":[]}",
    "{\"entityId\":18446744073709552619,\"uuid\":\"SECRET\",\"payload\":[]}",
    /* uuid */
    "{\"entityId\":1003,\"payload\":[],\"x\":\"SECRET\"}",
    "{\"entityId\":1003,\"uuid\":\"\",\"payload\":[],\"x\":\"SECRET\"}",
    "{\"entityId\":1003,\"uuid\":null,\"payload\":[],\"x\":\"SECRET\"}",
    "{\"entityId\":1003,\"uuid\":17,\"payload\":[],\"x\":\"SECRET\"}",
    "{\"entityId\":1003,\"uuid\":[\"SECRET\"],\"payload\":[]}",
    /* payload */
    "{\"entityId\":1003,\"uuid\":\"SECRET\"}",
    "{\"entityId\":1003,\"uuid\":\"SECRET\",\"payload\":null}",
    "{\"entityId\":1003,\"uuid\":\"SECRET\",\"payload\":{\"type\":\"CUSTOMER_UPDATED\"}}",
    "{\"entityId\":1003,\"uuid\":\"SECRET\",\"payload\":\"CUSTOMER_UPDATED\"}",
    /* What json-glib 1.6 takes besides JSON: an octal id would be another
     * customer's, and two documents leak the first. */
    "{\"entityId\":01003,\"uuid\":\"SECRET\",\"payload\":[]}",
    "{\"entityId\":0x3eb,\"uuid\":\"SECRET\",\"payload\":[]}",
    "{\"entityId\":1003,\"uuid\":'SECRET',\"payload\":[]}",
    "{\"entityId\":1003,/* SECRET */\"uuid\":\"u\",\"payload\":[]}",
    "{\"entityId\":1,\"uuid\":\"SECRET\",\"payload\":[]}{\"entityId\":1003,\"uuid\":\"u\",\"payload\":[]}",
    /* A lone surrogate json-glib would decode into invalid UTF-8. */
    "{\"entityId\":1003,\"uuid\":\"SECRET\\ud83dx\",\"payload\":[]}",
  };
  static const char not_utf8[] = "{\"entityId\":1003,\"uuid\":\"SECRET\xff\",\"payload\":[]}";
  static const char with_nul[] = "{\"entityId\":1003,\"uuid\":\"SECRET\",\"payload\":[]}\0 ";
  g_autofree char *long_uuid = NULL;
  g_autofree char *longest_uuid = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"entityId\":1003,\"uuid\":\"SECRET\",\"payload\":[],\"x\":");

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_test_message ("body %u", i);
      assert_refused (bodies[i], strlen (bodies[i]));
    }

  assert_refused (not_utf8, strlen (not_utf8));
  assert_refused (with_nul, sizeof with_nul - 1);

  /* json-glib 1.6 recurses per level and would overflow the stack on a
   * body of brackets: nesting is capped. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  assert_refused (deep->str, deep->len);

  /* Nor may quotes that only json-glib sees as quotes, or comments, hide
   * the brackets from the count. */
  g_string_truncate (deep, 0);
  g_string_append (deep, "{\"entityId\":1003,\"uuid\":\"SECRET\",\"payload\":['\"',");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  assert_refused (deep->str, deep->len);
  g_string_truncate (deep, 0);
  g_string_append (deep, "{\"entityId\":1003,\"uuid\":\"SECRET\",\"payload\":[");
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "[/*]*/");
  assert_refused (deep->str, deep->len);

  /* The uuid is kept for a while: 256 bytes at most. */
  long_uuid = g_strnfill (MD_WEBHOOK_MAX_UUID_SIZE + 1, 'a');
  memcpy (long_uuid, "SECRET", 6);
  {
    g_autofree char *body = md_test_webhook_body (1003, long_uuid, "CUSTOMER_UPDATED");

    assert_refused (body, strlen (body));
  }
  longest_uuid = g_strnfill (MD_WEBHOOK_MAX_UUID_SIZE, 'a');
  {
    g_autofree char *body = md_test_webhook_body (1003, longest_uuid, "CUSTOMER_UPDATED");

    g_assert_true (md_webhook_parse (body, strlen (body), NULL, NULL, NULL, NULL));
  }
}

/* The body need not end in a NUL: exactly @length bytes are read. */
static void
test_parse_length (void)
{
  g_autofree char *body = md_test_webhook_body (1003, "u-1", "CUSTOMER_UPDATED");
  g_autofree char *padded = g_strconcat (body, "GARBAGE", NULL);
  g_autofree char *copy = g_memdup2 (body, strlen (body));
  gint64 customer_id = 0;

  g_assert_true (md_webhook_parse (padded, strlen (body), &customer_id, NULL, NULL, NULL));
  g_assert_cmpint (customer_id, ==, 1003);
  g_assert_false (md_webhook_parse (padded, strlen (padded), NULL, NULL, NULL, NULL));
  g_assert_true (md_webhook_parse (copy, strlen (body), NULL, NULL, NULL, NULL));
  g_assert_false (md_webhook_parse (body, strlen (body) - 1, NULL, NULL, NULL, NULL));
}

static void
test_event_type (void)
{
  static const char * const nicks[] = {
    "customer-updated", "customer-deleted", "customer-access-disabled",
  };
  g_autoptr(GEnumClass) enum_class = NULL;

  g_assert_true (G_TYPE_IS_ENUM (MD_TYPE_WEBHOOK_EVENT_TYPE));
  enum_class = g_type_class_ref (MD_TYPE_WEBHOOK_EVENT_TYPE);
  g_assert_cmpuint (enum_class->n_values, ==, G_N_ELEMENTS (nicks));

  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    {
      GEnumValue *value = g_enum_get_value (enum_class, i);

      g_assert_nonnull (value);
      g_assert_cmpstr (value->value_nick, ==, nicks[i]);
      g_assert_cmpstr (md_webhook_event_type_to_nick (i), ==, nicks[i]);
    }
  g_assert_null (md_webhook_event_type_to_nick (G_N_ELEMENTS (nicks)));
}

/* The receiver */

typedef struct
{
  gint64             customer_id;
  MdWebhookEventType type;
  gint64             timestamp;
  guint              deliveries;
} Emission;

typedef struct
{
  MdWebhookReceiver *receiver;
  SoupSession       *session;
  char              *url;    /* http://127.0.0.1:PORT */
  GArray            *events; /* Emission, every ::event */
  guint              n_updated;
  guint              n_deleted;
  guint              n_access_disabled;
  guint              n_uuids; /* for fresh uuids */
} Fixture;

static void
on_event (MdWebhookReceiver  *receiver,
          gint64              customer_id,
          MdWebhookEventType  type,
          gint64              timestamp,
          guint               deliveries,
          Fixture            *f)
{
  Emission emission = { customer_id, type, timestamp, deliveries };

  g_assert_true (receiver == f->receiver);
  g_array_append_val (f->events, emission);
}

static void
on_detail (MdWebhookReceiver  *receiver,
           gint64              customer_id,
           MdWebhookEventType  type,
           gint64              timestamp,
           guint               deliveries,
           guint              *counter)
{
  (*counter)++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->receiver = md_webhook_receiver_new (KEY);
  g_assert_cmpuint (md_webhook_receiver_get_port (f->receiver), ==, 0);
  g_assert_null (md_webhook_receiver_get_url (f->receiver));

  g_assert_true (md_webhook_receiver_listen (f->receiver, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (md_webhook_receiver_get_port (f->receiver), >, 0);
  f->url = g_strdup_printf ("http://127.0.0.1:%u", md_webhook_receiver_get_port (f->receiver));

  f->session = md_test_session_new ();
  f->events = g_array_new (FALSE, FALSE, sizeof (Emission));

  g_signal_connect (f->receiver, "event", G_CALLBACK (on_event), f);
  g_signal_connect (f->receiver, "event::customer-updated", G_CALLBACK (on_detail), &f->n_updated);
  g_signal_connect (f->receiver, "event::customer-deleted", G_CALLBACK (on_detail), &f->n_deleted);
  g_signal_connect (f->receiver, "event::customer-access-disabled", G_CALLBACK (on_detail),
                    &f->n_access_disabled);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Nothing else holds the receiver: the server's callbacks keep no
   * reference that would outlive it. */
  g_object_add_weak_pointer (G_OBJECT (f->receiver), (gpointer *) &f->receiver);
  g_object_unref (f->receiver);
  g_assert_null (f->receiver);

  g_object_unref (f->session);
  g_array_unref (f->events);
  g_free (f->url);
}

static char *
fresh_uuid (Fixture *f)
{
  return g_strdup_printf ("uuid-%u", ++f->n_uuids);
}

static SoupMessage *
new_post (Fixture    *f,
          const char *path,
          const char *key,
          const char *body)
{
  return md_test_message_new (SOUP_METHOD_POST, f->url, path, key, body);
}

static guint
post (Fixture    *f,
      const char *key,
      const char *body)
{
  g_autoptr(SoupMessage) msg = new_post (f, MD_WEBHOOK_PATH, key, body);
  g_autoptr(Response) response = md_test_send (f->session, msg);

  return response->status;
}

static guint
post_event (Fixture    *f,
            gint64      customer_id,
            const char *uuid,
            const char *type)
{
  g_autofree char *body = md_test_webhook_body (customer_id, uuid, type);
  g_autoptr(SoupMessage) msg = new_post (f, MD_WEBHOOK_PATH, KEY, body);
  g_autoptr(Response) response = md_test_send (f->session, msg);

  /* An acknowledgement has nothing to say. */
  if (response->status == SOUP_STATUS_OK)
    g_assert_cmpuint (g_bytes_get_size (response->body), ==, 0);

  return response->status;
}

static guint
count_events (Fixture *f,
              gint64   customer_id)
{
  guint count = 0;

  for (guint i = 0; i < f->events->len; i++)
    {
      if (g_array_index (f->events, Emission, i).customer_id == customer_id)
        count++;
    }

  return count;
}

typedef struct
{
  Fixture *f;
  gint64   customer_id;
  guint    count;
} EventWait;

static gboolean
events_reached (gpointer data)
{
  EventWait *wait = data;

  return count_events (wait->f, wait->customer_id) >= wait->count;
}

static void
wait_for_events (Fixture *f,
                 gint64   customer_id,
                 guint    count)
{
  EventWait wait = { f, customer_id, count };

  g_assert_true (md_test_spin_until (events_reached, &wait));
}

/* Events are emitted in the order their posts were accepted: once a later
 * marker event is out, every earlier event is, and "no event" is known. */
static void
post_marker_and_wait (Fixture *f)
{
  g_autofree char *uuid = fresh_uuid (f);
  guint before = count_events (f, MARKER_CUSTOMER);

  g_assert_cmpuint (post_event (f, MARKER_CUSTOMER, uuid, "CUSTOMER_UPDATED"), ==, 200);
  wait_for_events (f, MARKER_CUSTOMER, before + 1);
}

/* Keeps every idle of lower priority than G_PRIORITY_DEFAULT from running,
 * while sockets are served: the receiver's idle then waits for as long as
 * a test needs. */
static gboolean
starve_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static guint
starve_idles (void)
{
  return g_idle_add_full (G_PRIORITY_DEFAULT, starve_cb, NULL, NULL);
}

static void
test_listen (void)
{
  g_autoptr(MdWebhookReceiver) receiver = md_webhook_receiver_new (KEY);
  g_autoptr(MdWebhookReceiver) other = md_webhook_receiver_new (KEY);
  g_autoptr(MdWebhookReceiver) bad = md_webhook_receiver_new (KEY);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  guint port;

  g_assert_true (md_webhook_receiver_listen (receiver, NULL, 0, &error));
  g_assert_no_error (error);
  port = md_webhook_receiver_get_port (receiver);
  g_assert_cmpuint (port, >, 0);

  url = md_webhook_receiver_get_url (receiver);
  expected = g_strdup_printf ("http://127.0.0.1:%u/webhook", port);
  g_assert_cmpstr (url, ==, expected);

  /* The port is taken now. */
  g_assert_false (md_webhook_receiver_listen (other, "127.0.0.1", port, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (md_webhook_receiver_listen (bad, "localhost-ish", 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (md_webhook_receiver_get_port (bad), ==, 0);
  g_assert_null (md_webhook_receiver_get_url (bad));
}

static gboolean
can_connect (const char *address,
             guint       port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  /* Straight to the address: no proxy from the environment. */
  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, address, port, NULL, &error);
  if (connection == NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
      return FALSE;
    }

  return TRUE;
}

/* The default binds 127.0.0.1 only: 127.0.0.2 is loopback too on Linux,
 * and would reach a receiver bound to every address. Another address must
 * be asked for explicitly. */
static void
test_listen_address (void)
{
  g_autoptr(MdWebhookReceiver) receiver = md_webhook_receiver_new (KEY);
  g_autoptr(MdWebhookReceiver) cleared = md_webhook_receiver_new (KEY);
  g_autoptr(MdWebhookReceiver) explicit = md_webhook_receiver_new (KEY);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  guint port;

  g_assert_true (md_webhook_receiver_listen (receiver, NULL, 0, &error));
  g_assert_no_error (error);
  port = md_webhook_receiver_get_port (receiver);

  g_assert_true (can_connect ("127.0.0.1", port));
  g_assert_false (can_connect ("127.0.0.2", port));

  /* A cleared address setting means the default too. */
  g_assert_true (md_webhook_receiver_listen (cleared, "", 0, &error));
  g_assert_no_error (error);
  port = md_webhook_receiver_get_port (cleared);
  g_assert_true (can_connect ("127.0.0.1", port));
  g_assert_false (can_connect ("127.0.0.2", port));

  g_assert_true (md_webhook_receiver_listen (explicit, "127.0.0.2", 0, &error));
  g_assert_no_error (error);
  port = md_webhook_receiver_get_port (explicit);
  g_assert_true (can_connect ("127.0.0.2", port));
  g_assert_false (can_connect ("127.0.0.1", port));

  url = md_webhook_receiver_get_url (explicit);
  expected = g_strdup_printf ("http://127.0.0.2:%u/webhook", port);
  g_assert_cmpstr (url, ==, expected);
}

static void
test_updated (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *uuid = fresh_uuid (f);
  Emission *emission;

  g_assert_cmpuint (post_event (f, CUSTOMER, uuid, "CUSTOMER_UPDATED"), ==, 200);
  wait_for_events (f, CUSTOMER, 1);
  post_marker_and_wait (f);

  g_assert_cmpuint (count_events (f, CUSTOMER), ==, 1);
  emission = &g_array_index (f->events, Emission, 0);
  g_assert_cmpint (emission->customer_id, ==, CUSTOMER);
  g_assert_cmpint (emission->type, ==, MD_WEBHOOK_EVENT_CUSTOMER_UPDATED);

  /* The detail: the customer's event and the marker's, nothing else. */
  g_assert_cmpuint (f->n_updated, ==, 2);
  g_assert_cmpuint (f->n_deleted, ==, 0);
  g_assert_cmpuint (f->n_access_disabled, ==, 0);

  g_assert_cmpuint (md_webhook_receiver_get_accepted (f->receiver), ==, 2);
  g_assert_cmpuint (md_webhook_receiver_get_rejected (f->receiver), ==, 0);
  g_assert_cmpuint (md_webhook_receiver_get_duplicates (f->receiver), ==, 0);
  g_assert_cmpuint (md_webhook_receiver_get_dropped (f->receiver), ==, 0);
}

static void
test_deleted_and_disabled (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *uuid_1 = fresh_uuid (f);
  g_autofree char *uuid_2 = fresh_uuid (f);

  g_assert_cmpuint (post_event (f, 1001, uuid_1, "CUSTOMER_DELETED"), ==, 200);
  wait_for_events (f, 1001, 1);
  g_assert_cmpuint (f->n_deleted, ==, 1);
  g_assert_cmpuint (f->n_access_disabled, ==, 0);
  g_assert_cmpint (g_array_index (f->events, Emission, 0).type, ==,
                   MD_WEBHOOK_EVENT_CUSTOMER_DELETED);

  g_assert_cmpuint (post_event (f, 1002, uuid_2, "CUSTOMER_ACCESS_DISABLED"), ==, 200);
  wait_for_events (f, 1002, 1);
  g_assert_cmpuint (f->n_deleted, ==, 1);
  g_assert_cmpuint (f->n_access_disabled, ==, 1);
  g_assert_cmpuint (f->n_updated, ==, 0);
  g_assert_cmpint (g_array_index (f->events, Emission, 1).customer_id, ==, 1002);
  g_assert_cmpint (g_array_index (f->events, Emission, 1).type, ==,
                   MD_WEBHOOK_EVENT_CUSTOMER_ACCESS_DISABLED);
}

/* One delivery with several types: one emission per type, merged. */
static void
test_several_types (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_cmpuint (post (f, KEY, "{\"entityId\":1003,\"uuid\":\"several\",\"payload\":["
                               "{\"type\":\"CUSTOMER_UPDATED\"},{\"type\":\"CUSTOMER_DELETED\"},"
                               "{\"type\":\"CUSTOMER_UPDATED\"}]}"), ==, 200);
  post_marker_and_wait (f);

  g_assert_cmpuint (count_events (f, CUSTOMER), ==, 2);
  g_assert_cmpint (g_array_index (f->events, Emission, 0).type, ==,
                   MD_WEBHOOK_EVENT_CUSTOMER_UPDATED);
  g_assert_cmpint (g_array_index (f->events, Emission, 1).type, ==,
                   MD_WEBHOOK_EVENT_CUSTOMER_DELETED);
}

static void
test_unknown_type (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *uuid = fresh_uuid (f);

  g_assert_cmpuint (post_event (f, CUSTOMER, uuid, "CONTRACT_CANCELLED"), ==, 200);
  post_marker_and_wait (f);

  g_assert_cmpuint (count_events (f, CUSTOMER), ==, 0);
  g_assert_cmpuint (f->events->len, ==, 1);
  g_assert_cmpuint (md_webhook_receiver_get_accepted (f->receiver), ==, 2);
  g_assert_cmpuint (md_webhook_receiver_get_rejected (f->receiver), ==, 0);
}

static void
test_unknown_properties (Fixture       *f,
                         gconstpointer  data)
{
  g_assert_cmpuint (post (f, KEY, "{\"entityType\":\"CUSTOMER\",\"entityId\":1003,"
                               "\"uuid\":\"props\",\"studioId\":5,\"payload\":[{\"type\":"
                               "\"CUSTOMER_UPDATED\",\"timestamp\":\"not a number\","
                               "\"content\":[1,2],\"more\":{\"x\":null}}],\"z\":[]}"), ==, 200);
  wait_for_events (f, CUSTOMER, 1);
  g_assert_cmpuint (f->n_updated, ==, 1);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *uuid = fresh_uuid (f);

  g_assert_cmpuint (post_event (f, CUSTOMER, uuid, "CUSTOMER_UPDATED"), ==, 200);
  wait_for_events (f, CUSTOMER, 1);

  /* The same delivery again, even with another body: acknowledged, ignored. */
  g_assert_cmpuint (post_event (f, CUSTOMER, uuid, "CUSTOMER_UPDATED"), ==, 200);
  g_assert_cmpuint (post_event (f, 1001, uuid, "CUSTOMER_DELETED"), ==, 200);
  post_marker_and_wait (f);

  g_assert_cmpuint (count_events (f, CUSTOMER), ==, 1);
  g_assert_cmpuint (count_events (f, 1001), ==, 0);
  g_assert_cmpuint (md_webhook_receiver_get_duplicates (f->receiver), ==, 2);
  g_assert_cmpuint (md_webhook_receiver_get_accepted (f->receiver), ==, 2);
}

static void
test_bad_bodies (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const bodies[] = {
    /* entityId, uuid, payload missing */
    "{\"uuid\":\"bad-1\",\"payload\":[{\"type\":\"CUSTOMER_UPDATED\"}]}",
    "{\"entityId\":1003,\"payload\":[{\"type\":\"CUSTOMER_UPDATED\"}]}",
    "{\"entityId\":1003,\"uuid\":\"bad-3\"}",
    /* wrong types */
    "{\"entityId\":-1003,\"uuid\":\"bad-4\",\"payload\":[{\"type\":\"CUSTOMER_UPDATED\"}]}",
    "{\"entityId\":1003,\"uuid\":\"\",\"payload\":[{\"type\":\"CUSTOMER_UPDATED\"}]}",
    "{\"entityId\":1003,\"uuid\":\"bad-6\",\"payload\":{\"type\":\"CUSTOMER_UPDATED\"}}",
    /* not JSON, an array, empty */
    "CUSTOMER_UPDATED 1003",
    "[{\"entityId\":1003,\"uuid\":\"bad-8\",\"payload\":[{\"type\":\"CUSTOMER_UPDATED\"}]}]",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_test_message ("body %u", i);
      g_assert_cmpuint (post (f, KEY, bodies[i]), ==, SOUP_STATUS_BAD_REQUEST);
    }

  {
    /* No body at all. */
    g_autoptr(SoupMessage) msg = new_post (f, MD_WEBHOOK_PATH, KEY, NULL);
    g_autoptr(Response) response = md_test_send (f->session, msg);

    g_assert_cmpuint (response->status, ==, SOUP_STATUS_BAD_REQUEST);
  }

  post_marker_and_wait (f);
  g_assert_cmpuint (count_events (f, CUSTOMER), ==, 0);
  g_assert_cmpuint (md_webhook_receiver_get_rejected (f->receiver), ==, G_N_ELEMENTS (bodies) + 1);
  g_assert_cmpuint (md_webhook_receiver_get_accepted (f->receiver), ==, 1);

  /* A refused body's uuid was not remembered: the good delivery counts. */
  g_assert_cmpuint (post_event (f, CUSTOMER, "bad-6", "CUSTOMER_UPDATED"), ==, 200);
  wait_for_events (f, CUSTOMER, 1);
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *last_changed = g_strdup (KEY);
  g_autofree char *prefix = g_strndup (KEY, strlen (KEY) - 1);
  g_autofree char *longer = g_strconcat (KEY, "0", NULL);
  g_autofree char *body = md_test_webhook_body (CUSTOMER, "unauthorized", "CUSTOMER_UPDATED");
  const char *keys[] = { "wrong", NULL, last_changed, prefix, longer, "", " " KEY "x" };

  last_changed[strlen (last_changed) - 1] ^= 1;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(SoupMessage) msg = new_post (f, MD_WEBHOOK_PATH, keys[i], body);
      g_autoptr(Response) response = NULL;

      g_test_message ("key %u", i);
      response = md_test_send (f->session, msg);
      g_assert_cmpuint (response->status, ==, SOUP_STATUS_UNAUTHORIZED);
    }

  {
    /* The Open API's header name is not the webhook's. */
    g_autoptr(SoupMessage) msg = new_post (f, MD_WEBHOOK_PATH, NULL, body);
    g_autoptr(Response) response = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "X-API-KEY-2", KEY);
    response = md_test_send (f->session, msg);
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_UNAUTHORIZED);
  }

  post_marker_and_wait (f);
  g_assert_cmpuint (count_events (f, CUSTOMER), ==, 0);
  g_assert_cmpuint (md_webhook_receiver_get_rejected (f->receiver), ==, G_N_ELEMENTS (keys) + 1);

  /* None of them used up the uuid; the header name is case-insensitive. */
  {
    g_autoptr(SoupMessage) msg = new_post (f, MD_WEBHOOK_PATH, NULL, body);
    g_autoptr(Response) response = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Api-Key", KEY);
    response = md_test_send (f->session, msg);
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  }
  wait_for_events (f, CUSTOMER, 1);
}

static void
test_paths_and_methods (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *body = md_test_webhook_body (CUSTOMER, "paths", "CUSTOMER_UPDATED");
  static const char * const paths[] = { "/", "/webhook/", "/webhooks", "/hook", "/webhook/x" };
  static const char * const methods[] = { "GET", "PUT", "DELETE", "HEAD" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(SoupMessage) msg = new_post (f, paths[i], KEY, body);
      g_autoptr(Response) response = md_test_send (f->session, msg);

      g_test_message ("path %s", paths[i]);
      g_assert_cmpuint (response->status, ==, SOUP_STATUS_NOT_FOUND);
    }

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(SoupMessage) msg = md_test_message_new (methods[i], f->url, MD_WEBHOOK_PATH,
                                                        KEY, NULL);
      g_autoptr(Response) response = md_test_send (f->session, msg);

      g_test_message ("method %s", methods[i]);
      g_assert_cmpuint (response->status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
      g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Allow"), ==, "POST");
    }

  post_marker_and_wait (f);
  g_assert_cmpuint (count_events (f, CUSTOMER), ==, 0);
  g_assert_cmpuint (md_webhook_receiver_get_rejected (f->receiver), ==,
                    G_N_ELEMENTS (paths) + G_N_ELEMENTS (methods));
}

/* A valid body padded with an unknown member to exactly @size bytes. */
static char *
padded_body (gsize       size,
             const char *uuid)
{
  g_autofree char *head = g_strdup_printf ("{\"entityId\":1003,\"uuid\":\"%s\",\"payload\":"
                                           "[{\"type\":\"CUSTOMER_UPDATED\"}],\"pad\":\"", uuid);
  gsize fixed = strlen (head) + strlen ("\"}");
  g_autofree char *pad = NULL;

  g_assert_cmpuint (size, >, fixed);
  pad = g_strnfill (size - fixed, 'p');

  return g_strconcat (head, pad, "\"}", NULL);
}

static void
test_body_cap (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *at_cap = padded_body (MD_WEBHOOK_MAX_BODY_SIZE, "at-cap");
  g_autofree char *over_cap = padded_body (MD_WEBHOOK_MAX_BODY_SIZE + 1, "over-cap");
  g_autofree char *far_over = padded_body (65 * 1024 + 1, "far-over");

  g_assert_cmpuint (strlen (at_cap), ==, MD_WEBHOOK_MAX_BODY_SIZE);

  g_assert_cmpuint (post (f, KEY, over_cap), ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  g_assert_cmpuint (post (f, KEY, far_over), ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  post_marker_and_wait (f);
  g_assert_cmpuint (count_events (f, CUSTOMER), ==, 0);
  g_assert_cmpuint (md_webhook_receiver_get_rejected (f->receiver), ==, 2);

  /* Exactly at the cap is fine. */
  g_assert_cmpuint (post (f, KEY, at_cap), ==, SOUP_STATUS_OK);
  wait_for_events (f, CUSTOMER, 1);
}

/* A chunked body announces no length: it is capped while it arrives. */
static void
test_body_cap_chunked (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *over_cap = padded_body (MD_WEBHOOK_MAX_BODY_SIZE + 1, "chunked-over");
  g_autofree char *small = md_test_webhook_body (CUSTOMER, "chunked-small", "CUSTOMER_UPDATED");
  const char *bodies[] = { over_cap, small };
  const guint statuses[] = { SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, SOUP_STATUS_OK };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(SoupMessage) msg = new_post (f, MD_WEBHOOK_PATH, KEY, NULL);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(Response) response = NULL;

      stream = g_memory_input_stream_new_from_data (g_strdup (bodies[i]), strlen (bodies[i]),
                                                    g_free);
      soup_message_set_request_body (msg, "application/json", stream, -1);
      response = md_test_send (f->session, msg);
      g_assert_cmpuint (response->status, ==, statuses[i]);
    }

  post_marker_and_wait (f);
  g_assert_cmpuint (count_events (f, CUSTOMER), ==, 1);
  g_assert_cmpuint (md_webhook_receiver_get_rejected (f->receiver), ==, 1);
}

/* A body announced far beyond the cap is not read at all: the connection
 * is dropped, and the receiver goes on serving others. */
static void
test_body_announced_huge (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *huge = padded_body (2 * 1024 * 1024, "huge");
  g_autoptr(SoupMessage) msg = new_post (f, MD_WEBHOOK_PATH, KEY, huge);
  g_autoptr(SoupSession) session = md_test_session_new ();
  MdTestSending sending = { FALSE, NULL, NULL };

  md_test_send_begin (session, msg, NULL, &sending);
  md_test_spin_until_set (&sending.done);
  /* Either the 413 arrived before the hang-up or the connection broke. */
  if (sending.error == NULL)
    g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  g_clear_error (&sending.error);
  g_clear_pointer (&sending.bytes, g_bytes_unref);

  g_assert_cmpuint (md_webhook_receiver_get_rejected (f->receiver), ==, 1);
  post_marker_and_wait (f);
  g_assert_cmpuint (count_events (f, CUSTOMER), ==, 0);
}

/* Sends @head (request line and headers, no body) on a raw connection and
 * returns the first line of the answer. */
static char *
raw_first_line (Fixture    *f,
                const char *head)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  GInputStream *input;
  const char *data;
  gsize length;
  const char *end;

  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                md_webhook_receiver_get_port (f->receiver),
                                                NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                            head, strlen (head), NULL, NULL, &error));
  g_assert_no_error (error);

  input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_input_stream_read_bytes_async (input, 4096, G_PRIORITY_DEFAULT, NULL, md_test_async_done,
                                   &result);
  answer = g_input_stream_read_bytes_finish (input, md_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  data = g_bytes_get_data (answer, &length);
  end = memchr (data, '\r', length);
  g_assert_nonnull (end);

  return g_strndup (data, end - data);
}

/* The headers alone settle a wrong key or an announced oversized body: a
 * client waiting for 100 Continue gets the refusal without sending it. */
static void
test_refused_on_headers (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *too_large = NULL;
  g_autofree char *unauthorized = NULL;
  g_autofree char *line = NULL;

  too_large = g_strdup_printf ("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: %s\r\n"
                               "Content-Type: application/json\r\nContent-Length: %u\r\n"
                               "Expect: 100-continue\r\n\r\n",
                               KEY, MD_WEBHOOK_MAX_BODY_SIZE + 1);
  line = raw_first_line (f, too_large);
  g_assert_cmpstr (line, ==, "HTTP/1.1 413 Request Entity Too Large");
  g_clear_pointer (&line, g_free);

  unauthorized = g_strdup_printf ("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "x-api-key: wrong\r\nContent-Length: 100\r\n"
                                  "Expect: 100-continue\r\n\r\n");
  line = raw_first_line (f, unauthorized);
  g_assert_cmpstr (line, ==, "HTTP/1.1 401 Unauthorized");

  g_assert_cmpuint (md_webhook_receiver_get_rejected (f->receiver), ==, 2);
}

typedef struct
{
  Fixture       *f;
  MdTestSending  sending;
  gboolean       answered_in_handler;
  guint          n_calls;
} AnswerCheck;

static gboolean
sending_done (gpointer data)
{
  return ((MdTestSending *) data)->done;
}

/* Runs in the ::event handler. Were ::event emitted from the server's
 * handler, the answer would not be written before this returns, and the
 * client could not get it however long the loop spins. */
static void
on_event_check_answer (MdWebhookReceiver  *receiver,
                       gint64              customer_id,
                       MdWebhookEventType  type,
                       gint64              timestamp,
                       guint               deliveries,
                       AnswerCheck        *check)
{
  check->n_calls++;
  check->answered_in_handler = md_test_spin_until (sending_done, &check->sending);
}

static void
test_answer_before_event (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *body = md_test_webhook_body (CUSTOMER, "answer-first", "CUSTOMER_UPDATED");
  g_autoptr(SoupMessage) msg = new_post (f, MD_WEBHOOK_PATH, KEY, body);
  AnswerCheck check = { f, { FALSE, NULL, NULL }, FALSE, 0 };
  gulong handler;

  handler = g_signal_connect (f->receiver, "event", G_CALLBACK (on_event_check_answer), &check);

  md_test_send_begin (f->session, msg, NULL, &check.sending);
  wait_for_events (f, CUSTOMER, 1);

  g_assert_cmpuint (check.n_calls, ==, 1);
  g_assert_true (check.answered_in_handler);
  g_assert_no_error (check.sending.error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  g_clear_pointer (&check.sending.bytes, g_bytes_unref);

  g_signal_handler_disconnect (f->receiver, handler);
}

/* While the idle waits, repeats for the same customer and type merge. */
static void
test_coalesce (Fixture       *f,
               gconstpointer  data)
{
  guint starver = starve_idles ();

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *uuid = fresh_uuid (f);

      g_assert_cmpuint (post_event (f, CUSTOMER, uuid, "CUSTOMER_UPDATED"), ==, 200);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *uuid = fresh_uuid (f);

      g_assert_cmpuint (post_event (f, 1001, uuid, "CUSTOMER_UPDATED"), ==, 200);
    }
  {
    g_autofree char *uuid = fresh_uuid (f);

    g_assert_cmpuint (post_event (f, CUSTOMER, uuid, "CUSTOMER_DELETED"), ==, 200);
  }

  /* Nothing is emitted while idles cannot run. */
  g_assert_cmpuint (f->events->len, ==, 0);
  g_source_remove (starver);
  md_test_run_pending_idles ();

  g_assert_cmpuint (md_webhook_receiver_get_accepted (f->receiver), ==, 14);
  g_assert_cmpuint (f->events->len, ==, 3);
  g_assert_cmpint (g_array_index (f->events, Emission, 0).customer_id, ==, CUSTOMER);
  g_assert_cmpint (g_array_index (f->events, Emission, 0).type, ==,
                   MD_WEBHOOK_EVENT_CUSTOMER_UPDATED);
  g_assert_cmpint (g_array_index (f->events, Emission, 1).customer_id, ==, 1001);
  g_assert_cmpint (g_array_index (f->events, Emission, 2).customer_id, ==, CUSTOMER);
  g_assert_cmpint (g_array_index (f->events, Emission, 2).type, ==,
                   MD_WEBHOOK_EVENT_CUSTOMER_DELETED);

  /* Once emitted, the next one is emitted again. */
  post_marker_and_wait (f);
  {
    g_autofree char *uuid = fresh_uuid (f);

    g_assert_cmpuint (post_event (f, CUSTOMER, uuid, "CUSTOMER_UPDATED"), ==, 200);
  }
  wait_for_events (f, CUSTOMER, 3);
}

/* At most MD_WEBHOOK_MAX_PENDING distinct events wait; more are dropped. */
static void
test_pending_bound (Fixture       *f,
                    gconstpointer  data)
{
  const guint extra = 20;
  guint starver = starve_idles ();

  for (guint i = 0; i < MD_WEBHOOK_MAX_PENDING + extra; i++)
    {
      g_autofree char *uuid = fresh_uuid (f);

      g_assert_cmpuint (post_event (f, 5000 + i, uuid, "CUSTOMER_UPDATED"), ==, 200);
    }
  /* A repeat of a waiting one merges and is not dropped. */
  {
    g_autofree char *uuid = fresh_uuid (f);

    g_assert_cmpuint (post_event (f, 5000, uuid, "CUSTOMER_UPDATED"), ==, 200);
  }

  g_assert_cmpuint (md_webhook_receiver_get_dropped (f->receiver), ==, extra);
  g_source_remove (starver);
  md_test_run_pending_idles ();

  g_assert_cmpuint (f->events->len, ==, MD_WEBHOOK_MAX_PENDING);
  g_assert_cmpint (g_array_index (f->events, Emission, 0).customer_id, ==, 5000);
  /* The repeat is counted in the merged event, with the body's timestamp. */
  g_assert_cmpuint (g_array_index (f->events, Emission, 0).deliveries, ==, 2);
  g_assert_cmpint (g_array_index (f->events, Emission, 0).timestamp, ==, 1767225600000);
  g_assert_cmpuint (g_array_index (f->events, Emission, 1).deliveries, ==, 1);
  g_assert_cmpint (g_array_index (f->events, Emission, MD_WEBHOOK_MAX_PENDING - 1).customer_id,
                   ==, 5000 + MD_WEBHOOK_MAX_PENDING - 1);
  g_assert_cmpuint (md_webhook_receiver_get_accepted (f->receiver), ==,
                    MD_WEBHOOK_MAX_PENDING + extra + 1);

  /* Room again. */
  post_marker_and_wait (f);
  g_assert_cmpuint (md_webhook_receiver_get_dropped (f->receiver), ==, extra);
}

/* Sends @total posts for @customer_id with uuids PREFIX-N, FLOOD_IN_FLIGHT
 * at a time over as many connections; returns how many got 200. */
static guint
run_flood (Fixture    *f,
           const char *prefix,
           gint64      customer_id,
           guint       total)
{
  return md_test_webhook_flood (f->url, KEY, customer_id, prefix, total, FLOOD_IN_FLIGHT);
}

static void
test_flood (Fixture       *f,
            gconstpointer  data)
{
  guint emissions;

  g_assert_cmpuint (run_flood (f, "flood", CUSTOMER, FLOOD_COUNT), ==, FLOOD_COUNT);
  g_assert_cmpuint (md_webhook_receiver_get_accepted (f->receiver), ==, FLOOD_COUNT);
  g_assert_cmpuint (md_webhook_receiver_get_duplicates (f->receiver), ==, 0);
  g_assert_cmpuint (md_webhook_receiver_get_rejected (f->receiver), ==, 0);

  post_marker_and_wait (f);
  emissions = count_events (f, CUSTOMER);
  g_test_message ("%u posts with distinct uuids for one customer, %u in flight: %u emissions",
                  FLOOD_COUNT, FLOOD_IN_FLIGHT, emissions);
  g_assert_cmpuint (emissions, >=, 1);
  g_assert_cmpuint (emissions, <, FLOOD_COUNT);
  /* Merged or not, every delivery is counted once. */
  {
    guint deliveries = 0;

    for (guint i = 0; i < f->events->len; i++)
      {
        const Emission *emission = &g_array_index (f->events, Emission, i);

        if (emission->customer_id == CUSTOMER)
          deliveries += emission->deliveries;
      }
    g_assert_cmpuint (deliveries, ==, FLOOD_COUNT);
  }
  g_assert_cmpuint (md_webhook_receiver_get_dropped (f->receiver), ==, 0);
}

/* Only the last MD_WEBHOOK_RECENT_UUIDS uuids are remembered; a repeat
 * counts as recent use. */
static void
test_recent_uuids (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpuint (post_event (f, CUSTOMER, "old", "CUSTOMER_UPDATED"), ==, 200);
  wait_for_events (f, CUSTOMER, 1);

  /* 1023 others: "old" is still among the last 1024. */
  g_assert_cmpuint (run_flood (f, "first", 1001, MD_WEBHOOK_RECENT_UUIDS - 1), ==,
                    MD_WEBHOOK_RECENT_UUIDS - 1);
  g_assert_cmpuint (post_event (f, CUSTOMER, "old", "CUSTOMER_UPDATED"), ==, 200);
  g_assert_cmpuint (md_webhook_receiver_get_duplicates (f->receiver), ==, 1);

  /* 1024 more after that repeat: now it is forgotten. */
  g_assert_cmpuint (run_flood (f, "second", 1001, MD_WEBHOOK_RECENT_UUIDS), ==,
                    MD_WEBHOOK_RECENT_UUIDS);
  g_assert_cmpuint (post_event (f, CUSTOMER, "old", "CUSTOMER_UPDATED"), ==, 200);
  g_assert_cmpuint (md_webhook_receiver_get_duplicates (f->receiver), ==, 1);
  g_assert_cmpuint (md_webhook_receiver_get_accepted (f->receiver), ==,
                    2 + 2 * MD_WEBHOOK_RECENT_UUIDS - 1);
  wait_for_events (f, CUSTOMER, 2);

  /* And remembered again. */
  g_assert_cmpuint (post_event (f, CUSTOMER, "old", "CUSTOMER_UPDATED"), ==, 200);
  g_assert_cmpuint (md_webhook_receiver_get_duplicates (f->receiver), ==, 2);
}

/* Stopping closes the port and drops events not yet emitted. */
static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *body = md_test_webhook_body (CUSTOMER, "after-stop", "CUSTOMER_UPDATED");
  g_autoptr(SoupSession) session = md_test_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  MdTestSending sending = { FALSE, NULL, NULL };
  guint starver = starve_idles ();

  g_assert_cmpuint (post_event (f, CUSTOMER, "before-stop", "CUSTOMER_UPDATED"), ==, 200);
  md_webhook_receiver_stop (f->receiver);
  md_webhook_receiver_stop (f->receiver);
  g_source_remove (starver);
  md_test_run_pending_idles ();
  g_assert_cmpuint (f->events->len, ==, 0);

  msg = new_post (f, MD_WEBHOOK_PATH, KEY, body);
  md_test_send_begin (session, msg, NULL, &sending);
  md_test_spin_until_set (&sending.done);
  g_assert_nonnull (sending.error);
  g_clear_error (&sending.error);
  g_clear_pointer (&sending.bytes, g_bytes_unref);
  g_assert_cmpuint (f->events->len, ==, 0);
}

/* Dropping the last reference while events wait: none is emitted later. */
static void
test_dispose_pending (void)
{
  g_autoptr(SoupSession) session = md_test_session_new ();
  g_autoptr(GError) error = NULL;
  MdWebhookReceiver *receiver = md_webhook_receiver_new (KEY);
  g_autofree char *url = NULL;
  g_autofree char *body = md_test_webhook_body (CUSTOMER, "dispose", "CUSTOMER_UPDATED");
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(Response) response = NULL;
  guint starver = starve_idles ();
  guint n_events = 0;

  g_assert_true (md_webhook_receiver_listen (receiver, NULL, 0, &error));
  g_assert_no_error (error);
  g_signal_connect (receiver, "event", G_CALLBACK (on_detail), &n_events);

  url = g_strdup_printf ("http://127.0.0.1:%u", md_webhook_receiver_get_port (receiver));
  msg = md_test_message_new (SOUP_METHOD_POST, url, MD_WEBHOOK_PATH, KEY, body);
  response = md_test_send (session, msg);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);

  g_object_add_weak_pointer (G_OBJECT (receiver), (gpointer *) &receiver);
  g_object_unref (receiver);
  g_assert_null (receiver);

  g_source_remove (starver);
  md_test_run_pending_idles ();
  g_assert_cmpuint (n_events, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/webhook/parse/accepted", test_parse_accepted);
  g_test_add_func ("/webhook/parse/refused", test_parse_refused);
  g_test_add_func ("/webhook/parse/length", test_parse_length);
  g_test_add_func ("/webhook/event-type", test_event_type);
  g_test_add_func ("/webhook/listen", test_listen);
  g_test_add_func ("/webhook/listen-address", test_listen_address);
  g_test_add_func ("/webhook/dispose-pending", test_dispose_pending);

#define ADD(path, func) \
  g_test_add ("/webhook/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("updated", test_updated);
  ADD ("deleted-and-disabled", test_deleted_and_disabled);
  ADD ("several-types", test_several_types);
  ADD ("unknown-type", test_unknown_type);
  ADD ("unknown-properties", test_unknown_properties);
  ADD ("duplicate", test_duplicate);
  ADD ("bad-bodies", test_bad_bodies);
  ADD ("unauthorized", test_unauthorized);
  ADD ("paths-and-methods", test_paths_and_methods);
  ADD ("body-cap", test_body_cap);
  ADD ("body-cap-chunked", test_body_cap_chunked);
  ADD ("body-announced-huge", test_body_announced_huge);
  ADD ("refused-on-headers", test_refused_on_headers);
  ADD ("answer-before-event", test_answer_before_event);
  ADD ("coalesce", test_coalesce);
  ADD ("pending-bound", test_pending_bound);
  ADD ("flood", test_flood);
  ADD ("recent-uuids", test_recent_uuids);
  ADD ("stop", test_stop);

#undef ADD

  return g_test_run ();
}

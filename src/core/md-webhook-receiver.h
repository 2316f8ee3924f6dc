/* md-webhook-receiver.h: receives the studio's webhooks (CUSTOMER_UPDATED and others)
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The one path the receiver answers on: the studio is given
 * "http://HOST:PORT/webhook" (see md_webhook_receiver_get_url). */
#define MD_WEBHOOK_PATH          "/webhook"
/* Larger bodies are refused with 413. */
#define MD_WEBHOOK_MAX_BODY_SIZE (64 * 1024)
/* How many delivery uuids are remembered to drop repeated deliveries. */
#define MD_WEBHOOK_RECENT_UUIDS  1024
/* How many distinct (customer, type) events may wait for the idle that
 * emits them; more are dropped and counted. */
#define MD_WEBHOOK_MAX_PENDING   256
/* Longer uuids are refused: 1024 of them are kept in memory. */
#define MD_WEBHOOK_MAX_UUID_SIZE 256

/* The customer events the receiver passes on; every other type is
 * acknowledged and ignored. The nicks are the signal details. */
typedef enum
{
  MD_WEBHOOK_EVENT_CUSTOMER_UPDATED,         /* "customer-updated" */
  MD_WEBHOOK_EVENT_CUSTOMER_DELETED,         /* "customer-deleted" */
  MD_WEBHOOK_EVENT_CUSTOMER_ACCESS_DISABLED, /* "customer-access-disabled" */
} MdWebhookEventType;

#define MD_TYPE_WEBHOOK_EVENT_TYPE (md_webhook_event_type_get_type ())

GType       md_webhook_event_type_get_type (void) G_GNUC_CONST;
/* The nick, e.g. "customer-updated"; NULL for a value out of range. */
const char *md_webhook_event_type_to_nick  (MdWebhookEventType type);

/* One known entry of a delivery's payload. */
typedef struct
{
  MdWebhookEventType type;
  gint64             timestamp; /* ms since the epoch, server time; 0 if not given */
} MdWebhookEvent;

/* Parses one webhook body as CONTRACT.md describes it:
 *   {"entityId": 1003, "uuid": "…",
 *    "payload": [{"timestamp": 1767225600000, "type": "CUSTOMER_UPDATED",
 *                 "content": {…}}, …]}
 * The root must be an object, entityId a positive integer, uuid a string of
 * 1 to MD_WEBHOOK_MAX_UUID_SIZE bytes, payload an array. Unknown members
 * are ignored, and so are payload entries that are not objects, lack a
 * string type or have a type other than the three above. A timestamp that
 * is not a positive integer is taken as none.
 *
 * On success *@customer_id, *@uuid and *@events (an array of MdWebhookEvent
 * in payload order, possibly empty) are set, each if not NULL; on failure
 * they are left alone and @error is G_IO_ERROR_INVALID_DATA with a message
 * that never quotes the body. A pure function, for tests and fuzzing. */
gboolean    md_webhook_parse               (const char          *data,
                                            gsize                length,
                                            gint64              *customer_id,
                                            char               **uuid,
                                            GArray             **events,
                                            GError             **error);

#define MD_TYPE_WEBHOOK_RECEIVER (md_webhook_receiver_get_type ())

/* An HTTP server taking webhooks: POST MD_WEBHOOK_PATH with the webhook key
 * in the x-api-key header (compared in constant time) and a body that
 * md_webhook_parse() accepts is answered 200 at once, with an empty body.
 * Its events are emitted afterwards as ::event from an idle of the
 * thread-default main context of md_webhook_receiver_listen(); events for
 * the same customer and type that arrive while that idle waits are merged
 * into one. A delivery whose uuid was among the last
 * MD_WEBHOOK_RECENT_UUIDS is answered 200 and ignored.
 *
 * Refused, before the body is read where the headers suffice: 404 for
 * another path, 405 (with Allow: POST) for another method, 401 for a
 * missing or wrong key, 413 for a body over MD_WEBHOOK_MAX_BODY_SIZE, 400
 * for a body md_webhook_parse() refuses.
 *
 * Signals:
 *   ::event (gint64 customer_id, MdWebhookEventType type, gint64 timestamp,
 *   guint deliveries), detailed by the type's nick:
 *   "event::customer-updated". Merged events carry the latest timestamp
 *   and how many deliveries they stand for.
 *
 * Logs (g_debug) name statuses and counts only, never bodies, keys or ids.
 * md_webhook_receiver_stop() and disposing stop the server and drop
 * events not yet emitted. */
G_DECLARE_FINAL_TYPE (MdWebhookReceiver, md_webhook_receiver, MD, WEBHOOK_RECEIVER, GObject)

/* @key: the webhook key the studio sends (not the Open API key); not
 * empty. Only its SHA-256 digest is kept. */
MdWebhookReceiver *md_webhook_receiver_new            (const char         *key);
/* Starts listening on @address (an IP address; NULL or "": 127.0.0.1, so
 * only this computer can reach it) and @port (0: one the system picks).
 * Once per receiver. */
gboolean           md_webhook_receiver_listen         (MdWebhookReceiver  *self,
                                                       const char         *address,
                                                       guint               port,
                                                       GError            **error);
/* Closes the listening socket and every connection, and drops events not
 * yet emitted. The receiver cannot listen again. */
void               md_webhook_receiver_stop           (MdWebhookReceiver  *self);
/* 0 until listening. */
guint              md_webhook_receiver_get_port       (MdWebhookReceiver  *self);
/* The URL to register with the sender, "http://127.0.0.1:PORT/webhook"
 * (an IPv6 address in brackets); NULL until listening. For a wildcard
 * address (0.0.0.0, ::) the caller puts in a host name the sender reaches. */
char              *md_webhook_receiver_get_url        (MdWebhookReceiver  *self);

/* Counters: posts answered 200 with a new uuid, answered with 4xx,
 * answered 200 with a uuid seen before, and events dropped because
 * MD_WEBHOOK_MAX_PENDING were already waiting. */
guint              md_webhook_receiver_get_accepted   (MdWebhookReceiver  *self);
guint              md_webhook_receiver_get_rejected   (MdWebhookReceiver  *self);
guint              md_webhook_receiver_get_duplicates (MdWebhookReceiver  *self);
guint              md_webhook_receiver_get_dropped    (MdWebhookReceiver  *self);

G_END_DECLS

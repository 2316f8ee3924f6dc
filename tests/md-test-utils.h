/* md-test-utils.h: helpers shared by the test programs
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "md-client.h"

G_BEGIN_DECLS

/* Every wait in the tests ends by this deadline at the latest, times
 * $MD_TEST_WAIT_MULTIPLIER (a whole number) where the code runs many times
 * slower than usual: under AddressSanitizer or valgrind. */
#define MD_TEST_WAIT_SECONDS 20

typedef gboolean (*MdTestPredicate) (gpointer data);

/* A webhook receiver at its url, keeping what each call brought. */
typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *methods;  /* char * */
  GPtrArray  *keys;     /* char *: the x-api-key header, or NULL */
  GPtrArray  *bodies;   /* GBytes * */
} MdTestHooks;

typedef struct
{
  gboolean  done;
  GBytes   *bytes;
  GError   *error;
} MdTestSending;

/* What the demo backend's seed holds for one of its members. */
typedef struct
{
  gint64          customer_id;
  MdAmendmentMode modes[MD_N_DOMAINS];
  gboolean        require_signature;
} MdTestSeedMember;

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  JsonNode           *json;  /* NULL unless the body is JSON */
} MdTestResponse;

/* Waiting with a deadline */

/* $MD_TEST_WAIT_MULTIPLIER, 1 when unset: how many times slower than
 * usual the code runs here (5 under AddressSanitizer, 10 under valgrind).
 * Deadlines and settling times scale with it; above 1, what only speed
 * decides (frames painted during a flood) says nothing. */
guint                   md_test_wait_multiplier     (void);
/* Spins the main context until @predicate holds or the deadline passed;
 * returns what @predicate says at the end. */
gboolean                md_test_spin_until          (MdTestPredicate           predicate,
                                                     gpointer                  data);
/* Spins until *@flag is set; fails the test at the deadline. */
void                    md_test_spin_until_set      (const gboolean           *flag);
/* Spins until every idle at G_PRIORITY_DEFAULT_IDLE that was ready has run. */
void                    md_test_run_pending_idles   (void);
/* A GAsyncReadyCallback storing a reference to the result in the
 * GAsyncResult * that @user_data points to. */
void                    md_test_async_done          (GObject                  *source,
                                                     GAsyncResult             *result,
                                                     gpointer                  user_data);
/* Spins until *@slot is set by md_test_async_done; fails at the deadline. */
GAsyncResult           *md_test_wait_for_result     (GAsyncResult            **slot);

/* The API client's calls, run to completion */

MdSnapshot             *md_test_get_domain          (MdClient                 *client,
                                                     gint64                    customer_id,
                                                     MdDomain                  domain,
                                                     GError                  **error);
MdMemberData           *md_test_load_member         (MdClient                 *client,
                                                     gint64                    customer_id,
                                                     GError                  **error);
MdAmendment            *md_test_submit              (MdClient                 *client,
                                                     gint64                    customer_id,
                                                     MdRecord                 *current,
                                                     MdRecord                 *draft,
                                                     const char               *signature,
                                                     GError                  **error);
gboolean                md_test_withdraw            (MdClient                 *client,
                                                     gint64                    customer_id,
                                                     gint64                    amendment_id,
                                                     GError                  **error);
gboolean                md_test_check_key           (MdClient                 *client,
                                                     GError                  **error);

/* Loopback servers */

/* Listens on 127.0.0.1 at a free port; returns the base URL without a
 * trailing slash (https:// with SOUP_SERVER_LISTEN_HTTPS in @options). */
char                   *md_test_listen              (SoupServer               *server,
                                                     SoupServerListenOptions   options);
MdTestHooks            *md_test_hooks_new           (void);
void                    md_test_hooks_free          (MdTestHooks              *hooks);
/* Spins until @count calls arrived; fails the test at the deadline. */
void                    md_test_hooks_wait          (MdTestHooks              *hooks,
                                                     guint                     count);
/* Checks the @index-th call: a POST with @key carrying one documented
 * CUSTOMER_UPDATED event for @customer_id. */
void                    md_test_hooks_assert_event  (MdTestHooks              *hooks,
                                                     guint                     index,
                                                     const char               *key,
                                                     gint64                    customer_id);

/* Plain HTTP */

SoupSession            *md_test_session_new         (void);
/* @key goes into x-api-key and @body is sent as JSON, each unless NULL. */
SoupMessage            *md_test_message_new         (const char               *method,
                                                     const char               *base_url,
                                                     const char               *path,
                                                     const char               *key,
                                                     const char               *body);
/* Starts sending @msg; @sending is filled in once it is done. */
void                    md_test_send_begin          (SoupSession              *session,
                                                     SoupMessage              *msg,
                                                     GCancellable             *cancellable,
                                                     MdTestSending            *sending);
/* Sends @msg and waits for the answer, which must arrive. */
MdTestResponse         *md_test_send                (SoupSession              *session,
                                                     SoupMessage              *msg);
void                    md_test_response_free       (MdTestResponse           *response);
/* The body, which must be a JSON object; owned by @response. */
JsonObject             *md_test_response_get_object (MdTestResponse           *response);
void                    md_test_assert_json_type    (MdTestResponse           *response);

/* The demo backend */

/* The seeded members, 1001 to 1004, in that order. */
const MdTestSeedMember *md_test_get_seed_members    (guint                    *n_members);

/* JSON and GObject */

/* Parses @length bytes of @text (up to a NUL for -1): a JSON object. */
JsonObject             *md_test_parse_object        (const char               *text,
                                                     gssize                    length);
/* Parses a snapshot of @domain as md_json_parse_snapshot() does; it must work. */
MdSnapshot             *md_test_parse_snapshot      (MdDomain                  domain,
                                                     const char               *text,
                                                     gssize                    length);
/* A "notify" handler counting into the guint that @counter points to. */
void                    md_test_count_notify        (GObject                  *object,
                                                     GParamSpec               *pspec,
                                                     guint                    *counter);

/* The body of a Magicline webhook with one event of @type. */
char                   *md_test_webhook_body        (gint64                    customer_id,
                                                     const char               *uuid,
                                                     const char               *type);
/* POSTs @total CUSTOMER_UPDATED webhooks for @customer_id to @base_url's
 * MD_WEBHOOK_PATH with uuids PREFIX-N, @in_flight at a time over as many
 * connections, and spins until all are answered: how many got 200. */
guint                   md_test_webhook_flood       (const char               *base_url,
                                                     const char               *key,
                                                     gint64                    customer_id,
                                                     const char               *prefix,
                                                     guint                     total,
                                                     guint                     in_flight);

/* A request as a raw socket server reads it, for servers that misbehave on
 * purpose. */
typedef struct
{
  char *method;
  char *path;
  char *api_key;
  char *accept;
  char *accept_language;
  char *body;
} MdTestRawRequest;

/* Reads one HTTP/1.1 request (head and Content-Length body) from @input;
 * NULL when the client went away. Blocking: for server threads. */
MdTestRawRequest       *md_test_read_raw_request    (GInputStream             *input);
void                    md_test_raw_request_free    (MdTestRawRequest         *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdTestRawRequest, md_test_raw_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdTestHooks, md_test_hooks_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdTestResponse, md_test_response_free)

G_END_DECLS

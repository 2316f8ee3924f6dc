/* md-demo-server.h: an in-memory studio that speaks the self-service contract
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "md-domain.h"

G_BEGIN_DECLS

/* One amendment waiting for the studio's decision, as the studio inbox
 * lists it. */
typedef struct
{
  gint64    customer_id;
  char     *customer_name;  /* "First Last" from the master data, or NULL */
  MdDomain  domain;
  gint64    amendment_id;
  /* The translated labels of the fields the change touches, "Street,
   * City"; "" when it changes nothing, NULL when its values are unknown. */
  char     *summary;
} MdDemoPending;

#define MD_TYPE_DEMO_PENDING (md_demo_pending_get_type ())

GType          md_demo_pending_get_type (void) G_GNUC_CONST;
MdDemoPending *md_demo_pending_copy     (const MdDemoPending *pending);
void           md_demo_pending_free     (MdDemoPending       *pending);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdDemoPending, md_demo_pending_free)

#define MD_TYPE_DEMO_SERVER (md_demo_server_get_type ())

G_DECLARE_FINAL_TYPE (MdDemoServer, md_demo_server, MD, DEMO_SERVER, GObject)

/* @api_key NULL: "demo-key". */
MdDemoServer *md_demo_server_new            (const char    *api_key);
/* Listens on 127.0.0.1; @port 0 lets the system choose. */
gboolean      md_demo_server_listen         (MdDemoServer  *self,
                                             guint          port,
                                             GError       **error);
guint         md_demo_server_get_port       (MdDemoServer  *self);
/* "http://127.0.0.1:PORT", without a trailing slash. */
char         *md_demo_server_get_base_url   (MdDemoServer  *self);

/* @url NULL: no webhook; @key NULL: "demo-webhook-key". */
void          md_demo_server_set_webhook    (MdDemoServer  *self,
                                             const char    *url,
                                             const char    *key);
void          md_demo_server_set_latency    (MdDemoServer  *self,
                                             guint          milliseconds);
/* The next @count API calls fail: with @status and an ErrorResponse, or,
 * when @broken_body, with a 200 whose body is cut off mid-JSON. */
void          md_demo_server_inject_faults  (MdDemoServer  *self,
                                             guint          count,
                                             guint          status,
                                             gboolean       broken_body);
/* The field the ErrorResponse of the injected faults names in `reference`,
 * as a real server does for a rule this client does not know; cleared by
 * the next md_demo_server_inject_faults. */
void          md_demo_server_set_fault_reference (MdDemoServer *self,
                                                  const char   *reference);
/* Back to the seed; also drops injected faults and the request counts.
 * Latency, keys and the webhook stay as configured. */
void          md_demo_server_reset          (MdDemoServer  *self);

/* What studio staff do with a pending amendment, as POST /demo/customers/
 * {c}/amendments/{a}/approve and .../reject. FALSE when @amendment_id is not
 * pending for @customer_id. Both send the webhook. */
gboolean      md_demo_server_approve        (MdDemoServer  *self,
                                             gint64         customer_id,
                                             gint64         amendment_id);
gboolean      md_demo_server_reject         (MdDemoServer  *self,
                                             gint64         customer_id,
                                             gint64         amendment_id);

/* Every amendment waiting for a decision, sorted by customer id, then
 * domain: a new array of MdDemoPending, with its free function set.
 * ::pending-changed says when this changes. */
GPtrArray    *md_demo_server_list_pending   (MdDemoServer  *self);

/* The studio deletes the customer (@deleted) or turns off access to their
 * data: either way it is gone until the next reset, and the webhook says
 * which (CUSTOMER_DELETED or CUSTOMER_ACCESS_DISABLED). Also as POST
 * /demo/customers/{c}/delete and .../disable-access. FALSE for an unknown
 * customer. */
gboolean      md_demo_server_remove_customer (MdDemoServer *self,
                                              gint64        customer_id,
                                              gboolean      deleted);

/* Requests served per method since the last reset, for tests and benchmarks;
 * the /demo/ admin calls are not counted. */
guint         md_demo_server_get_request_count (MdDemoServer *self,
                                                const char   *method);
/* Webhooks sent since the last reset whose delivery ended, answered or
 * not. */
guint         md_demo_server_get_webhook_count (MdDemoServer *self);

G_END_DECLS

/* fuzz-webhook.c: libFuzzer target for the webhook body parser
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the body of a POST to the webhook receiver, which anyone who
 * can reach the port may send (the key is checked first, but a studio's
 * sender is not trusted more than that). Accepted bodies must give what
 * md-webhook-receiver.h promises; refused ones an error and no results.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "md-fuzz.h"
#include "md-webhook-receiver.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = NULL;
  g_autofree char *uuid = NULL;
  gint64 customer_id = -1;
  gboolean accepted;

  accepted = md_webhook_parse ((const char *) data, size, &customer_id, &uuid, &events, &error);

  /* Without places for the results the answer is the same. */
  g_assert_cmpint (md_webhook_parse ((const char *) data, size, NULL, NULL, NULL, NULL),
                   ==, accepted);

  if (!accepted)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_cmpint (customer_id, ==, -1);
      g_assert_null (uuid);
      g_assert_null (events);
      return 0;
    }

  g_assert_no_error (error);
  g_assert_cmpint (customer_id, >, 0);
  g_assert_nonnull (uuid);
  g_assert_cmpuint (strlen (uuid), >=, 1);
  g_assert_cmpuint (strlen (uuid), <=, MD_WEBHOOK_MAX_UUID_SIZE);
  md_fuzz_assert_utf8 (uuid);
  g_assert_nonnull (events);
  for (guint i = 0; i < events->len; i++)
    {
      const MdWebhookEvent *event = &g_array_index (events, MdWebhookEvent, i);

      g_assert_nonnull (md_webhook_event_type_to_nick (event->type));
      g_assert_cmpint (event->timestamp, >=, 0);
    }

  return 0;
}

/* md-http-server.c: what the webhook receiver and the demo backend share as HTTP servers
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-http-server.h"

#define RECEIVED_KEY "md-http-server-received"

gsize
md_http_server_count_body (SoupServerMessage *msg,
                           GBytes            *chunk)
{
  GObject *object = G_OBJECT (msg);
  gsize received;

  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), 0);
  g_return_val_if_fail (chunk != NULL, 0);

  received = GPOINTER_TO_SIZE (g_object_get_data (object, RECEIVED_KEY));
  received += g_bytes_get_size (chunk);
  g_object_set_data (object, RECEIVED_KEY, GSIZE_TO_POINTER (received));

  return received;
}

gboolean
md_http_server_announces_over (SoupServerMessage *msg,
                               goffset            limit)
{
  SoupMessageHeaders *headers;

  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), FALSE);

  headers = soup_server_message_get_request_headers (msg);
  return soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
         soup_message_headers_get_content_length (headers) > limit;
}

void
md_http_server_hang_up (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = NULL;

  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));

  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

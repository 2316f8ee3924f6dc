/* md-http-server.h: what the webhook receiver and the demo backend share as HTTP servers
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Adds @chunk to the count of @msg's request body kept on the message, for
 * a ::got-chunk handler; returns the bytes received so far. */
gsize    md_http_server_count_body        (SoupServerMessage *msg,
                                           GBytes            *chunk);
/* TRUE if the headers announce a body longer than @limit. A chunked body
 * announces nothing: md_http_server_count_body() catches it. */
gboolean md_http_server_announces_over    (SoupServerMessage *msg,
                                           goffset            limit);
/* Closes the connection under @msg at once: for a client that would go on
 * sending a body nobody reads. */
void     md_http_server_hang_up           (SoupServerMessage *msg);

G_END_DECLS

/* md-error.h: the one error domain of the API client
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MD_API_ERROR (md_api_error_quark ())

typedef enum
{
  MD_API_ERROR_NETWORK,            /* unreachable, connection dropped, TLS failure */
  MD_API_ERROR_TIMEOUT,
  MD_API_ERROR_INSECURE,           /* plain http:// to a host that is not loopback */
  MD_API_ERROR_UNAUTHORIZED,       /* 401 */
  MD_API_ERROR_FORBIDDEN,          /* 403 */
  MD_API_ERROR_NOT_FOUND,          /* 404 */
  MD_API_ERROR_CONFLICT,           /* 409 */
  MD_API_ERROR_VALIDATION,         /* 400, reference names the field when known */
  MD_API_ERROR_RATE_LIMITED,       /* 429, after the retries a GET may make */
  MD_API_ERROR_UNAVAILABLE,        /* 503, after the retries a GET may make */
  MD_API_ERROR_SERVER,             /* 5xx and unexpected statuses */
  MD_API_ERROR_MALFORMED_RESPONSE, /* a body that is not what the operation returns */
  MD_API_ERROR_TOO_LARGE,          /* a body over the response size cap */
} MdApiError;

GQuark      md_api_error_quark          (void);

/* What the server said besides the status; all may be NULL or 0. */
guint       md_api_error_get_status     (const GError *error);
const char *md_api_error_get_reference  (const GError *error);
const char *md_api_error_get_code       (const GError *error);
const char *md_api_error_get_trace_id   (const GError *error);
const char *md_api_error_get_server_message (const GError *error);

GError     *md_api_error_new            (MdApiError  code,
                                         guint       status,
                                         const char *server_message,
                                         const char *error_code,
                                         const char *reference,
                                         const char *trace_id);
MdApiError  md_api_error_from_status    (guint       status);

G_END_DECLS

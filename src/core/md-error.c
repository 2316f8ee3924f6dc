/* md-error.c: the one error domain of the API client
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "md-error.h"

typedef struct
{
  guint  status;
  char  *server_message;
  char  *error_code;
  char  *reference;
  char  *trace_id;
} MdApiErrorPrivate;

static void
md_api_error_private_init (MdApiErrorPrivate *priv)
{
}

static void
md_api_error_private_copy (const MdApiErrorPrivate *src,
                           MdApiErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->server_message = g_strdup (src->server_message);
  dest->error_code = g_strdup (src->error_code);
  dest->reference = g_strdup (src->reference);
  dest->trace_id = g_strdup (src->trace_id);
}

static void
md_api_error_private_clear (MdApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->server_message, g_free);
  g_clear_pointer (&priv->error_code, g_free);
  g_clear_pointer (&priv->reference, g_free);
  g_clear_pointer (&priv->trace_id, g_free);
}

/* GLib keeps the private data in front of the GError, at an offset rounded
 * up to 2 * sizeof (gsize), and its getter finds it with a cast from
 * guint8 *: aligned, but clang's -Wcast-align cannot know that. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-align"
G_DEFINE_EXTENDED_ERROR (MdApiError, md_api_error)
#pragma GCC diagnostic pop

static MdApiErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != MD_API_ERROR)
    return NULL;

  return md_api_error_get_private (error);
}

guint
md_api_error_get_status (const GError *error)
{
  MdApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->status : 0;
}

const char *
md_api_error_get_reference (const GError *error)
{
  MdApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->reference : NULL;
}

const char *
md_api_error_get_code (const GError *error)
{
  MdApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->error_code : NULL;
}

const char *
md_api_error_get_trace_id (const GError *error)
{
  MdApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->trace_id : NULL;
}

const char *
md_api_error_get_server_message (const GError *error)
{
  MdApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->server_message : NULL;
}

MdApiError
md_api_error_from_status (guint status)
{
  switch (status)
    {
    case 400:
      return MD_API_ERROR_VALIDATION;
    case 401:
      return MD_API_ERROR_UNAUTHORIZED;
    case 403:
      return MD_API_ERROR_FORBIDDEN;
    case 404:
      return MD_API_ERROR_NOT_FOUND;
    case 409:
      return MD_API_ERROR_CONFLICT;
    case 429:
      return MD_API_ERROR_RATE_LIMITED;
    case 503:
      return MD_API_ERROR_UNAVAILABLE;
    default:
      return MD_API_ERROR_SERVER;
    }
}

static const char *
default_message (MdApiError code)
{
  switch (code)
    {
    case MD_API_ERROR_NETWORK:
      return _("The studio server could not be reached");
    case MD_API_ERROR_TIMEOUT:
      return _("The studio server took too long to answer");
    case MD_API_ERROR_INSECURE:
      return _("The studio address must start with https://");
    case MD_API_ERROR_UNAUTHORIZED:
      return _("The studio rejected the API key");
    case MD_API_ERROR_FORBIDDEN:
      return _("This change is not allowed");
    case MD_API_ERROR_NOT_FOUND:
      return _("Not found");
    case MD_API_ERROR_CONFLICT:
      return _("A change is already waiting for approval");
    case MD_API_ERROR_VALIDATION:
      return _("The studio did not accept the entered data");
    case MD_API_ERROR_RATE_LIMITED:
      return _("Too many requests to the studio; try again in a minute");
    case MD_API_ERROR_UNAVAILABLE:
      return _("The studio server is busy; try again shortly");
    case MD_API_ERROR_SERVER:
      return _("The studio server had a problem");
    case MD_API_ERROR_MALFORMED_RESPONSE:
      return _("The studio server sent an answer that could not be read");
    case MD_API_ERROR_TOO_LARGE:
      return _("The studio server sent an answer that is too large");
    default:
      return _("Unknown error");
    }
}

/* The message is the server's own (already in the user's language, per
 * Accept-Language) when it sent one, else ours. Ours names the status of a
 * server error: an empty body, a proxy's text and an HTML page all end up
 * here, and the status tells a gateway's 502 from the studio's own 500. */
GError *
md_api_error_new (MdApiError  code,
                  guint       status,
                  const char *server_message,
                  const char *error_code,
                  const char *reference,
                  const char *trace_id)
{
  MdApiErrorPrivate *priv;
  GError *error;

  if (server_message != NULL && *server_message != '\0')
    error = g_error_new_literal (MD_API_ERROR, code, server_message);
  else if (code == MD_API_ERROR_SERVER && status != 0)
    /* Translators: %u is the HTTP status code of the server's answer, like 502 */
    error = g_error_new (MD_API_ERROR, code, _("The studio server had a problem (HTTP %u)"),
                         status);
  else
    error = g_error_new_literal (MD_API_ERROR, code, default_message (code));

  priv = md_api_error_get_private (error);
  priv->status = status;
  priv->server_message = g_strdup (server_message);
  priv->error_code = g_strdup (error_code);
  priv->reference = g_strdup (reference);
  priv->trace_id = g_strdup (trace_id);

  return error;
}

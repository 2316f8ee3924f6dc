/* md-client.h: the self-service API client
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "md-snapshot.h"

G_BEGIN_DECLS

#define MD_TYPE_CLIENT (md_client_get_type ())

G_DECLARE_FINAL_TYPE (MdClient, md_client, MD, CLIENT, GObject)

/* Fails with MD_API_ERROR_INSECURE for http:// to a host that is not loopback
 * and with G_IO_ERROR_INVALID_ARGUMENT for a URL that is not one. */
MdClient    *md_client_new                   (const char           *base_url,
                                              const char           *api_key,
                                              GError              **error);
const char  *md_client_get_base_url          (MdClient             *self);

/* Tuning, mostly for tests. Defaults: 15 s per request, 2 MiB per answer,
 * 3 retries of a GET starting at 500 ms. */
void         md_client_set_timeout           (MdClient             *self,
                                              guint                 seconds);
void         md_client_set_max_response_size (MdClient             *self,
                                              gsize                 bytes);
void         md_client_set_retry_policy      (MdClient             *self,
                                              guint                 max_retries,
                                              guint                 first_delay_ms);
/* For the secret store only: never log or show it. */
const char  *md_client_get_api_key           (MdClient             *self);
void         md_client_set_accept_language   (MdClient             *self,
                                              const char           *accept_language);

/* HEAD: TRUE for a valid key, MD_API_ERROR_UNAUTHORIZED for a wrong one. */
void         md_client_check_key_async       (MdClient             *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     md_client_check_key_finish      (MdClient             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void         md_client_get_domain_async      (MdClient             *self,
                                              gint64                customer_id,
                                              MdDomain              domain,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MdSnapshot  *md_client_get_domain_finish     (MdClient             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Sends @current merged with @draft (see md_json_build_amendment_body).
 * Never retried: after a transport error the caller re-reads the domain. */
void         md_client_submit_async          (MdClient             *self,
                                              gint64                customer_id,
                                              MdRecord             *current,
                                              MdRecord             *draft,
                                              const char           *signature_base64,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MdAmendment *md_client_submit_finish         (MdClient             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void         md_client_withdraw_async        (MdClient             *self,
                                              gint64                customer_id,
                                              gint64                amendment_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     md_client_withdraw_finish       (MdClient             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* The four GETs at once. The result holds MD_N_DOMAINS entries, each a
 * snapshot or an error; the task itself fails only when cancelled. */
typedef struct
{
  MdSnapshot *snapshots[MD_N_DOMAINS];
  GError     *errors[MD_N_DOMAINS];
} MdMemberData;

void          md_member_data_free            (MdMemberData         *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdMemberData, md_member_data_free)

void          md_client_load_member_async    (MdClient             *self,
                                              gint64                customer_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MdMemberData *md_client_load_member_finish   (MdClient             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* "de-DE, de;q=0.9, en;q=0.8" from the user's language list. */
char         *md_accept_language_from_locale (const char * const   *languages);
/* TRUE for localhost, 127.0.0.0/8 and ::1. */
gboolean      md_host_is_loopback            (const char           *host);
/* Milliseconds to wait for a Retry-After value (delta seconds or an HTTP
 * date, relative to @now), capped at 60 s; -1 when absent or unreadable. */
gint64        md_parse_retry_after           (const char           *value,
                                              GDateTime            *now);

G_END_DECLS

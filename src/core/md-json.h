/* md-json.h: the wire format of the self-service API, in and out
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "md-snapshot.h"

G_BEGIN_DECLS

/* Parsers are tolerant where the contract asks it (unknown members, null or
 * missing optional fields, numbers where strings were expected) and fail with
 * MD_API_ERROR_MALFORMED_RESPONSE on anything else. */
MdSnapshot  *md_json_parse_snapshot       (MdDomain      domain,
                                           const char   *data,
                                           gssize        length,
                                           GError      **error);
MdAmendment *md_json_parse_amendment      (MdDomain      domain,
                                           const char   *data,
                                           gssize        length,
                                           GError      **error);

/* Reads the fields of @domain from @object into a new record; unknown
 * members other than @skip go to the record's extras. */
MdRecord    *md_json_read_record          (MdDomain      domain,
                                           JsonObject   *object,
                                           const char  * const *skip,
                                           GError      **error);
/* Adds the set fields of @record (and its extras) to @object. */
void         md_json_write_record         (MdRecord     *record,
                                           JsonObject   *object);

/* A GET answer as the server sends it (used by the demo backend). */
JsonNode    *md_json_snapshot_to_node     (MdSnapshot   *snapshot);
JsonNode    *md_json_amendment_to_node    (MdAmendment  *amendment);

/* The body of a POST: every field of @current, with the fields that differ
 * in @draft taken from @draft; an edited IBAN is sent normalised. A non-NULL
 * @signature_base64 adds signature.base64SvgSignature. */
char        *md_json_build_amendment_body (MdRecord     *current,
                                           MdRecord     *draft,
                                           const char   *signature_base64,
                                           gsize        *length);

/* Reads an ErrorResponse. Never fails: a body that is not one gives NULLs. */
void         md_json_parse_error_body     (const char   *data,
                                           gssize        length,
                                           char        **message,
                                           char        **error_code,
                                           char        **reference,
                                           char        **trace_id);
char        *md_json_build_error_body     (const char   *message,
                                           const char   *error_code,
                                           const char   *reference,
                                           gsize        *length);

G_END_DECLS

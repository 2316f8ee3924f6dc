/* md-json.h: the wire format of the self-service API, in and out
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "md-snapshot.h"

G_BEGIN_DECLS

/* How deep arrays and objects may nest in a text md_json_text_is_safe()
 * accepts. */
#define MD_JSON_MAX_DEPTH 32

/* json-glib 1.6 takes more than JSON (comments, single quotes, hex and
 * octal numbers), recurses once per level of nesting and overflows the
 * stack on a text of brackets, wraps integers beyond 64 bits silently,
 * turns numbers beyond a double's range into infinities it cannot write
 * back, decodes a lone surrogate into invalid UTF-8, and of several values
 * in a row keeps the last and leaks the others. TRUE when the @length bytes
 * of @data have none of this: JSON tokens only, at most one value at the
 * top, MD_JSON_MAX_DEPTH levels, integers within 64 bits, finite numbers,
 * surrogates in pairs. The grammar is left to the parser: text that is not
 * JSON may pass. Every parser of untrusted text checks it first. */
gboolean     md_json_text_is_safe         (const char   *data,
                                           gsize         length);

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

/* Like json_to_string (@node, FALSE), but always JSON: json-glib 1.6 writes
 * a double such as 1e20 as "1e+20.0". */
char        *md_json_to_data              (JsonNode     *node,
                                           gsize        *length);

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

/* fuzz-error-body.c: libFuzzer target for the ErrorResponse parser
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the body of an error status, which may be anything (an HTML
 * page, nothing, a truncated object). The parser never fails; what it
 * reads goes into an MdApiError and may be shown, so it is NULL or valid
 * UTF-8 that is not empty. Written as the demo backend does, it reads back
 * the same.
 */

#include "config.h"

#include "md-error.h"
#include "md-fuzz.h"
#include "md-json.h"

static void
assert_member (const char *value)
{
  md_fuzz_assert_utf8 (value);
  if (value != NULL)
    g_assert_cmpstr (value, !=, "");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *message = NULL;
  g_autofree char *error_code = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *trace_id = NULL;
  g_autofree char *again_message = NULL;
  g_autofree char *again_code = NULL;
  g_autofree char *again_reference = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  md_json_parse_error_body ((const char *) data, (gssize) size,
                            &message, &error_code, &reference, &trace_id);
  assert_member (message);
  assert_member (error_code);
  assert_member (reference);
  assert_member (trace_id);

  /* What the client makes of it, for a status of each kind. */
  error = md_api_error_new (md_api_error_from_status (400), 400,
                            message, error_code, reference, trace_id);
  g_assert_cmpstr (md_api_error_get_server_message (error), ==, message);
  g_assert_cmpstr (md_api_error_get_code (error), ==, error_code);
  g_assert_cmpstr (md_api_error_get_reference (error), ==, reference);
  g_assert_cmpstr (md_api_error_get_trace_id (error), ==, trace_id);
  md_fuzz_assert_utf8 (error->message);

  if (message == NULL)
    return 0;

  body = md_json_build_error_body (message, error_code, reference, &length);
  md_json_parse_error_body (body, (gssize) length, &again_message, &again_code,
                            &again_reference, NULL);
  g_assert_cmpstr (again_message, ==, message);
  g_assert_cmpstr (again_code, ==, error_code);
  g_assert_cmpstr (again_reference, ==, reference);

  return 0;
}

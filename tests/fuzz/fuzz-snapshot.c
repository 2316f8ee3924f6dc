/* fuzz-snapshot.c: libFuzzer target for the GET answer parser of every domain
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a response body, read as each of the four domains. Besides
 * not crashing, what is read must survive what the app does with it: the
 * values are valid UTF-8 and go through the validators, and written back
 * (the demo backend's answer, the body of a POST) they are JSON that reads
 * back the same.
 */

#include "config.h"

#include "md-error.h"
#include "md-fuzz.h"
#include "md-json.h"

static void
assert_readable (MdRecord *record)
{
  const MdDomainInfo *info = md_record_get_info (record);
  g_autofree char *message = NULL;

  for (guint i = 0; i < info->n_fields; i++)
    md_fuzz_assert_utf8 (md_record_get_nth (record, i));

  /* The page validates what it shows; the verdict is the server's business. */
  md_record_check (record, NULL, &message);
  md_fuzz_assert_utf8 (message);
}

static void
assert_round_trip (MdSnapshot *snapshot)
{
  MdDomain domain = md_snapshot_get_domain (snapshot);
  MdAmendment *pending = md_snapshot_get_pending (snapshot);
  g_autoptr(JsonNode) node = md_json_snapshot_to_node (snapshot);
  g_autofree char *text = md_json_to_data (node, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdSnapshot) again = NULL;

  again = md_json_parse_snapshot (domain, text, -1, &error);
  g_assert_no_error (error);

  g_assert_true (md_record_equal (md_snapshot_get_values (snapshot),
                                  md_snapshot_get_values (again)));
  g_assert_cmpint (md_snapshot_get_mode (snapshot), ==, md_snapshot_get_mode (again));
  g_assert_cmpstr (md_snapshot_get_mode_string (snapshot),
                   ==, md_snapshot_get_mode_string (again));
  if (domain == MD_DOMAIN_PAYMENT)
    g_assert_cmpint (md_snapshot_get_require_signature (snapshot),
                     ==, md_snapshot_get_require_signature (again));

  g_assert_cmpint (pending != NULL, ==, md_snapshot_get_pending (again) != NULL);
  if (pending != NULL)
    {
      g_assert_cmpint (md_amendment_get_id (pending),
                       ==, md_amendment_get_id (md_snapshot_get_pending (again)));
      md_fuzz_assert_same_values (md_amendment_get_values (pending),
                          md_amendment_get_values (md_snapshot_get_pending (again)));
    }
}

/* A save sends every value back: the body must be JSON saying the same. */
static void
assert_body (MdRecord *values)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdAmendment) sent = NULL;
  g_autofree char *body = NULL;
  gsize length = 0;

  body = md_json_build_amendment_body (values, values, NULL, &length);
  g_assert_nonnull (body);

  sent = md_json_parse_amendment (md_record_get_domain (values), body, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (md_amendment_get_id (sent), ==, 0);
  md_fuzz_assert_same_values (values, md_amendment_get_values (sent));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  for (MdDomain domain = 0; domain < MD_N_DOMAINS; domain++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MdSnapshot) snapshot = NULL;
      MdAmendment *pending;

      snapshot = md_json_parse_snapshot (domain, (const char *) data, (gssize) size, &error);
      if (snapshot == NULL)
        {
          g_assert_error (error, MD_API_ERROR, MD_API_ERROR_MALFORMED_RESPONSE);
          continue;
        }
      g_assert_no_error (error);

      assert_readable (md_snapshot_get_values (snapshot));
      md_fuzz_assert_utf8 (md_snapshot_get_mode_string (snapshot));
      pending = md_snapshot_get_pending (snapshot);
      if (pending != NULL)
        {
          g_assert_cmpint (md_amendment_get_id (pending), >=, 0);
          if (md_amendment_get_values (pending) != NULL)
            assert_readable (md_amendment_get_values (pending));
        }

      assert_round_trip (snapshot);
      assert_body (md_snapshot_get_values (snapshot));
    }

  return 0;
}

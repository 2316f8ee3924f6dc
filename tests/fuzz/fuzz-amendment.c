/* fuzz-amendment.c: libFuzzer target for the parser of a POST's answer
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the body of the answer to a POST (the amendment: an id and
 * the domain's fields), read as each of the four domains. What is read must
 * be valid UTF-8, and written back as the demo backend does it must read
 * back the same.
 */

#include "config.h"

#include "md-error.h"
#include "md-fuzz.h"
#include "md-json.h"

static void
assert_round_trip (MdDomain     domain,
                   MdAmendment *amendment)
{
  MdRecord *values = md_amendment_get_values (amendment);
  g_autoptr(JsonNode) node = md_json_amendment_to_node (amendment);
  g_autofree char *text = md_json_to_data (node, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdAmendment) again = NULL;
  MdRecord *again_values;

  again = md_json_parse_amendment (domain, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (md_amendment_get_id (amendment), ==, md_amendment_get_id (again));

  /* Fields without a value are not written, so proposed values that are
   * all null read back as none. */
  again_values = md_amendment_get_values (again);
  if (values == NULL)
    g_assert_null (again_values);
  md_fuzz_assert_same_values (values, again_values);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  for (MdDomain domain = 0; domain < MD_N_DOMAINS; domain++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MdAmendment) amendment = NULL;
      MdRecord *values;

      amendment = md_json_parse_amendment (domain, (const char *) data, (gssize) size, &error);
      if (amendment == NULL)
        {
          g_assert_error (error, MD_API_ERROR, MD_API_ERROR_MALFORMED_RESPONSE);
          continue;
        }
      g_assert_no_error (error);

      g_assert_cmpint (md_amendment_get_id (amendment), >=, 0);
      values = md_amendment_get_values (amendment);
      if (values != NULL)
        {
          const MdDomainInfo *info = md_record_get_info (values);

          g_assert_cmpint (md_record_get_domain (values), ==, domain);
          for (guint i = 0; i < info->n_fields; i++)
            md_fuzz_assert_utf8 (md_record_get_nth (values, i));
        }

      assert_round_trip (domain, amendment);
    }

  return 0;
}

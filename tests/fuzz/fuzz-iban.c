/* fuzz-iban.c: libFuzzer target for the IBAN validator and formatters
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is what a member types or a server sends as an IBAN. A refusal
 * comes with a message and an acceptance without one; an accepted IBAN
 * stays accepted however it is grouped, and its formatted and masked forms
 * are what the page shows.
 */

#include "config.h"

#include <string.h>

#include "md-fuzz.h"
#include "md-validate.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *value = md_fuzz_strdup (data, size);
  g_autofree char *normalized = NULL;
  g_autofree char *formatted = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *renormalized = NULL;
  g_autofree char *ungrouped = NULL;
  const char *first_shown;
  gboolean valid;

  valid = md_fuzz_validate (md_validate_iban, value);

  /* The formatters take whatever is in the field, valid or not. */
  normalized = md_iban_normalize (value);
  formatted = md_iban_format (value);
  masked = md_iban_mask (value);
  g_assert_nonnull (normalized);
  g_assert_nonnull (formatted);
  g_assert_nonnull (masked);
  g_assert_null (strchr (normalized, ' '));

  renormalized = md_iban_normalize (formatted);
  g_assert_cmpstr (renormalized, ==, normalized);

  if (!valid)
    return 0;

  g_assert_cmpuint (strlen (normalized), <=, 34);
  g_assert_true (md_validate_iban (normalized, NULL));
  g_assert_true (md_validate_iban (formatted, NULL));
  md_fuzz_assert_utf8 (masked);
  /* The last four characters are the only ones shown (grouped in fours
   * from the start, they may straddle a space). */
  ungrouped = md_iban_normalize (masked);
  g_assert_true (g_str_has_suffix (ungrouped, normalized + strlen (normalized) - 4));
  first_shown = strpbrk (ungrouped, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  g_assert_true (first_shown == ungrouped + strlen (ungrouped) - 4);

  return 0;
}

/* fuzz-bic.c: libFuzzer target for the BIC validator
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is what a member types or a server sends as a BIC. A refusal
 * comes with a message and an acceptance without one; an accepted BIC has
 * the shape ISO 9362 gives it.
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
  gsize length;

  if (!md_fuzz_validate (md_validate_bic, value))
    return 0;

  length = strlen (value);
  g_assert_true (length == 8 || length == 11);
  for (gsize i = 0; i < length; i++)
    g_assert_true (g_ascii_isalnum (value[i]));
  for (gsize i = 0; i < 6; i++)
    g_assert_true (g_ascii_isalpha (value[i]));

  return 0;
}

/* fuzz-phone.c: libFuzzer target for the phone number validator
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is what a member types or a server sends as a phone number. A
 * refusal comes with a message and an acceptance without one; an accepted
 * number holds only what CONTRACT.md allows, within the length limits.
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
  guint n_digits = 0;

  if (!md_fuzz_validate (md_validate_phone, value))
    return 0;

  g_assert_cmpuint (strlen (value), <=, 40);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        n_digits++;
      else if (*p == '+')
        g_assert_true (p == value);
      else
        g_assert_nonnull (strchr (" /-()", *p));
    }
  g_assert_cmpuint (n_digits, >=, 3);
  g_assert_cmpuint (n_digits, <=, 20);

  return 0;
}

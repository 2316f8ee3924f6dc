/* md-fuzz.c: what the libFuzzer targets share
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "md-fuzz.h"
#include "md-record.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* Input that reaches a g_return_if_fail() or a g_warning() is a bug as
   * much as a crash is: make them abort, which the fuzzer reports. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  /* GSlice (GLib 2.74) hides leaked objects from LeakSanitizer, and reads
   * this only at start-up: build-aux/fuzz.sh sets it. */
  if (g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") != 0)
    g_printerr ("G_SLICE=always-malloc is not set: leaks of GObjects go unnoticed\n");

  return 0;
}

char *
md_fuzz_strdup (const uint8_t *data,
                size_t         size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';

  return text;
}

void
md_fuzz_assert_utf8 (const char *text)
{
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

gboolean
md_fuzz_validate (MdFuzzValidator  validate,
                  const char      *value)
{
  g_autofree char *message = NULL;
  gboolean valid = validate (value, &message);

  g_assert_cmpint (validate (value, NULL), ==, valid);
  if (valid)
    g_assert_null (message);
  else
    {
      g_assert_nonnull (message);
      md_fuzz_assert_utf8 (message);
    }

  return valid;
}

static gboolean
record_is_blank (MdRecord *record)
{
  const MdDomainInfo *info = md_record_get_info (record);

  for (guint i = 0; i < info->n_fields; i++)
    {
      if (md_record_get_nth (record, i) != NULL)
        return FALSE;
    }

  return TRUE;
}

void
md_fuzz_assert_same_values (MdRecord *a,
                            MdRecord *b)
{
  if (a != NULL && b != NULL)
    g_assert_true (md_record_equal (a, b));
  else if (a != NULL)
    g_assert_true (record_is_blank (a));
  else if (b != NULL)
    g_assert_true (record_is_blank (b));
}

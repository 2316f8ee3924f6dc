/* md-fuzz.h: what the libFuzzer targets share
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "md-record.h"

G_BEGIN_DECLS

/* libFuzzer's entry points. md-fuzz.c has the initialisation; each
 * fuzz-NAME.c has one LLVMFuzzerTestOneInput. */
int   LLVMFuzzerInitialize   (int            *argc,
                              char         ***argv);
int   LLVMFuzzerTestOneInput (const uint8_t  *data,
                              size_t          size);

/* The input as a string for APIs that take one: libFuzzer's buffer is not
 * NUL-terminated, and a NUL inside it ends the string early. */
char *md_fuzz_strdup         (const uint8_t  *data,
                              size_t          size);

/* Asserts that @text is NULL or valid UTF-8: what a parser hands on may be
 * shown to the user. */
void  md_fuzz_assert_utf8    (const char     *text);

/* A validator of md-validate.h. */
typedef gboolean (*MdFuzzValidator) (const char  *value,
                                     char       **message);

/* Runs @validate on @value with and without a place for the message and
 * returns the verdict: both agree, and only an invalid value has a
 * message, in valid UTF-8, for the user to read. */
gboolean md_fuzz_validate    (MdFuzzValidator  validate,
                              const char      *value);

/* Asserts that @a and @b are both NULL or hold the same fields. A record
 * without a single value is written as an object without fields, which
 * reads back as no values at all: such a record matches NULL. */
void  md_fuzz_assert_same_values (MdRecord   *a,
                                  MdRecord   *b);

G_END_DECLS

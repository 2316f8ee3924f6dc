/* md-pin.h: the staff PIN, hashed for storage in GSettings
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A PIN is 4 to 12 ASCII digits. */
#define MD_PIN_MIN_DIGITS       4
#define MD_PIN_MAX_DIGITS       12

/* PBKDF2 rounds for new hashes: a verify took about 70 ms on the 2-core
 * CI machine (AMD EPYC), slow enough to make guessing from a copied hash
 * costly, quick enough for a person not to notice. Stored hashes name
 * their own count, so raising this later leaves older hashes working. */
#define MD_PIN_ITERATIONS       150000
/* Stored strings asking for more rounds are refused as damaged: GSettings
 * is not trusted to keep md_pin_verify() from running for minutes. */
#define MD_PIN_MAX_ITERATIONS   10000000

/* TRUE when @pin is 4 to 12 digits. Otherwise, when @message is not NULL,
 * it receives a translated sentence for the user. */
gboolean  md_pin_is_valid        (const char    *pin,
                                  char         **message);

/* A string to store instead of @pin:
 *
 *   pbkdf2-sha256$ITERATIONS$SALT$HASH
 *
 * with MD_PIN_ITERATIONS rounds of PBKDF2-HMAC-SHA256 (RFC 8018), a random
 * 16-byte salt from the kernel and a 32-byte hash, both in standard base64.
 * Hashing the same PIN twice gives different strings. @pin must pass
 * md_pin_is_valid(). Returns NULL only if the kernel has no random bytes
 * to give. Takes as long as one md_pin_verify(): call it off the main
 * thread if a frame must not be missed. */
char     *md_pin_hash            (const char    *pin);

/* TRUE when @pin is the PIN that @stored was made from. The derived bytes
 * are compared in constant time. A NULL, empty, damaged or unknown @stored
 * string (wrong prefix, iterations outside 1 to MD_PIN_MAX_ITERATIONS,
 * invalid base64, a salt of fewer than 8 or more than 64 bytes, a hash
 * other than 32 bytes) gives FALSE, never a crash. Count failures with an
 * MdIdentifyGuard to limit guessing. */
gboolean  md_pin_verify          (const char    *pin,
                                  const char    *stored);

/* PBKDF2-HMAC-SHA256 (RFC 8018, section 5.2): fills @out_len bytes of @out,
 * derived from @password with @salt over @iterations (>= 1) rounds.
 * Exposed for the test vectors; use md_pin_hash() and md_pin_verify(). */
void      md_pin_pbkdf2_sha256   (const guint8  *password,
                                  gsize          password_len,
                                  const guint8  *salt,
                                  gsize          salt_len,
                                  guint          iterations,
                                  guint8        *out,
                                  gsize          out_len);

G_END_DECLS

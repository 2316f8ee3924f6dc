/* md-pin.c: the staff PIN, hashed for storage in GSettings
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "md-pin"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "md-pin.h"
#include "md-validate.h"

#define HASH_PREFIX      "pbkdf2-sha256"
#define SALT_LENGTH      16
#define SALT_MIN_LENGTH  8
#define SALT_MAX_LENGTH  64
#define HASH_LENGTH      32   /* one SHA-256 digest: PBKDF2 needs one block */
/* Far beyond any string md_pin_hash() writes; longer ones are not parsed. */
#define STORED_MAX_LENGTH 256

/* memset() of a buffer that is about to be freed may be optimised away. */
static void
wipe (void  *data,
      gsize  length)
{
  if (data != NULL && length > 0)
    explicit_bzero (data, length);
}

gboolean
md_pin_is_valid (const char  *pin,
                 char       **message)
{
  gsize length;

  if (message != NULL)
    *message = NULL;

  if (pin == NULL || *pin == '\0')
    return md_validate_fail (message, g_strdup (_("Enter a PIN.")));

  for (const char *p = pin; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return md_validate_fail (message, g_strdup (_("A PIN may contain only digits.")));
    }

  length = strlen (pin);
  if (length < MD_PIN_MIN_DIGITS)
    return md_validate_fail (message,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "A PIN has at least %u digit.",
                                               "A PIN has at least %u digits.",
                                               MD_PIN_MIN_DIGITS),
                                  (guint) MD_PIN_MIN_DIGITS));
  if (length > MD_PIN_MAX_DIGITS)
    return md_validate_fail (message,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "A PIN has at most %u digit.",
                                               "A PIN has at most %u digits.",
                                               MD_PIN_MAX_DIGITS),
                                  (guint) MD_PIN_MAX_DIGITS));

  return TRUE;
}

void
md_pin_pbkdf2_sha256 (const guint8 *password,
                      gsize         password_len,
                      const guint8 *salt,
                      gsize         salt_len,
                      guint         iterations,
                      guint8       *out,
                      gsize         out_len)
{
  static const guint8 empty[1] = { 0 };
  GHmac *keyed;
  guint8 u[HASH_LENGTH];
  guint8 t[HASH_LENGTH];
  guint32 block = 1;

  g_return_if_fail (password != NULL || password_len == 0);
  g_return_if_fail (salt != NULL || salt_len == 0);
  g_return_if_fail (iterations >= 1);
  g_return_if_fail (out != NULL || out_len == 0);

  /* Keying HMAC hashes the password; do it once and copy the keyed state
   * for every round. */
  keyed = g_hmac_new (G_CHECKSUM_SHA256, password != NULL ? password : empty, password_len);

  for (gsize offset = 0; offset < out_len; offset += HASH_LENGTH, block++)
    {
      guint8 index[4] = { (guint8) (block >> 24), (guint8) (block >> 16),
                          (guint8) (block >> 8), (guint8) block };
      gsize digest_len = HASH_LENGTH;
      gsize n = MIN (out_len - offset, (gsize) HASH_LENGTH);
      GHmac *hmac;

      /* U_1 = PRF (P, S || INT (i)) */
      hmac = g_hmac_copy (keyed);
      if (salt_len > 0)
        g_hmac_update (hmac, salt, salt_len);
      g_hmac_update (hmac, index, sizeof index);
      g_hmac_get_digest (hmac, u, &digest_len);
      g_hmac_unref (hmac);
      memcpy (t, u, HASH_LENGTH);

      /* U_j = PRF (P, U_{j-1}); T_i = U_1 ^ ... ^ U_c */
      for (guint j = 1; j < iterations; j++)
        {
          hmac = g_hmac_copy (keyed);
          g_hmac_update (hmac, u, HASH_LENGTH);
          digest_len = HASH_LENGTH;
          g_hmac_get_digest (hmac, u, &digest_len);
          g_hmac_unref (hmac);

          for (guint k = 0; k < HASH_LENGTH; k++)
            t[k] ^= u[k];
        }

      memcpy (out + offset, t, n);
    }

  /* GHmac frees its copies of the key state without clearing them; that
   * is out of reach here. What this function owns is wiped. */
  g_hmac_unref (keyed);
  wipe (u, sizeof u);
  wipe (t, sizeof t);
}

/* getrandom() blocks only until the kernel's pool is first seeded, at
 * boot; /dev/urandom serves kernels without the call. */
static gboolean
get_random_bytes (guint8 *buffer,
                  gsize   length)
{
  gsize done = 0;
  int fd;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n > 0)
        done += (gsize) n;
      else if (n < 0 && errno == EINTR)
        continue;
      else
        break;
    }

  if (done == length)
    return TRUE;

  fd = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;

  done = 0;
  while (done < length)
    {
      ssize_t n = read (fd, buffer + done, length - done);

      if (n > 0)
        done += (gsize) n;
      else if (n < 0 && errno == EINTR)
        continue;
      else
        break;
    }
  close (fd);

  return done == length;
}

char *
md_pin_hash (const char *pin)
{
  guint8 salt[SALT_LENGTH];
  guint8 hash[HASH_LENGTH];
  g_autofree char *salt64 = NULL;
  g_autofree char *hash64 = NULL;

  g_return_val_if_fail (md_pin_is_valid (pin, NULL), NULL);

  if (!get_random_bytes (salt, sizeof salt))
    {
      g_warning ("No random bytes for a PIN salt: %s", g_strerror (errno));
      return NULL;
    }

  md_pin_pbkdf2_sha256 ((const guint8 *) pin, strlen (pin), salt, sizeof salt,
                        MD_PIN_ITERATIONS, hash, sizeof hash);

  salt64 = g_base64_encode (salt, sizeof salt);
  hash64 = g_base64_encode (hash, sizeof hash);
  wipe (hash, sizeof hash);

  return g_strdup_printf (HASH_PREFIX "$%u$%s$%s", (guint) MD_PIN_ITERATIONS, salt64, hash64);
}

/* 1 to MD_PIN_MAX_ITERATIONS in plain decimal, no sign, no leading zero. */
static gboolean
parse_iterations (const char *text,
                  guint      *out)
{
  guint64 value = 0;

  if (text[0] == '\0' || text[0] == '0' || strlen (text) > 8)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
    }

  if (value > MD_PIN_MAX_ITERATIONS)
    return FALSE;

  *out = (guint) value;
  return TRUE;
}

/* g_base64_decode() skips what it does not know and never fails, so a
 * damaged string would decode to some other bytes. Only the one encoding
 * g_base64_encode() writes of the bytes is accepted: that rules out stray
 * characters, misplaced padding and set unused bits alike. */
static guint8 *
decode_base64 (const char *text,
               gsize       min_length,
               gsize       max_length,
               gsize      *out_length)
{
  g_autofree char *canonical = NULL;
  gsize length = strlen (text);
  guint8 *bytes;

  if (length == 0 || length % 4 != 0 || length / 4 * 3 > max_length + 2)
    return NULL;

  bytes = g_base64_decode (text, out_length);
  canonical = g_base64_encode (bytes, *out_length);
  if (*out_length < min_length || *out_length > max_length || strcmp (canonical, text) != 0)
    {
      g_free (bytes);
      return NULL;
    }

  return bytes;
}

gboolean
md_pin_verify (const char *pin,
               const char *stored)
{
  g_auto(GStrv) parts = NULL;
  g_autofree guint8 *salt = NULL;
  g_autofree guint8 *expected = NULL;
  guint8 derived[HASH_LENGTH];
  gsize salt_len = 0;
  gsize expected_len = 0;
  guint iterations = 0;
  volatile guint8 difference = 0;

  g_return_val_if_fail (pin != NULL, FALSE);

  if (stored == NULL || strlen (stored) > STORED_MAX_LENGTH)
    return FALSE;

  parts = g_strsplit (stored, "$", 5);
  if (g_strv_length (parts) != 4 ||
      strcmp (parts[0], HASH_PREFIX) != 0 ||
      !parse_iterations (parts[1], &iterations))
    return FALSE;

  salt = decode_base64 (parts[2], SALT_MIN_LENGTH, SALT_MAX_LENGTH, &salt_len);
  expected = decode_base64 (parts[3], HASH_LENGTH, HASH_LENGTH, &expected_len);
  if (salt == NULL || expected == NULL)
    return FALSE;

  md_pin_pbkdf2_sha256 ((const guint8 *) pin, strlen (pin), salt, salt_len,
                        iterations, derived, sizeof derived);

  /* Every byte is looked at whatever the first difference: the time taken
   * says nothing about how much of the hash matched. */
  for (gsize i = 0; i < HASH_LENGTH; i++)
    difference |= derived[i] ^ expected[i];

  wipe (derived, sizeof derived);

  return difference == 0;
}

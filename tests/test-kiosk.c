/* test-kiosk.c: the staff PIN, member identification and the lockout of kiosk mode
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>

#include "md-identify.h"
#include "md-pin.h"
#include "md-record.h"
#include "md-test-utils.h"

#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)

/* PBKDF2 */

typedef struct
{
  const char *password;
  gsize       password_len;
  const char *salt;
  gsize       salt_len;
  guint       iterations;
  const char *hex;
} Pbkdf2Vector;

static void
test_pbkdf2_vectors (void)
{
  /* RFC 6070's inputs with SHA-256 as the PRF, as published for
   * PBKDF2-HMAC-SHA256; the 40-byte one spans two blocks, the 16-byte one
   * has NULs inside and is cut short. */
  static const Pbkdf2Vector vectors[] = {
    { "password", 8, "salt", 4, 1,
      "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b" },
    { "password", 8, "salt", 4, 2,
      "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43" },
    { "password", 8, "salt", 4, 4096,
      "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a" },
    { "passwordPASSWORDpassword", 24, "saltSALTsaltSALTsaltSALTsaltSALTsalt", 36, 4096,
      "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9" },
    { "pass\0word", 9, "sa\0lt", 5, 4096,
      "89b69d0516f829893c696226650a8687" },
    /* Empty password and empty salt, checked with Python's hashlib. */
    { "", 0, "salt", 4, 1,
      "f135c27993baf98773c5cdb40a5706ce6a345cde61b000a67858650cd6a324d7" },
    { "password", 8, "", 0, 1,
      "c1232f10f62715fda06ae7c0a2037ca19b33cf103b727ba56d870c11f290a2ab" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      const Pbkdf2Vector *v = &vectors[i];
      gsize length = strlen (v->hex) / 2;
      g_autofree guint8 *out = g_malloc0 (length);
      GString *hex = g_string_new (NULL);

      md_pin_pbkdf2_sha256 ((const guint8 *) v->password, v->password_len,
                            (const guint8 *) v->salt, v->salt_len,
                            v->iterations, out, length);

      for (gsize j = 0; j < length; j++)
        g_string_append_printf (hex, "%02x", out[j]);

      g_test_message ("vector %u: %u iterations, %" G_GSIZE_FORMAT " bytes",
                      i, v->iterations, length);
      g_assert_cmpstr (hex->str, ==, v->hex);
      g_string_free (hex, TRUE);
    }
}

/* PIN hashes */

static void
assert_hash_format (const char *stored)
{
  g_auto(GStrv) parts = g_strsplit (stored, "$", -1);
  g_autofree guint8 *salt = NULL;
  g_autofree guint8 *hash = NULL;
  g_autofree char *iterations = g_strdup_printf ("%u", (guint) MD_PIN_ITERATIONS);
  gsize salt_len = 0;
  gsize hash_len = 0;

  g_assert_cmpuint (g_strv_length (parts), ==, 4);
  g_assert_cmpstr (parts[0], ==, "pbkdf2-sha256");
  g_assert_cmpstr (parts[1], ==, iterations);

  salt = g_base64_decode (parts[2], &salt_len);
  hash = g_base64_decode (parts[3], &hash_len);
  g_assert_cmpuint (salt_len, ==, 16);
  g_assert_cmpuint (hash_len, ==, 32);
}

static void
test_pin_round_trip (void)
{
  g_autofree char *stored = md_pin_hash ("4711");
  g_autofree char *again = md_pin_hash ("4711");
  g_autofree char *long_pin = md_pin_hash ("000000000000");

  g_assert_nonnull (stored);
  assert_hash_format (stored);
  assert_hash_format (again);

  g_assert_true (md_pin_verify ("4711", stored));
  g_assert_true (md_pin_verify ("4711", again));
  g_assert_true (md_pin_verify ("000000000000", long_pin));

  /* A fresh salt each time: equal PINs do not show as equal strings. */
  g_assert_cmpstr (stored, !=, again);
  g_assert_cmpstr (strrchr (stored, '$'), !=, strrchr (again, '$'));

  g_assert_false (md_pin_verify ("4712", stored));
  g_assert_false (md_pin_verify ("47110", stored));
  g_assert_false (md_pin_verify ("471", stored));
  g_assert_false (md_pin_verify ("", stored));
  g_assert_false (md_pin_verify (" 4711", stored));
  g_assert_false (md_pin_verify ("00000000000", long_pin));
}

/* A stored string made elsewhere (Python's hashlib): "password" with the
 * salt "saltSALT", one round. */
#define VECTOR_SALT  "c2FsdFNBTFQ="
#define VECTOR_HASH  "mofSXjdAj9cvQj0ihccIbTpkKibmX7egKAO1mbKTNyg="

static void
test_pin_verify_known (void)
{
  g_assert_true (md_pin_verify ("password", "pbkdf2-sha256$1$" VECTOR_SALT "$" VECTOR_HASH));
  g_assert_false (md_pin_verify ("passwore", "pbkdf2-sha256$1$" VECTOR_SALT "$" VECTOR_HASH));
  g_assert_false (md_pin_verify ("Password", "pbkdf2-sha256$1$" VECTOR_SALT "$" VECTOR_HASH));
  /* The iterations count is used as written. */
  g_assert_false (md_pin_verify ("password", "pbkdf2-sha256$2$" VECTOR_SALT "$" VECTOR_HASH));
  g_assert_true (md_pin_verify ("password", "pbkdf2-sha256$2$" VECTOR_SALT
                                "$oPMOJehlnDaglYlJDWSmsS4MODxXrsGO2l6+o/E3rts="));
  /* One bit off in the first and in the last byte of the hash. */
  g_assert_false (md_pin_verify ("password", "pbkdf2-sha256$1$" VECTOR_SALT
                                 "$m4fSXjdAj9cvQj0ihccIbTpkKibmX7egKAO1mbKTNyg="));
  g_assert_false (md_pin_verify ("password", "pbkdf2-sha256$1$" VECTOR_SALT
                                 "$mofSXjdAj9cvQj0ihccIbTpkKibmX7egKAO1mbKTNyk="));
  /* Another salt: "saltsALT". */
  g_assert_false (md_pin_verify ("password", "pbkdf2-sha256$1$c2FsdHNBTFQ=$" VECTOR_HASH));

  /* Salt and PIN as md_pin_hash() would have them, three rounds. */
  g_assert_true (md_pin_verify ("1234",
                                "pbkdf2-sha256$3$MDEyMzQ1Njc4OWFiY2RlZg=="
                                "$Ab6IUkUe9sycN4yfSiQJVGUeblXdKMg3icDxW+ZxMl4="));
}

static void
test_pin_verify_malformed (void)
{
  g_autofree char *huge = NULL;
  GString *long_salt = g_string_new ("pbkdf2-sha256$1$");
  /* Each differs from the valid string in one way only. */
  const char * const malformed[] = {
    "",
    "$",
    "$$$",
    "pbkdf2-sha256",
    "pbkdf2-sha256$x$y$z",
    "pbkdf2-sha256$1$" VECTOR_SALT,
    "pbkdf2-sha256$1$" VECTOR_SALT "$",
    "pbkdf2-sha256$1$$" VECTOR_HASH,
    "pbkdf2-sha256$$" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha256$1$" VECTOR_SALT "$" VECTOR_HASH "$",
    "pbkdf2-sha256$1$" VECTOR_SALT "$" VECTOR_HASH "$extra",
    "PBKDF2-SHA256$1$" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha1$1$" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha256 $1$" VECTOR_SALT "$" VECTOR_HASH,
    " pbkdf2-sha256$1$" VECTOR_SALT "$" VECTOR_HASH,
    /* Iterations: zero, signs, spaces, leading zeros, not decimal. */
    "pbkdf2-sha256$0$" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha256$-1$" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha256$+1$" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha256$ 1$" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha256$1 $" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha256$01$" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha256$0x1$" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha256$1e0$" VECTOR_SALT "$" VECTOR_HASH,
    /* Absurd counts would keep the kiosk busy for minutes or hours. */
    "pbkdf2-sha256$10000001$" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha256$99999999$" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha256$4294967297$" VECTOR_SALT "$" VECTOR_HASH,
    "pbkdf2-sha256$18446744073709551617$" VECTOR_SALT "$" VECTOR_HASH,
    /* Base64 that g_base64_decode() would quietly read as something else. */
    "pbkdf2-sha256$1$c2Fsd!NBTFQ=$" VECTOR_HASH,
    "pbkdf2-sha256$1$c2Fsd NBTFQ=$" VECTOR_HASH,
    "pbkdf2-sha256$1$c2FsdFNBTFQ$" VECTOR_HASH,
    "pbkdf2-sha256$1$c2Fs=FNBTFQ=$" VECTOR_HASH,
    "pbkdf2-sha256$1$c2FsdFNBT===$" VECTOR_HASH,
    "pbkdf2-sha256$1$c2FsdFNBTFQ==$" VECTOR_HASH,
    /* The same bytes, but with unused bits set: not what an encoder writes. */
    "pbkdf2-sha256$1$c2FsdFNBTFR=$" VECTOR_HASH,
    "pbkdf2-sha256$1$" VECTOR_SALT "$mofSXjdAj9cvQj0ihccIbTpkKibmX7egKAO1mbKTNyh=",
    "pbkdf2-sha256$1$" VECTOR_SALT "$mofSXjdAj9cvQj0ihccIbTpkKibmX7egKAO1mbKTNyg",
    "pbkdf2-sha256$1$" VECTOR_SALT "$mofSXjdAj9cvQj0ihccIbTpkKibmX7egKAO1mbKTNyg=\n",
    "pbkdf2-sha256$1$" VECTOR_SALT "$mofSXjdAj9cvQj0ihccIbTpkKibmX7egKAO1mbKTN-g=",
    "pbkdf2-sha256$1$" VECTOR_SALT "$mofSXjdAj9cvQj0ihccIbTpkKibmX7egKAO1mbKTN_g=",
    /* A hash of 31 and of 33 bytes. */
    "pbkdf2-sha256$1$" VECTOR_SALT "$mofSXjdAj9cvQj0ihccIbTpkKibmX7egKAO1mbKTNw==",
    "pbkdf2-sha256$1$" VECTOR_SALT "$mofSXjdAj9cvQj0ihccIbTpkKibmX7egKAO1mbKTNygA",
    /* Salts of 4 and of 7 bytes are damage, not salt. */
    "pbkdf2-sha256$1$AAAAAA==$" VECTOR_HASH,
    "pbkdf2-sha256$1$c2FsdFNBTA==$" VECTOR_HASH,
  };

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_test_message ("malformed %u: %s", i, malformed[i]);
      g_assert_false (md_pin_verify ("password", malformed[i]));
    }

  g_assert_false (md_pin_verify ("password", NULL));

  /* Refused for the count alone: the hash is right (Python's hashlib took
   * 2 s for it), so only the cap keeps this from passing after seconds. */
  g_assert_false (md_pin_verify ("password", "pbkdf2-sha256$10000001$" VECTOR_SALT
                                 "$p8uQUFBEpUh96JDU7Y/9XJYFNnSvUIPsMyJaQvYi7W8="));

  /* A salt of 66 bytes, and an overlong string. */
  for (guint i = 0; i < 22; i++)
    g_string_append (long_salt, "AAAA");
  g_string_append (long_salt, "$" VECTOR_HASH);
  g_assert_false (md_pin_verify ("password", long_salt->str));
  g_string_free (long_salt, TRUE);

  huge = g_strnfill (100000, 'A');
  g_assert_false (md_pin_verify ("password", huge));
}

static void
test_pin_validity (void)
{
  const char * const valid[] = { "1234", "0000", "4711", "98765432", "123456789012", NULL };
  const char * const invalid[] = {
    "123", "1234567890123", "12a4", "12 34", " 1234", "1234 ", "-1234", "+1234",
    "12.34", "١٢٣٤", "１２３４", "12345678901234567890", NULL
  };
  g_autofree char *empty = NULL;
  g_autofree char *null = NULL;
  g_autofree char *letters = NULL;
  g_autofree char *short_pin = NULL;
  g_autofree char *long_pin = NULL;

  for (guint i = 0; valid[i] != NULL; i++)
    {
      char *message = (char *) "unset";

      g_assert_true (md_pin_is_valid (valid[i], &message));
      g_assert_null (message);
      g_assert_true (md_pin_is_valid (valid[i], NULL));
    }

  for (guint i = 0; invalid[i] != NULL; i++)
    {
      g_autofree char *message = NULL;

      g_test_message ("invalid PIN %u", i);
      g_assert_false (md_pin_is_valid (invalid[i], &message));
      g_assert_nonnull (message);
      g_assert_true (g_utf8_validate (message, -1, NULL));
      g_assert_false (md_pin_is_valid (invalid[i], NULL));
    }

  /* Each kind of mistake says what to fix. */
  g_assert_false (md_pin_is_valid ("", &empty));
  g_assert_false (md_pin_is_valid (NULL, &null));
  g_assert_false (md_pin_is_valid ("12a4", &letters));
  g_assert_false (md_pin_is_valid ("123", &short_pin));
  g_assert_false (md_pin_is_valid ("1234567890123", &long_pin));

  g_assert_cmpstr (empty, ==, null);
  g_assert_cmpstr (empty, !=, letters);
  g_assert_cmpstr (empty, !=, short_pin);
  g_assert_cmpstr (letters, !=, short_pin);
  g_assert_cmpstr (short_pin, !=, long_pin);
  g_assert_nonnull (strstr (short_pin, "4"));
  g_assert_nonnull (strstr (long_pin, "12"));
}

/* Dates of birth */

typedef struct
{
  const char *typed;
  guint       day;
  guint       month;
  guint       year;
} DateCase;

static void
assert_date (const char *typed,
             guint       day,
             guint       month,
             guint       year)
{
  char *message = (char *) "unset";
  GDate date;
  GDate again;

  g_test_message ("date “%s”", typed);
  if (!md_identify_parse_date_full (typed, &date, &message))
    g_error ("“%s” was rejected: %s", typed, message);

  g_assert_null (message);
  g_assert_true (g_date_valid (&date));
  g_assert_cmpuint (g_date_get_day (&date), ==, day);
  g_assert_cmpuint (g_date_get_month (&date), ==, month);
  g_assert_cmpuint (g_date_get_year (&date), ==, year);
  g_assert_true (md_identify_parse_date (typed, NULL));
  g_assert_true (md_identify_parse_date (typed, &again));
  g_assert_cmpint (g_date_compare (&date, &again), ==, 0);
}

/* Returns the message. */
static char *
assert_date_rejected (const char *typed)
{
  char *message = NULL;
  GDate date;

  g_test_message ("date “%s”", typed ? typed : "(null)");
  if (md_identify_parse_date_full (typed, &date, &message))
    g_error ("“%s” was accepted as %u.%u.%u", typed,
             g_date_get_day (&date), g_date_get_month (&date), g_date_get_year (&date));

  g_assert_false (g_date_valid (&date));
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_assert_false (md_identify_parse_date (typed, NULL));
  g_assert_false (md_identify_parse_date (typed, &date));
  g_assert_false (g_date_valid (&date));

  return message;
}

static void
test_date_accepted (void)
{
  static const DateCase cases[] = {
    { "24.12.1990", 24, 12, 1990 },
    { "  24.12.1990\t", 24, 12, 1990 },
    { "24. 12. 1990", 24, 12, 1990 },
    { "24 .12 .1990", 24, 12, 1990 },
    { "4.7.1985", 4, 7, 1985 },
    { "04.07.1985", 4, 7, 1985 },
    { "4.07.1985", 4, 7, 1985 },
    { "1990-12-24", 24, 12, 1990 },
    { "1985-7-4", 4, 7, 1985 },
    { "1990/12/24", 24, 12, 1990 },
    { "24/12/1990", 24, 12, 1990 },
    /* Day first: the 1st of February, not the 2nd of January. */
    { "01/02/1990", 1, 2, 1990 },
    { "1/2/1990", 1, 2, 1990 },
    { "24-12-1990", 24, 12, 1990 },
    { "24 12 1990", 24, 12, 1990 },
    { "24  12  1990", 24, 12, 1990 },
    { "24121990", 24, 12, 1990 },
    { "04071985", 4, 7, 1985 },
    { "19901224", 24, 12, 1990 },
    { "19850704", 4, 7, 1985 },
    { "01012000", 1, 1, 2000 },
    { "20000101", 1, 1, 2000 },
    { "29.02.1992", 29, 2, 1992 },
    { "29.02.2000", 29, 2, 2000 },
    { "1.1.1900", 1, 1, 1900 },
    { "31.12.1999", 31, 12, 1999 },
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_date (cases[i].typed, cases[i].day, cases[i].month, cases[i].year);

  /* A baby born today may be a member already. */
  today = g_date_time_format (now, "%d.%m.%Y");
  assert_date (today,
               (guint) g_date_time_get_day_of_month (now),
               (guint) g_date_time_get_month (now),
               (guint) g_date_time_get_year (now));
}

static void
test_date_rejected (void)
{
  static const char * const rejected[] = {
    "", "   ", "abc", "24.12.199O", "24.Dez.1990", "December 24, 1990",
    /* Days that do not exist. */
    "31.02.1990", "29.02.1991", "29.02.1900", "31.04.1990", "0.1.1990", "1.0.1990",
    "1.13.1990", "32.1.1990", "1990-02-30", "30021990", "19900230",
    /* Out of range. */
    "1.1.1899", "31.12.1899", "1899-12-31", "01011899", "1.1.0000",
    /* Incomplete or too much. */
    "1.1.", "12.1990", "1990", "24.12", "24.12.1990.", ".24.12.1990", "24.12.1990.1",
    "24.12.1990 10:00", "1990-12-24T00:00:00",
    /* Groups of the wrong size. */
    "124.12.1990", "24.112.1990", "24.12.01990", "24.12.199", "1990-012-24",
    "1990-12-024", "1990.12.1990", "2412199", "241219900", "1 1 1 990",
    /* Separators. */
    "24.12/1990", "24..12.1990", "24./12.1990", "24,12,1990", "24_12_1990",
    "24\n12\n1990", "24·12·1990",
    /* Two-digit years. */
    "24.12.90", "1.1.20", "241290", "24/12/90",
    /* Longer than anyone types a date. */
    "24.12.1990                                        x",
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) next_year = g_date_time_add_years (now, 1);
  g_autofree char *tomorrow_text = g_date_time_format (tomorrow, "%d.%m.%Y");
  g_autofree char *next_year_text = g_date_time_format (next_year, "1.1.%Y");
  g_autofree char *next_year_iso = g_date_time_format (next_year, "%Y-01-01");

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    g_free (assert_date_rejected (rejected[i]));

  g_free (assert_date_rejected (NULL));
  g_free (assert_date_rejected (tomorrow_text));
  g_free (assert_date_rejected (next_year_text));
  g_free (assert_date_rejected (next_year_iso));
}

static void
test_date_messages (void)
{
  g_autofree char *empty = assert_date_rejected ("");
  g_autofree char *null = assert_date_rejected (NULL);
  g_autofree char *format = assert_date_rejected ("24,12,1990");
  g_autofree char *incomplete = assert_date_rejected ("1.1.");
  g_autofree char *short_year = assert_date_rejected ("24.12.90");
  g_autofree char *short_compact = assert_date_rejected ("241290");
  g_autofree char *calendar = assert_date_rejected ("31.02.1990");
  g_autofree char *early = assert_date_rejected ("1.1.1899");
  g_autofree char *early_compact = assert_date_rejected ("24121899");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next_year = g_date_time_add_years (now, 1);
  g_autofree char *next_year_text = g_date_time_format (next_year, "1.1.%Y");
  g_autofree char *future = assert_date_rejected (next_year_text);

  g_assert_cmpstr (empty, ==, null);
  g_assert_cmpstr (format, ==, incomplete);
  g_assert_cmpstr (short_year, ==, short_compact);
  g_assert_cmpstr (early, ==, early_compact);

  /* Each says something else. */
  {
    const char * const all[] = { empty, format, short_year, calendar, early, future };

    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      for (guint j = i + 1; j < G_N_ELEMENTS (all); j++)
        g_assert_cmpstr (all[i], !=, all[j]);
  }

  /* The format message shows the day-first order. */
  g_assert_nonnull (strstr (format, "24.12.1990"));
  g_assert_nonnull (strstr (short_year, "four"));
}

/* Matching against the master data */

static MdRecord *
master_with_birthday (const char *value)
{
  MdRecord *master = md_record_new (MD_DOMAIN_MASTER);

  md_record_set (master, "firstName", "Erika");
  md_record_set (master, "lastName", "Mustermann");
  md_record_set (master, "dateOfBirth", value);

  return master;
}

static gboolean
matches (MdRecord   *master,
         const char *typed)
{
  GDate date;

  g_assert_true (md_identify_parse_date (typed, &date));

  return md_identify_matches (master, &date);
}

static void
test_matches (void)
{
  g_autoptr(MdRecord) master = master_with_birthday ("1985-07-04");
  g_autoptr(MdRecord) with_time = master_with_birthday ("1985-07-04T00:00:00.000Z");
  g_autoptr(MdRecord) with_short_time = master_with_birthday ("1985-07-04T12:30:00");

  g_assert_true (matches (master, "4.7.1985"));
  g_assert_true (matches (master, "04.07.1985"));
  g_assert_true (matches (master, "1985-07-04"));
  g_assert_true (matches (master, "04071985"));
  g_assert_true (matches (master, "4/7/1985"));

  g_assert_false (matches (master, "5.7.1985"));
  g_assert_false (matches (master, "4.8.1985"));
  g_assert_false (matches (master, "4.7.1986"));
  /* Read month first it would be the 4th of July: day first it is not. */
  g_assert_false (matches (master, "7/4/1985"));

  g_assert_true (matches (with_time, "4.7.1985"));
  g_assert_false (matches (with_time, "5.7.1985"));
  g_assert_true (matches (with_short_time, "04.07.1985"));
}

static void
test_matches_unusable_record (void)
{
  static const char * const unusable[] = {
    "garbage", "1985-7-4", "04.07.1985", "1985-07-04 ", " 1985-07-04",
    "1985-07-04Z", "1985-07-04x", "1985-02-30", "1985-13-04", "85-07-04",
    "1985/07/04", "19850704", "1985-07-0",
  };
  g_autoptr(MdRecord) empty = master_with_birthday ("");
  g_autoptr(MdRecord) unset = md_record_new (MD_DOMAIN_MASTER);
  GDate date;

  g_assert_true (md_identify_parse_date ("4.7.1985", &date));

  g_assert_false (md_identify_matches (unset, &date));
  g_assert_false (md_identify_matches (empty, &date));

  for (guint i = 0; i < G_N_ELEMENTS (unusable); i++)
    {
      g_autoptr(MdRecord) master = master_with_birthday (unusable[i]);

      g_test_message ("record date “%s”", unusable[i]);
      g_assert_false (md_identify_matches (master, &date));
    }

  /* 30.02. would not even reach the comparison; its neighbours must not
   * match it through some normalisation either. */
  {
    g_autoptr(MdRecord) master = master_with_birthday ("1985-02-30");

    g_assert_false (matches (master, "28.2.1985"));
    g_assert_false (matches (master, "2.3.1985"));
  }
}

/* Customer numbers */

static void
test_customer_number (void)
{
  static const struct
  {
    const char *typed;
    gint64      number;
  } accepted[] = {
    { "1", 1 },
    { "1001", 1001 },
    { " 1001 ", 1001 },
    { "10 01", 1001 },
    { "1 0 0 1", 1001 },
    { "\t1001\n", 1001 },
    { "0042", 42 },
    { "000000000000042", 42 },
    { "999999999999999", G_GINT64_CONSTANT (999999999999999) },
    { "123 456 789 012 345", G_GINT64_CONSTANT (123456789012345) },
  };
  static const char * const rejected[] = {
    "", "   ", "0", "000", "0 0", "000000000000000", "12a", "a12", "-5", "+5", "1.5", "1,5",
    "1e5", "0x10", "1234567890123456", "0000000000000001", "9999999999999999999999",
    "１２３", "١٢٣", "12-34", "#1001",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      gint64 number = -1;

      g_test_message ("customer number “%s”", accepted[i].typed);
      g_assert_true (md_identify_customer_number (accepted[i].typed, &number));
      g_assert_cmpint (number, ==, accepted[i].number);
      g_assert_true (md_identify_customer_number (accepted[i].typed, NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      gint64 number = -1;

      g_test_message ("customer number “%s”", rejected[i]);
      g_assert_false (md_identify_customer_number (rejected[i], &number));
      g_assert_cmpint (number, ==, -1);
      g_assert_false (md_identify_customer_number (rejected[i], NULL));
    }

  g_assert_false (md_identify_customer_number (NULL, NULL));
}

/* The lockout */

static void
assert_locked_for (MdIdentifyGuard *guard,
                   gint64           from,
                   gint64           seconds)
{
  g_assert_cmpint (md_identify_guard_locked_until (guard), ==, from + SECONDS (seconds));
  g_assert_true (md_identify_guard_is_locked (guard, from));
  g_assert_true (md_identify_guard_is_locked (guard, from + SECONDS (seconds - 1)));
  g_assert_true (md_identify_guard_is_locked (guard, from + SECONDS (seconds) - 1));
  g_assert_false (md_identify_guard_is_locked (guard, from + SECONDS (seconds)));
  g_assert_cmpuint (md_identify_guard_get_wait_seconds (guard, from), ==, seconds);
}

static void
test_guard_first_lock (void)
{
  g_autoptr(MdIdentifyGuard) guard = md_identify_guard_new (MD_IDENTIFY_DEFAULT_MAX_ATTEMPTS);
  gint64 now = SECONDS (1000);

  g_assert_cmpuint (md_identify_guard_get_max_attempts (guard), ==, 5);
  g_assert_cmpuint (md_identify_guard_get_failures (guard), ==, 0);
  g_assert_cmpint (md_identify_guard_locked_until (guard), ==, 0);
  g_assert_false (md_identify_guard_is_locked (guard, now));

  /* Four mistakes only count, however quick. */
  for (guint i = 1; i <= 4; i++)
    {
      g_assert_false (md_identify_guard_record_failure (guard, now));
      g_assert_cmpuint (md_identify_guard_get_failures (guard), ==, i);
      g_assert_false (md_identify_guard_is_locked (guard, now));
      g_assert_cmpint (md_identify_guard_locked_until (guard), ==, 0);
      g_assert_cmpuint (md_identify_guard_get_wait_seconds (guard, now), ==, 0);
      now += SECONDS (1);
    }

  g_assert_true (md_identify_guard_record_failure (guard, now));
  g_assert_cmpuint (md_identify_guard_get_failures (guard), ==, 5);
  assert_locked_for (guard, now, 30);
  g_assert_true (md_identify_guard_is_locked (guard, now + SECONDS (29)));
  g_assert_false (md_identify_guard_is_locked (guard, now + SECONDS (30)));

  /* Rounded up: never "0 seconds" while still locked. */
  g_assert_cmpuint (md_identify_guard_get_wait_seconds (guard, now + SECONDS (29) + 1), ==, 1);
  g_assert_cmpuint (md_identify_guard_get_wait_seconds (guard, now + 1), ==, 30);
  g_assert_cmpuint (md_identify_guard_get_wait_seconds (guard, now + SECONDS (30)), ==, 0);

  /* The lock is not lifted by the clock: the guard keeps the end time. */
  g_assert_cmpint (md_identify_guard_locked_until (guard), ==, now + SECONDS (30));
}

static void
test_guard_doubling (void)
{
  static const gint64 expected[] = { 30, 60, 120, 240, 480, 900, 900, 900 };
  g_autoptr(MdIdentifyGuard) guard = md_identify_guard_new (5);
  gint64 now = SECONDS (50);

  for (guint i = 0; i < 4; i++)
    md_identify_guard_record_failure (guard, now);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("failure %u", 5 + i);
      g_assert_true (md_identify_guard_record_failure (guard, now));
      g_assert_cmpuint (md_identify_guard_get_failures (guard), ==, 5 + i);
      assert_locked_for (guard, now, expected[i]);

      /* Try again the moment the lock runs out. */
      now += SECONDS (expected[i]);
    }

  /* No amount of waiting forgives: an hour later the next failure still
   * locks for the longest time, so that waiting between guesses buys
   * nothing. */
  now += SECONDS (3600);
  g_assert_false (md_identify_guard_is_locked (guard, now));
  g_assert_true (md_identify_guard_record_failure (guard, now));
  assert_locked_for (guard, now, 900);
}

static void
test_guard_failures_while_locked (void)
{
  g_autoptr(MdIdentifyGuard) guard = md_identify_guard_new (5);
  gint64 now = SECONDS (10);
  gint64 until;

  for (guint i = 0; i < 5; i++)
    md_identify_guard_record_failure (guard, now);
  until = md_identify_guard_locked_until (guard);
  g_assert_cmpint (until, ==, now + SECONDS (30));

  /* The form refuses input while locked. An answer that arrives anyway
   * (typed just before the lock) is neither counted nor lengthens it. */
  for (guint i = 0; i < 10; i++)
    {
      g_assert_true (md_identify_guard_record_failure (guard, now + SECONDS (i)));
      g_assert_cmpuint (md_identify_guard_get_failures (guard), ==, 5);
      g_assert_cmpint (md_identify_guard_locked_until (guard), ==, until);
    }

  /* So the next lock is still the second one, 60 s. */
  g_assert_true (md_identify_guard_record_failure (guard, until));
  g_assert_cmpuint (md_identify_guard_get_failures (guard), ==, 6);
  assert_locked_for (guard, until, 60);
}

static void
test_guard_success (void)
{
  g_autoptr(MdIdentifyGuard) guard = md_identify_guard_new (5);
  gint64 now = SECONDS (10);

  /* A success before the limit forgets the earlier failures. */
  for (guint i = 0; i < 4; i++)
    md_identify_guard_record_failure (guard, now);
  md_identify_guard_record_success (guard);
  g_assert_cmpuint (md_identify_guard_get_failures (guard), ==, 0);
  for (guint i = 0; i < 4; i++)
    g_assert_false (md_identify_guard_record_failure (guard, now));

  /* Up to the longest lock. */
  for (guint i = 0; i < 8; i++)
    {
      md_identify_guard_record_failure (guard, now);
      now = md_identify_guard_locked_until (guard);
    }
  g_assert_true (md_identify_guard_is_locked (guard, now - 1));
  g_assert_cmpuint (md_identify_guard_get_failures (guard), ==, 12);

  /* A success resets everything, a lock included (staff may end one). */
  md_identify_guard_record_success (guard);
  g_assert_cmpuint (md_identify_guard_get_failures (guard), ==, 0);
  g_assert_cmpint (md_identify_guard_locked_until (guard), ==, 0);
  g_assert_false (md_identify_guard_is_locked (guard, now - 1));
  g_assert_cmpuint (md_identify_guard_get_wait_seconds (guard, now - 1), ==, 0);

  /* And the next lock starts again at 30 s. */
  for (guint i = 0; i < 4; i++)
    g_assert_false (md_identify_guard_record_failure (guard, now));
  g_assert_true (md_identify_guard_record_failure (guard, now));
  assert_locked_for (guard, now, 30);
}

static void
test_guard_one_attempt (void)
{
  g_autoptr(MdIdentifyGuard) guard = md_identify_guard_new (1);
  gint64 now = SECONDS (1);

  g_assert_true (md_identify_guard_record_failure (guard, now));
  assert_locked_for (guard, now, 30);
  now += SECONDS (30);
  g_assert_true (md_identify_guard_record_failure (guard, now));
  assert_locked_for (guard, now, 60);
}

static void
test_guard_notify (void)
{
  g_autoptr(MdIdentifyGuard) guard = md_identify_guard_new (2);
  guint failures_notified = 0;
  guint locked_notified = 0;
  gint64 now = SECONDS (5);
  gint64 until = 0;
  guint max_attempts = 0;

  g_signal_connect (guard, "notify::failures", G_CALLBACK (md_test_count_notify),
                    &failures_notified);
  g_signal_connect (guard, "notify::locked-until", G_CALLBACK (md_test_count_notify),
                    &locked_notified);

  md_identify_guard_record_failure (guard, now);
  g_assert_cmpuint (failures_notified, ==, 1);
  g_assert_cmpuint (locked_notified, ==, 0);

  md_identify_guard_record_failure (guard, now);
  g_assert_cmpuint (failures_notified, ==, 2);
  g_assert_cmpuint (locked_notified, ==, 1);

  /* Ignored while locked: nothing changes, nothing is said. */
  md_identify_guard_record_failure (guard, now);
  g_assert_cmpuint (failures_notified, ==, 2);
  g_assert_cmpuint (locked_notified, ==, 1);

  g_object_get (guard, "locked-until", &until, "max-attempts", &max_attempts, NULL);
  g_assert_cmpint (until, ==, now + SECONDS (30));
  g_assert_cmpuint (max_attempts, ==, 2);

  md_identify_guard_record_success (guard);
  g_assert_cmpuint (failures_notified, ==, 3);
  g_assert_cmpuint (locked_notified, ==, 2);

  /* Nothing to reset. */
  md_identify_guard_record_success (guard);
  g_assert_cmpuint (failures_notified, ==, 3);
  g_assert_cmpuint (locked_notified, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pin/pbkdf2-vectors", test_pbkdf2_vectors);
  g_test_add_func ("/pin/round-trip", test_pin_round_trip);
  g_test_add_func ("/pin/verify-known", test_pin_verify_known);
  g_test_add_func ("/pin/verify-malformed", test_pin_verify_malformed);
  g_test_add_func ("/pin/validity", test_pin_validity);
  g_test_add_func ("/identify/date-accepted", test_date_accepted);
  g_test_add_func ("/identify/date-rejected", test_date_rejected);
  g_test_add_func ("/identify/date-messages", test_date_messages);
  g_test_add_func ("/identify/matches", test_matches);
  g_test_add_func ("/identify/matches-unusable-record", test_matches_unusable_record);
  g_test_add_func ("/identify/customer-number", test_customer_number);
  g_test_add_func ("/guard/first-lock", test_guard_first_lock);
  g_test_add_func ("/guard/doubling", test_guard_doubling);
  g_test_add_func ("/guard/failures-while-locked", test_guard_failures_while_locked);
  g_test_add_func ("/guard/success", test_guard_success);
  g_test_add_func ("/guard/one-attempt", test_guard_one_attempt);
  g_test_add_func ("/guard/notify", test_guard_notify);

  return g_test_run ();
}

/* test-validate.c: validators and the iso-codes country list
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>

#include "md-countries.h"
#include "md-validate.h"

typedef gboolean (*ValidateFunc) (const char  *value,
                                  char       **message);

/* Returns the failure message so that callers can compare messages. */
static char *
assert_rejected (ValidateFunc  func,
                 const char   *value)
{
  char *message = NULL;

  if (func (value, &message))
    g_error ("“%s” was accepted but should not be", value ? value : "(null)");

  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_assert_true (g_utf8_validate (message, -1, NULL));

  /* Without a place for the message the answer must be the same. */
  g_assert_false (func (value, NULL));

  return message;
}

static void
assert_accepted (ValidateFunc  func,
                 const char   *value)
{
  char *message = (char *) "unset";

  if (!func (value, &message))
    g_error ("“%s” was rejected: %s", value, message ? message : "(no message)");

  g_assert_null (message);
  g_assert_true (func (value, NULL));
}

static void
assert_all_accepted (ValidateFunc       func,
                     const char * const *values)
{
  for (guint i = 0; values[i] != NULL; i++)
    assert_accepted (func, values[i]);
}

static void
assert_all_rejected (ValidateFunc       func,
                     const char * const *values)
{
  for (guint i = 0; values[i] != NULL; i++)
    g_free (assert_rejected (func, values[i]));
}

/* @valid pass; @invalid and NULL fail. */
static void
assert_sorted (ValidateFunc       func,
               const char * const *valid,
               const char * const *invalid)
{
  assert_all_accepted (func, valid);
  assert_all_rejected (func, invalid);
  g_free (assert_rejected (func, NULL));
}

/* Each of @values fails with a message of its own: the member learns what
 * to fix, not only that something is wrong. */
static void
assert_distinct_messages (ValidateFunc       func,
                          const char * const *values)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; values[i] != NULL; i++)
    g_ptr_array_add (messages, assert_rejected (func, values[i]));

  for (guint i = 0; i < messages->len; i++)
    for (guint j = i + 1; j < messages->len; j++)
      g_assert_cmpstr (g_ptr_array_index (messages, i), !=, g_ptr_array_index (messages, j));
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

/* Countries */

static gpointer
lookup_in_thread (gpointer data)
{
  guint n_countries = 0;

  md_countries_get_all (&n_countries);

  return GUINT_TO_POINTER (md_country_code_is_valid ("DE") && n_countries > 0);
}

static void
test_countries_threads (void)
{
  GThread *threads[8];

  /* Registered first so that these threads race for the first load. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("lookup", lookup_in_thread, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_UINT (g_thread_join (threads[i])));
}

static void
test_countries_list (void)
{
  const MdCountry *countries;
  const MdCountry *again;
  guint n_countries = 0;
  guint n_again = 0;
  gboolean found_germany = FALSE;

  countries = md_countries_get_all (&n_countries);
  g_assert_nonnull (countries);
  g_assert_cmpuint (n_countries, >=, 240);

  for (guint i = 0; i < n_countries; i++)
    {
      const char *code = countries[i].code;

      g_assert_cmpuint (strlen (code), ==, 2);
      g_assert_true (g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]));
      g_assert_nonnull (countries[i].name);
      g_assert_cmpstr (countries[i].name, !=, "");
      if (i > 0)
        g_assert_cmpstr (countries[i - 1].code, <, code);

      if (g_str_equal (code, "DE"))
        {
          g_assert_cmpstr (countries[i].name, ==, "Germany");
          found_germany = TRUE;
        }
    }
  g_assert_true (found_germany);

  again = md_countries_get_all (&n_again);
  g_assert_true (again == countries);
  g_assert_cmpuint (n_again, ==, n_countries);

  g_assert_nonnull (md_countries_get_all (NULL));
}

static void
test_countries_codes (void)
{
  const char * const valid[] = { "DE", "US", "CH", "AT", "NL", "GB", "LI", "AX", NULL };
  const char * const invalid[] = { "XX", "de", "De", "D", "DEU", "", "D1", " DE", "DE ", "UK", NULL };

  for (guint i = 0; valid[i] != NULL; i++)
    g_assert_true (md_country_code_is_valid (valid[i]));
  for (guint i = 0; invalid[i] != NULL; i++)
    g_assert_false (md_country_code_is_valid (invalid[i]));
  g_assert_false (md_country_code_is_valid (NULL));

  assert_sorted (md_validate_country_code, valid, invalid);
}

static void
test_countries_messages (void)
{
  g_autofree char *lower = assert_rejected (md_validate_country_code, "de");
  g_autofree char *unknown = assert_rejected (md_validate_country_code, "XX");
  g_autofree char *shape = assert_rejected (md_validate_country_code, "DEU");

  g_assert_cmpstr (lower, !=, unknown);
  g_assert_cmpstr (unknown, !=, shape);
  g_assert_true (contains (unknown, "XX"));
}

static void
test_countries_display_name (void)
{
  g_assert_cmpstr (md_country_get_display_name ("DE"), ==, "Germany");
  g_assert_cmpstr (md_country_get_display_name ("CH"), ==, "Switzerland");
  g_assert_null (md_country_get_display_name ("XX"));
  g_assert_null (md_country_get_display_name ("de"));
  g_assert_null (md_country_get_display_name (NULL));
}

static void
test_countries_display_name_translated (void)
{
  g_autofree char *mo = g_build_filename (ISO_CODES_PREFIX, "share", "locale", "de",
                                          "LC_MESSAGES", "iso_3166-1.mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("iso-codes has no German translation installed");
      return;
    }

  /* gettext caches per locale, not per LANGUAGE: switch in a fresh process. */
  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "de", TRUE);
      g_assert_cmpstr (md_country_get_display_name ("DE"), ==, "Deutschland");
      g_assert_cmpstr (md_country_get_display_name ("CH"), ==, "Schweiz");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_cmpstr (md_country_get_display_name ("DE"), ==, "Germany");
}

/* IBAN */

static void
test_iban_valid (void)
{
  /* Published examples (national banks, the SWIFT IBAN registry). */
  const char * const valid[] = {
    "DE89 3704 0044 0532 0130 00",
    "GB82 WEST 1234 5698 7654 32",
    "FR14 2004 1010 0505 0001 3M02 606",
    "NL91 ABNA 0417 1643 00",
    "AT61 1904 3002 3457 3201",
    "CH93 0076 2011 6238 5295 7",
    "BE68 5390 0754 7034",
    "IT60 X054 2811 1010 0000 0123 456",
    "ES91 2100 0418 4502 0005 1332",
    "PL61 1090 1014 0000 0712 1981 2874",
    "LU28 0019 4006 4475 0000",
    "NO93 8601 1117 947",
    "CZ65 0800 0000 1920 0014 5399",
    "DK50 0040 0440 1162 43",
    "SE45 5000 0000 0583 9825 7466",
    "FI21 1234 5600 0007 85",
    "PT50 0002 0123 1234 5678 9015 4",
    "IE29 AIBK 9311 5212 3456 78",
    "LI21 0881 0000 2324 013A A",
    "SI56 1910 0000 0123 438",
    "HU42 1177 3016 1111 1018 0000 0000",
    "GR16 0110 1250 0000 0001 2300 695",
    "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
    "SK31 1200 0000 1987 4263 7541",
    "HR12 1001 0051 8630 0016 0",
    "SA03 8000 0000 6080 1016 7519",
    "BR97 0036 0305 0000 1000 9795 493P 1",
    "LC55 HEMM 0001 0001 0012 0012 0002 3015",
    "XK05 1212 0123 4567 8906",
    /* Normalisation: no spaces, lower case, spaces anywhere. */
    "DE89370400440532013000",
    "de89370400440532013000",
    "gb82 west 1234 5698 7654 32",
    " DE 89370400 4405320 13000 ",
    "D E 8 9 3 7 0 4 0 0 4 4 0 5 3 2 0 1 3 0 0 0",
    "  NL91ABNA0417164300",
    /* Check digits at the edges of the range 02..98. */
    "DE02370400440532013014",
    "DE98370400440532013032",
    "DE97370400440532013050",
    NULL
  };

  assert_all_accepted (md_validate_iban, valid);
}

static void
test_iban_invalid (void)
{
  const char * const invalid[] = {
    "DE89 3704 0044 0532 0130 01",         /* one digit changed */
    "DE88 3704 0044 0532 0130 00",         /* check digit changed */
    "DE89 3704 0044 0352 0130 00",         /* adjacent digits swapped */
    "DE89 3704 0044 0532 0103 00",         /* adjacent digits swapped */
    "GB82 WEST 1234 5698 7654 23",
    "GB82 WETS 1234 5698 7654 32",
    "NL91 ABNA 0417 1643 01",
    "FR14 2004 1010 0505 0001 3M02 60",    /* one character short */
    "DE89 3704 0044 0532 0130 000",        /* one character long */
    "DE89 3704 0044 0532 0130",
    "BE68 5390 0754 7034 0",
    "XX89 3704 0044 0532 0130 00",         /* no such country */
    "US64 SVBK US6S 3300 9673 86",         /* a country without IBANs */
    "DE89-3704-0044-0532-0130-00",         /* bad characters */
    "DE89 3704 0044 0532 0130 0Ä",
    "DE89\t3704004405320130 00",
    "DE89 3704 0044 0532 0130 00.",
    "",
    "   ",
    "D",
    "DE",
    "DE8",
    "DEAB 3704 0044 0532 0130 00",         /* letters as check digits */
    "1289 3704 0044 0532 0130 00",         /* digits as country */
    /* Pass MOD 97-10 but use check digits that are never issued. */
    "DE99370400440532013014",
    "DE01370400440532013032",
    "DE00370400440532013050",
    NULL
  };

  assert_all_rejected (md_validate_iban, invalid);
  g_free (assert_rejected (md_validate_iban, NULL));
}

static void
test_iban_messages (void)
{
  g_autofree char *characters = assert_rejected (md_validate_iban, "DE89-3704-0044-0532-0130-00");
  g_autofree char *country = assert_rejected (md_validate_iban, "XX89 3704 0044 0532 0130 00");
  g_autofree char *length = assert_rejected (md_validate_iban, "DE89 3704 0044 0532 0130");
  g_autofree char *length_long = assert_rejected (md_validate_iban, "NO93 8601 1117 9470");
  g_autofree char *check = assert_rejected (md_validate_iban, "DE89 3704 0044 0532 0130 01");
  g_autofree char *empty = assert_rejected (md_validate_iban, "");
  const char *all[] = { characters, country, length, check, empty };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (all); j++)
      g_assert_cmpstr (all[i], !=, all[j]);

  /* The wrong-length message names the country and both lengths. */
  g_assert_true (contains (length, "Germany"));
  g_assert_true (contains (length, "22"));
  g_assert_true (contains (length, "20"));
  g_assert_true (contains (length_long, "Norway"));
  g_assert_true (contains (length_long, "15"));
  g_assert_true (contains (length_long, "16"));
  g_assert_true (contains (country, "XX"));
  g_assert_true (contains (check, "check digits"));

  /* No internals in messages. */
  g_assert_false (contains (check, "97"));
  g_assert_false (contains (check, "mod"));
}

static void
test_iban_normalize (void)
{
  const struct { const char *in; const char *normalized; const char *formatted; } cases[] = {
    { "de 89 3704 0044 0532 0130 00", "DE89370400440532013000", "DE89 3704 0044 0532 0130 00" },
    { "DE89370400440532013000", "DE89370400440532013000", "DE89 3704 0044 0532 0130 00" },
    { " nl91abna0417164300 ", "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00" },
    { "NO9386011117947", "NO9386011117947", "NO93 8601 1117 947" },
    { "BE68539007547034", "BE68539007547034", "BE68 5390 0754 7034" },
    { "fr1420041010050500013m02606", "FR1420041010050500013M02606", "FR14 2004 1010 0505 0001 3M02 606" },
    { "", "", "" },
    { "   ", "", "" },
    { "ab", "AB", "AB" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = md_iban_normalize (cases[i].in);
      g_autofree char *formatted = md_iban_format (cases[i].in);
      g_autofree char *reformatted = md_iban_format (formatted);

      g_assert_cmpstr (normalized, ==, cases[i].normalized);
      g_assert_cmpstr (formatted, ==, cases[i].formatted);
      g_assert_cmpstr (reformatted, ==, cases[i].formatted);
    }

  g_assert_null (md_iban_normalize (NULL));
  g_assert_null (md_iban_format (NULL));
}

static void
test_iban_mask (void)
{
  static const struct { const char *in, *masked; } cases[] = {
    { "de 89 3704 0044 0532 0130 00", "•••• •••• •••• •••• ••30 00" },
    { "NO9386011117947", "•••• •••• •••7 947" },
    { "BE68", "BE68" },
    { "ab1", "AB1" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = md_iban_mask (cases[i].in);
      g_autofree char *normalized = md_iban_normalize (cases[i].in);
      g_autoptr(GString) visible = g_string_new (NULL);
      gsize length = strlen (normalized);

      g_assert_cmpstr (masked, ==, cases[i].masked);

      /* Only the last four characters can be read. */
      for (const char *c = masked; *c != '\0'; c = g_utf8_next_char (c))
        if (g_ascii_isalnum (*c))
          g_string_append_c (visible, *c);
      g_assert_cmpstr (visible->str, ==, normalized + (length > 4 ? length - 4 : 0));
    }

  g_assert_null (md_iban_mask (NULL));
}

/* BIC */

static void
test_bic (void)
{
  const char * const valid[] = {
    "COBADEFFXXX", "COBADEFF", "DEUTDEFF", "DEUTDEFF500", "GENODEF1M04",
    "INGDDEFFXXX", "BNPAFRPPXXX", "UBSWCHZH80A", "NWBKGB2L", "RABONL2U",
    "cobadeffxxx", "CobaDeFf", "BKAUATWW", "PKOPPLPW", "RBKOXKPR",
    NULL
  };
  const char * const invalid[] = {
    "", "COBADEF", "COBADEFFX", "COBADEFFXX", "COBADEFFXXXX", "COBADEFF XXX",
    "COBA DE FF", "COBA-DEFF", "C0BADEFF", "1234DEFF", "COBAXXFF", "COBA12FF",
    "COBADEF_", "COBADEFFÄXX", "COBA", NULL
  };
  /* Length, country, characters, bank code. */
  const char * const distinct[] = { "COBADEFFX", "COBAXXFF", "COBA-DEFF", "C0BADEFF", NULL };
  g_autofree char *length = NULL;

  assert_sorted (md_validate_bic, valid, invalid);
  assert_distinct_messages (md_validate_bic, distinct);

  length = assert_rejected (md_validate_bic, "COBADEFFX");
  g_assert_true (contains (length, "11"));
}

/* E-mail */

static void
test_email (void)
{
  const char * const valid[] = {
    "anna.schmidt@example.com",
    "a@b.de",
    "anna+fitness@mail.example.org",
    "o'brien@example.ie",
    "first_last-1@sub.domain-name.co.uk",
    "jürgen@müller.de",
    "UPPER@EXAMPLE.COM",
    "x@xn--mller-kva.de",
    NULL
  };
  const char * const invalid[] = {
    "",
    "anna",
    "anna.example.com",
    "@example.com",
    "anna@",
    "anna@example",
    "anna@@example.com",
    "anna@exa@mple.com",
    "anna schmidt@example.com",
    "anna@example .com",
    " anna@example.com",
    "anna@example.com ",
    "anna@.example.com",
    "anna@example..com",
    "anna@example.com.",
    "anna@-example.com",
    "anna@example-.com",
    "anna@example.c",
    "anna@192.168.0.1",
    ".anna@example.com",
    "anna.@example.com",
    "an..na@example.com",
    "anna(x)@example.com",
    "anna,b@example.com",
    "anna@exa_mple.com",
    "anna\n@example.com",
    NULL
  };
  g_autofree char *a64 = NULL;
  g_autofree char *b63 = NULL;
  g_autofree char *long_local = NULL;
  g_autofree char *long_label = NULL;
  g_autofree char *long_total = NULL;
  g_autofree char *fits = NULL;
  const char * const distinct[] = { "anna.example.com", "anna schmidt@example.com", "anna@example",
                                    NULL };

  assert_sorted (md_validate_email, valid, invalid);
  g_free (assert_rejected (md_validate_email, "anna@exam\xff" "ple.com"));

  a64 = g_strnfill (64, 'a');
  b63 = g_strnfill (63, 'b');
  long_local = g_strdup_printf ("a%s@example.com", a64);
  long_label = g_strdup_printf ("anna@b%s.com", b63);
  long_total = g_strdup_printf ("anna@%s.%s.%s.%s.com", b63, b63, b63, b63);
  fits = g_strdup_printf ("%s@%s.com", a64, b63);
  g_free (assert_rejected (md_validate_email, long_local));
  g_free (assert_rejected (md_validate_email, long_label));
  g_free (assert_rejected (md_validate_email, long_total));
  assert_accepted (md_validate_email, fits);

  assert_distinct_messages (md_validate_email, distinct);
}

/* Phone */

static void
test_phone (void)
{
  const char * const valid[] = {
    "+49 30 1234567",
    "030 1234567",
    "030/1234567",
    "+49 (0) 30 123 456-78",
    "0049-30-1234567",
    "(030) 12 34 56",
    "110",
    "+4930123456789012345",   /* 19 digits */
    "12345678901234567890",   /* 20 digits */
    NULL
  };
  const char * const invalid[] = {
    "",
    "12",                       /* too few digits */
    "+1",
    "+ - / ( )",
    "123456789012345678901",    /* 21 digits */
    "49+30 1234567",            /* + not first */
    "++49 30 1234567",
    " +49 30 1234567",
    "+49 30 1234567 ext. 5",
    "+49.30.1234567",
    "030#1234567",
    "030 123456x",
    "０３０ １２３４５６７",         /* full-width digits */
    "030\t1234567",
    NULL
  };
  /* Characters, the place of the +, too few digits. */
  const char * const distinct[] = { "030 123456x", "49+30 1234567", "12", NULL };
  g_autofree char *spaces = NULL;
  g_autofree char *padded = NULL;

  assert_sorted (md_validate_phone, valid, invalid);

  spaces = g_strnfill (100, ' ');
  padded = g_strdup_printf ("030%s1234567", spaces);
  g_free (assert_rejected (md_validate_phone, padded));

  assert_distinct_messages (md_validate_phone, distinct);
}

/* Postal codes */

typedef struct
{
  const char *country;
  const char *valid[8];
  const char *invalid[12];
  const char *name;   /* the English adjective the message should carry */
} PostalCase;

static const PostalCase postal_cases[] = {
  { "DE", { "10969", "01067", "80331", "99998" },
    { "1096", "109690", "1O969", "10 969", "D-10969", "10969 ", "abcde" }, "German" },
  { "AT", { "1010", "8010", "6020" },
    { "0101", "10100", "101", "A-1010", "10a0" }, "Austrian" },
  { "CH", { "8001", "3000", "1200" },
    { "0800", "80011", "800", "CH-8001" }, "Swiss" },
  { "NL", { "1012 AB", "1012AB", "9999 ZZ", "1012 ab" },
    { "0123 AB", "1012", "1012 A", "1012  AB", "1012-AB", "AB 1012", "1012 ABC" }, "Dutch" },
  { "BE", { "1000", "9000", "4000" },
    { "0999", "10000", "100", "B-1000" }, "Belgian" },
  { "FR", { "75001", "01000", "97400", "20000" },
    { "7500", "750011", "75 001", "2A000" }, "French" },
  { "IT", { "00184", "20121", "39100" },
    { "0018", "001840", "I-00184" }, "Italian" },
  { "ES", { "28013", "08001", "52001", "01001" },
    { "00123", "53001", "99001", "2801", "280133" }, "Spanish" },
  { "PL", { "00-950", "31-002", "80-001" },
    { "00950", "00 950", "0-0950", "00-9500", "000-950" }, "Polish" },
  { "LU", { "L-1009", "1009", "l-1009", "L-2449" },
    { "L1009", "L-10090", "100", "LU-1009", "L 1009" }, "Luxembourg" },
  { "GB", { "SW1A 1AA", "SW1A1AA", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT" },
    { "GIR 0AB", "SW1A 1A", "SW1A 1AAA", "1W1A 1AA", "QA1 1AA", "SW1A 1CA", "ABC", "SW1A  1AA", "V1 1AA",
      "Q1A 1AA", "W1I 0AX" },
    "British" },
  { "IE", { "D02 X285", "D02X285", "A65 F4E2", "D6W 1234" },
    { "D02 X28", "B02 X285", "D02 X2O5", "D0 X285", "D02 XB85" }, "Irish" },
  { "DK", { "1050", "8000" }, { "0800", "DK-1050", "10500" }, "Danish" },
  { "SE", { "114 55", "11455", "752 36" }, { "014 55", "114-55", "1145" }, "Swedish" },
  { "NO", { "0150", "5003" }, { "150", "01500", "N-0150" }, "Norwegian" },
  { "PT", { "1100-148", "4000-322" }, { "1100148", "1100", "0100-148", "1100-14" }, "Portuguese" },
  { "CZ", { "110 00", "11000", "602 00" }, { "810 00", "110-00", "1100" }, "Czech" },
  { "LI", { "9490", "9485", "9498" }, { "9484", "9499", "8001" }, "Liechtenstein" },
  { "FI", { "00100", "33100" }, { "0010", "FI-00100" }, "Finnish" },
};

static void
test_postal_codes_by_country (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (postal_cases); i++)
    {
      const PostalCase *c = &postal_cases[i];

      for (guint j = 0; j < G_N_ELEMENTS (c->valid) && c->valid[j] != NULL; j++)
        {
          char *message = (char *) "unset";

          if (!md_validate_postal_code (c->valid[j], c->country, &message))
            g_error ("%s postal code “%s” was rejected: %s", c->country, c->valid[j], message);
          g_assert_null (message);
          g_assert_true (md_validate_postal_code (c->valid[j], c->country, NULL));
        }

      for (guint j = 0; j < G_N_ELEMENTS (c->invalid) && c->invalid[j] != NULL; j++)
        {
          g_autofree char *message = NULL;

          if (md_validate_postal_code (c->invalid[j], c->country, &message))
            g_error ("%s postal code “%s” was accepted", c->country, c->invalid[j]);
          g_assert_nonnull (message);
          g_assert_true (contains (message, c->name));
          /* The message shows an example that is itself valid. */
          g_assert_true (contains (message, c->valid[0]));
          g_assert_false (md_validate_postal_code (c->invalid[j], c->country, NULL));
        }

      g_assert_false (md_validate_postal_code ("", c->country, NULL));
      g_assert_false (md_validate_postal_code (NULL, c->country, NULL));
    }
}

static void
test_postal_codes_message_example (void)
{
  g_autofree char *german = NULL;

  g_assert_false (md_validate_postal_code ("1096", "DE", &german));
  g_assert_cmpstr (german, ==, "Enter a German postal code, like 10969.");
}

static void
test_postal_codes_unknown_country (void)
{
  const char * const countries[] = { "US", "JP", "XX", "de", "", NULL };
  const char * const valid[] = { "12", "10969", "SW1A 1AA", "100-0001", "K1A 0B1", "1234567890", NULL };
  const char * const invalid[] = { "1", "12345678901", "10969!", "1096.9", "Zürich", "", NULL };

  for (guint c = 0; c < G_N_ELEMENTS (countries); c++)
    {
      for (guint i = 0; valid[i] != NULL; i++)
        {
          char *message = (char *) "unset";

          g_assert_true (md_validate_postal_code (valid[i], countries[c], &message));
          g_assert_null (message);
        }

      for (guint i = 0; invalid[i] != NULL; i++)
        {
          g_autofree char *message = NULL;

          g_assert_false (md_validate_postal_code (invalid[i], countries[c], &message));
          g_assert_nonnull (message);
          g_assert_cmpstr (message, !=, "");
          g_assert_false (md_validate_postal_code (invalid[i], countries[c], NULL));
        }
    }
}

/* Dates of birth */

static gboolean
check_date (const char  *value,
            guint        day,
            GDateMonth   month,
            guint        year,
            char       **message)
{
  g_autoptr(GDate) today = g_date_new_dmy ((GDateDay) day, month, (GDateYear) year);

  return md_validate_date_of_birth (value, today, message);
}

static void
assert_date_accepted (const char *value,
                      guint       day,
                      GDateMonth  month,
                      guint       year)
{
  char *message = (char *) "unset";

  if (!check_date (value, day, month, year, &message))
    g_error ("date of birth “%s” was rejected: %s", value, message);
  g_assert_null (message);
  g_assert_true (check_date (value, day, month, year, NULL));
}

static char *
assert_date_rejected (const char *value,
                      guint       day,
                      GDateMonth  month,
                      guint       year)
{
  char *message = NULL;

  if (check_date (value, day, month, year, &message))
    g_error ("date of birth “%s” was accepted", value ? value : "(null)");
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_assert_false (check_date (value, day, month, year, NULL));

  return message;
}

static void
test_date_of_birth (void)
{
  const char * const malformed[] = {
    "1991-3-14", "14.03.1991", "03/14/1991", "1991-03-14T00:00:00", "19910314",
    "1991-03-14 ", " 1991-03-14", "91-03-14", "1991/03/14", "1991-03-1a",
    "+991-03-14", "1991-0３-14", "", NULL
  };
  g_autofree char *format = NULL;
  g_autofree char *calendar = NULL;
  g_autofree char *future = NULL;
  g_autofree char *ancient = NULL;

  assert_date_accepted ("1991-03-14", 1, G_DATE_JUNE, 2026);
  assert_date_accepted ("2000-01-01", 1, G_DATE_JUNE, 2026);
  assert_date_accepted ("2026-05-31", 1, G_DATE_JUNE, 2026);   /* yesterday */
  assert_date_accepted ("1906-06-01", 1, G_DATE_JUNE, 2026);   /* exactly 120 years */

  /* February 29th exists only in leap years. */
  assert_date_accepted ("2000-02-29", 1, G_DATE_JUNE, 2026);
  assert_date_accepted ("1996-02-29", 1, G_DATE_JUNE, 2026);
  g_free (assert_date_rejected ("1999-02-29", 1, G_DATE_JUNE, 2026));
  g_free (assert_date_rejected ("1900-02-29", 1, G_DATE_JUNE, 2026));
  g_free (assert_date_rejected ("1991-04-31", 1, G_DATE_JUNE, 2026));
  g_free (assert_date_rejected ("1991-13-01", 1, G_DATE_JUNE, 2026));
  g_free (assert_date_rejected ("1991-00-10", 1, G_DATE_JUNE, 2026));
  g_free (assert_date_rejected ("1991-01-00", 1, G_DATE_JUNE, 2026));
  g_free (assert_date_rejected ("1991-01-32", 1, G_DATE_JUNE, 2026));
  g_free (assert_date_rejected ("0000-01-01", 1, G_DATE_JUNE, 2026));

  g_free (assert_date_rejected ("2026-06-01", 1, G_DATE_JUNE, 2026));   /* today */
  g_free (assert_date_rejected ("2026-06-02", 1, G_DATE_JUNE, 2026));   /* tomorrow */
  g_free (assert_date_rejected ("2090-01-01", 1, G_DATE_JUNE, 2026));
  g_free (assert_date_rejected ("1896-06-01", 1, G_DATE_JUNE, 2026));   /* 130 years ago */
  g_free (assert_date_rejected ("1906-05-31", 1, G_DATE_JUNE, 2026));   /* a day too old */
  g_free (assert_date_rejected (NULL, 1, G_DATE_JUNE, 2026));

  for (guint i = 0; malformed[i] != NULL; i++)
    g_free (assert_date_rejected (malformed[i], 1, G_DATE_JUNE, 2026));

  /* A leap-day "today" still gives a sane limit 120 years back. */
  assert_date_accepted ("1904-02-29", 29, G_DATE_FEBRUARY, 2024);
  g_free (assert_date_rejected ("1904-02-28", 29, G_DATE_FEBRUARY, 2024));

  format = assert_date_rejected ("14.03.1991", 1, G_DATE_JUNE, 2026);
  calendar = assert_date_rejected ("1999-02-29", 1, G_DATE_JUNE, 2026);
  future = assert_date_rejected ("2026-06-02", 1, G_DATE_JUNE, 2026);
  ancient = assert_date_rejected ("1896-06-01", 1, G_DATE_JUNE, 2026);
  g_assert_cmpstr (format, !=, calendar);
  g_assert_cmpstr (calendar, !=, future);
  g_assert_cmpstr (future, !=, ancient);
  g_assert_cmpstr (ancient, !=, format);
  g_assert_true (contains (ancient, "120"));
}

static void
test_date_of_birth_local_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) past = g_date_time_add_years (now, -30);
  g_autofree char *tomorrow_text = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autofree char *past_text = g_date_time_format (past, "%Y-%m-%d");

  g_assert_true (md_validate_date_of_birth (past_text, NULL, NULL));
  g_assert_true (md_validate_date_of_birth ("1980-01-01", NULL, NULL));

  /* Around midnight "today" may differ by one: tomorrow is never valid. */
  g_assert_false (md_validate_date_of_birth (tomorrow_text, NULL, NULL));
  g_assert_false (md_validate_date_of_birth ("2999-01-01", NULL, NULL));
  g_assert_false (md_validate_date_of_birth ("1850-01-01", NULL, NULL));
}

/* Enumerations */

static void
test_gender (void)
{
  const char * const valid[] = { "MALE", "FEMALE", "UNISEX", NULL };
  const char * const invalid[] = { "", "male", "Female", "DIVERSE", "M", "MALE ", "UNKNOWN", NULL };

  assert_sorted (md_validate_gender, valid, invalid);
}

static void
test_title (void)
{
  const char * const valid[] = { "NONE", "DR", "PROF", NULL };
  const char * const invalid[] = { "", "dr", "Dr.", "DR.", "PROF_DR", "MR", "none", NULL };

  assert_sorted (md_validate_title, valid, invalid);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/countries/threads", test_countries_threads);
  g_test_add_func ("/countries/list", test_countries_list);
  g_test_add_func ("/countries/codes", test_countries_codes);
  g_test_add_func ("/countries/messages", test_countries_messages);
  g_test_add_func ("/countries/display-name", test_countries_display_name);
  g_test_add_func ("/countries/display-name-translated", test_countries_display_name_translated);
  g_test_add_func ("/iban/valid", test_iban_valid);
  g_test_add_func ("/iban/invalid", test_iban_invalid);
  g_test_add_func ("/iban/messages", test_iban_messages);
  g_test_add_func ("/iban/normalize", test_iban_normalize);
  g_test_add_func ("/bic/all", test_bic);
  g_test_add_func ("/email/all", test_email);
  g_test_add_func ("/phone/all", test_phone);
  g_test_add_func ("/postal-code/by-country", test_postal_codes_by_country);
  g_test_add_func ("/postal-code/message-example", test_postal_codes_message_example);
  g_test_add_func ("/iban/mask", test_iban_mask);
  g_test_add_func ("/postal-code/unknown-country", test_postal_codes_unknown_country);
  g_test_add_func ("/date-of-birth/fixed-today", test_date_of_birth);
  g_test_add_func ("/date-of-birth/local-today", test_date_of_birth_local_today);
  g_test_add_func ("/enum/gender", test_gender);
  g_test_add_func ("/enum/title", test_title);

  return g_test_run ();
}

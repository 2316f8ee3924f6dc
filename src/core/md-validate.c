/* md-validate.c: field validators with field-specific messages
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "md-validate"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "md-countries.h"
#include "md-validate.h"

#define IBAN_MAX_LENGTH      34
#define EMAIL_MAX_LENGTH     254
#define EMAIL_LOCAL_MAX      64
#define EMAIL_LABEL_MAX      63
#define PHONE_MIN_DIGITS     3
#define PHONE_MAX_DIGITS     20
#define PHONE_MAX_LENGTH     40
#define POSTAL_MIN_LENGTH    2
#define POSTAL_MAX_LENGTH    10
#define MAX_AGE_YEARS        120

gboolean
md_validate_fail (char **message,
                  char  *text)
{
  if (message != NULL)
    *message = text;
  else
    g_free (text);

  return FALSE;
}

gboolean
md_validate_succeed (char **message)
{
  if (message != NULL)
    *message = NULL;

  return TRUE;
}

/* IBAN */

typedef struct
{
  char  code[3];
  guint length;
} IbanCountry;

/* The SWIFT IBAN registry (ISO 13616). Territories that use another
 * country's IBAN (Åland: FI, Jersey: GB, Réunion: FR, ...) are not listed
 * because their IBANs start with that country's code. */
static const IbanCountry iban_countries[] = {
  { "AD", 24 }, { "AE", 23 }, { "AL", 28 }, { "AT", 20 }, { "AZ", 28 },
  { "BA", 20 }, { "BE", 16 }, { "BG", 22 }, { "BH", 22 }, { "BI", 27 },
  { "BR", 29 }, { "BY", 28 }, { "CH", 21 }, { "CR", 22 }, { "CY", 28 },
  { "CZ", 24 }, { "DE", 22 }, { "DJ", 27 }, { "DK", 18 }, { "DO", 28 },
  { "EE", 20 }, { "EG", 29 }, { "ES", 24 }, { "FI", 18 }, { "FK", 18 },
  { "FO", 18 }, { "FR", 27 }, { "GB", 22 }, { "GE", 22 }, { "GI", 23 },
  { "GL", 18 }, { "GR", 27 }, { "GT", 28 }, { "HN", 28 }, { "HR", 21 },
  { "HU", 28 }, { "IE", 22 }, { "IL", 23 }, { "IQ", 23 }, { "IS", 26 },
  { "IT", 27 }, { "JO", 30 }, { "KW", 30 }, { "KZ", 20 }, { "LB", 28 },
  { "LC", 32 }, { "LI", 21 }, { "LT", 20 }, { "LU", 20 }, { "LV", 21 },
  { "LY", 25 }, { "MC", 27 }, { "MD", 24 }, { "ME", 22 }, { "MK", 19 },
  { "MN", 20 }, { "MR", 27 }, { "MT", 31 }, { "MU", 30 }, { "NI", 28 },
  { "NL", 18 }, { "NO", 15 }, { "OM", 23 }, { "PK", 24 }, { "PL", 28 },
  { "PS", 29 }, { "PT", 25 }, { "QA", 29 }, { "RO", 24 }, { "RS", 22 },
  { "RU", 33 }, { "SA", 24 }, { "SC", 31 }, { "SD", 18 }, { "SE", 24 },
  { "SI", 19 }, { "SK", 24 }, { "SM", 27 }, { "SO", 23 }, { "ST", 25 },
  { "SV", 28 }, { "TL", 23 }, { "TN", 24 }, { "TR", 26 }, { "UA", 29 },
  { "VA", 22 }, { "VG", 24 }, { "XK", 20 }, { "YE", 30 },
};

static guint
iban_length_for_country (const char *iban)
{
  for (guint i = 0; i < G_N_ELEMENTS (iban_countries); i++)
    {
      if (iban[0] == iban_countries[i].code[0] &&
          iban[1] == iban_countries[i].code[1])
        return iban_countries[i].length;
    }

  return 0;
}

/* ISO 7064 MOD 97-10 over the rearranged IBAN, one digit at a time so that
 * no big number is needed. @iban is normalised and alphanumeric. */
static guint
iban_mod97 (const char *iban)
{
  gsize length = strlen (iban);
  guint remainder = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = iban[(i + 4) % length];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (guint) (c - '0')) % 97;
      else
        remainder = (remainder * 100 + (guint) (c - 'A' + 10)) % 97;
    }

  return remainder;
}

char *
md_iban_normalize (const char *value)
{
  GString *result;

  if (value == NULL)
    return NULL;

  result = g_string_sized_new (IBAN_MAX_LENGTH);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p != ' ')
        g_string_append_c (result, g_ascii_toupper (*p));
    }

  return g_string_free (result, FALSE);
}

char *
md_iban_format (const char *value)
{
  g_autofree char *normalized = md_iban_normalize (value);
  GString *result;

  if (normalized == NULL)
    return NULL;

  result = g_string_sized_new (IBAN_MAX_LENGTH + IBAN_MAX_LENGTH / 4);
  for (gsize i = 0; normalized[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (result, ' ');
      g_string_append_c (result, normalized[i]);
    }

  return g_string_free (result, FALSE);
}

char *
md_iban_mask (const char *value)
{
  g_autofree char *normalized = md_iban_normalize (value);
  GString *result;
  gsize length;

  if (normalized == NULL)
    return NULL;

  length = strlen (normalized);
  result = g_string_sized_new (IBAN_MAX_LENGTH * 3 + IBAN_MAX_LENGTH / 4);
  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (result, ' ');
      if (i + 4 < length)
        g_string_append (result, "•");
      else
        g_string_append_c (result, normalized[i]);
    }

  return g_string_free (result, FALSE);
}

gboolean
md_validate_iban (const char  *value,
                  char       **message)
{
  g_autofree char *iban = md_iban_normalize (value);
  char country[3];
  const char *country_name;
  guint expected;
  guint length;

  if (iban == NULL || *iban == '\0')
    return md_validate_fail (message, g_strdup (_("Enter an IBAN.")));

  for (const char *p = iban; *p != '\0'; p++)
    {
      if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p))
        return md_validate_fail (message, g_strdup (_("An IBAN may contain only letters, digits and spaces.")));
    }

  if (!g_ascii_isupper (iban[0]) || !g_ascii_isupper (iban[1]) ||
      !g_ascii_isdigit (iban[2]) || !g_ascii_isdigit (iban[3]))
    return md_validate_fail (message,
                 g_strdup (_("An IBAN starts with a country code and two check digits, like DE89.")));

  country[0] = iban[0];
  country[1] = iban[1];
  country[2] = '\0';

  expected = iban_length_for_country (iban);
  if (expected == 0)
    return md_validate_fail (message,
                 g_strdup_printf (_("An IBAN cannot start with “%s”: that is not a country that uses IBANs."),
                                  country));

  length = strlen (iban);
  if (length != expected)
    {
      country_name = md_country_get_display_name (country);

      if (country_name != NULL)
        return md_validate_fail (message,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "An IBAN from %s has %u character, but this one has %u.",
                                                   "An IBAN from %s has %u characters, but this one has %u.",
                                                   expected),
                                      country_name, expected, length));

      return md_validate_fail (message,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "An IBAN starting with %s has %u character, but this one has %u.",
                                                 "An IBAN starting with %s has %u characters, but this one has %u.",
                                                 expected),
                                    country, expected, length));
    }

  /* Check digits 00, 01 and 99 are never issued, though 00 and 99 can
   * satisfy MOD 97-10 (they are congruent to 97 and 02). */
  if ((iban[2] == '0' && (iban[3] == '0' || iban[3] == '1')) ||
      (iban[2] == '9' && iban[3] == '9') ||
      iban_mod97 (iban) != 1)
    return md_validate_fail (message,
                 g_strdup (_("The IBAN’s check digits do not match the rest of it. Please check it for typing errors.")));

  return md_validate_succeed (message);
}

/* BIC */

gboolean
md_validate_bic (const char  *value,
                 char       **message)
{
  gsize length;
  char country[3];

  if (value == NULL || *value == '\0')
    return md_validate_fail (message, g_strdup (_("Enter a BIC.")));

  for (const char *p = value; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return md_validate_fail (message, g_strdup (_("A BIC may contain only letters and digits.")));
    }

  length = strlen (value);
  if (length != 8 && length != 11)
    return md_validate_fail (message, g_strdup (_("A BIC has 8 or 11 letters and digits, like COBADEFFXXX.")));

  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isalpha (value[i]))
        return md_validate_fail (message, g_strdup (_("A BIC starts with four letters that name the bank.")));
    }

  country[0] = g_ascii_toupper (value[4]);
  country[1] = g_ascii_toupper (value[5]);
  country[2] = '\0';

  /* SWIFT uses XK for Kosovo, which ISO 3166-1 has not assigned. */
  if (!md_country_code_is_valid (country) && strcmp (country, "XK") != 0)
    return md_validate_fail (message,
                 g_strdup (_("The fifth and sixth characters of a BIC are a country code, like DE.")));

  return md_validate_succeed (message);
}

/* E-mail */

static gboolean
is_email_local_char (char c)
{
  /* RFC 5322 atext plus dots; quoted local parts are too rare to be worth
   * their confusion. Bytes of UTF-8 sequences are allowed (RFC 6531). */
  return g_ascii_isalnum (c) ||
         (c != '\0' && strchr (".!#$%&'*+/=?^_`{|}~-", c) != NULL) ||
         (guchar) c >= 0x80;
}

static gboolean
is_email_domain_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || (guchar) c >= 0x80;
}

static gboolean
email_domain_is_valid (const char *domain)
{
  g_auto(GStrv) labels = NULL;
  guint n_labels;

  if (*domain == '\0')
    return FALSE;

  labels = g_strsplit (domain, ".", -1);
  n_labels = g_strv_length (labels);
  if (n_labels < 2)
    return FALSE;

  for (guint i = 0; i < n_labels; i++)
    {
      const char *label = labels[i];
      gsize length = strlen (label);

      if (length == 0 || length > EMAIL_LABEL_MAX)
        return FALSE;
      if (label[0] == '-' || label[length - 1] == '-')
        return FALSE;

      for (const char *p = label; *p != '\0'; p++)
        {
          if (!is_email_domain_char (*p))
            return FALSE;
        }
    }

  /* A top-level domain is never a number nor a single letter. */
  if (strlen (labels[n_labels - 1]) < 2)
    return FALSE;
  for (const char *p = labels[n_labels - 1]; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

gboolean
md_validate_email (const char  *value,
                   char       **message)
{
  const char *at;
  gsize local_length;

  if (value == NULL || *value == '\0')
    return md_validate_fail (message, g_strdup (_("Enter an e-mail address.")));

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        return md_validate_fail (message, g_strdup (_("An e-mail address cannot contain spaces.")));
    }

  if (strlen (value) > EMAIL_MAX_LENGTH)
    return md_validate_fail (message, g_strdup (_("This e-mail address is too long.")));

  if (!g_utf8_validate (value, -1, NULL))
    return md_validate_fail (message, g_strdup (_("The e-mail address contains characters that are not allowed.")));

  at = strchr (value, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    return md_validate_fail (message,
                 g_strdup (_("An e-mail address has exactly one @, like name@example.com.")));

  local_length = (gsize) (at - value);
  if (local_length == 0)
    return md_validate_fail (message, g_strdup (_("Enter the part of the e-mail address before the @.")));
  if (local_length > EMAIL_LOCAL_MAX)
    return md_validate_fail (message, g_strdup (_("The part of the e-mail address before the @ is too long.")));

  for (const char *p = value; p < at; p++)
    {
      if (!is_email_local_char (*p))
        return md_validate_fail (message,
                     g_strdup (_("The e-mail address contains characters that are not allowed.")));
    }

  if (value[0] == '.' || at[-1] == '.' || g_strstr_len (value, local_length, "..") != NULL)
    return md_validate_fail (message,
                 g_strdup (_("The part of the e-mail address before the @ cannot start or end with a dot or have two dots in a row.")));

  if (!email_domain_is_valid (at + 1))
    return md_validate_fail (message,
                 g_strdup (_("After the @ an e-mail address needs a domain, like example.com.")));

  return md_validate_succeed (message);
}

/* Phone */

gboolean
md_validate_phone (const char  *value,
                   char       **message)
{
  guint n_digits = 0;

  if (value == NULL || *value == '\0')
    return md_validate_fail (message, g_strdup (_("Enter a phone number.")));

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        n_digits++;
      else if (*p == '+')
        {
          if (p != value)
            return md_validate_fail (message, g_strdup (_("A + can only come first in a phone number.")));
        }
      else if (*p != ' ' && *p != '/' && *p != '-' && *p != '(' && *p != ')')
        return md_validate_fail (message,
                     g_strdup (_("A phone number may contain only digits, spaces and the characters + / - ( ).")));
    }

  if (n_digits < PHONE_MIN_DIGITS)
    return md_validate_fail (message,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "A phone number has at least %u digit.",
                                               "A phone number has at least %u digits.",
                                               PHONE_MIN_DIGITS),
                                  (guint) PHONE_MIN_DIGITS));

  if (n_digits > PHONE_MAX_DIGITS)
    return md_validate_fail (message,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "A phone number has at most %u digit.",
                                               "A phone number has at most %u digits.",
                                               PHONE_MAX_DIGITS),
                                  (guint) PHONE_MAX_DIGITS));

  if (strlen (value) > PHONE_MAX_LENGTH)
    return md_validate_fail (message, g_strdup (_("This phone number is too long.")));

  return md_validate_succeed (message);
}

/* Country */

gboolean
md_validate_country_code (const char  *value,
                          char       **message)
{
  if (value == NULL || *value == '\0')
    return md_validate_fail (message, g_strdup (_("Choose a country.")));

  if (md_country_code_is_valid (value))
    return md_validate_succeed (message);

  if (g_ascii_isalpha (value[0]) && g_ascii_isalpha (value[1]) && value[2] == '\0')
    {
      if (!g_ascii_isupper (value[0]) || !g_ascii_isupper (value[1]))
        return md_validate_fail (message, g_strdup (_("Write the country code in capital letters, like DE.")));

      return md_validate_fail (message, g_strdup_printf (_("There is no country with the code “%s”."), value));
    }

  return md_validate_fail (message, g_strdup (_("A country code has two letters, like DE.")));
}

/* Postal code */

typedef struct
{
  const char *country;
  const char *pattern;
  const char *message;
} PostalFormat;

/* Patterns follow each postal administration's published format. The
 * spaces and prefixes people commonly write are optional. */
static const PostalFormat postal_formats[] = {
  { "AT", "^[1-9][0-9]{3}$", N_("Enter an Austrian postal code, like 1010.") },
  { "BE", "^[1-9][0-9]{3}$", N_("Enter a Belgian postal code, like 1000.") },
  { "CH", "^[1-9][0-9]{3}$", N_("Enter a Swiss postal code, like 8001.") },
  { "CZ", "^[1-7][0-9]{2} ?[0-9]{2}$", N_("Enter a Czech postal code, like 110 00.") },
  { "DE", "^[0-9]{5}$", N_("Enter a German postal code, like 10969.") },
  { "DK", "^[1-9][0-9]{3}$", N_("Enter a Danish postal code, like 1050.") },
  { "ES", "^(0[1-9]|[1-4][0-9]|5[0-2])[0-9]{3}$", N_("Enter a Spanish postal code, like 28013.") },
  { "FI", "^[0-9]{5}$", N_("Enter a Finnish postal code, like 00100.") },
  { "FR", "^[0-9]{5}$", N_("Enter a French postal code, like 75001.") },
  { "GB",
    "^(GIR ?0AA|"
    "([A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|"
    "[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    " ?[0-9][ABD-HJLNP-UW-Z]{2})$",
    N_("Enter a British postcode, like SW1A 1AA.") },
  { "IE", "^([AC-FHKNPRTV-Y][0-9]{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$",
    N_("Enter an Irish Eircode, like D02 X285.") },
  { "IT", "^[0-9]{5}$", N_("Enter an Italian postal code, like 00184.") },
  { "LI", "^94(8[5-9]|9[0-8])$", N_("Enter a Liechtenstein postal code, like 9490.") },
  { "LU", "^(L-)?[0-9]{4}$", N_("Enter a Luxembourg postal code, like L-1009 or 1009.") },
  { "NL", "^[1-9][0-9]{3} ?[A-Z]{2}$", N_("Enter a Dutch postal code, like 1012 AB.") },
  { "NO", "^[0-9]{4}$", N_("Enter a Norwegian postal code, like 0150.") },
  { "PL", "^[0-9]{2}-[0-9]{3}$", N_("Enter a Polish postal code, like 00-950.") },
  { "PT", "^[1-9][0-9]{3}-[0-9]{3}$", N_("Enter a Portuguese postal code, like 1100-148.") },
  { "SE", "^[1-9][0-9]{2} ?[0-9]{2}$", N_("Enter a Swedish postal code, like 114 55.") },
};

static gpointer
compile_postal_patterns (gpointer data)
{
  GRegex **regexes = g_new0 (GRegex *, G_N_ELEMENTS (postal_formats));

  for (guint i = 0; i < G_N_ELEMENTS (postal_formats); i++)
    {
      g_autoptr(GError) error = NULL;

      /* Letters in postcodes are upper case by convention, but people
       * type them in any case and mean the same code. */
      regexes[i] = g_regex_new (postal_formats[i].pattern,
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE,
                                0, &error);
      if (regexes[i] == NULL)
        g_critical ("Postal code pattern for %s does not compile: %s",
                    postal_formats[i].country, error->message);
    }

  return regexes;
}

static GRegex * const *
get_postal_patterns (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, compile_postal_patterns, NULL);
}

static int
find_postal_format (const char *country_code)
{
  if (country_code == NULL)
    return -1;

  for (guint i = 0; i < G_N_ELEMENTS (postal_formats); i++)
    {
      if (strcmp (postal_formats[i].country, country_code) == 0)
        return (int) i;
    }

  return -1;
}

gboolean
md_validate_postal_code (const char  *value,
                         const char  *country_code,
                         char       **message)
{
  gsize length;
  int index;

  if (value == NULL || *value == '\0')
    return md_validate_fail (message, g_strdup (_("Enter a postal code.")));

  index = find_postal_format (country_code);
  if (index >= 0)
    {
      GRegex *regex = get_postal_patterns ()[index];

      if (regex != NULL && !g_regex_match (regex, value, 0, NULL))
        return md_validate_fail (message, g_strdup (_(postal_formats[index].message)));

      return md_validate_succeed (message);
    }

  length = strlen (value);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != ' ' && *p != '-')
        length = 0;
    }

  if (length < POSTAL_MIN_LENGTH || length > POSTAL_MAX_LENGTH)
    return md_validate_fail (message,
                 g_strdup (_("Enter a postal code of 2 to 10 letters, digits, spaces or dashes.")));

  return md_validate_succeed (message);
}

/* Date of birth */

static gboolean
parse_iso_date (const char *value,
                GDate      *date)
{
  static const guint digit_positions[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
  guint year, month, day;

  if (strlen (value) != 10 || value[4] != '-' || value[7] != '-')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (digit_positions); i++)
    {
      if (!g_ascii_isdigit (value[digit_positions[i]]))
        return FALSE;
    }

  year = (guint) g_ascii_digit_value (value[0]) * 1000 +
         (guint) g_ascii_digit_value (value[1]) * 100 +
         (guint) g_ascii_digit_value (value[2]) * 10 +
         (guint) g_ascii_digit_value (value[3]);
  month = (guint) g_ascii_digit_value (value[5]) * 10 +
          (guint) g_ascii_digit_value (value[6]);
  day = (guint) g_ascii_digit_value (value[8]) * 10 +
        (guint) g_ascii_digit_value (value[9]);

  g_date_clear (date, 1);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return TRUE;

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return TRUE;
}

gboolean
md_validate_date_of_birth (const char  *value,
                           GDate       *today,
                           char       **message)
{
  GDate date;
  GDate reference;
  GDate oldest;

  if (value == NULL || *value == '\0')
    return md_validate_fail (message, g_strdup (_("Enter a date of birth.")));

  if (!parse_iso_date (value, &date))
    return md_validate_fail (message,
                 g_strdup (_("Enter the date of birth as year-month-day, like 1990-03-14.")));

  if (!g_date_valid (&date))
    return md_validate_fail (message, g_strdup (_("This day does not exist in the calendar.")));

  g_date_clear (&reference, 1);
  if (today != NULL && g_date_valid (today))
    {
      reference = *today;
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&reference,
                      (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }

  if (g_date_compare (&date, &reference) >= 0)
    return md_validate_fail (message, g_strdup (_("The date of birth must be in the past.")));

  oldest = reference;
  if (g_date_get_year (&oldest) > MAX_AGE_YEARS)
    g_date_subtract_years (&oldest, MAX_AGE_YEARS);
  else
    g_date_set_dmy (&oldest, 1, G_DATE_JANUARY, 1);

  if (g_date_compare (&date, &oldest) < 0)
    return md_validate_fail (message,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The date of birth cannot be more than %u year ago.",
                                               "The date of birth cannot be more than %u years ago.",
                                               MAX_AGE_YEARS),
                                  (guint) MAX_AGE_YEARS));

  return md_validate_succeed (message);
}

/* Enumerations */

gboolean
md_validate_gender (const char  *value,
                    char       **message)
{
  static const char * const genders[] = { "MALE", "FEMALE", "UNISEX" };

  for (guint i = 0; value != NULL && i < G_N_ELEMENTS (genders); i++)
    {
      if (strcmp (value, genders[i]) == 0)
        return md_validate_succeed (message);
    }

  return md_validate_fail (message, g_strdup (_("Choose a gender from the list.")));
}

gboolean
md_validate_title (const char  *value,
                   char       **message)
{
  static const char * const titles[] = { "NONE", "DR", "PROF" };

  for (guint i = 0; value != NULL && i < G_N_ELEMENTS (titles); i++)
    {
      if (strcmp (value, titles[i]) == 0)
        return md_validate_succeed (message);
    }

  return md_validate_fail (message, g_strdup (_("Choose a title from the list.")));
}

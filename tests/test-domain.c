/* test-domain.c: domain descriptions and records
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-domain.h"
#include "md-record.h"
#include "md-test-utils.h"

#include <string.h>

static void
test_descriptions (void)
{
  static const struct {
    MdDomain    domain;
    const char *path;
    const char *required[6];
  } expected[] = {
    { MD_DOMAIN_CONTACT, "contact-data", { NULL } },
    { MD_DOMAIN_ADDRESS, "address-data", { "street", "zipCode", "city", "countryCode", NULL } },
    { MD_DOMAIN_MASTER, "master-data",
      { "firstName", "lastName", "gender", "dateOfBirth", "customerTitle", NULL } },
    { MD_DOMAIN_PAYMENT, "payment-data", { "accountHolder", "bankName", "iban", "bic", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const MdDomainInfo *info = md_domain_get_info (expected[i].domain);
      guint n_required = 0;
      MdDomain parsed;

      g_assert_cmpint (info->domain, ==, expected[i].domain);
      g_assert_cmpstr (info->path, ==, expected[i].path);
      g_assert_true (md_domain_from_path (info->path, &parsed));
      g_assert_cmpint (parsed, ==, expected[i].domain);

      /* The required flags are exactly the contract's mandatory fields. */
      for (guint f = 0; f < info->n_fields; f++)
        {
          const MdFieldInfo *field = &info->fields[f];

          g_assert_nonnull (field->label);
          g_assert_cmpint (md_domain_info_find_field (info, field->name), ==, f);
          if (field->required)
            {
              g_assert_true (g_strv_contains (expected[i].required, field->name));
              n_required++;
            }
        }
      g_assert_cmpuint (n_required, ==, g_strv_length ((GStrv) expected[i].required));
    }

  g_assert_false (md_domain_from_path ("amendment", NULL));
  g_assert_cmpint (md_domain_info_find_field (md_domain_get_info (MD_DOMAIN_CONTACT), "iban"),
                   ==, -1);
}

static void
test_record_properties (void)
{
  g_autoptr(MdRecord) record = md_record_new (MD_DOMAIN_CONTACT);
  g_autoptr(MdRecord) other = md_record_new (MD_DOMAIN_CONTACT);
  g_autofree char *email = NULL;
  guint notified = 0;

  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (record,
                                             md_record_type_for_domain (MD_DOMAIN_CONTACT)));
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (record), ==, "MdContactRecord");
  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (record),
                                                  "phonePrivateMobile"));
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (record), "iban"));
  g_assert_cmpint (md_record_get_domain (record), ==, MD_DOMAIN_CONTACT);

  g_signal_connect (record, "notify::email", G_CALLBACK (md_test_count_notify), &notified);

  g_object_set (record, "email", "anna@example.org", NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (md_record_get (record, "email"), ==, "anna@example.org");
  g_object_get (record, "email", &email, NULL);
  g_assert_cmpstr (email, ==, "anna@example.org");

  /* Setting the same value again is no change, and tells nobody. */
  md_record_set (record, "email", "anna@example.org");
  g_assert_cmpuint (notified, ==, 1);

  /* "" is stored as unset. */
  md_record_set (record, "email", "");
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (md_record_get (record, "email"));

  /* Bindings work both ways, as a form needs them. */
  g_object_bind_property (record, "phonePrivate", other, "phonePrivate",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  md_record_set (other, "phonePrivate", "+49 30 1234567");
  g_assert_cmpstr (md_record_get (record, "phonePrivate"), ==, "+49 30 1234567");
}

static void
test_record_copy_diff (void)
{
  g_autoptr(MdRecord) a = md_record_new (MD_DOMAIN_ADDRESS);
  g_autoptr(MdRecord) b = NULL;
  g_auto(GStrv) diff = NULL;
  g_auto(GStrv) none = NULL;

  md_record_set (a, "street", "Lindenstraße");
  md_record_set (a, "zipCode", "10969");
  md_record_set (a, "city", "Berlin");
  md_record_set (a, "countryCode", "DE");
  json_object_set_string_member (md_record_get_extra (a), "futureField", "kept");

  b = md_record_copy (a);
  g_assert_true (md_record_equal (a, b));
  g_assert_cmpstr (json_object_get_string_member (md_record_get_extra (b), "futureField"),
                   ==, "kept");

  /* The copy is independent. */
  md_record_set (b, "city", "München");
  md_record_set (b, "zipCode", "80336");
  md_record_set (b, "houseNumber", "4");
  g_assert_cmpstr (md_record_get (a, "city"), ==, "Berlin");

  diff = md_record_diff (a, b);
  /* In description order. */
  g_assert_cmpuint (g_strv_length (diff), ==, 3);
  g_assert_cmpstr (diff[0], ==, "houseNumber");
  g_assert_cmpstr (diff[1], ==, "zipCode");
  g_assert_cmpstr (diff[2], ==, "city");
  g_assert_false (md_record_equal (a, b));

  /* Surrounding white space is no change. */
  md_record_set (b, "city", " Berlin ");
  md_record_set (b, "zipCode", "10969");
  md_record_set (b, "houseNumber", NULL);
  none = md_record_diff (a, b);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_true (md_record_equal (a, b));
}

static void
test_record_iban_regrouping (void)
{
  g_autoptr(MdRecord) a = md_record_new (MD_DOMAIN_PAYMENT);
  g_autoptr(MdRecord) b = NULL;

  md_record_set (a, "iban", "DE89 3704 0044 0532 0130 00");
  b = md_record_copy (a);
  md_record_set (b, "iban", "de89370400440532013000");
  g_assert_true (md_record_equal (a, b));

  md_record_set (b, "iban", "DE89370400440532013001");
  g_assert_false (md_record_equal (a, b));
}

static void
test_record_check (void)
{
  g_autoptr(MdRecord) record = md_record_new (MD_DOMAIN_ADDRESS);
  g_autoptr(MdRecord) current = NULL;
  g_autofree char *message = NULL;
  g_autofree char *message2 = NULL;
  g_autofree char *message3 = NULL;
  const char *field = NULL;

  g_assert_false (md_record_check (record, &field, &message));
  g_assert_cmpstr (field, ==, "street");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Street"));

  md_record_set (record, "street", "   ");
  g_clear_pointer (&message, g_free);
  g_assert_false (md_record_check (record, &field, &message));
  g_assert_cmpstr (field, ==, "street");

  md_record_set (record, "street", "Lindenstraße");
  md_record_set (record, "city", "Berlin");
  md_record_set (record, "countryCode", "DE");
  md_record_set (record, "zipCode", "1096");
  g_assert_false (md_record_check (record, &field, &message2));
  g_assert_cmpstr (field, ==, "zipCode");
  g_assert_nonnull (message2);

  md_record_set (record, "zipCode", "10969");
  g_assert_true (md_record_check (record, NULL, NULL));

  /* A postal code follows its country. */
  md_record_set (record, "countryCode", "NL");
  g_assert_false (md_record_check (record, &field, NULL));
  g_assert_cmpstr (field, ==, "zipCode");
  md_record_set (record, "zipCode", "1017 CT");
  g_assert_true (md_record_check (record, NULL, NULL));

  /* Only what the member typed is checked against the rules: a masked IBAN
   * the server sent stays untouched. */
  current = md_record_new (MD_DOMAIN_PAYMENT);
  md_record_set (current, "accountHolder", "Anna Becker");
  md_record_set (current, "bankName", "Berliner Sparkasse");
  md_record_set (current, "iban", "DE** **** **** **** **30 00");
  md_record_set (current, "bic", "BELADEBEXXX");
  g_clear_object (&record);
  record = md_record_copy (current);
  md_record_set (record, "accountHolder", "Anna Becker-Schulz");
  g_assert_false (md_record_check (record, NULL, NULL));
  g_assert_true (md_record_check_edits (record, current, NULL, NULL));

  md_record_set (record, "iban", "DE89 3704 0044 0532 0130 01");
  g_assert_false (md_record_check_edits (record, current, &field, &message3));
  g_assert_cmpstr (field, ==, "iban");
  g_assert_nonnull (message3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/domain/descriptions", test_descriptions);
  g_test_add_func ("/record/properties", test_record_properties);
  g_test_add_func ("/record/copy-diff", test_record_copy_diff);
  g_test_add_func ("/record/iban-regrouping", test_record_iban_regrouping);
  g_test_add_func ("/record/check", test_record_check);

  return g_test_run ();
}

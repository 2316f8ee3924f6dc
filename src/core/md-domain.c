/* md-domain.c: the four self-service domains, each described once
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "md-countries.h"
#include "md-domain.h"
#include "md-record.h"
#include "md-validate.h"

/* Adapters from the validators' shape to the descriptions' shape. */
#define DEFINE_VALIDATOR(name, call)                \
  static char *                                     \
  validate_##name (const char *value,               \
                   MdRecord   *record)              \
  {                                                 \
    char *message = NULL;                           \
                                                    \
    if (!(call))                                    \
      return message;                               \
    g_free (message);                               \
    return NULL;                                    \
  }

DEFINE_VALIDATOR (email, md_validate_email (value, &message))
DEFINE_VALIDATOR (phone, md_validate_phone (value, &message))
DEFINE_VALIDATOR (country, md_validate_country_code (value, &message))
DEFINE_VALIDATOR (postal_code,
                  md_validate_postal_code (value, md_record_get (record, "countryCode"), &message))
DEFINE_VALIDATOR (date_of_birth, md_validate_date_of_birth (value, NULL, &message))
DEFINE_VALIDATOR (gender, md_validate_gender (value, &message))
DEFINE_VALIDATOR (title, md_validate_title (value, &message))
DEFINE_VALIDATOR (iban, md_validate_iban (value, &message))
DEFINE_VALIDATOR (bic, md_validate_bic (value, &message))

#define FIELD(name, label, kind, required, validate) \
  { name, label, MD_FIELD_KIND_##kind, required, validate, FALSE }
#define ADVANCED(name, label) \
  { name, label, MD_FIELD_KIND_TEXT, FALSE, NULL, TRUE }

static const MdFieldInfo contact_fields[] = {
  FIELD ("email", N_("E-mail"), EMAIL, FALSE, validate_email),
  FIELD ("phonePrivate", N_("Phone"), PHONE, FALSE, validate_phone),
  FIELD ("phonePrivateMobile", N_("Mobile phone"), PHONE, FALSE, validate_phone),
  FIELD ("phoneBusiness", N_("Work phone"), PHONE, FALSE, validate_phone),
  FIELD ("phoneBusinessMobile", N_("Work mobile phone"), PHONE, FALSE, validate_phone),
};

static const MdFieldInfo address_fields[] = {
  FIELD ("street", N_("Street"), TEXT, TRUE, NULL),
  FIELD ("houseNumber", N_("House number"), TEXT, FALSE, NULL),
  FIELD ("zipCode", N_("Postal code"), POSTAL_CODE, TRUE, validate_postal_code),
  FIELD ("city", N_("City"), TEXT, TRUE, NULL),
  FIELD ("countryCode", N_("Country"), COUNTRY, TRUE, validate_country),
  ADVANCED ("secondStreet", N_("Second address line")),
  ADVANCED ("additionalAddressInformation", N_("Address addition")),
  ADVANCED ("cityPart", N_("Part of town")),
  ADVANCED ("district", N_("District")),
  ADVANCED ("province", N_("Province or state")),
  ADVANCED ("provinceCode", N_("Province code")),
  ADVANCED ("streetType", N_("Street type")),
  ADVANCED ("streetBlock", N_("Block")),
  ADVANCED ("portal", N_("Portal")),
  ADVANCED ("stairway", N_("Stairway")),
  ADVANCED ("floor", N_("Floor")),
  ADVANCED ("door", N_("Door")),
  ADVANCED ("buildingName", N_("Building")),
};

static const MdFieldInfo master_fields[] = {
  FIELD ("customerTitle", N_("Title"), TITLE, TRUE, validate_title),
  FIELD ("firstName", N_("First name"), TEXT, TRUE, NULL),
  FIELD ("lastName", N_("Last name"), TEXT, TRUE, NULL),
  FIELD ("gender", N_("Gender"), GENDER, TRUE, validate_gender),
  FIELD ("dateOfBirth", N_("Date of birth"), DATE_OF_BIRTH, TRUE, validate_date_of_birth),
  FIELD ("countryOfBirth", N_("Country of birth"), COUNTRY, FALSE, validate_country),
};

static const MdFieldInfo payment_fields[] = {
  FIELD ("accountHolder", N_("Account holder"), TEXT, TRUE, NULL),
  FIELD ("iban", N_("IBAN"), IBAN, TRUE, validate_iban),
  FIELD ("bic", N_("BIC"), BIC, TRUE, validate_bic),
  FIELD ("bankName", N_("Bank"), TEXT, TRUE, NULL),
};

static const MdDomainInfo domains[MD_N_DOMAINS] = {
  { MD_DOMAIN_CONTACT, "contact", "contact-data", N_("Contact"), "MdContactRecord",
    contact_fields, G_N_ELEMENTS (contact_fields) },
  { MD_DOMAIN_ADDRESS, "address", "address-data", N_("Address"), "MdAddressRecord",
    address_fields, G_N_ELEMENTS (address_fields) },
  { MD_DOMAIN_MASTER, "master", "master-data", N_("Personal"), "MdMasterRecord",
    master_fields, G_N_ELEMENTS (master_fields) },
  { MD_DOMAIN_PAYMENT, "payment", "payment-data", N_("Bank details"), "MdPaymentRecord",
    payment_fields, G_N_ELEMENTS (payment_fields) },
};

const MdDomainInfo *
md_domain_get_info (MdDomain domain)
{
  g_return_val_if_fail (domain < MD_N_DOMAINS, NULL);

  return &domains[domain];
}

gboolean
md_domain_from_path (const char *path,
                     MdDomain   *out_domain)
{
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      if (g_str_equal (domains[i].path, path))
        {
          if (out_domain != NULL)
            *out_domain = domains[i].domain;
          return TRUE;
        }
    }

  return FALSE;
}

int
md_domain_info_find_field (const MdDomainInfo *info,
                           const char         *name)
{
  g_return_val_if_fail (info != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < info->n_fields; i++)
    {
      if (g_str_equal (info->fields[i].name, name))
        return (int) i;
    }

  return -1;
}

char *
md_field_check (const MdFieldInfo *field,
                MdRecord          *record)
{
  g_autofree char *stripped = NULL;
  const char *value;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (MD_IS_RECORD (record), NULL);

  value = md_record_get (record, field->name);
  if (value != NULL)
    stripped = g_strstrip (g_strdup (value));

  if (stripped == NULL || *stripped == '\0')
    {
      if (field->required)
        /* Translators: %s is a field label such as "Postal code" */
        return g_strdup_printf (_("%s is required"), _(field->label));
      return NULL;
    }

  /* Surrounding white space is not sent (see md_json_build_amendment_body). */
  if (field->validate != NULL)
    return field->validate (stripped, record);

  return NULL;
}

static const MdFieldOption gender_options[] = {
  { "FEMALE", N_("Female") },
  { "MALE", N_("Male") },
  { "UNISEX", N_("Non-binary") },
};

static const MdFieldOption title_options[] = {
  { "NONE", N_("No title") },
  { "DR", N_("Dr.") },
  { "PROF", N_("Prof.") },
};

const MdFieldOption *
md_field_get_options (const MdFieldInfo *field,
                      guint             *n_options)
{
  g_return_val_if_fail (field != NULL, NULL);

  switch (field->kind)
    {
    case MD_FIELD_KIND_GENDER:
      *n_options = G_N_ELEMENTS (gender_options);
      return gender_options;

    case MD_FIELD_KIND_TITLE:
      *n_options = G_N_ELEMENTS (title_options);
      return title_options;

    case MD_FIELD_KIND_TEXT:
    case MD_FIELD_KIND_EMAIL:
    case MD_FIELD_KIND_PHONE:
    case MD_FIELD_KIND_COUNTRY:
    case MD_FIELD_KIND_POSTAL_CODE:
    case MD_FIELD_KIND_DATE_OF_BIRTH:
    case MD_FIELD_KIND_IBAN:
    case MD_FIELD_KIND_BIC:
    default:
      *n_options = 0;
      return NULL;
    }
}

char *
md_field_format_value (const MdFieldInfo *field,
                       const char        *value)
{
  const MdFieldOption *options;
  guint n_options;

  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL)
    return g_strdup ("");

  options = md_field_get_options (field, &n_options);
  for (guint i = 0; i < n_options; i++)
    {
      if (g_str_equal (options[i].value, value))
        return g_strdup (_(options[i].label));
    }

  if (field->kind == MD_FIELD_KIND_COUNTRY && md_country_get_display_name (value) != NULL)
    return g_strdup (md_country_get_display_name (value));

  /* Only a well-formed IBAN is regrouped: a masked one stays as sent. */
  if (field->kind == MD_FIELD_KIND_IBAN && md_validate_iban (value, NULL))
    return md_iban_format (value);

  if (field->kind == MD_FIELD_KIND_DATE_OF_BIRTH)
    {
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *iso = g_strconcat (value, "T00:00:00Z", NULL);

      date = g_date_time_new_from_iso8601 (iso, NULL);
      if (date != NULL)
        /* Translators: a date of birth; see the strftime manual for the codes */
        return g_date_time_format (date, _("%-d %B %Y"));
    }

  return g_strdup (value);
}

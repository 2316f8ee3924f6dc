/* md-demo-seed.c: the members the demo backend starts with
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The seed. Every other customer id answers 404.
 *
 * | id   | member                       | contact  | address            | master   | payment                   |
 * |------|------------------------------|----------|--------------------|----------|---------------------------|
 * | 1001 | Lena Hoffmann, Berlin        | instant  | instant            | instant  | instant, no signature     |
 * | 1002 | Dr. Jonas Weber, München     | reviewed | reviewed           | reviewed | reviewed, signature       |
 * | 1003 | Prof. Miriam Schulz, Hamburg | instant  | reviewed, pending  | READ     | reviewed, signature       |
 * | 1004 | Klaus Becker, Köln           | READ     | READ               | READ     | READ, no signature        |
 *
 * instant = CHANGES_WITHOUT_VERIFICATION, reviewed = CHANGES_REQUIRE_VERIFICATION.
 *
 * | id   | IBAN (as served)              | BIC         | bank                    |
 * |------|-------------------------------|-------------|-------------------------|
 * | 1001 | DE72 1005 0000 0190 4273 15   | BELADEBEXXX | Berliner Sparkasse      |
 * | 1002 | DE22701500001002873461        | SSKMDEMMXXX | Stadtsparkasse München  |
 * | 1003 | DE42 2005 0550 1268 3947 50   | HASPDEHHXXX | Hamburger Sparkasse     |
 * | 1004 | DE34 3705 0198 0056 3812 47   | COLSDE33XXX | Sparkasse KölnBonn      |
 *
 * 1002's IBAN is served without spaces, the others grouped, because real
 * tenants do both. 1003 has address amendment 1003000001 pending: a move
 * from Mönckebergstraße 7, 20095 Hamburg to Große Bergstraße 152, 22767
 * Hamburg (Altona). Phone numbers use real area codes with invented
 * subscriber numbers; e-mail addresses use example.org and example.com.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "md-demo-seed.h"

typedef struct
{
  const char *name;
  const char *value;
} SeedField;

typedef struct
{
  gint64           id;
  MdAmendmentMode  modes[MD_N_DOMAINS];
  gboolean         require_signature;
  const SeedField *values[MD_N_DOMAINS];
  MdDomain         pending_domain;  /* MD_N_DOMAINS: none */
  gint64           pending_id;
  const SeedField *pending_values;
} SeedCustomer;

#define INSTANT  MD_AMENDMENT_MODE_INSTANT
#define REVIEWED MD_AMENDMENT_MODE_REVIEWED
#define READ     MD_AMENDMENT_MODE_READ

/* 1001 */
static const SeedField hoffmann_contact[] = {
  { "email", "lena.hoffmann@example.org" },
  { "phonePrivate", "+49 30 61283947" },
  { "phonePrivateMobile", "+49 151 23456789" },
  { NULL, NULL }
};
static const SeedField hoffmann_address[] = {
  { "street", "Lindenstraße" },
  { "houseNumber", "12a" },
  { "zipCode", "10969" },
  { "city", "Berlin" },
  { "countryCode", "DE" },
  { "cityPart", "Kreuzberg" },
  { NULL, NULL }
};
static const SeedField hoffmann_master[] = {
  { "firstName", "Lena" },
  { "lastName", "Hoffmann" },
  { "gender", "FEMALE" },
  { "dateOfBirth", "1991-03-14" },
  { "countryOfBirth", "DE" },
  { "customerTitle", "NONE" },
  { NULL, NULL }
};
static const SeedField hoffmann_payment[] = {
  { "accountHolder", "Lena Hoffmann" },
  { "bankName", "Berliner Sparkasse" },
  { "iban", "DE72 1005 0000 0190 4273 15" },
  { "bic", "BELADEBEXXX" },
  { NULL, NULL }
};

/* 1002 */
static const SeedField weber_contact[] = {
  { "email", "jonas.weber@example.com" },
  { "phonePrivate", "+49 89 54329876" },
  { "phonePrivateMobile", "+49 160 98765432" },
  { "phoneBusiness", "+49 89 2180-4417" },
  { NULL, NULL }
};
static const SeedField weber_address[] = {
  { "street", "Schillerstraße" },
  { "houseNumber", "4" },
  { "zipCode", "80336" },
  { "city", "München" },
  { "countryCode", "DE" },
  { "cityPart", "Ludwigsvorstadt" },
  { NULL, NULL }
};
static const SeedField weber_master[] = {
  { "firstName", "Jonas" },
  { "lastName", "Weber" },
  { "gender", "MALE" },
  { "dateOfBirth", "1985-07-02" },
  { "countryOfBirth", "AT" },
  { "customerTitle", "DR" },
  { NULL, NULL }
};
static const SeedField weber_payment[] = {
  { "accountHolder", "Jonas Weber" },
  { "bankName", "Stadtsparkasse München" },
  { "iban", "DE22701500001002873461" },
  { "bic", "SSKMDEMMXXX" },
  { NULL, NULL }
};

/* 1003 */
static const SeedField schulz_contact[] = {
  { "email", "m.schulz@example.org" },
  { "phonePrivate", "+49 40 38297710" },
  { "phonePrivateMobile", "+49 176 44518302" },
  { "phoneBusiness", "+49 40 42838-2291" },
  { "phoneBusinessMobile", "+49 171 7654321" },
  { NULL, NULL }
};
static const SeedField schulz_address[] = {
  { "street", "Mönckebergstraße" },
  { "houseNumber", "7" },
  { "zipCode", "20095" },
  { "city", "Hamburg" },
  { "countryCode", "DE" },
  { "cityPart", "Altstadt" },
  { NULL, NULL }
};
static const SeedField schulz_address_proposed[] = {
  { "street", "Große Bergstraße" },
  { "houseNumber", "152" },
  { "zipCode", "22767" },
  { "city", "Hamburg" },
  { "countryCode", "DE" },
  { "cityPart", "Altona" },
  { "floor", "3. OG" },
  { NULL, NULL }
};
static const SeedField schulz_master[] = {
  { "firstName", "Miriam" },
  { "lastName", "Schulz" },
  { "gender", "FEMALE" },
  { "dateOfBirth", "1978-11-23" },
  { "countryOfBirth", "DE" },
  { "customerTitle", "PROF" },
  { NULL, NULL }
};
static const SeedField schulz_payment[] = {
  { "accountHolder", "Miriam Schulz" },
  { "bankName", "Hamburger Sparkasse" },
  { "iban", "DE42 2005 0550 1268 3947 50" },
  { "bic", "HASPDEHHXXX" },
  { NULL, NULL }
};

/* 1004 */
static const SeedField becker_contact[] = {
  { "email", "klaus.becker@example.com" },
  { "phonePrivate", "+49 221 9347215" },
  { NULL, NULL }
};
static const SeedField becker_address[] = {
  { "street", "Aachener Straße" },
  { "houseNumber", "201" },
  { "zipCode", "50674" },
  { "city", "Köln" },
  { "countryCode", "DE" },
  { "additionalAddressInformation", "c/o Becker-Yilmaz" },
  { NULL, NULL }
};
static const SeedField becker_master[] = {
  { "firstName", "Klaus" },
  { "lastName", "Becker" },
  { "gender", "MALE" },
  { "dateOfBirth", "1962-05-30" },
  { "countryOfBirth", "DE" },
  { "customerTitle", "NONE" },
  { NULL, NULL }
};
static const SeedField becker_payment[] = {
  { "accountHolder", "Klaus Becker" },
  { "bankName", "Sparkasse KölnBonn" },
  { "iban", "DE34 3705 0198 0056 3812 47" },
  { "bic", "COLSDE33XXX" },
  { NULL, NULL }
};

static const SeedCustomer seed[] = {
  {
    1001,
    { INSTANT, INSTANT, INSTANT, INSTANT },
    FALSE,
    { hoffmann_contact, hoffmann_address, hoffmann_master, hoffmann_payment },
    MD_N_DOMAINS, 0, NULL,
  },
  {
    1002,
    { REVIEWED, REVIEWED, REVIEWED, REVIEWED },
    TRUE,
    { weber_contact, weber_address, weber_master, weber_payment },
    MD_N_DOMAINS, 0, NULL,
  },
  {
    1003,
    { INSTANT, REVIEWED, READ, REVIEWED },
    TRUE,
    { schulz_contact, schulz_address, schulz_master, schulz_payment },
    MD_DOMAIN_ADDRESS, G_GINT64_CONSTANT (1003000001), schulz_address_proposed,
  },
  {
    1004,
    { READ, READ, READ, READ },
    FALSE,
    { becker_contact, becker_address, becker_master, becker_payment },
    MD_N_DOMAINS, 0, NULL,
  },
};

static MdRecord *
record_from_seed (MdDomain         domain,
                  const SeedField *fields)
{
  MdRecord *record = md_record_new (domain);

  for (guint i = 0; fields[i].name != NULL; i++)
    md_record_set (record, fields[i].name, fields[i].value);

  return record;
}

void
md_demo_customer_free (MdDemoCustomer *customer)
{
  if (customer == NULL)
    return;

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      g_clear_object (&customer->domains[i].values);
      g_clear_object (&customer->domains[i].pending);
    }

  g_free (customer);
}

GHashTable *
md_demo_seed_new_customers (void)
{
  GHashTable *customers;

  customers = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                     NULL, (GDestroyNotify) md_demo_customer_free);

  for (guint i = 0; i < G_N_ELEMENTS (seed); i++)
    {
      const SeedCustomer *entry = &seed[i];
      MdDemoCustomer *customer = g_new0 (MdDemoCustomer, 1);

      customer->id = entry->id;

      for (guint d = 0; d < MD_N_DOMAINS; d++)
        {
          MdDemoDomainState *state = &customer->domains[d];

          state->mode = entry->modes[d];
          state->values = record_from_seed (d, entry->values[d]);
          state->require_signature = d == MD_DOMAIN_PAYMENT && entry->require_signature;

          if (entry->pending_domain == d)
            {
              g_autoptr(MdRecord) proposed = record_from_seed (d, entry->pending_values);

              g_assert (entry->pending_id < MD_DEMO_SEED_AMENDMENT_ID_LIMIT);
              state->pending = md_amendment_new (entry->pending_id, proposed);
            }
        }

      /* The key points into the value, which lives as long as the entry. */
      g_hash_table_insert (customers, &customer->id, customer);
    }

  return customers;
}

static const MdDemoMemberInfo member_infos[] = {
  { 1001, "Lena Hoffmann", N_("Every change applies immediately") },
  { 1002, "Dr. Jonas Weber", N_("Every change needs the studio's approval; bank details need a signature") },
  { 1003, "Prof. Miriam Schulz", N_("An address change is already waiting; personal details are read-only") },
  { 1004, "Klaus Becker", N_("Nothing can be changed here") },
};

const MdDemoMemberInfo *
md_demo_seed_get_members (guint *n_members)
{
  *n_members = G_N_ELEMENTS (member_infos);

  return member_infos;
}

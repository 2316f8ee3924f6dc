/* md-domain.h: the four self-service domains, each described once
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MD_DOMAIN_CONTACT,
  MD_DOMAIN_ADDRESS,
  MD_DOMAIN_MASTER,
  MD_DOMAIN_PAYMENT,
  MD_N_DOMAINS
} MdDomain;

typedef enum
{
  MD_FIELD_KIND_TEXT,
  MD_FIELD_KIND_EMAIL,
  MD_FIELD_KIND_PHONE,
  MD_FIELD_KIND_COUNTRY,
  MD_FIELD_KIND_POSTAL_CODE,
  MD_FIELD_KIND_DATE_OF_BIRTH,
  MD_FIELD_KIND_GENDER,
  MD_FIELD_KIND_TITLE,
  MD_FIELD_KIND_IBAN,
  MD_FIELD_KIND_BIC,
} MdFieldKind;

typedef struct _MdRecord MdRecord;

/* Returns a translated message saying why @value is not acceptable, or NULL.
 * @record gives the other fields of the same domain (the postal code depends
 * on the country). @value is never NULL or empty: emptiness is the required
 * flag's business. */
typedef char *(*MdValidateFunc) (const char *value,
                                 MdRecord   *record);

typedef struct
{
  const char     *name;      /* JSON member and GObject property name */
  const char     *label;     /* untranslated, marked with N_() */
  MdFieldKind     kind;
  gboolean        required;
  MdValidateFunc  validate;  /* NULL: any text */
  gboolean        advanced;  /* rarely used: the form may tuck it away */
} MdFieldInfo;

typedef struct
{
  MdDomain           domain;
  const char        *id;          /* "contact", used in log lines and action names */
  const char        *path;        /* "contact-data", the URL segment */
  const char        *title;       /* N_("Contact") */
  const char        *type_name;   /* GType name of its record class */
  const MdFieldInfo *fields;
  guint              n_fields;
} MdDomainInfo;

const MdDomainInfo *md_domain_get_info          (MdDomain            domain);
gboolean            md_domain_from_path         (const char         *path,
                                                 MdDomain           *out_domain);
int                 md_domain_info_find_field   (const MdDomainInfo *info,
                                                 const char         *name);

typedef struct
{
  const char *value;   /* as on the wire */
  const char *label;   /* untranslated, marked with N_() */
} MdFieldOption;

/* The fixed choices of an enum field (gender, title); NULL for others. */
const MdFieldOption *md_field_get_options       (const MdFieldInfo  *field,
                                                 guint              *n_options);
/* @value as a person reads it: a country's name, "Female", an IBAN in
 * groups of four; "" for an unset value. Unknown codes are shown as sent. */
char               *md_field_format_value       (const MdFieldInfo  *field,
                                                 const char         *value);

/* Validates one field of @record: required check, then the field's validator.
 * Returns a translated message or NULL. */
char               *md_field_check              (const MdFieldInfo  *field,
                                                 MdRecord           *record);

G_END_DECLS

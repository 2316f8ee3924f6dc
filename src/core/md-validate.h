/* md-validate.h: field validators with field-specific messages
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For validators: a failure with @text (taken) put in @message if wanted,
 * and a success that clears @message. */
gboolean md_validate_fail           (char       **message,
                                     char        *text);
gboolean md_validate_succeed        (char       **message);

/* Each returns TRUE when @value is acceptable. Otherwise, when @message is
 * not NULL, it receives a translated sentence for the user ("The IBAN's
 * check digits are wrong"). */

gboolean md_validate_iban           (const char  *value,
                                     char       **message);
gboolean md_validate_bic            (const char  *value,
                                     char       **message);
gboolean md_validate_email          (const char  *value,
                                     char       **message);
gboolean md_validate_phone          (const char  *value,
                                     char       **message);
gboolean md_validate_country_code   (const char  *value,
                                     char       **message);
/* @country_code may be NULL or unknown: then any plausible code passes. */
gboolean md_validate_postal_code    (const char  *value,
                                     const char  *country_code,
                                     char       **message);
/* @today: the date to compare with, NULL for the local today. */
gboolean md_validate_date_of_birth  (const char  *value,
                                     GDate       *today,
                                     char       **message);
gboolean md_validate_gender         (const char  *value,
                                     char       **message);
gboolean md_validate_title          (const char  *value,
                                     char       **message);

/* "de 89 3704 0044 0532 0130 00" -> "DE89370400440532013000" */
char    *md_iban_normalize          (const char  *value);
/* "DE89370400440532013000" -> "DE89 3704 0044 0532 0130 00" */
char    *md_iban_format             (const char  *value);
/* Grouped in fours, every character but the last four hidden. */
char    *md_iban_mask               (const char  *value);

G_END_DECLS

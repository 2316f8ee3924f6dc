/* md-countries.h: ISO 3166-1 countries from the iso-codes data
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *code;   /* alpha-2, upper case */
  char *name;   /* English name from iso-codes */
} MdCountry;

/* All countries, sorted by code; loaded once, never freed. */
const MdCountry *md_countries_get_all         (guint      *n_countries);
gboolean         md_country_code_is_valid     (const char *code);
/* The name in the user's language (iso_3166-1 translation domain), or NULL. */
const char      *md_country_get_display_name  (const char *code);

G_END_DECLS

/* md-countries.c: ISO 3166-1 countries from the iso-codes data
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "md-countries"

#include "config.h"

#include <string.h>
#include <libintl.h>
#include <json-glib/json-glib.h>

#include "md-countries.h"

#define ISO_3166_DOMAIN "iso_3166-1"
#define ISO_3166_JSON   "/share/iso-codes/json/iso_3166-1.json"
#define FALLBACK_PREFIX "/usr"

typedef struct
{
  MdCountry *countries;
  guint      n_countries;
} CountryTable;

static gboolean
is_alpha2 (const char *code)
{
  return code != NULL &&
         g_ascii_isupper (code[0]) &&
         g_ascii_isupper (code[1]) &&
         code[2] == '\0';
}

static int
compare_countries (gconstpointer a,
                   gconstpointer b)
{
  const MdCountry *ca = a;
  const MdCountry *cb = b;

  return strcmp (ca->code, cb->code);
}

static const char *
find_prefix (void)
{
  g_autofree char *path = g_build_filename (ISO_CODES_PREFIX, ISO_3166_JSON, NULL);

  /* A relocated build (Flatpak, a prefix under /opt) may not ship
   * iso-codes itself but still runs on a system that has it. */
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return ISO_CODES_PREFIX;

  return FALLBACK_PREFIX;
}

static GArray *
parse_countries (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GArray *result;
  JsonNode *root;
  JsonArray *entries;
  guint n_entries;

  result = g_array_new (FALSE, TRUE, sizeof (MdCountry));

  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      g_warning ("Cannot read the iso-codes country list: %s", error->message);
      return result;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_warning ("The iso-codes country list has an unexpected shape");
      return result;
    }

  entries = json_object_get_array_member (json_node_get_object (root), "3166-1");
  if (entries == NULL)
    {
      g_warning ("The iso-codes country list has no 3166-1 member");
      return result;
    }

  n_entries = json_array_get_length (entries);
  for (guint i = 0; i < n_entries; i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      JsonObject *entry;
      const char *code;
      const char *name;
      MdCountry country;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      entry = json_node_get_object (node);
      code = json_object_get_string_member_with_default (entry, "alpha_2", NULL);
      name = json_object_get_string_member_with_default (entry, "name", NULL);
      if (!is_alpha2 (code) || name == NULL || *name == '\0')
        continue;

      country.code = g_strdup (code);
      country.name = g_strdup (name);
      g_array_append_val (result, country);
    }

  g_array_sort (result, compare_countries);

  return result;
}

static gpointer
load_countries (gpointer data)
{
  CountryTable *table = g_new0 (CountryTable, 1);
  const char *prefix = find_prefix ();
  g_autofree char *json_path = g_build_filename (prefix, ISO_3166_JSON, NULL);
  g_autofree char *locale_dir = g_build_filename (prefix, "share", "locale", NULL);
  GArray *countries;

  /* The translations belong to the same iso-codes installation as the
   * data, and names must come back as UTF-8 whatever the locale's charset. */
  bindtextdomain (ISO_3166_DOMAIN, locale_dir);
  bind_textdomain_codeset (ISO_3166_DOMAIN, "UTF-8");

  countries = parse_countries (json_path);
  table->n_countries = countries->len;
  table->countries = (MdCountry *) (void *) g_array_free (countries, FALSE);

  g_debug ("Loaded %u countries from iso-codes", table->n_countries);

  return table;
}

static const CountryTable *
get_table (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_countries, NULL);
}

static const MdCountry *
lookup (const char *code)
{
  const CountryTable *table;
  MdCountry key;

  if (!is_alpha2 (code))
    return NULL;

  table = get_table ();
  if (table->n_countries == 0)
    return NULL;

  key.code = (char *) code;
  key.name = NULL;

  return bsearch (&key, table->countries, table->n_countries,
                  sizeof (MdCountry), compare_countries);
}

const MdCountry *
md_countries_get_all (guint *n_countries)
{
  const CountryTable *table = get_table ();

  if (n_countries != NULL)
    *n_countries = table->n_countries;

  return table->countries;
}

gboolean
md_country_code_is_valid (const char *code)
{
  return lookup (code) != NULL;
}

const char *
md_country_get_display_name (const char *code)
{
  const MdCountry *country = lookup (code);

  if (country == NULL)
    return NULL;

  return g_dgettext (ISO_3166_DOMAIN, country->name);
}

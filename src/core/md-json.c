/* md-json.c: the wire format of the self-service API, in and out
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "md-error.h"
#include "md-json.h"
#include "md-validate.h"

/* Members of a GET answer or an amendment that are not domain fields. */
static const char * const meta_members[] = {
  "amendmentConfigurationStatus",
  "pendingAmendment",
  "requireSignature",
  "id",
  "signature",
  NULL
};

static GError *
malformed (const char *detail)
{
  g_debug ("Malformed response: %s", detail);
  return md_api_error_new (MD_API_ERROR_MALFORMED_RESPONSE, 200, NULL, NULL, NULL, NULL);
}

/* The text check */

/* Checks @digits (no sign, no leading zeros) against the int64 range. */
static gboolean
integer_fits (const char *digits,
              gsize       n_digits,
              gboolean    negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
  const gsize limit_length = 19;

  if (n_digits != limit_length)
    return n_digits < limit_length;

  return memcmp (digits, limit, limit_length) <= 0;
}

static gsize
skip_digits (const char *data,
             gsize       length,
             gsize       i)
{
  while (i < length && g_ascii_isdigit (data[i]))
    i++;

  return i;
}

/* A number as RFC 8259 writes it, starting at *@i; *@i is moved past it. */
static gboolean
skip_number (const char *data,
             gsize       length,
             gsize      *i)
{
  g_autofree char *text = NULL;
  gboolean negative = data[*i] == '-';
  gboolean integer = TRUE;
  gsize digits = negative ? *i + 1 : *i;
  gsize end = skip_digits (data, length, digits);

  /* No leading zeros: json-glib would read the digits as octal. */
  if (end == digits || (data[digits] == '0' && end - digits > 1))
    return FALSE;

  if (end < length && data[end] == '.')
    {
      gsize fraction = end + 1;

      end = skip_digits (data, length, fraction);
      if (end == fraction)
        return FALSE;
      integer = FALSE;
    }

  if (end < length && (data[end] == 'e' || data[end] == 'E'))
    {
      gsize exponent = end + 1;

      if (exponent < length && (data[exponent] == '+' || data[exponent] == '-'))
        exponent++;
      end = skip_digits (data, length, exponent);
      if (end == exponent)
        return FALSE;
      integer = FALSE;
    }

  if (integer)
    {
      *i = end;
      return integer_fits (data + digits, end - digits, negative);
    }

  text = g_strndup (data + *i, end - *i);
  *i = end;
  return isfinite (g_ascii_strtod (text, NULL));
}

/* The UTF-16 code unit of the four hex digits at @i, or -1. */
static int
read_hex4 (const char *data,
           gsize       length,
           gsize       i)
{
  int unit = 0;

  if (i > length || length - i < 4)
    return -1;

  for (gsize k = i; k < i + 4; k++)
    {
      int digit = g_ascii_xdigit_value (data[k]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }

  return unit;
}

/* A string starting at its opening quote at *@i; *@i is moved past the
 * closing one. */
static gboolean
skip_string (const char *data,
             gsize       length,
             gsize      *i)
{
  gboolean want_low = FALSE;  /* a high surrogate was the last escape */
  gsize j = *i + 1;

  while (j < length)
    {
      char c = data[j];
      int unit;

      if (c != '\\')
        {
          if (want_low)
            return FALSE;
          if (c == '"')
            {
              *i = j + 1;
              return TRUE;
            }
          j++;
          continue;
        }

      if (j + 1 >= length)
        return FALSE;

      if (data[j + 1] != 'u')
        {
          if (want_low || data[j + 1] == '\0' || strchr ("\"\\/bfnrt", data[j + 1]) == NULL)
            return FALSE;
          j += 2;
          continue;
        }

      unit = read_hex4 (data, length, j + 2);
      if (unit < 0)
        return FALSE;
      if (unit >= 0xdc00 && unit <= 0xdfff)
        {
          if (!want_low)
            return FALSE;
          want_low = FALSE;
        }
      else if (want_low)
        return FALSE;
      else if (unit >= 0xd800 && unit <= 0xdbff)
        want_low = TRUE;
      j += 6;
    }

  return FALSE;
}

static gboolean
skip_literal (const char *data,
              gsize       length,
              gsize      *i)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint k = 0; k < G_N_ELEMENTS (literals); k++)
    {
      gsize n = strlen (literals[k]);

      if (length - *i >= n && memcmp (data + *i, literals[k], n) == 0)
        {
          *i += n;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
md_json_text_is_safe (const char *data,
                      gsize       length)
{
  guint depth = 0;
  guint n_values = 0;  /* at the top */
  gsize i = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  while (i < length)
    {
      char c = data[i];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          i++;
          continue;
        }

      if (c == '}' || c == ']' || c == ',' || c == ':')
        {
          if (depth == 0)
            return FALSE;
          if (c == '}' || c == ']')
            depth--;
          i++;
          continue;
        }

      /* Anything else begins a value. */
      if (depth == 0 && ++n_values > 1)
        return FALSE;

      if (c == '{' || c == '[')
        {
          if (++depth > MD_JSON_MAX_DEPTH)
            return FALSE;
          i++;
        }
      else if (c == '"')
        {
          if (!skip_string (data, length, &i))
            return FALSE;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          if (!skip_number (data, length, &i))
            return FALSE;
        }
      else if (!skip_literal (data, length, &i))
        return FALSE;
    }

  return TRUE;
}

/* Parsing */

static JsonNode *
parse_root (const char  *data,
            gssize       length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  gsize size;

  if (data == NULL)
    {
      g_propagate_error (error, malformed ("no body"));
      return NULL;
    }

  size = length < 0 ? strlen (data) : (gsize) length;
  if (!md_json_text_is_safe (data, size))
    {
      g_propagate_error (error, malformed ("not plain JSON, nested too deeply or a number out of range"));
      return NULL;
    }

  /* The parser's own message may quote the body, which may be personal. */
  if (!json_parser_load_from_data (parser, data, (gssize) size, NULL))
    {
      g_propagate_error (error, malformed ("not JSON"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, malformed ("root is not an object"));
      return NULL;
    }

  return json_node_ref (root);
}

/* A field's value as text. Numbers are accepted (a postal code may come as
 * one); booleans, objects and arrays are not a field's value. */
static gboolean
read_scalar (JsonNode  *node,
             char     **out_value)
{
  *out_value = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      *out_value = g_strdup (json_node_get_string (node));
      return TRUE;

    case G_TYPE_INT64:
      *out_value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;

    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        *out_value = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
        return TRUE;
      }

    default:
      return FALSE;
    }
}

/* Ids are int64 on the wire; a string of digits is tolerated. */
static gboolean
read_id (JsonNode *node,
         gint64   *out_id)
{
  *out_id = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out_id = json_node_get_int (node);
      return *out_id >= 0;
    }

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      guint64 parsed;

      if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXINT64,
                                       &parsed, NULL))
        return FALSE;
      *out_id = (gint64) parsed;
      return TRUE;
    }

  return FALSE;
}

MdRecord *
md_json_read_record (MdDomain              domain,
                     JsonObject           *object,
                     const char * const   *skip,
                     GError              **error)
{
  g_autoptr(MdRecord) record = md_record_new (domain);
  const MdDomainInfo *info = md_domain_get_info (domain);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      int index = md_domain_info_find_field (info, name);

      if (index >= 0)
        {
          g_autofree char *value = NULL;

          if (!read_scalar (node, &value))
            {
              g_autofree char *detail = g_strdup_printf ("%s.%s has the wrong type",
                                                         info->id, name);

              g_propagate_error (error, malformed (detail));
              return NULL;
            }
          md_record_set_nth (record, index, value);
        }
      else if (skip == NULL || !g_strv_contains (skip, name))
        {
          json_object_set_member (md_record_get_extra (record), name, json_node_copy (node));
        }
    }

  return g_steal_pointer (&record);
}

static MdAmendment *
read_amendment (MdDomain     domain,
                JsonObject  *object,
                GError     **error)
{
  g_autoptr(MdRecord) values = NULL;
  gboolean has_fields = FALSE;
  const MdDomainInfo *info = md_domain_get_info (domain);
  gint64 id;

  if (!read_id (json_object_get_member (object, "id"), &id))
    {
      g_propagate_error (error, malformed ("amendment id is not an integer"));
      return NULL;
    }

  for (guint i = 0; i < info->n_fields && !has_fields; i++)
    has_fields = json_object_has_member (object, info->fields[i].name);

  /* Some servers send only the id of a pending amendment: then there are no
   * proposed values to show, which is not the same as empty ones. */
  if (has_fields)
    {
      values = md_json_read_record (domain, object, meta_members, error);
      if (values == NULL)
        return NULL;
    }

  return md_amendment_new (id, values);
}

MdSnapshot *
md_json_parse_snapshot (MdDomain     domain,
                        const char  *data,
                        gssize       length,
                        GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MdRecord) values = NULL;
  g_autoptr(MdAmendment) pending = NULL;
  JsonObject *object;
  JsonNode *node;
  const char *mode_string = NULL;
  gboolean require_signature = FALSE;

  g_return_val_if_fail (domain < MD_N_DOMAINS, NULL);

  root = parse_root (data, length, error);
  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  values = md_json_read_record (domain, object, meta_members, error);
  if (values == NULL)
    return NULL;

  /* A missing or odd status is an unknown one, which is read-only. */
  node = json_object_get_member (object, "amendmentConfigurationStatus");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    mode_string = json_node_get_string (node);

  node = json_object_get_member (object, "pendingAmendment");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      pending = read_amendment (domain, json_node_get_object (node), error);
      if (pending == NULL)
        return NULL;
    }
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_propagate_error (error, malformed ("pendingAmendment is not an object"));
      return NULL;
    }

  node = json_object_get_member (object, "requireSignature");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    require_signature = json_node_get_boolean (node);

  return md_snapshot_new (values,
                          md_amendment_mode_from_string (mode_string),
                          mode_string,
                          pending,
                          require_signature);
}

MdAmendment *
md_json_parse_amendment (MdDomain     domain,
                         const char  *data,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (domain < MD_N_DOMAINS, NULL);

  root = parse_root (data, length, error);
  if (root == NULL)
    return NULL;

  return read_amendment (domain, json_node_get_object (root), error);
}

void
md_json_write_record (MdRecord   *record,
                      JsonObject *object)
{
  const MdDomainInfo *info;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_if_fail (MD_IS_RECORD (record));
  g_return_if_fail (object != NULL);

  json_object_iter_init (&iter, md_record_get_extra (record));
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (object, name, json_node_copy (node));

  info = md_record_get_info (record);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const char *value = md_record_get_nth (record, i);

      if (value != NULL)
        json_object_set_string_member (object, info->fields[i].name, value);
    }
}

JsonNode *
md_json_amendment_to_node (MdAmendment *amendment)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (MD_IS_AMENDMENT (amendment), NULL);

  if (md_amendment_get_id (amendment) != 0)
    json_object_set_int_member (object, "id", md_amendment_get_id (amendment));
  if (md_amendment_get_values (amendment) != NULL)
    md_json_write_record (md_amendment_get_values (amendment), object);

  json_node_take_object (node, object);

  return node;
}

JsonNode *
md_json_snapshot_to_node (MdSnapshot *snapshot)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  MdAmendment *pending;

  g_return_val_if_fail (MD_IS_SNAPSHOT (snapshot), NULL);

  md_json_write_record (md_snapshot_get_values (snapshot), object);

  if (md_snapshot_get_mode_string (snapshot) != NULL)
    json_object_set_string_member (object, "amendmentConfigurationStatus",
                                   md_snapshot_get_mode_string (snapshot));

  pending = md_snapshot_get_pending (snapshot);
  if (pending != NULL)
    json_object_set_member (object, "pendingAmendment", md_json_amendment_to_node (pending));

  if (md_snapshot_get_domain (snapshot) == MD_DOMAIN_PAYMENT)
    json_object_set_boolean_member (object, "requireSignature",
                                    md_snapshot_get_require_signature (snapshot));

  json_node_take_object (node, object);

  return node;
}

/* json-glib 1.6 appends ".0" to every double it writes without a point,
 * exponents included: 1e20 becomes "1e+20.0", which is not JSON. Drops
 * such a ".0" from the @length bytes of @text, in place. */
static void
strip_exponent_points (char  *text,
                       gsize *length)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  gboolean in_exponent = FALSE;
  gsize w = 0;

  for (gsize r = 0; r < *length; r++)
    {
      char c = text[r];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (in_exponent && c == '.' && r + 1 < *length && text[r + 1] == '0')
        {
          in_exponent = FALSE;
          r++;
          continue;
        }
      else if (c == 'e' || c == 'E')
        in_exponent = TRUE;
      else if (!g_ascii_isdigit (c) && c != '+' && c != '-')
        in_exponent = FALSE;

      text[w++] = c;
    }

  text[w] = '\0';
  *length = w;
}

char *
md_json_to_data (JsonNode *node,
                 gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *data;
  gsize size = 0;

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &size);
  strip_exponent_points (data, &size);

  if (length != NULL)
    *length = size;
  return data;
}

char *
md_json_build_amendment_body (MdRecord   *current,
                              MdRecord   *draft,
                              const char *signature_base64,
                              gsize      *length)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_auto(GStrv) changed = NULL;
  const MdDomainInfo *info;
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (MD_IS_RECORD (current), NULL);
  g_return_val_if_fail (MD_IS_RECORD (draft), NULL);
  g_return_val_if_fail (md_record_get_domain (current) == md_record_get_domain (draft), NULL);

  json_node_take_object (node, object);
  md_json_write_record (current, object);

  info = md_record_get_info (current);
  changed = md_record_diff (current, draft);
  for (guint i = 0; changed[i] != NULL; i++)
    {
      const MdFieldInfo *field = &info->fields[md_domain_info_find_field (info, changed[i])];
      const char *value = md_record_get (draft, changed[i]);
      g_autofree char *sent = g_strstrip (g_strdup (value != NULL ? value : ""));

      if (field->kind == MD_FIELD_KIND_IBAN || field->kind == MD_FIELD_KIND_BIC)
        {
          g_autofree char *normalized = md_iban_normalize (sent);

          g_free (sent);
          sent = g_steal_pointer (&normalized);
        }

      /* An emptied field is sent empty: leaving it out could mean "keep". */
      json_object_set_string_member (object, changed[i], sent);
    }

  if (signature_base64 != NULL)
    {
      JsonObject *signature = json_object_new ();

      json_object_set_string_member (signature, "base64SvgSignature", signature_base64);
      json_object_set_object_member (object, "signature", signature);
    }

  return md_json_to_data (node, length);
}

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *value = NULL;

  if (node == NULL || !read_scalar (node, &value) || value == NULL || *value == '\0')
    return NULL;

  return g_steal_pointer (&value);
}

void
md_json_parse_error_body (const char  *data,
                          gssize       length,
                          char       **message,
                          char       **error_code,
                          char       **reference,
                          char       **trace_id)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = NULL;

  if (data != NULL && length != 0)
    root = parse_root (data, length, NULL);
  if (root != NULL)
    object = json_node_get_object (root);

  if (message != NULL)
    *message = object != NULL ? dup_string_member (object, "errorMessage") : NULL;
  if (error_code != NULL)
    *error_code = object != NULL ? dup_string_member (object, "errorCode") : NULL;
  if (reference != NULL)
    *reference = object != NULL ? dup_string_member (object, "reference") : NULL;
  if (trace_id != NULL)
    *trace_id = object != NULL ? dup_string_member (object, "traceId") : NULL;
}

char *
md_json_build_error_body (const char *message,
                          const char *error_code,
                          const char *reference,
                          gsize      *length)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (message != NULL, NULL);

  json_node_take_object (node, object);
  json_object_set_string_member (object, "errorMessage", message);
  if (error_code != NULL)
    json_object_set_string_member (object, "errorCode", error_code);
  if (reference != NULL)
    json_object_set_string_member (object, "reference", reference);

  return md_json_to_data (node, length);
}

/* md-json.c: the wire format of the self-service API, in and out
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

static JsonNode *
parse_root (const char  *data,
            gssize       length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  /* The parser's own message may quote the body, which may be personal. */
  if (data == NULL || !json_parser_load_from_data (parser, data, length, NULL))
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

static char *
node_to_data (JsonNode *node,
              gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, length);
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

  return node_to_data (node, length);
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

  return node_to_data (node, length);
}

/* md-record.c: the values of one domain, as a GObject with one property per field
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-record.h"
#include "md-validate.h"

typedef struct
{
  char       **values;   /* n_fields entries, NULL when unset */
  JsonObject  *extra;
} MdRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MdRecord, md_record, G_TYPE_OBJECT)

static const MdDomainInfo *
get_info (MdRecord *self)
{
  return MD_RECORD_GET_CLASS (self)->info;
}

/* Instance init runs with the base class in place, before the domain is
 * known, so the value array is made on first use. */
static char **
get_values (MdRecord *self)
{
  MdRecordPrivate *priv = md_record_get_instance_private (self);

  if (priv->values == NULL)
    priv->values = g_new0 (char *, get_info (self)->n_fields + 1);

  return priv->values;
}

static void
md_record_finalize (GObject *object)
{
  MdRecord *self = MD_RECORD (object);
  MdRecordPrivate *priv = md_record_get_instance_private (self);

  /* Not g_strfreev: unset fields are NULL holes in the array. */
  if (priv->values != NULL)
    {
      for (guint i = 0; i < get_info (self)->n_fields; i++)
        g_free (priv->values[i]);
      g_clear_pointer (&priv->values, g_free);
    }
  g_clear_pointer (&priv->extra, json_object_unref);

  G_OBJECT_CLASS (md_record_parent_class)->finalize (object);
}

static void
md_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MdRecord *self = MD_RECORD (object);

  if (prop_id == 0 || prop_id > get_info (self)->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_value_set_string (value, get_values (self)[prop_id - 1]);
}

static void
md_record_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MdRecord *self = MD_RECORD (object);

  if (prop_id == 0 || prop_id > get_info (self)->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  md_record_set_nth (self, prop_id - 1, g_value_get_string (value));
}

static void
md_record_class_init (MdRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = md_record_finalize;
}

static void
md_record_init (MdRecord *self)
{
}

/* The class of one domain: its properties are the description's fields. */
static void
domain_record_class_init (gpointer g_class,
                          gpointer class_data)
{
  GObjectClass *object_class = G_OBJECT_CLASS (g_class);
  MdRecordClass *record_class = MD_RECORD_CLASS (g_class);
  const MdDomainInfo *info = class_data;

  record_class->info = info;
  object_class->get_property = md_record_get_property;
  object_class->set_property = md_record_set_property;

  for (guint i = 0; i < info->n_fields; i++)
    {
      const MdFieldInfo *field = &info->fields[i];

      g_object_class_install_property (object_class, i + 1,
                                       g_param_spec_string (field->name, NULL, NULL, NULL,
                                                            G_PARAM_READWRITE |
                                                            G_PARAM_EXPLICIT_NOTIFY |
                                                            G_PARAM_STATIC_STRINGS));
    }
}

GType
md_record_type_for_domain (MdDomain domain)
{
  static GType types[MD_N_DOMAINS];
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (domain < MD_N_DOMAINS, G_TYPE_INVALID);

  locker = g_mutex_locker_new (&lock);

  if (types[domain] == 0)
    {
      const MdDomainInfo *info = md_domain_get_info (domain);
      GTypeInfo type_info = {
        .class_size = sizeof (MdRecordClass),
        .class_init = domain_record_class_init,
        .class_data = info,
        .instance_size = sizeof (MdRecord),
      };

      types[domain] = g_type_register_static (MD_TYPE_RECORD, info->type_name, &type_info, 0);
    }

  return types[domain];
}

MdRecord *
md_record_new (MdDomain domain)
{
  return g_object_new (md_record_type_for_domain (domain), NULL);
}

MdRecord *
md_record_copy (MdRecord *self)
{
  MdRecordPrivate *priv;
  MdRecord *copy;
  char **values;

  g_return_val_if_fail (MD_IS_RECORD (self), NULL);

  priv = md_record_get_instance_private (self);
  copy = md_record_new (md_record_get_domain (self));
  values = get_values (self);

  for (guint i = 0; i < get_info (self)->n_fields; i++)
    get_values (copy)[i] = g_strdup (values[i]);

  /* Extras are never changed after parsing, so their nested values can be shared. */
  if (priv->extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, priv->extra);
      while (json_object_iter_next (&iter, &name, &node))
        json_object_set_member (md_record_get_extra (copy), name, json_node_copy (node));
    }

  return copy;
}

MdDomain
md_record_get_domain (MdRecord *self)
{
  g_return_val_if_fail (MD_IS_RECORD (self), MD_DOMAIN_CONTACT);

  return get_info (self)->domain;
}

const MdDomainInfo *
md_record_get_info (MdRecord *self)
{
  g_return_val_if_fail (MD_IS_RECORD (self), NULL);

  return get_info (self);
}

const char *
md_record_get_nth (MdRecord *self,
                   guint     index)
{
  g_return_val_if_fail (MD_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < get_info (self)->n_fields, NULL);

  return get_values (self)[index];
}

void
md_record_set_nth (MdRecord   *self,
                   guint       index,
                   const char *value)
{
  char **values;

  g_return_if_fail (MD_IS_RECORD (self));
  g_return_if_fail (index < get_info (self)->n_fields);

  if (value != NULL && *value == '\0')
    value = NULL;

  values = get_values (self);
  if (g_strcmp0 (values[index], value) == 0)
    return;

  g_free (values[index]);
  values[index] = g_strdup (value);

  g_object_notify (G_OBJECT (self), get_info (self)->fields[index].name);
}

const char *
md_record_get (MdRecord   *self,
               const char *field)
{
  int index;

  g_return_val_if_fail (MD_IS_RECORD (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  index = md_domain_info_find_field (get_info (self), field);
  g_return_val_if_fail (index >= 0, NULL);

  return get_values (self)[index];
}

void
md_record_set (MdRecord   *self,
               const char *field,
               const char *value)
{
  int index;

  g_return_if_fail (MD_IS_RECORD (self));
  g_return_if_fail (field != NULL);

  index = md_domain_info_find_field (get_info (self), field);
  g_return_if_fail (index >= 0);

  md_record_set_nth (self, index, value);
}

JsonObject *
md_record_get_extra (MdRecord *self)
{
  MdRecordPrivate *priv;

  g_return_val_if_fail (MD_IS_RECORD (self), NULL);

  priv = md_record_get_instance_private (self);
  if (priv->extra == NULL)
    priv->extra = json_object_new ();

  return priv->extra;
}

/* Two values are the same when they differ only in surrounding white space,
 * or, for an IBAN, in grouping and case: such edits are no change to send. */
static gboolean
values_equal (const MdFieldInfo *field,
              const char        *a,
              const char        *b)
{
  g_autofree char *norm_a = g_strstrip (g_strdup (a != NULL ? a : ""));
  g_autofree char *norm_b = g_strstrip (g_strdup (b != NULL ? b : ""));

  if (field->kind == MD_FIELD_KIND_IBAN || field->kind == MD_FIELD_KIND_BIC)
    {
      g_autofree char *iban_a = md_iban_normalize (norm_a);
      g_autofree char *iban_b = md_iban_normalize (norm_b);

      return g_strcmp0 (iban_a, iban_b) == 0;
    }

  return g_strcmp0 (norm_a, norm_b) == 0;
}

GStrv
md_record_diff (MdRecord *a,
                MdRecord *b)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const MdDomainInfo *info;

  g_return_val_if_fail (MD_IS_RECORD (a), NULL);
  g_return_val_if_fail (MD_IS_RECORD (b), NULL);
  g_return_val_if_fail (md_record_get_domain (a) == md_record_get_domain (b), NULL);

  info = get_info (a);
  for (guint i = 0; i < info->n_fields; i++)
    {
      if (!values_equal (&info->fields[i], get_values (a)[i], get_values (b)[i]))
        g_strv_builder_add (builder, info->fields[i].name);
    }

  return g_strv_builder_end (builder);
}

gboolean
md_record_equal (MdRecord *a,
                 MdRecord *b)
{
  g_auto(GStrv) diff = NULL;

  g_return_val_if_fail (MD_IS_RECORD (a), FALSE);
  g_return_val_if_fail (MD_IS_RECORD (b), FALSE);

  if (md_record_get_domain (a) != md_record_get_domain (b))
    return FALSE;

  diff = md_record_diff (a, b);

  return diff[0] == NULL;
}

static gboolean
check_fields (MdRecord     *self,
              MdRecord     *current,
              const char  **out_field,
              char        **out_message)
{
  const MdDomainInfo *info = get_info (self);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const MdFieldInfo *field = &info->fields[i];
      g_autofree char *message = NULL;

      if (current != NULL &&
          values_equal (field, get_values (self)[i], get_values (current)[i]))
        continue;

      message = md_field_check (field, self);
      if (message != NULL)
        {
          if (out_field != NULL)
            *out_field = field->name;
          if (out_message != NULL)
            *out_message = g_steal_pointer (&message);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
md_record_check (MdRecord    *self,
                 const char **out_field,
                 char       **out_message)
{
  g_return_val_if_fail (MD_IS_RECORD (self), FALSE);

  return check_fields (self, NULL, out_field, out_message);
}

gboolean
md_record_check_edits (MdRecord    *self,
                       MdRecord    *current,
                       const char **out_field,
                       char       **out_message)
{
  g_return_val_if_fail (MD_IS_RECORD (self), FALSE);
  g_return_val_if_fail (MD_IS_RECORD (current), FALSE);
  g_return_val_if_fail (md_record_get_domain (self) == md_record_get_domain (current), FALSE);

  return check_fields (self, current, out_field, out_message);
}

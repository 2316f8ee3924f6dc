/* md-snapshot.c: one domain as read from the server, and an amendment
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-snapshot.h"

static const struct
{
  MdAmendmentMode  mode;
  const char      *name;
} mode_names[] = {
  { MD_AMENDMENT_MODE_READ, "READ" },
  { MD_AMENDMENT_MODE_INSTANT, "CHANGES_WITHOUT_VERIFICATION" },
  { MD_AMENDMENT_MODE_REVIEWED, "CHANGES_REQUIRE_VERIFICATION" },
};

MdAmendmentMode
md_amendment_mode_from_string (const char *value)
{
  for (guint i = 0; value != NULL && i < G_N_ELEMENTS (mode_names); i++)
    {
      if (g_str_equal (mode_names[i].name, value))
        return mode_names[i].mode;
    }

  return MD_AMENDMENT_MODE_UNKNOWN;
}

const char *
md_amendment_mode_to_string (MdAmendmentMode mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (mode_names); i++)
    {
      if (mode_names[i].mode == mode)
        return mode_names[i].name;
    }

  return NULL;
}

gboolean
md_amendment_mode_is_editable (MdAmendmentMode mode)
{
  return mode == MD_AMENDMENT_MODE_INSTANT || mode == MD_AMENDMENT_MODE_REVIEWED;
}

struct _MdAmendment
{
  GObject   parent_instance;

  gint64    id;
  MdRecord *values;
};

G_DEFINE_FINAL_TYPE (MdAmendment, md_amendment, G_TYPE_OBJECT)

static void
md_amendment_finalize (GObject *object)
{
  MdAmendment *self = MD_AMENDMENT (object);

  g_clear_object (&self->values);

  G_OBJECT_CLASS (md_amendment_parent_class)->finalize (object);
}

static void
md_amendment_class_init (MdAmendmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = md_amendment_finalize;
}

static void
md_amendment_init (MdAmendment *self)
{
}

MdAmendment *
md_amendment_new (gint64    id,
                  MdRecord *values)
{
  MdAmendment *self;

  g_return_val_if_fail (values == NULL || MD_IS_RECORD (values), NULL);

  self = g_object_new (MD_TYPE_AMENDMENT, NULL);
  self->id = id;
  g_set_object (&self->values, values);

  return self;
}

gint64
md_amendment_get_id (MdAmendment *self)
{
  g_return_val_if_fail (MD_IS_AMENDMENT (self), 0);

  return self->id;
}

MdRecord *
md_amendment_get_values (MdAmendment *self)
{
  g_return_val_if_fail (MD_IS_AMENDMENT (self), NULL);

  return self->values;
}

struct _MdSnapshot
{
  GObject          parent_instance;

  MdRecord        *values;
  MdAmendmentMode  mode;
  char            *mode_string;
  MdAmendment     *pending;
  guint            require_signature : 1;
};

G_DEFINE_FINAL_TYPE (MdSnapshot, md_snapshot, G_TYPE_OBJECT)

static void
md_snapshot_finalize (GObject *object)
{
  MdSnapshot *self = MD_SNAPSHOT (object);

  g_clear_object (&self->values);
  g_clear_object (&self->pending);
  g_clear_pointer (&self->mode_string, g_free);

  G_OBJECT_CLASS (md_snapshot_parent_class)->finalize (object);
}

static void
md_snapshot_class_init (MdSnapshotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = md_snapshot_finalize;
}

static void
md_snapshot_init (MdSnapshot *self)
{
}

MdSnapshot *
md_snapshot_new (MdRecord        *values,
                 MdAmendmentMode  mode,
                 const char      *mode_string,
                 MdAmendment     *pending,
                 gboolean         require_signature)
{
  MdSnapshot *self;

  g_return_val_if_fail (MD_IS_RECORD (values), NULL);
  g_return_val_if_fail (pending == NULL || MD_IS_AMENDMENT (pending), NULL);

  self = g_object_new (MD_TYPE_SNAPSHOT, NULL);
  self->values = g_object_ref (values);
  self->mode = mode;
  self->mode_string = g_strdup (mode_string != NULL ? mode_string
                                                    : md_amendment_mode_to_string (mode));
  g_set_object (&self->pending, pending);
  self->require_signature = !!require_signature;

  return self;
}

MdDomain
md_snapshot_get_domain (MdSnapshot *self)
{
  g_return_val_if_fail (MD_IS_SNAPSHOT (self), MD_DOMAIN_CONTACT);

  return md_record_get_domain (self->values);
}

MdRecord *
md_snapshot_get_values (MdSnapshot *self)
{
  g_return_val_if_fail (MD_IS_SNAPSHOT (self), NULL);

  return self->values;
}

MdAmendmentMode
md_snapshot_get_mode (MdSnapshot *self)
{
  g_return_val_if_fail (MD_IS_SNAPSHOT (self), MD_AMENDMENT_MODE_READ);

  return self->mode;
}

const char *
md_snapshot_get_mode_string (MdSnapshot *self)
{
  g_return_val_if_fail (MD_IS_SNAPSHOT (self), NULL);

  return self->mode_string;
}

MdAmendment *
md_snapshot_get_pending (MdSnapshot *self)
{
  g_return_val_if_fail (MD_IS_SNAPSHOT (self), NULL);

  return self->pending;
}

gboolean
md_snapshot_get_require_signature (MdSnapshot *self)
{
  g_return_val_if_fail (MD_IS_SNAPSHOT (self), FALSE);

  return self->require_signature;
}

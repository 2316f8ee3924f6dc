/* md-record.h: the values of one domain, as a GObject with one property per field
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "md-domain.h"

G_BEGIN_DECLS

#define MD_TYPE_RECORD (md_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (MdRecord, md_record, MD, RECORD, GObject)

struct _MdRecordClass
{
  GObjectClass parent_class;

  const MdDomainInfo *info;
};

/* One subclass per domain, registered on first use, whose string
 * properties are the fields of the domain description. */
GType               md_record_type_for_domain  (MdDomain     domain);

MdRecord           *md_record_new              (MdDomain     domain);
MdRecord           *md_record_copy             (MdRecord    *self);
MdDomain            md_record_get_domain       (MdRecord    *self);
const MdDomainInfo *md_record_get_info         (MdRecord    *self);

/* NULL when the field is unset; "" is stored as unset. */
const char         *md_record_get              (MdRecord    *self,
                                                const char  *field);
void                md_record_set              (MdRecord    *self,
                                                const char  *field,
                                                const char  *value);
const char         *md_record_get_nth          (MdRecord    *self,
                                                guint        index);
void                md_record_set_nth          (MdRecord    *self,
                                                guint        index,
                                                const char  *value);

/* Members the description does not know, kept so that a whole-object
 * write never drops what the server has and this client does not show. */
JsonObject         *md_record_get_extra        (MdRecord    *self);

gboolean            md_record_equal            (MdRecord    *a,
                                                MdRecord    *b);
/* Names of the fields whose values differ, in description order. */
GStrv               md_record_diff             (MdRecord    *a,
                                                MdRecord    *b);
/* TRUE when every field is valid; otherwise FALSE, with the first invalid
 * field and its message. */
gboolean            md_record_check            (MdRecord    *self,
                                                const char **out_field,
                                                char       **out_message);
/* Like md_record_check, but only for the fields where @self differs from
 * @current: values the member did not type are the server's business (a
 * tenant may send a masked IBAN, say). */
gboolean            md_record_check_edits      (MdRecord    *self,
                                                MdRecord    *current,
                                                const char **out_field,
                                                char       **out_message);

G_END_DECLS

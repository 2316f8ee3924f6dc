/* md-field-rows.h: form rows for the fields of a domain description
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "md-record.h"

G_BEGIN_DECLS

/* An editable row bound both ways to @field of @record: an entry, a combo
 * for countries and enums, an entry with a calendar for a date of birth. */
GtkWidget *md_field_row_new_editable (const MdFieldInfo *field,
                                      MdRecord          *record);
/* A value at the end of a row, readable and wrapped when long. */
GtkWidget *md_field_value_label_new  (const char        *text);
/* A row that only shows the value, as a person reads it. */
GtkWidget *md_field_row_new_readonly (const MdFieldInfo *field,
                                      const char        *value);
/* A read-only row for an IBAN with all but its last four characters hidden. */
GtkWidget *md_field_row_new_masked   (const MdFieldInfo *field,
                                      const char        *value);
/* An entry for a new value of a field whose @current value must not be
 * shown: it starts empty (no change), shows dots, and shows the typed text
 * only while its eye icon is held down. */
GtkWidget *md_field_row_new_secret_entry (const MdFieldInfo *field,
                                          MdRecord          *record,
                                          const char        *current);
/* Marks the row invalid with @message, or clears the mark for NULL. */
void       md_field_row_set_error    (GtkWidget         *row,
                                      const char        *message);

G_END_DECLS

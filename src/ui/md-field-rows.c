/* md-field-rows.c: form rows for the fields of a domain description
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-countries.h"
#include "md-field-rows.h"
#include "md-identify.h"
#include "md-validate.h"

#include <stdlib.h>
#include <string.h>

/* The record stores "" as NULL; entries want "". */
static gboolean
null_to_empty (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text != NULL ? text : "");
  return TRUE;
}

/* A date as the form shows it: the API's ISO 8601 in the user's order. */
static char *
date_to_shown (const char *iso)
{
  g_autofree char *midnight = NULL;
  g_autoptr(GDateTime) date = NULL;

  if (iso == NULL)
    return g_strdup ("");

  midnight = g_strconcat (iso, "T00:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (midnight, NULL);
  if (date == NULL)
    return g_strdup (iso);

  /* Translators: a date of birth in a form, as people here write it with
   * digits (a four-digit year); see the strftime manual for the codes */
  return g_date_time_format (date, C_("date entry", "%Y-%m-%d"));
}

static gboolean
date_record_to_row (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  g_value_take_string (to, date_to_shown (g_value_get_string (from)));
  return TRUE;
}

/* What the user types goes to the record in ISO 8601 once it reads as a
 * date (in any of the orders people type); until then as typed, so that
 * the field is marked as not valid yet. */
static gboolean
date_row_to_record (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  const char *typed = g_value_get_string (from);
  GDate date;

  if (typed == NULL || *typed == '\0')
    g_value_set_string (to, NULL);
  else if (md_identify_parse_date (typed, &date))
    g_value_take_string (to, g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                                              g_date_get_month (&date), g_date_get_day (&date)));
  else
    g_value_set_string (to, typed);

  return TRUE;
}

static GtkWidget *
entry_row_new (const MdFieldInfo *field,
               MdRecord          *record)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  if (field->kind == MD_FIELD_KIND_DATE_OF_BIRTH)
    g_object_bind_property_full (record, field->name, row, "text",
                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                 date_record_to_row, date_row_to_record, NULL, NULL);
  else
    g_object_bind_property_full (record, field->name, row, "text",
                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                 null_to_empty, NULL, NULL, NULL);

  switch (field->kind)
    {
    case MD_FIELD_KIND_EMAIL:
      g_object_set (row, "input-purpose", GTK_INPUT_PURPOSE_EMAIL, NULL);
      break;

    case MD_FIELD_KIND_PHONE:
      g_object_set (row, "input-purpose", GTK_INPUT_PURPOSE_PHONE, NULL);
      break;

    case MD_FIELD_KIND_IBAN:
    case MD_FIELD_KIND_BIC:
      g_object_set (row, "input-hints", GTK_INPUT_HINT_UPPERCASE_CHARS | GTK_INPUT_HINT_NO_SPELLCHECK,
                    NULL);
      break;

    case MD_FIELD_KIND_TEXT:
    case MD_FIELD_KIND_POSTAL_CODE:
    case MD_FIELD_KIND_COUNTRY:
    case MD_FIELD_KIND_DATE_OF_BIRTH:
    case MD_FIELD_KIND_GENDER:
    case MD_FIELD_KIND_TITLE:
    default:
      break;
    }

  return row;
}

/* Choices of a combo row: wire values and what the row shows. */
typedef struct
{
  const MdFieldInfo *field;
  GPtrArray         *values;    /* NULL entry: "not set" */
  gulong             handler;
  gboolean           syncing;
} ComboData;

static void
combo_data_free (gpointer data)
{
  ComboData *combo = data;

  g_ptr_array_unref (combo->values);
  g_free (combo);
}

typedef struct
{
  const char *code;
  const char *name;
  char       *key;
} SortedCountry;

static int
compare_by_key (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const SortedCountry *) a)->key, ((const SortedCountry *) b)->key);
}

/* Countries in the order of their names in the user's language. Sorted
 * once: collating 249 names for every form costs more than building it. */
static const SortedCountry *
get_sorted_countries (guint *n_sorted)
{
  static SortedCountry *sorted;
  static guint n;

  if (sorted == NULL)
    {
      const MdCountry *countries = md_countries_get_all (&n);

      sorted = g_new0 (SortedCountry, n);
      for (guint i = 0; i < n; i++)
        {
          sorted[i].code = countries[i].code;
          sorted[i].name = md_country_get_display_name (countries[i].code);
          sorted[i].key = g_utf8_collate_key (sorted[i].name, -1);
        }
      qsort (sorted, n, sizeof *sorted, compare_by_key);
    }

  *n_sorted = n;
  return sorted;
}

static void
combo_sync_from_record (MdRecord   *record,
                        GParamSpec *pspec,
                        AdwComboRow *row)
{
  ComboData *combo = g_object_get_data (G_OBJECT (row), "md-combo");
  const char *value = md_record_get (record, combo->field->name);
  GtkStringList *model = GTK_STRING_LIST (adw_combo_row_get_model (row));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < combo->values->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (combo->values, i), value) == 0)
        {
          position = i;
          break;
        }
    }

  /* A value this client does not offer is shown as sent, never dropped. */
  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_autofree char *shown = md_field_format_value (combo->field, value);

      g_ptr_array_add (combo->values, g_strdup (value));
      gtk_string_list_append (model, shown);
      position = combo->values->len - 1;
    }

  combo->syncing = TRUE;
  adw_combo_row_set_selected (row, position);
  combo->syncing = FALSE;
}

static void
combo_sync_to_record (AdwComboRow *row,
                      GParamSpec  *pspec,
                      MdRecord    *record)
{
  ComboData *combo = g_object_get_data (G_OBJECT (row), "md-combo");
  guint position = adw_combo_row_get_selected (row);

  if (combo->syncing || position >= combo->values->len)
    return;

  md_record_set (record, combo->field->name, g_ptr_array_index (combo->values, position));
}

static GtkWidget *
combo_row_new (const MdFieldInfo *field,
               MdRecord          *record)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *notify = g_strconcat ("notify::", field->name, NULL);
  ComboData *combo = g_new0 (ComboData, 1);
  GtkWidget *row = adw_combo_row_new ();

  combo->field = field;
  combo->values = g_ptr_array_new_with_free_func (g_free);

  if (!field->required)
    {
      g_ptr_array_add (combo->values, NULL);
      gtk_string_list_append (model, _("Not set"));
    }

  if (field->kind == MD_FIELD_KIND_COUNTRY)
    {
      const SortedCountry *sorted;
      guint n_sorted;

      sorted = get_sorted_countries (&n_sorted);
      for (guint i = 0; i < n_sorted; i++)
        {
          g_ptr_array_add (combo->values, g_strdup (sorted[i].code));
          gtk_string_list_append (model, sorted[i].name);
        }
    }
  else
    {
      const MdFieldOption *options;
      guint n_options;

      options = md_field_get_options (field, &n_options);
      for (guint i = 0; i < n_options; i++)
        {
          g_ptr_array_add (combo->values, g_strdup (options[i].value));
          gtk_string_list_append (model, _(options[i].label));
        }
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  /* AdwComboRow 1.2 exposes no selection to assistive technology: the
   * subtitle carries the value. */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "md-combo", combo, combo_data_free);

  combo_sync_from_record (record, NULL, ADW_COMBO_ROW (row));
  g_signal_connect_object (record, notify, G_CALLBACK (combo_sync_from_record), row, 0);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (combo_sync_to_record), record, 0);

  return row;
}

static void
on_day_selected (GtkCalendar *calendar,
                 GtkEditable *entry)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");
  g_autofree char *text = date_to_shown (iso);

  gtk_editable_set_text (entry, text);
}

static void
on_calendar_shown (GtkPopover  *popover,
                   GtkEditable *entry)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  g_autoptr(GDateTime) date = NULL;
  GDate typed;

  if (!md_identify_parse_date (gtk_editable_get_text (entry), &typed))
    return;

  date = g_date_time_new_utc (g_date_get_year (&typed), g_date_get_month (&typed),
                              g_date_get_day (&typed), 0, 0, 0);
  gtk_calendar_select_day (calendar, date);
}

static GtkWidget *
date_row_new (const MdFieldInfo *field,
              MdRecord          *record)
{
  GtkWidget *row = entry_row_new (field, record);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Pick a date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick a date"),
                                  -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (on_day_selected), row, 0);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_calendar_shown), row, 0);

  return row;
}

GtkWidget *
md_field_row_new_editable (const MdFieldInfo *field,
                           MdRecord          *record)
{
  GtkWidget *row;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (MD_IS_RECORD (record), NULL);

  switch (field->kind)
    {
    case MD_FIELD_KIND_COUNTRY:
    case MD_FIELD_KIND_GENDER:
    case MD_FIELD_KIND_TITLE:
      row = combo_row_new (field, record);
      break;

    case MD_FIELD_KIND_DATE_OF_BIRTH:
      row = date_row_new (field, record);
      break;

    case MD_FIELD_KIND_TEXT:
    case MD_FIELD_KIND_EMAIL:
    case MD_FIELD_KIND_PHONE:
    case MD_FIELD_KIND_POSTAL_CODE:
    case MD_FIELD_KIND_IBAN:
    case MD_FIELD_KIND_BIC:
    default:
      row = entry_row_new (field, record);
      break;
    }

  gtk_widget_set_name (row, field->name);

  return row;
}

GtkWidget *
md_field_value_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  /* Short values never break; long ones wrap at words within a readable width. */
  if (g_utf8_strlen (text, -1) > 24)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
    }
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);

  return label;
}

GtkWidget *
md_field_row_new_readonly (const MdFieldInfo *field,
                           const char        *value)
{
  g_autofree char *shown = NULL;
  GtkWidget *label;
  GtkWidget *row;

  g_return_val_if_fail (field != NULL, NULL);

  shown = md_field_format_value (field, value);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  label = md_field_value_label_new (*shown != '\0' ? shown : _("Not set"));
  if (*shown == '\0')
    gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_widget_set_name (row, field->name);

  return row;
}

GtkWidget *
md_field_row_new_masked (const MdFieldInfo *field,
                         const char        *value)
{
  g_autofree char *masked = md_iban_mask (value);
  g_autofree char *name = NULL;
  GtkWidget *row;

  g_return_val_if_fail (field != NULL, NULL);

  row = md_field_row_new_readonly (field, masked != NULL && *masked != '\0' ? masked : NULL);
  /* The field's own name belongs to the row that edits it. */
  name = g_strconcat (field->name, "-current", NULL);
  gtk_widget_set_name (row, name);

  return row;
}

/* The secret entry's text goes into the record as the new value; empty
 * means "no change", so the current value is never typed into the form. */
static void
secret_entry_changed (GtkEditable *editable,
                      MdRecord    *record)
{
  const MdFieldInfo *field = g_object_get_data (G_OBJECT (editable), "md-field");
  const char *current = g_object_get_data (G_OBJECT (editable), "md-current");
  const char *text = gtk_editable_get_text (editable);

  md_record_set (record, field->name, *text != '\0' ? text : current);
}

static void
reveal_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GtkText         *text)
{
  gtk_text_set_visibility (text, TRUE);
}

static void
reveal_released (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkText         *text)
{
  gtk_text_set_visibility (text, FALSE);
}

static void
reveal_stopped (GtkGestureClick *gesture,
                GtkText         *text)
{
  gtk_text_set_visibility (text, FALSE);
}

GtkWidget *
md_field_row_new_secret_entry (const MdFieldInfo *field,
                               MdRecord          *record,
                               const char        *current)
{
  GtkWidget *row;
  GtkWidget *reveal;
  GtkEditable *text;
  GtkGesture *press;
  g_autofree char *title = NULL;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (MD_IS_RECORD (record), NULL);

  /* Translators: the title of the entry for a new value of a hidden field, like "New IBAN" */
  title = g_strdup_printf (_("New %s"), _(field->label));
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, field->name);

  /* Typed in dots; shown only while the eye is held down, so a glance
   * from the next person in line catches nothing. */
  text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  gtk_text_set_visibility (GTK_TEXT (text), FALSE);

  reveal = gtk_image_new_from_icon_name ("view-reveal-symbolic");
  gtk_widget_set_tooltip_text (reveal, _("Hold to show what you typed"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reveal), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Hold to show what you typed"), -1);
  press = gtk_gesture_click_new ();
  g_signal_connect_object (press, "pressed", G_CALLBACK (reveal_pressed), text, 0);
  g_signal_connect_object (press, "released", G_CALLBACK (reveal_released), text, 0);
  g_signal_connect_object (press, "stopped", G_CALLBACK (reveal_stopped), text, 0);
  gtk_widget_add_controller (reveal, GTK_EVENT_CONTROLLER (press));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), reveal);

  /* Edits kept from before (say, after a refused save) stay the member's;
   * the current value only regrouped is no edit. */
  {
    g_autofree char *kept = md_iban_normalize (md_record_get (record, field->name));
    g_autofree char *now = md_iban_normalize (current);

    if (kept != NULL && *kept != '\0' && g_strcmp0 (kept, now) != 0)
      gtk_editable_set_text (GTK_EDITABLE (row), md_record_get (record, field->name));
  }

  g_object_set_data (G_OBJECT (row), "md-field", (gpointer) field);
  g_object_set_data_full (G_OBJECT (row), "md-current", g_strdup (current), g_free);
  g_signal_connect_object (row, "changed", G_CALLBACK (secret_entry_changed), record, 0);

  return row;
}

void
md_field_row_set_error (GtkWidget  *row,
                        const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (row));

  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");

  gtk_widget_set_tooltip_text (row, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message != NULL ? message : "",
                                  -1);
}

/* md-identify.c: a member identifies at the kiosk by customer number and date of birth
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "md-identify"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "md-identify.h"
#include "md-validate.h"

#define MIN_YEAR                 1900
#define CUSTOMER_NUMBER_DIGITS   15
/* Longer than any way of typing a date; longer input is not looked at. */
#define TYPED_DATE_MAX_LENGTH    32

/* Dates */

typedef struct
{
  const char *start;
  gsize       length;
} Group;

static guint
group_value (const Group *group)
{
  guint value = 0;

  for (gsize i = 0; i < group->length; i++)
    value = value * 10 + (guint) (group->start[i] - '0');

  return value;
}

static gboolean
is_date_separator (char c)
{
  return c == '.' || c == '/' || c == '-' || c == ' ';
}

static char *
format_message (void)
{
  return g_strdup (_("Enter your date of birth as day, month and year, like 24.12.1990."));
}

static char *
short_year_message (void)
{
  return g_strdup (_("Enter the year of birth with all four digits, like 24.12.1990."));
}

/* Checks the numbers found in the typing and fills @out. */
static gboolean
check_date (guint    day,
            guint    month,
            guint    year,
            GDate   *out,
            char   **message)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  GDate date;

  if (year < MIN_YEAR)
    return md_validate_fail (message, g_strdup (_("Enter a year of birth from 1900 on.")));

  if (year > (guint) g_date_time_get_year (now))
    return md_validate_fail (message, g_strdup (_("A date of birth cannot be in the future.")));

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return md_validate_fail (message, g_strdup (_("This day does not exist in the calendar.")));

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));

  if (g_date_compare (&date, &today) > 0)
    return md_validate_fail (message, g_strdup (_("A date of birth cannot be in the future.")));

  if (out != NULL)
    *out = date;

  return md_validate_succeed (message);
}

static gboolean
is_plausible_year (guint year)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return year >= MIN_YEAR && year <= (guint) g_date_time_get_year (now);
}

/* Eight digits in a row: YYYYMMDD when only the first four read as a year
 * of birth, DDMMYYYY otherwise. Both readings can never be valid dates:
 * YYYYMMDD's month would be the first two digits of a DDMMYYYY year, 19
 * or 20. */
static gboolean
parse_compact_date (const char  *digits,
                    GDate       *out,
                    char       **message)
{
  Group first = { digits, 2 }, second = { digits + 2, 2 };
  Group head = { digits, 4 }, middle = { digits + 4, 2 }, tail = { digits + 4, 4 };
  Group last = { digits + 6, 2 };

  if (is_plausible_year (group_value (&head)) && !is_plausible_year (group_value (&tail)))
    return check_date (group_value (&last), group_value (&middle), group_value (&head),
                       out, message);

  return check_date (group_value (&first), group_value (&second), group_value (&tail),
                     out, message);
}

gboolean
md_identify_parse_date_full (const char  *typed,
                             GDate       *out,
                             char       **message)
{
  g_autofree char *text = NULL;
  Group groups[3];
  char separators[2];
  guint n_groups = 0;
  guint n_separators = 0;
  const char *p;

  if (out != NULL)
    g_date_clear (out, 1);

  if (typed == NULL)
    return md_validate_fail (message, g_strdup (_("Enter your date of birth.")));

  text = g_strstrip (g_strdup (typed));
  if (*text == '\0')
    return md_validate_fail (message, g_strdup (_("Enter your date of birth.")));

  if (strlen (text) > TYPED_DATE_MAX_LENGTH)
    return md_validate_fail (message, format_message ());

  /* Runs of digits, between runs of separators. A run of separators is one
   * of . / - with spaces around it, or spaces alone. */
  p = text;
  while (*p != '\0')
    {
      if (g_ascii_isdigit (*p))
        {
          if (n_groups == G_N_ELEMENTS (groups))
            return md_validate_fail (message, format_message ());

          groups[n_groups].start = p;
          while (g_ascii_isdigit (*p))
            p++;
          groups[n_groups].length = (gsize) (p - groups[n_groups].start);
          n_groups++;
        }
      else if (is_date_separator (*p))
        {
          char separator = ' ';

          /* Before the first group or after the last one. */
          if (n_groups == 0 || n_separators == G_N_ELEMENTS (separators))
            return md_validate_fail (message, format_message ());

          for (; is_date_separator (*p); p++)
            {
              if (*p == ' ')
                continue;
              if (separator != ' ')
                return md_validate_fail (message, format_message ());
              separator = *p;
            }

          if (*p == '\0')
            return md_validate_fail (message, format_message ());

          separators[n_separators++] = separator;
        }
      else
        return md_validate_fail (message, format_message ());
    }

  if (n_groups == 1)
    {
      if (groups[0].length == 8)
        return parse_compact_date (groups[0].start, out, message);
      if (groups[0].length == 6)
        return md_validate_fail (message, short_year_message ());

      return md_validate_fail (message, format_message ());
    }

  if (n_groups != 3 || separators[0] != separators[1])
    return md_validate_fail (message, format_message ());

  if (groups[0].length == 4)
    {
      if (groups[1].length > 2 || groups[2].length > 2)
        return md_validate_fail (message, format_message ());

      return check_date (group_value (&groups[2]), group_value (&groups[1]),
                         group_value (&groups[0]), out, message);
    }

  if (groups[0].length > 2 || groups[1].length > 2)
    return md_validate_fail (message, format_message ());
  if (groups[2].length == 2)
    return md_validate_fail (message, short_year_message ());
  if (groups[2].length != 4)
    return md_validate_fail (message, format_message ());

  return check_date (group_value (&groups[0]), group_value (&groups[1]),
                     group_value (&groups[2]), out, message);
}

gboolean
md_identify_parse_date (const char *typed,
                        GDate      *out)
{
  return md_identify_parse_date_full (typed, out, NULL);
}

/* The API's "YYYY-MM-DD", maybe followed by a time part. */
static gboolean
parse_wire_date (const char *value,
                 GDate      *out)
{
  static const guint digit_positions[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
  Group year, month, day;

  if (value == NULL || strlen (value) < 10 ||
      value[4] != '-' || value[7] != '-' ||
      (value[10] != '\0' && value[10] != 'T'))
    return FALSE;

  /* Only now: an offset from NULL is undefined behaviour. */
  year = (Group) { value, 4 };
  month = (Group) { value + 5, 2 };
  day = (Group) { value + 8, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (digit_positions); i++)
    {
      if (!g_ascii_isdigit (value[digit_positions[i]]))
        return FALSE;
    }

  if (!g_date_valid_dmy ((GDateDay) group_value (&day), (GDateMonth) group_value (&month),
                         (GDateYear) group_value (&year)))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) group_value (&day), (GDateMonth) group_value (&month),
                  (GDateYear) group_value (&year));

  return TRUE;
}

gboolean
md_identify_matches (MdRecord    *master,
                     const GDate *date_of_birth)
{
  GDate stored;

  g_return_val_if_fail (MD_IS_RECORD (master), FALSE);
  g_return_val_if_fail (md_record_get_domain (master) == MD_DOMAIN_MASTER, FALSE);
  g_return_val_if_fail (date_of_birth != NULL && g_date_valid (date_of_birth), FALSE);

  if (!parse_wire_date (md_record_get (master, "dateOfBirth"), &stored))
    return FALSE;

  return g_date_compare (&stored, date_of_birth) == 0;
}

/* Customer numbers */

gboolean
md_identify_customer_number (const char *typed,
                             gint64     *out)
{
  guint n_digits = 0;
  gint64 value = 0;

  if (typed == NULL)
    return FALSE;

  for (const char *p = typed; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      /* 15 digits fit a gint64 with room to spare. */
      if (!g_ascii_isdigit (*p) || ++n_digits > CUSTOMER_NUMBER_DIGITS)
        return FALSE;

      value = value * 10 + (*p - '0');
    }

  if (value == 0)
    return FALSE;

  if (out != NULL)
    *out = value;

  return TRUE;
}

/* The guard */

struct _MdIdentifyGuard
{
  GObject  parent_instance;

  guint    max_attempts;
  guint    failures;
  gint64   locked_until;   /* 0: no lock since the last success */
  gint64   last_lock_us;   /* how long that lock was */
};

enum {
  PROP_0,
  PROP_MAX_ATTEMPTS,
  PROP_FAILURES,
  PROP_LOCKED_UNTIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MdIdentifyGuard, md_identify_guard, G_TYPE_OBJECT)

static void
md_identify_guard_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MdIdentifyGuard *self = MD_IDENTIFY_GUARD (object);

  switch (prop_id)
    {
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;

    case PROP_FAILURES:
      g_value_set_uint (value, self->failures);
      break;

    case PROP_LOCKED_UNTIL:
      g_value_set_int64 (value, self->locked_until);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_identify_guard_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MdIdentifyGuard *self = MD_IDENTIFY_GUARD (object);

  switch (prop_id)
    {
    case PROP_MAX_ATTEMPTS:
      self->max_attempts = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_identify_guard_class_init (MdIdentifyGuardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = md_identify_guard_get_property;
  object_class->set_property = md_identify_guard_set_property;

  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL,
                       1, G_MAXUINT, MD_IDENTIFY_DEFAULT_MAX_ATTEMPTS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILURES] =
    g_param_spec_uint ("failures", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED_UNTIL] =
    g_param_spec_int64 ("locked-until", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
md_identify_guard_init (MdIdentifyGuard *self)
{
  self->max_attempts = MD_IDENTIFY_DEFAULT_MAX_ATTEMPTS;
}

MdIdentifyGuard *
md_identify_guard_new (guint max_attempts)
{
  g_return_val_if_fail (max_attempts >= 1, NULL);

  return g_object_new (MD_TYPE_IDENTIFY_GUARD, "max-attempts", max_attempts, NULL);
}

guint
md_identify_guard_get_max_attempts (MdIdentifyGuard *self)
{
  g_return_val_if_fail (MD_IS_IDENTIFY_GUARD (self), 0);

  return self->max_attempts;
}

guint
md_identify_guard_get_failures (MdIdentifyGuard *self)
{
  g_return_val_if_fail (MD_IS_IDENTIFY_GUARD (self), 0);

  return self->failures;
}

gboolean
md_identify_guard_is_locked (MdIdentifyGuard *self,
                             gint64           now_us)
{
  g_return_val_if_fail (MD_IS_IDENTIFY_GUARD (self), FALSE);

  return self->locked_until != 0 && now_us < self->locked_until;
}

gboolean
md_identify_guard_record_failure (MdIdentifyGuard *self,
                                  gint64           now_us)
{
  gint64 lock_us;

  g_return_val_if_fail (MD_IS_IDENTIFY_GUARD (self), FALSE);

  if (md_identify_guard_is_locked (self, now_us))
    return TRUE;

  if (self->failures < G_MAXUINT)
    self->failures++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURES]);

  if (self->failures < self->max_attempts)
    return FALSE;

  /* Each lock twice the one before; the cap keeps the doubling from ever
   * overflowing. */
  if (self->last_lock_us == 0)
    lock_us = MD_IDENTIFY_LOCK_US;
  else
    lock_us = MIN (self->last_lock_us * 2, MD_IDENTIFY_MAX_LOCK_US);

  self->last_lock_us = lock_us;
  self->locked_until = now_us + lock_us;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED_UNTIL]);

  return TRUE;
}

void
md_identify_guard_record_success (MdIdentifyGuard *self)
{
  g_return_if_fail (MD_IS_IDENTIFY_GUARD (self));

  self->last_lock_us = 0;

  if (self->failures != 0)
    {
      self->failures = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURES]);
    }

  if (self->locked_until != 0)
    {
      self->locked_until = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED_UNTIL]);
    }
}

gint64
md_identify_guard_locked_until (MdIdentifyGuard *self)
{
  g_return_val_if_fail (MD_IS_IDENTIFY_GUARD (self), 0);

  return self->locked_until;
}

guint
md_identify_guard_get_wait_seconds (MdIdentifyGuard *self,
                                    gint64           now_us)
{
  gint64 remaining;

  g_return_val_if_fail (MD_IS_IDENTIFY_GUARD (self), 0);

  if (!md_identify_guard_is_locked (self, now_us))
    return 0;

  remaining = self->locked_until - now_us;

  return (guint) ((remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

/* md-identify.h: a member identifies at the kiosk by customer number and date of birth
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "md-record.h"

G_BEGIN_DECLS

/* How the kiosk uses this:
 *
 *   1. Refuse input while md_identify_guard_is_locked().
 *   2. md_identify_customer_number() and md_identify_parse_date() read what
 *      the member typed. Badly typed input is said as such (see
 *      md_identify_parse_date_full() for the reason) and costs no attempt.
 *   3. Fetch the member's master data. md_identify_matches() compares it.
 *   4. A mismatch, and equally an unknown customer number, is one
 *      md_identify_guard_record_failure() with the same message for both,
 *      so that the form never tells which numbers exist; a match is
 *      md_identify_guard_record_success(). */

/* Reads a date of birth as people type it, day first:
 *
 *   24.12.1990   24. 12. 1990   4.7.1985   24/12/1990   24-12-1990
 *   24 12 1990   24121990       1990-12-24 19901224
 *
 * Leading and trailing spaces are ignored, leading zeros are optional, the
 * two separators must be alike. A first group of four digits is a year and
 * then the order is year, month, day (ISO 8601). Otherwise the day comes
 * first, also with slashes: 01/02/1990 is the 1st of February, as in most
 * of Europe. Eight digits in a row are YYYYMMDD when only the first four
 * read as a year from 1900 to now, DDMMYYYY otherwise (both can never be
 * valid dates). Two-digit years are refused: 1.1.20 may be 1920 or 2020,
 * and a wrong guess would cost the member an attempt. Years run from 1900;
 * dates after today are refused.
 *
 * On success sets @out (when not NULL) and returns TRUE; otherwise returns
 * FALSE and leaves @out cleared (invalid). */
gboolean  md_identify_parse_date        (const char   *typed,
                                         GDate        *out);
/* The same; on failure @message (when not NULL) receives a translated
 * sentence for the member saying what to fix: a missing date, the format,
 * a two-digit year, a day not in the calendar, a year before 1900, a date
 * in the future. NULL on success. */
gboolean  md_identify_parse_date_full   (const char   *typed,
                                         GDate        *out,
                                         char        **message);

/* Reads a customer number: 1 to 15 digits, spaces anywhere ignored, not 0.
 * On success sets @out (when not NULL) and returns TRUE. */
gboolean  md_identify_customer_number   (const char   *typed,
                                         gint64       *out);

/* TRUE only when @master, a record of MD_DOMAIN_MASTER, has a dateOfBirth
 * (ISO 8601 "YYYY-MM-DD" as the API sends it, optionally followed by a time
 * part "T...", which is ignored) equal to @date_of_birth. A missing, empty
 * or unreadable date in the record gives FALSE: such a member cannot
 * identify at the kiosk. */
gboolean  md_identify_matches           (MdRecord     *master,
                                         const GDate  *date_of_birth);

/* Failed attempts before the first lock. */
#define MD_IDENTIFY_DEFAULT_MAX_ATTEMPTS  5
/* The first lock lasts this long; each failure after it doubles the next,
 * up to the cap. In microseconds, like g_get_monotonic_time(). */
#define MD_IDENTIFY_LOCK_US               (30 * G_USEC_PER_SEC)
#define MD_IDENTIFY_MAX_LOCK_US           (15 * 60 * G_USEC_PER_SEC)

#define MD_TYPE_IDENTIFY_GUARD (md_identify_guard_get_type ())

G_DECLARE_FINAL_TYPE (MdIdentifyGuard, md_identify_guard, MD, IDENTIFY_GUARD, GObject)

/* Limits guessing: counts failed attempts since the last success. The
 * first @max_attempts - 1 failures only count. The @max_attempts-th locks
 * for MD_IDENTIFY_LOCK_US, and every failure after that, once the lock has
 * run out, locks again for twice as long as the lock before (30 s, 60 s,
 * 120 s, ... up to MD_IDENTIFY_MAX_LOCK_US with the defaults). A success
 * forgets everything.
 *
 * Keep one guard for the whole kiosk, not per member or customer number,
 * and do not reset it when the idle timeout wipes the member: otherwise
 * waiting or switching numbers would undo the lock. The same class can
 * limit staff PIN attempts.
 *
 * Times are monotonic microseconds (g_get_monotonic_time()), passed in so
 * that the guard never reads a clock itself.
 *
 * Properties, notified on change for binding: "failures" (guint) and
 * "locked-until" (gint64); "max-attempts" (guint, construct-only). */
MdIdentifyGuard *md_identify_guard_new                (guint            max_attempts);

guint            md_identify_guard_get_max_attempts   (MdIdentifyGuard *self);
/* Failed attempts counted since the last success. */
guint            md_identify_guard_get_failures       (MdIdentifyGuard *self);

/* Counts a failed attempt at @now_us. A failure while locked is not counted
 * (the form refuses input then; a late answer must not lengthen the lock).
 * Returns TRUE when the guard is locked at @now_us afterwards. */
gboolean         md_identify_guard_record_failure     (MdIdentifyGuard *self,
                                                       gint64           now_us);
/* Resets the count and lifts any lock. */
void             md_identify_guard_record_success     (MdIdentifyGuard *self);

/* When the current or last lock ends: 0 if there was none since the last
 * success. A time before now means the lock has run out; the guard does not
 * clear it because it has no clock. Use md_identify_guard_is_locked(). */
gint64           md_identify_guard_locked_until       (MdIdentifyGuard *self);
gboolean         md_identify_guard_is_locked          (MdIdentifyGuard *self,
                                                       gint64           now_us);
/* Whole seconds until the lock ends, rounded up, for "Try again in %u
 * seconds"; 0 when not locked at @now_us. */
guint            md_identify_guard_get_wait_seconds   (MdIdentifyGuard *self,
                                                       gint64           now_us);

G_END_DECLS

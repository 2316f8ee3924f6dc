/* md-own-changes.h: tells the webhook echo of our own saves from others' changes
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A change the studio applies at once comes back as a CUSTOMER_UPDATED
 * webhook, like anyone else's. The page that saved reads its domain again
 * anyway, so the echo need not read all four. No event says whose change
 * it was; its timestamp, by the server's clock, falls between the save
 * going out and its answer coming back. Clocks differ, so the window is
 * widened by MD_OWN_CHANGES_CLOCK_SLACK on both sides, and each save
 * claims one event at most: a change of someone else's in that window
 * that takes the claim leaves the echo to read everything. Only a merged
 * delivery (several events) or an echo that never comes can hide a change,
 * until the next read. */

#define MD_OWN_CHANGES_CLOCK_SLACK_MS (5 * 1000)
/* How long an applied save waits for its echo. */
#define MD_OWN_CHANGES_WAIT_MS        (2 * 60 * 1000)
#define MD_OWN_CHANGES_MAX            16

typedef enum
{
  MD_ECHO_FOREIGN, /* someone else's change, or nobody can tell: read everything */
  MD_ECHO_OWN,     /* the echo of one of our saves: nothing to read */
  MD_ECHO_WAIT,    /* may be the echo of a save still waiting for its answer */
} MdEchoVerdict;

#define MD_TYPE_OWN_CHANGES (md_own_changes_get_type ())

G_DECLARE_FINAL_TYPE (MdOwnChanges, md_own_changes, MD, OWN_CHANGES, GObject)

MdOwnChanges  *md_own_changes_new       (void);

/* Times are ms since the epoch by this machine's clock; the result is a
 * token for md_own_changes_answered(), never 0. */
guint          md_own_changes_sent      (MdOwnChanges *self,
                                         gint64        now_ms);
/* @applied: the server applied the change at once (an echo will come). */
void           md_own_changes_answered  (MdOwnChanges *self,
                                         guint         token,
                                         gboolean      applied,
                                         gint64        now_ms);
/* @timestamp: the event's, by the server's clock, 0 if unknown;
 * @deliveries: how many events were merged into it. An OWN verdict uses
 * up the save it matched. */
MdEchoVerdict  md_own_changes_judge     (MdOwnChanges *self,
                                         gint64        timestamp,
                                         guint         deliveries,
                                         gint64        now_ms);
gboolean       md_own_changes_in_flight (MdOwnChanges *self);
void           md_own_changes_clear     (MdOwnChanges *self);

G_END_DECLS

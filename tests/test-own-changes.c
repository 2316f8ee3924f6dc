/* test-own-changes.c: telling the webhook echo of our own saves from others' changes
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "md-own-changes.h"

#define SLACK MD_OWN_CHANGES_CLOCK_SLACK_MS
/* Some time in 2026, in ms since the epoch. */
#define T0    G_GINT64_CONSTANT (1790000000000)

/* A save that went out at @sent and was applied at @answered. */
static MdOwnChanges *
new_with_applied (gint64 sent,
                  gint64 answered)
{
  MdOwnChanges *changes = md_own_changes_new ();
  guint token = md_own_changes_sent (changes, sent);

  g_assert_cmpuint (token, !=, 0);
  g_assert_true (md_own_changes_in_flight (changes));
  md_own_changes_answered (changes, token, TRUE, answered);
  g_assert_false (md_own_changes_in_flight (changes));

  return changes;
}

static void
test_nothing_saved (void)
{
  g_autoptr(MdOwnChanges) changes = md_own_changes_new ();

  g_assert_false (md_own_changes_in_flight (changes));
  g_assert_cmpint (md_own_changes_judge (changes, T0, 1, T0), ==, MD_ECHO_FOREIGN);
}

/* One echo per save; the second event of the same time is someone else's. */
static void
test_echo_claimed_once (void)
{
  g_autoptr(MdOwnChanges) changes = new_with_applied (T0, T0 + 200);

  g_assert_cmpint (md_own_changes_judge (changes, T0 + 100, 1, T0 + 300), ==, MD_ECHO_OWN);
  g_assert_cmpint (md_own_changes_judge (changes, T0 + 100, 1, T0 + 300), ==, MD_ECHO_FOREIGN);
}

/* The window is [sent - slack, answered + slack], edges included. */
static void
test_window_edges (void)
{
  static const struct
  {
    gint64        timestamp;
    MdEchoVerdict verdict;
  } cases[] = {
    { T0 - SLACK - 1, MD_ECHO_FOREIGN },
    { T0 - SLACK, MD_ECHO_OWN },
    { T0 + 150, MD_ECHO_OWN },
    { T0 + 300 + SLACK, MD_ECHO_OWN },
    { T0 + 300 + SLACK + 1, MD_ECHO_FOREIGN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MdOwnChanges) changes = new_with_applied (T0, T0 + 300);

      g_test_message ("timestamp T0%+" G_GINT64_FORMAT, cases[i].timestamp - T0);
      g_assert_cmpint (md_own_changes_judge (changes, cases[i].timestamp, 1, T0 + 400), ==,
                       cases[i].verdict);
    }
}

/* Merged deliveries and events without a time cannot be told apart: they
 * are read for, and the save keeps its claim. */
static void
test_unknowable (void)
{
  g_autoptr(MdOwnChanges) changes = new_with_applied (T0, T0 + 200);

  g_assert_cmpint (md_own_changes_judge (changes, T0 + 100, 2, T0 + 300), ==, MD_ECHO_FOREIGN);
  g_assert_cmpint (md_own_changes_judge (changes, 0, 1, T0 + 300), ==, MD_ECHO_FOREIGN);
  g_assert_cmpint (md_own_changes_judge (changes, -1, 1, T0 + 300), ==, MD_ECHO_FOREIGN);
  g_assert_cmpint (md_own_changes_judge (changes, T0 + 100, 0, T0 + 300), ==, MD_ECHO_FOREIGN);
  g_assert_cmpint (md_own_changes_judge (changes, T0 + 100, 1, T0 + 300), ==, MD_ECHO_OWN);
}

/* An event while the save is out waits for its answer. */
static void
test_in_flight (void)
{
  g_autoptr(MdOwnChanges) changes = md_own_changes_new ();
  guint applied = md_own_changes_sent (changes, T0);

  g_assert_cmpint (md_own_changes_judge (changes, T0 + 50, 1, T0 + 60), ==, MD_ECHO_WAIT);
  /* Older than the save: no need to wait. */
  g_assert_cmpint (md_own_changes_judge (changes, T0 - SLACK - 1, 1, T0 + 60), ==,
                   MD_ECHO_FOREIGN);
  md_own_changes_answered (changes, applied, TRUE, T0 + 80);
  g_assert_cmpint (md_own_changes_judge (changes, T0 + 50, 1, T0 + 90), ==, MD_ECHO_OWN);

  /* A change queued for approval, or refused, sends no echo of ours. */
  {
    guint queued = md_own_changes_sent (changes, T0 + 1000);

    g_assert_cmpuint (queued, !=, applied);
    g_assert_cmpint (md_own_changes_judge (changes, T0 + 1050, 1, T0 + 1060), ==, MD_ECHO_WAIT);
    md_own_changes_answered (changes, queued, FALSE, T0 + 1080);
    g_assert_false (md_own_changes_in_flight (changes));
    g_assert_cmpint (md_own_changes_judge (changes, T0 + 1050, 1, T0 + 1090), ==,
                     MD_ECHO_FOREIGN);
  }
}

/* Two saves, two echoes; tokens of forgotten saves do nothing. */
static void
test_two_saves (void)
{
  g_autoptr(MdOwnChanges) changes = md_own_changes_new ();
  guint first = md_own_changes_sent (changes, T0);
  guint second = md_own_changes_sent (changes, T0 + 10);

  md_own_changes_answered (changes, second, TRUE, T0 + 100);
  g_assert_true (md_own_changes_in_flight (changes));
  md_own_changes_answered (changes, first, TRUE, T0 + 120);
  md_own_changes_answered (changes, first, FALSE, T0 + 130);
  md_own_changes_answered (changes, 12345, FALSE, T0 + 130);

  g_assert_cmpint (md_own_changes_judge (changes, T0 + 50, 1, T0 + 200), ==, MD_ECHO_OWN);
  g_assert_cmpint (md_own_changes_judge (changes, T0 + 60, 1, T0 + 200), ==, MD_ECHO_OWN);
  g_assert_cmpint (md_own_changes_judge (changes, T0 + 70, 1, T0 + 200), ==, MD_ECHO_FOREIGN);
}

/* An echo that never came stops matching after a while. */
static void
test_expiry (void)
{
  g_autoptr(MdOwnChanges) changes = new_with_applied (T0, T0 + 100);
  gint64 last = T0 + 100 + MD_OWN_CHANGES_WAIT_MS;

  g_assert_cmpint (md_own_changes_judge (changes, T0 + 50, 1, last + 1), ==, MD_ECHO_FOREIGN);

  g_clear_object (&changes);
  changes = new_with_applied (T0, T0 + 100);
  g_assert_cmpint (md_own_changes_judge (changes, T0 + 50, 1, last), ==, MD_ECHO_OWN);
}

/* Saves beyond MD_OWN_CHANGES_MAX push out the oldest. */
static void
test_bounded (void)
{
  g_autoptr(MdOwnChanges) changes = md_own_changes_new ();
  guint tokens[MD_OWN_CHANGES_MAX + 1];

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    tokens[i] = md_own_changes_sent (changes, T0 + i * 100000);
  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    md_own_changes_answered (changes, tokens[i], TRUE, T0 + i * 100000 + 10);

  /* The first one's echo is no longer known; the second one's is. */
  g_assert_cmpint (md_own_changes_judge (changes, T0 + 5, 1, T0 + 100), ==, MD_ECHO_FOREIGN);
  g_assert_cmpint (md_own_changes_judge (changes, T0 + 100005, 1, T0 + 100100), ==, MD_ECHO_OWN);
}

static void
test_clear (void)
{
  g_autoptr(MdOwnChanges) changes = new_with_applied (T0, T0 + 100);

  md_own_changes_sent (changes, T0 + 200);
  md_own_changes_clear (changes);
  g_assert_false (md_own_changes_in_flight (changes));
  g_assert_cmpint (md_own_changes_judge (changes, T0 + 50, 1, T0 + 300), ==, MD_ECHO_FOREIGN);
  g_assert_cmpint (md_own_changes_judge (changes, T0 + 250, 1, T0 + 300), ==, MD_ECHO_FOREIGN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/own-changes/nothing-saved", test_nothing_saved);
  g_test_add_func ("/own-changes/echo-claimed-once", test_echo_claimed_once);
  g_test_add_func ("/own-changes/window-edges", test_window_edges);
  g_test_add_func ("/own-changes/unknowable", test_unknowable);
  g_test_add_func ("/own-changes/in-flight", test_in_flight);
  g_test_add_func ("/own-changes/two-saves", test_two_saves);
  g_test_add_func ("/own-changes/expiry", test_expiry);
  g_test_add_func ("/own-changes/bounded", test_bounded);
  g_test_add_func ("/own-changes/clear", test_clear);

  return g_test_run ();
}

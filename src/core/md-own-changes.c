/* md-own-changes.c: tells the webhook echo of our own saves from others' changes
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-own-changes.h"

typedef struct
{
  guint  token;
  gint64 sent_ms;
  gint64 answered_ms; /* 0 while in flight */
} Save;

struct _MdOwnChanges
{
  GObject  parent_instance;

  GArray  *saves;     /* Save, oldest first: in flight, or applied and not echoed yet */
  guint    last_token;
};

G_DEFINE_FINAL_TYPE (MdOwnChanges, md_own_changes, G_TYPE_OBJECT)

static void
md_own_changes_finalize (GObject *object)
{
  MdOwnChanges *self = MD_OWN_CHANGES (object);

  g_clear_pointer (&self->saves, g_array_unref);

  G_OBJECT_CLASS (md_own_changes_parent_class)->finalize (object);
}

static void
md_own_changes_class_init (MdOwnChangesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = md_own_changes_finalize;
}

static void
md_own_changes_init (MdOwnChanges *self)
{
  self->saves = g_array_new (FALSE, FALSE, sizeof (Save));
}

MdOwnChanges *
md_own_changes_new (void)
{
  return g_object_new (MD_TYPE_OWN_CHANGES, NULL);
}

static Save *
save_at (MdOwnChanges *self,
         guint         index)
{
  return &g_array_index (self->saves, Save, index);
}

/* Forgets applied saves whose echo is overdue. */
static void
expire (MdOwnChanges *self,
        gint64        now_ms)
{
  for (guint i = self->saves->len; i > 0; i--)
    {
      Save *save = save_at (self, i - 1);

      if (save->answered_ms != 0 && now_ms - save->answered_ms > MD_OWN_CHANGES_WAIT_MS)
        g_array_remove_index (self->saves, i - 1);
    }
}

guint
md_own_changes_sent (MdOwnChanges *self,
                     gint64        now_ms)
{
  Save save = { 0 };

  g_return_val_if_fail (MD_IS_OWN_CHANGES (self), 0);

  /* A page saves once at a time: this many can only be forgotten ones. */
  if (self->saves->len >= MD_OWN_CHANGES_MAX)
    g_array_remove_index (self->saves, 0);

  self->last_token = MAX (self->last_token + 1, 1);
  save.token = self->last_token;
  save.sent_ms = now_ms;
  g_array_append_val (self->saves, save);

  return save.token;
}

void
md_own_changes_answered (MdOwnChanges *self,
                         guint         token,
                         gboolean      applied,
                         gint64        now_ms)
{
  g_return_if_fail (MD_IS_OWN_CHANGES (self));

  for (guint i = 0; i < self->saves->len; i++)
    {
      Save *save = save_at (self, i);

      if (save->token != token || save->answered_ms != 0)
        continue;

      if (applied)
        save->answered_ms = MAX (now_ms, 1);
      else
        g_array_remove_index (self->saves, i);
      return;
    }
}

MdEchoVerdict
md_own_changes_judge (MdOwnChanges *self,
                      gint64        timestamp,
                      guint         deliveries,
                      gint64        now_ms)
{
  gboolean maybe_in_flight = FALSE;

  g_return_val_if_fail (MD_IS_OWN_CHANGES (self), MD_ECHO_FOREIGN);

  if (timestamp <= 0 || deliveries != 1)
    return MD_ECHO_FOREIGN;

  expire (self, now_ms);

  for (guint i = 0; i < self->saves->len; i++)
    {
      Save *save = save_at (self, i);

      /* Before the save went out: someone else's. */
      if (timestamp < save->sent_ms - MD_OWN_CHANGES_CLOCK_SLACK_MS)
        continue;

      if (save->answered_ms == 0)
        {
          maybe_in_flight = TRUE;
          continue;
        }

      if (timestamp <= save->answered_ms + MD_OWN_CHANGES_CLOCK_SLACK_MS)
        {
          g_array_remove_index (self->saves, i);
          return MD_ECHO_OWN;
        }
    }

  return maybe_in_flight ? MD_ECHO_WAIT : MD_ECHO_FOREIGN;
}

gboolean
md_own_changes_in_flight (MdOwnChanges *self)
{
  g_return_val_if_fail (MD_IS_OWN_CHANGES (self), FALSE);

  for (guint i = 0; i < self->saves->len; i++)
    {
      if (save_at (self, i)->answered_ms == 0)
        return TRUE;
    }

  return FALSE;
}

void
md_own_changes_clear (MdOwnChanges *self)
{
  g_return_if_fail (MD_IS_OWN_CHANGES (self));

  g_array_set_size (self->saves, 0);
}

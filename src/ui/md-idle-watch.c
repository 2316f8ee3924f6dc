/* md-idle-watch.c: notices when nobody has touched a window for a while
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-idle-watch.h"

/* Often enough for a countdown in whole seconds that never skips one. */
#define TICK_MS 250

struct _MdIdleWatch
{
  GObject             parent_instance;

  GtkWindow          *window;      /* weak */
  GtkEventController *controller;
  guint               timeout_seconds;
  gint64              deadline;    /* monotonic µs; 0: not running */
  guint               tick_id;
  int                 shown;       /* the last countdown said, -1: none */
};

G_DEFINE_FINAL_TYPE (MdIdleWatch, md_idle_watch, G_TYPE_OBJECT)

enum
{
  COUNTDOWN,
  EXPIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_countdown (MdIdleWatch *self,
                int          seconds)
{
  if (seconds == self->shown)
    return;

  self->shown = seconds;
  g_signal_emit (self, signals[COUNTDOWN], 0, seconds);
}

static gboolean
tick_cb (gpointer user_data)
{
  MdIdleWatch *self = MD_IDLE_WATCH (user_data);
  gint64 left = self->deadline - g_get_monotonic_time ();

  if (left <= 0)
    {
      self->tick_id = 0;
      md_idle_watch_stop (self);
      g_signal_emit (self, signals[EXPIRED], 0);
      return G_SOURCE_REMOVE;
    }

  if (left <= MD_IDLE_WATCH_COUNTDOWN * G_USEC_PER_SEC)
    show_countdown (self, (int) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
  else
    show_countdown (self, -1);

  return G_SOURCE_CONTINUE;
}

static gboolean
event_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          MdIdleWatch              *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      md_idle_watch_poke (self);
      break;

    default:
      break;
    }

  /* Only watching: the event goes on to its widget. */
  return GDK_EVENT_PROPAGATE;
}

static void
md_idle_watch_dispose (GObject *object)
{
  MdIdleWatch *self = MD_IDLE_WATCH (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->window != NULL)
    {
      gtk_widget_remove_controller (GTK_WIDGET (self->window), self->controller);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }

  G_OBJECT_CLASS (md_idle_watch_parent_class)->dispose (object);
}

static void
md_idle_watch_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MdIdleWatch *self = MD_IDLE_WATCH (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_seconds);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_idle_watch_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MdIdleWatch *self = MD_IDLE_WATCH (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      md_idle_watch_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_idle_watch_class_init (MdIdleWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = md_idle_watch_dispose;
  object_class->get_property = md_idle_watch_get_property;
  object_class->set_property = md_idle_watch_set_property;

  /**
   * MdIdleWatch:timeout:
   *
   * Seconds without input before ::expired.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXUINT, 120,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MdIdleWatch::countdown:
   * @seconds: seconds left, or -1 when no countdown is due (any more)
   */
  signals[COUNTDOWN] = g_signal_new ("countdown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * MdIdleWatch::expired:
   *
   * Nobody touched the window for the whole timeout; the watch stopped.
   */
  signals[EXPIRED] = g_signal_new ("expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
md_idle_watch_init (MdIdleWatch *self)
{
  self->timeout_seconds = 120;
  self->shown = -1;
}

MdIdleWatch *
md_idle_watch_new (GtkWindow *window)
{
  MdIdleWatch *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  self = g_object_new (MD_TYPE_IDLE_WATCH, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);

  /* Before any widget sees the event, so a widget that stops it still
   * counts as input. */
  self->controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (self->controller, GTK_PHASE_CAPTURE);
  g_signal_connect (self->controller, "event", G_CALLBACK (event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (window), self->controller);

  return self;
}

void
md_idle_watch_set_timeout (MdIdleWatch *self,
                           guint        seconds)
{
  g_return_if_fail (MD_IS_IDLE_WATCH (self));

  seconds = MAX (seconds, 1);
  if (self->timeout_seconds == seconds)
    return;

  self->timeout_seconds = seconds;
  if (md_idle_watch_is_running (self))
    md_idle_watch_poke (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
md_idle_watch_start (MdIdleWatch *self)
{
  g_return_if_fail (MD_IS_IDLE_WATCH (self));

  self->deadline = g_get_monotonic_time () + (gint64) self->timeout_seconds * G_USEC_PER_SEC;
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  tick_cb (self);
}

void
md_idle_watch_stop (MdIdleWatch *self)
{
  g_return_if_fail (MD_IS_IDLE_WATCH (self));

  self->deadline = 0;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  show_countdown (self, -1);
}

gboolean
md_idle_watch_is_running (MdIdleWatch *self)
{
  g_return_val_if_fail (MD_IS_IDLE_WATCH (self), FALSE);

  return self->deadline != 0;
}

void
md_idle_watch_poke (MdIdleWatch *self)
{
  g_return_if_fail (MD_IS_IDLE_WATCH (self));

  if (md_idle_watch_is_running (self))
    md_idle_watch_start (self);
}

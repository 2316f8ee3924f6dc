/* md-signature-pad.c: a pad to sign on with mouse, finger or pen
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input becomes strokes in the signature's own coordinates; the screen is
 * always painted from them, so a resize, a scale change or a theme change
 * redraws the same signature, never a stretched or stale bitmap.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-signature-pad.h"

/* The line to sign on, as a share of the pad's height. */
#define BASELINE 0.72
#define BASELINE_INSET 24.0

struct _MdSignaturePad
{
  GtkWidget        parent_instance;

  MdSignature     *signature;
  double           scale;     /* signature units to screen */
  double           offset_x;
  double           offset_y;
  double           drag_x;    /* where the drag began, in area coordinates */
  double           drag_y;

  GtkOverlay      *overlay;
  GtkDrawingArea  *area;
  GtkLabel        *hint_label;
};

G_DEFINE_FINAL_TYPE (MdSignaturePad, md_signature_pad, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SIGNATURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_pen (GtkGesture *gesture)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  GdkDeviceTool *tool = event != NULL ? gdk_event_get_device_tool (event) : NULL;

  if (tool == NULL)
    return FALSE;

  switch (gdk_device_tool_get_tool_type (tool))
    {
    case GDK_DEVICE_TOOL_TYPE_PEN:
    case GDK_DEVICE_TOOL_TYPE_ERASER:
    case GDK_DEVICE_TOOL_TYPE_BRUSH:
    case GDK_DEVICE_TOOL_TYPE_PENCIL:
    case GDK_DEVICE_TOOL_TYPE_AIRBRUSH:
      return TRUE;

    case GDK_DEVICE_TOOL_TYPE_UNKNOWN:
    case GDK_DEVICE_TOOL_TYPE_MOUSE:
    case GDK_DEVICE_TOOL_TYPE_LENS:
    default:
      return FALSE;
    }
}

static void
update_transform (MdSignaturePad *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self->area));
  double height = gtk_widget_get_height (GTK_WIDGET (self->area));
  double sw, sh;

  if (width < 1 || height < 1)
    return;

  /* An empty pad takes the shape it is shown in; a signed one keeps its
   * own and is scaled to fit, never stretched or cut. */
  if (md_signature_is_empty (self->signature))
    md_signature_set_size (self->signature, width, height);

  sw = md_signature_get_width (self->signature);
  sh = md_signature_get_height (self->signature);
  self->scale = MIN (width / sw, height / sh);
  self->offset_x = (width - sw * self->scale) / 2;
  self->offset_y = (height - sh * self->scale) / 2;
}

void
md_signature_pad_to_signature (MdSignaturePad *self,
                               double          x,
                               double          y,
                               double         *sx,
                               double         *sy)
{
  g_return_if_fail (MD_IS_SIGNATURE_PAD (self));

  update_transform (self);
  *sx = (x - self->offset_x) / self->scale;
  *sy = (y - self->offset_y) / self->scale;
}

static MdInkPoint
ink_point (MdSignaturePad *self,
           double          x,
           double          y,
           guint32         time,
           double          pressure)
{
  MdInkPoint point = { 0, 0, time, pressure };

  md_signature_pad_to_signature (self, x, y, &point.x, &point.y);
  return point;
}

static guint32
event_time (GtkGesture *gesture)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));

  return event != NULL ? gdk_event_get_time (event) : (guint32) (g_get_monotonic_time () / 1000);
}

/* Mouse and touch */

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               MdSignaturePad *self)
{
  MdInkPoint point;

  /* A pen has a gesture of its own, with pressure. */
  if (is_pen (GTK_GESTURE (gesture)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self->area));
  self->drag_x = x;
  self->drag_y = y;
  point = ink_point (self, x, y, event_time (GTK_GESTURE (gesture)), -1);
  md_signature_begin_stroke (self->signature, &point);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                MdSignaturePad *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  double x0 = self->drag_x, y0 = self->drag_y, ex, ey;
  GdkTimeCoord *history = NULL;
  guint n_history = 0;
  MdInkPoint point;

  if (!md_signature_is_drawing (self->signature))
    return;

  /* The motions GTK folded into this one, so a fast stroke keeps its
   * curves; they come in surface coordinates. */
  if (event != NULL && gdk_event_get_position (event, &ex, &ey))
    history = gdk_event_get_history (event, &n_history);

  for (guint i = 0; i < n_history; i++)
    {
      if (!(history[i].flags & GDK_AXIS_FLAG_X) || !(history[i].flags & GDK_AXIS_FLAG_Y))
        continue;

      point = ink_point (self,
                         history[i].axes[GDK_AXIS_X] - ex + x0 + dx,
                         history[i].axes[GDK_AXIS_Y] - ey + y0 + dy,
                         history[i].time, -1);
      md_signature_add_point (self->signature, &point);
    }
  g_free (history);

  point = ink_point (self, x0 + dx, y0 + dy, event_time (GTK_GESTURE (gesture)), -1);
  md_signature_add_point (self->signature, &point);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             MdSignaturePad *self)
{
  if (!md_signature_is_drawing (self->signature))
    return;

  md_signature_end_stroke (self->signature);
}

static void
cancel_cb (GtkGesture       *gesture,
           GdkEventSequence *sequence,
           MdSignaturePad   *self)
{
  /* Another widget took the input: what was drawn so far stays. */
  md_signature_end_stroke (self->signature);
}

/* Pens */

static double
stylus_pressure (GtkGestureStylus *gesture)
{
  double pressure;

  if (gtk_gesture_stylus_get_axis (gesture, GDK_AXIS_PRESSURE, &pressure))
    return CLAMP (pressure, 0.0, 1.0);

  return -1;
}

static void
stylus_down_cb (GtkGestureStylus *gesture,
                double            x,
                double            y,
                MdSignaturePad   *self)
{
  MdInkPoint point = ink_point (self, x, y, event_time (GTK_GESTURE (gesture)),
                                stylus_pressure (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self->area));
  md_signature_begin_stroke (self->signature, &point);
}

static void
stylus_motion_cb (GtkGestureStylus *gesture,
                  double            x,
                  double            y,
                  MdSignaturePad   *self)
{
  g_autofree GdkTimeCoord *backlog = NULL;
  guint n_backlog = 0;
  MdInkPoint point;

  if (!md_signature_is_drawing (self->signature))
    return;

  /* The backlog is in widget coordinates already. */
  if (gtk_gesture_stylus_get_backlog (gesture, &backlog, &n_backlog))
    {
      for (guint i = 0; i < n_backlog; i++)
        {
          double pressure = (backlog[i].flags & GDK_AXIS_FLAG_PRESSURE) != 0
                            ? backlog[i].axes[GDK_AXIS_PRESSURE] : -1;

          point = ink_point (self, backlog[i].axes[GDK_AXIS_X], backlog[i].axes[GDK_AXIS_Y],
                             backlog[i].time, pressure);
          md_signature_add_point (self->signature, &point);
        }
    }

  point = ink_point (self, x, y, event_time (GTK_GESTURE (gesture)), stylus_pressure (gesture));
  md_signature_add_point (self->signature, &point);
}

static void
stylus_up_cb (GtkGestureStylus *gesture,
              double            x,
              double            y,
              MdSignaturePad   *self)
{
  md_signature_end_stroke (self->signature);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  MdSignaturePad *self = MD_SIGNATURE_PAD (user_data);
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (area));
  double sw, sh, y, inset;
  GdkRGBA ink;

  update_transform (self);
  sw = md_signature_get_width (self->signature);
  sh = md_signature_get_height (self->signature);

  /* The ink takes the theme's text colour: dark on light, light on dark. */
  gtk_style_context_get_color (context, &ink);

  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->scale, self->scale);

  /* The line to sign on, with a cross where the signature starts. */
  y = round (sh * BASELINE) + 0.5 / self->scale;
  inset = MIN (BASELINE_INSET, sw / 10);
  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, ink.alpha * 0.3);
  cairo_set_line_width (cr, 1.0 / self->scale);
  cairo_move_to (cr, inset, y);
  cairo_line_to (cr, sw - inset, y);
  cairo_move_to (cr, inset, y - 14);
  cairo_line_to (cr, inset + 8, y - 6);
  cairo_move_to (cr, inset + 8, y - 14);
  cairo_line_to (cr, inset, y - 6);
  cairo_stroke (cr);

  gdk_cairo_set_source_rgba (cr, &ink);
  md_signature_paint (self->signature, cr);
}

static void
update_description (MdSignaturePad *self)
{
  guint n = md_signature_get_n_strokes (self->signature);
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("Empty"));
  else
    text = g_strdup_printf (ngettext ("%u stroke", "%u strokes", n), n);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
signature_changed_cb (MdSignature    *signature,
                      MdSignaturePad *self)
{
  gboolean empty = md_signature_is_empty (signature);

  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), empty);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));

  /* The description changes with the number of strokes only, not with
   * every point. */
  if (!md_signature_is_drawing (signature))
    update_description (self);
}

static void
md_signature_pad_dispose (GObject *object)
{
  MdSignaturePad *self = MD_SIGNATURE_PAD (object);

  if (self->signature != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->signature, self);
      md_signature_clear (self->signature);
    }
  g_clear_object (&self->signature);

  gtk_widget_dispose_template (GTK_WIDGET (object), MD_TYPE_SIGNATURE_PAD);

  G_OBJECT_CLASS (md_signature_pad_parent_class)->dispose (object);
}

static void
md_signature_pad_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MdSignaturePad *self = MD_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_SIGNATURE:
      g_value_set_object (value, self->signature);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_signature_pad_class_init (MdSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_signature_pad_dispose;
  object_class->get_property = md_signature_pad_get_property;

  properties[PROP_SIGNATURE] =
    g_param_spec_object ("signature", NULL, NULL, MD_TYPE_SIGNATURE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/memberdesk/MemberDesk/ui/md-signature-pad.ui");
  gtk_widget_class_bind_template_child (widget_class, MdSignaturePad, overlay);
  gtk_widget_class_bind_template_child (widget_class, MdSignaturePad, area);
  gtk_widget_class_bind_template_child (widget_class, MdSignaturePad, hint_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "signaturepad");
}

static void
md_signature_pad_init (MdSignaturePad *self)
{
  GtkGesture *drag, *stylus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->scale = 1;
  self->signature = md_signature_new (560, 200);
  g_signal_connect (self->signature, "changed", G_CALLBACK (signature_changed_cb), self);

  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);

  /* One sequence at a time: a resting palm or a second finger is not a
   * second stroke. */
  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (drag), FALSE);
  gtk_gesture_single_set_exclusive (GTK_GESTURE_SINGLE (drag), TRUE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (drag));

  stylus = gtk_gesture_stylus_new ();
  g_signal_connect (stylus, "down", G_CALLBACK (stylus_down_cb), self);
  g_signal_connect (stylus, "motion", G_CALLBACK (stylus_motion_cb), self);
  g_signal_connect (stylus, "up", G_CALLBACK (stylus_up_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (stylus));

  update_description (self);
}

GtkWidget *
md_signature_pad_new (void)
{
  return g_object_new (MD_TYPE_SIGNATURE_PAD, NULL);
}

MdSignature *
md_signature_pad_get_signature (MdSignaturePad *self)
{
  g_return_val_if_fail (MD_IS_SIGNATURE_PAD (self), NULL);

  return self->signature;
}

GtkWidget *
md_signature_pad_get_area (MdSignaturePad *self)
{
  g_return_val_if_fail (MD_IS_SIGNATURE_PAD (self), NULL);

  return GTK_WIDGET (self->area);
}

/* md-studio-inbox.c: the demo user plays the studio and decides on changes
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-studio-inbox.h"

struct _MdStudioInbox
{
  AdwWindow     parent_instance;

  MdDemoServer *server;
  gulong        pending_changed_id;

  GtkStack     *stack;
  GtkListBox   *list_box;
  /* The rows and their buttons by widget name, to find focus again. */
  GHashTable   *named;        /* char * (owned) -> GtkWidget * */
};

enum {
  PROP_0,
  PROP_SERVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MdStudioInbox, md_studio_inbox, ADW_TYPE_WINDOW)

/* The row holding the focus, or NULL. */
static GtkWidget *
focused_row (MdStudioInbox *self,
             GtkWidget    **out_focus)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row;

  if (focus == NULL)
    return NULL;

  row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->list_box))
    return NULL;

  *out_focus = focus;
  return row;
}

/* Names @widget and remembers it under that name. */
static void
set_name (MdStudioInbox *self,
          GtkWidget     *widget,
          const char    *prefix,
          gint64         amendment_id)
{
  char *name = g_strdup_printf ("%s-%" G_GINT64_FORMAT, prefix, amendment_id);

  gtk_widget_set_name (widget, name);
  g_hash_table_replace (self->named, name, widget);
}

static GtkWidget *
new_decision_button (MdStudioInbox       *self,
                     const char          *label,
                     const char          *style_class,
                     const char          *action_name,
                     const char          *widget_prefix,
                     const char          *description,
                     const MdDemoPending *pending)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  set_name (self, button, widget_prefix, pending->amendment_id);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, style_class);
  gtk_widget_set_tooltip_text (button, description);
  /* Every row has the same two buttons: the name says which change. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xx)",
                                    pending->customer_id, pending->amendment_id);

  return button;
}

static GtkWidget *
new_row (MdStudioInbox       *self,
         const MdDemoPending *pending)
{
  const MdDomainInfo *info = md_domain_get_info (pending->domain);
  const char *domain_title = _(info->title);
  const char *name = pending->customer_name;
  g_autofree char *fallback_name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *approve_text = NULL;
  g_autofree char *reject_text = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (name == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, pending->customer_id);

      /* Translators: a member whose name is unknown; %s is the customer number */
      name = fallback_name = g_strdup_printf (_("Member %s"), number);
    }

  /* Translators: the member's name, then the page changed, e.g. "Anna Schmidt · Address" */
  title = g_strdup_printf (_("%s · %s"), name, domain_title);

  if (pending->summary == NULL)
    subtitle = g_strdup (_("The changed fields are not known"));
  else if (*pending->summary == '\0')
    subtitle = g_strdup (_("Nothing differs from the current values"));
  else
    /* Translators: %s lists the changed fields, e.g. "Street, City" */
    subtitle = g_strdup_printf (_("Changes: %s"), pending->summary);

  /* Translators: the member's name, then the page changed, e.g. "Address" */
  approve_text = g_strdup_printf (_("Approve the change for %s (%s)"), name, domain_title);
  /* Translators: the member's name, then the page changed, e.g. "Address" */
  reject_text = g_strdup_printf (_("Reject the change for %s (%s)"), name, domain_title);

  set_name (self, row, "pending", pending->amendment_id);
  /* A name may hold an ampersand. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* The affirmative button last, as in any GNOME dialog. */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_decision_button (self, _("Reject"), "destructive-action",
                                                  "inbox.reject", "reject", reject_text,
                                                  pending));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_decision_button (self, _("Approve"), "suggested-action",
                                                  "inbox.approve", "approve", approve_text,
                                                  pending));

  return row;
}

static void
rebuild (MdStudioInbox *self)
{
  g_autoptr(GPtrArray) pending = md_demo_server_list_pending (self->server);
  g_autofree char *focus_name = NULL;
  GtkWidget *focus = NULL;
  GtkWidget *focus_row;
  GtkListBoxRow *row;
  int focus_index = -1;

  focus_row = focused_row (self, &focus);
  if (focus_row != NULL)
    {
      focus_name = g_strdup (gtk_widget_get_name (focus));
      focus_index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focus_row));
    }

  g_hash_table_remove_all (self->named);
  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (row));

  for (guint i = 0; i < pending->len; i++)
    gtk_list_box_append (self->list_box, new_row (self, g_ptr_array_index (pending, i)));

  gtk_stack_set_visible_child_name (self->stack, pending->len > 0 ? "list" : "empty");

  /* Keyboard users stay where they were; when their row went away, they
   * go on with the one that took its place. */
  if (focus_index >= 0 && pending->len > 0)
    {
      focus = g_hash_table_lookup (self->named, focus_name);
      if (focus == NULL)
        focus = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box,
                                                           MIN ((guint) focus_index,
                                                                pending->len - 1)));
      gtk_widget_grab_focus (focus);
    }
}

static void
pending_changed_cb (MdDemoServer  *server,
                    MdStudioInbox *self)
{
  rebuild (self);
}

static void
decide_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdStudioInbox *self = MD_STUDIO_INBOX (widget);
  gboolean approve = g_str_equal (action_name, "inbox.approve");
  gint64 customer_id, amendment_id;
  gboolean settled;

  g_variant_get (parameter, "(xx)", &customer_id, &amendment_id);

  /* The row goes away through ::pending-changed. */
  if (approve)
    settled = md_demo_server_approve (self->server, customer_id, amendment_id);
  else
    settled = md_demo_server_reject (self->server, customer_id, amendment_id);

  if (!settled)
    {
      g_debug ("amendment %" G_GINT64_FORMAT " no longer waits", amendment_id);
      rebuild (self);
    }
}

static void
md_studio_inbox_constructed (GObject *object)
{
  MdStudioInbox *self = MD_STUDIO_INBOX (object);

  G_OBJECT_CLASS (md_studio_inbox_parent_class)->constructed (object);

  g_assert (MD_IS_DEMO_SERVER (self->server));

  self->pending_changed_id = g_signal_connect (self->server, "pending-changed",
                                               G_CALLBACK (pending_changed_cb), self);
  rebuild (self);
}

static void
md_studio_inbox_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MdStudioInbox *self = MD_STUDIO_INBOX (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_object (value, self->server);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_studio_inbox_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MdStudioInbox *self = MD_STUDIO_INBOX (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      self->server = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
md_studio_inbox_dispose (GObject *object)
{
  MdStudioInbox *self = MD_STUDIO_INBOX (object);

  if (self->server != NULL)
    g_clear_signal_handler (&self->pending_changed_id, self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->named, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), MD_TYPE_STUDIO_INBOX);

  G_OBJECT_CLASS (md_studio_inbox_parent_class)->dispose (object);
}

static void
md_studio_inbox_class_init (MdStudioInboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = md_studio_inbox_constructed;
  object_class->get_property = md_studio_inbox_get_property;
  object_class->set_property = md_studio_inbox_set_property;
  object_class->dispose = md_studio_inbox_dispose;

  properties[PROP_SERVER] =
    g_param_spec_object ("server", NULL, NULL,
                         MD_TYPE_DEMO_SERVER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/memberdesk/MemberDesk/ui/md-studio-inbox.ui");
  gtk_widget_class_bind_template_child (widget_class, MdStudioInbox, stack);
  gtk_widget_class_bind_template_child (widget_class, MdStudioInbox, list_box);

  gtk_widget_class_install_action (widget_class, "inbox.approve", "(xx)", decide_activated);
  gtk_widget_class_install_action (widget_class, "inbox.reject", "(xx)", decide_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
md_studio_inbox_init (MdStudioInbox *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

MdStudioInbox *
md_studio_inbox_new (MdDemoServer *server)
{
  g_return_val_if_fail (MD_IS_DEMO_SERVER (server), NULL);

  return g_object_new (MD_TYPE_STUDIO_INBOX, "server", server, NULL);
}

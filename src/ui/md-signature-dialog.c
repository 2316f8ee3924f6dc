/* md-signature-dialog.c: the member signs a change of bank details
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-signature-dialog.h"
#include "md-validate.h"

struct _MdSignatureDialog
{
  AdwWindow       parent_instance;

  gboolean        busy;

  AdwActionRow   *holder_row;
  AdwActionRow   *iban_row;
  AdwActionRow   *studio_row;
  AdwActionRow   *date_row;
  GtkLabel       *mandate_label;
  MdSignaturePad *pad;
  GtkLabel       *quality_label;
  GtkLabel       *error_label;
  GtkSpinner     *busy_spinner;
};

G_DEFINE_FINAL_TYPE (MdSignatureDialog, md_signature_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
quality_hint (MdSignatureQuality quality)
{
  switch (quality)
    {
    case MD_SIGNATURE_QUALITY_EMPTY:
      return _("Sign above the line with your mouse, finger or pen.");
    case MD_SIGNATURE_QUALITY_TOO_SMALL:
      return _("Your signature is very small. Sign across the line, as on paper.");
    case MD_SIGNATURE_QUALITY_TOO_SHORT:
      return _("That looks too short for a signature. Sign your name in full.");
    case MD_SIGNATURE_QUALITY_OK:
    default:
      return _("Check the details above, then send the change with your signature.");
    }
}

static void
update_actions (MdSignatureDialog *self)
{
  MdSignature *signature = md_signature_pad_get_signature (self->pad);
  MdSignatureQuality quality = md_signature_check (signature);

  gtk_label_set_label (self->quality_label, quality_hint (quality));
  gtk_widget_set_sensitive (GTK_WIDGET (self->pad), !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature.sign",
                                 !self->busy && !md_signature_is_drawing (signature) &&
                                 quality == MD_SIGNATURE_QUALITY_OK);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature.undo",
                                 !self->busy && !md_signature_is_empty (signature));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature.clear",
                                 !self->busy && !md_signature_is_empty (signature));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature.cancel", !self->busy);
}

static void
signature_changed_cb (MdSignature       *signature,
                      MdSignatureDialog *self)
{
  if (md_signature_is_drawing (signature))
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_actions (self);
}

static void
sign_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdSignatureDialog *self = MD_SIGNATURE_DIALOG (widget);
  MdSignature *signature = md_signature_pad_get_signature (self->pad);
  char *base64;

  if (self->busy || md_signature_check (signature) != MD_SIGNATURE_QUALITY_OK)
    return;

  base64 = md_signature_to_base64 (signature);
  g_signal_emit (self, signals[SIGNED], 0, base64);
  md_signature_free_text (base64);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdSignatureDialog *self = MD_SIGNATURE_DIALOG (widget);

  md_signature_undo (md_signature_pad_get_signature (self->pad));
}

static void
clear_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MdSignatureDialog *self = MD_SIGNATURE_DIALOG (widget);

  md_signature_clear (md_signature_pad_get_signature (self->pad));
}

static gboolean
md_signature_dialog_close_request (GtkWindow *window)
{
  MdSignatureDialog *self = MD_SIGNATURE_DIALOG (window);

  /* The change is on its way; the answer decides what happens next. */
  if (self->busy)
    return TRUE;

  /* Nothing of the signature outlives the dialog. */
  md_signature_clear (md_signature_pad_get_signature (self->pad));

  return GTK_WINDOW_CLASS (md_signature_dialog_parent_class)->close_request (window);
}

static void
md_signature_dialog_dispose (GObject *object)
{
  MdSignatureDialog *self = MD_SIGNATURE_DIALOG (object);

  if (self->pad != NULL)
    g_signal_handlers_disconnect_by_data (md_signature_pad_get_signature (self->pad), self);

  gtk_widget_dispose_template (GTK_WIDGET (object), MD_TYPE_SIGNATURE_DIALOG);

  G_OBJECT_CLASS (md_signature_dialog_parent_class)->dispose (object);
}

static void
md_signature_dialog_class_init (MdSignatureDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = md_signature_dialog_dispose;
  window_class->close_request = md_signature_dialog_close_request;

  /**
   * MdSignatureDialog::signed:
   * @base64: the signature as base64 SVG; valid during the emission only
   *
   * The member signed and chose to send the change.
   */
  signals[SIGNED] = g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (MD_TYPE_SIGNATURE_PAD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/memberdesk/MemberDesk/ui/md-signature-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MdSignatureDialog, holder_row);
  gtk_widget_class_bind_template_child (widget_class, MdSignatureDialog, iban_row);
  gtk_widget_class_bind_template_child (widget_class, MdSignatureDialog, studio_row);
  gtk_widget_class_bind_template_child (widget_class, MdSignatureDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, MdSignatureDialog, mandate_label);
  gtk_widget_class_bind_template_child (widget_class, MdSignatureDialog, pad);
  gtk_widget_class_bind_template_child (widget_class, MdSignatureDialog, quality_label);
  gtk_widget_class_bind_template_child (widget_class, MdSignatureDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, MdSignatureDialog, busy_spinner);

  gtk_widget_class_install_action (widget_class, "signature.sign", NULL, sign_activated);
  gtk_widget_class_install_action (widget_class, "signature.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "signature.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "signature.clear", NULL, clear_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "signature.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "signature.undo", NULL);
}

static void
md_signature_dialog_init (MdSignatureDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (md_signature_pad_get_signature (self->pad), "changed",
                    G_CALLBACK (signature_changed_cb), self);
  update_actions (self);
}

MdSignatureDialog *
md_signature_dialog_new (GtkWindow  *parent,
                         const char *account_holder,
                         const char *iban,
                         const char *studio)
{
  MdSignatureDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *masked = md_iban_mask (iban);
  /* The day in the user's own order and month name, as on a paper form. */
  g_autofree char *date = g_date_time_format (now, C_("signature date", "%e %B %Y"));
  g_autofree char *mandate = NULL;

  self = g_object_new (MD_TYPE_SIGNATURE_DIALOG, "transient-for", parent, NULL);

  adw_action_row_set_subtitle (self->holder_row, account_holder != NULL ? account_holder : "");
  adw_action_row_set_subtitle (self->iban_row, masked != NULL ? masked : "");
  adw_action_row_set_subtitle (self->studio_row, studio);
  adw_action_row_set_subtitle (self->date_row, date);

  /* Translators: the direct debit mandate the member signs; %s is the studio. */
  mandate = g_strdup_printf (_("I authorise %s to collect the payments due under my membership "
                               "from the account above by direct debit, and I instruct my bank "
                               "to pay them. This replaces my earlier bank details."),
                             studio);
  gtk_label_set_label (self->mandate_label, mandate);

  return self;
}

MdSignaturePad *
md_signature_dialog_get_pad (MdSignatureDialog *self)
{
  g_return_val_if_fail (MD_IS_SIGNATURE_DIALOG (self), NULL);

  return self->pad;
}

void
md_signature_dialog_set_busy (MdSignatureDialog *self,
                              gboolean           busy)
{
  g_return_if_fail (MD_IS_SIGNATURE_DIALOG (self));

  self->busy = !!busy;
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), self->busy);
  gtk_spinner_set_spinning (self->busy_spinner, self->busy);
  update_actions (self);
}

void
md_signature_dialog_show_error (MdSignatureDialog *self,
                                const char        *message)
{
  g_return_if_fail (MD_IS_SIGNATURE_DIALOG (self));
  g_return_if_fail (message != NULL);

  md_signature_dialog_set_busy (self, FALSE);
  md_signature_clear (md_signature_pad_get_signature (self->pad));

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (md_signature_pad_get_area (self->pad)),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

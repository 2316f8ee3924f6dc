/* md-window.c: the main window
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "md-connect-page.h"
#include "md-demo-seed.h"
#include "md-domain-page.h"
#include "md-identify.h"
#include "md-key-file-store.h"
#include "md-identify-page.h"
#include "md-idle-watch.h"
#include "md-own-changes.h"
#include "md-pin.h"
#include "md-preferences-window.h"
#include "md-studio-inbox.h"
#include "md-webhook-receiver.h"
#include "md-window.h"

/* Seconds between two reads of waiting changes when the window keeps
 * getting the focus back. */
#define MIN_FOCUS_READ_GAP 5

/* Wrong staff PINs before the PIN dialog locks for a while. */
#define MAX_PIN_ATTEMPTS 5

struct _MdWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  MdClient             *client;
  gboolean              demo;
  gint64                customer_id;
  gint64                requested_customer;   /* to open once connected */
  MdConnectPage        *connect_page;
  MdDomainPage         *pages[MD_N_DOMAINS];

  /* Kiosk mode: members identify, and an idle or finished session is
   * wiped. Staff functions need the PIN; a correct PIN lets exactly one
   * action through. */
  gboolean              kiosk;
  MdIdentifyPage       *identify_page;
  MdIdleWatch          *idle;
  MdIdentifyGuard      *pin_guard;
  char                 *staff_pass;
  GPtrArray            *toasts;        /* AdwToast: shown and not yet dismissed */
  GPtrArray            *demo_rows;     /* unowned: the demo members' rows */

  /* Decisions on waiting changes: webhooks when there is a receiver, else
   * a slow poll that backs off while nothing changes. */
  MdWebhookReceiver    *receiver;
  GCancellable         *webhook_cancellable;  /* looking up the webhook key */
  guint                 poll_id;
  guint                 poll_seconds;
  gint64                pending_read_at;      /* monotonic µs of the last poll */
  /* Our own saves, whose webhook echo needs no reading. */
  MdOwnChanges         *own_changes;
  guint                 save_tokens[MD_N_DOMAINS];
  gint64                held_update;          /* an update's timestamp, waiting on a save */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwBin               *welcome_bin;
  AdwBin               *connect_bin;
  AdwBin               *identify_bin;
  GtkRevealer          *countdown_revealer;
  GtkLabel             *countdown_label;
  GtkWidget            *done_button;
  GtkWidget            *desk_menu_button;
  GMenuModel           *primary_menu;
  AdwHeaderBar         *desk_header;
  GtkStack             *desk_stack;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwStatusPage        *empty_page;
  GtkLabel             *member_label;
  AdwPreferencesGroup  *demo_members;
  gboolean              demo_members_built;
  gboolean              demo_members_waiting;
  GtkEntry             *member_entry;
  GtkLabel             *demo_badge;
};

G_DEFINE_FINAL_TYPE (MdWindow, md_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const page_icons[MD_N_DOMAINS] = {
  "call-start-symbolic",
  "mark-location-symbolic",
  "avatar-default-symbolic",
  "md-bank-card-symbolic",
};

static void
toast_dismissed (AdwToast *toast,
                 MdWindow *self)
{
  /* Toasts still showing are dismissed as the window goes. */
  if (self->toasts != NULL)
    g_ptr_array_remove (self->toasts, toast);
}

/* @button_label and @action_name may be NULL. */
static void
show_toast_with_button (MdWindow   *self,
                        const char *message,
                        const char *button_label,
                        const char *action_name)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, action_name);
  /* Kept track of, so that ending a kiosk session takes them away too. */
  g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_toast (MdWindow   *self,
            const char *message)
{
  show_toast_with_button (self, message, NULL, NULL);
}

static void
set_entry_error (MdWindow   *self,
                 const char *message)
{
  GtkWidget *entry = GTK_WIDGET (self->member_entry);

  if (message != NULL)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");

  gtk_entry_set_icon_from_icon_name (self->member_entry, GTK_ENTRY_ICON_SECONDARY,
                                     message != NULL ? "dialog-warning-symbolic" : NULL);
  gtk_entry_set_icon_tooltip_text (self->member_entry, GTK_ENTRY_ICON_SECONDARY, message);
  gtk_widget_set_tooltip_text (entry, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message != NULL ? message : "",
                                  -1);
}

/* The tabs make sense only with a member open. */
static void
update_switchers (MdWindow *self)
{
  gboolean open = self->customer_id != 0;

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, open);
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    open && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void schedule_poll   (MdWindow      *self,
                             gboolean       reset);
static void drop_focus      (MdWindow      *self);
static MdSecretStore *secret_store (MdWindow *self);
static void on_page_outcome (MdDomainPage  *page,
                             MdOutcomeKind  kind,
                             const char    *message,
                             MdWindow      *self);
static void on_save_started (MdDomainPage  *page,
                             MdWindow      *self);
static void on_save_finished (MdDomainPage *page,
                              gboolean      applied,
                              MdWindow     *self);

/* The pages and the connect page are made when first needed: the window
 * shows sooner. */
static void
ensure_pages (MdWindow *self)
{
  if (self->pages[0] != NULL)
    return;

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      const MdDomainInfo *info = md_domain_get_info (i);
      AdwViewStackPage *page;

      self->pages[i] = md_domain_page_new (i);
      md_domain_page_set_kiosk (self->pages[i], self->kiosk);
      page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->pages[i]),
                                        info->id, _(info->title));
      adw_view_stack_page_set_icon_name (page, page_icons[i]);
      g_signal_connect (self->pages[i], "outcome", G_CALLBACK (on_page_outcome), self);
      g_signal_connect (self->pages[i], "save-started", G_CALLBACK (on_save_started), self);
      g_signal_connect (self->pages[i], "save-finished", G_CALLBACK (on_save_finished), self);
    }
}

static void
forget_own_changes (MdWindow *self)
{
  if (self->own_changes != NULL)
    md_own_changes_clear (self->own_changes);
  memset (self->save_tokens, 0, sizeof self->save_tokens);
  self->held_update = 0;
}

static void
close_member (MdWindow *self)
{
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      if (self->pages[i] != NULL)
        md_domain_page_close (self->pages[i]);
    }
  forget_own_changes (self);

  self->customer_id = 0;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  adw_view_switcher_title_set_title (self->switcher_title, _("Member Desk"));
  adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Member Desk"));
  gtk_label_set_label (self->member_label, "");
  gtk_stack_set_visible_child_name (self->desk_stack, "empty");
  update_switchers (self);
}

/* The header names the member once the personal details are in. */
static void
update_title (MdWindow *self)
{
  MdAmendmentMachine *machine = self->pages[MD_DOMAIN_MASTER] != NULL
                               ? md_domain_page_get_machine (self->pages[MD_DOMAIN_MASTER]) : NULL;
  MdSnapshot *snapshot = machine != NULL ? md_amendment_machine_get_snapshot (machine) : NULL;
  g_autofree char *number = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;

  if (self->customer_id == 0)
    return;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, self->customer_id);
  /* Translators: the subtitle of an open member; %s is the customer number */
  subtitle = g_strdup_printf (_("Customer %s"), number);

  if (snapshot != NULL)
    {
      MdRecord *values = md_snapshot_get_values (snapshot);
      const char *title = md_record_get (values, "customerTitle");
      g_autofree char *shown_title = NULL;
      const MdDomainInfo *info = md_domain_get_info (MD_DOMAIN_MASTER);

      if (title != NULL && g_strcmp0 (title, "NONE") != 0)
        shown_title = md_field_format_value (&info->fields[md_domain_info_find_field (info, "customerTitle")],
                                             title);
      name = g_strjoin (" ",
                        shown_title != NULL ? shown_title : "",
                        md_record_get (values, "firstName") != NULL ? md_record_get (values, "firstName") : "",
                        md_record_get (values, "lastName") != NULL ? md_record_get (values, "lastName") : "",
                        NULL);
      g_strstrip (name);
    }

  if (name != NULL && *name != '\0')
    {
      g_autofree char *line = g_strdup_printf ("%s · %s", name, subtitle);

      adw_view_switcher_title_set_title (self->switcher_title, name);
      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
      gtk_window_set_title (GTK_WINDOW (self), name);
      gtk_label_set_label (self->member_label, line);
    }
  else
    {
      adw_view_switcher_title_set_title (self->switcher_title, subtitle);
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), subtitle);
      gtk_label_set_label (self->member_label, subtitle);
    }
}

static void
on_page_outcome (MdDomainPage  *page,
                 MdOutcomeKind  kind,
                 const char    *message,
                 MdWindow      *self)
{
  /* Something moved: the next poll comes soon again. */
  if (kind == MD_OUTCOME_QUEUED || kind == MD_OUTCOME_CONFLICT || kind == MD_OUTCOME_APPROVED ||
      kind == MD_OUTCOME_REJECTED || kind == MD_OUTCOME_DECIDED)
    schedule_poll (self, TRUE);

  switch (kind)
    {
    case MD_OUTCOME_MEMBER_GONE:
      {
        g_autofree char *number = NULL;
        g_autofree char *text = NULL;

        /* All four pages say so: one message is enough. */
        if (self->customer_id == 0)
          return;

        number = g_strdup_printf ("%" G_GINT64_FORMAT, self->customer_id);
        close_member (self);
        /* Translators: %s is the customer number the user typed */
        text = g_strdup_printf (_("No member with number %s"), number);
        set_entry_error (self, text);
        adw_status_page_set_title (self->empty_page, text);
        adw_status_page_set_description (self->empty_page,
                                         _("Check the number and try again."));
        show_toast (self, text);
      }
      break;

    case MD_OUTCOME_QUEUED:
      /* In the demo the user decides too: the toast leads to the inbox. */
      if (message != NULL && self->demo && !self->kiosk)
        show_toast_with_button (self, message, _("Studio _Inbox"), "win.studio-inbox");
      else if (message != NULL)
        show_toast (self, message);
      break;

    case MD_OUTCOME_APPLIED:
    case MD_OUTCOME_CONFLICT:
    case MD_OUTCOME_NOT_SENT:
    case MD_OUTCOME_WITHDRAWN:
    case MD_OUTCOME_WITHDRAW_GONE:
    case MD_OUTCOME_APPROVED:
    case MD_OUTCOME_REJECTED:
    case MD_OUTCOME_DECIDED:
    case MD_OUTCOME_REFUSED:
      if (message != NULL)
        show_toast (self, message);
      break;

    /* Said on the page, next to what it is about. */
    case MD_OUTCOME_NONE:
    case MD_OUTCOME_INVALID:
    case MD_OUTCOME_SUBMIT_FAILED:
    case MD_OUTCOME_UNCERTAIN:
    case MD_OUTCOME_WITHDRAW_FAILED:
    case MD_OUTCOME_REFRESH_FAILED:
    default:
      break;
    }
}

/* How the mandate a member signs names the studio: the Open API has no
 * studio name, so its address stands in. */
static char *
studio_name (MdWindow *self)
{
  const char *url = md_client_get_base_url (self->client);
  g_autoptr(GUri) uri = NULL;

  if (self->demo)
    return g_strdup (_("the Member Desk demo studio"));

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : url);
}

void
md_window_open_member (MdWindow *self,
                       gint64    customer_id)
{
  g_autofree char *studio = NULL;
  MdAmendmentMachine *master;

  g_return_if_fail (MD_IS_WINDOW (self));
  g_return_if_fail (customer_id > 0);

  /* Not connected yet (the key is still being read): right after. */
  if (self->client == NULL)
    {
      self->requested_customer = customer_id;
      return;
    }

  /* Opening another member cancels every load of the previous one. */
  close_member (self);
  set_entry_error (self, NULL);

  self->customer_id = customer_id;
  ensure_pages (self);
  studio = studio_name (self);
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      md_domain_page_set_studio (self->pages[i], studio);
      md_domain_page_open (self->pages[i], self->client, customer_id);
    }

  master = md_domain_page_get_machine (self->pages[MD_DOMAIN_MASTER]);
  g_signal_connect_object (master, "notify::state", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  update_title (self);
  update_switchers (self);
  schedule_poll (self, TRUE);

  gtk_stack_set_visible_child_name (self->desk_stack, "profile");
}

static void
on_member_entry_activate (GtkEntry *entry,
                          MdWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  gint64 id;

  if (*text == '\0')
    return;

  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      set_entry_error (self, _("A customer number is a whole number, like 1001"));
      return;
    }

  md_window_open_member (self, id);
}

static void
on_member_entry_changed (GtkEditable *editable,
                         MdWindow    *self)
{
  set_entry_error (self, NULL);
}

static void
on_demo_member_activated (AdwActionRow *row,
                          MdWindow     *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "md-customer-id"));
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  gtk_editable_set_text (GTK_EDITABLE (self->member_entry), text);
  md_window_open_member (self, id);
}

static void
fill_demo_members (MdWindow *self)
{
  const MdDemoMemberInfo *members;
  guint n_members;

  members = md_demo_seed_get_members (&n_members);
  for (guint i = 0; i < n_members; i++)
    {
      g_autofree char *title = g_strdup_printf ("%" G_GINT64_FORMAT " · %s",
                                                members[i].id, members[i].name);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(members[i].summary));
      /* Unbounded wrapping is measured again and again at start-up. */
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "md-customer-id", GSIZE_TO_POINTER (members[i].id));
      g_signal_connect (row, "activated", G_CALLBACK (on_demo_member_activated), self);
      adw_preferences_group_add (self->demo_members, row);
      g_ptr_array_add (self->demo_rows, row);
    }
}

/* A kiosk lists no members, not even sample ones. */
static void
clear_demo_members (MdWindow *self)
{
  /* Nor are they built later. */
  self->demo_members_built = TRUE;
  for (guint i = 0; i < self->demo_rows->len; i++)
    adw_preferences_group_remove (self->demo_members, self->demo_rows->pdata[i]);
  g_ptr_array_set_size (self->demo_rows, 0);
}

/* The demo members are the costliest part of the desk to lay out (every
 * wrapped label in a status page is measured again and again), so they are
 * built when first shown, and at start-up only once the window has painted
 * its first frame: the list follows a frame later. */
static void
update_demo_members (MdWindow *self)
{
  if (self->demo && !self->demo_members_built)
    {
      fill_demo_members (self);
      self->demo_members_built = TRUE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->demo_members), self->demo);
}

static void
on_first_frame_painted (GdkFrameClock *clock,
                        MdWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted, self);
  self->demo_members_waiting = FALSE;
  update_demo_members (self);
}

/* The studio's own messages come in the language chosen in Preferences,
 * or the interface's. */
static void
apply_server_language (MdWindow *self)
{
  g_autofree char *code = g_settings_get_string (self->settings, "server-language");
  g_autofree char *accept = NULL;

  if (self->client == NULL)
    return;

  if (*code == '\0')
    accept = md_accept_language_from_locale (g_get_language_names ());
  else
    accept = md_accept_language_from_locale ((const char * const[]) { code, NULL });
  md_client_set_accept_language (self->client, accept);
}

/* Live sync */

/* Pages with a change waiting: the only ones a poll reads. */
static guint
reload_pending_pages (MdWindow *self)
{
  guint n = 0;

  self->pending_read_at = g_get_monotonic_time ();

  for (guint i = 0; i < MD_N_DOMAINS && self->customer_id != 0; i++)
    {
      MdAmendmentMachine *machine = self->pages[i] != NULL
                                    ? md_domain_page_get_machine (self->pages[i]) : NULL;

      if (machine != NULL && md_amendment_machine_get_state (machine) == MD_STATE_PENDING)
        {
          md_domain_page_reload (self->pages[i]);
          n++;
        }
    }

  return n;
}

static gboolean
poll_cb (gpointer user_data)
{
  MdWindow *self = MD_WINDOW (user_data);

  self->poll_id = 0;
  reload_pending_pages (self);
  schedule_poll (self, FALSE);

  return G_SOURCE_REMOVE;
}

/* Without webhooks: every poll-interval seconds at first, twice as long
 * after each poll (up to ten times the interval); @reset starts over, as
 * after a change. */
static void
schedule_poll (MdWindow *self,
               gboolean  reset)
{
  guint base = g_settings_get_uint (self->settings, "poll-interval");

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->receiver != NULL || self->client == NULL || self->customer_id == 0)
    return;

  if (reset || self->poll_seconds == 0)
    self->poll_seconds = base;
  else
    self->poll_seconds = MIN (self->poll_seconds * 2, base * 10);

  self->poll_id = g_timeout_add_seconds (self->poll_seconds, poll_cb, self);
}

/* Back at the window: whatever waits may have been decided meanwhile.
 * Someone switching windows back and forth reads once per few seconds at
 * most, and webhooks make it unnecessary. */
static void
on_active_changed (MdWindow *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)) || self->receiver != NULL ||
      g_get_monotonic_time () - self->pending_read_at < MIN_FOCUS_READ_GAP * G_USEC_PER_SEC)
    return;

  if (reload_pending_pages (self) > 0)
    schedule_poll (self, TRUE);
}

/* A studio that deleted the member, or took away access to their data:
 * the profile closes and says why. */
static void
member_closed_by_studio (MdWindow           *self,
                         MdWebhookEventType  type)
{
  const char *title = _("Profile Closed");
  const char *text = type == MD_WEBHOOK_EVENT_CUSTOMER_DELETED
                     ? _("The studio deleted this member: their details can no longer be shown.")
                     : _("The studio turned off access to this member's details.");

  drop_focus (self);
  close_member (self);
  gtk_editable_set_text (GTK_EDITABLE (self->member_entry), "");
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, text);
  show_toast (self, text);
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* No event says what changed: every part is read again, unless the event
 * is the echo of our own save, whose page has read its part already. A
 * page keeps its unsent edits, and a page already reading reads once more
 * at most. */
static void
customer_updated (MdWindow *self,
                  gint64    timestamp,
                  guint     deliveries)
{
  /* A second event while one waits: no telling which is which. */
  if (self->held_update != 0)
    {
      self->held_update = 0;
      deliveries++;
    }

  switch (md_own_changes_judge (self->own_changes, timestamp, deliveries, now_ms ()))
    {
    case MD_ECHO_OWN:
      g_debug ("webhook: the echo of a change saved here");
      break;

    case MD_ECHO_WAIT:
      self->held_update = timestamp;
      break;

    case MD_ECHO_FOREIGN:
    default:
      for (guint i = 0; i < MD_N_DOMAINS; i++)
        md_domain_page_reload (self->pages[i]);
      break;
    }
}

static void
on_save_started (MdDomainPage *page,
                 MdWindow     *self)
{
  self->save_tokens[md_domain_page_get_domain (page)] = md_own_changes_sent (self->own_changes,
                                                                             now_ms ());
}

static void
on_save_finished (MdDomainPage *page,
                  gboolean      applied,
                  MdWindow     *self)
{
  MdDomain i = md_domain_page_get_domain (page);
  gint64 held = self->held_update;

  md_own_changes_answered (self->own_changes, self->save_tokens[i], applied, now_ms ());
  self->save_tokens[i] = 0;

  /* An update that came while the save was out is judged again. */
  if (held != 0)
    {
      self->held_update = 0;
      customer_updated (self, held, 1);
    }
}

static void
on_webhook_event (MdWebhookReceiver  *receiver,
                  gint64              customer_id,
                  MdWebhookEventType  type,
                  gint64              timestamp,
                  guint               deliveries,
                  MdWindow           *self)
{
  if (self->customer_id == 0 || customer_id != self->customer_id)
    return;

  switch (type)
    {
    case MD_WEBHOOK_EVENT_CUSTOMER_UPDATED:
      customer_updated (self, timestamp, deliveries);
      break;

    case MD_WEBHOOK_EVENT_CUSTOMER_DELETED:
    case MD_WEBHOOK_EVENT_CUSTOMER_ACCESS_DISABLED:
      member_closed_by_studio (self, type);
      break;

    default:
      break;
    }
}

static void
stop_webhooks (MdWindow *self)
{
  g_cancellable_cancel (self->webhook_cancellable);
  g_clear_object (&self->webhook_cancellable);

  if (self->receiver != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->receiver, on_webhook_event, self);
      md_webhook_receiver_stop (self->receiver);
      g_clear_object (&self->receiver);
    }
}

/* Webhooks replace the poll once the receiver listens. */
static gboolean
listen_for_webhooks (MdWindow    *self,
                     const char  *key,
                     const char  *address,
                     guint        port,
                     GError     **error)
{
  g_autoptr(MdWebhookReceiver) receiver = md_webhook_receiver_new (key);

  if (!md_webhook_receiver_listen (receiver, address, port, error))
    return FALSE;

  g_signal_connect (receiver, "event", G_CALLBACK (on_webhook_event), self);
  self->receiver = g_steal_pointer (&receiver);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  return TRUE;
}

/* The embedded demo studio is pointed at a receiver of its own, with a
 * key made up for this run. */
static void
start_demo_webhooks (MdWindow     *self,
                     MdDemoServer *server)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  stop_webhooks (self);
  if (!listen_for_webhooks (self, key, NULL, 0, &error))
    {
      /* Polling still tells the decisions, only later. */
      g_debug ("demo webhooks off: %s", error->message);
      md_demo_server_set_webhook (server, NULL, NULL);
      schedule_poll (self, TRUE);
      return;
    }

  url = md_webhook_receiver_get_url (self->receiver);
  md_demo_server_set_webhook (server, url, key);
}

static void
webhooks_off (MdWindow     *self,
              const GError *error)
{
  g_autofree char *text = NULL;

  /* Translators: %s says why, e.g. that the port is in use */
  text = g_strdup_printf (_("Webhooks are off, changes are checked every few minutes instead: %s"),
                          error->message);
  show_toast (self, text);
  schedule_poll (self, TRUE);
}

static void
on_webhook_key (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = md_secret_store_lookup_finish (MD_SECRET_STORE (source), result, &error);
  g_autofree char *address = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->webhook_cancellable);
  if (key == NULL || *key == '\0')
    {
      g_autoptr(GError) missing = NULL;

      if (error == NULL)
        missing = g_error_new_literal (MD_SECRET_ERROR, MD_SECRET_ERROR_FAILED,
                                       _("no webhook key is saved for this studio (Preferences)"));
      webhooks_off (self, error != NULL ? error : missing);
      return;
    }

  address = g_settings_get_string (self->settings, "webhook-address");
  if (!listen_for_webhooks (self, key, address, g_settings_get_uint (self->settings, "webhook-port"),
                            &error))
    webhooks_off (self, error);
}

/* A real studio: webhooks only when a port is set, with the key from the
 * secret store. */
static void
start_studio_webhooks (MdWindow *self)
{
  MdSecretStore *store = secret_store (self);

  stop_webhooks (self);
  if (self->client == NULL || self->demo ||
      g_settings_get_uint (self->settings, "webhook-port") == 0)
    {
      schedule_poll (self, TRUE);
      return;
    }

  if (store == NULL)
    return;

  self->webhook_cancellable = g_cancellable_new ();
  md_secret_store_lookup_async (store, md_client_get_base_url (self->client),
                                MD_SECRET_WEBHOOK_KEY, self->webhook_cancellable,
                                on_webhook_key, g_object_ref (self));
}

static void
on_webhook_settings_changed (MdWindow *self)
{
  if (!self->demo)
    start_studio_webhooks (self);
}

/* Kiosk mode */

/* Focus leaves a page before the page leaves the screen: a text field
 * that is hidden while focused never hears that it lost the focus. */
static void
drop_focus (MdWindow *self)
{
  gtk_root_set_focus (GTK_ROOT (self), NULL);
}

static void
on_identified (MdIdentifyPage *page,
               gint64          customer_id,
               MdWindow       *self)
{
  drop_focus (self);
  md_window_open_member (self, customer_id);
  gtk_stack_set_visible_child_name (self->main_stack, "desk");
  md_idle_watch_start (self->idle);
}

static void
ensure_identify_page (MdWindow *self)
{
  if (self->identify_page != NULL)
    return;

  self->identify_page = md_identify_page_new ();
  adw_bin_set_child (self->identify_bin, GTK_WIDGET (self->identify_page));
  g_signal_connect (self->identify_page, "identified", G_CALLBACK (on_identified), self);
}

static void
show_identify (MdWindow *self)
{
  ensure_identify_page (self);
  md_identify_page_set_client (self->identify_page, self->client);
  gtk_stack_set_visible_child_name (self->main_stack, "identify");
  md_identify_page_focus (self->identify_page);
}

/* Text this process put on a clipboard goes with the member. */
static void
clear_own_clipboards (MdWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkClipboard *clipboards[] = {
    gdk_display_get_clipboard (display),
    gdk_display_get_primary_clipboard (display),
  };

  for (guint i = 0; i < G_N_ELEMENTS (clipboards); i++)
    {
      if (gdk_clipboard_is_local (clipboards[i]))
        gdk_clipboard_set_content (clipboards[i], NULL);
    }
}

void
md_window_end_session (MdWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (MD_IS_WINDOW (self));

  if (self->idle != NULL)
    md_idle_watch_stop (self->idle);
  drop_focus (self);
  close_member (self);

  /* Dialogs about the member (withdraw, signature) and anything else this
   * window opened. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WINDOW (self) && gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        g_ptr_array_add (others, g_steal_pointer (&window));
    }
  for (guint i = 0; i < others->len; i++)
    gtk_window_destroy (others->pdata[i]);

  while (self->toasts->len > 0)
    {
      g_autoptr(AdwToast) toast = g_object_ref (self->toasts->pdata[0]);

      g_ptr_array_remove_index (self->toasts, 0);
      adw_toast_dismiss (toast);
    }

  clear_own_clipboards (self);
  gtk_editable_set_text (GTK_EDITABLE (self->member_entry), "");
  set_entry_error (self, NULL);
  adw_status_page_set_title (self->empty_page, _("Open a Member"));
  adw_status_page_set_description (self->empty_page, NULL);

  /* A kiosk shows members nothing else, connected or not (yet). */
  if (self->kiosk)
    show_identify (self);
}

static void
on_countdown (MdIdleWatch *idle,
              int          seconds,
              MdWindow    *self)
{
  if (seconds >= 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (ngettext ("For your privacy, this session ends in %d second. "
                                        "Touch the screen or press a key to stay.",
                                        "For your privacy, this session ends in %d seconds. "
                                        "Touch the screen or press a key to stay.",
                                        seconds),
                              seconds);
      gtk_label_set_label (self->countdown_label, text);
    }

  gtk_revealer_set_reveal_child (self->countdown_revealer, seconds >= 0);
}

static void
on_idle_expired (MdIdleWatch *idle,
                 MdWindow    *self)
{
  md_window_end_session (self);
}

static void
done_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  md_window_end_session (MD_WINDOW (widget));
}

static void
stay_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdWindow *self = MD_WINDOW (widget);

  if (self->idle != NULL)
    md_idle_watch_poke (self->idle);
}

static void
on_pin_response (AdwMessageDialog *dialog,
                 const char       *response,
                 MdWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *pin = g_strdup (gtk_editable_get_text (entry));
  g_autofree char *hash = NULL;
  const char *action = g_object_get_data (G_OBJECT (dialog), "md-action");
  gboolean ok;

  /* The PIN leaves the entry at once; the accessibility bus must not
   * keep reading it. */
  gtk_editable_set_text (entry, "");

  if (g_strcmp0 (response, "unlock") != 0)
    return;

  hash = g_settings_get_string (self->settings, "staff-pin-hash");
  ok = md_pin_verify (pin, hash);
  memset (pin, 0, strlen (pin));

  if (!ok)
    {
      md_identify_guard_record_failure (self->pin_guard, g_get_monotonic_time ());
      show_toast (self, _("Wrong staff PIN"));
      return;
    }

  md_identify_guard_record_success (self->pin_guard);
  g_free (self->staff_pass);
  self->staff_pass = g_strdup (action);
  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

gboolean
md_window_staff_allowed (MdWindow   *self,
                         const char *action)
{
  g_autofree char *hash = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (MD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (!self->kiosk)
    return TRUE;

  /* The one action the PIN was entered for. */
  if (g_strcmp0 (self->staff_pass, action) == 0)
    {
      g_clear_pointer (&self->staff_pass, g_free);
      return TRUE;
    }

  hash = g_settings_get_string (self->settings, "staff-pin-hash");
  if (*hash == '\0')
    {
      show_toast (self, _("No staff PIN is set. Start Member Desk without kiosk mode and set "
                          "one in Preferences."));
      return FALSE;
    }

  if (md_identify_guard_is_locked (self->pin_guard, g_get_monotonic_time ()))
    {
      show_toast (self, _("Too many wrong PINs. Try again later."));
      return FALSE;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Staff PIN"),
                                                       _("Enter the staff PIN to continue.")));
  /* A plain entry showing dots: GTK 4.8's password entry can outlive its
   * signal handlers when its dialog goes while another window opens. */
  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "staff-pin-entry");
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PIN);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Staff PIN"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "unlock", _("_Unlock"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "unlock", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "unlock");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "md-action", g_strdup (action), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_pin_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);

  return FALSE;
}

static void
on_staff_choice (AdwMessageDialog *dialog,
                 const char       *response,
                 MdWindow         *self)
{
  static const struct
  {
    const char *response;
    const char *action;
  } choices[] = {
    { "preferences", "win.preferences" },
    { "studio", "win.show-welcome" },
    { "quit", "app.quit" },
  };

  /* The PIN was given for the staff dialog: its choice goes through. */
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      if (g_str_equal (response, choices[i].response))
        {
          g_free (self->staff_pass);
          self->staff_pass = g_strdup (choices[i].action);
          gtk_widget_activate_action (GTK_WIDGET (self), choices[i].action, NULL);
        }
    }
}

/* What staff can do at a kiosk, once they gave the PIN. */
static void
staff_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MdWindow *self = MD_WINDOW (widget);
  AdwMessageDialog *dialog;

  if (!md_window_staff_allowed (self, "win.staff"))
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Staff"), NULL));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "studio", _("Change _Studio"),
                                    "preferences", _("_Preferences"),
                                    "quit", _("_Quit Member Desk"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "quit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_staff_choice), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
md_window_close_request (GtkWindow *window)
{
  MdWindow *self = MD_WINDOW (window);

  /* A kiosk is closed by staff only. */
  if (self->kiosk && !md_window_staff_allowed (self, "app.quit"))
    return TRUE;

  return GTK_WINDOW_CLASS (md_window_parent_class)->close_request (window);
}

void
md_window_set_kiosk (MdWindow *self,
                     gboolean  kiosk)
{
  g_return_if_fail (MD_IS_WINDOW (self));

  self->kiosk = !!kiosk;

  gtk_widget_set_visible (GTK_WIDGET (self->member_entry), !self->kiosk);
  gtk_widget_set_visible (self->desk_menu_button, !self->kiosk);
  gtk_widget_set_visible (self->done_button, self->kiosk);
  adw_header_bar_set_show_end_title_buttons (self->desk_header, !self->kiosk);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-member", !self->kiosk);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.done", self->kiosk);

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      if (self->pages[i] != NULL)
        md_domain_page_set_kiosk (self->pages[i], self->kiosk);
    }

  if (self->kiosk)
    {
      /* Only a kiosk watches every event for signs of life. */
      if (self->idle == NULL)
        {
          self->idle = md_idle_watch_new (GTK_WINDOW (self));
          g_settings_bind (self->settings, "kiosk-idle-timeout", self->idle, "timeout",
                           G_SETTINGS_BIND_GET);
          g_signal_connect (self->idle, "countdown", G_CALLBACK (on_countdown), self);
          g_signal_connect (self->idle, "expired", G_CALLBACK (on_idle_expired), self);
        }
      clear_demo_members (self);
      gtk_window_fullscreen (GTK_WINDOW (self));
      md_window_end_session (self);
    }
  else if (self->idle != NULL)
    {
      md_idle_watch_stop (self->idle);
    }
}

gboolean
md_window_get_kiosk (MdWindow *self)
{
  g_return_val_if_fail (MD_IS_WINDOW (self), FALSE);

  return self->kiosk;
}

void
md_window_use_client (MdWindow *self,
                      MdClient *client,
                      gboolean  demo)
{
  g_return_if_fail (MD_IS_WINDOW (self));
  g_return_if_fail (MD_IS_CLIENT (client));

  close_member (self);
  g_set_object (&self->client, client);
  self->demo = demo;
  apply_server_language (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.studio-inbox", demo && !self->kiosk);
  if (demo)
    stop_webhooks (self);
  else
    start_studio_webhooks (self);

  gtk_widget_set_visible (GTK_WIDGET (self->demo_badge), demo);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_demo_members (self);
  else
    self->demo_members_waiting = TRUE;
  adw_status_page_set_title (self->empty_page, _("Open a Member"));
  adw_status_page_set_description (self->empty_page,
                                   demo ? _("Type a customer number in the box at the top left, "
                                            "or pick one of the demo members.")
                                        : _("Type a customer number in the box at the top left "
                                            "and press Enter."));

  if (self->kiosk)
    {
      show_identify (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "desk");
  gtk_widget_grab_focus (GTK_WIDGET (self->member_entry));

  if (self->requested_customer > 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, self->requested_customer);

      gtk_editable_set_text (GTK_EDITABLE (self->member_entry), text);
      md_window_open_member (self, self->requested_customer);
      self->requested_customer = 0;
    }
}

static void
demo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdWindow *self = MD_WINDOW (widget);
  MdApplication *app = MD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(MdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!md_application_start_demo (app, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The demo studio could not start: %s"),
                                               error->message);

      show_toast (self, text);
      return;
    }

  url = md_demo_server_get_base_url (md_application_get_demo_server (app));
  client = md_client_new (url, "demo-key", &error);
  if (client == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  md_window_use_client (self, client, TRUE);
  start_demo_webhooks (self, md_application_get_demo_server (app));
}

/* Demo mode only: the user plays the studio's staff too. */
static void
studio_inbox_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MdWindow *self = MD_WINDOW (widget);
  MdApplication *app = MD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  MdDemoServer *server = md_application_get_demo_server (app);
  MdStudioInbox *inbox;

  if (!self->demo || server == NULL)
    return;

  inbox = md_studio_inbox_new (server);
  gtk_window_set_transient_for (GTK_WINDOW (inbox), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (inbox));
}

static MdSecretStore *
secret_store (MdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return MD_IS_APPLICATION (app) ? md_application_get_secret_store (MD_APPLICATION (app)) : NULL;
}

/* A key that cannot be kept, or read back, is said in a dialog with the
 * way out (unlocking the keyring, or a key file the administrator sets
 * up), never in silence. */
static void
explain_secret_error (MdWindow     *self,
                      const char   *heading,
                      const GError *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, error->message));
  gtk_widget_set_name (GTK_WIDGET (dialog), "secret-error-dialog");
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_key_stored (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (md_secret_store_store_finish (MD_SECRET_STORE (source), result, &error))
    show_toast (self, _("The key is kept in the password store"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    explain_secret_error (self, _("The Key Could Not Be Saved"), error);
}

/* The address goes into the settings, the key into the secret store, and
 * only if the user wants them remembered. */
static void
on_connected (MdConnectPage *page,
              MdClient      *client,
              MdWindow      *self)
{
  MdSecretStore *store = secret_store (self);

  if (g_settings_get_boolean (self->settings, "remember-base-url"))
    {
      g_settings_set_string (self->settings, "base-url", md_client_get_base_url (client));
      if (store != NULL && md_client_get_api_key (client) != NULL)
        md_secret_store_store_async (store, md_client_get_base_url (client), MD_SECRET_API_KEY,
                                     md_client_get_api_key (client), NULL, on_key_stored,
                                     g_object_ref (self));
    }
  md_window_use_client (self, client, FALSE);
}

typedef struct
{
  MdWindow *window;
  char     *base_url;
  GError   *service_error;   /* why the Secret Service could not answer */
} Restore;

static void
restore_free (Restore *restore)
{
  g_object_unref (restore->window);
  g_free (restore->base_url);
  g_clear_error (&restore->service_error);
  g_free (restore);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Restore, restore_free)

static void
restore_with_key (Restore    *restore,
                  const char *key)
{
  MdWindow *self = restore->window;
  g_autoptr(MdClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = md_client_new (restore->base_url, key, &error);
  if (client == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  md_window_use_client (self, client, FALSE);
}

/* Connects when the store had the key; else leaves the reason in @error. */
static gboolean
restore_from (Restore       *restore,
              GObject       *store,
              GAsyncResult  *result,
              GError       **error)
{
  g_autofree char *key = md_secret_store_lookup_finish (MD_SECRET_STORE (store), result, error);

  if (key == NULL)
    return FALSE;

  restore_with_key (restore, key);
  memset (key, 0, strlen (key));
  return TRUE;
}

static void
on_key_file_lookup (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Restore) restore = user_data;
  g_autoptr(GError) error = NULL;

  if (restore_from (restore, source, result, &error))
    return;

  /* Neither store has the key: the Secret Service's reason says what to do,
   * unless the key file itself is the problem. */
  explain_secret_error (restore->window, _("The Studio Key Could Not Be Read"),
                        error != NULL ? error : restore->service_error);
  gtk_widget_activate_action (GTK_WIDGET (restore->window), "win.show-connect", NULL);
}

static void
on_key_lookup (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Restore) restore = user_data;
  g_autoptr(GError) error = NULL;

  if (restore_from (restore, source, result, &error))
    return;

  if (g_error_matches (error, MD_SECRET_ERROR, MD_SECRET_ERROR_NO_SERVICE))
    {
      /* A kiosk without an unlocked keyring: the administrator's key file. */
      g_autoptr(MdKeyFileStore) file = md_key_file_store_new (NULL);
      Restore *pending = g_steal_pointer (&restore);

      pending->service_error = g_steal_pointer (&error);
      md_secret_store_lookup_async (MD_SECRET_STORE (file), pending->base_url, MD_SECRET_API_KEY,
                                    NULL, on_key_file_lookup, pending);
      return;
    }

  if (error != NULL)
    explain_secret_error (restore->window, _("The Studio Key Could Not Be Read"), error);

  /* Not stored (or it failed): the address is there, the key is asked for. */
  gtk_widget_activate_action (GTK_WIDGET (restore->window), "win.show-connect", NULL);
}

void
md_window_restore_connection (MdWindow *self)
{
  g_autofree char *url = NULL;
  MdSecretStore *store;
  Restore *restore;

  g_return_if_fail (MD_IS_WINDOW (self));

  url = g_settings_get_string (self->settings, "base-url");
  store = secret_store (self);
  if (*url == '\0' || store == NULL)
    return;

  restore = g_new0 (Restore, 1);
  restore->window = g_object_ref (self);
  restore->base_url = g_steal_pointer (&url);
  md_secret_store_lookup_async (store, restore->base_url, MD_SECRET_API_KEY, NULL, on_key_lookup,
                                restore);
}

/* A menu button's popover is made when it first opens: at start-up the
 * menu would be built, styled and kept twice for nothing. */
static void
create_primary_menu (GtkMenuButton *button,
                     gpointer       user_data)
{
  MdWindow *self = MD_WINDOW (user_data);

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static GtkWidget *
welcome_button_new (const char *label,
                    const char *accessible_label,
                    const char *action_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_widget_add_css_class (button, "pill");

  return button;
}

/* Only a first run (or Change Studio) shows the welcome page, so it is
 * built then: a start with the demo or a saved studio never pays for it. */
static void
ensure_welcome_page (MdWindow *self)
{
  GtkWidget *page;
  GtkWidget *header;
  GtkWidget *menu_button;
  GtkWidget *status;
  GtkWidget *buttons;
  GtkWidget *demo_button;

  if (adw_bin_get_child (self->welcome_bin) != NULL)
    return;

  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "open-menu-symbolic");
  gtk_menu_button_set_primary (GTK_MENU_BUTTON (menu_button), TRUE);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (menu_button), create_primary_menu,
                                         self, NULL);
  gtk_widget_set_tooltip_text (menu_button, _("Main Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Main Menu"), -1);

  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (NULL, NULL));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), menu_button);

  demo_button = welcome_button_new (_("Try with _Demo Data"), _("Try with Demo Data"), "win.demo");
  gtk_widget_set_name (demo_button, "demo-button");
  gtk_widget_add_css_class (demo_button, "suggested-action");

  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), demo_button);
  gtk_box_append (GTK_BOX (buttons), welcome_button_new (_("_Connect to a Studio…"),
                                                         _("Connect to a Studio"),
                                                         "win.show-connect"));

  status = adw_status_page_new ();
  gtk_widget_set_vexpand (status, TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "io.github.memberdesk.MemberDesk");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Welcome to Member Desk"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("See a member's profile and request changes to it. Try it "
                                     "on sample members first, or connect to your studio."));
  adw_status_page_set_child (ADW_STATUS_PAGE (status), buttons);

  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (page), header);
  gtk_box_append (GTK_BOX (page), status);
  adw_bin_set_child (self->welcome_bin, page);
}

static void
show_welcome_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MdWindow *self = MD_WINDOW (widget);

  if (!md_window_staff_allowed (self, "win.show-welcome"))
    return;

  md_window_end_session (self);
  g_clear_object (&self->client);
  ensure_welcome_page (self);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

static void
show_connect_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MdWindow *self = MD_WINDOW (widget);
  g_autofree char *url = NULL;

  if (!md_window_staff_allowed (self, "win.show-connect"))
    return;

  url = g_settings_get_string (self->settings, "base-url");
  if (self->connect_page == NULL)
    {
      self->connect_page = md_connect_page_new ();
      adw_bin_set_child (self->connect_bin, GTK_WIDGET (self->connect_page));
      g_signal_connect (self->connect_page, "connected", G_CALLBACK (on_connected), self);
    }

  md_connect_page_set_base_url (self->connect_page, url);
  gtk_stack_set_visible_child_name (self->main_stack, "connect");
  gtk_widget_child_focus (GTK_WIDGET (self->connect_page), GTK_DIR_TAB_FORWARD);
}

static void
open_member_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MdWindow *self = MD_WINDOW (widget);

  if (self->client == NULL || self->kiosk)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->member_entry));
}

static MdDomainPage *
visible_page (MdWindow *self)
{
  GtkWidget *child;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "desk") != 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->desk_stack), "profile") != 0)
    return NULL;

  child = adw_view_stack_get_visible_child (self->view_stack);

  return MD_IS_DOMAIN_PAGE (child) ? MD_DOMAIN_PAGE (child) : NULL;
}

/* Built on demand, not with every window as GTK's help overlay is. */
static void
shortcuts_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/md-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MdWindow *self = MD_WINDOW (widget);
  MdPreferencesWindow *preferences;

  if (!md_window_staff_allowed (self, "win.preferences"))
    return;

  preferences = md_preferences_window_new (GTK_WINDOW (self), self->settings,
                                           self->client != NULL
                                           ? md_client_get_base_url (self->client) : NULL,
                                           self->client != NULL && self->demo);
  g_signal_connect_object (preferences, "webhook-key-changed",
                           G_CALLBACK (on_webhook_settings_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Ctrl+S and Escape act on the page in view. */
static void
page_action_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MdDomainPage *page = visible_page (MD_WINDOW (widget));

  if (page == NULL)
    return;

  if (g_str_equal (action_name, "win.save"))
    gtk_widget_activate_action (GTK_WIDGET (page), "page.save", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (page), "page.revert", NULL);
}

static void
md_window_show (GtkWidget *widget)
{
  MdWindow *self = MD_WINDOW (widget);

  /* A window that opens on the welcome page (no studio yet) has it before
   * its size is worked out. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "welcome") == 0)
    ensure_welcome_page (self);

  GTK_WIDGET_CLASS (md_window_parent_class)->show (widget);
}

static void
md_window_map (GtkWidget *widget)
{
  MdWindow *self = MD_WINDOW (widget);

  GTK_WIDGET_CLASS (md_window_parent_class)->map (widget);

  if (self->demo_members_waiting)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_first_frame_painted), self, 0);
}

static void
md_window_dispose (GObject *object)
{
  MdWindow *self = MD_WINDOW (object);

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      if (self->pages[i] != NULL)
        md_domain_page_close (self->pages[i]);
    }
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_object (&self->idle);
  g_clear_object (&self->pin_guard);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  stop_webhooks (self);
  g_clear_object (&self->own_changes);
  g_clear_pointer (&self->staff_pass, g_free);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);
  g_clear_pointer (&self->demo_rows, g_ptr_array_unref);

  /* libadwaita 1.2's switchers trip over a stack that goes first. */
  if (self->switcher_bar != NULL)
    {
      adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
      adw_view_switcher_title_set_stack (self->switcher_title, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), MD_TYPE_WINDOW);

  G_OBJECT_CLASS (md_window_parent_class)->dispose (object);
}

static void
md_window_class_init (MdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = md_window_dispose;
  widget_class->show = md_window_show;
  widget_class->map = md_window_map;
  GTK_WINDOW_CLASS (klass)->close_request = md_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/md-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, welcome_bin);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, connect_bin);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, identify_bin);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, countdown_revealer);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, done_button);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, desk_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, desk_header);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, desk_stack);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, member_label);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, demo_members);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, member_entry);
  gtk_widget_class_bind_template_child (widget_class, MdWindow, demo_badge);

  gtk_widget_class_install_action (widget_class, "win.demo", NULL, demo_activated);
  gtk_widget_class_install_action (widget_class, "win.studio-inbox", NULL, studio_inbox_activated);
  gtk_widget_class_install_action (widget_class, "win.show-welcome", NULL, show_welcome_activated);
  gtk_widget_class_install_action (widget_class, "win.show-connect", NULL, show_connect_activated);
  gtk_widget_class_install_action (widget_class, "win.open-member", NULL, open_member_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL, shortcuts_activated);
  gtk_widget_class_install_action (widget_class, "win.done", NULL, done_activated);
  gtk_widget_class_install_action (widget_class, "win.stay", NULL, stay_activated);
  gtk_widget_class_install_action (widget_class, "win.staff", NULL, staff_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, page_action_activated);
  gtk_widget_class_install_action (widget_class, "win.revert", NULL, page_action_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.studio-inbox", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.revert", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.open-member", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-shortcuts", NULL);
}

static void
md_window_init (MdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = g_settings_new (APPLICATION_ID);
  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  self->demo_rows = g_ptr_array_new ();
  self->pin_guard = md_identify_guard_new (MAX_PIN_ATTEMPTS);
  self->own_changes = md_own_changes_new ();
  g_signal_connect_swapped (self->settings, "changed::server-language",
                            G_CALLBACK (apply_server_language), self);
  g_signal_connect_swapped (self->settings, "changed::webhook-port",
                            G_CALLBACK (on_webhook_settings_changed), self);
  g_signal_connect_swapped (self->settings, "changed::webhook-address",
                            G_CALLBACK (on_webhook_settings_changed), self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.done", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.studio-inbox", FALSE);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->switcher_title, "notify::title-visible",
                            G_CALLBACK (update_switchers), self);
  update_switchers (self);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->desk_menu_button),
                                         create_primary_menu, self, NULL);
  g_signal_connect (self->member_entry, "activate", G_CALLBACK (on_member_entry_activate), self);
  g_signal_connect (self->member_entry, "changed", G_CALLBACK (on_member_entry_changed), self);
}

MdWindow *
md_window_new (MdApplication *application)
{
  g_return_val_if_fail (MD_IS_APPLICATION (application), NULL);

  return g_object_new (MD_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

gboolean
md_window_is_member_loaded (MdWindow *self)
{
  g_return_val_if_fail (MD_IS_WINDOW (self), FALSE);

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      MdAmendmentMachine *machine = self->pages[i] != NULL
                                    ? md_domain_page_get_machine (self->pages[i]) : NULL;

      if (machine == NULL || md_amendment_machine_get_state (machine) == MD_STATE_LOADING)
        return FALSE;
    }

  return TRUE;
}

MdDomainPage *
md_window_get_page (MdWindow *self,
                    MdDomain  domain)
{
  g_return_val_if_fail (MD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (domain < MD_N_DOMAINS, NULL);

  ensure_pages (self);

  return self->pages[domain];
}

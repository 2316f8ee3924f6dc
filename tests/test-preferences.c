/* test-preferences.c: the Preferences window on a real display
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-preferences-window.h"
#include "md-resources.h"
#include "md-test-ui.h"
#include "md-test-utils.h"

#define STUDIO_URL "https://mystudio.open-api.magicline.com"

typedef struct
{
  GSettings           *settings;
  GtkWindow           *parent;
  MdPreferencesWindow *prefs;  /* weak: NULL once the window is gone */
  guint                n_show_welcome;
} Fixture;

static GtkWidget *
get_widget (Fixture    *fixture,
            const char *name)
{
  GtkWidget *widget;

  g_assert_nonnull (fixture->prefs);
  widget = md_test_find_named (GTK_WIDGET (fixture->prefs), name);
  g_assert_nonnull (widget);

  return widget;
}

static const char *
subtitle (Fixture    *fixture,
          const char *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (get_widget (fixture, row)));
}

static gboolean
is_sensitive (Fixture    *fixture,
              const char *name)
{
  return gtk_widget_is_sensitive (get_widget (fixture, name));
}

static void
press (Fixture    *fixture,
       const char *button)
{
  md_test_press (get_widget (fixture, button));
}

static void
on_show_welcome (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  Fixture *fixture = user_data;

  fixture->n_show_welcome++;
}

static void
open_prefs (Fixture    *fixture,
            const char *current_base_url,
            gboolean    demo)
{
  fixture->prefs = md_preferences_window_new (fixture->parent, fixture->settings,
                                              current_base_url, demo);
  g_object_add_weak_pointer (G_OBJECT (fixture->prefs), (gpointer *) &fixture->prefs);
  gtk_window_present (GTK_WINDOW (fixture->prefs));
  md_test_wait_for_layout (GTK_WIDGET (fixture->prefs));
}

static gboolean
prefs_gone (gpointer data)
{
  Fixture *fixture = data;

  return fixture->prefs == NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const GActionEntry entries[] = {
    { "show-welcome", on_show_welcome },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  /* The memory backend lives as long as the process: start each test
   * from the schema's defaults. */
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "remember-base-url");
  g_settings_set_string (fixture->settings, "base-url", STUDIO_URL);

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries),
                                   fixture);
  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->parent, "Preferences test");
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->parent), "win", G_ACTION_GROUP (group));
  gtk_window_present (fixture->parent);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->prefs != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (fixture->prefs), (gpointer *) &fixture->prefs);
      gtk_window_destroy (GTK_WINDOW (fixture->prefs));
    }
  gtk_window_destroy (fixture->parent);
  g_clear_object (&fixture->settings);
}

/* The studio in use, and the address saved for next time. */
static void
test_shows_address (Fixture       *fixture,
                    gconstpointer  data)
{
  open_prefs (fixture, STUDIO_URL, FALSE);

  g_assert_cmpstr (subtitle (fixture, "address-row"), ==, STUDIO_URL);
  g_assert_cmpstr (subtitle (fixture, "saved-row"), ==, STUDIO_URL);
  g_assert_true (is_sensitive (fixture, "forget-button"));
  g_assert_true (is_sensitive (fixture, "change-studio-row"));
}

/* An address is shown as it is, never read as markup. */
static void
test_address_is_text (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *url = "https://studio.example/open-api?tenant=a&b=<c>";

  g_settings_set_string (fixture->settings, "base-url", url);
  open_prefs (fixture, url, FALSE);

  g_assert_cmpstr (subtitle (fixture, "address-row"), ==, url);
  g_assert_cmpstr (subtitle (fixture, "saved-row"), ==, url);
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  open_prefs (fixture, "http://127.0.0.1:4711", TRUE);

  g_assert_cmpstr (subtitle (fixture, "address-row"), ==, "Demo studio on this computer");
  /* The demo does not touch what is saved for a real studio. */
  g_assert_cmpstr (subtitle (fixture, "saved-row"), ==, STUDIO_URL);
}

static void
test_not_connected (Fixture       *fixture,
                    gconstpointer  data)
{
  open_prefs (fixture, NULL, FALSE);
  g_assert_cmpstr (subtitle (fixture, "address-row"), ==, "Not connected");
  gtk_window_destroy (GTK_WINDOW (fixture->prefs));
  g_assert_true (md_test_spin_until (prefs_gone, fixture));

  open_prefs (fixture, "", FALSE);
  g_assert_cmpstr (subtitle (fixture, "address-row"), ==, "Not connected");
}

static gboolean
switch_is_on (gpointer data)
{
  return gtk_switch_get_active (GTK_SWITCH (data));
}

/* The switch and the key follow each other both ways. */
static void
test_remember_switch (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkSwitch *toggle;

  open_prefs (fixture, STUDIO_URL, FALSE);
  toggle = GTK_SWITCH (get_widget (fixture, "remember-switch"));

  g_assert_true (g_settings_get_boolean (fixture->settings, "remember-base-url"));
  g_assert_true (gtk_switch_get_active (toggle));

  gtk_switch_set_active (toggle, FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "remember-base-url"));

  /* Activating the row, as Enter or a click on it does, flips the switch. */
  g_signal_emit_by_name (get_widget (fixture, "remember-row"), "activate");
  /* The switch turns at the end of its animation. */
  g_assert_true (md_test_spin_until (switch_is_on, toggle));
  g_assert_true (g_settings_get_boolean (fixture->settings, "remember-base-url"));

  g_settings_set_boolean (fixture->settings, "remember-base-url", FALSE);
  g_assert_false (gtk_switch_get_active (toggle));

  /* Remembering or not leaves the saved address alone. */
  g_assert_cmpstr (subtitle (fixture, "saved-row"), ==, STUDIO_URL);
}

static void
test_forget (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GVariant) user_value = NULL;
  g_autofree char *url = NULL;
  GtkWidget *forget;

  open_prefs (fixture, STUDIO_URL, FALSE);
  forget = get_widget (fixture, "forget-button");
  gtk_widget_grab_focus (forget);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->prefs)) == forget);

  press (fixture, "forget-button");

  user_value = g_settings_get_user_value (fixture->settings, "base-url");
  g_assert_null (user_value);
  url = g_settings_get_string (fixture->settings, "base-url");
  g_assert_cmpstr (url, ==, "");
  g_assert_false (is_sensitive (fixture, "forget-button"));
  g_assert_cmpstr (subtitle (fixture, "saved-row"), ==, "No address is saved");
  /* The focus stays in the window, on what says the outcome. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->prefs)) ==
                 get_widget (fixture, "saved-row"));
  /* Forgetting is about the next start: this session stays connected. */
  g_assert_cmpstr (subtitle (fixture, "address-row"), ==, STUDIO_URL);

  /* Connecting again saves an address: Forget is offered again. */
  g_settings_set_string (fixture->settings, "base-url", STUDIO_URL);
  g_assert_true (is_sensitive (fixture, "forget-button"));
  g_assert_cmpstr (subtitle (fixture, "saved-row"), ==, STUDIO_URL);
}

static void
test_nothing_saved (Fixture       *fixture,
                    gconstpointer  data)
{
  g_settings_reset (fixture->settings, "base-url");
  open_prefs (fixture, STUDIO_URL, FALSE);

  g_assert_false (is_sensitive (fixture, "forget-button"));
  g_assert_cmpstr (subtitle (fixture, "saved-row"), ==, "No address is saved");
}

static void
test_change_studio (Fixture       *fixture,
                    gconstpointer  data)
{
  open_prefs (fixture, STUDIO_URL, FALSE);
  g_assert_cmpuint (fixture->n_show_welcome, ==, 0);

  g_signal_emit_by_name (get_widget (fixture, "change-studio-row"), "activate");

  g_assert_cmpuint (fixture->n_show_welcome, ==, 1);
  g_assert_true (md_test_spin_until (prefs_gone, fixture));
  g_assert_cmpuint (fixture->n_show_welcome, ==, 1);
}

/* Without a parent there is no studio to change. */
static void
test_change_studio_needs_parent (Fixture       *fixture,
                                 gconstpointer  data)
{
  fixture->prefs = md_preferences_window_new (NULL, fixture->settings, STUDIO_URL, FALSE);
  g_object_add_weak_pointer (G_OBJECT (fixture->prefs), (gpointer *) &fixture->prefs);
  gtk_window_present (GTK_WINDOW (fixture->prefs));
  md_test_wait_for_layout (GTK_WIDGET (fixture->prefs));

  g_assert_false (is_sensitive (fixture, "change-studio-row"));

  gtk_window_set_transient_for (GTK_WINDOW (fixture->prefs), fixture->parent);
  g_assert_true (is_sensitive (fixture, "change-studio-row"));
}

/* Tab alone reaches every control. */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  static const char * const controls[] = {
    "change-studio-row",
    "remember-switch",
    "forget-button",
  };
  g_autoptr(GPtrArray) reached = g_ptr_array_new ();

  open_prefs (fixture, STUDIO_URL, FALSE);

  for (guint i = 0; i < 40; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (fixture->prefs), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (fixture->prefs));
      if (focus != NULL)
        g_ptr_array_add (reached, focus);
    }

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      if (!g_ptr_array_find (reached, get_widget (fixture, controls[i]), NULL))
        g_error ("Tab never reaches %s", controls[i]);
    }
}

/* Every control is named for a screen reader. */
static void
test_accessible_labels (Fixture       *fixture,
                        gconstpointer  data)
{
  open_prefs (fixture, STUDIO_URL, FALSE);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (get_widget (fixture, "remember-switch")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remember the studio address");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (get_widget (fixture, "forget-button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Forget the Saved Address");
}

int
main (int   argc,
      char *argv[])
{
  /* Accessible names are part of what is tested: a recording context,
   * with no bus involved. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The application registers the resources; this test has none. */
  md_register_resource ();

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD_TEST ("/preferences/shows-address", test_shows_address);
  ADD_TEST ("/preferences/address-is-text", test_address_is_text);
  ADD_TEST ("/preferences/demo", test_demo);
  ADD_TEST ("/preferences/not-connected", test_not_connected);
  ADD_TEST ("/preferences/remember-switch", test_remember_switch);
  ADD_TEST ("/preferences/forget", test_forget);
  ADD_TEST ("/preferences/nothing-saved", test_nothing_saved);
  ADD_TEST ("/preferences/change-studio", test_change_studio);
  ADD_TEST ("/preferences/change-studio-needs-parent", test_change_studio_needs_parent);
  ADD_TEST ("/preferences/keyboard", test_keyboard);
  ADD_TEST ("/preferences/accessible-labels", test_accessible_labels);

#undef ADD_TEST

  return g_test_run ();
}

/* md-bench-app.c: Member Desk as main.c starts it, instrumented for benchmarks
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "md-application.h"
#include "md-bench-common.h"
#include "md-ink-check.h"
#include "md-test-ui.h"
#include "md-test-utils.h"
#include "md-window.h"

/* Without a mode this is main.c plus a first-frame report (run it with
 * --demo), so the start-up it measures is the real one. The modes:
 *
 * --open-rss (then --demo): the same start-up; after the first frame it
 *   opens member 1001, shows and paints each of its four pages and reports
 *   the peak RSS then.
 * --open: times opening a member (four pages, loaded concurrently) against
 *   one GET of one domain, at the same injected server latency.
 * --decide: times a studio decision reaching the page through the webhook,
 *   against one GET.
 * --stalls: the longest gap between two frame-clock ticks while a member
 *   loads and while a signature is drawn, against the frame interval of the
 *   idle window.
 * --requests: the requests each user flow makes, counted at the demo
 *   backend, with and without its webhook.
 *
 * --open, --decide, --stalls and --requests share one command-line parser
 * and run in the demo window that bench_demo_window_new() sets up with the
 * test helpers (tests/md-test-ui.c). The first-frame modes leave start-up
 * to main.c's code and call none of them. */

/* A flow is over when the demo backend has seen no request for this long;
 * a webhook and its reads take a few milliseconds on loopback. */
#define QUIET_MS    300
/* Idle frames measured per run for the frame-interval baseline. */
#define IDLE_FRAMES 30

static MdWindow *window;
static gint64 last_paint;
static guint n_paints;
static gboolean failed;

/* The window's pages, and waiting for frames */

static gboolean
member_failed (void)
{
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      MdAmendmentMachine *machine = md_domain_page_get_machine (md_window_get_page (window, i));

      if (md_amendment_machine_get_state (machine) == MD_STATE_LOAD_FAILED)
        return TRUE;
    }

  return FALSE;
}

static gboolean
painted_since (gpointer data)
{
  return n_paints > GPOINTER_TO_UINT (data);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  last_paint = g_get_monotonic_time ();
  n_paints++;
}

/* Counts the frames @window paints and keeps when the last one was. */
static void
watch_paints (void)
{
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

static gboolean
deadline_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Spins the main context for @ms, serving the demo backend meanwhile. */
static void
wait_ms (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, deadline_cb, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
wait_for_paint (void)
{
  if (!md_test_spin_until (painted_since, GUINT_TO_POINTER (n_paints)))
    {
      g_printerr ("No frame came\n");
      return FALSE;
    }

  return TRUE;
}

static void
show_page (MdDomain domain)
{
  md_test_show_page (window, domain);
}

static MdState
state_of (MdDomain domain)
{
  return md_test_page_state (window, domain);
}

static gboolean
wait_for_state (MdDomain domain,
                MdState  state)
{
  return md_test_wait_for_state (window, domain, state);
}

static gboolean
open_and_wait (gint64 member)
{
  md_window_open_member (window, member);
  md_test_wait_for_member (window);
  if (member_failed ())
    {
      g_printerr ("Member %" G_GINT64_FORMAT " did not load\n", member);
      return FALSE;
    }

  return TRUE;
}

static gboolean
type_into (MdDomain    domain,
           const char *field,
           const char *text)
{
  if (!md_test_type_into (window, domain, field, text))
    {
      g_printerr ("No %s field\n", field);
      return FALSE;
    }

  return TRUE;
}

static gboolean
save_to (MdDomain domain,
         MdState  outcome)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  if (state_of (domain) != MD_STATE_SUBMITTING || !wait_for_state (domain, outcome))
    {
      g_printerr ("Save did not go through\n");
      return FALSE;
    }

  return TRUE;
}

/* The in-process modes */

typedef struct
{
  int          runs;
  int          latency;   /* server latency in ms */
  gint64       member;
  MdSignature *recorded;  /* what --stalls signs with */
} BenchOptions;

/* What a mode takes besides --runs. */
typedef enum
{
  TAKES_LATENCY = 1 << 0,
  TAKES_MEMBER  = 1 << 1,
  TAKES_STROKES = 1 << 2,
} BenchTakes;

typedef struct
{
  const char *name;     /* its option, without the dashes */
  const char *summary;  /* and that option's help */
  BenchTakes  takes;
  int       (*run) (MdDemoServer       *server,
                    const BenchOptions *options);
} BenchMode;

/* The command line of @mode. FALSE (and said) when it is not right. */
static gboolean
parse_options (const BenchMode  *mode,
               int              *argc,
               char           ***argv,
               BenchOptions     *options,
               char            **strokes)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean chosen = FALSE;
  const struct
  {
    BenchTakes   needs;
    GOptionEntry entry;
  } all[] = {
    { 0, { mode->name, 0, 0, G_OPTION_ARG_NONE, &chosen, mode->summary, NULL } },
    { 0, { "runs", 0, 0, G_OPTION_ARG_INT, &options->runs, "Measured repetitions (10)", "N" } },
    { TAKES_LATENCY, { "latency-ms", 0, 0, G_OPTION_ARG_INT, &options->latency, "Server latency (100)", "MS" } },
    { TAKES_MEMBER, { "member", 0, 0, G_OPTION_ARG_INT64, &options->member, "Customer number (1001)", "ID" } },
    { TAKES_STROKES, { "strokes", 0, 0, G_OPTION_ARG_FILENAME, strokes, "The stroke file to sign with", "FILE" } },
  };
  GOptionEntry entries[G_N_ELEMENTS (all) + 1] = { { NULL } };
  guint n = 0;

  /* Only the options @mode takes, so that the others are refused. */
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if ((all[i].needs & mode->takes) == all[i].needs)
      entries[n++] = all[i].entry;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if (options->runs < 1 || options->latency < 0)
    {
      g_printerr ("Bad --runs or --latency-ms\n");
      return FALSE;
    }
  if ((mode->takes & TAKES_STROKES) && *strokes == NULL)
    {
      g_printerr ("No --strokes\n");
      return FALSE;
    }

  return TRUE;
}

static gboolean
window_painted (gpointer data)
{
  return n_paints > 0;
}

/* The main window of @app, as the in-process modes need it: the demo
 * chosen on the welcome page, with the demo backend's webhook as shipped,
 * shown and painted once. NULL (and said) when it does not paint. */
static MdWindow *
bench_demo_window_new (MdApplication *app)
{
  window = md_test_live_demo_window_new (app);
  watch_paints ();
  if (!md_test_spin_until (window_painted, NULL))
    {
      g_printerr ("The window did not come up\n");
      return NULL;
    }

  return window;
}

/* Parses the command line of @mode, sets up the demo window and runs
 * @mode in it. */
static int
run_mode (const BenchMode  *mode,
          int               argc,
          char            **argv)
{
  g_autoptr(MdApplication) app = NULL;
  g_autoptr(MdSignature) recorded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *strokes = NULL;
  BenchOptions options = { 10, 100, 1001, NULL };
  int status;

  if (!parse_options (mode, &argc, &argv, &options, &strokes))
    return 2;
  if (strokes != NULL)
    {
      recorded = md_ink_check_load (strokes, &error);
      if (recorded == NULL)
        {
          g_printerr ("Cannot read %s: %s\n", strokes, error->message);
          return 1;
        }
      options.recorded = recorded;
    }

  app = md_test_application_new ();
  if (bench_demo_window_new (app) == NULL)
    return 1;

  status = mode->run (md_application_get_demo_server (app), &options);
  if (status == 0)
    gtk_window_destroy (GTK_WINDOW (window));

  return status;
}

/* --open and --decide: their baseline, one GET of one domain, with a
 * client of its own (kept across runs, as the window keeps its own). */

static MdClient *
demo_client_new (MdDemoServer *server)
{
  g_autofree char *url = md_demo_server_get_base_url (server);
  g_autoptr(GError) error = NULL;
  MdClient *client = md_client_new (url, "demo-key", &error);

  g_assert_no_error (error);

  return client;
}

/* Prints "single-get MS" when @report. FALSE (and said) when it fails. */
static gboolean
time_single_get (MdClient *client,
                 gint64    member,
                 MdDomain  domain,
                 gboolean  report)
{
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  snapshot = md_test_get_domain (client, member, domain, &error);
  if (snapshot == NULL)
    {
      g_printerr ("The single GET failed: %s\n", error->message);
      return FALSE;
    }
  if (report)
    g_print ("single-get %.2f\n", (g_get_monotonic_time () - start) / 1000.0);
  fflush (stdout);

  return TRUE;
}

/* Prints "open-member MS", "open-member-painted MS" (until the frame that
 * shows it) and "single-get MS" lines, alternating, for the parent to sum up. */
static int
run_open (MdDemoServer       *server,
          const BenchOptions *options)
{
  g_autoptr(MdClient) client = demo_client_new (server);

  md_demo_server_set_latency (server, options->latency);

  /* Run 0 warms up connections, fonts and pages; it is not printed. */
  for (int run = 0; run <= options->runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 loaded;

      if (!open_and_wait (options->member))
        return 1;
      loaded = g_get_monotonic_time ();
      if (!wait_for_paint ())
        return 1;
      if (run > 0)
        g_print ("open-member %.2f\nopen-member-painted %.2f\n",
                 (loaded - start) / 1000.0, (last_paint - start) / 1000.0);

      if (!time_single_get (client, options->member, MD_DOMAIN_CONTACT, run > 0))
        return 1;
    }

  return 0;
}

/* Prints "decide MS" (the studio approves a waiting change, until the
 * page in view shows it: the webhook, its four reads, the frame) and
 * "single-get MS" lines, alternating. */
static int
run_decide (MdDemoServer       *server,
            const BenchOptions *options)
{
  g_autoptr(MdClient) client = demo_client_new (server);
  MdDomainPage *page;

  /* 1002's address needs the studio's approval. */
  if (!open_and_wait (1002))
    return 1;
  show_page (MD_DOMAIN_ADDRESS);
  page = md_window_get_page (window, MD_DOMAIN_ADDRESS);

  for (int run = 0; run <= options->runs; run++)
    {
      g_autofree char *street = g_strdup_printf ("Leopoldstraße %d", run + 1);
      MdAmendment *pending;
      gint64 start;

      if (!type_into (MD_DOMAIN_ADDRESS, "street", street) ||
          !save_to (MD_DOMAIN_ADDRESS, MD_STATE_PENDING))
        return 1;
      pending = md_snapshot_get_pending (md_amendment_machine_get_snapshot (md_domain_page_get_machine (page)));

      start = g_get_monotonic_time ();
      if (pending == NULL || !md_demo_server_approve (server, 1002, md_amendment_get_id (pending)))
        {
          g_printerr ("No waiting change to approve\n");
          return 1;
        }
      if (!wait_for_state (MD_DOMAIN_ADDRESS, MD_STATE_EDITABLE))
        {
          g_printerr ("The decision did not reach the page\n");
          return 1;
        }
      if (!wait_for_paint ())
        return 1;
      if (run > 0)
        g_print ("decide %.2f\n", (last_paint - start) / 1000.0);

      if (!time_single_get (client, 1002, MD_DOMAIN_ADDRESS, run > 0))
        return 1;
    }

  return 0;
}

/* --open-rss: runs from an idle after the first frame, not inside the
 * frame clock's signal, so that it can wait for frames. */
static gboolean
open_rss_cb (gpointer data)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  /* Every page shown once, so that all four forms are built and painted. */
  failed = !open_and_wait (1001);
  for (guint i = 0; i < MD_N_DOMAINS && !failed; i++)
    {
      show_page (i);
      failed = !wait_for_paint ();
    }

  if (!failed)
    {
      g_print ("open-rss %ld %s\n", md_bench_peak_rss_kb (),
               md_bench_renderer_name (GTK_WIDGET (window)));
      fflush (stdout);
    }

  g_application_quit (app);

  return G_SOURCE_REMOVE;
}

static void
first_frame_cb (GtkWindow *first)
{
  if (!MD_IS_WINDOW (first))
    {
      g_printerr ("The first window is not the main window\n");
      failed = TRUE;
      g_application_quit (G_APPLICATION (gtk_window_get_application (first)));
      return;
    }

  window = MD_WINDOW (first);
  watch_paints ();
  g_idle_add (open_rss_cb, NULL);
}

/* --stalls. A tick callback keeps frames coming; the gap between two ticks
 * is how long the main loop could not start a frame. */

typedef struct
{
  MdSignature *recorded;
  GtkGesture  *gesture;
  double       scale;
  guint        stroke;  /* the stroke being drawn, or the next one */
  guint        point;   /* its next point; 0: not begun */
  double       x0;      /* where the drag began, in the pad area's coordinates */
  double       y0;
  gint64       began;   /* when, in monotonic microseconds */
  guint        n_events;
  gboolean     done;
} Feed;

typedef struct
{
  GtkWidget *widget;
  guint      id;
  gint64     last;
  gint64     longest;
  guint      n_ticks;
  GArray    *gaps;      /* gint64 microseconds, since ticks_start */
  Feed      *feed;
} Ticks;

static Ticks ticks;

/* The pointer as the drag gesture reports it: a press, the motions the
 * mouse sampled since the last frame (one at least), and a release. Each
 * stroke starts on a frame of its own, as the pen lifts in between. */
static void
feed_tick (Feed   *feed,
           gint64  now)
{
  guint n;
  const MdInkPoint *points = md_signature_get_stroke (feed->recorded, feed->stroke, &n);
  guint emitted = 0;

  if (feed->point == 0)
    {
      feed->x0 = points[0].x * feed->scale;
      feed->y0 = points[0].y * feed->scale;
      feed->began = now;
      g_signal_emit_by_name (feed->gesture, "drag-begin", feed->x0, feed->y0);
      feed->point = 1;
      emitted++;
    }

  while (feed->point < n &&
         (emitted == 0 || points[feed->point].t - points[0].t <= (now - feed->began) / 1000.0))
    {
      const MdInkPoint *point = &points[feed->point];

      g_signal_emit_by_name (feed->gesture, "drag-update", point->x * feed->scale - feed->x0,
                             point->y * feed->scale - feed->y0);
      feed->point++;
      emitted++;
    }

  if (feed->point == n)
    {
      g_signal_emit_by_name (feed->gesture, "drag-end", points[n - 1].x * feed->scale - feed->x0,
                             points[n - 1].y * feed->scale - feed->y0);
      emitted++;
      feed->stroke++;
      feed->point = 0;
      feed->done = feed->stroke == md_signature_get_n_strokes (feed->recorded);
    }

  feed->n_events += emitted;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  gint64 now = g_get_monotonic_time ();

  if (ticks.last > 0)
    {
      gint64 gap = now - ticks.last;

      ticks.longest = MAX (ticks.longest, gap);
      g_array_append_val (ticks.gaps, gap);
    }
  ticks.last = now;
  ticks.n_ticks++;

  if (ticks.feed != NULL && !ticks.feed->done)
    feed_tick (ticks.feed, now);

  return G_SOURCE_CONTINUE;
}

static gboolean
ticks_reached (gpointer data)
{
  return ticks.n_ticks >= GPOINTER_TO_UINT (data);
}

static gboolean
wait_ticks (guint n)
{
  if (!md_test_spin_until (ticks_reached, GUINT_TO_POINTER (ticks.n_ticks + n)))
    {
      g_printerr ("The frame clock stopped\n");
      return FALSE;
    }

  return TRUE;
}

/* Returns right after a tick, with the clock running steadily, so that
 * what the caller does next falls into the first gap measured. */
static gboolean
ticks_start (GtkWidget *widget)
{
  ticks.widget = widget;
  ticks.last = 0;
  ticks.n_ticks = 0;
  ticks.feed = NULL;
  ticks.id = gtk_widget_add_tick_callback (widget, tick_cb, NULL, NULL);
  if (!wait_ticks (3))
    return FALSE;

  ticks.longest = 0;
  g_array_set_size (ticks.gaps, 0);

  return TRUE;
}

static void
ticks_stop (void)
{
  gtk_widget_remove_tick_callback (ticks.widget, ticks.id);
  ticks.feed = NULL;
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
median_gap_ms (void)
{
  g_array_sort (ticks.gaps, compare_gaps);
  if (ticks.gaps->len == 0)
    return -1;

  return g_array_index (ticks.gaps, gint64, ticks.gaps->len / 2) / 1000.0;
}

/* The idle window: nothing but the tick callback. */
static gboolean
measure_idle (gboolean report)
{
  if (!ticks_start (GTK_WIDGET (window)) || !wait_ticks (IDLE_FRAMES))
    return FALSE;

  if (report)
    g_print ("idle-interval %.2f\nidle-longest %.2f\n", median_gap_ms (), ticks.longest / 1000.0);
  ticks_stop ();

  return TRUE;
}

/* From opening the member until the frame after the one that shows it. */
static gboolean
measure_open (MdDemoServer *server,
              guint         latency,
              gboolean      report)
{
  md_demo_server_set_latency (server, latency);
  if (!ticks_start (GTK_WIDGET (window)) || !open_and_wait (1001) || !wait_for_paint () ||
      !wait_ticks (1))
    return FALSE;

  if (report)
    g_print ("stall-open-%u %.2f\n", latency, ticks.longest / 1000.0);
  ticks_stop ();

  return TRUE;
}

static gboolean
feed_done (gpointer data)
{
  return ((Feed *) data)->done;
}

/* 1002's bank details changed, so that Save asks for a signature. */
static MdSignaturePad *
open_signature_pad (MdDemoServer *server)
{
  MdDomainPage *page = md_window_get_page (window, MD_DOMAIN_PAYMENT);
  const char *fields[][2] = {
    { "accountHolder", "Jonas Weber" },
    { "iban", "DE89 3704 0044 0532 0130 00" },
  };
  MdSignatureDialog *dialog;
  MdSignaturePad *pad;

  md_demo_server_set_latency (server, 0);
  md_demo_server_reset (server);
  if (!open_and_wait (1002))
    return NULL;
  show_page (MD_DOMAIN_PAYMENT);
  if (!wait_for_state (MD_DOMAIN_PAYMENT, MD_STATE_EDITABLE) || !wait_for_paint ())
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!type_into (MD_DOMAIN_PAYMENT, fields[i][0], fields[i][1]))
      return NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  dialog = md_domain_page_get_signature_dialog (page);
  if (dialog == NULL)
    {
      g_printerr ("Save did not ask for a signature\n");
      return NULL;
    }

  pad = md_signature_dialog_get_pad (dialog);
  md_test_wait_for_layout (md_signature_pad_get_area (pad));

  return pad;
}

static GtkGesture *
find_drag (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }

  return NULL;
}

/* From the press of the first stroke until the frame after the release of
 * the last, on the signature dialog's own frame clock. */
static gboolean
measure_sign (MdSignaturePad *pad,
              MdSignature    *recorded,
              gboolean        report)
{
  GtkWidget *area = md_signature_pad_get_area (pad);
  Feed feed = { recorded, find_drag (area), 1.0, 0, 0, 0, 0, 0, 0, FALSE };
  gint64 start;

  if (feed.gesture == NULL)
    {
      g_printerr ("The signature pad has no drag gesture\n");
      return FALSE;
    }
  /* Scaled to fit the pad as it is shown, as a member would sign. */
  feed.scale = MIN (1.0, MIN (gtk_widget_get_width (area) / md_signature_get_width (recorded),
                              gtk_widget_get_height (area) / md_signature_get_height (recorded)));

  md_signature_clear (md_signature_pad_get_signature (pad));
  if (!ticks_start (area))
    return FALSE;

  start = g_get_monotonic_time ();
  ticks.feed = &feed;
  if (!md_test_spin_until (feed_done, &feed) || !wait_ticks (2))
    {
      g_printerr ("The signature was not drawn\n");
      return FALSE;
    }
  if (md_signature_get_n_points (md_signature_pad_get_signature (pad)) == 0)
    {
      g_printerr ("The pad took no ink\n");
      return FALSE;
    }

  if (report)
    g_print ("stall-sign %.2f\nsign-ms %.2f\nsign-events %u\n", ticks.longest / 1000.0,
             (g_get_monotonic_time () - start) / 1000.0, feed.n_events);
  ticks_stop ();

  return TRUE;
}

/* Prints "renderer NAME", then per run "idle-interval MS", "idle-longest
 * MS", "stall-open-LATENCY MS" and "stall-open-0 MS" (once when LATENCY is
 * 0), and after those, per run, "stall-sign MS" (with "sign-ms" and
 * "sign-events"). */
static int
run_stalls (MdDemoServer       *server,
            const BenchOptions *options)
{
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  MdSignaturePad *pad;

  ticks.gaps = gaps;
  g_print ("renderer %s\n", md_bench_renderer_name (GTK_WIDGET (window)));

  /* Run 0 warms up connections, fonts and pages; it is not printed. */
  if (!open_and_wait (1001))
    return 1;
  for (int run = 0; run <= options->runs; run++)
    {
      if (!measure_idle (run > 0) || !measure_open (server, options->latency, run > 0) ||
          (options->latency > 0 && !measure_open (server, 0, run > 0)))
        return 1;
      fflush (stdout);
    }

  pad = open_signature_pad (server);
  if (pad == NULL)
    return 1;
  for (int run = 0; run <= options->runs; run++)
    {
      if (!measure_sign (pad, options->recorded, run > 0))
        return 1;
      fflush (stdout);
    }

  return 0;
}

/* --requests */

static const char * const methods[] = { "GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS" };

typedef struct
{
  guint n[G_N_ELEMENTS (methods)];
} Counts;

static void
count_requests (MdDemoServer *server,
                Counts       *counts)
{
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    counts->n[i] = md_demo_server_get_request_count (server, methods[i]);
}

static guint
total_requests (MdDemoServer *server)
{
  Counts counts;
  guint total = 0;

  count_requests (server, &counts);
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    total += counts.n[i];

  return total;
}

/* Until the demo backend has been quiet for QUIET_MS: the webhook and the
 * reads it sets off are part of the flow. */
static void
settle (MdDemoServer *server)
{
  guint before;

  do
    {
      before = total_requests (server);
      wait_ms (QUIET_MS);
    }
  while (total_requests (server) != before);
}

/* Prints "requests FLOW VARIANT GET POST DELETE OTHER", the requests since
 * @before. */
static void
report_requests (MdDemoServer *server,
                 const char   *flow,
                 const char   *variant,
                 const Counts *before)
{
  Counts after;
  guint other = 0;

  settle (server);
  count_requests (server, &after);
  for (guint i = 3; i < G_N_ELEMENTS (methods); i++)
    other += after.n[i] - before->n[i];

  g_print ("requests %s %s %u %u %u %u\n", flow, variant,
           after.n[0] - before->n[0], after.n[1] - before->n[1], after.n[2] - before->n[2],
           other);
  fflush (stdout);
}

/* One round of every flow: open, save on an instant domain, save on a
 * reviewed one, withdraw that change. */
static gboolean
count_flows (MdDemoServer *server,
             const char   *variant)
{
  Counts before;

  md_demo_server_reset (server);
  settle (server);

  count_requests (server, &before);
  if (!open_and_wait (1001))
    return FALSE;
  report_requests (server, "open", variant, &before);

  show_page (MD_DOMAIN_CONTACT);
  if (!type_into (MD_DOMAIN_CONTACT, "email", "lena.new@example.org"))
    return FALSE;
  count_requests (server, &before);
  if (!save_to (MD_DOMAIN_CONTACT, MD_STATE_EDITABLE))
    return FALSE;
  report_requests (server, "save-instant", variant, &before);

  if (!open_and_wait (1002))
    return FALSE;
  settle (server);
  show_page (MD_DOMAIN_ADDRESS);
  if (!type_into (MD_DOMAIN_ADDRESS, "street", "Leopoldstraße"))
    return FALSE;
  count_requests (server, &before);
  if (!save_to (MD_DOMAIN_ADDRESS, MD_STATE_PENDING))
    return FALSE;
  report_requests (server, "save-reviewed", variant, &before);

  count_requests (server, &before);
  gtk_widget_activate_action (GTK_WIDGET (md_window_get_page (window, MD_DOMAIN_ADDRESS)),
                              "page.withdraw", NULL);
  if (!md_test_wait_for_dialog ())
    {
      g_printerr ("Withdraw did not ask\n");
      return FALSE;
    }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (md_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)),
                               "withdraw");
  if (!wait_for_state (MD_DOMAIN_ADDRESS, MD_STATE_EDITABLE))
    {
      g_printerr ("Withdraw did not go through\n");
      return FALSE;
    }
  report_requests (server, "withdraw", variant, &before);

  return TRUE;
}

/* Prints "requests FLOW VARIANT GET POST DELETE OTHER" lines: @runs rounds
 * with the demo backend as shipped (VARIANT "webhooks": an instant change
 * sends CUSTOMER_UPDATED, and the window reads the member again), then
 * @runs without its webhook ("no-webhooks"). */
static int
run_requests (MdDemoServer       *server,
              const BenchOptions *options)
{
  for (int run = 0; run < options->runs; run++)
    if (!count_flows (server, "webhooks"))
      return 1;

  md_demo_server_set_webhook (server, NULL, NULL);
  for (int run = 0; run < options->runs; run++)
    if (!count_flows (server, "no-webhooks"))
      return 1;

  return 0;
}

static const BenchMode modes[] = {
  { "open", "Time opening a member", TAKES_LATENCY | TAKES_MEMBER, run_open },
  { "decide", "Time a decision reaching the page", 0, run_decide },
  { "stalls", "Measure main-loop stalls", TAKES_LATENCY | TAKES_STROKES, run_stalls },
  { "requests", "Count the requests of each flow", 0, run_requests },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdApplication) app = NULL;
  int status;

  md_bench_mark_main ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (guint i = 0; argc > 1 && i < G_N_ELEMENTS (modes); i++)
    if (g_str_has_prefix (argv[1], "--") && g_str_equal (argv[1] + 2, modes[i].name))
      return run_mode (&modes[i], argc, argv);

  app = md_application_new ();
  if (argc > 1 && g_str_equal (argv[1], "--open-rss"))
    {
      /* The rest of the command line is the application's. */
      argv[1] = argv[0];
      argc--;
      argv++;
      md_bench_watch_first_frame_full (GTK_APPLICATION (app), first_frame_cb);
    }
  else
    md_bench_watch_first_frame (GTK_APPLICATION (app));

  status = g_application_run (G_APPLICATION (app), argc, argv);

  return failed ? 1 : status;
}

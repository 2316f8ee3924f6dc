/* test-client.c: the API client against the demo backend, over loopback
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "md-client.h"
#include "md-demo-server.h"
#include "md-error.h"

/* Every wait in this file ends by this deadline at the latest. */
#define WAIT_SECONDS 20

#define TINY_SVG \
  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 40\">" \
  "<path d=\"M5 30 C20 5 35 35 50 15 S80 30 95 10\" fill=\"none\" stroke=\"black\"/></svg>"

#define SCHULZ_PENDING_ID G_GINT64_CONSTANT (1003000001)

typedef struct
{
  MdDemoServer *server;
  char         *base_url;
  MdClient     *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = md_demo_server_new (NULL);
  md_demo_server_listen (fixture->server, 0, &error);
  g_assert_no_error (error);
  fixture->base_url = md_demo_server_get_base_url (fixture->server);

  fixture->client = md_client_new (fixture->base_url, "demo-key", &error);
  g_assert_no_error (error);
  md_client_set_timeout (fixture->client, 10);
  md_client_set_retry_policy (fixture->client, 3, 10);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->base_url, g_free);
}

/* Waiting with a deadline */

static gboolean
on_wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Predicate) (gpointer data);

static gboolean
spin_until (Predicate predicate,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_TIME_SPAN_SECOND;
  guint wake = g_timeout_add (10, on_wake, NULL);

  while (!predicate (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake);

  return predicate (data);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  g_assert_true (spin_until (result_arrived, slot));

  return *slot;
}

/* Synchronous wrappers */

static MdSnapshot *
get_domain (MdClient  *client,
            gint64     customer_id,
            MdDomain   domain,
            GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_client_get_domain_async (client, customer_id, domain, NULL, on_async_done, &result);
  return md_client_get_domain_finish (client, wait_for_result (&result), error);
}

static MdMemberData *
load_member (MdClient  *client,
             gint64     customer_id,
             GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_client_load_member_async (client, customer_id, NULL, on_async_done, &result);
  return md_client_load_member_finish (client, wait_for_result (&result), error);
}

static MdAmendment *
submit (MdClient    *client,
        gint64       customer_id,
        MdRecord    *current,
        MdRecord    *draft,
        const char  *signature,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_client_submit_async (client, customer_id, current, draft, signature, NULL,
                          on_async_done, &result);
  return md_client_submit_finish (client, wait_for_result (&result), error);
}

static gboolean
withdraw (MdClient  *client,
          gint64     customer_id,
          gint64     amendment_id,
          GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_client_withdraw_async (client, customer_id, amendment_id, NULL, on_async_done, &result);
  return md_client_withdraw_finish (client, wait_for_result (&result), error);
}

static gboolean
check_key (MdClient  *client,
           GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  md_client_check_key_async (client, NULL, on_async_done, &result);
  return md_client_check_key_finish (client, wait_for_result (&result), error);
}

/* The current values of a domain, and a draft with one field changed. */
static MdSnapshot *
read_for_edit (MdClient    *client,
               gint64       customer_id,
               MdDomain     domain,
               const char  *field,
               const char  *value,
               MdRecord   **out_draft)
{
  g_autoptr(GError) error = NULL;
  MdSnapshot *snapshot;

  snapshot = get_domain (client, customer_id, domain, &error);
  g_assert_no_error (error);

  *out_draft = md_record_copy (md_snapshot_get_values (snapshot));
  md_record_set (*out_draft, field, value);

  return snapshot;
}

static MdAmendment *
submit_change (MdClient    *client,
               gint64       customer_id,
               MdDomain     domain,
               const char  *field,
               const char  *value,
               const char  *signature,
               GError     **error)
{
  g_autoptr(MdRecord) draft = NULL;
  g_autoptr(MdSnapshot) snapshot = read_for_edit (client, customer_id, domain, field, value,
                                                  &draft);

  return submit (client, customer_id, md_snapshot_get_values (snapshot), draft, signature, error);
}

/* Demo staff, through the admin calls over HTTP */

static guint
admin_post (Fixture    *fixture,
            const char *path)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *uri = g_strconcat (fixture->base_url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "x-api-key",
                                "demo-key");
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    on_async_done, &result);
  body = soup_session_send_and_read_finish (session, wait_for_result (&result), &error);
  g_assert_no_error (error);

  return soup_message_get_status (message);
}

static guint
settle (Fixture    *fixture,
        gint64      customer_id,
        gint64      amendment_id,
        const char *verdict)
{
  g_autofree char *path = g_strdup_printf ("/demo/customers/%" G_GINT64_FORMAT "/amendments/%"
                                           G_GINT64_FORMAT "/%s",
                                           customer_id, amendment_id, verdict);

  return admin_post (fixture, path);
}

/* Pure helpers */

static void
test_loopback_hosts (void)
{
  g_assert_true (md_host_is_loopback ("localhost"));
  g_assert_true (md_host_is_loopback ("LocalHost"));
  g_assert_true (md_host_is_loopback ("127.0.0.1"));
  g_assert_true (md_host_is_loopback ("127.8.9.10"));
  g_assert_true (md_host_is_loopback ("::1"));
  g_assert_true (md_host_is_loopback ("[::1]"));

  g_assert_false (md_host_is_loopback (NULL));
  g_assert_false (md_host_is_loopback (""));
  g_assert_false (md_host_is_loopback ("example.com"));
  g_assert_false (md_host_is_loopback ("localhost.example.com"));
  g_assert_false (md_host_is_loopback ("127.0.0.1.example.com"));
  g_assert_false (md_host_is_loopback ("128.0.0.1"));
  g_assert_false (md_host_is_loopback ("10.0.0.1"));
  g_assert_false (md_host_is_loopback ("0.0.0.0"));
  g_assert_false (md_host_is_loopback ("::"));
  g_assert_false (md_host_is_loopback ("[::2]"));
  g_assert_false (md_host_is_loopback ("[::1"));
}

static void
test_accept_language (void)
{
  static const struct
  {
    const char *languages[8];
    const char *expected;
  } cases[] = {
    { { "de_DE.UTF-8", "de_DE", "de.UTF-8", "de", "C", NULL }, "de-DE, de;q=0.9, en;q=0.8" },
    { { "en_US.UTF-8", "en_US", "en.UTF-8", "en", "C", NULL }, "en-US, en;q=0.9" },
    { { "C", NULL }, "en" },
    { { "C.UTF-8", "C", "POSIX", NULL }, "en" },
    { { NULL }, "en" },
    { { "fr_CH.ISO-8859-1@euro", "fr_CH", "fr", NULL }, "fr-CH, fr;q=0.9, en;q=0.8" },
    { { "de", "de_DE", "DE", "de", NULL }, "de, de-DE;q=0.9, en;q=0.8" },
    { { "nl_BE", "en", "nl", NULL }, "nl-BE, en;q=0.9, nl;q=0.8" },
    { { "sr_RS@latin", "sr", "x y", "", NULL }, "sr-RS, sr;q=0.9, en;q=0.8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *header = md_accept_language_from_locale (cases[i].languages);

      g_assert_cmpstr (header, ==, cases[i].expected);
    }

  /* A very long list stays a valid header with descending weights. */
  {
    const char *many[] = { "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10",
                           "a11", "a12", NULL };
    g_autofree char *header = md_accept_language_from_locale (many);
    g_auto(GStrv) parts = g_strsplit (header, ", ", -1);

    g_assert_cmpuint (g_strv_length (parts), ==, 8);
    g_assert_cmpstr (parts[0], ==, "a1");
    g_assert_cmpstr (parts[6], ==, "a7;q=0.4");
    g_assert_cmpstr (parts[7], ==, "en;q=0.3");
    g_assert_null (strstr (header, "q=0.0"));
  }

  {
    g_autofree char *none = md_accept_language_from_locale (NULL);

    g_assert_cmpstr (none, ==, "en");
  }
}

static void
test_base_url (void)
{
  static const char * const accepted[] = {
    "https://open-api-demo.open-api.magicline.com",
    "https://open-api-demo.open-api.magicline.com/",
    "HTTPS://Studio.Example.COM:8443/",
    "https://example.com/gateway/",
    "http://127.0.0.1:8080",
    "http://127.0.0.1:8080/",
    "http://localhost:9000",
    "http://[::1]:9000/",
    "http://127.4.5.6",
  };
  static const char * const insecure[] = {
    "http://example.com",
    "http://example.com/",
    "http://192.168.1.10:8080",
    "http://localhost.example.com",
    "http://127.0.0.1.example.com",
    "http://[::2]:80",
  };
  static const char * const invalid[] = {
    "",
    "example.com",
    "ftp://example.com",
    "file:///etc/passwd",
    "https://",
    "https://user:secret@example.com",
    "https://example.com/?tenant=x",
    "https://example.com/#top",
    "https://exa mple.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MdClient) client = md_client_new (accepted[i], "key", &error);
      const char *base_url;

      g_test_message ("accepted: %s", accepted[i]);
      g_assert_no_error (error);
      g_assert_nonnull (client);
      base_url = md_client_get_base_url (client);
      g_assert_false (g_str_has_suffix (base_url, "/"));
    }

  {
    g_autoptr(MdClient) client = md_client_new ("http://127.0.0.1:8080///", "key", NULL);

    g_assert_cmpstr (md_client_get_base_url (client), ==, "http://127.0.0.1:8080");
  }

  for (guint i = 0; i < G_N_ELEMENTS (insecure); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MdClient) client = md_client_new (insecure[i], "key", &error);

      g_test_message ("insecure: %s", insecure[i]);
      g_assert_error (error, MD_API_ERROR, MD_API_ERROR_INSECURE);
      g_assert_null (client);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MdClient) client = md_client_new (invalid[i], "key", &error);

      g_test_message ("invalid: %s", invalid[i]);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (client);
    }

  /* A key that would split the header. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MdClient) client = md_client_new ("https://example.com", "key\r\nx-evil: 1",
                                                &error);

    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_null (client);
  }
}

/* Key check */

static void
test_check_key (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdClient) wrong = NULL;
  g_autoptr(MdClient) missing = NULL;

  g_assert_true (check_key (fixture->client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "HEAD"), ==, 1);

  wrong = md_client_new (fixture->base_url, "not-the-key", &error);
  g_assert_no_error (error);
  g_assert_false (check_key (wrong, &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (md_api_error_get_status (error), ==, 401);
  g_clear_error (&error);

  missing = md_client_new (fixture->base_url, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (check_key (missing, &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  g_clear_object (&missing);
  missing = md_client_new (fixture->base_url, "", &error);
  g_assert_no_error (error);
  g_assert_false (check_key (missing, &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  /* The wrong key is refused on real calls too, with the server's words. */
  {
    g_autoptr(MdSnapshot) snapshot = get_domain (wrong, 1001, MD_DOMAIN_CONTACT, &error);

    g_assert_null (snapshot);
    g_assert_error (error, MD_API_ERROR, MD_API_ERROR_UNAUTHORIZED);
    g_assert_nonnull (md_api_error_get_server_message (error));
  }
}

/* Reading */

static void
assert_modes (MdMemberData          *data,
              const MdAmendmentMode  modes[MD_N_DOMAINS])
{
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      g_assert_no_error (data->errors[i]);
      g_assert_nonnull (data->snapshots[i]);
      g_assert_cmpint (md_snapshot_get_domain (data->snapshots[i]), ==, i);
      g_assert_cmpint (md_snapshot_get_mode (data->snapshots[i]), ==, modes[i]);
    }
}

static void
test_load_seed (Fixture       *fixture,
                gconstpointer  data)
{
  static const MdAmendmentMode instant[] = {
    MD_AMENDMENT_MODE_INSTANT, MD_AMENDMENT_MODE_INSTANT,
    MD_AMENDMENT_MODE_INSTANT, MD_AMENDMENT_MODE_INSTANT,
  };
  static const MdAmendmentMode reviewed[] = {
    MD_AMENDMENT_MODE_REVIEWED, MD_AMENDMENT_MODE_REVIEWED,
    MD_AMENDMENT_MODE_REVIEWED, MD_AMENDMENT_MODE_REVIEWED,
  };
  static const MdAmendmentMode mixed[] = {
    MD_AMENDMENT_MODE_INSTANT, MD_AMENDMENT_MODE_REVIEWED,
    MD_AMENDMENT_MODE_READ, MD_AMENDMENT_MODE_REVIEWED,
  };
  static const MdAmendmentMode read_only[] = {
    MD_AMENDMENT_MODE_READ, MD_AMENDMENT_MODE_READ,
    MD_AMENDMENT_MODE_READ, MD_AMENDMENT_MODE_READ,
  };
  g_autoptr(MdMemberData) hoffmann = NULL;
  g_autoptr(MdMemberData) weber = NULL;
  g_autoptr(MdMemberData) schulz = NULL;
  g_autoptr(MdMemberData) becker = NULL;
  g_autoptr(GError) error = NULL;
  MdAmendment *pending;
  MdRecord *proposed;

  hoffmann = load_member (fixture->client, 1001, &error);
  g_assert_no_error (error);
  assert_modes (hoffmann, instant);
  g_assert_false (md_snapshot_get_require_signature (hoffmann->snapshots[MD_DOMAIN_PAYMENT]));
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (hoffmann->snapshots[MD_DOMAIN_CONTACT]),
                                  "email"), ==, "lena.hoffmann@example.org");
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (hoffmann->snapshots[MD_DOMAIN_MASTER]),
                                  "lastName"), ==, "Hoffmann");
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    g_assert_null (md_snapshot_get_pending (hoffmann->snapshots[i]));

  weber = load_member (fixture->client, 1002, &error);
  g_assert_no_error (error);
  assert_modes (weber, reviewed);
  g_assert_true (md_snapshot_get_require_signature (weber->snapshots[MD_DOMAIN_PAYMENT]));

  schulz = load_member (fixture->client, 1003, &error);
  g_assert_no_error (error);
  assert_modes (schulz, mixed);
  g_assert_true (md_snapshot_get_require_signature (schulz->snapshots[MD_DOMAIN_PAYMENT]));
  g_assert_null (md_snapshot_get_pending (schulz->snapshots[MD_DOMAIN_CONTACT]));

  /* The pending amendment comes as the full object. */
  pending = md_snapshot_get_pending (schulz->snapshots[MD_DOMAIN_ADDRESS]);
  g_assert_nonnull (pending);
  g_assert_cmpint (md_amendment_get_id (pending), ==, SCHULZ_PENDING_ID);
  proposed = md_amendment_get_values (pending);
  g_assert_nonnull (proposed);
  g_assert_cmpstr (md_record_get (proposed, "street"), ==, "Große Bergstraße");
  g_assert_cmpstr (md_record_get (proposed, "zipCode"), ==, "22767");
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (schulz->snapshots[MD_DOMAIN_ADDRESS]),
                                  "street"), ==, "Mönckebergstraße");

  becker = load_member (fixture->client, 1004, &error);
  g_assert_no_error (error);
  assert_modes (becker, read_only);

  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "GET"), ==, 16);
}

static void
test_load_unknown_member (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MdMemberData) member = NULL;
  g_autoptr(GError) error = NULL;

  /* The load itself succeeds; each domain says why it failed. */
  member = load_member (fixture->client, 4711, &error);
  g_assert_no_error (error);
  g_assert_nonnull (member);

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      g_assert_null (member->snapshots[i]);
      g_assert_error (member->errors[i], MD_API_ERROR, MD_API_ERROR_NOT_FOUND);
      g_assert_cmpuint (md_api_error_get_status (member->errors[i]), ==, 404);
      g_assert_nonnull (md_api_error_get_server_message (member->errors[i]));
    }
}

static void
test_load_with_latency (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MdMemberData) member = NULL;
  g_autoptr(GError) error = NULL;

  md_demo_server_set_latency (fixture->server, 200);
  member = load_member (fixture->client, 1003, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      g_assert_no_error (member->errors[i]);
      g_assert_nonnull (member->snapshots[i]);
    }
}

/* Writing */

static void
test_submit_instant (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(MdSnapshot) after = NULL;
  g_autoptr(MdSnapshot) untouched = NULL;
  g_autoptr(GError) error = NULL;
  MdRecord *values;

  amendment = submit_change (fixture->client, 1001, MD_DOMAIN_CONTACT,
                             "email", "lena.berger@example.org", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (amendment);

  after = get_domain (fixture->client, 1001, MD_DOMAIN_CONTACT, &error);
  g_assert_no_error (error);
  values = md_snapshot_get_values (after);
  g_assert_cmpstr (md_record_get (values, "email"), ==, "lena.berger@example.org");
  /* The whole object went out: the other fields are still there. */
  g_assert_cmpstr (md_record_get (values, "phonePrivate"), ==, "+49 30 61283947");
  g_assert_null (md_snapshot_get_pending (after));

  /* Another member is not affected. */
  untouched = get_domain (fixture->client, 1002, MD_DOMAIN_CONTACT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (untouched), "email"), ==,
                   "jonas.weber@example.com");

  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "POST"), ==, 1);
}

static void
test_submit_instant_iban (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(MdSnapshot) after = NULL;
  g_autoptr(GError) error = NULL;

  /* Typed with spaces, sent normalised. */
  amendment = submit_change (fixture->client, 1001, MD_DOMAIN_PAYMENT,
                             "iban", "de89 3704 0044 0532 0130 00", NULL, &error);
  g_assert_no_error (error);

  after = get_domain (fixture->client, 1001, MD_DOMAIN_PAYMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (after), "iban"), ==,
                   "DE89370400440532013000");
}

static void
test_submit_reviewed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(MdSnapshot) after = NULL;
  g_autoptr(GError) error = NULL;
  MdAmendment *pending;

  amendment = submit_change (fixture->client, 1002, MD_DOMAIN_ADDRESS,
                             "houseNumber", "6b", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (md_amendment_get_id (amendment), >, 0);
  g_assert_cmpstr (md_record_get (md_amendment_get_values (amendment), "houseNumber"), ==, "6b");

  /* Old values, plus the change waiting for approval. */
  after = get_domain (fixture->client, 1002, MD_DOMAIN_ADDRESS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (after), "houseNumber"), ==, "4");
  pending = md_snapshot_get_pending (after);
  g_assert_nonnull (pending);
  g_assert_cmpint (md_amendment_get_id (pending), ==, md_amendment_get_id (amendment));
  g_assert_cmpstr (md_record_get (md_amendment_get_values (pending), "houseNumber"), ==, "6b");
  g_assert_cmpstr (md_record_get (md_amendment_get_values (pending), "city"), ==, "München");
}

static void
test_submit_conflict (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(MdAmendment) second = NULL;
  g_autoptr(GError) error = NULL;

  /* 1003's address already has a change waiting. */
  amendment = submit_change (fixture->client, 1003, MD_DOMAIN_ADDRESS,
                             "houseNumber", "9", NULL, &error);
  g_assert_null (amendment);
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_CONFLICT);
  g_assert_cmpuint (md_api_error_get_status (error), ==, 409);
  g_assert_cmpstr (md_api_error_get_code (error), ==, "AMENDMENT_ALREADY_PENDING");
  g_assert_nonnull (md_api_error_get_server_message (error));
  g_assert_cmpstr (error->message, ==, md_api_error_get_server_message (error));
  g_assert_nonnull (md_api_error_get_trace_id (error));
  g_clear_error (&error);

  /* A fresh reviewed change, then a second one on top of it. */
  amendment = submit_change (fixture->client, 1002, MD_DOMAIN_MASTER,
                             "lastName", "Weber-Schmidt", NULL, &error);
  g_assert_no_error (error);
  second = submit_change (fixture->client, 1002, MD_DOMAIN_MASTER,
                          "lastName", "Schmidt", NULL, &error);
  g_assert_null (second);
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_CONFLICT);
  g_assert_cmpstr (md_api_error_get_code (error), ==, "AMENDMENT_ALREADY_PENDING");
}

static void
test_submit_read_only (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct
  {
    gint64      customer_id;
    MdDomain    domain;
    const char *field;
    const char *value;
  } cases[] = {
    { 1004, MD_DOMAIN_CONTACT, "email", "k.becker@example.com" },
    { 1004, MD_DOMAIN_PAYMENT, "bankName", "Sparkasse KölnBonn" },
    { 1003, MD_DOMAIN_MASTER, "lastName", "Schulz-Meyer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MdAmendment) amendment = NULL;
      g_autoptr(GError) error = NULL;

      amendment = submit_change (fixture->client, cases[i].customer_id, cases[i].domain,
                                 cases[i].field, cases[i].value, NULL, &error);
      g_assert_null (amendment);
      g_assert_error (error, MD_API_ERROR, MD_API_ERROR_FORBIDDEN);
      g_assert_cmpuint (md_api_error_get_status (error), ==, 403);
      g_assert_cmpstr (md_api_error_get_code (error), ==, "SELF_SERVICE_READ_ONLY");
    }
}

static void
test_submit_validation (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct
  {
    MdDomain    domain;
    const char *field;
    const char *value;
  } cases[] = {
    { MD_DOMAIN_ADDRESS, "zipCode", "ABC12" },
    { MD_DOMAIN_ADDRESS, "countryCode", "XX" },
    { MD_DOMAIN_ADDRESS, "street", "" },
    { MD_DOMAIN_PAYMENT, "iban", "DE00 1234 5678 9012 3456 78" },
    { MD_DOMAIN_PAYMENT, "bic", "NOTABIC" },
    { MD_DOMAIN_CONTACT, "email", "lena at example" },
    { MD_DOMAIN_CONTACT, "phonePrivate", "call me maybe" },
    { MD_DOMAIN_MASTER, "gender", "UNKNOWN" },
    { MD_DOMAIN_MASTER, "dateOfBirth", "2999-01-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MdAmendment) amendment = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s = %s", cases[i].field, cases[i].value);
      amendment = submit_change (fixture->client, 1001, cases[i].domain,
                                 cases[i].field, cases[i].value, NULL, &error);
      g_assert_null (amendment);
      g_assert_error (error, MD_API_ERROR, MD_API_ERROR_VALIDATION);
      g_assert_cmpuint (md_api_error_get_status (error), ==, 400);
      g_assert_cmpstr (md_api_error_get_reference (error), ==, cases[i].field);
      g_assert_nonnull (md_api_error_get_server_message (error));
    }

  /* Nothing of it landed. */
  {
    g_autoptr(MdSnapshot) address = NULL;
    g_autoptr(GError) error = NULL;

    address = get_domain (fixture->client, 1001, MD_DOMAIN_ADDRESS, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (md_record_get (md_snapshot_get_values (address), "zipCode"), ==, "10969");
  }
}

static void
test_submit_signature (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *valid = g_base64_encode ((const guchar *) TINY_SVG, strlen (TINY_SVG));
  g_autofree char *not_svg = g_base64_encode ((const guchar *) "hello", 5);
  g_autofree char *prefixed = g_strconcat ("data:image/svg+xml;base64,", valid, NULL);
  const char * const refused[] = { NULL, not_svg, prefixed, "%%%not base64%%%" };
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(MdSnapshot) after = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(MdAmendment) refused_amendment = NULL;
      g_autoptr(GError) refused_error = NULL;

      refused_amendment = submit_change (fixture->client, 1002, MD_DOMAIN_PAYMENT,
                                         "bankName", "Stadtsparkasse München Filiale Ost",
                                         refused[i], &refused_error);
      g_assert_null (refused_amendment);
      g_assert_error (refused_error, MD_API_ERROR, MD_API_ERROR_VALIDATION);
      g_assert_cmpstr (md_api_error_get_reference (refused_error), ==,
                       "signature.base64SvgSignature");
    }

  amendment = submit_change (fixture->client, 1002, MD_DOMAIN_PAYMENT,
                             "bankName", "Stadtsparkasse München Filiale Ost", valid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (md_amendment_get_id (amendment), >, 0);

  after = get_domain (fixture->client, 1002, MD_DOMAIN_PAYMENT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (md_snapshot_get_pending (after));

  /* 1001 needs no signature. */
  g_clear_object (&amendment);
  amendment = submit_change (fixture->client, 1001, MD_DOMAIN_PAYMENT,
                             "bankName", "Berliner Volksbank", NULL, &error);
  g_assert_no_error (error);
}

static void
test_withdraw (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MdSnapshot) after = NULL;
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (withdraw (fixture->client, 1003, SCHULZ_PENDING_ID, &error));
  g_assert_no_error (error);

  after = get_domain (fixture->client, 1003, MD_DOMAIN_ADDRESS, &error);
  g_assert_no_error (error);
  g_assert_null (md_snapshot_get_pending (after));
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (after), "street"), ==,
                   "Mönckebergstraße");

  /* Twice: gone. */
  g_assert_false (withdraw (fixture->client, 1003, SCHULZ_PENDING_ID, &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_NOT_FOUND);
  g_assert_cmpuint (md_api_error_get_status (error), ==, 404);
  g_clear_error (&error);

  /* Another customer's amendment, an unknown one, an unknown customer. */
  amendment = submit_change (fixture->client, 1002, MD_DOMAIN_CONTACT,
                             "email", "j.weber@example.com", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (withdraw (fixture->client, 1001, md_amendment_get_id (amendment), &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (withdraw (fixture->client, 1002, 999999, &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (withdraw (fixture->client, 4711, md_amendment_get_id (amendment), &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The right one works, and the change can then be filed anew. */
  g_assert_true (withdraw (fixture->client, 1002, md_amendment_get_id (amendment), &error));
  g_assert_no_error (error);
  g_clear_object (&amendment);
  amendment = submit_change (fixture->client, 1002, MD_DOMAIN_CONTACT,
                             "email", "j.weber@example.com", NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "DELETE"), ==, 6);
}

/* Approval, rejection and the webhook */

typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *entity_ids;  /* gint64 * */
  GPtrArray  *keys;
} Webhook;

static void
webhook_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Webhook *webhook = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "x-api-key");
  gint64 *entity_id = g_new0 (gint64, 1);
  JsonObject *object;
  JsonArray *payload;

  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  *entity_id = json_object_get_int_member (object, "entityId");
  g_assert_nonnull (json_object_get_string_member (object, "uuid"));
  payload = json_object_get_array_member (object, "payload");
  g_assert_cmpuint (json_array_get_length (payload), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (payload, 0),
                                                  "type"), ==, "CUSTOMER_UPDATED");

  g_ptr_array_add (webhook->entity_ids, entity_id);
  g_ptr_array_add (webhook->keys, g_strdup (key));

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static Webhook *
webhook_new (void)
{
  Webhook *webhook = g_new0 (Webhook, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  webhook->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (webhook->server, "/hook", webhook_cb, webhook, NULL);
  soup_server_listen_local (webhook->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (webhook->server);
  webhook->url = g_strdup_printf ("http://127.0.0.1:%d/hook", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  webhook->entity_ids = g_ptr_array_new_with_free_func (g_free);
  webhook->keys = g_ptr_array_new_with_free_func (g_free);

  return webhook;
}

static void
webhook_free (Webhook *webhook)
{
  soup_server_disconnect (webhook->server);
  g_object_unref (webhook->server);
  g_ptr_array_unref (webhook->entity_ids);
  g_ptr_array_unref (webhook->keys);
  g_free (webhook->url);
  g_free (webhook);
}

typedef struct
{
  Webhook *webhook;
  guint    count;
} WebhookWait;

static gboolean
webhook_count_reached (gpointer data)
{
  WebhookWait *wait = data;

  return wait->webhook->entity_ids->len >= wait->count;
}

static void
wait_for_webhooks (Webhook *webhook,
                   guint    count)
{
  WebhookWait wait = { webhook, count };

  g_assert_true (spin_until (webhook_count_reached, &wait));
}

static void
assert_webhook (Webhook *webhook,
                guint    index,
                gint64   customer_id)
{
  g_assert_cmpint (*(gint64 *) g_ptr_array_index (webhook->entity_ids, index), ==, customer_id);
  g_assert_cmpstr (g_ptr_array_index (webhook->keys, index), ==, "hook-key");
}

static void
test_approve_and_reject (Fixture       *fixture,
                         gconstpointer  data)
{
  Webhook *webhook = webhook_new ();
  g_autoptr(MdAmendment) approved = NULL;
  g_autoptr(MdAmendment) rejected = NULL;
  g_autoptr(MdAmendment) instant = NULL;
  g_autoptr(MdSnapshot) after_approval = NULL;
  g_autoptr(MdSnapshot) after_rejection = NULL;
  g_autoptr(GError) error = NULL;

  md_demo_server_set_webhook (fixture->server, webhook->url, "hook-key");

  approved = submit_change (fixture->client, 1002, MD_DOMAIN_CONTACT,
                            "phonePrivateMobile", "+49 170 1112223", NULL, &error);
  g_assert_no_error (error);
  rejected = submit_change (fixture->client, 1002, MD_DOMAIN_MASTER,
                            "firstName", "Jonathan", NULL, &error);
  g_assert_no_error (error);

  /* Queued changes send nothing yet. */
  g_assert_cmpuint (webhook->entity_ids->len, ==, 0);

  g_assert_cmpuint (settle (fixture, 1002, md_amendment_get_id (approved), "approve"), ==, 200);
  wait_for_webhooks (webhook, 1);
  assert_webhook (webhook, 0, 1002);

  after_approval = get_domain (fixture->client, 1002, MD_DOMAIN_CONTACT, &error);
  g_assert_no_error (error);
  g_assert_null (md_snapshot_get_pending (after_approval));
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (after_approval), "phonePrivateMobile"),
                   ==, "+49 170 1112223");

  g_assert_cmpuint (settle (fixture, 1002, md_amendment_get_id (rejected), "reject"), ==, 200);
  wait_for_webhooks (webhook, 2);
  assert_webhook (webhook, 1, 1002);

  after_rejection = get_domain (fixture->client, 1002, MD_DOMAIN_MASTER, &error);
  g_assert_no_error (error);
  g_assert_null (md_snapshot_get_pending (after_rejection));
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (after_rejection), "firstName"), ==,
                   "Jonas");

  /* Settled ones cannot be settled or withdrawn again. */
  g_assert_cmpuint (settle (fixture, 1002, md_amendment_get_id (approved), "reject"), ==, 404);
  g_assert_cmpuint (settle (fixture, 1002, md_amendment_get_id (rejected), "approve"), ==, 404);
  g_assert_false (withdraw (fixture->client, 1002, md_amendment_get_id (approved), &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An instant change sends one too. */
  instant = submit_change (fixture->client, 1001, MD_DOMAIN_CONTACT,
                           "phonePrivate", "+49 30 7654321", NULL, &error);
  g_assert_no_error (error);
  wait_for_webhooks (webhook, 3);
  assert_webhook (webhook, 2, 1001);

  md_demo_server_set_webhook (fixture->server, NULL, NULL);
  webhook_free (webhook);
}

/* Cancellation */

static gboolean
get_counted (gpointer data)
{
  Fixture *fixture = data;

  return md_demo_server_get_request_count (fixture->server, "GET") > 0;
}

static void
test_cancel_in_flight (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) load_result = NULL;
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(MdMemberData) member = NULL;
  g_autoptr(GCancellable) load_cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  /* Far longer than any wait here: only the cancellation can end it. */
  md_demo_server_set_latency (fixture->server, 120 * 1000);

  md_client_get_domain_async (fixture->client, 1001, MD_DOMAIN_CONTACT, cancellable,
                              on_async_done, &result);
  g_assert_true (spin_until (get_counted, fixture));
  g_cancellable_cancel (cancellable);

  snapshot = md_client_get_domain_finish (fixture->client, wait_for_result (&result), &error);
  g_assert_null (snapshot);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  md_client_load_member_async (fixture->client, 1001, load_cancellable, on_async_done,
                               &load_result);
  g_cancellable_cancel (load_cancellable);
  member = md_client_load_member_finish (fixture->client, wait_for_result (&load_result), &error);
  g_assert_null (member);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_cancel_before_start (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(MdRecord) current = md_record_new (MD_DOMAIN_CONTACT);
  g_autoptr(MdRecord) draft = md_record_new (MD_DOMAIN_CONTACT);
  g_autoptr(GError) error = NULL;

  md_record_set (draft, "email", "lena.berger@example.org");
  g_cancellable_cancel (cancellable);

  md_client_submit_async (fixture->client, 1001, current, draft, NULL, cancellable,
                          on_async_done, &result);
  amendment = md_client_submit_finish (fixture->client, wait_for_result (&result), &error);
  g_assert_null (amendment);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "POST"), ==, 0);
}

static void
test_cancel_during_backoff (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  /* The first answer is a 503; the retry would wait a minute. */
  md_client_set_retry_policy (fixture->client, 3, 60 * 1000);
  md_demo_server_inject_faults (fixture->server, 1, 503, FALSE);

  md_client_get_domain_async (fixture->client, 1001, MD_DOMAIN_CONTACT, cancellable,
                              on_async_done, &result);
  g_assert_true (spin_until (get_counted, fixture));
  g_cancellable_cancel (cancellable);

  snapshot = md_client_get_domain_finish (fixture->client, wait_for_result (&result), &error);
  g_assert_null (snapshot);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "GET"), ==, 1);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  md_demo_server_set_latency (fixture->server, 120 * 1000);
  md_client_set_timeout (fixture->client, 1);

  snapshot = get_domain (fixture->client, 1001, MD_DOMAIN_CONTACT, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_TIMEOUT);
  /* A timeout is not a reason to ask again. */
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "GET"), ==, 1);
}

/* Retries */

static void
test_retry_unavailable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  md_demo_server_inject_faults (fixture->server, 2, 503, FALSE);
  snapshot = get_domain (fixture->client, 1001, MD_DOMAIN_MASTER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (snapshot), "firstName"), ==, "Lena");
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "GET"), ==, 3);

  /* A 429 is retried the same way. */
  md_demo_server_reset (fixture->server);
  md_demo_server_inject_faults (fixture->server, 1, 429, FALSE);
  g_clear_object (&snapshot);
  snapshot = get_domain (fixture->client, 1001, MD_DOMAIN_MASTER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "GET"), ==, 2);
}

static void
test_retry_exhausted (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(MdSnapshot) later = NULL;
  g_autoptr(GError) error = NULL;

  md_demo_server_inject_faults (fixture->server, 10, 429, FALSE);
  snapshot = get_domain (fixture->client, 1001, MD_DOMAIN_CONTACT, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (md_api_error_get_status (error), ==, 429);
  g_assert_cmpstr (md_api_error_get_code (error), ==, "INJECTED_FAULT");
  /* The first try and three retries. */
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "GET"), ==, 4);
  g_clear_error (&error);

  md_demo_server_reset (fixture->server);
  md_client_set_retry_policy (fixture->client, 0, 10);
  md_demo_server_inject_faults (fixture->server, 1, 503, FALSE);
  later = get_domain (fixture->client, 1001, MD_DOMAIN_CONTACT, &error);
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_UNAVAILABLE);
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "GET"), ==, 1);
}

static void
test_no_retry_for_writes (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(MdSnapshot) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdRecord) draft = NULL;
  g_autoptr(MdSnapshot) before = read_for_edit (fixture->client, 1001, MD_DOMAIN_CONTACT,
                                                "email", "lena.berger@example.org", &draft);

  md_demo_server_inject_faults (fixture->server, 1, 503, FALSE);
  amendment = submit (fixture->client, 1001, md_snapshot_get_values (before), draft, NULL,
                      &error);
  g_assert_null (amendment);
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_UNAVAILABLE);
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "POST"), ==, 1);
  g_clear_error (&error);

  after = get_domain (fixture->client, 1001, MD_DOMAIN_CONTACT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (after), "email"), ==,
                   "lena.hoffmann@example.org");

  md_demo_server_inject_faults (fixture->server, 1, 429, FALSE);
  g_assert_false (withdraw (fixture->client, 1003, SCHULZ_PENDING_ID, &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "DELETE"), ==, 1);
}

static void
test_broken_body (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  md_demo_server_inject_faults (fixture->server, 1, 200, TRUE);
  snapshot = get_domain (fixture->client, 1001, MD_DOMAIN_CONTACT, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_MALFORMED_RESPONSE);
  g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "GET"), ==, 1);
}

static void
test_server_error_message (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  md_demo_server_inject_faults (fixture->server, 1, 500, FALSE);
  snapshot = get_domain (fixture->client, 1001, MD_DOMAIN_CONTACT, &error);
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_SERVER);
  g_assert_cmpuint (md_api_error_get_status (error), ==, 500);
  g_assert_cmpstr (md_api_error_get_code (error), ==, "INJECTED_FAULT");
}

/* A POST whose answer is lost: a proxy forwards it (or not) and hangs up */

typedef struct
{
  SoupServer  *server;
  SoupSession *session;
  char        *target;
  char        *url;
  gboolean     forward;
  guint        posts;
} LossyProxy;

typedef struct
{
  LossyProxy        *proxy;
  SoupServerMessage *msg;
} Forward;

static void
hang_up (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
}

static void
on_forwarded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Forward *forward = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);

  hang_up (forward->msg);
  g_object_unref (forward->msg);
  g_free (forward);
}

static void
proxy_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  LossyProxy *proxy = user_data;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *uri = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Forward *forward;

  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
  proxy->posts++;

  if (!proxy->forward)
    {
      hang_up (msg);
      return;
    }

  uri = g_strconcat (proxy->target, path, NULL);
  message = soup_message_new (SOUP_METHOD_POST, uri);
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  soup_message_headers_replace (soup_message_get_request_headers (message), "x-api-key",
                                soup_message_headers_get_one (headers, "x-api-key"));
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  forward = g_new0 (Forward, 1);
  forward->proxy = proxy;
  forward->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  soup_session_send_and_read_async (proxy->session, message, G_PRIORITY_DEFAULT, NULL,
                                    on_forwarded, forward);
}

static LossyProxy *
lossy_proxy_new (const char *target)
{
  LossyProxy *proxy = g_new0 (LossyProxy, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  proxy->target = g_strdup (target);
  proxy->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  proxy->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy->server, NULL, proxy_cb, proxy, NULL);
  soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (proxy->server);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return proxy;
}

static void
lossy_proxy_free (LossyProxy *proxy)
{
  soup_server_disconnect (proxy->server);
  g_object_unref (proxy->server);
  g_object_unref (proxy->session);
  g_free (proxy->target);
  g_free (proxy->url);
  g_free (proxy);
}

static void
test_lost_post_answer (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct
  {
    gint64   customer_id;
    gboolean forward;
  } cases[] = {
    { 1001, TRUE },   /* instant: landed, the new value shows */
    { 1002, TRUE },   /* reviewed: landed, a pending amendment shows */
    { 1001, FALSE },  /* never reached the server: nothing changed */
    { 1002, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LossyProxy *proxy = lossy_proxy_new (fixture->base_url);
      g_autoptr(MdClient) lossy_client = NULL;
      g_autoptr(MdAmendment) amendment = NULL;
      g_autoptr(MdSnapshot) refetched = NULL;
      g_autoptr(MdSnapshot) before = NULL;
      g_autoptr(MdRecord) draft = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id = cases[i].customer_id;
      MdAmendment *pending;
      const char *email;
      gboolean landed;

      md_demo_server_reset (fixture->server);
      proxy->forward = cases[i].forward;

      lossy_client = md_client_new (proxy->url, "demo-key", &error);
      g_assert_no_error (error);

      before = read_for_edit (fixture->client, id, MD_DOMAIN_CONTACT,
                              "email", "neue.adresse@example.org", &draft);
      amendment = submit (lossy_client, id, md_snapshot_get_values (before), draft, NULL, &error);
      g_assert_null (amendment);
      g_assert_error (error, MD_API_ERROR, MD_API_ERROR_NETWORK);

      /* Sent once only, never again behind the caller's back. */
      g_assert_cmpuint (proxy->posts, ==, 1);
      g_assert_cmpuint (md_demo_server_get_request_count (fixture->server, "POST"), ==,
                        cases[i].forward ? 1 : 0);

      /* The caller's part: re-read before deciding anything. */
      g_clear_error (&error);
      refetched = get_domain (fixture->client, id, MD_DOMAIN_CONTACT, &error);
      g_assert_no_error (error);
      pending = md_snapshot_get_pending (refetched);
      email = md_record_get (md_snapshot_get_values (refetched), "email");

      landed = g_strcmp0 (email, "neue.adresse@example.org") == 0 ||
               (pending != NULL &&
                g_strcmp0 (md_record_get (md_amendment_get_values (pending), "email"),
                           "neue.adresse@example.org") == 0);
      g_assert_cmpint (landed, ==, cases[i].forward);

      if (id == 1002 && cases[i].forward)
        g_assert_nonnull (pending);
      if (!cases[i].forward)
        g_assert_null (pending);

      lossy_proxy_free (proxy);
    }
}

/* Concurrency and headers, seen by a server of the test's own */

typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *paused;
  guint       in_flight;
  guint       max_in_flight;
  guint       release_at;
  guint       safety_id;
  char       *accept_language;
  char       *user_agent;
  char       *api_key;
} Gate;

static void
gate_release (Gate *gate)
{
  for (guint i = 0; i < gate->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (gate->paused, i);
      static const char body[] = "{\"amendmentConfigurationStatus\":\"READ\"}";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
      soup_server_message_unpause (msg);
      gate->in_flight--;
    }

  g_ptr_array_set_size (gate->paused, 0);
}

/* Releases whatever waits, so that a client that does not run the requests
 * side by side fails the assertion instead of hanging. */
static gboolean
gate_safety (gpointer user_data)
{
  Gate *gate = user_data;

  gate_release (gate);

  return G_SOURCE_CONTINUE;
}

static void
gate_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Gate *gate = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  g_free (gate->accept_language);
  gate->accept_language = g_strdup (soup_message_headers_get_one (headers, "Accept-Language"));
  g_free (gate->user_agent);
  gate->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  g_free (gate->api_key);
  gate->api_key = g_strdup (soup_message_headers_get_one (headers, "x-api-key"));

  gate->in_flight++;
  gate->max_in_flight = MAX (gate->max_in_flight, gate->in_flight);
  g_ptr_array_add (gate->paused, g_object_ref (msg));
  soup_server_message_pause (msg);

  if (gate->in_flight >= gate->release_at)
    gate_release (gate);
}

static Gate *
gate_new (guint release_at)
{
  Gate *gate = g_new0 (Gate, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  gate->release_at = release_at;
  gate->paused = g_ptr_array_new_with_free_func (g_object_unref);
  gate->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (gate->server, NULL, gate_cb, gate, NULL);
  soup_server_listen_local (gate->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (gate->server);
  gate->url = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  gate->safety_id = g_timeout_add_seconds (5, gate_safety, gate);

  return gate;
}

static void
gate_free (Gate *gate)
{
  g_source_remove (gate->safety_id);
  gate_release (gate);
  soup_server_disconnect (gate->server);
  g_object_unref (gate->server);
  g_ptr_array_unref (gate->paused);
  g_free (gate->url);
  g_free (gate->accept_language);
  g_free (gate->user_agent);
  g_free (gate->api_key);
  g_free (gate);
}

static void
test_load_concurrent (void)
{
  Gate *gate = gate_new (MD_N_DOMAINS);
  g_autoptr(MdClient) client = NULL;
  g_autoptr(MdMemberData) member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_language = NULL;

  client = md_client_new (gate->url, "gate-key", &error);
  g_assert_no_error (error);

  member = load_member (client, 1001, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      g_assert_no_error (member->errors[i]);
      g_assert_cmpint (md_snapshot_get_mode (member->snapshots[i]), ==, MD_AMENDMENT_MODE_READ);
    }

  /* All four were at the server at the same time. */
  g_assert_cmpuint (gate->max_in_flight, ==, MD_N_DOMAINS);

  /* The default Accept-Language follows the user's languages. */
  expected_language = md_accept_language_from_locale (g_get_language_names ());
  g_assert_cmpstr (gate->accept_language, ==, expected_language);
  g_assert_true (g_str_has_suffix (gate->accept_language, "en") ||
                 strstr (gate->accept_language, "en;q=") != NULL);
  g_assert_cmpstr (gate->user_agent, ==, "member-desk/" PACKAGE_VERSION);
  g_assert_cmpstr (gate->api_key, ==, "gate-key");

  g_clear_object (&client);
  gate_free (gate);
}

static void
test_accept_language_sent (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MdSnapshot) german = NULL;
  g_autoptr(MdSnapshot) english = NULL;
  g_autoptr(GError) german_error = NULL;
  g_autoptr(GError) english_error = NULL;

  /* The demo answers in the language asked for. */
  md_client_set_accept_language (fixture->client, "de-DE, de;q=0.9, en;q=0.8");
  german = get_domain (fixture->client, 4711, MD_DOMAIN_CONTACT, &german_error);
  g_assert_error (german_error, MD_API_ERROR, MD_API_ERROR_NOT_FOUND);

  md_client_set_accept_language (fixture->client, "en");
  english = get_domain (fixture->client, 4711, MD_DOMAIN_CONTACT, &english_error);
  g_assert_error (english_error, MD_API_ERROR, MD_API_ERROR_NOT_FOUND);

  g_assert_cmpstr (german_error->message, !=, english_error->message);
  g_assert_cmpstr (md_api_error_get_code (german_error), ==, md_api_error_get_code (english_error));
  g_test_message ("de: %s / en: %s", german_error->message, english_error->message);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/url/loopback-hosts", test_loopback_hosts);
  g_test_add_func ("/client/url/base-url", test_base_url);
  g_test_add_func ("/client/headers/accept-language", test_accept_language);
  ADD_TEST ("/client/headers/accept-language-sent", test_accept_language_sent);
  ADD_TEST ("/client/key/check", test_check_key);
  ADD_TEST ("/client/load/seed", test_load_seed);
  ADD_TEST ("/client/load/unknown-member", test_load_unknown_member);
  ADD_TEST ("/client/load/latency", test_load_with_latency);
  g_test_add_func ("/client/load/concurrent", test_load_concurrent);
  ADD_TEST ("/client/submit/instant", test_submit_instant);
  ADD_TEST ("/client/submit/instant-iban", test_submit_instant_iban);
  ADD_TEST ("/client/submit/reviewed", test_submit_reviewed);
  ADD_TEST ("/client/submit/conflict", test_submit_conflict);
  ADD_TEST ("/client/submit/read-only", test_submit_read_only);
  ADD_TEST ("/client/submit/validation", test_submit_validation);
  ADD_TEST ("/client/submit/signature", test_submit_signature);
  ADD_TEST ("/client/submit/lost-answer", test_lost_post_answer);
  ADD_TEST ("/client/withdraw", test_withdraw);
  ADD_TEST ("/client/webhook/approve-and-reject", test_approve_and_reject);
  ADD_TEST ("/client/cancel/in-flight", test_cancel_in_flight);
  ADD_TEST ("/client/cancel/before-start", test_cancel_before_start);
  ADD_TEST ("/client/cancel/during-backoff", test_cancel_during_backoff);
  ADD_TEST ("/client/timeout", test_timeout);
  ADD_TEST ("/client/retry/unavailable-then-ok", test_retry_unavailable);
  ADD_TEST ("/client/retry/exhausted", test_retry_exhausted);
  ADD_TEST ("/client/retry/never-for-writes", test_no_retry_for_writes);
  ADD_TEST ("/client/errors/broken-body", test_broken_body);
  ADD_TEST ("/client/errors/server-error", test_server_error_message);

  return g_test_run ();
}

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
#include "md-test-utils.h"

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

static guint
request_count (Fixture    *fixture,
               const char *method)
{
  return md_demo_server_get_request_count (fixture->server, method);
}

/* Reads @domain, which must work; checks @field against @expected unless
 * @field is NULL. */
static MdSnapshot *
assert_current (Fixture    *fixture,
                gint64      customer_id,
                MdDomain    domain,
                const char *field,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  MdSnapshot *snapshot;

  snapshot = md_test_get_domain (fixture->client, customer_id, domain, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  if (field != NULL)
    g_assert_cmpstr (md_record_get (md_snapshot_get_values (snapshot), field), ==, expected);

  return snapshot;
}

/* Reads @domain, which must fail with @code; returns the error. */
static GError *
get_refused (MdClient   *client,
             gint64      customer_id,
             MdDomain    domain,
             MdApiError  code)
{
  g_autoptr(MdSnapshot) snapshot = NULL;
  GError *error = NULL;

  snapshot = md_test_get_domain (client, customer_id, domain, &error);
  g_assert_null (snapshot);
  g_assert_error (error, MD_API_ERROR, (int) code);

  return error;
}

/* One field of one member's domain, and the value it is to take. */
typedef struct
{
  gint64      customer_id;
  MdDomain    domain;
  const char *field;
  const char *value;
} Change;

/* The current values of a domain, and a draft with @change made. */
static MdSnapshot *
read_for_edit (Fixture       *fixture,
               const Change  *change,
               MdRecord     **out_draft)
{
  MdSnapshot *snapshot = assert_current (fixture, change->customer_id, change->domain, NULL, NULL);

  *out_draft = md_record_copy (md_snapshot_get_values (snapshot));
  md_record_set (*out_draft, change->field, change->value);

  return snapshot;
}

static MdAmendment *
submit_change (Fixture       *fixture,
               const Change  *change,
               const char    *signature,
               GError       **error)
{
  g_autoptr(MdRecord) draft = NULL;
  g_autoptr(MdSnapshot) snapshot = read_for_edit (fixture, change, &draft);

  return md_test_submit (fixture->client, change->customer_id, md_snapshot_get_values (snapshot),
                         draft, signature, error);
}

/* Submits @change, which must be accepted. */
static MdAmendment *
submit_accepted (Fixture      *fixture,
                 const Change *change,
                 const char   *signature)
{
  g_autoptr(GError) error = NULL;
  MdAmendment *amendment;

  amendment = submit_change (fixture, change, signature, &error);
  g_assert_no_error (error);
  g_assert_nonnull (amendment);

  return amendment;
}

/* Submits @change, which must be refused with @code; returns the error. */
static GError *
submit_refused (Fixture      *fixture,
                const Change *change,
                const char   *signature,
                MdApiError    code)
{
  g_autoptr(MdAmendment) amendment = NULL;
  GError *error = NULL;

  amendment = submit_change (fixture, change, signature, &error);
  g_assert_null (amendment);
  g_assert_error (error, MD_API_ERROR, (int) code);

  return error;
}

static void
assert_withdraw_gone (Fixture *fixture,
                      gint64   customer_id,
                      gint64   amendment_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (md_test_withdraw (fixture->client, customer_id, amendment_id, &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_NOT_FOUND);
  g_assert_cmpuint (md_api_error_get_status (error), ==, 404);
}

/* Demo staff decide over HTTP, with the admin calls. */
static guint
settle (Fixture    *fixture,
        gint64      customer_id,
        gint64      amendment_id,
        const char *verdict)
{
  g_autofree char *path = g_strdup_printf ("/demo/customers/%" G_GINT64_FORMAT "/amendments/%"
                                           G_GINT64_FORMAT "/%s",
                                           customer_id, amendment_id, verdict);
  g_autoptr(SoupSession) session = md_test_session_new ();
  g_autoptr(SoupMessage) message = md_test_message_new (SOUP_METHOD_POST, fixture->base_url,
                                                        path, "demo-key", NULL);
  g_autoptr(MdTestResponse) response = md_test_send (session, message);

  return response->status;
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
  static const struct
  {
    const char *url;
    const char *key;
    gboolean    insecure;  /* or not a URL at all */
  } refused[] = {
    { "http://example.com", "key", TRUE },
    { "http://example.com/", "key", TRUE },
    { "http://192.168.1.10:8080", "key", TRUE },
    { "http://localhost.example.com", "key", TRUE },
    { "http://127.0.0.1.example.com", "key", TRUE },
    { "http://[::2]:80", "key", TRUE },
    { "", "key", FALSE },
    { "example.com", "key", FALSE },
    { "ftp://example.com", "key", FALSE },
    { "file:///etc/passwd", "key", FALSE },
    { "https://", "key", FALSE },
    { "https://user:secret@example.com", "key", FALSE },
    { "https://example.com/?tenant=x", "key", FALSE },
    { "https://example.com/#top", "key", FALSE },
    { "https://exa mple.com", "key", FALSE },
    /* A key that would split the header. */
    { "https://example.com", "key\r\nx-evil: 1", FALSE },
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

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MdClient) client = md_client_new (refused[i].url, refused[i].key, &error);

      g_test_message ("refused: %s", refused[i].url);
      if (refused[i].insecure)
        g_assert_error (error, MD_API_ERROR, MD_API_ERROR_INSECURE);
      else
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (client);
    }
}

/* Key check */

static void
test_check_key (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const wrong_keys[] = { "not-the-key", NULL, "" };
  g_autoptr(GError) error = NULL;

  g_assert_true (md_test_check_key (fixture->client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (request_count (fixture, "HEAD"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (wrong_keys); i++)
    {
      g_autoptr(MdClient) wrong = md_client_new (fixture->base_url, wrong_keys[i], &error);
      g_autoptr(GError) check_error = NULL;
      g_autoptr(GError) get_error = NULL;

      g_assert_no_error (error);
      g_assert_false (md_test_check_key (wrong, &check_error));
      g_assert_error (check_error, MD_API_ERROR, MD_API_ERROR_UNAUTHORIZED);
      g_assert_cmpuint (md_api_error_get_status (check_error), ==, 401);

      /* The wrong key is refused on real calls too, with the server's words. */
      get_error = get_refused (wrong, 1001, MD_DOMAIN_CONTACT, MD_API_ERROR_UNAUTHORIZED);
      g_assert_nonnull (md_api_error_get_server_message (get_error));
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
  guint n_seeds;
  const MdTestSeedMember *seeds = md_test_get_seed_members (&n_seeds);
  g_autoptr(GPtrArray) members = NULL;
  MdMemberData *hoffmann, *schulz;
  MdAmendment *pending;
  MdRecord *proposed;

  g_assert_cmpuint (n_seeds, ==, 4);
  members = g_ptr_array_new_with_free_func ((GDestroyNotify) md_member_data_free);
  for (guint i = 0; i < n_seeds; i++)
    {
      MdMemberData *member;
      g_autoptr(GError) error = NULL;

      member = md_test_load_member (fixture->client, seeds[i].customer_id, &error);
      g_assert_no_error (error);
      g_ptr_array_add (members, member);
      assert_modes (member, seeds[i].modes);
      g_assert_cmpint (md_snapshot_get_require_signature (member->snapshots[MD_DOMAIN_PAYMENT]),
                       ==, seeds[i].require_signature);
    }

  hoffmann = g_ptr_array_index (members, 0);
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (hoffmann->snapshots[MD_DOMAIN_CONTACT]),
                                  "email"), ==, "lena.hoffmann@example.org");
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (hoffmann->snapshots[MD_DOMAIN_MASTER]),
                                  "lastName"), ==, "Hoffmann");
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    g_assert_null (md_snapshot_get_pending (hoffmann->snapshots[i]));

  schulz = g_ptr_array_index (members, 2);
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

  g_assert_cmpuint (request_count (fixture, "GET"), ==, 16);
}

static void
test_load_unknown_member (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MdMemberData) member = NULL;
  g_autoptr(GError) error = NULL;

  /* The load itself succeeds; each domain says why it failed. */
  member = md_test_load_member (fixture->client, 4711, &error);
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
  member = md_test_load_member (fixture->client, 1003, &error);
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
  static const Change change = { 1001, MD_DOMAIN_CONTACT, "email", "lena.berger@example.org" };
  g_autoptr(MdAmendment) amendment = submit_accepted (fixture, &change, NULL);
  g_autoptr(MdSnapshot) after = NULL;
  g_autoptr(MdSnapshot) untouched = NULL;

  g_assert_nonnull (amendment);
  after = assert_current (fixture, 1001, MD_DOMAIN_CONTACT, "email", "lena.berger@example.org");
  /* The whole object went out: the other fields are still there. */
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (after), "phonePrivate"), ==,
                   "+49 30 61283947");
  g_assert_null (md_snapshot_get_pending (after));

  /* Another member is not affected. */
  untouched = assert_current (fixture, 1002, MD_DOMAIN_CONTACT, "email", "jonas.weber@example.com");

  g_assert_cmpuint (request_count (fixture, "POST"), ==, 1);
}

static void
test_submit_instant_iban (Fixture       *fixture,
                          gconstpointer  data)
{
  /* Typed with spaces, sent normalised. */
  static const Change change = { 1001, MD_DOMAIN_PAYMENT, "iban", "de89 3704 0044 0532 0130 00" };
  g_autoptr(MdAmendment) amendment = submit_accepted (fixture, &change, NULL);
  g_autoptr(MdSnapshot) after = assert_current (fixture, 1001, MD_DOMAIN_PAYMENT,
                                                "iban", "DE89370400440532013000");

  g_assert_nonnull (amendment);
  g_assert_null (md_snapshot_get_pending (after));
}

static void
test_submit_reviewed (Fixture       *fixture,
                      gconstpointer  data)
{
  static const Change change = { 1002, MD_DOMAIN_ADDRESS, "houseNumber", "6b" };
  g_autoptr(MdAmendment) amendment = submit_accepted (fixture, &change, NULL);
  g_autoptr(MdSnapshot) after = NULL;
  MdAmendment *pending;

  g_assert_cmpint (md_amendment_get_id (amendment), >, 0);
  g_assert_cmpstr (md_record_get (md_amendment_get_values (amendment), "houseNumber"), ==, "6b");

  /* Old values, plus the change waiting for approval. */
  after = assert_current (fixture, 1002, MD_DOMAIN_ADDRESS, "houseNumber", "4");
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
  /* 1003's address already has a change waiting. */
  static const Change blocked = { 1003, MD_DOMAIN_ADDRESS, "houseNumber", "9" };
  /* A fresh reviewed change, then a second one on top of it. */
  static const Change first = { 1002, MD_DOMAIN_MASTER, "lastName", "Weber-Schmidt" };
  static const Change second = { 1002, MD_DOMAIN_MASTER, "lastName", "Schmidt" };
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) second_error = NULL;

  error = submit_refused (fixture, &blocked, NULL, MD_API_ERROR_CONFLICT);
  g_assert_cmpuint (md_api_error_get_status (error), ==, 409);
  g_assert_cmpstr (md_api_error_get_code (error), ==, "AMENDMENT_ALREADY_PENDING");
  g_assert_nonnull (md_api_error_get_server_message (error));
  g_assert_cmpstr (error->message, ==, md_api_error_get_server_message (error));
  g_assert_nonnull (md_api_error_get_trace_id (error));

  amendment = submit_accepted (fixture, &first, NULL);
  second_error = submit_refused (fixture, &second, NULL, MD_API_ERROR_CONFLICT);
  g_assert_cmpstr (md_api_error_get_code (second_error), ==, "AMENDMENT_ALREADY_PENDING");
}

/* Each of @changes must be refused with @code and the HTTP @status, the
 * server's message and @error_code (unless NULL), naming the field when
 * @names_field. */
static void
check_refused_changes (Fixture      *fixture,
                       const Change *changes,
                       guint         n_changes,
                       MdApiError    code,
                       guint         status,
                       const char   *error_code,
                       gboolean      names_field)
{
  for (guint i = 0; i < n_changes; i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s = %s", changes[i].field, changes[i].value);
      error = submit_refused (fixture, &changes[i], NULL, code);
      g_assert_cmpuint (md_api_error_get_status (error), ==, status);
      g_assert_nonnull (md_api_error_get_server_message (error));
      if (error_code != NULL)
        g_assert_cmpstr (md_api_error_get_code (error), ==, error_code);
      if (names_field)
        g_assert_cmpstr (md_api_error_get_reference (error), ==, changes[i].field);
    }
}

static void
test_submit_read_only (Fixture       *fixture,
                       gconstpointer  data)
{
  static const Change changes[] = {
    { 1004, MD_DOMAIN_CONTACT, "email", "k.becker@example.com" },
    { 1004, MD_DOMAIN_PAYMENT, "bankName", "Sparkasse KölnBonn" },
    { 1003, MD_DOMAIN_MASTER, "lastName", "Schulz-Meyer" },
  };

  check_refused_changes (fixture, changes, G_N_ELEMENTS (changes), MD_API_ERROR_FORBIDDEN, 403,
                         "SELF_SERVICE_READ_ONLY", FALSE);
}

static void
test_submit_validation (Fixture       *fixture,
                        gconstpointer  data)
{
  static const Change changes[] = {
    { 1001, MD_DOMAIN_ADDRESS, "zipCode", "ABC12" },
    { 1001, MD_DOMAIN_ADDRESS, "countryCode", "XX" },
    { 1001, MD_DOMAIN_ADDRESS, "street", "" },
    { 1001, MD_DOMAIN_PAYMENT, "iban", "DE00 1234 5678 9012 3456 78" },
    { 1001, MD_DOMAIN_PAYMENT, "bic", "NOTABIC" },
    { 1001, MD_DOMAIN_CONTACT, "email", "lena at example" },
    { 1001, MD_DOMAIN_CONTACT, "phonePrivate", "call me maybe" },
    { 1001, MD_DOMAIN_MASTER, "gender", "UNKNOWN" },
    { 1001, MD_DOMAIN_MASTER, "dateOfBirth", "2999-01-01" },
  };
  g_autoptr(MdSnapshot) address = NULL;

  check_refused_changes (fixture, changes, G_N_ELEMENTS (changes), MD_API_ERROR_VALIDATION, 400,
                         NULL, TRUE);

  /* Nothing of it landed. */
  address = assert_current (fixture, 1001, MD_DOMAIN_ADDRESS, "zipCode", "10969");
}

static void
test_submit_signature (Fixture       *fixture,
                       gconstpointer  data)
{
  static const Change signed_change = {
    1002, MD_DOMAIN_PAYMENT, "bankName", "Stadtsparkasse München Filiale Ost"
  };
  /* 1001 needs no signature. */
  static const Change unsigned_change = {
    1001, MD_DOMAIN_PAYMENT, "bankName", "Berliner Volksbank"
  };
  g_autofree char *valid = g_base64_encode ((const guchar *) TINY_SVG, strlen (TINY_SVG));
  g_autofree char *not_svg = g_base64_encode ((const guchar *) "hello", 5);
  g_autofree char *prefixed = g_strconcat ("data:image/svg+xml;base64,", valid, NULL);
  const char * const refused[] = { NULL, not_svg, prefixed, "%%%not base64%%%" };
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(MdAmendment) unsigned_amendment = NULL;
  g_autoptr(MdSnapshot) after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) refused_error = submit_refused (fixture, &signed_change, refused[i],
                                                        MD_API_ERROR_VALIDATION);

      g_assert_cmpstr (md_api_error_get_reference (refused_error), ==,
                       "signature.base64SvgSignature");
    }

  amendment = submit_accepted (fixture, &signed_change, valid);
  g_assert_cmpint (md_amendment_get_id (amendment), >, 0);

  after = assert_current (fixture, 1002, MD_DOMAIN_PAYMENT, NULL, NULL);
  g_assert_nonnull (md_snapshot_get_pending (after));

  unsigned_amendment = submit_accepted (fixture, &unsigned_change, NULL);
}

static void
test_withdraw (Fixture       *fixture,
               gconstpointer  data)
{
  static const Change change = { 1002, MD_DOMAIN_CONTACT, "email", "j.weber@example.com" };
  g_autoptr(MdSnapshot) after = NULL;
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(MdAmendment) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (md_test_withdraw (fixture->client, 1003, SCHULZ_PENDING_ID, &error));
  g_assert_no_error (error);

  after = assert_current (fixture, 1003, MD_DOMAIN_ADDRESS, "street", "Mönckebergstraße");
  g_assert_null (md_snapshot_get_pending (after));

  /* Twice: gone. */
  assert_withdraw_gone (fixture, 1003, SCHULZ_PENDING_ID);

  /* Another customer's amendment, an unknown one, an unknown customer. */
  amendment = submit_accepted (fixture, &change, NULL);
  id = md_amendment_get_id (amendment);
  assert_withdraw_gone (fixture, 1001, id);
  assert_withdraw_gone (fixture, 1002, 999999);
  assert_withdraw_gone (fixture, 4711, id);

  /* The right one works, and the change can then be filed anew. */
  g_assert_true (md_test_withdraw (fixture->client, 1002, id, &error));
  g_assert_no_error (error);
  again = submit_accepted (fixture, &change, NULL);

  g_assert_cmpuint (request_count (fixture, "DELETE"), ==, 6);
}

/* Approval, rejection and the webhook */

static void
test_approve_and_reject (Fixture       *fixture,
                         gconstpointer  data)
{
  static const struct
  {
    Change      change;
    const char *verdict;
    const char *value_after;
  } decisions[] = {
    { { 1002, MD_DOMAIN_CONTACT, "phonePrivateMobile", "+49 170 1112223" }, "approve",
      "+49 170 1112223" },
    { { 1002, MD_DOMAIN_MASTER, "firstName", "Jonathan" }, "reject", "Jonas" },
  };
  static const Change instant_change = {
    1001, MD_DOMAIN_CONTACT, "phonePrivate", "+49 30 7654321"
  };
  g_autoptr(MdTestHooks) hooks = md_test_hooks_new ();
  MdAmendment *queued[G_N_ELEMENTS (decisions)];
  g_autoptr(MdAmendment) instant = NULL;

  md_demo_server_set_webhook (fixture->server, hooks->url, "hook-key");

  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    queued[i] = submit_accepted (fixture, &decisions[i].change, NULL);

  /* Queued changes send nothing yet. */
  g_assert_cmpuint (hooks->bodies->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    {
      const Change *change = &decisions[i].change;
      g_autoptr(MdSnapshot) after = NULL;

      g_assert_cmpuint (settle (fixture, 1002, md_amendment_get_id (queued[i]),
                                decisions[i].verdict), ==, 200);
      md_test_hooks_wait (hooks, i + 1);
      md_test_hooks_assert_event (hooks, i, "hook-key", 1002);

      after = assert_current (fixture, change->customer_id, change->domain, change->field,
                              decisions[i].value_after);
      g_assert_null (md_snapshot_get_pending (after));
    }

  /* Settled ones cannot be settled or withdrawn again. */
  g_assert_cmpuint (settle (fixture, 1002, md_amendment_get_id (queued[0]), "reject"), ==, 404);
  g_assert_cmpuint (settle (fixture, 1002, md_amendment_get_id (queued[1]), "approve"), ==, 404);
  assert_withdraw_gone (fixture, 1002, md_amendment_get_id (queued[0]));

  /* An instant change sends one too. */
  instant = submit_accepted (fixture, &instant_change, NULL);
  md_test_hooks_wait (hooks, 3);
  md_test_hooks_assert_event (hooks, 2, "hook-key", 1001);

  md_demo_server_set_webhook (fixture->server, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (queued); i++)
    g_object_unref (queued[i]);
}

/* Cancellation */

static gboolean
get_counted (gpointer data)
{
  return request_count (data, "GET") > 0;
}

/* Reads 1001's contact details and cancels once the server has the request. */
static void
cancel_get_once_sent (Fixture *fixture)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  md_client_get_domain_async (fixture->client, 1001, MD_DOMAIN_CONTACT, cancellable,
                              md_test_async_done, &result);
  g_assert_true (md_test_spin_until (get_counted, fixture));
  g_cancellable_cancel (cancellable);

  snapshot = md_client_get_domain_finish (fixture->client, md_test_wait_for_result (&result),
                                          &error);
  g_assert_null (snapshot);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_cancel_in_flight (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) load_result = NULL;
  g_autoptr(MdMemberData) member = NULL;
  g_autoptr(GCancellable) load_cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  /* Far longer than any wait here: only the cancellation can end it. */
  md_demo_server_set_latency (fixture->server, 120 * 1000);

  cancel_get_once_sent (fixture);

  md_client_load_member_async (fixture->client, 1001, load_cancellable, md_test_async_done,
                               &load_result);
  g_cancellable_cancel (load_cancellable);
  member = md_client_load_member_finish (fixture->client, md_test_wait_for_result (&load_result),
                                         &error);
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
                          md_test_async_done, &result);
  amendment = md_client_submit_finish (fixture->client, md_test_wait_for_result (&result),
                                       &error);
  g_assert_null (amendment);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (request_count (fixture, "POST"), ==, 0);
}

static void
test_cancel_during_backoff (Fixture       *fixture,
                            gconstpointer  data)
{
  /* The first answer is a 503; the retry would wait a minute. */
  md_client_set_retry_policy (fixture->client, 3, 60 * 1000);
  md_demo_server_inject_faults (fixture->server, 1, 503, FALSE);

  cancel_get_once_sent (fixture);
  g_assert_cmpuint (request_count (fixture, "GET"), ==, 1);
}

/* Reads that fail, and how often they were sent */

typedef struct
{
  guint       retries;          /* the client's retry policy */
  guint       latency_ms;       /* the demo's, 0 for none */
  guint       timeout_s;        /* the client's, 0 for the fixture's */
  guint       faults;           /* answers the demo spoils, each with @status */
  guint       status;
  gboolean    broken_body;
  MdApiError  expected;
  guint       expected_status;  /* 0 when not looked at */
  const char *expected_code;    /* NULL when not looked at */
  guint       expected_gets;
} FailedRead;

static void
check_failed_reads (Fixture          *fixture,
                    const FailedRead *reads,
                    guint             n_reads)
{
  for (guint i = 0; i < n_reads; i++)
    {
      const FailedRead *read = &reads[i];
      g_autoptr(GError) error = NULL;

      md_demo_server_reset (fixture->server);
      md_client_set_retry_policy (fixture->client, read->retries, 10);
      if (read->latency_ms > 0)
        md_demo_server_set_latency (fixture->server, read->latency_ms);
      if (read->timeout_s > 0)
        md_client_set_timeout (fixture->client, read->timeout_s);
      if (read->faults > 0)
        md_demo_server_inject_faults (fixture->server, read->faults, read->status,
                                      read->broken_body);

      error = get_refused (fixture->client, 1001, MD_DOMAIN_CONTACT, read->expected);
      if (read->expected_status != 0)
        g_assert_cmpuint (md_api_error_get_status (error), ==, read->expected_status);
      if (read->expected_code != NULL)
        g_assert_cmpstr (md_api_error_get_code (error), ==, read->expected_code);
      g_assert_cmpuint (request_count (fixture, "GET"), ==, read->expected_gets);
    }
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  /* A timeout is not a reason to ask again. */
  static const FailedRead reads[] = {
    { 3, 120 * 1000, 1, 0, 0, FALSE, MD_API_ERROR_TIMEOUT, 0, NULL, 1 },
  };

  check_failed_reads (fixture, reads, G_N_ELEMENTS (reads));
}

/* Retries */

static void
test_retry_unavailable (Fixture       *fixture,
                        gconstpointer  data)
{
  /* A 429 is retried the same way as a 503. */
  static const struct
  {
    guint faults;
    guint status;
    guint expected_gets;
  } bursts[] = {
    { 2, 503, 3 },
    { 1, 429, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bursts); i++)
    {
      g_autoptr(MdSnapshot) snapshot = NULL;

      md_demo_server_reset (fixture->server);
      md_demo_server_inject_faults (fixture->server, bursts[i].faults, bursts[i].status, FALSE);
      snapshot = assert_current (fixture, 1001, MD_DOMAIN_MASTER, "firstName", "Lena");
      g_assert_cmpuint (request_count (fixture, "GET"), ==, bursts[i].expected_gets);
    }
}

static void
test_retry_exhausted (Fixture       *fixture,
                      gconstpointer  data)
{
  static const FailedRead reads[] = {
    /* The first try and three retries. */
    { 3, 0, 0, 10, 429, FALSE, MD_API_ERROR_RATE_LIMITED, 429, "INJECTED_FAULT", 4 },
    { 0, 0, 0, 1, 503, FALSE, MD_API_ERROR_UNAVAILABLE, 0, NULL, 1 },
  };

  check_failed_reads (fixture, reads, G_N_ELEMENTS (reads));
}

static void
test_no_retry_for_writes (Fixture       *fixture,
                          gconstpointer  data)
{
  static const Change change = { 1001, MD_DOMAIN_CONTACT, "email", "lena.berger@example.org" };
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(MdSnapshot) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdRecord) draft = NULL;
  g_autoptr(MdSnapshot) before = read_for_edit (fixture, &change, &draft);

  md_demo_server_inject_faults (fixture->server, 1, 503, FALSE);
  amendment = md_test_submit (fixture->client, 1001, md_snapshot_get_values (before), draft, NULL,
                              &error);
  g_assert_null (amendment);
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_UNAVAILABLE);
  g_assert_cmpuint (request_count (fixture, "POST"), ==, 1);
  g_clear_error (&error);

  after = assert_current (fixture, 1001, MD_DOMAIN_CONTACT, "email", "lena.hoffmann@example.org");

  md_demo_server_inject_faults (fixture->server, 1, 429, FALSE);
  g_assert_false (md_test_withdraw (fixture->client, 1003, SCHULZ_PENDING_ID, &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (request_count (fixture, "DELETE"), ==, 1);
}

static void
test_broken_body (Fixture       *fixture,
                  gconstpointer  data)
{
  static const FailedRead reads[] = {
    { 3, 0, 0, 1, 200, TRUE, MD_API_ERROR_MALFORMED_RESPONSE, 0, NULL, 1 },
  };

  check_failed_reads (fixture, reads, G_N_ELEMENTS (reads));
}

static void
test_server_error_message (Fixture       *fixture,
                           gconstpointer  data)
{
  static const FailedRead reads[] = {
    { 3, 0, 0, 1, 500, FALSE, MD_API_ERROR_SERVER, 500, "INJECTED_FAULT", 1 },
  };

  check_failed_reads (fixture, reads, G_N_ELEMENTS (reads));
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

  proxy->target = g_strdup (target);
  proxy->session = md_test_session_new ();
  proxy->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy->server, NULL, proxy_cb, proxy, NULL);
  proxy->url = md_test_listen (proxy->server, 0);

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
      const Change change = { cases[i].customer_id, MD_DOMAIN_CONTACT,
                              "email", "neue.adresse@example.org" };
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

      before = read_for_edit (fixture, &change, &draft);
      amendment = md_test_submit (lossy_client, id, md_snapshot_get_values (before), draft, NULL,
                                  &error);
      g_assert_null (amendment);
      g_assert_error (error, MD_API_ERROR, MD_API_ERROR_NETWORK);

      /* Sent once only, never again behind the caller's back. */
      g_assert_cmpuint (proxy->posts, ==, 1);
      g_assert_cmpuint (request_count (fixture, "POST"), ==, cases[i].forward ? 1 : 0);

      /* The caller's part: re-read before deciding anything. */
      refetched = assert_current (fixture, id, MD_DOMAIN_CONTACT, NULL, NULL);
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
  g_autofree char *base_url = NULL;

  gate->release_at = release_at;
  gate->paused = g_ptr_array_new_with_free_func (g_object_unref);
  gate->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (gate->server, NULL, gate_cb, gate, NULL);
  base_url = md_test_listen (gate->server, 0);
  gate->url = g_strconcat (base_url, "/", NULL);

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

  member = md_test_load_member (client, 1001, &error);
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
  g_autoptr(GError) german_error = NULL;
  g_autoptr(GError) english_error = NULL;

  /* The demo answers in the language asked for. */
  md_client_set_accept_language (fixture->client, "de-DE, de;q=0.9, en;q=0.8");
  german_error = get_refused (fixture->client, 4711, MD_DOMAIN_CONTACT, MD_API_ERROR_NOT_FOUND);

  md_client_set_accept_language (fixture->client, "en");
  english_error = get_refused (fixture->client, 4711, MD_DOMAIN_CONTACT, MD_API_ERROR_NOT_FOUND);

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

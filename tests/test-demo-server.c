/* test-demo-server.c: the demo backend against a plain HTTP client
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "md-demo-server.h"
#include "md-record.h"
#include "md-snapshot.h"
#include "md-test-utils.h"
#include "md-validate.h"

#define KEY          "demo-key"
#define WEBHOOK_KEY  "hook-secret"
#define SIG_REF      "signature.base64SvgSignature"

static const char *domain_paths[MD_N_DOMAINS] = {
  "contact-data", "address-data", "master-data", "payment-data"
};

/* An SVG like the signature pad writes. */
static const char valid_svg[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 100\">"
  "<path d=\"M 10 80 C 40 10, 65 10, 95 80 S 150 150, 180 80\" stroke=\"black\" fill=\"none\"/>"
  "</svg>";

typedef struct
{
  MdDemoServer *server;
  SoupSession  *session;
  char         *base_url;
  MdTestHooks  *hooks;
} Fixture;

typedef MdTestResponse Response;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, md_test_response_free)

typedef struct
{
  Fixture    *fixture;
  const char *method;
  guint       count;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *wait = data;

  return md_demo_server_get_request_count (wait->fixture->server, wait->method) >= wait->count;
}

/* Waits until the server has seen @count requests of @method. */
static void
wait_for_count (Fixture    *f,
                const char *method,
                guint       count)
{
  CountWait wait = { f, method, count };

  g_assert_true (md_test_spin_until (count_reached, &wait));
}

static Response *
send_message (Fixture     *f,
              SoupMessage *msg)
{
  return md_test_send (f->session, msg);
}

static SoupMessage *
new_message (Fixture    *f,
             const char *method,
             const char *path,
             const char *key,
             const char *body)
{
  return md_test_message_new (method, f->base_url, path, key, body);
}

static Response *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *body)
{
  g_autoptr(SoupMessage) msg = new_message (f, method, path, KEY, body);

  return send_message (f, msg);
}

static char *
domain_path (gint64   customer,
             MdDomain domain)
{
  return g_strdup_printf ("/v1/customers/%" G_GINT64_FORMAT "/self-service/%s",
                          customer, domain_paths[domain]);
}

static char *
amendment_path (gint64 customer,
                gint64 id)
{
  return g_strdup_printf ("/v1/customers/%" G_GINT64_FORMAT "/self-service/amendment/%"
                          G_GINT64_FORMAT, customer, id);
}

static Response *
get_domain (Fixture  *f,
            gint64    customer,
            MdDomain  domain)
{
  g_autofree char *path = domain_path (customer, domain);

  return request (f, "GET", path, NULL);
}

static Response *
post_domain (Fixture    *f,
             gint64      customer,
             MdDomain    domain,
             const char *body)
{
  g_autofree char *path = domain_path (customer, domain);

  return request (f, "POST", path, body);
}

static JsonObject *
response_object (Response *response)
{
  return md_test_response_get_object (response);
}

/* An ErrorResponse with @status; @error_code and @reference are checked
 * when not NULL. Returns the errorMessage. */
static const char *
assert_error (Response   *response,
              guint       status,
              const char *error_code,
              const char *reference)
{
  JsonObject *object;
  const char *message;

  g_assert_cmpuint (response->status, ==, status);
  md_test_assert_json_type (response);

  object = response_object (response);
  message = json_object_get_string_member_with_default (object, "errorMessage", NULL);
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_assert_nonnull (json_object_get_string_member_with_default (object, "traceId", NULL));
  g_assert_nonnull (json_object_get_string_member_with_default (object, "errorCode", NULL));

  if (error_code != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "errorCode"), ==, error_code);
  if (reference != NULL)
    g_assert_cmpstr (json_object_get_string_member_with_default (object, "reference", NULL),
                     ==, reference);

  return message;
}

static MdSnapshot *
assert_snapshot (Response *response,
                 MdDomain  domain)
{
  gsize length;
  const char *data = g_bytes_get_data (response->body, &length);

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  md_test_assert_json_type (response);

  return md_test_parse_snapshot (domain, data, length);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  return json_object_get_string_member_with_default (object, member, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = md_demo_server_new (NULL);
  g_assert_true (md_demo_server_listen (f->server, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (md_demo_server_get_port (f->server), >, 0);
  f->base_url = md_demo_server_get_base_url (f->server);

  f->session = md_test_session_new ();

  f->hooks = md_test_hooks_new ();
  md_demo_server_set_webhook (f->server, f->hooks->url, WEBHOOK_KEY);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->server);
  g_clear_object (&f->session);
  g_clear_pointer (&f->hooks, md_test_hooks_free);
  g_clear_pointer (&f->base_url, g_free);
}

static void
assert_webhook (Fixture *f,
                guint    index,
                gint64   customer)
{
  md_test_hooks_assert_event (f->hooks, index, WEBHOOK_KEY, customer);
}

static char *
payment_body (const char *iban,
              const char *signature)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "accountHolder");
  json_builder_add_string_value (builder, "Jonas Weber");
  json_builder_set_member_name (builder, "bankName");
  json_builder_add_string_value (builder, "GLS Gemeinschaftsbank");
  json_builder_set_member_name (builder, "iban");
  json_builder_add_string_value (builder, iban);
  json_builder_set_member_name (builder, "bic");
  json_builder_add_string_value (builder, "GENODEM1GLS");
  if (signature != NULL)
    {
      json_builder_set_member_name (builder, "signature");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "base64SvgSignature");
      json_builder_add_string_value (builder, signature);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  return json_to_string (node, FALSE);
}

#define NEW_IBAN "DE83 4306 0967 4021 7753 00"

static void
test_head (Fixture       *f,
           gconstpointer  data)
{
  const char *paths[] = {
    "/v1/customers/1001/self-service/contact-data",
    "/v1/customers/424242/self-service/contact-data",
    "/v1/customers/abc/self-service/master-data",
    "/no/such/thing",
    "/demo/reset",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(SoupMessage) good = new_message (f, "HEAD", paths[i], KEY, NULL);
      g_autoptr(SoupMessage) wrong = new_message (f, "HEAD", paths[i], "nope", NULL);
      g_autoptr(SoupMessage) none = new_message (f, "HEAD", paths[i], NULL, NULL);
      g_autoptr(Response) good_response = send_message (f, good);
      g_autoptr(Response) wrong_response = send_message (f, wrong);
      g_autoptr(Response) none_response = send_message (f, none);

      g_assert_cmpuint (good_response->status, ==, SOUP_STATUS_OK);
      g_assert_cmpuint (wrong_response->status, ==, SOUP_STATUS_UNAUTHORIZED);
      g_assert_cmpuint (none_response->status, ==, SOUP_STATUS_UNAUTHORIZED);
    }

  /* A HEAD looks nothing up and so resets nothing either. */
  {
    g_autoptr(Response) response = get_domain (f, 1003, MD_DOMAIN_ADDRESS);
    g_autoptr(MdSnapshot) snapshot = assert_snapshot (response, MD_DOMAIN_ADDRESS);

    g_assert_nonnull (md_snapshot_get_pending (snapshot));
  }
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  const char *keys[] = { NULL, "", "demo-key x", "DEMO-KEY", "demo-ke", "demo-keyy" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(SoupMessage) get = new_message (f, "GET",
                                                "/v1/customers/1001/self-service/contact-data",
                                                keys[i], NULL);
      g_autoptr(SoupMessage) post = new_message (f, "POST",
                                                 "/v1/customers/1001/self-service/contact-data",
                                                 keys[i], "{\"email\":\"x@example.org\"}");
      g_autoptr(SoupMessage) del = new_message (f, "DELETE",
                                                "/v1/customers/1003/self-service/amendment/1003000001",
                                                keys[i], NULL);
      g_autoptr(SoupMessage) demo = new_message (f, "POST", "/demo/reset", keys[i], NULL);
      g_autoptr(SoupMessage) unknown = new_message (f, "GET", "/v1/customers/9/x", keys[i], NULL);
      g_autoptr(Response) r1 = send_message (f, get);
      g_autoptr(Response) r2 = send_message (f, post);
      g_autoptr(Response) r3 = send_message (f, del);
      g_autoptr(Response) r4 = send_message (f, demo);
      g_autoptr(Response) r5 = send_message (f, unknown);

      assert_error (r1, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
      assert_error (r2, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
      assert_error (r3, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
      assert_error (r4, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
      assert_error (r5, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
    }

  /* Nothing of the refused calls happened. */
  {
    g_autoptr(Response) contact = get_domain (f, 1001, MD_DOMAIN_CONTACT);
    g_autoptr(Response) address = get_domain (f, 1003, MD_DOMAIN_ADDRESS);

    g_assert_cmpstr (get_string (response_object (contact), "email"), ==,
                     "lena.hoffmann@example.org");
    g_assert_true (json_object_has_member (response_object (address), "pendingAmendment"));
  }

  g_assert_cmpuint (f->hooks->bodies->len, ==, 0);
}

static void
assert_record_valid (MdRecord *record)
{
  const char *field = NULL;
  g_autofree char *message = NULL;

  md_record_check (record, &field, &message);
  if (field != NULL)
    g_error ("seed field %s is invalid: %s", field, message);
}

static void
test_get_seed (Fixture       *f,
               gconstpointer  data)
{
  guint n_seeds;
  const MdTestSeedMember *seeds = md_test_get_seed_members (&n_seeds);

  for (guint c = 0; c < n_seeds; c++)
    {
      const MdTestSeedMember *expected = &seeds[c];

      for (MdDomain d = 0; d < MD_N_DOMAINS; d++)
        {
          g_autoptr(Response) response = get_domain (f, expected->customer_id, d);
          g_autoptr(MdSnapshot) snapshot = assert_snapshot (response, d);
          JsonObject *object = response_object (response);
          MdRecord *values = md_snapshot_get_values (snapshot);
          MdAmendment *pending = md_snapshot_get_pending (snapshot);
          gboolean expect_pending = expected->customer_id == 1003 && d == MD_DOMAIN_ADDRESS;

          g_assert_cmpint (md_snapshot_get_mode (snapshot), ==, expected->modes[d]);
          g_assert_cmpstr (get_string (object, "amendmentConfigurationStatus"), ==,
                           md_amendment_mode_to_string (expected->modes[d]));
          assert_record_valid (values);

          /* requireSignature is a payment member only. */
          g_assert_cmpint (json_object_has_member (object, "requireSignature"), ==,
                           d == MD_DOMAIN_PAYMENT);
          if (d == MD_DOMAIN_PAYMENT)
            {
              g_assert_cmpint (json_object_get_boolean_member (object, "requireSignature"), ==,
                               expected->require_signature);
              g_assert_true (md_validate_iban (md_record_get (values, "iban"), NULL));
              g_assert_true (md_validate_bic (md_record_get (values, "bic"), NULL));
            }

          if (d == MD_DOMAIN_CONTACT)
            {
              const char *email = md_record_get (values, "email");

              g_assert_true (g_str_has_suffix (email, "@example.org") ||
                             g_str_has_suffix (email, "@example.com"));
            }

          if (d == MD_DOMAIN_ADDRESS)
            g_assert_cmpstr (md_record_get (values, "countryCode"), ==, "DE");

          g_assert_cmpint (json_object_has_member (object, "pendingAmendment"), ==, expect_pending);
          if (expect_pending)
            {
              MdRecord *proposed = md_amendment_get_values (pending);

              g_assert_cmpint (md_amendment_get_id (pending), >, 0);
              g_assert_nonnull (proposed);
              assert_record_valid (proposed);
              g_assert_false (md_record_equal (proposed, values));
              g_assert_cmpstr (md_record_get (proposed, "zipCode"), ==, "22767");
            }
        }
    }
}

static void
test_unknown_customer (Fixture       *f,
                       gconstpointer  data)
{
  const gint64 customers[] = { 1000, 1005, 1, 999999999999 };

  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    {
      g_autofree char *withdraw = amendment_path (customers[i], 1003000001);
      g_autoptr(Response) del = request (f, "DELETE", withdraw, NULL);

      assert_error (del, SOUP_STATUS_NOT_FOUND, NULL, NULL);

      for (MdDomain d = 0; d < MD_N_DOMAINS; d++)
        {
          g_autoptr(Response) get = get_domain (f, customers[i], d);
          g_autoptr(Response) post = post_domain (f, customers[i], d, "{}");

          assert_error (get, SOUP_STATUS_NOT_FOUND, NULL, NULL);
          assert_error (post, SOUP_STATUS_NOT_FOUND, NULL, NULL);
        }
    }
}

static void
test_bad_ids (Fixture       *f,
              gconstpointer  data)
{
  const char *ids[] = { "abc", "-1", "0", "+1001", "1e3", "10.5", "%201001",
                        "99999999999999999999", "9223372036854775808" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *get_path = g_strdup_printf ("/v1/customers/%s/self-service/contact-data",
                                                   ids[i]);
      g_autofree char *del_customer = g_strdup_printf ("/v1/customers/%s/self-service/amendment/1",
                                                       ids[i]);
      g_autofree char *del_amendment = g_strdup_printf ("/v1/customers/1003/self-service/amendment/%s",
                                                        ids[i]);
      g_autoptr(Response) get = request (f, "GET", get_path, NULL);
      g_autoptr(Response) post = request (f, "POST", get_path, "{}");
      g_autoptr(Response) r1 = request (f, "DELETE", del_customer, NULL);
      g_autoptr(Response) r2 = request (f, "DELETE", del_amendment, NULL);

      assert_error (get, SOUP_STATUS_BAD_REQUEST, NULL, "customerId");
      assert_error (post, SOUP_STATUS_BAD_REQUEST, NULL, "customerId");
      assert_error (r1, SOUP_STATUS_BAD_REQUEST, NULL, "customerId");
      assert_error (r2, SOUP_STATUS_BAD_REQUEST, NULL, "amendmentId");
    }

  /* The largest int64 is a well-formed id, just not a known customer. */
  {
    g_autoptr(Response) response = request (f, "GET",
                                             "/v1/customers/9223372036854775807/self-service/contact-data",
                                             NULL);

    assert_error (response, SOUP_STATUS_NOT_FOUND, NULL, NULL);
  }
}

static void
test_unknown_path (Fixture       *f,
                   gconstpointer  data)
{
  const char *paths[] = {
    "/",
    "/v1",
    "/v1/customers/1001",
    "/v1/customers/1001/self-service",
    "/v1/customers/1001/self-service/contact",
    "/v1/customers/1001/self-service/bank-data",
    "/v1/customers/1001/self-service/contact-data/extra",
    "/v1/customers/1001/self-service/amendments/1",
    "/v2/customers/1001/self-service/contact-data",
    "/demo/nothing",
  };
  const struct
  {
    const char *method;
    const char *path;
    const char *allow;
  } wrong_methods[] = {
    { "PUT", "/v1/customers/1001/self-service/contact-data", "GET, POST, HEAD" },
    { "DELETE", "/v1/customers/1001/self-service/address-data", "GET, POST, HEAD" },
    { "GET", "/v1/customers/1003/self-service/amendment/1003000001", "DELETE, HEAD" },
    { "POST", "/v1/customers/1003/self-service/amendment/1003000001", "DELETE, HEAD" },
    { "GET", "/demo/reset", "POST, HEAD" },
    { "POST", "/demo/amendments", "GET, HEAD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Response) response = request (f, "GET", paths[i], NULL);

      assert_error (response, SOUP_STATUS_NOT_FOUND, "NOT_FOUND", NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (wrong_methods); i++)
    {
      g_autoptr(Response) response = request (f, wrong_methods[i].method,
                                              wrong_methods[i].path, NULL);

      assert_error (response, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL, NULL);
      g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Allow"), ==,
                       wrong_methods[i].allow);
    }

  /* The 405 did not withdraw anything. */
  {
    g_autoptr(Response) response = get_domain (f, 1003, MD_DOMAIN_ADDRESS);

    g_assert_true (json_object_has_member (response_object (response), "pendingAmendment"));
  }
}

static void
test_post_instant (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Response) post = NULL;
  g_autoptr(Response) get = NULL;
  g_autoptr(Response) again = NULL;
  JsonObject *amendment, *current;
  gint64 first_id;

  post = post_domain (f, 1001, MD_DOMAIN_CONTACT,
                      "{\"email\":\"lena.h@example.com\",\"phonePrivate\":\"+49 30 7654321\","
                      "\"phonePrivateMobile\":null,\"unknownMember\":\"ignored\"}");
  g_assert_cmpuint (post->status, ==, SOUP_STATUS_OK);
  md_test_assert_json_type (post);
  amendment = response_object (post);
  first_id = json_object_get_int_member (amendment, "id");
  g_assert_cmpint (first_id, >, 0);
  g_assert_cmpstr (get_string (amendment, "email"), ==, "lena.h@example.com");
  g_assert_cmpstr (get_string (amendment, "phonePrivate"), ==, "+49 30 7654321");
  g_assert_false (json_object_has_member (amendment, "phonePrivateMobile"));
  g_assert_false (json_object_has_member (amendment, "unknownMember"));
  g_assert_false (json_object_has_member (amendment, "requireSignature"));

  get = get_domain (f, 1001, MD_DOMAIN_CONTACT);
  current = response_object (get);
  g_assert_cmpstr (get_string (current, "email"), ==, "lena.h@example.com");
  g_assert_cmpstr (get_string (current, "phonePrivate"), ==, "+49 30 7654321");
  g_assert_false (json_object_has_member (current, "phonePrivateMobile"));
  g_assert_false (json_object_has_member (current, "pendingAmendment"));
  g_assert_cmpstr (get_string (current, "amendmentConfigurationStatus"), ==,
                   "CHANGES_WITHOUT_VERIFICATION");

  md_test_hooks_wait (f->hooks, 1);
  assert_webhook (f, 0, 1001);

  /* Instant domains never block: a second change goes through too, with a new id. */
  again = post_domain (f, 1001, MD_DOMAIN_CONTACT, "{\"email\":\"lena@example.org\"}");
  g_assert_cmpuint (again->status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (json_object_get_int_member (response_object (again), "id"), !=, first_id);
  md_test_hooks_wait (f->hooks, 2);
  assert_webhook (f, 1, 1001);

  /* Customer 1003's contact domain is instant as well. */
  {
    g_autoptr(Response) other = post_domain (f, 1003, MD_DOMAIN_CONTACT,
                                             "{\"email\":\"miriam@example.org\"}");

    g_assert_cmpuint (other->status, ==, SOUP_STATUS_OK);
    md_test_hooks_wait (f->hooks, 3);
    assert_webhook (f, 2, 1003);
  }
}

static void
test_post_instant_payment (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *body = payment_body ("de83 4306 0967 4021 7753 00", NULL);
  g_autoptr(Response) post = post_domain (f, 1001, MD_DOMAIN_PAYMENT, body);
  g_autoptr(Response) get = NULL;
  JsonObject *amendment;

  /* No signature needed for 1001; the edited IBAN comes back normalised. */
  g_assert_cmpuint (post->status, ==, SOUP_STATUS_OK);
  amendment = response_object (post);
  g_assert_cmpstr (get_string (amendment, "iban"), ==, "DE83430609674021775300");
  g_assert_true (json_object_has_member (amendment, "requireSignature"));
  g_assert_false (json_object_get_boolean_member (amendment, "requireSignature"));
  g_assert_false (json_object_has_member (amendment, "signature"));

  get = get_domain (f, 1001, MD_DOMAIN_PAYMENT);
  g_assert_cmpstr (get_string (response_object (get), "iban"), ==, "DE83430609674021775300");
  g_assert_cmpstr (get_string (response_object (get), "bankName"), ==, "GLS Gemeinschaftsbank");
}

static void
test_unchanged_iban_kept (Fixture       *f,
                          gconstpointer  data)
{
  /* Sent back as served (grouped), the IBAN keeps its spelling. */
  g_autofree char *body = payment_body ("DE72 1005 0000 0190 4273 15", NULL);
  g_autoptr(Response) post = post_domain (f, 1001, MD_DOMAIN_PAYMENT, body);
  g_autoptr(Response) get = get_domain (f, 1001, MD_DOMAIN_PAYMENT);

  g_assert_cmpuint (post->status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (get_string (response_object (get), "iban"), ==, "DE72 1005 0000 0190 4273 15");
  g_assert_cmpstr (get_string (response_object (get), "accountHolder"), ==, "Jonas Weber");
}

static void
test_post_reviewed (Fixture       *f,
                    gconstpointer  data)
{
  const char *body = "{\"firstName\":\"Jonas\",\"lastName\":\"Weber-Yilmaz\",\"gender\":\"MALE\","
                     "\"dateOfBirth\":\"1985-07-02\",\"countryOfBirth\":\"AT\","
                     "\"customerTitle\":\"PROF\"}";
  g_autoptr(Response) post = post_domain (f, 1002, MD_DOMAIN_MASTER, body);
  g_autoptr(Response) get = NULL;
  g_autoptr(Response) second = NULL;
  g_autoptr(Response) after = NULL;
  JsonObject *current, *pending;
  gint64 id;

  g_assert_cmpuint (post->status, ==, SOUP_STATUS_OK);
  id = json_object_get_int_member (response_object (post), "id");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (get_string (response_object (post), "lastName"), ==, "Weber-Yilmaz");

  get = get_domain (f, 1002, MD_DOMAIN_MASTER);
  current = response_object (get);
  g_assert_cmpstr (get_string (current, "lastName"), ==, "Weber");
  g_assert_cmpstr (get_string (current, "customerTitle"), ==, "DR");
  g_assert_cmpstr (get_string (current, "amendmentConfigurationStatus"), ==,
                   "CHANGES_REQUIRE_VERIFICATION");
  pending = json_object_get_object_member (current, "pendingAmendment");
  g_assert_nonnull (pending);
  g_assert_cmpint (json_object_get_int_member (pending, "id"), ==, id);
  g_assert_cmpstr (get_string (pending, "lastName"), ==, "Weber-Yilmaz");
  g_assert_cmpstr (get_string (pending, "customerTitle"), ==, "PROF");
  g_assert_cmpstr (get_string (pending, "dateOfBirth"), ==, "1985-07-02");

  /* One pending amendment per domain. */
  second = post_domain (f, 1002, MD_DOMAIN_MASTER, body);
  assert_error (second, SOUP_STATUS_CONFLICT, "AMENDMENT_ALREADY_PENDING", NULL);

  /* Even an invalid second change meets the conflict first. */
  {
    g_autoptr(Response) invalid = post_domain (f, 1002, MD_DOMAIN_MASTER, "{}");

    assert_error (invalid, SOUP_STATUS_CONFLICT, "AMENDMENT_ALREADY_PENDING", NULL);
  }

  /* The seeded pending address of 1003 blocks as well. */
  {
    g_autoptr(Response) seeded = post_domain (f, 1003, MD_DOMAIN_ADDRESS,
                                              "{\"street\":\"Elbchaussee\",\"zipCode\":\"22763\","
                                              "\"city\":\"Hamburg\",\"countryCode\":\"DE\"}");

    assert_error (seeded, SOUP_STATUS_CONFLICT, "AMENDMENT_ALREADY_PENDING", NULL);
  }

  /* Other domains of the same member are independent. */
  {
    g_autoptr(Response) contact = post_domain (f, 1002, MD_DOMAIN_CONTACT,
                                               "{\"email\":\"jonas@example.com\"}");

    g_assert_cmpuint (contact->status, ==, SOUP_STATUS_OK);
  }

  after = get_domain (f, 1002, MD_DOMAIN_MASTER);
  pending = json_object_get_object_member (response_object (after), "pendingAmendment");
  g_assert_cmpint (json_object_get_int_member (pending, "id"), ==, id);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  const char *bodies[MD_N_DOMAINS] = {
    "{\"email\":\"klaus@example.com\"}",
    "{\"street\":\"Ringstraße\",\"zipCode\":\"50672\",\"city\":\"Köln\",\"countryCode\":\"DE\"}",
    "{\"firstName\":\"Klaus\",\"lastName\":\"Becker\",\"gender\":\"MALE\","
    "\"dateOfBirth\":\"1962-05-30\",\"customerTitle\":\"DR\"}",
    "{\"accountHolder\":\"Klaus Becker\",\"bankName\":\"GLS\",\"iban\":\"" NEW_IBAN "\","
    "\"bic\":\"GENODEM1GLS\"}",
  };

  for (MdDomain d = 0; d < MD_N_DOMAINS; d++)
    {
      g_autoptr(Response) response = post_domain (f, 1004, d, bodies[d]);

      assert_error (response, SOUP_STATUS_FORBIDDEN, "SELF_SERVICE_READ_ONLY", NULL);
    }

  {
    g_autoptr(Response) response = post_domain (f, 1003, MD_DOMAIN_MASTER, bodies[MD_DOMAIN_MASTER]);
    g_autoptr(Response) get = get_domain (f, 1003, MD_DOMAIN_MASTER);

    assert_error (response, SOUP_STATUS_FORBIDDEN, "SELF_SERVICE_READ_ONLY", NULL);
    g_assert_cmpstr (get_string (response_object (get), "firstName"), ==, "Miriam");
    g_assert_false (json_object_has_member (response_object (get), "pendingAmendment"));
  }
}

typedef struct
{
  MdDomain    domain;
  const char *body;
  const char *reference;
} ValidationCase;

#define ADDRESS_OK "\"street\":\"Lindenstraße\",\"houseNumber\":\"12a\",\"city\":\"Berlin\""
#define MASTER_OK  "\"firstName\":\"Lena\",\"lastName\":\"Hoffmann\""

static const ValidationCase validation_cases[] = {
  { MD_DOMAIN_CONTACT, "{\"email\":\"not-an-email\"}", "email" },
  { MD_DOMAIN_CONTACT, "{\"email\":\"lena@\"}", "email" },
  { MD_DOMAIN_CONTACT, "{\"phonePrivate\":\"call me\"}", "phonePrivate" },
  { MD_DOMAIN_CONTACT, "{\"phonePrivateMobile\":\"+49 151 #123\"}", "phonePrivateMobile" },
  { MD_DOMAIN_CONTACT, "{\"phoneBusiness\":\"030; DROP\"}", "phoneBusiness" },
  { MD_DOMAIN_CONTACT, "{\"phoneBusinessMobile\":\"0171 abc\"}", "phoneBusinessMobile" },

  { MD_DOMAIN_ADDRESS, "{\"zipCode\":\"10969\",\"city\":\"Berlin\",\"countryCode\":\"DE\"}", "street" },
  { MD_DOMAIN_ADDRESS, "{\"street\":\"  \",\"zipCode\":\"10969\",\"city\":\"Berlin\",\"countryCode\":\"DE\"}", "street" },
  { MD_DOMAIN_ADDRESS, "{" ADDRESS_OK ",\"countryCode\":\"DE\"}", "zipCode" },
  { MD_DOMAIN_ADDRESS, "{\"street\":\"Lindenstraße\",\"zipCode\":\"10969\",\"countryCode\":\"DE\"}", "city" },
  { MD_DOMAIN_ADDRESS, "{" ADDRESS_OK ",\"zipCode\":\"10969\"}", "countryCode" },
  { MD_DOMAIN_ADDRESS, "{" ADDRESS_OK ",\"zipCode\":\"10969\",\"countryCode\":\"XX\"}", "countryCode" },
  { MD_DOMAIN_ADDRESS, "{" ADDRESS_OK ",\"zipCode\":\"10969\",\"countryCode\":\"DEU\"}", "countryCode" },
  { MD_DOMAIN_ADDRESS, "{" ADDRESS_OK ",\"zipCode\":\"1096\",\"countryCode\":\"DE\"}", "zipCode" },
  { MD_DOMAIN_ADDRESS, "{" ADDRESS_OK ",\"zipCode\":\"ABCDE\",\"countryCode\":\"DE\"}", "zipCode" },

  { MD_DOMAIN_MASTER, "{\"lastName\":\"Hoffmann\",\"gender\":\"FEMALE\",\"dateOfBirth\":\"1991-03-14\",\"customerTitle\":\"NONE\"}", "firstName" },
  { MD_DOMAIN_MASTER, "{\"firstName\":\"Lena\",\"gender\":\"FEMALE\",\"dateOfBirth\":\"1991-03-14\",\"customerTitle\":\"NONE\"}", "lastName" },
  { MD_DOMAIN_MASTER, "{" MASTER_OK ",\"dateOfBirth\":\"1991-03-14\",\"customerTitle\":\"NONE\"}", "gender" },
  { MD_DOMAIN_MASTER, "{" MASTER_OK ",\"gender\":\"FEMALE\",\"customerTitle\":\"NONE\"}", "dateOfBirth" },
  { MD_DOMAIN_MASTER, "{" MASTER_OK ",\"gender\":\"FEMALE\",\"dateOfBirth\":\"1991-03-14\"}", "customerTitle" },
  { MD_DOMAIN_MASTER, "{" MASTER_OK ",\"gender\":\"DIVERSE\",\"dateOfBirth\":\"1991-03-14\",\"customerTitle\":\"NONE\"}", "gender" },
  { MD_DOMAIN_MASTER, "{" MASTER_OK ",\"gender\":\"FEMALE\",\"dateOfBirth\":\"2999-01-01\",\"customerTitle\":\"NONE\"}", "dateOfBirth" },
  { MD_DOMAIN_MASTER, "{" MASTER_OK ",\"gender\":\"FEMALE\",\"dateOfBirth\":\"1991-02-30\",\"customerTitle\":\"NONE\"}", "dateOfBirth" },
  { MD_DOMAIN_MASTER, "{" MASTER_OK ",\"gender\":\"FEMALE\",\"dateOfBirth\":\"14.03.1991\",\"customerTitle\":\"NONE\"}", "dateOfBirth" },
  { MD_DOMAIN_MASTER, "{" MASTER_OK ",\"gender\":\"FEMALE\",\"dateOfBirth\":\"1991-03-14\",\"customerTitle\":\"MR\"}", "customerTitle" },
  { MD_DOMAIN_MASTER, "{" MASTER_OK ",\"gender\":\"FEMALE\",\"dateOfBirth\":\"1991-03-14\",\"customerTitle\":\"NONE\",\"countryOfBirth\":\"ZZ\"}", "countryOfBirth" },

  { MD_DOMAIN_PAYMENT, "{\"bankName\":\"GLS\",\"iban\":\"" NEW_IBAN "\",\"bic\":\"GENODEM1GLS\"}", "accountHolder" },
  { MD_DOMAIN_PAYMENT, "{\"accountHolder\":\"Lena Hoffmann\",\"iban\":\"" NEW_IBAN "\",\"bic\":\"GENODEM1GLS\"}", "bankName" },
  { MD_DOMAIN_PAYMENT, "{\"accountHolder\":\"Lena Hoffmann\",\"bankName\":\"GLS\",\"bic\":\"GENODEM1GLS\"}", "iban" },
  { MD_DOMAIN_PAYMENT, "{\"accountHolder\":\"Lena Hoffmann\",\"bankName\":\"GLS\",\"iban\":\"" NEW_IBAN "\"}", "bic" },
  { MD_DOMAIN_PAYMENT, "{\"accountHolder\":\"Lena Hoffmann\",\"bankName\":\"GLS\",\"iban\":\"DE84 4306 0967 4021 7753 00\",\"bic\":\"GENODEM1GLS\"}", "iban" },
  { MD_DOMAIN_PAYMENT, "{\"accountHolder\":\"Lena Hoffmann\",\"bankName\":\"GLS\",\"iban\":\"DE83 4306 0967 4021 7753\",\"bic\":\"GENODEM1GLS\"}", "iban" },
  { MD_DOMAIN_PAYMENT, "{\"accountHolder\":\"Lena Hoffmann\",\"bankName\":\"GLS\",\"iban\":\"" NEW_IBAN "\",\"bic\":\"GENODEM\"}", "bic" },
  { MD_DOMAIN_PAYMENT, "{\"accountHolder\":\"Lena Hoffmann\",\"bankName\":\"GLS\",\"iban\":\"" NEW_IBAN "\",\"bic\":\"GENODEM1GL\"}", "bic" },
};

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (validation_cases); i++)
    {
      const ValidationCase *test = &validation_cases[i];
      g_autoptr(Response) response = post_domain (f, 1001, test->domain, test->body);
      const char *message;

      g_test_message ("case %u: %s", i, test->body);
      message = assert_error (response, SOUP_STATUS_BAD_REQUEST, NULL, test->reference);
      g_hash_table_add (messages, g_strdup (message));
    }

  /* Messages are specific to the problem, not one catch-all sentence. */
  g_assert_cmpuint (g_hash_table_size (messages), >=, 15);

  /* Nothing was applied and no webhook went out. */
  for (MdDomain d = 0; d < MD_N_DOMAINS; d++)
    {
      g_autoptr(Response) response = get_domain (f, 1001, d);
      g_autoptr(MdSnapshot) snapshot = assert_snapshot (response, d);

      assert_record_valid (md_snapshot_get_values (snapshot));
    }

  {
    g_autoptr(Response) master = get_domain (f, 1001, MD_DOMAIN_MASTER);

    g_assert_cmpstr (get_string (response_object (master), "dateOfBirth"), ==, "1991-03-14");
  }
  g_assert_cmpuint (f->hooks->bodies->len, ==, 0);
}

static char *
base64_of (const char *text)
{
  return g_base64_encode ((const guchar *) text, strlen (text));
}

static void
test_payment_signature (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *svg = base64_of (valid_svg);
  g_autofree char *data_url = g_strconcat ("data:image/svg+xml;base64,", svg, NULL);
  g_autofree char *wrapped = g_strdup (svg);
  g_autofree char *no_path = base64_of ("<svg xmlns=\"http://www.w3.org/2000/svg\">"
                                        "<circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>");
  g_autofree char *not_svg = base64_of ("<html><body><path d=\"M 0 0 L 1 1\"/></body></html>");
  g_autofree char *not_xml = base64_of ("M 10 80 C 40 10, 65 10, 95 80");
  g_autofree char *broken = base64_of ("<svg><path d=\"M 0 0 L 5 5\"></svg>");
  g_autofree char *two_roots = base64_of ("<svg><path d=\"M 0 0\"/></svg><svg/>");
  g_autofree char *no_padding = NULL;
  const char *invalid[] = {
    "", data_url, "not base64 at all!", "PHN2Zz4=PHN2Zz4=", no_path, not_svg, not_xml,
    broken, two_roots, NULL, NULL,
  };
  guint n_invalid = 9;

  /* Base64 with a line break inside or the padding dropped is not plain. */
  wrapped[strlen (wrapped) / 2] = '\n';
  invalid[n_invalid++] = wrapped;
  no_padding = g_strndup (svg, strlen (svg) - 1);
  if (g_str_has_suffix (svg, "="))
    invalid[n_invalid++] = no_padding;

  {
    g_autofree char *body = payment_body (NEW_IBAN, NULL);
    g_autoptr(Response) response = post_domain (f, 1002, MD_DOMAIN_PAYMENT, body);

    assert_error (response, SOUP_STATUS_BAD_REQUEST, "SIGNATURE_REQUIRED", SIG_REF);
  }

  {
    g_autoptr(Response) response = post_domain (f, 1002, MD_DOMAIN_PAYMENT,
                                                "{\"accountHolder\":\"Jonas Weber\",\"bankName\":\"GLS\","
                                                "\"iban\":\"" NEW_IBAN "\",\"bic\":\"GENODEM1GLS\","
                                                "\"signature\":{\"base64SvgSignature\":null}}");

    assert_error (response, SOUP_STATUS_BAD_REQUEST, "SIGNATURE_REQUIRED", SIG_REF);
  }

  for (guint i = 0; i < n_invalid; i++)
    {
      g_autofree char *body = payment_body (NEW_IBAN, invalid[i]);
      g_autoptr(Response) response = post_domain (f, 1002, MD_DOMAIN_PAYMENT, body);

      g_test_message ("invalid signature %u", i);
      assert_error (response, SOUP_STATUS_BAD_REQUEST, NULL, SIG_REF);
    }

  /* Field errors come before the signature. */
  {
    g_autofree char *body = payment_body ("DE00 0000", svg);
    g_autoptr(Response) response = post_domain (f, 1002, MD_DOMAIN_PAYMENT, body);

    assert_error (response, SOUP_STATUS_BAD_REQUEST, NULL, "iban");
  }

  {
    g_autofree char *body = payment_body (NEW_IBAN, svg);
    g_autoptr(Response) response = post_domain (f, 1002, MD_DOMAIN_PAYMENT, body);
    g_autoptr(Response) get = get_domain (f, 1002, MD_DOMAIN_PAYMENT);
    JsonObject *amendment = response_object (response);
    JsonObject *current = response_object (get);
    JsonObject *pending;

    g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
    g_assert_true (json_object_get_boolean_member (amendment, "requireSignature"));
    g_assert_false (json_object_has_member (amendment, "signature"));
    g_assert_cmpstr (get_string (amendment, "iban"), ==, "DE83430609674021775300");

    g_assert_cmpstr (get_string (current, "iban"), ==, "DE22701500001002873461");
    g_assert_true (json_object_get_boolean_member (current, "requireSignature"));
    pending = json_object_get_object_member (current, "pendingAmendment");
    g_assert_cmpstr (get_string (pending, "iban"), ==, "DE83430609674021775300");
    g_assert_cmpstr (get_string (pending, "bic"), ==, "GENODEM1GLS");
    g_assert_false (json_object_has_member (pending, "signature"));
  }

  /* 1003's payment domain wants a signature too. */
  {
    g_autofree char *body = payment_body (NEW_IBAN, NULL);
    g_autoptr(Response) response = post_domain (f, 1003, MD_DOMAIN_PAYMENT, body);

    assert_error (response, SOUP_STATUS_BAD_REQUEST, NULL, SIG_REF);
  }
}

static void
assert_not_withdrawn (Fixture    *f,
                      const char *path)
{
  g_autoptr(Response) response = request (f, "DELETE", path, NULL);

  assert_error (response, SOUP_STATUS_NOT_FOUND, "AMENDMENT_NOT_FOUND", NULL);
}

static void
test_withdraw (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(Response) get = get_domain (f, 1003, MD_DOMAIN_ADDRESS);
  JsonObject *pending = json_object_get_object_member (response_object (get), "pendingAmendment");
  gint64 id = json_object_get_int_member (pending, "id");
  g_autofree char *own = amendment_path (1003, id);
  g_autofree char *other = amendment_path (1002, id);
  g_autofree char *unknown = amendment_path (1003, id + 1);

  assert_not_withdrawn (f, other);
  assert_not_withdrawn (f, unknown);

  {
    g_autoptr(Response) response = request (f, "DELETE", own, NULL);

    g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
    g_assert_cmpuint (g_bytes_get_size (response->body), ==, 0);
    g_assert_null (response->json);
  }

  {
    g_autoptr(Response) after = get_domain (f, 1003, MD_DOMAIN_ADDRESS);

    g_assert_false (json_object_has_member (response_object (after), "pendingAmendment"));
    g_assert_cmpstr (get_string (response_object (after), "zipCode"), ==, "20095");
  }

  assert_not_withdrawn (f, own);

  /* The domain takes a new change now, and its id withdraws it too. */
  {
    g_autoptr(Response) post = post_domain (f, 1003, MD_DOMAIN_ADDRESS,
                                            "{\"street\":\"Elbchaussee\",\"houseNumber\":\"31\","
                                            "\"zipCode\":\"22765\",\"city\":\"Hamburg\","
                                            "\"countryCode\":\"DE\"}");
    g_autofree char *path = NULL;
    gint64 new_id;

    g_assert_cmpuint (post->status, ==, SOUP_STATUS_OK);
    new_id = json_object_get_int_member (response_object (post), "id");
    g_assert_cmpint (new_id, !=, id);

    path = amendment_path (1003, new_id);
    {
      g_autoptr(Response) del = request (f, "DELETE", path, NULL);

      g_assert_cmpuint (del->status, ==, SOUP_STATUS_OK);
    }
  }

  /* An instant amendment's id was never pending. */
  {
    g_autoptr(Response) post = post_domain (f, 1003, MD_DOMAIN_CONTACT, "{\"email\":\"m@example.org\"}");
    g_autofree char *path = amendment_path (1003, json_object_get_int_member (response_object (post),
                                                                              "id"));
    g_autoptr(Response) del = request (f, "DELETE", path, NULL);

    assert_error (del, SOUP_STATUS_NOT_FOUND, NULL, NULL);
  }
}

static gint64
queue_contact_change (Fixture    *f,
                      const char *email)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\"}", email);
  g_autoptr(Response) post = post_domain (f, 1002, MD_DOMAIN_CONTACT, body);

  g_assert_cmpuint (post->status, ==, SOUP_STATUS_OK);

  return json_object_get_int_member (response_object (post), "id");
}

static Response *
demo_settle (Fixture    *f,
             gint64      customer,
             gint64      id,
             const char *verb)
{
  g_autofree char *path = g_strdup_printf ("/demo/customers/%" G_GINT64_FORMAT "/amendments/%"
                                           G_GINT64_FORMAT "/%s", customer, id, verb);

  return request (f, "POST", path, NULL);
}

static void
test_approve_reject (Fixture       *f,
                     gconstpointer  data)
{
  gint64 id = queue_contact_change (f, "jonas.new@example.com");

  /* A queued change sends no webhook; only the decision does. */
  {
    g_autoptr(Response) wrong_customer = demo_settle (f, 1003, id, "approve");
    g_autoptr(Response) unknown_customer = demo_settle (f, 4711, id, "approve");
    g_autoptr(Response) unknown_id = demo_settle (f, 1002, id + 1000, "reject");

    assert_error (wrong_customer, SOUP_STATUS_NOT_FOUND, NULL, NULL);
    assert_error (unknown_customer, SOUP_STATUS_NOT_FOUND, NULL, NULL);
    assert_error (unknown_id, SOUP_STATUS_NOT_FOUND, NULL, NULL);
  }

  {
    g_autoptr(Response) approve = demo_settle (f, 1002, id, "approve");
    g_autoptr(Response) get = NULL;

    g_assert_cmpuint (approve->status, ==, SOUP_STATUS_OK);
    md_test_assert_json_type (approve);
    g_assert_cmpuint (json_object_get_size (response_object (approve)), ==, 0);

    get = get_domain (f, 1002, MD_DOMAIN_CONTACT);
    g_assert_cmpstr (get_string (response_object (get), "email"), ==, "jonas.new@example.com");
    g_assert_false (json_object_has_member (response_object (get), "pendingAmendment"));

    md_test_hooks_wait (f->hooks, 1);
    g_assert_cmpuint (f->hooks->bodies->len, ==, 1);
    assert_webhook (f, 0, 1002);
  }

  {
    g_autoptr(Response) again = demo_settle (f, 1002, id, "approve");
    g_autoptr(Response) withdraw = NULL;
    g_autofree char *path = amendment_path (1002, id);

    assert_error (again, SOUP_STATUS_NOT_FOUND, NULL, NULL);
    withdraw = request (f, "DELETE", path, NULL);
    assert_error (withdraw, SOUP_STATUS_NOT_FOUND, NULL, NULL);
  }

  id = queue_contact_change (f, "rejected@example.com");
  {
    g_autoptr(Response) reject = demo_settle (f, 1002, id, "reject");
    g_autoptr(Response) get = NULL;

    g_assert_cmpuint (reject->status, ==, SOUP_STATUS_OK);

    get = get_domain (f, 1002, MD_DOMAIN_CONTACT);
    g_assert_cmpstr (get_string (response_object (get), "email"), ==, "jonas.new@example.com");
    g_assert_false (json_object_has_member (response_object (get), "pendingAmendment"));

    md_test_hooks_wait (f->hooks, 2);
    assert_webhook (f, 1, 1002);
  }

  /* The seeded pending address can be approved too, in process as well. */
  g_assert_false (md_demo_server_approve (f->server, 1003, 1));
  g_assert_false (md_demo_server_reject (f->server, 9999, 1003000001));
  g_assert_true (md_demo_server_approve (f->server, 1003, 1003000001));
  {
    g_autoptr(Response) get = get_domain (f, 1003, MD_DOMAIN_ADDRESS);

    g_assert_cmpstr (get_string (response_object (get), "street"), ==, "Große Bergstraße");
    g_assert_cmpstr (get_string (response_object (get), "zipCode"), ==, "22767");
    g_assert_false (json_object_has_member (response_object (get), "pendingAmendment"));
  }
  md_test_hooks_wait (f->hooks, 3);
  assert_webhook (f, 2, 1003);
}

static void
test_list_amendments (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = queue_contact_change (f, "listed@example.com");
  g_autoptr(Response) response = request (f, "GET", "/demo/amendments", NULL);
  JsonArray *list;
  JsonObject *first, *second;

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  md_test_assert_json_type (response);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (response->json));
  list = json_node_get_array (response->json);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);

  /* Sorted by customer. */
  first = json_array_get_object_element (list, 0);
  g_assert_cmpint (json_object_get_int_member (first, "customerId"), ==, 1002);
  g_assert_cmpstr (get_string (first, "domain"), ==, "contact");
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, id);
  g_assert_cmpstr (get_string (json_object_get_object_member (first, "fields"), "email"), ==,
                   "listed@example.com");

  second = json_array_get_object_element (list, 1);
  g_assert_cmpint (json_object_get_int_member (second, "customerId"), ==, 1003);
  g_assert_cmpstr (get_string (second, "domain"), ==, "address");
  g_assert_cmpstr (get_string (json_object_get_object_member (second, "fields"), "city"), ==,
                   "Hamburg");
}

static void
count_signal (MdDemoServer *server,
              guint        *count)
{
  (*count)++;
}

static const MdDemoPending *
pending_at (GPtrArray *list,
            guint      index)
{
  g_assert_cmpuint (index, <, list->len);

  return g_ptr_array_index (list, index);
}

static void
assert_seeded_pending (const MdDemoPending *pending)
{
  g_assert_cmpint (pending->customer_id, ==, 1003);
  g_assert_cmpstr (pending->customer_name, ==, "Miriam Schulz");
  g_assert_cmpint (pending->domain, ==, MD_DOMAIN_ADDRESS);
  g_assert_cmpint (pending->amendment_id, ==, 1003000001);
  /* City and country stay; the floor is new. */
  g_assert_cmpstr (pending->summary, ==, "Street, House number, Postal code, Part of town, Floor");
}

/* A new e-mail address for 1002, sent as the app sends it: the whole
 * contact, the other fields as they are. */
static gint64
queue_weber_email (Fixture    *f,
                   const char *email)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"phonePrivate\":\"+49 89 54329876\","
                                           "\"phonePrivateMobile\":\"+49 160 98765432\","
                                           "\"phoneBusiness\":\"+49 89 2180-4417\"}", email);
  g_autoptr(Response) post = post_domain (f, 1002, MD_DOMAIN_CONTACT, body);

  g_assert_cmpuint (post->status, ==, SOUP_STATUS_OK);

  return json_object_get_int_member (response_object (post), "id");
}

static void
test_list_pending (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) list = md_demo_server_list_pending (f->server);
  guint changes = 0;
  gint64 address_id, contact_id;

  g_signal_connect (f->server, "pending-changed", G_CALLBACK (count_signal), &changes);

  g_assert_cmpuint (list->len, ==, 1);
  assert_seeded_pending (pending_at (list, 0));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Queued in the wrong order on purpose: the list sorts by domain. */
  {
    g_autoptr(Response) post = post_domain (f, 1002, MD_DOMAIN_ADDRESS,
                                            "{\"street\":\"Leopoldstraße\",\"houseNumber\":\"4\","
                                            "\"zipCode\":\"80802\",\"city\":\"München\","
                                            "\"countryCode\":\"DE\",\"cityPart\":\"Ludwigsvorstadt\"}");

    g_assert_cmpuint (post->status, ==, SOUP_STATUS_OK);
    address_id = json_object_get_int_member (response_object (post), "id");
  }
  g_assert_cmpuint (changes, ==, 1);
  contact_id = queue_weber_email (f, "jonas.listed@example.com");
  g_assert_cmpuint (changes, ==, 2);

  list = md_demo_server_list_pending (f->server);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (pending_at (list, 0)->customer_id, ==, 1002);
  g_assert_cmpstr (pending_at (list, 0)->customer_name, ==, "Jonas Weber");
  g_assert_cmpint (pending_at (list, 0)->domain, ==, MD_DOMAIN_CONTACT);
  g_assert_cmpint (pending_at (list, 0)->amendment_id, ==, contact_id);
  g_assert_cmpstr (pending_at (list, 0)->summary, ==, "E-mail");
  g_assert_cmpint (pending_at (list, 1)->customer_id, ==, 1002);
  g_assert_cmpint (pending_at (list, 1)->domain, ==, MD_DOMAIN_ADDRESS);
  g_assert_cmpint (pending_at (list, 1)->amendment_id, ==, address_id);
  g_assert_cmpstr (pending_at (list, 1)->summary, ==, "Street, Postal code");
  assert_seeded_pending (pending_at (list, 2));

  /* The entries are the caller's: a copy outlives the list. */
  {
    g_autoptr(MdDemoPending) copy = md_demo_pending_copy (pending_at (list, 0));

    g_clear_pointer (&list, g_ptr_array_unref);
    g_assert_cmpstr (copy->customer_name, ==, "Jonas Weber");
    g_assert_cmpstr (copy->summary, ==, "E-mail");
    g_assert_true (G_TYPE_IS_BOXED (MD_TYPE_DEMO_PENDING));
  }

  /* Nothing starts waiting: an instant change, a refused one, an
   * unknown decision. */
  {
    g_autoptr(Response) instant = post_domain (f, 1001, MD_DOMAIN_CONTACT,
                                               "{\"email\":\"lena.new@example.org\"}");
    g_autoptr(Response) conflict = post_domain (f, 1002, MD_DOMAIN_CONTACT,
                                                "{\"email\":\"twice@example.com\"}");
    g_autoptr(Response) invalid = post_domain (f, 1002, MD_DOMAIN_MASTER, "{\"gender\":\"X\"}");
    g_autoptr(Response) unknown = demo_settle (f, 1002, contact_id + 1000, "approve");

    g_assert_cmpuint (instant->status, ==, SOUP_STATUS_OK);
    g_assert_cmpuint (conflict->status, ==, SOUP_STATUS_CONFLICT);
    g_assert_cmpuint (invalid->status, ==, SOUP_STATUS_BAD_REQUEST);
    g_assert_cmpuint (unknown->status, ==, SOUP_STATUS_NOT_FOUND);
    g_assert_false (md_demo_server_reject (f->server, 1001, contact_id));
  }
  g_assert_cmpuint (changes, ==, 2);

  /* Approved over HTTP: the change is applied and leaves the list. */
  {
    g_autoptr(Response) approve = demo_settle (f, 1002, contact_id, "approve");

    g_assert_cmpuint (approve->status, ==, SOUP_STATUS_OK);
  }
  g_assert_cmpuint (changes, ==, 3);
  list = md_demo_server_list_pending (f->server);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (pending_at (list, 0)->amendment_id, ==, address_id);
  assert_seeded_pending (pending_at (list, 1));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Rejected in process, withdrawn by the member. */
  g_assert_true (md_demo_server_reject (f->server, 1003, 1003000001));
  g_assert_cmpuint (changes, ==, 4);
  {
    g_autofree char *path = amendment_path (1002, address_id);
    g_autoptr(Response) withdraw = request (f, "DELETE", path, NULL);

    g_assert_cmpuint (withdraw->status, ==, SOUP_STATUS_OK);
  }
  g_assert_cmpuint (changes, ==, 5);
  list = md_demo_server_list_pending (f->server);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Approved in process: signalled too. */
  /* A change of one field that also drops the others names them all. */
  contact_id = queue_contact_change (f, "jonas.again@example.com");
  g_assert_cmpuint (changes, ==, 6);
  list = md_demo_server_list_pending (f->server);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (pending_at (list, 0)->summary, ==, "E-mail, Phone, Mobile phone, Work phone");
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (md_demo_server_approve (f->server, 1002, contact_id));
  g_assert_cmpuint (changes, ==, 7);

  /* A reset brings the seed's amendment back, over HTTP and in process. */
  {
    g_autoptr(Response) reset = request (f, "POST", "/demo/reset", NULL);

    g_assert_cmpuint (reset->status, ==, SOUP_STATUS_OK);
  }
  g_assert_cmpuint (changes, ==, 8);
  list = md_demo_server_list_pending (f->server);
  g_assert_cmpuint (list->len, ==, 1);
  assert_seeded_pending (pending_at (list, 0));

  md_demo_server_reset (f->server);
  g_assert_cmpuint (changes, ==, 9);

  g_signal_handlers_disconnect_by_func (f->server, count_signal, &changes);
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Response) change = post_domain (f, 1001, MD_DOMAIN_CONTACT, "{\"email\":\"x@example.com\"}");
  g_autoptr(Response) withdraw = request (f, "DELETE",
                                          "/v1/customers/1003/self-service/amendment/1003000001",
                                          NULL);
  g_autoptr(Response) reset = NULL;

  g_assert_cmpuint (change->status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (withdraw->status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (md_demo_server_get_request_count (f->server, "POST"), ==, 1);

  md_demo_server_inject_faults (f->server, 5, 500, FALSE);
  reset = request (f, "POST", "/demo/reset", NULL);
  g_assert_cmpuint (reset->status, ==, SOUP_STATUS_OK);
  md_test_assert_json_type (reset);

  /* The seed is back, faults and counts are gone. */
  g_assert_cmpuint (md_demo_server_get_request_count (f->server, "POST"), ==, 0);
  g_assert_cmpuint (md_demo_server_get_request_count (f->server, "DELETE"), ==, 0);
  {
    g_autoptr(Response) contact = get_domain (f, 1001, MD_DOMAIN_CONTACT);
    g_autoptr(Response) address = get_domain (f, 1003, MD_DOMAIN_ADDRESS);

    g_assert_cmpuint (contact->status, ==, SOUP_STATUS_OK);
    g_assert_cmpstr (get_string (response_object (contact), "email"), ==,
                     "lena.hoffmann@example.org");
    g_assert_true (json_object_has_member (response_object (address), "pendingAmendment"));
  }

  /* In process too. */
  {
    g_autoptr(Response) again = post_domain (f, 1001, MD_DOMAIN_CONTACT, "{\"email\":\"y@example.com\"}");
    g_autoptr(Response) contact = NULL;

    g_assert_cmpuint (again->status, ==, SOUP_STATUS_OK);
    md_demo_server_reset (f->server);
    contact = get_domain (f, 1001, MD_DOMAIN_CONTACT);
    g_assert_cmpstr (get_string (response_object (contact), "email"), ==,
                     "lena.hoffmann@example.org");
  }
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Response) inject = request (f, "POST", "/demo/faults",
                                        "{\"count\":2,\"status\":503}");

  g_assert_cmpuint (inject->status, ==, SOUP_STATUS_OK);

  /* Admin calls and HEAD do not use up a fault. */
  {
    g_autoptr(Response) list = request (f, "GET", "/demo/amendments", NULL);
    g_autoptr(SoupMessage) head = new_message (f, "HEAD",
                                               "/v1/customers/1001/self-service/contact-data",
                                               KEY, NULL);
    g_autoptr(Response) head_response = send_message (f, head);

    g_assert_cmpuint (list->status, ==, SOUP_STATUS_OK);
    g_assert_cmpuint (head_response->status, ==, SOUP_STATUS_OK);
  }

  {
    g_autoptr(Response) first = get_domain (f, 1001, MD_DOMAIN_CONTACT);
    g_autoptr(Response) second = post_domain (f, 1001, MD_DOMAIN_CONTACT, "{\"email\":\"f@example.org\"}");
    g_autoptr(Response) third = get_domain (f, 1001, MD_DOMAIN_CONTACT);

    assert_error (first, SOUP_STATUS_SERVICE_UNAVAILABLE, "INJECTED_FAULT", NULL);
    assert_error (second, SOUP_STATUS_SERVICE_UNAVAILABLE, "INJECTED_FAULT", NULL);
    g_assert_cmpuint (third->status, ==, SOUP_STATUS_OK);
    /* The failed POST changed nothing. */
    g_assert_cmpstr (get_string (response_object (third), "email"), ==, "lena.hoffmann@example.org");
  }

  /* A key check still comes first. */
  md_demo_server_inject_faults (f->server, 1, 429, FALSE);
  {
    g_autoptr(SoupMessage) msg = new_message (f, "GET", "/v1/customers/1001/self-service/contact-data",
                                              "wrong", NULL);
    g_autoptr(Response) unauthorized = send_message (f, msg);
    g_autoptr(Response) limited = get_domain (f, 1001, MD_DOMAIN_MASTER);

    assert_error (unauthorized, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
    assert_error (limited, 429, "INJECTED_FAULT", NULL);
  }

  {
    g_autoptr(Response) broken_inject = request (f, "POST", "/demo/faults",
                                                 "{\"count\":1,\"brokenBody\":true}");
    g_autoptr(Response) broken = NULL;
    g_autoptr(Response) fine = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    gsize length;
    const char *body;

    g_assert_cmpuint (broken_inject->status, ==, SOUP_STATUS_OK);
    broken = get_domain (f, 1001, MD_DOMAIN_PAYMENT);
    g_assert_cmpuint (broken->status, ==, SOUP_STATUS_OK);
    md_test_assert_json_type (broken);
    body = g_bytes_get_data (broken->body, &length);
    g_assert_cmpuint (length, >, 0);
    g_assert_cmpint (body[0], ==, '{');
    g_assert_false (json_parser_load_from_data (parser, body, length, NULL));

    fine = get_domain (f, 1001, MD_DOMAIN_PAYMENT);
    g_assert_nonnull (response_object (fine));
  }

  /* Bad admin bodies are refused. */
  {
    const char *bodies[] = { "{\"count\":\"2\"}", "{\"count\":-1}", "{\"status\":200}",
                             "{\"status\":700}", "{\"brokenBody\":\"yes\"}", "[]" };

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(Response) response = request (f, "POST", "/demo/faults", bodies[i]);

        assert_error (response, SOUP_STATUS_BAD_REQUEST, NULL, NULL);
      }

    {
      g_autoptr(Response) response = get_domain (f, 1001, MD_DOMAIN_CONTACT);

      g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
    }
  }
}

/* The answer cannot come before the latency of @ms elapsed. */
static void
assert_held_back (Fixture    *f,
                  const char *method,
                  gint64      customer,
                  MdDomain    domain,
                  const char *body,
                  guint       ms)
{
  g_autofree char *path = domain_path (customer, domain);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(Response) response = request (f, method, path, body);

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, ms * 1000);
}

/* Starts a GET that the latency holds back; returns once the server has it. */
static SoupMessage *
begin_held_get (Fixture       *f,
                GCancellable  *cancellable,
                MdTestSending *sending)
{
  SoupMessage *msg = new_message (f, "GET", "/v1/customers/1001/self-service/master-data",
                                  KEY, NULL);

  md_test_send_begin (f->session, msg, cancellable, sending);
  wait_for_count (f, "GET", 1);

  return msg;
}

static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Response) set = request (f, "POST", "/demo/latency", "{\"ms\":300}");

  g_assert_cmpuint (set->status, ==, SOUP_STATUS_OK);

  assert_held_back (f, "GET", 1001, MD_DOMAIN_CONTACT, NULL, 300);
  assert_held_back (f, "POST", 1002, MD_DOMAIN_CONTACT, "{\"email\":\"slow@example.com\"}", 300);

  /* A client that gives up while its request waits does not upset the
   * server: the waiting request must not be answered (or unpaused) later. */
  md_demo_server_reset (f->server);
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    MdTestSending sending = { FALSE, NULL, NULL };
    g_autoptr(SoupMessage) msg = begin_held_get (f, cancellable, &sending);

    g_assert_nonnull (msg);
    g_cancellable_cancel (cancellable);
    md_test_spin_until_set (&sending.done);
    g_assert_error (sending.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&sending.error);
  }

  /* Long enough for the abandoned request's timer to have fired. */
  {
    g_autoptr(Response) response = get_domain (f, 1001, MD_DOMAIN_CONTACT);

    g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  }

  {
    g_autoptr(Response) off = request (f, "POST", "/demo/latency", "{\"ms\":0}");
    g_autoptr(Response) bad = request (f, "POST", "/demo/latency", "{\"ms\":-5}");
    g_autoptr(Response) missing = request (f, "POST", "/demo/latency", "{}");
    g_autoptr(Response) get = get_domain (f, 1001, MD_DOMAIN_CONTACT);

    g_assert_cmpuint (off->status, ==, SOUP_STATUS_OK);
    assert_error (bad, SOUP_STATUS_BAD_REQUEST, NULL, "ms");
    assert_error (missing, SOUP_STATUS_BAD_REQUEST, NULL, "ms");
    g_assert_cmpuint (get->status, ==, SOUP_STATUS_OK);
  }

  /* In process, and the server can go away with requests still waiting. */
  md_demo_server_set_latency (f->server, 200);
  assert_held_back (f, "GET", 1001, MD_DOMAIN_ADDRESS, NULL, 200);
  md_demo_server_reset (f->server);
  {
    MdTestSending sending = { FALSE, NULL, NULL };
    g_autoptr(SoupMessage) msg = begin_held_get (f, NULL, &sending);

    g_assert_nonnull (msg);
    g_assert_false (sending.done);

    g_clear_object (&f->server);
    md_test_spin_until_set (&sending.done);
    g_assert_nonnull (sending.error);
    g_clear_error (&sending.error);
  }
}

static void
test_malformed_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *deep = NULL;
  g_autofree char *deep_string = NULL;
  GString *nested = g_string_new (NULL);
  const char *bodies[] = {
    "", " ", "{", "}", "[]", "null", "\"email\"", "42", "true",
    "{\"email\": }", "{\"email\":\"a@example.org\",}", "{email: \"a@example.org\"}",
    "{\"email\":\"a@example.org\"} trailing",
    "\xff\xfe{\"email\":\"a@example.org\"}", "{\"email\":\"a\xc3@example.org\"}",
    /* What json-glib would let through: a comment, single quotes, two
     * values in a row. */
    "{\"email\": /* x */ \"a@example.org\"}", "{'email': 'a@example.org'}",
    "{\"email\":\"a@example.org\"}{\"email\":\"b@example.org\"}",
    NULL, NULL,
  };

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  deep = g_string_free (nested, FALSE);
  bodies[G_N_ELEMENTS (bodies) - 2] = deep;

  /* Brackets inside a string are not nesting: this one is fine. */
  deep_string = g_strdup_printf ("{\"email\":\"%.*s\"}", 200, deep);
  {
    g_autoptr(Response) response = post_domain (f, 1001, MD_DOMAIN_CONTACT, deep_string);

    assert_error (response, SOUP_STATUS_BAD_REQUEST, NULL, "email");
  }

  for (guint i = 0; bodies[i] != NULL; i++)
    {
      g_autoptr(Response) response = post_domain (f, 1001, MD_DOMAIN_CONTACT, bodies[i]);

      g_test_message ("body %u", i);
      assert_error (response, SOUP_STATUS_BAD_REQUEST, "MALFORMED_JSON", NULL);
    }

  /* Without any body at all. */
  {
    g_autoptr(Response) response = post_domain (f, 1001, MD_DOMAIN_ADDRESS, NULL);

    assert_error (response, SOUP_STATUS_BAD_REQUEST, "MALFORMED_JSON", NULL);
  }

  /* The server is still there and unchanged. */
  {
    g_autoptr(Response) response = get_domain (f, 1001, MD_DOMAIN_CONTACT);

    g_assert_cmpstr (get_string (response_object (response), "email"), ==,
                     "lena.hoffmann@example.org");
  }
}

static void
test_wrong_types (Fixture       *f,
                  gconstpointer  data)
{
  const struct
  {
    MdDomain    domain;
    const char *body;
    const char *reference;
  } cases[] = {
    { MD_DOMAIN_CONTACT, "{\"email\":5}", "email" },
    { MD_DOMAIN_CONTACT, "{\"email\":true}", "email" },
    { MD_DOMAIN_CONTACT, "{\"email\":{}}", "email" },
    { MD_DOMAIN_CONTACT, "{\"phonePrivate\":[\"+49 30 1\"]}", "phonePrivate" },
    { MD_DOMAIN_ADDRESS, "{\"street\":\"A\",\"zipCode\":10969,\"city\":\"B\",\"countryCode\":\"DE\"}", "zipCode" },
    { MD_DOMAIN_MASTER, "{\"firstName\":\"A\",\"lastName\":\"B\",\"gender\":\"MALE\","
                        "\"dateOfBirth\":19910314,\"customerTitle\":\"NONE\"}", "dateOfBirth" },
    { MD_DOMAIN_PAYMENT, "{\"accountHolder\":\"A\",\"bankName\":\"B\",\"iban\":\"" NEW_IBAN "\","
                         "\"bic\":\"GENODEM1GLS\",\"signature\":\"PHN2Zz4=\"}", "signature" },
    { MD_DOMAIN_PAYMENT, "{\"accountHolder\":\"A\",\"bankName\":\"B\",\"iban\":\"" NEW_IBAN "\","
                         "\"bic\":\"GENODEM1GLS\",\"signature\":{\"base64SvgSignature\":5}}", SIG_REF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* A READ domain would say 403; types are checked before anything else. */
      g_autoptr(Response) response = post_domain (f, 1004, cases[i].domain, cases[i].body);
      g_autoptr(Response) instant = post_domain (f, 1001, cases[i].domain, cases[i].body);

      g_test_message ("case %u", i);
      assert_error (response, SOUP_STATUS_BAD_REQUEST, NULL, cases[i].reference);
      assert_error (instant, SOUP_STATUS_BAD_REQUEST, NULL, cases[i].reference);
    }

  /* null is allowed for any field and means "no value". */
  {
    g_autoptr(Response) response = post_domain (f, 1001, MD_DOMAIN_CONTACT,
                                                "{\"email\":null,\"phonePrivate\":\"+49 30 5\"}");
    g_autoptr(Response) get = get_domain (f, 1001, MD_DOMAIN_CONTACT);

    g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
    g_assert_false (json_object_has_member (response_object (get), "email"));
  }
}

static GInputStream *
big_stream (gsize size)
{
  char *data = g_malloc (size);

  memset (data, ' ', size);
  data[0] = '{';
  data[size - 1] = '}';

  return g_memory_input_stream_new_from_data (data, size, g_free);
}

static void
test_oversized_body (Fixture       *f,
                     gconstpointer  data)
{
  const gsize size = 3 * 512 * 1024;
  g_autofree char *url = g_strconcat (f->base_url, "/v1/customers/1001/self-service/contact-data", NULL);

  /* With a Content-Length, with Expect: 100-continue, and chunked. */
  for (guint variant = 0; variant < 3; variant++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autoptr(GInputStream) stream = big_stream (size);
      g_autoptr(Response) response = NULL;
      SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

      soup_message_headers_replace (headers, "x-api-key", KEY);
      if (variant == 1)
        soup_message_headers_set_expectations (headers, SOUP_EXPECTATION_CONTINUE);
      soup_message_set_request_body (msg, "application/json", stream, variant == 2 ? -1 : (gssize) size);

      response = send_message (f, msg);
      g_test_message ("variant %u", variant);
      assert_error (response, SOUP_STATUS_BAD_REQUEST, "REQUEST_TOO_LARGE", NULL);
    }

  /* Without the key it is a 401 all the same. */
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
    g_autoptr(GInputStream) stream = big_stream (size);
    g_autoptr(Response) response = NULL;

    soup_message_set_request_body (msg, "application/json", stream, size);
    response = send_message (f, msg);
    assert_error (response, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
  }

  /* Just under the cap is read and judged on its content. */
  {
    gsize almost = 1024 * 1024 - 64;
    g_autofree char *body = g_malloc (almost + 1);
    g_autoptr(Response) response = NULL;

    memset (body, ' ', almost);
    memcpy (body, "{\"email\":\"x@example.org\"", 24);
    body[almost - 1] = '}';
    body[almost] = '\0';
    response = post_domain (f, 1001, MD_DOMAIN_CONTACT, body);
    g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  }

  {
    g_autoptr(Response) response = get_domain (f, 1001, MD_DOMAIN_CONTACT);

    g_assert_cmpstr (get_string (response_object (response), "email"), ==, "x@example.org");
  }
}

typedef struct
{
  guint16   port;
  gboolean  done;
  gboolean  write_failed;
  gsize     written;
} Flood;

/* Sends a chunked body that never ends; runs in its own thread so that the
 * blocking writes do not stall the server's main context. */
static gpointer
flood_thread (gpointer user_data)
{
  Flood *flood = user_data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *head = NULL;
  g_autofree char *chunk = g_malloc (65536 + 16);
  GOutputStream *out;
  gsize chunk_length;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", flood->port, NULL, NULL);
  g_assert_nonnull (connection);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  head = g_strdup_printf ("POST /v1/customers/1001/self-service/contact-data HTTP/1.1\r\n"
                          "Host: 127.0.0.1:%u\r\nx-api-key: " KEY "\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n", flood->port);
  g_assert_true (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL));

  chunk_length = g_snprintf (chunk, 16, "%x\r\n", 65536);
  memset (chunk + chunk_length, 'a', 65536);
  chunk_length += 65536;
  memcpy (chunk + chunk_length, "\r\n", 2);
  chunk_length += 2;

  /* 256 MiB would take long to drain; the server must hang up well before. */
  while (flood->written < 256 * 1024 * 1024)
    {
      if (!g_output_stream_write_all (out, chunk, chunk_length, NULL, NULL, NULL))
        {
          flood->write_failed = TRUE;
          break;
        }
      flood->written += chunk_length;
    }

  g_atomic_int_set (&flood->done, TRUE);
  g_main_context_wakeup (NULL);

  return NULL;
}

static gboolean
flood_done (gpointer data)
{
  Flood *flood = data;

  return g_atomic_int_get (&flood->done);
}

static void
test_endless_body (Fixture       *f,
                   gconstpointer  data)
{
  Flood flood = { md_demo_server_get_port (f->server), FALSE, FALSE, 0 };
  g_autoptr(GThread) thread = g_thread_new ("flood", flood_thread, &flood);

  g_assert_true (md_test_spin_until (flood_done, &flood));
  g_thread_join (g_steal_pointer (&thread));

  g_assert_true (flood.write_failed);
  g_assert_cmpuint (flood.written, <, 64 * 1024 * 1024);

  {
    g_autoptr(Response) response = get_domain (f, 1001, MD_DOMAIN_CONTACT);

    g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  }
}

/* Sends @msg asking for answers in @language, unless that is NULL. */
static Response *
send_in_language (Fixture     *f,
                  SoupMessage *msg,
                  const char  *language)
{
  if (language != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Language",
                                  language);

  return send_message (f, msg);
}

static const char *
error_message_for (Fixture    *f,
                   const char *language,
                   Response  **out_response)
{
  g_autoptr(SoupMessage) msg = new_message (f, "POST",
                                            "/v1/customers/1001/self-service/address-data", KEY,
                                            "{\"street\":\"Lindenstraße\",\"city\":\"Berlin\","
                                            "\"countryCode\":\"DE\"}");

  *out_response = send_in_language (f, msg, language);
  return assert_error (*out_response, SOUP_STATUS_BAD_REQUEST, NULL, "zipCode");
}

static void
test_german (Fixture       *f,
             gconstpointer  data)
{
  static const struct
  {
    const char *language;
    gboolean    german;
  } languages[] = {
    { "de-CH", TRUE },
    { "DE-de;q=0.9, en;q=0.8", TRUE },
    { "en", FALSE },
    { "fr", FALSE },
    { "en-GB, de;q=0.5", FALSE },
  };
  static const struct
  {
    const char *method;
    const char *path;
    const char *key;
    const char *body;
    guint       status;
    const char *error_code;
    const char *message;
  } refusals[] = {
    { "GET", "/v1/customers/1001/self-service/contact-data", "wrong", NULL,
      SOUP_STATUS_UNAUTHORIZED, NULL, "Der API-Schlüssel fehlt oder ist falsch." },
    { "POST", "/v1/customers/1004/self-service/contact-data", KEY, "{}",
      SOUP_STATUS_FORBIDDEN, "SELF_SERVICE_READ_ONLY",
      "Diese Daten können hier nur gelesen werden; Änderungen sind nicht möglich." },
  };
  g_autoptr(Response) de = NULL;
  g_autoptr(Response) none = NULL;
  const char *german = error_message_for (f, "de", &de);
  const char *english = error_message_for (f, NULL, &none);

  g_assert_cmpstr (german, ==, "Das Feld „zipCode“ darf nicht leer sein.");
  g_assert_cmpstr (english, ==, "The field “zipCode” must not be empty.");
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(Response) response = NULL;

      g_assert_cmpstr (error_message_for (f, languages[i].language, &response), ==,
                       languages[i].german ? german : english);
    }

  /* The error code does not depend on the language. */
  g_assert_cmpstr (get_string (response_object (de), "errorCode"), ==,
                   get_string (response_object (none), "errorCode"));

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(SoupMessage) msg = new_message (f, refusals[i].method, refusals[i].path,
                                                refusals[i].key, refusals[i].body);
      g_autoptr(Response) response = send_in_language (f, msg, "de");

      g_assert_cmpstr (assert_error (response, refusals[i].status, refusals[i].error_code, NULL),
                       ==, refusals[i].message);
    }
}

static void
test_request_count (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Response) r1 = get_domain (f, 1001, MD_DOMAIN_CONTACT);
  g_autoptr(Response) r2 = get_domain (f, 4242, MD_DOMAIN_CONTACT);
  g_autoptr(Response) r3 = post_domain (f, 1001, MD_DOMAIN_CONTACT, "{}");
  g_autoptr(Response) r4 = request (f, "GET", "/demo/amendments", NULL);
  g_autoptr(SoupMessage) head = new_message (f, "HEAD", "/", KEY, NULL);
  g_autoptr(Response) r5 = send_message (f, head);

  g_assert_cmpuint (r1->status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (r2->status, ==, SOUP_STATUS_NOT_FOUND);
  g_assert_cmpuint (r3->status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (r4->status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (r5->status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (md_demo_server_get_request_count (f->server, "GET"), ==, 2);
  g_assert_cmpuint (md_demo_server_get_request_count (f->server, "POST"), ==, 1);
  g_assert_cmpuint (md_demo_server_get_request_count (f->server, "HEAD"), ==, 1);
  g_assert_cmpuint (md_demo_server_get_request_count (f->server, "DELETE"), ==, 0);

  md_demo_server_reset (f->server);
  g_assert_cmpuint (md_demo_server_get_request_count (f->server, "GET"), ==, 0);
}

static void
test_custom_key (void)
{
  g_autoptr(MdDemoServer) server = md_demo_server_new ("s3cret");
  g_autoptr(GError) error = NULL;
  Fixture f = { 0, };

  g_assert_true (md_demo_server_listen (server, 0, &error));
  g_assert_no_error (error);
  f.server = server;
  f.base_url = md_demo_server_get_base_url (server);
  f.session = md_test_session_new ();
  g_assert_true (g_str_has_prefix (f.base_url, "http://127.0.0.1:"));

  {
    g_autoptr(SoupMessage) good = new_message (&f, "GET", "/v1/customers/1001/self-service/contact-data",
                                               "s3cret", NULL);
    g_autoptr(SoupMessage) old = new_message (&f, "GET", "/v1/customers/1001/self-service/contact-data",
                                              KEY, NULL);
    g_autoptr(Response) good_response = send_message (&f, good);
    g_autoptr(Response) old_response = send_message (&f, old);

    g_assert_cmpuint (good_response->status, ==, SOUP_STATUS_OK);
    assert_error (old_response, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
  }

  g_clear_object (&f.session);
  g_free (f.base_url);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/demo-server/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("head", test_head);
  ADD ("unauthorized", test_unauthorized);
  ADD ("get-seed", test_get_seed);
  ADD ("unknown-customer", test_unknown_customer);
  ADD ("bad-ids", test_bad_ids);
  ADD ("unknown-path", test_unknown_path);
  ADD ("post-instant", test_post_instant);
  ADD ("post-instant-payment", test_post_instant_payment);
  ADD ("unchanged-iban-kept", test_unchanged_iban_kept);
  ADD ("post-reviewed", test_post_reviewed);
  ADD ("read-only", test_read_only);
  ADD ("validation", test_validation);
  ADD ("payment-signature", test_payment_signature);
  ADD ("withdraw", test_withdraw);
  ADD ("approve-reject", test_approve_reject);
  ADD ("list-amendments", test_list_amendments);
  ADD ("list-pending", test_list_pending);
  ADD ("reset", test_reset);
  ADD ("faults", test_faults);
  ADD ("latency", test_latency);
  ADD ("malformed-json", test_malformed_json);
  ADD ("wrong-types", test_wrong_types);
  ADD ("oversized-body", test_oversized_body);
  ADD ("endless-body", test_endless_body);
  ADD ("german", test_german);
  ADD ("request-count", test_request_count);

#undef ADD

  g_test_add_func ("/demo-server/custom-key", test_custom_key);

  return g_test_run ();
}

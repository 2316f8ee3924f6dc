/* test-json.c: reading and writing the self-service wire format
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "md-error.h"
#include "md-json.h"
#include "md-test-utils.h"

#include <string.h>

static char *
node_to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static const char contact_with_pending[] =
  "{\"email\": \"lena.hoffmann@example.org\","
  " \"phonePrivate\": \"+49 30 1234567\","
  " \"phonePrivateMobile\": \"+49 151 23456789\","
  " \"amendmentConfigurationStatus\": \"CHANGES_REQUIRE_VERIFICATION\","
  " \"pendingAmendment\": {\"id\": 1234567891,"
  "   \"email\": \"lena.hoffmann@example.org\","
  "   \"phonePrivate\": \"+49 30 1234567\","
  "   \"phonePrivateMobile\": \"+49 160 98765432\"}}";

static void
test_parse_snapshot (void)
{
  g_autoptr(MdSnapshot) snapshot = md_test_parse_snapshot (MD_DOMAIN_CONTACT,
                                                           contact_with_pending, -1);
  MdAmendment *pending;

  g_assert_cmpint (md_snapshot_get_domain (snapshot), ==, MD_DOMAIN_CONTACT);
  g_assert_cmpint (md_snapshot_get_mode (snapshot), ==, MD_AMENDMENT_MODE_REVIEWED);
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (snapshot), "phonePrivateMobile"),
                   ==, "+49 151 23456789");
  g_assert_null (md_record_get (md_snapshot_get_values (snapshot), "phoneBusiness"));

  pending = md_snapshot_get_pending (snapshot);
  g_assert_nonnull (pending);
  g_assert_cmpint (md_amendment_get_id (pending), ==, G_GINT64_CONSTANT (1234567891));
  g_assert_cmpstr (md_record_get (md_amendment_get_values (pending), "phonePrivateMobile"),
                   ==, "+49 160 98765432");
  g_assert_false (md_snapshot_get_require_signature (snapshot));
}

static void
test_round_trip (void)
{
  static const char payment[] =
    "{\"accountHolder\": \"Lena Hoffmann\", \"bankName\": \"Berliner Sparkasse\","
    " \"iban\": \"DE17 1005 0000 0123 4567 89\", \"bic\": \"BELADEBEXXX\","
    " \"requireSignature\": true,"
    " \"amendmentConfigurationStatus\": \"CHANGES_WITHOUT_VERIFICATION\","
    " \"mandateReference\": {\"id\": 7, \"tags\": [1, 2]}}";
  const char *inputs[] = { contact_with_pending, payment };
  MdDomain domains[] = { MD_DOMAIN_CONTACT, MD_DOMAIN_PAYMENT };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MdSnapshot) first = NULL;
      g_autoptr(MdSnapshot) second = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonNode) expected = NULL;
      g_autofree char *text = NULL;

      first = md_test_parse_snapshot (domains[i], inputs[i], -1);
      node = md_json_snapshot_to_node (first);
      text = node_to_text (node);

      /* What is written reads back the same, unknown members included. */
      expected = json_from_string (inputs[i], &error);
      g_assert_no_error (error);
      g_assert_true (json_node_equal (node, expected));

      second = md_test_parse_snapshot (domains[i], text, -1);
      g_assert_true (md_record_equal (md_snapshot_get_values (first),
                                      md_snapshot_get_values (second)));
      g_assert_cmpint (md_snapshot_get_mode (first), ==, md_snapshot_get_mode (second));
      g_assert_cmpint (md_snapshot_get_require_signature (first),
                       ==, md_snapshot_get_require_signature (second));
      g_assert_cmpint (md_snapshot_get_pending (first) != NULL,
                       ==, md_snapshot_get_pending (second) != NULL);
    }
}

static void
test_tolerant (void)
{
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(MdSnapshot) id_only = NULL;
  g_autoptr(MdSnapshot) no_status = NULL;

  /* null for a string, a number for a postal code, an unknown status. */
  snapshot = md_test_parse_snapshot (MD_DOMAIN_ADDRESS,
                                     "{\"street\": null, \"zipCode\": 10969, \"city\": \"Berlin\","
                                     " \"amendmentConfigurationStatus\": \"CHANGES_BY_CARRIER_PIGEON\","
                                     " \"pendingAmendment\": null}",
                                     -1);
  g_assert_null (md_record_get (md_snapshot_get_values (snapshot), "street"));
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (snapshot), "zipCode"), ==, "10969");
  g_assert_cmpint (md_snapshot_get_mode (snapshot), ==, MD_AMENDMENT_MODE_UNKNOWN);
  g_assert_false (md_amendment_mode_is_editable (md_snapshot_get_mode (snapshot)));
  g_assert_cmpstr (md_snapshot_get_mode_string (snapshot), ==, "CHANGES_BY_CARRIER_PIGEON");
  g_assert_null (md_snapshot_get_pending (snapshot));

  /* A pending amendment given by its id alone. */
  id_only = md_test_parse_snapshot (MD_DOMAIN_MASTER,
                                    "{\"firstName\": \"Lena\", \"amendmentConfigurationStatus\":"
                                    " \"CHANGES_REQUIRE_VERIFICATION\", \"pendingAmendment\":"
                                    " {\"id\": \"42\"}}",
                                    -1);
  g_assert_nonnull (md_snapshot_get_pending (id_only));
  g_assert_cmpint (md_amendment_get_id (md_snapshot_get_pending (id_only)), ==, 42);
  g_assert_null (md_amendment_get_values (md_snapshot_get_pending (id_only)));

  /* No status at all fails safe. */
  no_status = md_test_parse_snapshot (MD_DOMAIN_CONTACT, "{}", -1);
  g_assert_cmpint (md_snapshot_get_mode (no_status), ==, MD_AMENDMENT_MODE_UNKNOWN);
}

static void
test_malformed (void)
{
  const char *bodies[] = {
    "",
    "<html><body>Bad gateway</body></html>",
    "[]",
    "\"text\"",
    "42",
    "{\"email\": ",
    "{\"email\": {\"nested\": 1}}",
    "{\"email\": [\"a\"]}",
    "{\"email\": true}",
    "{\"pendingAmendment\": 17}",
    "{\"pendingAmendment\": {\"id\": \"abc\"}}",
    "{\"pendingAmendment\": {\"id\": -5}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MdSnapshot) snapshot = NULL;

      snapshot = md_json_parse_snapshot (MD_DOMAIN_CONTACT, bodies[i], -1, &error);
      g_assert_null (snapshot);
      g_assert_error (error, MD_API_ERROR, MD_API_ERROR_MALFORMED_RESPONSE);
    }
}

static void
test_parse_amendment (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(MdAmendment) no_id = NULL;

  amendment = md_json_parse_amendment (MD_DOMAIN_ADDRESS,
                                       "{\"id\": 1234567892, \"street\": \"Schillerstraße\","
                                       " \"zipCode\": \"80336\", \"city\": \"München\","
                                       " \"countryCode\": \"DE\"}",
                                       -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (md_amendment_get_id (amendment), ==, G_GINT64_CONSTANT (1234567892));
  g_assert_cmpstr (md_record_get (md_amendment_get_values (amendment), "city"), ==, "München");

  /* An instant change may come back without an id. */
  no_id = md_json_parse_amendment (MD_DOMAIN_CONTACT, "{\"email\": \"a@example.org\"}", -1,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpint (md_amendment_get_id (no_id), ==, 0);

  g_assert_null (md_json_parse_amendment (MD_DOMAIN_CONTACT, "null", -1, &error));
  g_assert_error (error, MD_API_ERROR, MD_API_ERROR_MALFORMED_RESPONSE);
}

static void
test_build_body (void)
{
  g_autoptr(MdRecord) current = md_record_new (MD_DOMAIN_PAYMENT);
  g_autoptr(MdRecord) draft = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) unchanged = NULL;
  g_autofree char *text = NULL;
  g_autofree char *unchanged_text = NULL;
  gsize length = 0;

  md_record_set (current, "accountHolder", "Lena Hoffmann");
  md_record_set (current, "bankName", "Berliner Sparkasse");
  md_record_set (current, "iban", "DE17 1005 0000 0123 4567 89");
  md_record_set (current, "bic", "BELADEBEXXX");
  json_object_set_string_member (md_record_get_extra (current), "mandateNote", "keep me");

  draft = md_record_copy (current);
  md_record_set (draft, "iban", " de89 3704 0044 0532 0130 00 ");
  md_record_set (draft, "bankName", "Commerzbank ");

  text = md_json_build_amendment_body (current, draft, "PHN2Zy8+", &length);
  g_assert_cmpuint (length, ==, strlen (text));
  body = md_test_parse_object (text, -1);

  /* The complete object: unchanged fields and unknown members too. */
  g_assert_cmpstr (json_object_get_string_member (body, "accountHolder"), ==, "Lena Hoffmann");
  g_assert_cmpstr (json_object_get_string_member (body, "bic"), ==, "BELADEBEXXX");
  g_assert_cmpstr (json_object_get_string_member (body, "mandateNote"), ==, "keep me");
  /* Edits trimmed, an edited IBAN normalised. */
  g_assert_cmpstr (json_object_get_string_member (body, "bankName"), ==, "Commerzbank");
  g_assert_cmpstr (json_object_get_string_member (body, "iban"), ==, "DE89370400440532013000");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (body, "signature"),
                                                  "base64SvgSignature"), ==, "PHN2Zy8+");
  g_assert_false (json_object_has_member (body, "requireSignature"));

  /* An IBAN the member did not edit goes back exactly as the server sent it. */
  md_record_set (draft, "iban", "DE17 1005 0000 0123 4567 89");
  unchanged_text = md_json_build_amendment_body (current, draft, NULL, NULL);
  unchanged = md_test_parse_object (unchanged_text, -1);
  g_assert_cmpstr (json_object_get_string_member (unchanged, "iban"),
                   ==, "DE17 1005 0000 0123 4567 89");
  g_assert_false (json_object_has_member (unchanged, "signature"));
}

static void
test_build_body_cleared_field (void)
{
  g_autoptr(MdRecord) current = md_record_new (MD_DOMAIN_CONTACT);
  g_autoptr(MdRecord) draft = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *text = NULL;

  md_record_set (current, "email", "lena@example.org");
  md_record_set (current, "phoneBusiness", "+49 30 7654321");
  draft = md_record_copy (current);
  md_record_set (draft, "phoneBusiness", NULL);

  text = md_json_build_amendment_body (current, draft, NULL, NULL);
  body = md_test_parse_object (text, -1);
  /* Left out, it might mean "keep": sent empty, it means "clear". */
  g_assert_cmpstr (json_object_get_string_member (body, "phoneBusiness"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (body, "email"), ==, "lena@example.org");
  g_assert_false (json_object_has_member (body, "phonePrivate"));
}

static void
test_error_body (void)
{
  g_autofree char *message = NULL;
  g_autofree char *code = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *trace = NULL;
  g_autofree char *built = NULL;
  const char *garbage[] = { "", "<html>502</html>", "[1,2]", "{\"errorMessage\": 5.5e999" };

  md_json_parse_error_body ("{\"errorMessage\": \"Die Postleitzahl darf nicht leer sein.\","
                            " \"errorCode\": \"x.y\", \"traceId\": 6148329870012345678,"
                            " \"reference\": \"zipCode\", \"args\": [1]}",
                            -1, &message, &code, &reference, &trace);
  g_assert_cmpstr (message, ==, "Die Postleitzahl darf nicht leer sein.");
  g_assert_cmpstr (code, ==, "x.y");
  g_assert_cmpstr (reference, ==, "zipCode");
  g_assert_cmpstr (trace, ==, "6148329870012345678");

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autofree char *m = NULL;
      g_autofree char *r = NULL;

      md_json_parse_error_body (garbage[i], -1, &m, NULL, &r, NULL);
      g_assert_null (m);
      g_assert_null (r);
    }

  built = md_json_build_error_body ("Entity not found.", "NOT_FOUND", NULL, NULL);
  g_clear_pointer (&message, g_free);
  g_clear_pointer (&reference, g_free);
  md_json_parse_error_body (built, -1, &message, NULL, &reference, NULL);
  g_assert_cmpstr (message, ==, "Entity not found.");
  g_assert_null (reference);
}

/* What md_json_text_is_safe() lets through to json-glib 1.6. */
static void
test_text_check (void)
{
  static const char * const safe[] = {
    "",
    " \t\r\n",
    "{}",
    "[]",
    "null",
    "{\"a\": [1, -0, 0.5, -1.5e-7, 2E+3, true, false, null, \"x\"]}",
    "{\"a\": 9223372036854775807, \"b\": -9223372036854775808, \"c\": 1e308}",
    "{\"a\": \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e4 \\ud83d\\ude00\"}",
    "{\"a\": \"[[[[ /* ' \"}",
    /* The grammar is the parser's business. */
    "{\"a\" 1 2}",
    "[}",
  };
  static const char * const unsafe[] = {
    /* Two values: json-glib keeps the last and leaks the first. */
    "{}{}",
    "{\"a\": 1} {\"a\": 2}",
    "\"x\" {}",
    "{} null",
    "1 2",
    /* What json-glib takes besides JSON. */
    "{\"a\": /* ] */ 1}",
    "{'a': 1}",
    "{\"a\": ['\"', 1]}",
    "{\"a\": 0x10}",
    "{\"a\": 010}",
    "{\"a\": .5}",
    "{\"a\": 5.}",
    "{\"a\": +5}",
    "{\"a\": 1e}",
    "{\"a\": -}",
    "{\"a\": NaN}",
    "{\"a\": Infinity}",
    "{\"a\": nul}",
    "{\"a\": \"\\x41\"}",
    "{\"a\": \"\\u00g0\"}",
    "var a = {};",
    /* Numbers json-glib would wrap or turn infinite. */
    "{\"a\": 9223372036854775808}",
    "{\"a\": -9223372036854775809}",
    "{\"a\": 18446744073709551621}",
    "{\"a\": 1e999}",
    "{\"a\": -1.8e308}",
    /* Surrogates json-glib would decode into invalid UTF-8. */
    "{\"a\": \"\\ud83dx\"}",
    "{\"a\": \"\\ud83d\\n\"}",
    "{\"a\": \"\\ud83d\\u0041\"}",
    "{\"a\": \"\\ude00\"}",
    /* Unterminated. */
    "{\"a\": \"x",
    "{\"a\": \"x\\",
  };
  g_autoptr(GString) deep = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (safe); i++)
    {
      g_test_message ("safe: %s", safe[i]);
      g_assert_true (md_json_text_is_safe (safe[i], strlen (safe[i])));
    }

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      g_test_message ("unsafe: %s", unsafe[i]);
      g_assert_false (md_json_text_is_safe (unsafe[i], strlen (unsafe[i])));
    }

  /* Exactly @length bytes are read. */
  g_assert_true (md_json_text_is_safe ("{}{}", 2));
  g_assert_true (md_json_text_is_safe ("{\"a\": 1e999}", 9));
  g_assert_false (md_json_text_is_safe ("{\"a\": \"x\\u00e4\"}", 12));
  g_assert_true (md_json_text_is_safe (NULL, 0));

  /* MD_JSON_MAX_DEPTH levels and not one more. */
  for (guint i = 0; i < MD_JSON_MAX_DEPTH; i++)
    g_string_append_c (deep, i % 2 == 0 ? '[' : '{');
  g_assert_true (md_json_text_is_safe (deep->str, deep->len));
  g_string_append_c (deep, '[');
  g_assert_false (md_json_text_is_safe (deep->str, deep->len));
}

/* Bodies that crashed, leaked or broke the round trip in the fuzz targets
 * (tests/fuzz/regressions): each is malformed now, and no error body. */
static void
test_hostile_text (void)
{
  static const char * const bodies[] = {
    "{}{\"email\": \"a@example.org\", \"amendmentConfigurationStatus\": \"READ\"}",
    "{\"email\": \"a@example.org\", \"x\": 1e999}",
    "{\"email\": \"\\ud800x\", \"amendmentConfigurationStatus\": \"READ\"}",
    "{\"errorMessage\": \"The field \\ud83d\\]de00\"}",
  };
  g_autofree char *brackets = g_strnfill (100000, '[');
  g_autofree char *hidden = NULL;
  g_autoptr(GString) comments = g_string_new ("{\"email\": [");

  /* json-glib 1.6 recurses once per level: 100,000 overflow the stack. */
  hidden = g_strconcat ("{\"email\": ['\"', ", brackets, NULL);
  for (guint i = 0; i < 100000; i++)
    g_string_append (comments, "[/*]*/");

  for (guint i = 0; i < G_N_ELEMENTS (bodies) + 3; i++)
    {
      const char *body = i < G_N_ELEMENTS (bodies) ? bodies[i]
                         : i == G_N_ELEMENTS (bodies) ? brackets
                         : i == G_N_ELEMENTS (bodies) + 1 ? hidden
                         : comments->str;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) amendment_error = NULL;
      g_autoptr(MdSnapshot) snapshot = NULL;
      g_autoptr(MdAmendment) amendment = NULL;
      g_autofree char *message = NULL;
      g_autofree char *code = NULL;

      g_test_message ("body %u", i);
      snapshot = md_json_parse_snapshot (MD_DOMAIN_CONTACT, body, -1, &error);
      g_assert_null (snapshot);
      g_assert_error (error, MD_API_ERROR, MD_API_ERROR_MALFORMED_RESPONSE);

      amendment = md_json_parse_amendment (MD_DOMAIN_CONTACT, body, -1, &amendment_error);
      g_assert_null (amendment);
      g_assert_error (amendment_error, MD_API_ERROR, MD_API_ERROR_MALFORMED_RESPONSE);

      md_json_parse_error_body (body, -1, &message, &code, NULL, NULL);
      g_assert_null (message);
      g_assert_null (code);
    }
}

/* json-glib 1.6 writes the double 1e20 as "1e+20.0": an unknown member
 * holding one would make every save of the domain a body that is not JSON. */
static void
test_exponent_doubles (void)
{
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(MdAmendment) sent = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *answer = NULL;
  JsonArray *list;
  gsize length = 0;

  snapshot = md_test_parse_snapshot (MD_DOMAIN_CONTACT,
                                     "{\"email\": \"a@example.org\", \"score\": 1e20,"
                                     " \"list\": [1E17, -5e-324, 2.0, true, \"x 1e+20.0\"]}",
                                     -1);
  text = md_json_build_amendment_body (md_snapshot_get_values (snapshot),
                                       md_snapshot_get_values (snapshot), NULL, &length);
  g_assert_true (md_json_text_is_safe (text, length));

  body = md_test_parse_object (text, -1);
  g_assert_cmpfloat (json_object_get_double_member (body, "score"), ==, 1e20);
  list = json_object_get_array_member (body, "list");
  g_assert_cmpfloat (json_array_get_double_element (list, 0), ==, 1e17);
  g_assert_cmpfloat (json_array_get_double_element (list, 1), ==, -5e-324);
  g_assert_cmpfloat (json_array_get_double_element (list, 2), ==, 2.0);
  g_assert_true (json_array_get_boolean_element (list, 3));
  /* Strings are left alone. */
  g_assert_cmpstr (json_array_get_string_element (list, 4), ==, "x 1e+20.0");

  sent = md_json_parse_amendment (MD_DOMAIN_CONTACT, text, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (md_record_get (md_amendment_get_values (sent), "email"), ==, "a@example.org");

  /* The demo backend answers with the same writer. */
  node = md_json_snapshot_to_node (snapshot);
  answer = md_json_to_data (node, &length);
  g_assert_cmpuint (length, ==, strlen (answer));
  g_assert_true (md_json_text_is_safe (answer, length));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/parse-snapshot", test_parse_snapshot);
  g_test_add_func ("/json/round-trip", test_round_trip);
  g_test_add_func ("/json/tolerant", test_tolerant);
  g_test_add_func ("/json/malformed", test_malformed);
  g_test_add_func ("/json/parse-amendment", test_parse_amendment);
  g_test_add_func ("/json/build-body", test_build_body);
  g_test_add_func ("/json/build-body-cleared-field", test_build_body_cleared_field);
  g_test_add_func ("/json/error-body", test_error_body);
  g_test_add_func ("/json/text-check", test_text_check);
  g_test_add_func ("/json/hostile-text", test_hostile_text);
  g_test_add_func ("/json/exponent-doubles", test_exponent_doubles);

  return g_test_run ();
}

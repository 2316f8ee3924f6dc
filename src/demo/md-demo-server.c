/* md-demo-server.c: an in-memory studio that speaks the self-service contract
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "md-demo-seed.h"
#include "md-demo-server.h"
#include "md-domain.h"
#include "md-http-server.h"
#include "md-json.h"
#include "md-record.h"
#include "md-snapshot.h"
#include "md-validate.h"

#define DEFAULT_API_KEY      "demo-key"
#define DEFAULT_WEBHOOK_KEY  "demo-webhook-key"
#define MAX_BODY_SIZE        (1024 * 1024)
/* An oversized body is read and thrown away so that the client gets to
 * read the 400; past this much the connection is simply dropped. */
#define MAX_DRAIN_SIZE       (16 * MAX_BODY_SIZE)
#define MAX_LATENCY_MS       600000
#define SIGNATURE_REFERENCE  "signature.base64SvgSignature"

struct _MdDemoServer
{
  GObject       parent_instance;

  SoupServer   *server;
  SoupSession  *webhook_session;
  guint         webhooks_done;  /* answered or failed, since the last reset */
  GCancellable *cancellable;

  char         *api_key;
  char         *webhook_url;
  char         *webhook_key;
  guint         port;
  guint         latency_ms;

  guint         fault_count;
  guint         fault_status;
  gboolean      fault_broken_body;
  char         *fault_reference;

  GHashTable   *customers;       /* gint64 * -> MdDemoCustomer * */
  GHashTable   *request_counts;  /* method -> count */
  GPtrArray    *delayed;         /* Delayed *, waiting out the latency */
  gint64        next_amendment_id;
  guint64       next_trace_id;
};

G_DEFINE_FINAL_TYPE (MdDemoServer, md_demo_server, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (MdDemoPending, md_demo_pending, md_demo_pending_copy, md_demo_pending_free)

enum
{
  PENDING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The demo's own messages. The language follows the request's
 * Accept-Language, not the process locale, so both live here rather
 * than in the message catalogue. "{field}" stands for the JSON name. */
typedef enum
{
  MSG_UNAUTHORIZED,
  MSG_NO_SUCH_PATH,
  MSG_METHOD_NOT_ALLOWED,
  MSG_BAD_CUSTOMER_ID,
  MSG_BAD_AMENDMENT_ID,
  MSG_NO_SUCH_CUSTOMER,
  MSG_NO_SUCH_AMENDMENT,
  MSG_MALFORMED_JSON,
  MSG_BODY_TOO_LARGE,
  MSG_WRONG_TYPE,
  MSG_READ_ONLY,
  MSG_ALREADY_PENDING,
  MSG_REQUIRED,
  MSG_INVALID_TEXT,
  MSG_INVALID_EMAIL,
  MSG_INVALID_PHONE,
  MSG_INVALID_COUNTRY,
  MSG_INVALID_POSTAL_CODE,
  MSG_INVALID_DATE_OF_BIRTH,
  MSG_INVALID_GENDER,
  MSG_INVALID_TITLE,
  MSG_INVALID_IBAN,
  MSG_INVALID_BIC,
  MSG_SIGNATURE_MISSING,
  MSG_SIGNATURE_INVALID,
  MSG_BAD_DEMO_REQUEST,
  MSG_INJECTED_FAULT,
  N_MESSAGES
} Message;

typedef struct
{
  const char *code;
  const char *en;
  const char *de;
} MessageEntry;

static const MessageEntry messages[N_MESSAGES] = {
  [MSG_UNAUTHORIZED] = {
    "UNAUTHORIZED",
    "The API key is missing or wrong.",
    "Der API-Schlüssel fehlt oder ist falsch." },
  [MSG_NO_SUCH_PATH] = {
    "NOT_FOUND",
    "There is no such resource; the API lives under /v1/customers/{customerId}/self-service/.",
    "Diese Ressource gibt es nicht; die API liegt unter /v1/customers/{customerId}/self-service/." },
  [MSG_METHOD_NOT_ALLOWED] = {
    "METHOD_NOT_ALLOWED",
    "This method is not allowed for this resource.",
    "Diese Methode ist für diese Ressource nicht erlaubt." },
  [MSG_BAD_CUSTOMER_ID] = {
    "INVALID_ID",
    "The customer id must be a positive whole number.",
    "Die Kundennummer muss eine positive ganze Zahl sein." },
  [MSG_BAD_AMENDMENT_ID] = {
    "INVALID_ID",
    "The amendment id must be a positive whole number.",
    "Die Nummer der Änderungsanfrage muss eine positive ganze Zahl sein." },
  [MSG_NO_SUCH_CUSTOMER] = {
    "CUSTOMER_NOT_FOUND",
    "There is no customer with this id.",
    "Es gibt kein Mitglied mit dieser Nummer." },
  [MSG_NO_SUCH_AMENDMENT] = {
    "AMENDMENT_NOT_FOUND",
    "This customer has no pending change request with this id.",
    "Für dieses Mitglied gibt es keine offene Änderungsanfrage mit dieser Nummer." },
  [MSG_MALFORMED_JSON] = {
    "MALFORMED_JSON",
    "The request body is malformed JSON or not a JSON object.",
    "Der Inhalt der Anfrage ist fehlerhaftes JSON oder kein JSON-Objekt." },
  [MSG_BODY_TOO_LARGE] = {
    "REQUEST_TOO_LARGE",
    "The request body is larger than 1 MiB.",
    "Der Inhalt der Anfrage ist größer als 1 MiB." },
  [MSG_WRONG_TYPE] = {
    "INVALID_TYPE",
    "The field “{field}” must be a string or null.",
    "Das Feld „{field}“ muss eine Zeichenkette oder null sein." },
  [MSG_READ_ONLY] = {
    "SELF_SERVICE_READ_ONLY",
    "These data can only be read here; changes are not possible.",
    "Diese Daten können hier nur gelesen werden; Änderungen sind nicht möglich." },
  [MSG_ALREADY_PENDING] = {
    "AMENDMENT_ALREADY_PENDING",
    "There is already a pending change request for these data.",
    "Für diese Daten gibt es bereits eine offene Änderungsanfrage." },
  [MSG_REQUIRED] = {
    "VALIDATION_REQUIRED",
    "The field “{field}” must not be empty.",
    "Das Feld „{field}“ darf nicht leer sein." },
  [MSG_INVALID_TEXT] = {
    "VALIDATION_INVALID",
    "The value of “{field}” is not valid.",
    "Der Wert von „{field}“ ist ungültig." },
  [MSG_INVALID_EMAIL] = {
    "VALIDATION_INVALID_EMAIL",
    "The value of “{field}” is not a valid e-mail address.",
    "Der Wert von „{field}“ ist keine gültige E-Mail-Adresse." },
  [MSG_INVALID_PHONE] = {
    "VALIDATION_INVALID_PHONE",
    "The phone number “{field}” may contain only digits, spaces and + / - ( ).",
    "Die Telefonnummer „{field}“ darf nur Ziffern, Leerzeichen und + / - ( ) enthalten." },
  [MSG_INVALID_COUNTRY] = {
    "VALIDATION_INVALID_COUNTRY",
    "“{field}” must be a two-letter country code (ISO 3166-1 alpha-2).",
    "„{field}“ muss ein zweistelliger Ländercode sein (ISO 3166-1 alpha-2)." },
  [MSG_INVALID_POSTAL_CODE] = {
    "VALIDATION_INVALID_POSTAL_CODE",
    "The postal code does not fit the country.",
    "Die Postleitzahl passt nicht zum Land." },
  [MSG_INVALID_DATE_OF_BIRTH] = {
    "VALIDATION_INVALID_DATE_OF_BIRTH",
    "The date of birth must be a real date (YYYY-MM-DD) in the past.",
    "Das Geburtsdatum muss ein gültiges Datum (JJJJ-MM-TT) in der Vergangenheit sein." },
  [MSG_INVALID_GENDER] = {
    "VALIDATION_INVALID_GENDER",
    "The gender must be MALE, FEMALE or UNISEX.",
    "Das Geschlecht muss MALE, FEMALE oder UNISEX sein." },
  [MSG_INVALID_TITLE] = {
    "VALIDATION_INVALID_TITLE",
    "The title must be NONE, DR or PROF.",
    "Der Titel muss NONE, DR oder PROF sein." },
  [MSG_INVALID_IBAN] = {
    "VALIDATION_INVALID_IBAN",
    "The IBAN is not valid (ISO 13616: country, length and check digits).",
    "Die IBAN ist ungültig (ISO 13616: Land, Länge und Prüfziffern)." },
  [MSG_INVALID_BIC] = {
    "VALIDATION_INVALID_BIC",
    "The BIC is not valid (ISO 9362: 8 or 11 characters).",
    "Die BIC ist ungültig (ISO 9362: 8 oder 11 Zeichen)." },
  [MSG_SIGNATURE_MISSING] = {
    "SIGNATURE_REQUIRED",
    "A change of bank details needs the member’s signature.",
    "Eine Änderung der Bankverbindung braucht die Unterschrift des Mitglieds." },
  [MSG_SIGNATURE_INVALID] = {
    "SIGNATURE_INVALID",
    "The signature must be a base64-encoded SVG document that draws at least one path.",
    "Die Unterschrift muss ein Base64-kodiertes SVG-Dokument sein, das mindestens einen Pfad zeichnet." },
  [MSG_BAD_DEMO_REQUEST] = {
    "INVALID_DEMO_REQUEST",
    "The value of “{field}” is missing or out of range.",
    "Der Wert von „{field}“ fehlt oder liegt außerhalb des erlaubten Bereichs." },
  [MSG_INJECTED_FAULT] = {
    "INJECTED_FAULT",
    "The demo server was told to fail this request.",
    "Der Demo-Server sollte diese Anfrage scheitern lassen." },
};

typedef enum
{
  ROUTE_NONE,
  ROUTE_DOMAIN,
  ROUTE_WITHDRAW,
  ROUTE_DEMO_APPROVE,
  ROUTE_DEMO_REJECT,
  ROUTE_DEMO_DELETE,
  ROUTE_DEMO_DISABLE_ACCESS,
  ROUTE_DEMO_RESET,
  ROUTE_DEMO_FAULTS,
  ROUTE_DEMO_LATENCY,
  ROUTE_DEMO_AMENDMENTS,
} RouteKind;

typedef struct
{
  RouteKind   kind;
  const char *allow;
  MdDomain    domain;
  char       *customer;   /* the raw path segments */
  char       *amendment;
} Route;

typedef struct
{
  MdDemoServer      *self;  /* unowned: dispose drops every Delayed first */
  SoupServerMessage *msg;
  guint              source_id;
  gulong             finished_id;
} Delayed;

static gboolean
is_demo_path (const char *path)
{
  return g_str_has_prefix (path, "/demo/") || g_str_equal (path, "/demo");
}

static gboolean
prefers_german (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Accept-Language");

  if (value == NULL)
    return FALSE;

  while (g_ascii_isspace (*value))
    value++;

  /* Only the first tag counts: "de", "de-CH", "de;q=0.9, en" are German. */
  return g_ascii_strncasecmp (value, "de", 2) == 0 &&
         (value[2] == '\0' || value[2] == '-' || value[2] == ',' ||
          value[2] == ';' || g_ascii_isspace (value[2]));
}

static gboolean
key_matches (const char *given,
             const char *expected)
{
  gsize given_len, expected_len;
  guchar diff;

  if (given == NULL)
    return FALSE;

  given_len = strlen (given);
  expected_len = strlen (expected);
  diff = given_len != expected_len;

  for (gsize i = 0; i < expected_len; i++)
    diff |= (guchar) expected[i] ^ (guchar) given[i < given_len ? i : 0];

  return diff == 0;
}

static gboolean
request_has_key (MdDemoServer      *self,
                 SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  return key_matches (soup_message_headers_get_one (headers, "x-api-key"), self->api_key);
}

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            JsonNode          *node)
{
  gsize length = 0;
  char *text = md_json_to_data (node, &length);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    text, length);
}

static void
reply_empty_object (SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static void
reply_error (MdDemoServer      *self,
             SoupServerMessage *msg,
             guint              status,
             Message            message,
             const char        *reference)
{
  const MessageEntry *entry = &messages[message];
  g_autoptr(GString) text = g_string_new (prefers_german (msg) ? entry->de : entry->en);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *trace_id = NULL;

  g_string_replace (text, "{field}", reference != NULL ? reference : "", 0);
  trace_id = g_strdup_printf ("%" G_GUINT64_FORMAT, self->next_trace_id++);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errorMessage");
  json_builder_add_string_value (builder, text->str);
  json_builder_set_member_name (builder, "errorCode");
  json_builder_add_string_value (builder, entry->code);
  json_builder_set_member_name (builder, "traceId");
  json_builder_add_string_value (builder, trace_id);
  if (reference != NULL)
    {
      json_builder_set_member_name (builder, "reference");
      json_builder_add_string_value (builder, reference);
    }
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  reply_json (msg, status, node);

  g_debug ("%s %s: %u %s", soup_server_message_get_method (msg),
           g_uri_get_path (soup_server_message_get_uri (msg)), status, entry->code);
}

static gboolean
parse_id (const char *text,
          gint64     *out_id)
{
  guint64 value;

  if (text == NULL || *text == '\0')
    return FALSE;

  /* g_ascii_string_to_unsigned() would take a sign; an id is digits only. */
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *out_id = (gint64) value;
  return TRUE;
}

static void
route_clear (Route *route)
{
  g_clear_pointer (&route->customer, g_free);
  g_clear_pointer (&route->amendment, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Route, route_clear)

static void
match_route (const char *path,
             Route      *route)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);

  route->kind = ROUTE_NONE;

  if (n < 2 || *parts[0] != '\0')
    return;

  if (n == 6 &&
      g_str_equal (parts[1], "v1") &&
      g_str_equal (parts[2], "customers") &&
      g_str_equal (parts[4], "self-service") &&
      md_domain_from_path (parts[5], &route->domain))
    {
      route->kind = ROUTE_DOMAIN;
      route->allow = "GET, POST, HEAD";
      route->customer = g_strdup (parts[3]);
    }
  else if (n == 7 &&
           g_str_equal (parts[1], "v1") &&
           g_str_equal (parts[2], "customers") &&
           g_str_equal (parts[4], "self-service") &&
           g_str_equal (parts[5], "amendment"))
    {
      route->kind = ROUTE_WITHDRAW;
      route->allow = "DELETE, HEAD";
      route->customer = g_strdup (parts[3]);
      route->amendment = g_strdup (parts[6]);
    }
  else if (n == 7 &&
           g_str_equal (parts[1], "demo") &&
           g_str_equal (parts[2], "customers") &&
           g_str_equal (parts[4], "amendments") &&
           (g_str_equal (parts[6], "approve") || g_str_equal (parts[6], "reject")))
    {
      route->kind = g_str_equal (parts[6], "approve") ? ROUTE_DEMO_APPROVE : ROUTE_DEMO_REJECT;
      route->allow = "POST, HEAD";
      route->customer = g_strdup (parts[3]);
      route->amendment = g_strdup (parts[5]);
    }
  else if (n == 5 &&
           g_str_equal (parts[1], "demo") &&
           g_str_equal (parts[2], "customers") &&
           (g_str_equal (parts[4], "delete") || g_str_equal (parts[4], "disable-access")))
    {
      route->kind = g_str_equal (parts[4], "delete") ? ROUTE_DEMO_DELETE : ROUTE_DEMO_DISABLE_ACCESS;
      route->allow = "POST, HEAD";
      route->customer = g_strdup (parts[3]);
    }
  else if (n == 3 && g_str_equal (parts[1], "demo"))
    {
      if (g_str_equal (parts[2], "reset"))
        route->kind = ROUTE_DEMO_RESET;
      else if (g_str_equal (parts[2], "faults"))
        route->kind = ROUTE_DEMO_FAULTS;
      else if (g_str_equal (parts[2], "latency"))
        route->kind = ROUTE_DEMO_LATENCY;
      else if (g_str_equal (parts[2], "amendments"))
        route->kind = ROUTE_DEMO_AMENDMENTS;

      route->allow = route->kind == ROUTE_DEMO_AMENDMENTS ? "GET, HEAD" : "POST, HEAD";
    }
}

static gboolean
route_allows (const Route *route,
              const char  *method)
{
  switch (route->kind)
    {
    case ROUTE_DOMAIN:
      return g_str_equal (method, "GET") || g_str_equal (method, "POST");
    case ROUTE_WITHDRAW:
      return g_str_equal (method, "DELETE");
    case ROUTE_DEMO_AMENDMENTS:
      return g_str_equal (method, "GET");
    case ROUTE_DEMO_APPROVE:
    case ROUTE_DEMO_REJECT:
    case ROUTE_DEMO_DELETE:
    case ROUTE_DEMO_DISABLE_ACCESS:
    case ROUTE_DEMO_RESET:
    case ROUTE_DEMO_FAULTS:
    case ROUTE_DEMO_LATENCY:
      return g_str_equal (method, "POST");
    case ROUTE_NONE:
    default:
      return FALSE;
    }
}

/* Resolves the route's ids, answering 400 or 404 itself when they fail. */
static MdDemoCustomer *
lookup_customer (MdDemoServer      *self,
                 SoupServerMessage *msg,
                 const Route       *route,
                 gint64            *out_amendment_id)
{
  MdDemoCustomer *customer;
  gint64 customer_id;

  if (!parse_id (route->customer, &customer_id))
    {
      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_BAD_CUSTOMER_ID, "customerId");
      return NULL;
    }

  if (out_amendment_id != NULL && !parse_id (route->amendment, out_amendment_id))
    {
      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_BAD_AMENDMENT_ID, "amendmentId");
      return NULL;
    }

  customer = g_hash_table_lookup (self->customers, &customer_id);
  if (customer == NULL)
    reply_error (self, msg, SOUP_STATUS_NOT_FOUND, MSG_NO_SUCH_CUSTOMER, NULL);

  return customer;
}

/* The request body as a JSON object, or NULL after answering 400. */
static JsonNode *
read_body_object (MdDemoServer      *self,
                  SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);

  if (length == 0 ||
      !g_utf8_validate_len (data, length, NULL) ||
      !md_json_text_is_safe (data, length) ||
      !json_parser_load_from_data (parser, data, length, &error) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_MALFORMED_JSON, NULL);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

static gboolean
node_is_string_or_null (JsonNode *node)
{
  return JSON_NODE_HOLDS_NULL (node) ||
         (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
}

static Message
message_for_kind (MdFieldKind kind)
{
  switch (kind)
    {
    case MD_FIELD_KIND_EMAIL:
      return MSG_INVALID_EMAIL;
    case MD_FIELD_KIND_PHONE:
      return MSG_INVALID_PHONE;
    case MD_FIELD_KIND_COUNTRY:
      return MSG_INVALID_COUNTRY;
    case MD_FIELD_KIND_POSTAL_CODE:
      return MSG_INVALID_POSTAL_CODE;
    case MD_FIELD_KIND_DATE_OF_BIRTH:
      return MSG_INVALID_DATE_OF_BIRTH;
    case MD_FIELD_KIND_GENDER:
      return MSG_INVALID_GENDER;
    case MD_FIELD_KIND_TITLE:
      return MSG_INVALID_TITLE;
    case MD_FIELD_KIND_IBAN:
      return MSG_INVALID_IBAN;
    case MD_FIELD_KIND_BIC:
      return MSG_INVALID_BIC;
    case MD_FIELD_KIND_TEXT:
    default:
      return MSG_INVALID_TEXT;
    }
}

typedef struct
{
  guint    depth;
  gboolean seen_root;
  gboolean root_is_svg;
  gboolean has_path;
} SvgCheck;

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element_name,
                   const char          **attribute_names,
                   const char          **attribute_values,
                   gpointer              user_data,
                   GError              **error)
{
  SvgCheck *check = user_data;
  const char *name = local_name (element_name);

  if (check->depth == 0)
    {
      if (check->seen_root)
        {
          g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                               "more than one root element");
          return;
        }

      check->seen_root = TRUE;
      check->root_is_svg = g_str_equal (name, "svg");
    }

  if (g_str_equal (name, "path"))
    check->has_path = TRUE;

  check->depth++;
}

static void
svg_end_element (GMarkupParseContext  *context,
                 const char           *element_name,
                 gpointer              user_data,
                 GError              **error)
{
  SvgCheck *check = user_data;

  check->depth--;
}

static gboolean
signature_is_valid (const char *base64)
{
  static const GMarkupParser parser = { svg_start_element, svg_end_element, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree guchar *decoded = NULL;
  SvgCheck check = { 0, };
  gsize length = strlen (base64);
  gsize decoded_length;

  /* g_base64_decode() skips what it does not know; "plain base64" is
   * checked here: the alphabet, padding only at the end, whole quads. */
  if (length == 0 || length % 4 != 0)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = base64[i];

      if (g_ascii_isalnum (c) || c == '+' || c == '/')
        continue;

      if (c == '=' && i >= length - 2 && (i == length - 1 || base64[i + 1] == '='))
        continue;

      return FALSE;
    }

  decoded = g_base64_decode (base64, &decoded_length);
  if (decoded_length == 0 || !g_utf8_validate_len ((const char *) decoded, decoded_length, NULL))
    return FALSE;

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &check, NULL);
  if (!g_markup_parse_context_parse (context, (const char *) decoded, decoded_length, NULL) ||
      !g_markup_parse_context_end_parse (context, NULL))
    return FALSE;

  return check.seen_root && check.root_is_svg && check.has_path;
}

/* One webhook on its way; the server may go before it is answered. */
typedef struct
{
  SoupMessage *message;
  GWeakRef     server;
} WebhookDelivery;

static void
webhook_delivery_free (WebhookDelivery *delivery)
{
  g_object_unref (delivery->message);
  g_weak_ref_clear (&delivery->server);
  g_free (delivery);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WebhookDelivery, webhook_delivery_free)

static void
webhook_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WebhookDelivery) delivery = user_data;
  g_autoptr(MdDemoServer) self = g_weak_ref_get (&delivery->server);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    g_debug ("webhook not delivered: %s", error->message);
  else
    g_debug ("webhook answered %u", soup_message_get_status (delivery->message));

  if (self != NULL)
    self->webhooks_done++;
}

/* @type: CUSTOMER_UPDATED, CUSTOMER_DELETED or CUSTOMER_ACCESS_DISABLED. */
static void
send_webhook_event (MdDemoServer *self,
                    gint64        customer_id,
                    const char   *type)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *uuid = NULL;
  WebhookDelivery *delivery;
  char *text;

  if (self->webhook_url == NULL)
    return;

  message = soup_message_new (SOUP_METHOD_POST, self->webhook_url);
  if (message == NULL)
    {
      g_debug ("webhook URL is not usable");
      return;
    }

  uuid = g_uuid_string_random ();

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "entityId");
  json_builder_add_int_value (builder, customer_id);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, uuid);
  json_builder_set_member_name (builder, "payload");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_int_value (builder, g_get_real_time () / 1000);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  text = json_to_string (node, FALSE);
  body = g_bytes_new_take (text, strlen (text));

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "x-api-key", self->webhook_key);
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  g_debug ("webhook %s for customer %" G_GINT64_FORMAT, type, customer_id);

  delivery = g_new0 (WebhookDelivery, 1);
  delivery->message = g_object_ref (message);
  g_weak_ref_init (&delivery->server, self);
  soup_session_send_and_read_async (self->webhook_session, message, G_PRIORITY_DEFAULT,
                                    self->cancellable, webhook_sent_cb, delivery);
}

static void
send_webhook (MdDemoServer *self,
              gint64        customer_id)
{
  send_webhook_event (self, customer_id, "CUSTOMER_UPDATED");
}

static MdDemoDomainState *
find_pending (MdDemoServer *self,
              gint64        customer_id,
              gint64        amendment_id)
{
  MdDemoCustomer *customer = g_hash_table_lookup (self->customers, &customer_id);

  if (customer == NULL)
    return NULL;

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      MdDemoDomainState *state = &customer->domains[i];

      if (state->pending != NULL && md_amendment_get_id (state->pending) == amendment_id)
        return state;
    }

  return NULL;
}

static gboolean
settle_pending (MdDemoServer *self,
                gint64        customer_id,
                gint64        amendment_id,
                gboolean      approve)
{
  MdDemoDomainState *state = find_pending (self, customer_id, amendment_id);

  if (state == NULL)
    return FALSE;

  if (approve && md_amendment_get_values (state->pending) != NULL)
    g_set_object (&state->values, md_amendment_get_values (state->pending));

  g_clear_object (&state->pending);

  g_debug ("amendment %" G_GINT64_FORMAT " of customer %" G_GINT64_FORMAT " %s",
           amendment_id, customer_id, approve ? "approved" : "rejected");

  send_webhook (self, customer_id);
  g_signal_emit (self, signals[PENDING_CHANGED], 0);

  return TRUE;
}

static void
handle_domain_get (MdDemoServer      *self,
                   SoupServerMessage *msg,
                   MdDemoCustomer    *customer,
                   MdDomain           domain)
{
  MdDemoDomainState *state = &customer->domains[domain];
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(JsonNode) node = NULL;

  snapshot = md_snapshot_new (state->values, state->mode,
                              md_amendment_mode_to_string (state->mode),
                              state->pending, state->require_signature);
  node = md_json_snapshot_to_node (snapshot);
  reply_json (msg, SOUP_STATUS_OK, node);
}

/* Known fields must be strings or null, and so must the signature's parts;
 * answers 400 with the offending member's path otherwise. */
static gboolean
check_member_types (MdDemoServer      *self,
                    SoupServerMessage *msg,
                    MdDomain           domain,
                    JsonObject        *body)
{
  const MdDomainInfo *info = md_domain_get_info (domain);
  JsonNode *signature;

  for (guint i = 0; i < info->n_fields; i++)
    {
      JsonNode *member = json_object_get_member (body, info->fields[i].name);

      if (member != NULL && !node_is_string_or_null (member))
        {
          reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_WRONG_TYPE, info->fields[i].name);
          return FALSE;
        }
    }

  if (domain != MD_DOMAIN_PAYMENT)
    return TRUE;

  signature = json_object_get_member (body, "signature");
  if (signature == NULL || JSON_NODE_HOLDS_NULL (signature))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (signature))
    {
      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_SIGNATURE_INVALID, "signature");
      return FALSE;
    }

  signature = json_object_get_member (json_node_get_object (signature), "base64SvgSignature");
  if (signature != NULL && !node_is_string_or_null (signature))
    {
      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_WRONG_TYPE, SIGNATURE_REFERENCE);
      return FALSE;
    }

  return TRUE;
}

static const char *
get_signature (JsonObject *body)
{
  JsonNode *node = json_object_get_member (body, "signature");

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  node = json_object_get_member (json_node_get_object (node), "base64SvgSignature");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return json_node_get_string (node);
}

/* The posted record: known, non-null fields only, so that nothing a client
 * invents ends up in what the server stores and echoes; values are stored
 * without surrounding white space, as they are validated. */
static MdRecord *
record_from_body (MdDomain    domain,
                  JsonObject *body)
{
  const MdDomainInfo *info = md_domain_get_info (domain);
  g_autoptr(JsonObject) known = json_object_new ();
  g_autoptr(GError) error = NULL;
  MdRecord *record;

  for (guint i = 0; i < info->n_fields; i++)
    {
      JsonNode *member = json_object_get_member (body, info->fields[i].name);

      if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
        json_object_set_member (known, info->fields[i].name, json_node_copy (member));
    }

  record = md_json_read_record (domain, known, NULL, &error);
  if (record == NULL)
    {
      g_debug ("%s: could not read the posted record: %s", info->id, error->message);
      return NULL;
    }

  for (guint i = 0; i < info->n_fields; i++)
    {
      const char *value = md_record_get_nth (record, i);

      if (value != NULL)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (value));

          md_record_set_nth (record, i, stripped);
        }
    }

  return record;
}

static void
handle_domain_post (MdDemoServer      *self,
                    SoupServerMessage *msg,
                    MdDemoCustomer    *customer,
                    MdDomain           domain)
{
  MdDemoDomainState *state = &customer->domains[domain];
  const MdDomainInfo *info = md_domain_get_info (domain);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MdRecord) record = NULL;
  g_autoptr(MdAmendment) amendment = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *check_message = NULL;
  const char *invalid_field = NULL;
  JsonObject *body;
  gint64 id;

  root = read_body_object (self, msg);
  if (root == NULL)
    return;

  body = json_node_get_object (root);
  if (!check_member_types (self, msg, domain, body))
    return;

  if (!md_amendment_mode_is_editable (state->mode))
    {
      reply_error (self, msg, SOUP_STATUS_FORBIDDEN, MSG_READ_ONLY, NULL);
      return;
    }

  if (state->pending != NULL)
    {
      reply_error (self, msg, SOUP_STATUS_CONFLICT, MSG_ALREADY_PENDING, NULL);
      return;
    }

  record = record_from_body (domain, body);
  if (record == NULL)
    {
      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_MALFORMED_JSON, NULL);
      return;
    }

  /* Only the out-parameters are trusted: they say which field failed. */
  md_record_check (record, &invalid_field, &check_message);
  if (invalid_field != NULL)
    {
      int index = md_domain_info_find_field (info, invalid_field);
      Message message = MSG_INVALID_TEXT;

      if (md_record_get (record, invalid_field) == NULL)
        message = MSG_REQUIRED;
      else if (index >= 0)
        message = message_for_kind (info->fields[index].kind);

      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, message, invalid_field);
      return;
    }

  if (domain == MD_DOMAIN_PAYMENT && state->require_signature)
    {
      const char *signature = get_signature (body);

      if (signature == NULL || *signature == '\0')
        {
          reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_SIGNATURE_MISSING,
                       SIGNATURE_REFERENCE);
          return;
        }

      if (!signature_is_valid (signature))
        {
          reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_SIGNATURE_INVALID,
                       SIGNATURE_REFERENCE);
          return;
        }
    }

  /* An IBAN sent back unchanged keeps the spelling it had; an edited one
   * is stored in its electronic form. */
  for (guint i = 0; i < info->n_fields; i++)
    {
      const char *iban = md_record_get_nth (record, i);
      const char *current = md_record_get_nth (state->values, i);
      g_autofree char *posted = NULL;
      g_autofree char *current_normalized = NULL;

      if (info->fields[i].kind != MD_FIELD_KIND_IBAN || iban == NULL)
        continue;

      posted = md_iban_normalize (iban);
      current_normalized = current != NULL ? md_iban_normalize (current) : NULL;
      md_record_set_nth (record, i, g_strcmp0 (posted, current_normalized) == 0 ? current : posted);
    }

  id = self->next_amendment_id++;
  amendment = md_amendment_new (id, record);

  if (state->mode == MD_AMENDMENT_MODE_INSTANT)
    g_set_object (&state->values, record);
  else
    {
      g_set_object (&state->pending, amendment);
      state->pending_signed = domain == MD_DOMAIN_PAYMENT && state->require_signature;
    }

  answer = md_json_amendment_to_node (amendment);
  if (domain == MD_DOMAIN_PAYMENT)
    json_object_set_boolean_member (json_node_get_object (answer), "requireSignature",
                                    state->require_signature);

  reply_json (msg, SOUP_STATUS_OK, answer);

  g_debug ("%s of customer %" G_GINT64_FORMAT ": amendment %" G_GINT64_FORMAT " %s",
           info->id, customer->id, id,
           state->mode == MD_AMENDMENT_MODE_INSTANT ? "applied" : "queued");

  if (state->mode == MD_AMENDMENT_MODE_INSTANT)
    send_webhook (self, customer->id);
  else
    g_signal_emit (self, signals[PENDING_CHANGED], 0);
}

static void
handle_withdraw (MdDemoServer      *self,
                 SoupServerMessage *msg,
                 MdDemoCustomer    *customer,
                 gint64             amendment_id)
{
  MdDemoDomainState *state = find_pending (self, customer->id, amendment_id);

  if (state == NULL)
    {
      reply_error (self, msg, SOUP_STATUS_NOT_FOUND, MSG_NO_SUCH_AMENDMENT, NULL);
      return;
    }

  g_clear_object (&state->pending);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);

  g_debug ("amendment %" G_GINT64_FORMAT " of customer %" G_GINT64_FORMAT " withdrawn",
           amendment_id, customer->id);

  g_signal_emit (self, signals[PENDING_CHANGED], 0);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 id_a = **(const gint64 * const *) a;
  gint64 id_b = **(const gint64 * const *) b;

  return id_a < id_b ? -1 : id_a > id_b;
}

static void
handle_list_amendments (MdDemoServer      *self,
                        SoupServerMessage *msg)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(JsonArray) list = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->customers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_ids);

  for (guint i = 0; i < ids->len; i++)
    {
      MdDemoCustomer *customer = g_hash_table_lookup (self->customers, ids->pdata[i]);

      for (guint d = 0; d < MD_N_DOMAINS; d++)
        {
          MdAmendment *pending = customer->domains[d].pending;
          JsonObject *entry, *fields;

          if (pending == NULL)
            continue;

          entry = json_object_new ();
          fields = json_object_new ();
          if (md_amendment_get_values (pending) != NULL)
            md_json_write_record (md_amendment_get_values (pending), fields);

          json_object_set_int_member (entry, "customerId", customer->id);
          json_object_set_string_member (entry, "domain", md_domain_get_info (d)->id);
          json_object_set_int_member (entry, "id", md_amendment_get_id (pending));
          json_object_set_object_member (entry, "fields", fields);
          json_object_set_boolean_member (entry, "signed", customer->domains[d].pending_signed);
          json_array_add_object_element (list, entry);
        }
    }

  json_node_set_array (node, list);
  reply_json (msg, SOUP_STATUS_OK, node);
}

/* Reads an optional integer member into @value; FALSE when it is there but
 * not an integer within [@min, @max]. */
static gboolean
get_int_member (JsonObject *object,
                const char *name,
                gint64      min,
                gint64      max,
                gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return *value >= min && *value <= max;
}

static void
handle_faults (MdDemoServer      *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = read_body_object (self, msg);
  JsonObject *body;
  JsonNode *broken;
  JsonNode *reference;
  gint64 count = 1;
  gint64 status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  gboolean broken_body = FALSE;

  if (root == NULL)
    return;

  body = json_node_get_object (root);
  if (!get_int_member (body, "count", 0, G_MAXUINT, &count))
    {
      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_BAD_DEMO_REQUEST, "count");
      return;
    }

  if (!get_int_member (body, "status", 400, 599, &status))
    {
      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_BAD_DEMO_REQUEST, "status");
      return;
    }

  broken = json_object_get_member (body, "brokenBody");
  if (broken != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (broken) || json_node_get_value_type (broken) != G_TYPE_BOOLEAN)
        {
          reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_BAD_DEMO_REQUEST, "brokenBody");
          return;
        }

      broken_body = json_node_get_boolean (broken);
    }

  reference = json_object_get_member (body, "reference");
  if (reference != NULL &&
      (!JSON_NODE_HOLDS_VALUE (reference) || json_node_get_value_type (reference) != G_TYPE_STRING))
    {
      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_BAD_DEMO_REQUEST, "reference");
      return;
    }

  md_demo_server_inject_faults (self, count, status, broken_body);
  md_demo_server_set_fault_reference (self, reference != NULL ? json_node_get_string (reference)
                                                              : NULL);
  reply_empty_object (msg);
}

static void
handle_latency (MdDemoServer      *self,
                SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = read_body_object (self, msg);
  gint64 ms = -1;

  if (root == NULL)
    return;

  if (!get_int_member (json_node_get_object (root), "ms", 0, MAX_LATENCY_MS, &ms) || ms < 0)
    {
      reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_BAD_DEMO_REQUEST, "ms");
      return;
    }

  md_demo_server_set_latency (self, ms);
  reply_empty_object (msg);
}

static void
reply_fault (MdDemoServer      *self,
             SoupServerMessage *msg)
{
  static const char broken[] = "{\"amendmentConfigurationStatus\":\"CHANGES_WITH";

  self->fault_count--;
  g_debug ("injected fault, %u left", self->fault_count);

  if (self->fault_broken_body)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        broken, strlen (broken));
    }
  else
    {
      reply_error (self, msg, self->fault_status, MSG_INJECTED_FAULT, self->fault_reference);
    }
}

static void
handle_request (MdDemoServer      *self,
                SoupServerMessage *msg)
{
  const char *method = soup_server_message_get_method (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  g_auto(Route) route = { 0, };
  MdDemoCustomer *customer;
  gint64 amendment_id;

  if (g_str_equal (method, "HEAD"))
    {
      soup_server_message_set_status (msg, request_has_key (self, msg) ? SOUP_STATUS_OK
                                                                       : SOUP_STATUS_UNAUTHORIZED,
                                      NULL);
      return;
    }

  if (!request_has_key (self, msg))
    {
      reply_error (self, msg, SOUP_STATUS_UNAUTHORIZED, MSG_UNAUTHORIZED, NULL);
      return;
    }

  if (self->fault_count > 0 && !is_demo_path (path))
    {
      reply_fault (self, msg);
      return;
    }

  match_route (path, &route);

  if (route.kind == ROUTE_NONE)
    {
      reply_error (self, msg, SOUP_STATUS_NOT_FOUND, MSG_NO_SUCH_PATH, NULL);
      return;
    }

  if (!route_allows (&route, method))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", route.allow);
      reply_error (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, MSG_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  switch (route.kind)
    {
    case ROUTE_DOMAIN:
      customer = lookup_customer (self, msg, &route, NULL);
      if (customer == NULL)
        return;
      if (g_str_equal (method, "GET"))
        handle_domain_get (self, msg, customer, route.domain);
      else
        handle_domain_post (self, msg, customer, route.domain);
      break;

    case ROUTE_WITHDRAW:
      customer = lookup_customer (self, msg, &route, &amendment_id);
      if (customer != NULL)
        handle_withdraw (self, msg, customer, amendment_id);
      break;

    case ROUTE_DEMO_APPROVE:
    case ROUTE_DEMO_REJECT:
      customer = lookup_customer (self, msg, &route, &amendment_id);
      if (customer == NULL)
        return;
      if (settle_pending (self, customer->id, amendment_id, route.kind == ROUTE_DEMO_APPROVE))
        reply_empty_object (msg);
      else
        reply_error (self, msg, SOUP_STATUS_NOT_FOUND, MSG_NO_SUCH_AMENDMENT, NULL);
      break;

    case ROUTE_DEMO_DELETE:
    case ROUTE_DEMO_DISABLE_ACCESS:
      customer = lookup_customer (self, msg, &route, NULL);
      if (customer == NULL)
        return;
      md_demo_server_remove_customer (self, customer->id, route.kind == ROUTE_DEMO_DELETE);
      reply_empty_object (msg);
      break;

    case ROUTE_DEMO_RESET:
      md_demo_server_reset (self);
      reply_empty_object (msg);
      break;

    case ROUTE_DEMO_FAULTS:
      handle_faults (self, msg);
      break;

    case ROUTE_DEMO_LATENCY:
      handle_latency (self, msg);
      break;

    case ROUTE_DEMO_AMENDMENTS:
      handle_list_amendments (self, msg);
      break;

    case ROUTE_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
delayed_free (Delayed *delayed)
{
  g_clear_handle_id (&delayed->source_id, g_source_remove);
  g_clear_signal_handler (&delayed->finished_id, delayed->msg);
  g_clear_object (&delayed->msg);
  g_free (delayed);
}

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *delayed = user_data;
  MdDemoServer *self = delayed->self;
  g_autoptr(SoupServerMessage) msg = g_object_ref (delayed->msg);

  delayed->source_id = 0;
  g_ptr_array_remove_fast (self->delayed, delayed);

  handle_request (self, msg);
  soup_server_message_unpause (msg);

  return G_SOURCE_REMOVE;
}

static void
delayed_finished_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  Delayed *delayed = user_data;

  /* The client went away while the request waited: nothing to unpause. */
  g_debug ("a delayed request was abandoned");
  g_ptr_array_remove_fast (delayed->self->delayed, delayed);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  MdDemoServer *self = user_data;
  Delayed *delayed;

  if (self->latency_ms == 0 || is_demo_path (path))
    {
      handle_request (self, msg);
      return;
    }

  delayed = g_new0 (Delayed, 1);
  delayed->self = self;
  delayed->msg = g_object_ref (msg);
  delayed->finished_id = g_signal_connect (msg, "finished",
                                           G_CALLBACK (delayed_finished_cb), delayed);
  delayed->source_id = g_timeout_add (self->latency_ms, delayed_cb, delayed);
  g_ptr_array_add (self->delayed, delayed);

  soup_server_message_pause (msg);
}

static void
reject_oversized (MdDemoServer      *self,
                  SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  g_object_set_data (G_OBJECT (msg), "md-demo-oversized", GINT_TO_POINTER (TRUE));

  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");

  /* A status set before the body is read keeps the handler from running. */
  if (!request_has_key (self, msg))
    reply_error (self, msg, SOUP_STATUS_UNAUTHORIZED, MSG_UNAUTHORIZED, NULL);
  else
    reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, MSG_BODY_TOO_LARGE, NULL);
}

static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  MdDemoServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  if (!is_demo_path (path))
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->request_counts, method));

      g_hash_table_replace (self->request_counts, g_strdup (method), GUINT_TO_POINTER (count + 1));
    }

  if (md_http_server_announces_over (msg, MAX_BODY_SIZE))
    reject_oversized (self, msg);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  MdDemoServer *self = user_data;
  gsize received = md_http_server_count_body (msg, chunk);

  if (received > MAX_BODY_SIZE && g_object_get_data (G_OBJECT (msg), "md-demo-oversized") == NULL)
    reject_oversized (self, msg);

  if (received > MAX_DRAIN_SIZE)
    {
      g_debug ("dropping a connection that kept sending an oversized body");
      md_http_server_hang_up (msg);
    }
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  MdDemoServer *self = user_data;

  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers_cb), self, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
}

static void
md_demo_server_dispose (GObject *object)
{
  MdDemoServer *self = MD_DEMO_SERVER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->delayed, g_ptr_array_unref);

  if (self->server != NULL)
    {
      soup_server_remove_handler (self->server, NULL);
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }

  g_clear_object (&self->webhook_session);

  G_OBJECT_CLASS (md_demo_server_parent_class)->dispose (object);
}

static void
md_demo_server_finalize (GObject *object)
{
  MdDemoServer *self = MD_DEMO_SERVER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->fault_reference, g_free);
  g_clear_pointer (&self->webhook_url, g_free);
  g_clear_pointer (&self->webhook_key, g_free);
  g_clear_pointer (&self->customers, g_hash_table_unref);
  g_clear_pointer (&self->request_counts, g_hash_table_unref);

  G_OBJECT_CLASS (md_demo_server_parent_class)->finalize (object);
}

static void
md_demo_server_class_init (MdDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = md_demo_server_dispose;
  object_class->finalize = md_demo_server_finalize;

  /**
   * MdDemoServer::pending-changed:
   *
   * An amendment started or stopped waiting for a decision: queued by a
   * POST, withdrawn, approved, rejected, or the server was reset. Emitted
   * on the main context the server runs in, after the change.
   */
  signals[PENDING_CHANGED] = g_signal_new ("pending-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static void
md_demo_server_init (MdDemoServer *self)
{
  self->server = soup_server_new ("server-header", "member-desk-demo-server ", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  g_signal_connect_object (self->server, "request-started",
                           G_CALLBACK (request_started_cb), self, 0);

  self->webhook_session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                         "timeout", 10,
                                                         NULL);
  self->cancellable = g_cancellable_new ();
  self->webhook_key = g_strdup (DEFAULT_WEBHOOK_KEY);
  self->delayed = g_ptr_array_new_with_free_func ((GDestroyNotify) delayed_free);
  self->request_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->customers = md_demo_seed_new_customers ();
  self->next_amendment_id = MD_DEMO_SEED_AMENDMENT_ID_LIMIT + 1;
  self->next_trace_id = G_GUINT64_CONSTANT (6148329870000000000) +
                        (guint64) g_random_int_range (0, 1000000) * 1000;
}

MdDemoServer *
md_demo_server_new (const char *api_key)
{
  MdDemoServer *self = g_object_new (MD_TYPE_DEMO_SERVER, NULL);

  self->api_key = g_strdup (api_key != NULL ? api_key : DEFAULT_API_KEY);

  return self;
}

gboolean
md_demo_server_listen (MdDemoServer  *self,
                       guint          port,
                       GError       **error)
{
  GSList *uris;

  g_return_val_if_fail (MD_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_debug ("demo server listening on port %u", self->port);

  return TRUE;
}

guint
md_demo_server_get_port (MdDemoServer *self)
{
  g_return_val_if_fail (MD_IS_DEMO_SERVER (self), 0);

  return self->port;
}

char *
md_demo_server_get_base_url (MdDemoServer *self)
{
  g_return_val_if_fail (MD_IS_DEMO_SERVER (self), NULL);

  return g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

void
md_demo_server_set_webhook (MdDemoServer *self,
                            const char   *url,
                            const char   *key)
{
  g_return_if_fail (MD_IS_DEMO_SERVER (self));

  g_free (self->webhook_url);
  self->webhook_url = g_strdup (url);
  g_free (self->webhook_key);
  self->webhook_key = g_strdup (key != NULL ? key : DEFAULT_WEBHOOK_KEY);
}

void
md_demo_server_set_latency (MdDemoServer *self,
                            guint         milliseconds)
{
  g_return_if_fail (MD_IS_DEMO_SERVER (self));

  self->latency_ms = milliseconds;
}

void
md_demo_server_inject_faults (MdDemoServer *self,
                              guint         count,
                              guint         status,
                              gboolean      broken_body)
{
  g_return_if_fail (MD_IS_DEMO_SERVER (self));
  g_return_if_fail (broken_body || (status >= 100 && status <= 599));

  self->fault_count = count;
  self->fault_status = status;
  self->fault_broken_body = broken_body;
  g_clear_pointer (&self->fault_reference, g_free);
}

void
md_demo_server_reset (MdDemoServer *self)
{
  g_return_if_fail (MD_IS_DEMO_SERVER (self));

  g_clear_pointer (&self->customers, g_hash_table_unref);
  self->customers = md_demo_seed_new_customers ();
  self->fault_count = 0;
  g_clear_pointer (&self->fault_reference, g_free);
  g_hash_table_remove_all (self->request_counts);
  self->webhooks_done = 0;

  g_debug ("demo server reset to the seed");

  /* The seed has its own pending amendment: whatever waited before, the
   * set is a different one now. */
  g_signal_emit (self, signals[PENDING_CHANGED], 0);
}

gboolean
md_demo_server_remove_customer (MdDemoServer *self,
                                gint64        customer_id,
                                gboolean      deleted)
{
  MdDemoCustomer *customer;
  gboolean had_pending = FALSE;

  g_return_val_if_fail (MD_IS_DEMO_SERVER (self), FALSE);

  customer = g_hash_table_lookup (self->customers, &customer_id);
  if (customer == NULL)
    return FALSE;

  for (guint i = 0; i < MD_N_DOMAINS; i++)
    had_pending = had_pending || customer->domains[i].pending != NULL;

  /* Either way the data can no longer be read: a 404 from now on. */
  g_hash_table_remove (self->customers, &customer_id);
  g_debug ("customer %" G_GINT64_FORMAT " %s", customer_id,
           deleted ? "deleted" : "access disabled");
  if (had_pending)
    g_signal_emit (self, signals[PENDING_CHANGED], 0);

  send_webhook_event (self, customer_id,
                      deleted ? "CUSTOMER_DELETED" : "CUSTOMER_ACCESS_DISABLED");
  return TRUE;
}

gboolean
md_demo_server_approve (MdDemoServer *self,
                        gint64        customer_id,
                        gint64        amendment_id)
{
  g_return_val_if_fail (MD_IS_DEMO_SERVER (self), FALSE);

  return settle_pending (self, customer_id, amendment_id, TRUE);
}

gboolean
md_demo_server_reject (MdDemoServer *self,
                       gint64        customer_id,
                       gint64        amendment_id)
{
  g_return_val_if_fail (MD_IS_DEMO_SERVER (self), FALSE);

  return settle_pending (self, customer_id, amendment_id, FALSE);
}

MdDemoPending *
md_demo_pending_copy (const MdDemoPending *pending)
{
  MdDemoPending *copy;

  g_return_val_if_fail (pending != NULL, NULL);

  copy = g_new (MdDemoPending, 1);
  *copy = *pending;
  copy->customer_name = g_strdup (pending->customer_name);
  copy->summary = g_strdup (pending->summary);

  return copy;
}

void
md_demo_pending_free (MdDemoPending *pending)
{
  if (pending == NULL)
    return;

  g_free (pending->customer_name);
  g_free (pending->summary);
  g_free (pending);
}

static char *
customer_name (MdDemoCustomer *customer)
{
  MdRecord *master = customer->domains[MD_DOMAIN_MASTER].values;
  const char *parts[3] = { NULL, };
  guint n = 0;

  if (master == NULL)
    return NULL;

  if (md_record_get (master, "firstName") != NULL)
    parts[n++] = md_record_get (master, "firstName");
  if (md_record_get (master, "lastName") != NULL)
    parts[n++] = md_record_get (master, "lastName");

  return n > 0 ? g_strjoinv (" ", (char **) parts) : NULL;
}

/* The labels of the fields @proposed changes, in description order. */
static char *
change_summary (MdRecord *current,
                MdRecord *proposed)
{
  const MdDomainInfo *info;
  g_autoptr(MdRecord) empty = NULL;
  g_autoptr(GString) text = NULL;
  g_auto(GStrv) changed = NULL;

  if (proposed == NULL)
    return NULL;

  info = md_record_get_info (proposed);
  if (current == NULL)
    current = empty = md_record_new (info->domain);

  changed = md_record_diff (current, proposed);
  text = g_string_new (NULL);

  for (guint i = 0; changed[i] != NULL; i++)
    {
      int index = md_domain_info_find_field (info, changed[i]);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, index >= 0 ? _(info->fields[index].label) : changed[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

GPtrArray *
md_demo_server_list_pending (MdDemoServer *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GPtrArray *list;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (MD_IS_DEMO_SERVER (self), NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) md_demo_pending_free);

  g_hash_table_iter_init (&iter, self->customers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_ids);

  for (guint i = 0; i < ids->len; i++)
    {
      MdDemoCustomer *customer = g_hash_table_lookup (self->customers, ids->pdata[i]);

      for (guint d = 0; d < MD_N_DOMAINS; d++)
        {
          MdDemoDomainState *state = &customer->domains[d];
          MdDemoPending *pending;

          if (state->pending == NULL)
            continue;

          pending = g_new0 (MdDemoPending, 1);
          pending->customer_id = customer->id;
          pending->customer_name = customer_name (customer);
          pending->domain = d;
          pending->amendment_id = md_amendment_get_id (state->pending);
          pending->summary = change_summary (state->values,
                                             md_amendment_get_values (state->pending));
          g_ptr_array_add (list, pending);
        }
    }

  return list;
}

guint
md_demo_server_get_request_count (MdDemoServer *self,
                                  const char   *method)
{
  g_return_val_if_fail (MD_IS_DEMO_SERVER (self), 0);
  g_return_val_if_fail (method != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->request_counts, method));
}

guint
md_demo_server_get_webhook_count (MdDemoServer *self)
{
  g_return_val_if_fail (MD_IS_DEMO_SERVER (self), 0);

  return self->webhooks_done;
}

void
md_demo_server_set_fault_reference (MdDemoServer *self,
                                    const char   *reference)
{
  g_return_if_fail (MD_IS_DEMO_SERVER (self));

  g_free (self->fault_reference);
  self->fault_reference = g_strdup (reference);
}

/* test-hostile-ui.c: the whole app against a studio that answers one thing badly
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "md-connect-page.h"
#include "md-test-ui.h"
#include "md-test-utils.h"
#include "md-window.h"

#define CUSTOMER            1001
#define STUDIO_KEY          "hostile-ui-key"
#define SERVER_IO_SECONDS   15
/* Seconds: a stalled answer ends soon, and a loopback answer never takes one. */
#define CLIENT_TIMEOUT      1
#define HUGE_SIZE           (5 * 1024 * 1024)
/* Shorter than the retries a GET makes, so that a read gets through. */
#define SHORT_BURST         3

#define TEXT_INSTANT    "Changes apply immediately"
#define TEXT_REVIEWED   "Changes are sent to the studio for approval"
#define TEXT_PENDING    "A change is waiting for the studio's approval"
#define TEXT_UNKNOWN    "These details can't be changed here: the studio uses a setting " \
                        "this version of Member Desk does not know"
#define TEXT_RATE       "Rate limit exceeded."
#define TEXT_SERVER     "The studio server had a problem"
#define TEXT_UNREADABLE "The studio server sent an answer that could not be read"
#define TEXT_BUSY       "The studio server is busy; try again shortly"

/* The real window, connected to a studio on loopback that behaves for
 * everything but one operation of one domain. That one gets, case by case,
 * each answer of "What the client must survive" (CONTRACT.md). */

typedef enum
{
  KIND_UNKNOWN_FIELDS,
  KIND_MISSING_OPTIONAL,
  KIND_NULL_STRING,
  KIND_UNKNOWN_ENUM,
  KIND_ERROR_EMPTY,       /* 500, empty body */
  KIND_ERROR_TEXT,        /* 502, plain text from a proxy */
  KIND_ERROR_HTML,        /* 500, an HTML error page */
  KIND_OK_ARRAY,          /* 200, the answer wrapped in an array */
  KIND_OK_STRING,         /* 200, a JSON string */
  KIND_OK_WRONG_OBJECT,   /* 200, an object with members of the wrong type */
  KIND_HUGE,              /* 200, HUGE_SIZE bytes, chunked */
  KIND_STALL,             /* 200, half the body, then nothing */
  KIND_CLOSED,            /* the connection closes without an answer */
  KIND_BURST_SHORT,       /* 503, 429, 503, then good answers */
  KIND_BURST_429,         /* 429 for the whole case */
  KIND_BURST_503,         /* 503 for the whole case */
  N_KINDS
} Kind;

/* Each answer: its name; whether the studio did what was asked (a 2xx
 * means it did, whatever its body; an error status or a dropped connection
 * means it did not); whether a read must take it as it is; and what the
 * app makes of it where it cannot use it (NULL: never). */
static const struct
{
  const char *name;
  gboolean    lands;
  gboolean    lenient_read;
  const char *failure;
} kinds[N_KINDS] = {
  [KIND_UNKNOWN_FIELDS]   = { "unknown-fields",          TRUE,  TRUE,  NULL },
  [KIND_MISSING_OPTIONAL] = { "missing-optional-fields", TRUE,  TRUE,  NULL },
  [KIND_NULL_STRING]      = { "null-for-string",         TRUE,  TRUE,  NULL },
  [KIND_UNKNOWN_ENUM]     = { "unknown-enum",            TRUE,  FALSE, NULL },
  [KIND_ERROR_EMPTY]      = { "error-empty-body",        FALSE, FALSE, TEXT_SERVER " (HTTP 500)" },
  [KIND_ERROR_TEXT]       = { "error-non-json-body",     FALSE, FALSE, TEXT_SERVER " (HTTP 502)" },
  [KIND_ERROR_HTML]       = { "error-html-page",         FALSE, FALSE, TEXT_SERVER " (HTTP 500)" },
  [KIND_OK_ARRAY]         = { "ok-array",                TRUE,  FALSE, TEXT_UNREADABLE },
  [KIND_OK_STRING]        = { "ok-string",               TRUE,  FALSE, TEXT_UNREADABLE },
  [KIND_OK_WRONG_OBJECT]  = { "ok-wrong-object",         TRUE,  FALSE, TEXT_UNREADABLE },
  [KIND_HUGE]             = { "huge-body",               TRUE,  FALSE,
                              "The studio server sent an answer that is too large" },
  [KIND_STALL]            = { "stall-mid-body",          TRUE,  FALSE,
                              "The studio server took too long to answer" },
  [KIND_CLOSED]           = { "closed-connection",       FALSE, FALSE,
                              "The studio server could not be reached" },
  [KIND_BURST_SHORT]      = { "short-burst",             FALSE, TRUE,  TEXT_BUSY },
  [KIND_BURST_429]        = { "burst-429",               FALSE, FALSE, TEXT_RATE },
  [KIND_BURST_503]        = { "burst-503",               FALSE, FALSE, TEXT_BUSY },
};

typedef enum
{
  OP_OPEN,              /* the GET when the member opens */
  OP_SAVE,              /* the POST of a typed edit */
  OP_WITHDRAW,          /* the DELETE of a waiting change */
  OP_REFETCH,           /* the GET after a POST that went well */
  OP_WITHDRAW_REFETCH,  /* the GET after a DELETE that went well */
  N_OPS
} Op;

/* Each operation: its name, and the method of the request answered badly. */
static const struct
{
  const char *name;
  const char *method;
} ops[N_OPS] = {
  [OP_OPEN]             = { "open", "GET" },
  [OP_SAVE]             = { "save", "POST" },
  [OP_WITHDRAW]         = { "withdraw", "DELETE" },
  [OP_REFETCH]          = { "refetch", "GET" },
  [OP_WITHDRAW_REFETCH] = { "withdraw-refetch", "GET" },
};

/* The studio's member, domain by domain: as seeded; how the studio handles
 * changes, where no change waits; and what the member types on the page
 * before saving. */
static const struct
{
  const char *seed_json;
  gboolean    instant;
  const char *edit_field;
  const char *edit_value;
} members[MD_N_DOMAINS] = {
  [MD_DOMAIN_CONTACT] = {
    "{\"email\":\"lena.hoffmann@example.org\",\"phonePrivateMobile\":\"+49 151 23456789\"}",
    TRUE, "email", "lena.berger@example.org"
  },
  [MD_DOMAIN_ADDRESS] = {
    "{\"street\":\"Lindenstraße\",\"houseNumber\":\"12a\",\"zipCode\":\"10969\","
    "\"city\":\"Berlin\",\"countryCode\":\"DE\"}",
    FALSE, "city", "Potsdam"
  },
  [MD_DOMAIN_MASTER] = {
    "{\"customerTitle\":\"NONE\",\"firstName\":\"Lena\",\"lastName\":\"Hoffmann\","
    "\"gender\":\"FEMALE\",\"dateOfBirth\":\"1990-04-12\",\"countryOfBirth\":\"DE\"}",
    TRUE, "firstName", "Lena-Marie"
  },
  [MD_DOMAIN_PAYMENT] = {
    "{\"accountHolder\":\"Lena Hoffmann\",\"iban\":\"DE89370400440532013000\","
    "\"bic\":\"COBADEFFXXX\",\"bankName\":\"Commerzbank\"}",
    FALSE, "accountHolder", "Lena Hoffmann-Berger"
  },
};

/* The cases: each operation of each domain, answered each way. */

#define N_CASES (N_OPS * MD_N_DOMAINS * N_KINDS)

static guint
case_index (Op       op,
            MdDomain domain,
            Kind     kind)
{
  return (op * MD_N_DOMAINS + domain) * N_KINDS + kind;
}

static char *
case_name (Op       op,
           MdDomain domain,
           Kind     kind)
{
  return g_strdup_printf ("%s/%s/%s", ops[op].name, md_domain_get_info (domain)->id,
                          kinds[kind].name);
}

/* Which cases run, and how many of each ran. */
static struct
{
  gboolean  chosen[N_CASES];
  char     *skip_reason;
  guint     per_kind[N_KINDS];
  guint     per_domain[MD_N_DOMAINS];
  guint     per_op[N_OPS];
  guint     retried;    /* failed re-reads tried again from the page */
} sample;

/* All the cases, or with MD_HOSTILE_SAMPLE=N (where each case takes long,
 * as under memcheck) the first N of an order that takes the answers, the
 * operations and the domains in turn: the j-th has answer j mod 16,
 * operation j mod 5 and domain (j + j / 16) mod 4. Any N from 16 up has
 * each answer, operation and domain; from 64, each answer in each domain;
 * from 80, also each answer with each operation. 16 and 5 being coprime
 * and the domain moving on by one every 16, the first 320 are all the
 * cases, once each. */
static void
choose_sample (void)
{
  const char *text = g_getenv ("MD_HOSTILE_SAMPLE");
  guint64 size = N_CASES;
  guint per_kind[N_KINDS] = { 0 };
  guint per_domain[MD_N_DOMAINS] = { 0 };
  guint per_op[N_OPS] = { 0 };

  if (text != NULL &&
      !g_ascii_string_to_unsigned (text, 10, N_KINDS, N_CASES, &size, NULL))
    g_error ("MD_HOSTILE_SAMPLE=%s is not a whole number from %u to %u", text, N_KINDS, N_CASES);

  for (guint j = 0; j < size; j++)
    {
      Kind kind = j % N_KINDS;
      Op op = j % N_OPS;
      MdDomain domain = (j + j / N_KINDS) % MD_N_DOMAINS;
      guint index = case_index (op, domain, kind);

      g_assert_false (sample.chosen[index]);
      sample.chosen[index] = TRUE;
      per_kind[kind]++;
      per_domain[domain]++;
      per_op[op]++;
    }

  for (guint i = 0; i < N_KINDS; i++)
    g_assert_cmpuint (per_kind[i], >, 0);
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    g_assert_cmpuint (per_domain[i], >, 0);
  for (guint i = 0; i < N_OPS; i++)
    g_assert_cmpuint (per_op[i], >, 0);

  sample.skip_reason = g_strdup_printf ("not in the sample of %u (MD_HOSTILE_SAMPLE)",
                                        (guint) size);
}

/* A threaded HTTP/1.1 server, one request per connection and blocking
 * I/O, so that it can misbehave byte by byte without taking time from the
 * main loop whose stalls the test measures. */

typedef enum
{
  SEND_WHOLE,
  SEND_STALL,   /* half the body, then nothing until the client gives up */
  SEND_CLOSE,   /* no answer at all */
  SEND_HUGE,    /* HUGE_SIZE bytes of chunked body */
} Send;

typedef struct
{
  Send        send;
  guint       status;
  const char *content_type;   /* NULL: no Content-Type */
  char       *body;
} Reply;

typedef struct
{
  GMutex          mutex;
  GSocketService *service;
  guint16         port;
  guint           active;

  /* The member, as the studio holds it. */
  JsonObject     *values[MD_N_DOMAINS];
  gboolean        instant[MD_N_DOMAINS];
  JsonObject     *proposed[MD_N_DOMAINS];   /* the waiting change, or NULL */
  gint64          pending_id[MD_N_DOMAINS];
  gint64          next_id;

  /* The one operation answered badly. */
  gboolean        armed;
  const char     *method;
  MdDomain        domain;
  Kind            kind;
  guint           hostile_answers;
} Studio;

static gboolean
write_head (GOutputStream *output,
            const Reply   *reply,
            gsize          content_length,
            gboolean       chunked)
{
  g_autoptr(GString) head = g_string_new (NULL);

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", reply->status,
                          soup_status_get_phrase (reply->status));
  if (reply->content_type != NULL)
    g_string_append_printf (head, "Content-Type: %s\r\n", reply->content_type);
  if (chunked)
    g_string_append (head, "Transfer-Encoding: chunked\r\n");
  else
    g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\n", content_length);
  g_string_append (head, "Connection: close\r\n\r\n");

  return g_output_stream_write_all (output, head->str, head->len, NULL, NULL, NULL);
}

/* Until the client closes its end, bounded by the socket timeout. */
static void
wait_for_client_close (GSocketConnection *connection)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  char buffer[256];
  gssize n;

  do
    n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);
  while (n > 0);
}

/* Valid JSON for as long as the client reads: one very long string. */
static void
write_huge (GOutputStream *output,
            const Reply   *reply)
{
  g_autofree char *chunk = g_malloc (65536);
  g_autofree char *size_line = g_strdup_printf ("%x\r\n", 65536);
  gsize written = 0;

  memset (chunk, 'a', 65536);
  memcpy (chunk, "{\"email\":\"", 10);

  if (!write_head (output, reply, 0, TRUE))
    return;

  while (written < HUGE_SIZE)
    {
      if (!g_output_stream_write_all (output, size_line, strlen (size_line), NULL, NULL, NULL) ||
          !g_output_stream_write_all (output, chunk, 65536, NULL, NULL, NULL) ||
          !g_output_stream_write_all (output, "\r\n", 2, NULL, NULL, NULL))
        return;

      written += 65536;
      if (written == 65536)
        memset (chunk, 'a', 10);
    }

  g_output_stream_write_all (output, "2\r\n\"}\r\n0\r\n\r\n", 12, NULL, NULL, NULL);
}

static char *
node_to_string (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("");
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);

  return node;
}

static JsonNode *
error_node (const char *message)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "errorMessage", message);
  json_object_set_string_member (object, "traceId", "6148329870012345678");

  return object_node (object);
}

/* Only the domain's own fields of @object, as the studio keeps them. */
static JsonObject *
domain_fields (MdDomain    domain,
               JsonObject *object)
{
  const MdDomainInfo *info = md_domain_get_info (domain);
  JsonObject *fields = json_object_new ();

  for (guint i = 0; i < info->n_fields; i++)
    {
      JsonNode *node = json_object_get_member (object, info->fields[i].name);

      if (node != NULL)
        json_object_set_member (fields, info->fields[i].name, json_node_copy (node));
    }

  return fields;
}

static void
copy_members (JsonObject *from,
              JsonObject *to)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, from);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (to, name, json_node_copy (node));
}

static JsonNode *
amendment_node (gint64      id,
                JsonObject *values)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", id);
  if (values != NULL)
    copy_members (values, object);

  return object_node (object);
}

/* What a GET of @domain answers; locked. */
static JsonNode *
studio_snapshot (Studio   *studio,
                 MdDomain  domain)
{
  JsonObject *object = json_object_new ();

  copy_members (studio->values[domain], object);
  json_object_set_string_member (object, "amendmentConfigurationStatus",
                                 studio->proposed[domain] != NULL || !studio->instant[domain]
                                 ? "CHANGES_REQUIRE_VERIFICATION"
                                 : "CHANGES_WITHOUT_VERIFICATION");
  if (studio->proposed[domain] != NULL)
    json_object_set_member (object, "pendingAmendment",
                            amendment_node (studio->pending_id[domain], studio->proposed[domain]));
  if (domain == MD_DOMAIN_PAYMENT)
    json_object_set_boolean_member (object, "requireSignature", FALSE);

  return object_node (object);
}

/* The well-behaved studio: does what @method asks, returns the status and
 * sets @answer to the body (NULL for none). Locked. */
static guint
studio_serve (Studio      *studio,
              const char  *method,
              int          domain,
              const char  *body,
              JsonNode   **answer)
{
  *answer = NULL;

  if (domain < 0)
    {
      *answer = error_node ("Entity not found.");
      return 404;
    }

  if (g_str_equal (method, "GET"))
    {
      *answer = studio_snapshot (studio, domain);
      return 200;
    }

  if (g_str_equal (method, "POST"))
    {
      g_autoptr(JsonNode) request = json_from_string (body, NULL);
      JsonObject *fields;
      gint64 id = studio->next_id++;

      if (request == NULL || !JSON_NODE_HOLDS_OBJECT (request))
        {
          *answer = error_node ("The request body is not a JSON object.");
          return 400;
        }

      if (studio->proposed[domain] != NULL)
        {
          *answer = error_node ("There is already a pending change request for this data.");
          return 409;
        }

      fields = domain_fields (domain, json_node_get_object (request));
      *answer = amendment_node (id, fields);
      if (studio->instant[domain])
        {
          json_object_unref (studio->values[domain]);
          studio->values[domain] = fields;
        }
      else
        {
          studio->proposed[domain] = fields;
          studio->pending_id[domain] = id;
        }
      return 200;
    }

  if (g_str_equal (method, "DELETE"))
    {
      g_clear_pointer (&studio->proposed[domain], json_object_unref);
      studio->pending_id[domain] = 0;
      return 200;
    }

  *answer = error_node ("Method not allowed.");
  return 405;
}

static void
add_unknown_members (JsonObject *object)
{
  json_object_set_string_member (object, "memberSince", "2019-03-01");
  json_object_set_int_member (object, "loyaltyPoints", 1200);
  json_object_set_member (object, "preferences",
                          json_from_string ("{\"newsletter\":true,"
                                            "\"channels\":[\"EMAIL\",null,{\"x\":1.5}]}", NULL));
}

/* The answer of a 2xx @kind, made from the good one (@answer, may be NULL). */
static char *
twist_answer (Kind        kind,
              const char *method,
              MdDomain    domain,
              JsonNode   *answer)
{
  const MdDomainInfo *info = md_domain_get_info (domain);
  gboolean is_get = g_str_equal (method, "GET");
  JsonObject *object = answer != NULL ? json_node_get_object (answer) : NULL;
  JsonNode *pending_node = object != NULL ? json_object_get_member (object, "pendingAmendment")
                                          : NULL;
  JsonObject *pending = pending_node != NULL ? json_node_get_object (pending_node) : NULL;
  g_autofree char *good = node_to_string (answer);

  switch (kind)
    {
    case KIND_UNKNOWN_FIELDS:
      if (object == NULL)
        return g_strdup ("{\"withdrawnAt\":\"2026-03-02T10:00:00Z\",\"memberSince\":null}");
      add_unknown_members (object);
      if (pending != NULL)
        add_unknown_members (pending);
      return node_to_string (answer);

    case KIND_MISSING_OPTIONAL:
      if (object == NULL)
        return g_strdup ("");
      if (!is_get)
        return g_strdup ("{}");
      for (guint i = 0; i < info->n_fields; i++)
        {
          if (!info->fields[i].required)
            json_object_remove_member (object, info->fields[i].name);
        }
      json_object_remove_member (object, "requireSignature");
      /* Some reference pages show a waiting change as its id alone. */
      if (pending != NULL)
        {
          gint64 id = json_object_get_int_member (pending, "id");

          json_object_set_member (object, "pendingAmendment",
                                  amendment_node (id, NULL));
        }
      return node_to_string (answer);

    case KIND_NULL_STRING:
      if (object == NULL)
        return g_strdup ("null");
      for (guint i = 0; i < info->n_fields; i++)
        {
          if (i == 0 || !json_object_has_member (object, info->fields[i].name))
            json_object_set_null_member (object, info->fields[i].name);
          if (pending != NULL && !json_object_has_member (pending, info->fields[i].name))
            json_object_set_null_member (pending, info->fields[i].name);
        }
      if (is_get && pending == NULL)
        json_object_set_null_member (object, "pendingAmendment");
      return node_to_string (answer);

    case KIND_UNKNOWN_ENUM:
      if (object == NULL)
        return g_strdup ("{\"status\":\"ESCALATED\"}");
      json_object_set_string_member (object, "amendmentConfigurationStatus",
                                     "CHANGES_BY_CARRIER_PIGEON");
      if (domain == MD_DOMAIN_MASTER)
        {
          json_object_set_string_member (object, "gender", "DIVERSE");
          json_object_set_string_member (object, "customerTitle", "MAG");
        }
      if (!is_get)
        json_object_set_string_member (object, "status", "ESCALATED");
      return node_to_string (answer);

    case KIND_OK_ARRAY:
      return g_strdup_printf ("[%s]", *good != '\0' ? good : "{}");

    case KIND_OK_STRING:
      return g_strdup ("\"OK\"");

    case KIND_OK_WRONG_OBJECT:
      if (is_get)
        return g_strdup_printf ("{\"amendmentConfigurationStatus\":[\"CHANGES_WITHOUT_VERIFICATION\"],"
                                "\"%s\":{\"value\":\"x\"}}", info->fields[0].name);
      return g_strdup_printf ("{\"id\":\"seven\",\"%s\":[\"x\"]}", info->fields[0].name);

    case KIND_STALL:
      /* Something to stop in the middle of, even for a DELETE. */
      return *good != '\0' ? g_steal_pointer (&good) : g_strdup ("{\"withdrawn\":true}");

    case KIND_HUGE:
      return g_strdup ("");

    case KIND_ERROR_EMPTY:
    case KIND_ERROR_TEXT:
    case KIND_ERROR_HTML:
    case KIND_CLOSED:
    case KIND_BURST_SHORT:
    case KIND_BURST_429:
    case KIND_BURST_503:
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* The hostile answer to the @index-th request of the case's operation. Locked. */
static void
studio_hostile (Studio     *studio,
                const char *method,
                MdDomain    domain,
                const char *body,
                guint       index,
                Reply      *reply)
{
  reply->send = SEND_WHOLE;
  reply->status = 200;
  reply->content_type = "application/json";

  if (kinds[studio->kind].lands)
    {
      g_autoptr(JsonNode) answer = NULL;

      reply->status = studio_serve (studio, method, domain, body, &answer);
      g_assert_cmpuint (reply->status, ==, 200);
      reply->body = twist_answer (studio->kind, method, domain, answer);
      if (studio->kind == KIND_MISSING_OPTIONAL && answer == NULL)
        reply->content_type = NULL;
      if (studio->kind == KIND_STALL)
        reply->send = SEND_STALL;
      if (studio->kind == KIND_HUGE)
        reply->send = SEND_HUGE;
      return;
    }

  switch (studio->kind)
    {
    case KIND_ERROR_EMPTY:
      reply->status = 500;
      reply->body = g_strdup ("");
      break;

    case KIND_ERROR_TEXT:
      reply->status = 502;
      reply->content_type = "text/plain";
      reply->body = g_strdup ("upstream connect error or disconnect/reset before headers. "
                              "reset reason: connection failure");
      break;

    case KIND_ERROR_HTML:
      reply->status = 500;
      reply->content_type = "text/html; charset=utf-8";
      reply->body = g_strdup ("<!DOCTYPE html>\n<html><head><title>500 Internal Server Error"
                              "</title></head><body><h1>Internal Server Error</h1>"
                              "<p>{\"errorMessage\":\"not this\"}</p></body></html>\n");
      break;

    case KIND_CLOSED:
      reply->send = SEND_CLOSE;
      break;

    case KIND_BURST_SHORT:
      reply->status = index == 1 ? 429 : 503;
      reply->content_type = index == 1 ? "application/json" : "text/html";
      if (index == 1)
        {
          g_autoptr(JsonNode) node = error_node (TEXT_RATE);

          reply->body = node_to_string (node);
        }
      else
        {
          reply->body = g_strdup (index == 0 ? "" : "<html><body>Busy</body></html>");
        }
      break;

    case KIND_BURST_429:
      reply->status = 429;
      {
        g_autoptr(JsonNode) node = error_node (TEXT_RATE);

        reply->body = node_to_string (node);
      }
      break;

    case KIND_BURST_503:
      reply->status = 503;
      reply->content_type = NULL;
      reply->body = g_strdup ("");
      break;

    case KIND_UNKNOWN_FIELDS:
    case KIND_MISSING_OPTIONAL:
    case KIND_NULL_STRING:
    case KIND_UNKNOWN_ENUM:
    case KIND_OK_ARRAY:
    case KIND_OK_STRING:
    case KIND_OK_WRONG_OBJECT:
    case KIND_HUGE:
    case KIND_STALL:
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* The domain a path is about: -1 for none of this member's. For a
 * withdrawal, the domain whose waiting change it names. Locked. */
static int
studio_route (Studio     *studio,
              const char *path)
{
  g_autofree char *prefix = g_strdup_printf ("/v1/customers/%d/self-service/", CUSTOMER);
  const char *rest;
  MdDomain domain;

  if (!g_str_has_prefix (path, prefix))
    return -1;

  rest = path + strlen (prefix);
  if (md_domain_from_path (rest, &domain))
    return domain;

  if (g_str_has_prefix (rest, "amendment/"))
    {
      gint64 id;

      if (!g_ascii_string_to_signed (rest + strlen ("amendment/"), 10, 1, G_MAXINT64, &id, NULL))
        return -1;

      for (guint i = 0; i < MD_N_DOMAINS; i++)
        {
          if (studio->proposed[i] != NULL && studio->pending_id[i] == id)
            return i;
        }
    }

  return -1;
}

static void
studio_answer (Studio      *studio,
               MdTestRawRequest *seen,
               Reply       *reply)
{
  int domain;

  g_mutex_lock (&studio->mutex);

  domain = studio_route (studio, seen->path);
  if (studio->armed && domain == (int) studio->domain &&
      g_str_equal (seen->method, studio->method) &&
      (studio->kind != KIND_BURST_SHORT || studio->hostile_answers < SHORT_BURST))
    {
      studio_hostile (studio, seen->method, domain, seen->body, studio->hostile_answers, reply);
      studio->hostile_answers++;
    }
  else
    {
      g_autoptr(JsonNode) answer = NULL;

      reply->send = SEND_WHOLE;
      reply->status = studio_serve (studio, seen->method, domain, seen->body, &answer);
      reply->content_type = "application/json";
      reply->body = node_to_string (answer);
    }

  g_mutex_unlock (&studio->mutex);
}

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source_object,
        gpointer                user_data)
{
  Studio *studio = user_data;
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(MdTestRawRequest) seen = NULL;
  Reply reply = { 0 };
  gsize length;

  g_socket_set_timeout (g_socket_connection_get_socket (connection), SERVER_IO_SECONDS);

  g_mutex_lock (&studio->mutex);
  studio->active++;
  g_mutex_unlock (&studio->mutex);

  seen = md_test_read_raw_request (input);
  if (seen == NULL)
    goto out;

  studio_answer (studio, seen, &reply);
  length = reply.body != NULL ? strlen (reply.body) : 0;

  switch (reply.send)
    {
    case SEND_WHOLE:
      if (write_head (output, &reply, length, FALSE) && length > 0)
        g_output_stream_write_all (output, reply.body, length, NULL, NULL, NULL);
      break;

    case SEND_STALL:
      if (write_head (output, &reply, length, FALSE))
        g_output_stream_write_all (output, reply.body, length / 2, NULL, NULL, NULL);
      g_output_stream_flush (output, NULL, NULL);
      wait_for_client_close (connection);
      break;

    case SEND_CLOSE:
      break;

    case SEND_HUGE:
      write_huge (output, &reply);
      break;

    default:
      g_assert_not_reached ();
    }

out:
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_free (reply.body);

  g_mutex_lock (&studio->mutex);
  studio->active--;
  g_mutex_unlock (&studio->mutex);

  return TRUE;
}

static Studio *
studio_new (void)
{
  Studio *studio = g_new0 (Studio, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  g_mutex_init (&studio->mutex);
  studio->next_id = 5000;

  studio->service = g_threaded_socket_service_new (16);
  g_signal_connect (studio->service, "run", G_CALLBACK (on_run), studio);
  g_socket_listener_add_address (G_SOCKET_LISTENER (studio->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  studio->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_service_start (studio->service);

  return studio;
}

static gboolean
studio_is_idle (gpointer data)
{
  Studio *studio = data;
  gboolean idle;

  g_mutex_lock (&studio->mutex);
  idle = studio->active == 0;
  g_mutex_unlock (&studio->mutex);

  return idle;
}

static void
studio_clear (Studio *studio)
{
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      g_clear_pointer (&studio->values[i], json_object_unref);
      g_clear_pointer (&studio->proposed[i], json_object_unref);
      studio->pending_id[i] = 0;
    }
}

static void
studio_free (Studio *studio)
{
  g_socket_service_stop (studio->service);
  g_socket_listener_close (G_SOCKET_LISTENER (studio->service));

  /* Handler threads use @studio: let them end first. */
  if (!md_test_spin_until (studio_is_idle, studio))
    g_error ("a server thread did not end");

  g_object_unref (studio->service);
  studio_clear (studio);
  g_mutex_clear (&studio->mutex);
  g_free (studio);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

/* The seeded member; for a withdrawal, @domain has the member's change
 * waiting. Nothing is answered badly until studio_arm(). */
static void
studio_reset (Studio   *studio,
              Op        op,
              MdDomain  domain)
{
  g_mutex_lock (&studio->mutex);

  studio_clear (studio);
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      studio->values[i] = parse_object (members[i].seed_json);
      studio->instant[i] = members[i].instant;
    }

  if (op == OP_WITHDRAW || op == OP_WITHDRAW_REFETCH)
    {
      studio->instant[domain] = FALSE;
      studio->proposed[domain] = parse_object (members[domain].seed_json);
      json_object_set_string_member (studio->proposed[domain], members[domain].edit_field,
                                     members[domain].edit_value);
      studio->pending_id[domain] = studio->next_id++;
    }

  studio->armed = FALSE;
  studio->hostile_answers = 0;

  g_mutex_unlock (&studio->mutex);
}

static void
studio_arm (Studio     *studio,
            const char *method,
            MdDomain    domain,
            Kind        kind)
{
  g_mutex_lock (&studio->mutex);
  studio->armed = TRUE;
  studio->method = method;
  studio->domain = domain;
  studio->kind = kind;
  g_mutex_unlock (&studio->mutex);
}

static void
studio_disarm (Studio *studio)
{
  g_mutex_lock (&studio->mutex);
  studio->armed = FALSE;
  g_mutex_unlock (&studio->mutex);
}

static guint
studio_get_hostile_answers (Studio *studio)
{
  guint n;

  g_mutex_lock (&studio->mutex);
  n = studio->hostile_answers;
  g_mutex_unlock (&studio->mutex);

  return n;
}

/* The app */

static MdApplication *app;
static MdWindow *window;
static Studio *studio;
static GSettings *settings;

/* The main loop's pulse: the time between two frames of the window. */
typedef struct
{
  gint64      last_tick;
  guint64     ticks;
  gint64      case_max;      /* µs, the longest gap in this case */
  gint64      max;           /* µs, the longest in any case */
  char       *max_case;
  guint       cases;
  guint       slow_cases;    /* cases with a gap over 100 ms */
} Frames;

static Frames frames;

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (frames.last_tick != 0)
    frames.case_max = MAX (frames.case_max, now - frames.last_tick);
  frames.last_tick = now;
  frames.ticks++;

  return G_SOURCE_CONTINUE;
}

static gboolean
ticked_since (gpointer data)
{
  return frames.ticks >= *(guint64 *) data + 2;
}

/* Two frames more: the main loop still turns. */
static void
wait_for_frames (void)
{
  guint64 start = frames.ticks;

  g_assert_true (md_test_spin_until (ticked_since, &start));
}

static MdDomainPage *
page (MdDomain domain)
{
  return md_window_get_page (window, domain);
}

static MdState
state_of (MdDomain domain)
{
  return md_test_page_state (window, domain);
}

static gboolean
is_busy (MdState state)
{
  return state == MD_STATE_LOADING || state == MD_STATE_SUBMITTING ||
         state == MD_STATE_WITHDRAWING;
}

static gboolean
all_settled (gpointer data)
{
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      if (is_busy (state_of (i)))
        return FALSE;
    }

  return studio_is_idle (studio);
}

static const char *
label_text (MdDomain    domain,
            const char *name)
{
  GtkWidget *label = md_test_find_named (GTK_WIDGET (page (domain)), name);

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

/* The notice's text while it shows, else NULL. */
static const char *
notice_of (MdDomain domain)
{
  GtkWidget *label = md_test_find_named (GTK_WIDGET (page (domain)), "notice-label");
  GtkWidget *revealer = gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER);

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)))
    return NULL;

  return gtk_label_get_label (GTK_LABEL (label));
}

static const char *
shown_of (MdDomain domain)
{
  GtkWidget *stack = md_test_find_type (GTK_WIDGET (page (domain)), GTK_TYPE_STACK);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static const char *
error_page_of (MdDomain domain)
{
  GtkWidget *error_page = md_test_find_named (GTK_WIDGET (page (domain)), "error-page");

  return adw_status_page_get_description (ADW_STATUS_PAGE (error_page));
}

static void
show_page (MdDomain domain)
{
  md_test_show_page (window, domain);
}

static GtkWidget *
field_row (MdDomain    domain,
           const char *field)
{
  GtkWidget *row = md_test_find_named (GTK_WIDGET (page (domain)), field);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return row;
}

static void
open_member (void)
{
  GtkWidget *entry = md_test_find_named (GTK_WIDGET (window), "member-entry");
  g_autofree char *number = g_strdup_printf ("%d", CUSTOMER);

  gtk_editable_set_text (GTK_EDITABLE (entry), number);
  g_signal_emit_by_name (entry, "activate");
}

/* Whether a label below @root reads @text. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

/* What a case must end in */

typedef enum
{
  SHOWN_STATUS,      /* the status line of a loaded page, no notice */
  SHOWN_NOTICE,      /* the notice above the form */
  SHOWN_ERROR_PAGE,  /* the page that stands in for details never loaded */
} Shown;

typedef struct
{
  MdState  state;
  Shown    shown;
  char    *text;
} Expect;

static Expect
expect (MdState     state,
        Shown       shown,
        const char *format,
        ...) G_GNUC_PRINTF (3, 4);

static Expect
expect (MdState     state,
        Shown       shown,
        const char *format,
        ...)
{
  Expect result = { state, shown, NULL };
  va_list args;

  va_start (args, format);
  result.text = g_strdup_vprintf (format, args);
  va_end (args);

  return result;
}

/* What the app makes of an answer it cannot use. */
static const char *
failure_text (Kind kind)
{
  g_assert_nonnull (kinds[kind].failure);
  return kinds[kind].failure;
}

static Expect
expect_for (Op       op,
            MdDomain domain,
            Kind     kind)
{
  gboolean instant = members[domain].instant;
  MdState loaded = instant ? MD_STATE_EDITABLE : MD_STATE_PENDING;
  const char *loaded_text = instant ? TEXT_INSTANT : TEXT_PENDING;

  switch (op)
    {
    case OP_OPEN:
      if (kinds[kind].lenient_read)
        return expect (MD_STATE_EDITABLE, SHOWN_STATUS, "%s",
                       instant ? TEXT_INSTANT : TEXT_REVIEWED);
      if (kind == KIND_UNKNOWN_ENUM)
        return expect (MD_STATE_READ_ONLY, SHOWN_STATUS, "%s", TEXT_UNKNOWN);
      return expect (MD_STATE_LOAD_FAILED, SHOWN_ERROR_PAGE, "%s", failure_text (kind));

    case OP_SAVE:
      /* Whatever the answer looked like, the re-read tells what happened. */
      if (kinds[kind].lands)
        return expect (loaded, SHOWN_STATUS, "%s", loaded_text);
      if (kind == KIND_CLOSED)
        return expect (MD_STATE_EDITABLE, SHOWN_NOTICE, "%s",
                       "Your change did not reach the studio. Your edits are kept: try again.");
      return expect (MD_STATE_EDITABLE, SHOWN_NOTICE, "Your change did not go through: %s",
                     failure_text (kind));

    case OP_WITHDRAW:
      if (kinds[kind].lands)
        return expect (MD_STATE_EDITABLE, SHOWN_STATUS, "%s", TEXT_REVIEWED);
      if (kind == KIND_CLOSED)
        return expect (MD_STATE_PENDING, SHOWN_NOTICE, "%s",
                       "The change could not be withdrawn. Try again.");
      return expect (MD_STATE_PENDING, SHOWN_NOTICE, "The change could not be withdrawn: %s",
                     failure_text (kind));

    case OP_REFETCH:
      if (kinds[kind].lenient_read || (kind == KIND_UNKNOWN_ENUM && !instant))
        return expect (loaded, SHOWN_STATUS, "%s", loaded_text);
      if (kind == KIND_UNKNOWN_ENUM)
        return expect (MD_STATE_READ_ONLY, SHOWN_STATUS, "%s", TEXT_UNKNOWN);
      /* The values shown are from before the save. */
      return expect (MD_STATE_EDITABLE, SHOWN_NOTICE,
                     "Your change went through, but these details could not be read again: %s",
                     failure_text (kind));

    case OP_WITHDRAW_REFETCH:
      if (kinds[kind].lenient_read)
        return expect (MD_STATE_EDITABLE, SHOWN_STATUS, "%s", TEXT_REVIEWED);
      if (kind == KIND_UNKNOWN_ENUM)
        return expect (MD_STATE_READ_ONLY, SHOWN_STATUS, "%s", TEXT_UNKNOWN);
      /* Still the waiting change on the page: the re-read never came. */
      return expect (MD_STATE_PENDING, SHOWN_NOTICE,
                     "The change was withdrawn, but these details could not be read again: %s",
                     failure_text (kind));

    case N_OPS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
state_name (MdState state)
{
  static const char * const names[] = {
    "loading", "load-failed", "read-only", "editable", "pending", "submitting", "withdrawing"
  };

  return state < G_N_ELEMENTS (names) ? names[state] : "?";
}

static void
check_page (const char *name,
            MdDomain    domain,
            Expect      expect)
{
  const char *notice = notice_of (domain);
  const char *text = NULL;

  if (state_of (domain) != expect.state)
    g_error ("%s: %s is %s, not %s (status “%s”, notice “%s”, error “%s”)", name,
             md_domain_get_info (domain)->id, state_name (state_of (domain)),
             state_name (expect.state), label_text (domain, "status-label"),
             notice != NULL ? notice : "", error_page_of (domain));

  switch (expect.shown)
    {
    case SHOWN_STATUS:
      g_assert_cmpstr (shown_of (domain), ==, "form");
      text = label_text (domain, "status-label");
      if (notice != NULL)
        g_error ("%s: %s shows a notice: “%s”", name, md_domain_get_info (domain)->id, notice);
      break;

    case SHOWN_NOTICE:
      g_assert_cmpstr (shown_of (domain), ==, "form");
      text = notice;
      break;

    case SHOWN_ERROR_PAGE:
      g_assert_cmpstr (shown_of (domain), ==, "error");
      text = error_page_of (domain);
      break;

    default:
      g_assert_not_reached ();
    }

  if (g_strcmp0 (text, expect.text) != 0)
    g_error ("%s: %s says “%s”, not “%s”", name, md_domain_get_info (domain)->id,
             text != NULL ? text : "(nothing)", expect.text);
}

/* The member's typed edit is still theirs: in the form, or taken by the
 * studio (now current, or waiting). */
static void
check_edit_kept (const char *name,
                 MdDomain    domain,
                 gboolean    landed)
{
  MdAmendmentMachine *machine = md_domain_page_get_machine (page (domain));
  MdSnapshot *snapshot = md_amendment_machine_get_snapshot (machine);
  const char *field = members[domain].edit_field;
  const char *typed = members[domain].edit_value;

  if (!landed)
    {
      GtkWidget *row = md_test_find_named (GTK_WIDGET (page (domain)), field);

      if (g_strcmp0 (md_record_get (md_domain_page_get_draft (page (domain)), field), typed) != 0)
        g_error ("%s: the typed %s is gone", name, field);
      /* Shown where it can be typed on, not just kept out of sight. */
      if (row == NULL || !ADW_IS_ENTRY_ROW (row) ||
          g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), typed) != 0)
        g_error ("%s: the typed %s is not in the form", name, field);
      return;
    }

  if (md_snapshot_get_pending (snapshot) != NULL)
    g_assert_cmpstr (md_record_get (md_amendment_get_values (md_snapshot_get_pending (snapshot)),
                                    field), ==, typed);
  else
    g_assert_cmpstr (md_record_get (md_snapshot_get_values (snapshot), field), ==, typed);
}

static void
run_case (Op       op,
          MdDomain domain,
          Kind     kind)
{
  g_autofree char *name = case_name (op, domain, kind);
  const char *method = ops[op].method;
  Expect expected = expect_for (op, domain, kind);
  guint64 ticks_before;

  g_assert_true (md_test_spin_until (studio_is_idle, studio));
  studio_reset (studio, op, domain);
  if (g_test_verbose ())
    g_test_message ("case %s", name);

  /* The test's own checks of the last case are no stall of the app. */
  frames.case_max = 0;
  frames.last_tick = g_get_monotonic_time ();
  ticks_before = frames.ticks;

  /* In view, so that its form is built from whatever arrives. */
  show_page (domain);
  if (op == OP_OPEN)
    studio_arm (studio, method, domain, kind);

  open_member ();
  g_assert_true (md_test_spin_until (all_settled, NULL));

  switch (op)
    {
    case OP_OPEN:
      break;

    case OP_SAVE:
    case OP_REFETCH:
      g_assert_cmpint (state_of (domain), ==, MD_STATE_EDITABLE);
      gtk_editable_set_text (GTK_EDITABLE (field_row (domain, members[domain].edit_field)),
                             members[domain].edit_value);
      studio_arm (studio, method, domain, kind);
      g_assert_true (gtk_widget_is_sensitive (md_test_find_named (GTK_WIDGET (page (domain)),
                                                                  "save-button")));
      gtk_widget_activate_action (GTK_WIDGET (page (domain)), "page.save", NULL);
      g_assert_cmpint (state_of (domain), ==, MD_STATE_SUBMITTING);
      break;

    case OP_WITHDRAW:
    case OP_WITHDRAW_REFETCH:
      g_assert_cmpint (state_of (domain), ==, MD_STATE_PENDING);
      g_assert_null (md_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      studio_arm (studio, method, domain, kind);
      gtk_widget_activate_action (GTK_WIDGET (page (domain)), "page.withdraw", NULL);
      g_assert_true (md_test_wait_for_dialog ());
      {
        GtkWindow *dialog = md_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

        /* What its button does: answer, then go. */
        adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "withdraw");
        gtk_window_destroy (dialog);
      }
      g_assert_cmpint (state_of (domain), ==, MD_STATE_WITHDRAWING);
      break;

    case N_OPS:
    default:
      g_assert_not_reached ();
    }

  /* No hang: everything ends, the server's side included. */
  g_assert_true (md_test_spin_until (all_settled, NULL));
  g_assert_cmpuint (studio_get_hostile_answers (studio), >, 0);

  /* No blocked main loop: frames came during the case, and still come. */
  wait_for_frames ();
  g_assert_cmpuint (frames.ticks, >, ticks_before);

  check_page (name, domain, expected);
  g_free (expected.text);
  if (op == OP_SAVE)
    check_edit_kept (name, domain, kinds[kind].lands);
  /* Odd values show as sent, never as something else. */
  if (op == OP_OPEN && kind == KIND_UNKNOWN_ENUM && domain == MD_DOMAIN_MASTER)
    g_assert_true (shows_label (md_test_find_named (GTK_WIDGET (page (domain)), "gender"),
                                "DIVERSE"));
  if (op == OP_OPEN && kind == KIND_NULL_STRING)
    {
      const char *field = md_domain_get_info (domain)->fields[0].name;
      GtkWidget *row = md_test_find_named (GTK_WIDGET (page (domain)), field);

      g_assert_nonnull (row);
      g_assert_null (md_record_get (md_domain_page_get_draft (page (domain)), field));
      if (ADW_IS_ENTRY_ROW (row))
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
    }
  /* Sent, but not shown as such: still in the form rather than lost. */
  if (op == OP_REFETCH && state_of (domain) == MD_STATE_EDITABLE && notice_of (domain) != NULL)
    check_edit_kept (name, domain, FALSE);

  /* The other pages never noticed. */
  for (guint i = 0; i < MD_N_DOMAINS; i++)
    {
      Expect fine = expect (MD_STATE_EDITABLE, SHOWN_STATUS, "%s",
                            members[i].instant ? TEXT_INSTANT : TEXT_REVIEWED);

      if (i != domain)
        check_page (name, i, fine);
      g_free (fine.text);
    }

  /* The change went through but the read after it failed: Try Again
   * reads once more and, with the studio behaving, the page shows what
   * landed and says nothing more. */
  if ((op == OP_REFETCH || op == OP_WITHDRAW_REFETCH) && notice_of (domain) != NULL)
    {
      GtkWidget *retry = md_test_find_named (GTK_WIDGET (page (domain)), "notice-retry");

      g_assert_true (gtk_widget_get_visible (retry));
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (retry)), ==, "page.retry");
      studio_disarm (studio);
      md_test_press (retry);
      g_assert_true (md_test_spin_until (all_settled, NULL));
      if (notice_of (domain) != NULL)
        g_error ("%s: after Try Again the page still says: %s", name, notice_of (domain));
      if (op == OP_REFETCH)
        check_edit_kept (name, domain, TRUE);
      else
        g_assert_null (md_snapshot_get_pending (md_amendment_machine_get_snapshot (
                         md_domain_page_get_machine (page (domain)))));
      sample.retried++;
    }

  frames.cases++;
  sample.per_kind[kind]++;
  sample.per_domain[domain]++;
  sample.per_op[op]++;
  if (frames.case_max > 100 * G_TIME_SPAN_MILLISECOND)
    {
      g_test_message ("%s: the main loop stalled for %" G_GINT64_FORMAT " ms", name,
                      frames.case_max / G_TIME_SPAN_MILLISECOND);
      frames.slow_cases++;
    }
  if (frames.case_max > frames.max)
    {
      frames.max = frames.case_max;
      g_free (frames.max_case);
      frames.max_case = g_steal_pointer (&name);
    }
}

static void
test_case (gconstpointer data)
{
  guint index = GPOINTER_TO_UINT (data);

  if (!sample.chosen[index])
    {
      g_test_skip (sample.skip_reason);
      return;
    }

  run_case (index / (MD_N_DOMAINS * N_KINDS), index / N_KINDS % MD_N_DOMAINS, index % N_KINDS);
}

/* "2" or "1-2": how many of the cases run had each of @n things. */
static char *
times_each (const guint *counts,
            guint        n)
{
  guint least = G_MAXUINT;
  guint most = 0;

  for (guint i = 0; i < n; i++)
    {
      least = MIN (least, counts[i]);
      most = MAX (most, counts[i]);
    }

  return least == most ? g_strdup_printf ("%u", least) : g_strdup_printf ("%u-%u", least, most);
}

static void
print_summary (void)
{
  g_autofree char *per_kind = times_each (sample.per_kind, N_KINDS);
  g_autofree char *per_domain = times_each (sample.per_domain, MD_N_DOMAINS);
  g_autofree char *per_op = times_each (sample.per_op, N_OPS);

  g_test_message ("%u of %u cases (%u operations x %u domains x %u answers; each answer %s "
                  "times, each domain %s, each operation %s); %u failed re-reads tried "
                  "again; longest main-loop stall "
                  "%" G_GINT64_FORMAT " ms (in %s), %u cases over 100 ms; renderer %s",
                  frames.cases, N_CASES, N_OPS, MD_N_DOMAINS, N_KINDS,
                  per_kind, per_domain, per_op, sample.retried,
                  frames.max / G_TIME_SPAN_MILLISECOND,
                  frames.max_case != NULL ? frames.max_case : "none",
                  frames.slow_cases,
                  g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default");
}

/* The window connected to the studio as the connect page does it. */
static MdWindow *
connect_window (MdClient *client)
{
  MdWindow *connected = md_window_new (app);

  gtk_window_present (GTK_WINDOW (connected));
  gtk_widget_activate_action (GTK_WIDGET (connected), "win.show-connect", NULL);
  g_signal_emit_by_name (md_test_find_type (GTK_WIDGET (connected), MD_TYPE_CONNECT_PAGE),
                         "connected", client);
  return connected;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint tick;
  int status;

  /* A client that hangs up makes the server threads write to a closed socket. */
  signal (SIGPIPE, SIG_IGN);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  choose_sample ();

  app = md_test_application_new ();
  settings = g_settings_new (APPLICATION_ID);
  /* Only the case's own operations reach the studio. */
  g_settings_set_uint (settings, "poll-interval", 3600);

  studio = studio_new ();
  url = g_strdup_printf ("http://127.0.0.1:%u", studio->port);
  client = md_client_new (url, STUDIO_KEY, &error);
  g_assert_no_error (error);
  /* Loopback answers take longer than that where everything runs many
   * times slower (the sanitizers, valgrind). */
  md_client_set_timeout (client, CLIENT_TIMEOUT * md_test_wait_multiplier ());
  md_client_set_retry_policy (client, 3, 10);

  window = connect_window (client);
  md_test_wait_for_layout (GTK_WIDGET (window));
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, NULL, NULL);

  /* A test each, so that -p picks one and TAP says which ran. */
  for (Op op = 0; op < N_OPS; op++)
    {
      for (MdDomain domain = 0; domain < MD_N_DOMAINS; domain++)
        {
          for (Kind kind = 0; kind < N_KINDS; kind++)
            {
              g_autofree char *name = case_name (op, domain, kind);
              g_autofree char *path = g_strconcat ("/hostile-ui/", name, NULL);

              g_test_add_data_func (path, GUINT_TO_POINTER (case_index (op, domain, kind)),
                                    test_case);
            }
        }
    }

  status = g_test_run ();
  /* Not a test of its own: GTest would run it before the cases, which
   * are in suites below it. */
  if (frames.cases > 0)
    print_summary ();

  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  gtk_window_destroy (GTK_WINDOW (window));
  studio_free (studio);
  g_settings_reset (settings, "poll-interval");
  g_clear_object (&settings);
  g_clear_object (&app);
  g_free (frames.max_case);
  g_free (sample.skip_reason);

  return status;
}

/* test-machine.c: every transition of the amendment state machine
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "md-amendment-machine.h"
#include "md-error.h"
#include "md-test-utils.h"

#define ADDRESS "\"street\": \"Lindenstraße\", \"houseNumber\": \"12a\", \"zipCode\": \"10969\"," \
                " \"city\": \"Berlin\", \"countryCode\": \"DE\""
#define PROPOSED "\"street\": \"Schillerstraße\", \"houseNumber\": \"4\", \"zipCode\": \"80336\"," \
                 " \"city\": \"München\", \"countryCode\": \"DE\""

static MdSnapshot *
address (const char *mode,
         const char *pending)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf ("{" ADDRESS ", \"amendmentConfigurationStatus\": \"%s\"%s%s%s}",
                          mode,
                          pending != NULL ? ", \"pendingAmendment\": {" : "",
                          pending != NULL ? pending : "",
                          pending != NULL ? "}" : "");

  return md_test_parse_snapshot (MD_DOMAIN_ADDRESS, text, -1);
}

/* The server's answer after the proposal was applied. */
static MdSnapshot *
address_applied (const char *mode)
{
  g_autofree char *text = g_strdup_printf ("{" PROPOSED ", \"amendmentConfigurationStatus\":"
                                           " \"%s\"}", mode);

  return md_test_parse_snapshot (MD_DOMAIN_ADDRESS, text, -1);
}

static MdAmendmentMachine *
loaded (MdSnapshot *snapshot)
{
  MdAmendmentMachine *machine = md_amendment_machine_new (MD_DOMAIN_ADDRESS);
  MdOutcome outcome = { 0 };
  guint ticket;

  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_LOADING);
  ticket = md_amendment_machine_begin_load (machine);
  md_amendment_machine_load_finished (machine, ticket, snapshot, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_NONE);
  md_outcome_clear (&outcome);

  return machine;
}

static void
reload (MdAmendmentMachine *machine,
        MdSnapshot         *snapshot,
        const GError       *error,
        MdOutcome          *outcome)
{
  guint ticket = md_amendment_machine_begin_load (machine);

  g_assert_cmpuint (ticket, !=, 0);
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_LOADING);
  md_amendment_machine_load_finished (machine, ticket, snapshot, error, outcome);
}

static MdRecord *
edited_draft (MdAmendmentMachine *machine)
{
  MdRecord *draft = md_record_copy (md_snapshot_get_values (md_amendment_machine_get_snapshot (machine)));

  md_record_set (draft, "street", "Schillerstraße");
  md_record_set (draft, "houseNumber", "4");
  md_record_set (draft, "zipCode", "80336");
  md_record_set (draft, "city", "München");

  return draft;
}

static GError *
api_error (MdApiError  code,
           guint       status,
           const char *reference)
{
  return md_api_error_new (code, status, "server says no", NULL, reference, NULL);
}

static void
test_load_modes (void)
{
  static const struct {
    const char *mode;
    MdState     state;
    const char *status;
  } cases[] = {
    { "CHANGES_WITHOUT_VERIFICATION", MD_STATE_EDITABLE, "Changes apply immediately" },
    { "CHANGES_REQUIRE_VERIFICATION", MD_STATE_EDITABLE, "Changes are sent to the studio for approval" },
    { "READ", MD_STATE_READ_ONLY, "These details can't be changed here" },
    { "SOMETHING_NEW", MD_STATE_READ_ONLY, "does not know" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MdSnapshot) snapshot = address (cases[i].mode, NULL);
      g_autoptr(MdAmendmentMachine) machine = loaded (snapshot);
      g_autoptr(MdRecord) draft = edited_draft (machine);
      g_autofree char *status = md_amendment_machine_get_status_text (machine);
      gboolean editable = cases[i].state == MD_STATE_EDITABLE;

      g_assert_cmpint (md_amendment_machine_get_state (machine), ==, cases[i].state);
      g_assert_nonnull (strstr (status, cases[i].status));
      g_assert_cmpint (md_amendment_machine_can_edit (machine), ==, editable);
      g_assert_cmpint (md_amendment_machine_can_save (machine, draft), ==, editable);
      g_assert_false (md_amendment_machine_can_withdraw (machine));
      g_assert_null (md_amendment_machine_get_error (machine));
      /* READ offers nothing to send. */
      g_assert_cmpint (md_amendment_machine_begin_submit (machine, draft), ==, editable);
    }
}

static void
test_load_pending (void)
{
  g_autoptr(MdSnapshot) full = address ("CHANGES_REQUIRE_VERIFICATION", "\"id\": 77, " PROPOSED);
  g_autoptr(MdSnapshot) id_only = address ("CHANGES_REQUIRE_VERIFICATION", "\"id\": 78");
  g_autoptr(MdAmendmentMachine) machine = loaded (full);
  g_autoptr(MdAmendmentMachine) machine2 = loaded (id_only);
  g_autoptr(MdRecord) draft = edited_draft (machine);
  g_autofree char *status = md_amendment_machine_get_status_text (machine);

  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_PENDING);
  g_assert_cmpstr (status, ==, "A change is waiting for the studio's approval");
  /* A pending change blocks new edits. */
  g_assert_false (md_amendment_machine_can_edit (machine));
  g_assert_false (md_amendment_machine_can_save (machine, draft));
  g_assert_false (md_amendment_machine_begin_submit (machine, draft));
  g_assert_true (md_amendment_machine_can_withdraw (machine));

  g_assert_cmpint (md_amendment_machine_get_state (machine2), ==, MD_STATE_PENDING);
  g_assert_true (md_amendment_machine_can_withdraw (machine2));
}

static void
test_load_failed (void)
{
  g_autoptr(MdAmendmentMachine) machine = md_amendment_machine_new (MD_DOMAIN_ADDRESS);
  g_autoptr(MdAmendmentMachine) gone = md_amendment_machine_new (MD_DOMAIN_ADDRESS);
  g_autoptr(GError) error = api_error (MD_API_ERROR_UNAVAILABLE, 503, NULL);
  g_autoptr(GError) not_found = api_error (MD_API_ERROR_NOT_FOUND, 404, NULL);
  g_autoptr(MdSnapshot) snapshot = address ("READ", NULL);
  MdOutcome outcome = { 0 };
  g_autofree char *status = NULL;

  reload (machine, NULL, error, &outcome);
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_LOAD_FAILED);
  g_assert_cmpstr (md_amendment_machine_get_error (machine), ==, "server says no");
  g_assert_false (md_amendment_machine_can_edit (machine));
  status = md_amendment_machine_get_status_text (machine);
  g_assert_cmpstr (status, ==, "These details could not be loaded");

  /* Retrying works and clears the error. */
  reload (machine, snapshot, NULL, &outcome);
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_READ_ONLY);
  g_assert_null (md_amendment_machine_get_error (machine));

  reload (gone, NULL, not_found, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_MEMBER_GONE);
  g_assert_cmpint (md_amendment_machine_get_state (gone), ==, MD_STATE_LOAD_FAILED);
  md_outcome_clear (&outcome);
}

static void
test_stale_answer (void)
{
  g_autoptr(MdAmendmentMachine) machine = md_amendment_machine_new (MD_DOMAIN_ADDRESS);
  g_autoptr(MdSnapshot) old_answer = address ("READ", NULL);
  g_autoptr(MdSnapshot) new_answer = address ("CHANGES_WITHOUT_VERIFICATION", NULL);
  MdOutcome outcome = { 0 };
  guint first, second;

  first = md_amendment_machine_begin_load (machine);
  second = md_amendment_machine_begin_load (machine);
  g_assert_cmpuint (first, !=, second);

  md_amendment_machine_load_finished (machine, second, new_answer, NULL, &outcome);
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_EDITABLE);

  /* The older load answers last: ignored. */
  md_amendment_machine_load_finished (machine, first, old_answer, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_NONE);
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_EDITABLE);
  g_assert_true (md_amendment_machine_get_snapshot (machine) == new_answer);

  /* A ticket of 0 (a refused load) is never current. */
  md_amendment_machine_load_finished (machine, 0, old_answer, NULL, &outcome);
  g_assert_true (md_amendment_machine_get_snapshot (machine) == new_answer);
}

static void
test_cancelled_load (void)
{
  g_autoptr(MdSnapshot) snapshot = address ("CHANGES_WITHOUT_VERIFICATION", NULL);
  g_autoptr(MdAmendmentMachine) machine = loaded (snapshot);
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
  MdOutcome outcome = { 0 };

  reload (machine, NULL, cancelled, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_NONE);
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_EDITABLE);
  g_assert_null (md_amendment_machine_get_error (machine));
}

static void
test_can_save (void)
{
  g_autoptr(MdSnapshot) snapshot = address ("CHANGES_WITHOUT_VERIFICATION", NULL);
  g_autoptr(MdAmendmentMachine) machine = loaded (snapshot);
  g_autoptr(MdRecord) draft = md_record_copy (md_snapshot_get_values (snapshot));

  /* Nothing changed. */
  g_assert_false (md_amendment_machine_can_save (machine, draft));
  /* Changed, but invalid. */
  md_record_set (draft, "zipCode", "1");
  g_assert_false (md_amendment_machine_can_save (machine, draft));
  g_assert_false (md_amendment_machine_begin_submit (machine, draft));
  md_record_set (draft, "zipCode", "10967");
  g_assert_true (md_amendment_machine_can_save (machine, draft));
  md_record_set (draft, "city", NULL);
  g_assert_false (md_amendment_machine_can_save (machine, draft));
}

static void
test_submit_applied (void)
{
  g_autoptr(MdSnapshot) snapshot = address ("CHANGES_WITHOUT_VERIFICATION", NULL);
  g_autoptr(MdSnapshot) after = address_applied ("CHANGES_WITHOUT_VERIFICATION");
  g_autoptr(MdAmendmentMachine) machine = loaded (snapshot);
  g_autoptr(MdRecord) draft = edited_draft (machine);
  g_autoptr(MdAmendment) amendment = md_amendment_new (0, draft);
  MdOutcome outcome = { 0 };

  g_assert_true (md_amendment_machine_begin_submit (machine, draft));
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_SUBMITTING);
  /* No second submit, no load that could overtake the answer. */
  g_assert_false (md_amendment_machine_begin_submit (machine, draft));
  g_assert_cmpuint (md_amendment_machine_begin_load (machine), ==, 0);
  g_assert_false (md_amendment_machine_can_edit (machine));

  md_amendment_machine_submit_finished (machine, amendment, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_APPLIED);
  g_assert_cmpstr (outcome.message, ==, "Address saved");
  g_assert_true (outcome.refetch);
  g_assert_false (outcome.keep_edits);

  reload (machine, after, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_NONE);
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_EDITABLE);
  g_assert_cmpstr (md_record_get (md_snapshot_get_values (md_amendment_machine_get_snapshot (machine)),
                                  "city"), ==, "München");
}

static void
test_submit_queued (void)
{
  g_autoptr(MdSnapshot) snapshot = address ("CHANGES_REQUIRE_VERIFICATION", NULL);
  g_autoptr(MdSnapshot) after = address ("CHANGES_REQUIRE_VERIFICATION", "\"id\": 90, " PROPOSED);
  g_autoptr(MdAmendmentMachine) machine = loaded (snapshot);
  g_autoptr(MdRecord) draft = edited_draft (machine);
  g_autoptr(MdAmendment) amendment = md_amendment_new (90, draft);
  MdOutcome outcome = { 0 };

  g_assert_true (md_amendment_machine_begin_submit (machine, draft));
  md_amendment_machine_submit_finished (machine, amendment, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_QUEUED);
  g_assert_cmpstr (outcome.message, ==, "Sent to the studio for approval");
  g_assert_true (outcome.refetch);

  reload (machine, after, NULL, &outcome);
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_PENDING);
  g_assert_true (md_amendment_machine_can_withdraw (machine));
  md_outcome_clear (&outcome);
}

static void
test_submit_errors (void)
{
  static const struct {
    MdApiError     code;
    guint          status;
    const char    *reference;
    MdOutcomeKind  kind;
    MdState        state;
    gboolean       refetch;
  } cases[] = {
    { MD_API_ERROR_CONFLICT, 409, NULL, MD_OUTCOME_CONFLICT, MD_STATE_LOADING, TRUE },
    { MD_API_ERROR_VALIDATION, 400, "zipCode", MD_OUTCOME_INVALID, MD_STATE_EDITABLE, FALSE },
    { MD_API_ERROR_FORBIDDEN, 403, NULL, MD_OUTCOME_REFUSED, MD_STATE_LOADING, TRUE },
    { MD_API_ERROR_SERVER, 500, NULL, MD_OUTCOME_SUBMIT_FAILED, MD_STATE_EDITABLE, FALSE },
    { MD_API_ERROR_RATE_LIMITED, 429, NULL, MD_OUTCOME_SUBMIT_FAILED, MD_STATE_EDITABLE, FALSE },
    { MD_API_ERROR_UNAVAILABLE, 503, NULL, MD_OUTCOME_SUBMIT_FAILED, MD_STATE_EDITABLE, FALSE },
    { MD_API_ERROR_UNAUTHORIZED, 401, NULL, MD_OUTCOME_SUBMIT_FAILED, MD_STATE_EDITABLE, FALSE },
    { MD_API_ERROR_NETWORK, 0, NULL, MD_OUTCOME_UNCERTAIN, MD_STATE_LOADING, TRUE },
    { MD_API_ERROR_TIMEOUT, 0, NULL, MD_OUTCOME_UNCERTAIN, MD_STATE_LOADING, TRUE },
    { MD_API_ERROR_MALFORMED_RESPONSE, 200, NULL, MD_OUTCOME_UNCERTAIN, MD_STATE_LOADING, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MdSnapshot) snapshot = address ("CHANGES_REQUIRE_VERIFICATION", NULL);
      g_autoptr(MdAmendmentMachine) machine = loaded (snapshot);
      g_autoptr(MdRecord) draft = edited_draft (machine);
      g_autoptr(GError) error = api_error (cases[i].code, cases[i].status, cases[i].reference);
      MdOutcome outcome = { 0 };

      g_assert_true (md_amendment_machine_begin_submit (machine, draft));
      md_amendment_machine_submit_finished (machine, NULL, error, &outcome);

      g_assert_cmpint (outcome.kind, ==, cases[i].kind);
      g_assert_nonnull (outcome.message);
      /* Whatever went wrong, the member's typing survives. */
      g_assert_true (outcome.keep_edits);
      g_assert_cmpint (outcome.refetch, ==, cases[i].refetch);
      g_assert_cmpint (md_amendment_machine_get_state (machine), ==, cases[i].state);
      g_assert_cmpstr (outcome.field, ==, cases[i].reference);
      if (cases[i].state == MD_STATE_EDITABLE)
        {
          g_assert_cmpstr (md_amendment_machine_get_error (machine), ==, outcome.message);
          /* The same draft may be sent again. */
          g_assert_true (md_amendment_machine_can_save (machine, draft));
        }
      md_outcome_clear (&outcome);
    }
}

static void
test_conflict_then_pending (void)
{
  g_autoptr(MdSnapshot) snapshot = address ("CHANGES_REQUIRE_VERIFICATION", NULL);
  g_autoptr(MdSnapshot) after = address ("CHANGES_REQUIRE_VERIFICATION", "\"id\": 5, " PROPOSED);
  g_autoptr(MdAmendmentMachine) machine = loaded (snapshot);
  g_autoptr(MdRecord) draft = edited_draft (machine);
  g_autoptr(GError) error = api_error (MD_API_ERROR_CONFLICT, 409, NULL);
  MdOutcome outcome = { 0 };

  g_assert_true (md_amendment_machine_begin_submit (machine, draft));
  md_amendment_machine_submit_finished (machine, NULL, error, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_CONFLICT);

  /* The re-read shows the other change; it is no decision of the studio. */
  reload (machine, after, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_NONE);
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_PENDING);
}

static void
test_lost_answer (void)
{
  g_autoptr(GError) lost = api_error (MD_API_ERROR_NETWORK, 0, NULL);
  g_autoptr(GError) down = api_error (MD_API_ERROR_NETWORK, 0, NULL);
  struct {
    MdSnapshot    *reread;
    const GError  *reread_error;
    MdOutcomeKind  kind;
    gboolean       keep_edits;
    MdState        state;
  } cases[] = {
    { address ("CHANGES_REQUIRE_VERIFICATION", "\"id\": 5, " PROPOSED), NULL,
      MD_OUTCOME_QUEUED, FALSE, MD_STATE_PENDING },
    { address_applied ("CHANGES_REQUIRE_VERIFICATION"), NULL,
      MD_OUTCOME_APPLIED, FALSE, MD_STATE_EDITABLE },
    { address ("CHANGES_REQUIRE_VERIFICATION", NULL), NULL,
      MD_OUTCOME_NOT_SENT, TRUE, MD_STATE_EDITABLE },
    { NULL, down, MD_OUTCOME_SUBMIT_FAILED, TRUE, MD_STATE_EDITABLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MdSnapshot) snapshot = address ("CHANGES_REQUIRE_VERIFICATION", NULL);
      g_autoptr(MdAmendmentMachine) machine = loaded (snapshot);
      g_autoptr(MdRecord) draft = edited_draft (machine);
      MdOutcome outcome = { 0 };

      g_assert_true (md_amendment_machine_begin_submit (machine, draft));
      md_amendment_machine_submit_finished (machine, NULL, lost, &outcome);
      g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_UNCERTAIN);
      g_assert_true (outcome.refetch);

      reload (machine, cases[i].reread, cases[i].reread_error, &outcome);
      g_assert_cmpint (outcome.kind, ==, cases[i].kind);
      g_assert_cmpint (outcome.keep_edits, ==, cases[i].keep_edits);
      g_assert_cmpint (md_amendment_machine_get_state (machine), ==, cases[i].state);
      md_outcome_clear (&outcome);
      g_clear_object (&cases[i].reread);
    }
}

static void
test_withdraw (void)
{
  g_autoptr(MdSnapshot) pending = address ("CHANGES_REQUIRE_VERIFICATION", "\"id\": 5, " PROPOSED);
  g_autoptr(MdSnapshot) after = address ("CHANGES_REQUIRE_VERIFICATION", NULL);
  g_autoptr(MdAmendmentMachine) machine = loaded (pending);
  MdOutcome outcome = { 0 };

  g_assert_true (md_amendment_machine_begin_withdraw (machine));
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_WITHDRAWING);
  g_assert_false (md_amendment_machine_begin_withdraw (machine));
  g_assert_cmpuint (md_amendment_machine_begin_load (machine), ==, 0);

  md_amendment_machine_withdraw_finished (machine, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_WITHDRAWN);
  g_assert_cmpstr (outcome.message, ==, "Change withdrawn");
  g_assert_true (outcome.refetch);

  /* Our own withdrawal is not reported as a rejection. */
  reload (machine, after, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_NONE);
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_EDITABLE);
}

static void
test_withdraw_gone (void)
{
  g_autoptr(MdSnapshot) pending = address ("CHANGES_REQUIRE_VERIFICATION", "\"id\": 5, " PROPOSED);
  g_autoptr(MdSnapshot) approved = address_applied ("CHANGES_REQUIRE_VERIFICATION");
  g_autoptr(MdAmendmentMachine) machine = loaded (pending);
  g_autoptr(GError) error = api_error (MD_API_ERROR_NOT_FOUND, 404, NULL);
  MdOutcome outcome = { 0 };

  g_assert_true (md_amendment_machine_begin_withdraw (machine));
  md_amendment_machine_withdraw_finished (machine, error, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_WITHDRAW_GONE);
  g_assert_true (outcome.refetch);

  /* The re-read tells what became of it. */
  reload (machine, approved, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_APPROVED);
  g_assert_cmpstr (outcome.message, ==, "Your address change was approved");
  md_outcome_clear (&outcome);
}

static void
test_withdraw_failed (void)
{
  g_autoptr(MdSnapshot) pending = address ("CHANGES_REQUIRE_VERIFICATION", "\"id\": 5, " PROPOSED);
  g_autoptr(MdSnapshot) gone = address ("CHANGES_REQUIRE_VERIFICATION", NULL);
  g_autoptr(MdAmendmentMachine) machine = loaded (pending);
  g_autoptr(GError) error = api_error (MD_API_ERROR_SERVER, 500, NULL);
  g_autoptr(GError) lost = api_error (MD_API_ERROR_TIMEOUT, 0, NULL);
  MdOutcome outcome = { 0 };

  g_assert_true (md_amendment_machine_begin_withdraw (machine));
  md_amendment_machine_withdraw_finished (machine, error, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_WITHDRAW_FAILED);
  g_assert_false (outcome.refetch);
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_PENDING);
  g_assert_cmpstr (md_amendment_machine_get_error (machine), ==, "server says no");

  /* A lost answer: the re-read shows it went through. */
  g_assert_true (md_amendment_machine_begin_withdraw (machine));
  md_amendment_machine_withdraw_finished (machine, lost, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_UNCERTAIN);
  reload (machine, gone, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_WITHDRAWN);
  g_assert_cmpint (md_amendment_machine_get_state (machine), ==, MD_STATE_EDITABLE);
  md_outcome_clear (&outcome);
}

static void
test_external_refresh (void)
{
  g_autoptr(MdSnapshot) pending = address ("CHANGES_REQUIRE_VERIFICATION", "\"id\": 5, " PROPOSED);
  g_autoptr(MdSnapshot) approved = address_applied ("CHANGES_REQUIRE_VERIFICATION");
  g_autoptr(MdSnapshot) rejected = address ("CHANGES_REQUIRE_VERIFICATION", NULL);
  g_autoptr(MdSnapshot) id_only = address ("CHANGES_REQUIRE_VERIFICATION", "\"id\": 6");
  g_autoptr(MdSnapshot) turned_read = address ("READ", NULL);
  g_autoptr(MdAmendmentMachine) a = loaded (pending);
  g_autoptr(MdAmendmentMachine) r = loaded (pending);
  g_autoptr(MdAmendmentMachine) d = loaded (id_only);
  g_autoptr(MdAmendmentMachine) e = loaded (rejected);
  g_autoptr(GError) error = api_error (MD_API_ERROR_UNAVAILABLE, 503, NULL);
  MdOutcome outcome = { 0 };

  reload (a, approved, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_APPROVED);
  g_assert_cmpint (md_amendment_machine_get_state (a), ==, MD_STATE_EDITABLE);

  reload (r, rejected, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_REJECTED);
  g_assert_cmpstr (outcome.message, ==, "Your address change was not approved by the studio");

  reload (d, rejected, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_DECIDED);

  /* Still pending: nothing to say. */
  reload (r, pending, NULL, &outcome);
  reload (r, pending, NULL, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_NONE);
  g_assert_cmpint (md_amendment_machine_get_state (r), ==, MD_STATE_PENDING);

  /* The studio may change the mode between reads. */
  reload (e, turned_read, NULL, &outcome);
  g_assert_cmpint (md_amendment_machine_get_state (e), ==, MD_STATE_READ_ONLY);

  /* A failed refresh keeps what is shown. */
  reload (e, NULL, error, &outcome);
  g_assert_cmpint (outcome.kind, ==, MD_OUTCOME_REFRESH_FAILED);
  g_assert_true (outcome.keep_edits);
  g_assert_cmpint (md_amendment_machine_get_state (e), ==, MD_STATE_READ_ONLY);
  g_assert_true (md_amendment_machine_get_snapshot (e) == turned_read);
  g_assert_cmpstr (md_amendment_machine_get_error (e), ==, "server says no");
  md_outcome_clear (&outcome);
}

static void
test_state_notify (void)
{
  g_autoptr(MdAmendmentMachine) machine = md_amendment_machine_new (MD_DOMAIN_ADDRESS);
  g_autoptr(MdSnapshot) snapshot = address ("READ", NULL);
  MdOutcome outcome = { 0 };
  guint notified = 0;
  int state;

  g_signal_connect (machine, "notify::state", G_CALLBACK (md_test_count_notify), &notified);
  reload (machine, snapshot, NULL, &outcome);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (machine, "state", &state, NULL);
  g_assert_cmpint (state, ==, MD_STATE_READ_ONLY);
}

static void
test_signature_flag (void)
{
  g_autoptr(MdSnapshot) snapshot = NULL;
  g_autoptr(MdAmendmentMachine) machine = md_amendment_machine_new (MD_DOMAIN_PAYMENT);
  MdOutcome outcome = { 0 };

  g_assert_false (md_amendment_machine_needs_signature (machine));
  snapshot = md_test_parse_snapshot (MD_DOMAIN_PAYMENT,
                                     "{\"iban\": \"DE89370400440532013000\", \"requireSignature\": true,"
                                     " \"amendmentConfigurationStatus\": \"CHANGES_REQUIRE_VERIFICATION\"}",
                                     -1);
  reload (machine, snapshot, NULL, &outcome);
  g_assert_true (md_amendment_machine_needs_signature (machine));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/machine/load/modes", test_load_modes);
  g_test_add_func ("/machine/load/pending", test_load_pending);
  g_test_add_func ("/machine/load/failed", test_load_failed);
  g_test_add_func ("/machine/load/stale", test_stale_answer);
  g_test_add_func ("/machine/load/cancelled", test_cancelled_load);
  g_test_add_func ("/machine/can-save", test_can_save);
  g_test_add_func ("/machine/submit/applied", test_submit_applied);
  g_test_add_func ("/machine/submit/queued", test_submit_queued);
  g_test_add_func ("/machine/submit/errors", test_submit_errors);
  g_test_add_func ("/machine/submit/conflict-then-pending", test_conflict_then_pending);
  g_test_add_func ("/machine/submit/lost-answer", test_lost_answer);
  g_test_add_func ("/machine/withdraw/ok", test_withdraw);
  g_test_add_func ("/machine/withdraw/gone", test_withdraw_gone);
  g_test_add_func ("/machine/withdraw/failed", test_withdraw_failed);
  g_test_add_func ("/machine/external-refresh", test_external_refresh);
  g_test_add_func ("/machine/state-notify", test_state_notify);
  g_test_add_func ("/machine/signature-flag", test_signature_flag);

  return g_test_run ();
}

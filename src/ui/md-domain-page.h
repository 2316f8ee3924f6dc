/* md-domain-page.h: one domain of the open member, shown and edited
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "md-amendment-machine.h"
#include "md-client.h"
#include "md-signature-dialog.h"

G_BEGIN_DECLS

#define MD_TYPE_DOMAIN_PAGE (md_domain_page_get_type ())

G_DECLARE_FINAL_TYPE (MdDomainPage, md_domain_page, MD, DOMAIN_PAGE, GtkWidget)

MdDomainPage       *md_domain_page_new         (MdDomain      domain);
MdDomain            md_domain_page_get_domain  (MdDomainPage *self);
/* NULL while no member is open. */
MdAmendmentMachine *md_domain_page_get_machine (MdDomainPage *self);
/* The form's values, edits included; NULL while nothing is editable. */
MdRecord           *md_domain_page_get_draft   (MdDomainPage *self);

/* Starts loading the domain of @customer_id, dropping what was shown. */
void                md_domain_page_open        (MdDomainPage *self,
                                                MdClient     *client,
                                                gint64        customer_id);
/* On a shared PC: no date of birth, IBANs masked but for the last four
 * characters, a new IBAN typed blind. */
void                md_domain_page_set_kiosk   (MdDomainPage *self,
                                                gboolean      kiosk);
/* Named in the mandate a member signs for new bank details. */
void                md_domain_page_set_studio  (MdDomainPage *self,
                                                const char   *studio);
/* The signature step while it is open, else NULL. */
MdSignatureDialog  *md_domain_page_get_signature_dialog (MdDomainPage *self);
/* Cancels what is in flight and forgets everything about the member. */
void                md_domain_page_close       (MdDomainPage *self);
/* Reads the domain again, keeping unsent edits; while a read runs, asks
 * for exactly one more. */
void                md_domain_page_reload      (MdDomainPage *self);

G_END_DECLS

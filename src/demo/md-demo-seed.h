/* md-demo-seed.h: the members the demo backend starts with
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "md-snapshot.h"

G_BEGIN_DECLS

typedef struct
{
  MdAmendmentMode  mode;
  MdRecord        *values;
  MdAmendment     *pending;            /* NULL: nothing waits */
  gboolean         require_signature;  /* payment only */
  gboolean         pending_signed;     /* the pending change came with a signature */
} MdDemoDomainState;

typedef struct
{
  gint64             id;
  MdDemoDomainState  domains[MD_N_DOMAINS];
} MdDemoCustomer;

/* Amendment ids of the seed stay below this; new ones are numbered above it. */
#define MD_DEMO_SEED_AMENDMENT_ID_LIMIT G_GINT64_CONSTANT (2000000000)

/* A fresh copy of the seed: gint64 * (the customer's id) -> MdDemoCustomer *,
 * owning its values. */
GHashTable     *md_demo_seed_new_customers  (void);
void            md_demo_customer_free       (MdDemoCustomer *customer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdDemoCustomer, md_demo_customer_free)

typedef struct
{
  gint64      id;
  const char *name;
  const char *summary;  /* untranslated, marked with N_(): what the member shows */
} MdDemoMemberInfo;

/* The seed's members, for a list that lets a new user try each case. */
const MdDemoMemberInfo *md_demo_seed_get_members (guint *n_members);

G_END_DECLS

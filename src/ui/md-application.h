/* md-application.h: the Member Desk application
 *
 * Copyright 2026 The Member Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "md-demo-server.h"
#include "md-secret-store.h"

G_BEGIN_DECLS

#define MD_TYPE_APPLICATION (md_application_get_type ())

G_DECLARE_FINAL_TYPE (MdApplication, md_application, MD, APPLICATION, AdwApplication)

MdApplication *md_application_new             (void);
/* The embedded demo backend, once started; NULL otherwise. */
MdDemoServer  *md_application_get_demo_server (MdApplication  *self);
gboolean       md_application_start_demo      (MdApplication  *self,
                                               GError        **error);
/* Where studio keys are kept: the Secret Service unless a test set another. */
MdSecretStore *md_application_get_secret_store (MdApplication *self);
void           md_application_set_secret_store (MdApplication *self,
                                                MdSecretStore *store);
/* The customer number given with --customer; 0 when there was none. */
gint64         md_application_get_requested_customer (MdApplication *self);

G_END_DECLS

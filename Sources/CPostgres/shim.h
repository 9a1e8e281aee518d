#ifndef INSTAGATE_CPOSTGRES_SHIM_H
#define INSTAGATE_CPOSTGRES_SHIM_H
#include <libpq-fe.h>
#include <postgres_ext.h>
#include <poll.h>

/* The PG_DIAG_* field codes are character-literal macros, which Swift does not import. */
static const int instagate_pg_diag_sqlstate = PG_DIAG_SQLSTATE;
static const int instagate_pg_diag_message_primary = PG_DIAG_MESSAGE_PRIMARY;
static const int instagate_pg_diag_message_detail = PG_DIAG_MESSAGE_DETAIL;
#endif

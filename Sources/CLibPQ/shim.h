#ifndef KADO_CLIBPQ_SHIM_H
#define KADO_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif

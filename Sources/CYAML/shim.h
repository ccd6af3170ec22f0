#ifndef KADO_CYAML_SHIM_H
#define KADO_CYAML_SHIM_H
#include <yaml.h>
#endif

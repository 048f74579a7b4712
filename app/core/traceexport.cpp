#include "traceexport.h"

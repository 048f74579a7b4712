#include "tracecompare.h"
